"""SQLite backend of the event store."""

from __future__ import annotations

import hashlib
import json
import math
import sqlite3
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..document import Document, PubDate

SCHEMA_VERSION = "1"


class StoreError(Exception):
    """A store problem the user can act on; ``str()`` is one line."""


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class Query:
    """Filters for events; every field is optional and they combine with AND."""

    type: list[str] | None = None
    actor: str | None = None          # name or id, case-insensitive substring
    country: str | None = None        # ISO alpha-3 of the location or of an actor
    near: tuple[float, float, float] | None = None  # lat, lon, radius km
    date_from: str | None = None
    date_to: str | None = None
    source: str | None = None
    text: str | None = None           # FTS5 query over article title and text
    limit: int | None = None
    offset: int = 0


def _sql(name: str) -> str:
    return files("kroniek.store").joinpath(name).read_text("utf-8")


def open_store(location: str) -> "SQLiteStore":
    """The store at ``location``: a SQLite file path (PostgreSQL URLs are not supported yet)."""
    if location.startswith(("postgres://", "postgresql://")):
        raise StoreError("PostgreSQL stores are not supported in this version; use a SQLite file path")
    return SQLiteStore(location)


class SQLiteStore:
    def __init__(self, path: str | Path):
        self.path = str(path)
        try:
            if Path(self.path).is_dir():
                raise StoreError(f"{self.path} is a directory, not a database file")
            self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self._ensure_schema()
        except sqlite3.DatabaseError as exc:
            raise StoreError(_describe(exc, self.path)) from None

    def _ensure_schema(self) -> None:
        self.conn.executescript(_sql("schema.sql"))
        self.conn.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,))

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "SQLiteStore":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- writing ----------------------------------------------------------
    def has(self, text: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM documents WHERE content_hash = ?", (content_hash(text),)).fetchone()
        return row is not None

    def write_batch(self, items: Iterable[tuple[Document, list[dict[str, Any]]]], pipeline_version: str) -> int:
        """Write documents with their events in ONE transaction; returns documents added.

        A crash before COMMIT leaves the store as it was; documents already
        present (same content hash) are skipped.
        """
        added = 0
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            for doc, records in items:
                if self._insert_document(doc, pipeline_version):
                    self._insert_events(doc, records, pipeline_version)
                    added += 1
            self.conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            self._rollback()
            raise StoreError(_describe(exc, self.path)) from None
        except BaseException:
            self._rollback()
            raise
        return added

    def _rollback(self) -> None:
        try:
            self.conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass

    def _insert_document(self, doc: Document, pipeline_version: str) -> bool:
        cursor = self.conn.execute(
            "INSERT OR IGNORE INTO documents(content_hash, doc_id, title, url, source, lang, pub_date,"
            " pub_precision, origin, text, pipeline_version) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (content_hash(doc.text), doc.id, doc.title, doc.url, doc.source, doc.lang,
             doc.date.iso() if doc.date else None, doc.date.precision if doc.date else None,
             doc.origin, doc.text, pipeline_version),
        )
        return cursor.rowcount == 1

    def _insert_events(self, doc: Document, records: list[dict[str, Any]], pipeline_version: str) -> None:
        chash = content_hash(doc.text)
        for record in records:
            self.conn.execute(
                _INSERT_EVENT,
                event_row(record, chash, pipeline_version),
            )
            self.conn.execute("DELETE FROM event_actors WHERE event_id = ?", (record["event_id"],))
            self.conn.executemany(
                "INSERT INTO event_actors(event_id, role, text, name, actor_id, country, sector) VALUES (?,?,?,?,?,?,?)",
                [(record["event_id"], a.get("role"), a.get("text") or "", a.get("name"), a.get("id"),
                  a.get("country"), a.get("sector")) for a in record.get("actors") or []],
            )

    def replace_events(self, text: str, records: list[dict[str, Any]], doc: Document, pipeline_version: str) -> None:
        """Swap a stored document's events for new ones (reprocessing), atomically."""
        chash = content_hash(text)
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            self.conn.execute("DELETE FROM events WHERE content_hash = ?", (chash,))
            self.conn.execute("UPDATE documents SET pipeline_version = ?, lang = ? WHERE content_hash = ?",
                              (pipeline_version, doc.lang, chash))
            self._insert_events(doc, records, pipeline_version)
            self.conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            self._rollback()
            raise StoreError(_describe(exc, self.path)) from None
        except BaseException:
            self._rollback()
            raise

    # -- reading ----------------------------------------------------------
    def counts(self) -> dict[str, int]:
        return {table: self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("documents", "events", "event_actors", "clusters")}

    def documents(self) -> Iterator[Document]:
        rows = self.conn.execute(
            "SELECT doc_id, text, title, url, source, lang, pub_date, origin FROM documents ORDER BY rowid")
        for doc_id, text, title, url, source, lang, pub_date, origin in rows:
            yield Document(text=text, id=doc_id, title=title, url=url, source=source, lang=lang,
                           date=PubDate.parse(pub_date), origin=origin)

    def events(self, query: Query | None = None) -> Iterator[dict[str, Any]]:
        """Output-contract records matching ``query``, with their ``cluster_id``."""
        sql, params = build_query(query or Query())
        for record_json, cluster_id, lat, lon in self.conn.execute(sql, params):
            if query and query.near and not _within(query.near, lat, lon):
                continue
            record = json.loads(record_json)
            record["cluster_id"] = cluster_id
            yield record


_EVENT_COLUMNS = 29
_INSERT_EVENT = "INSERT OR REPLACE INTO events VALUES (" + ",".join("?" * _EVENT_COLUMNS) + ")"


def event_row(record: dict[str, Any], chash: str, pipeline_version: str) -> tuple:
    location = record.get("location") or {}
    when = record.get("date") or {}
    acled = record.get("acled") or {}
    fatalities = record.get("fatalities") or {}
    injured = record.get("injured") or {}
    attribution = record.get("attribution") or {}
    claimant = attribution.get("claimant") or {}
    evidence = record["evidence"]
    verified = attribution.get("verified")
    return (
        record["event_id"], chash, record["doc_id"], record["type"], record.get("mode"),
        acled.get("event_type"), acled.get("sub_event_type"),
        when.get("start"), when.get("end"), when.get("precision"),
        location.get("name"), location.get("geonameid"), location.get("lat"), location.get("lon"),
        location.get("country"), location.get("admin1"), location.get("precision"),
        fatalities.get("min"), fatalities.get("max"), injured.get("min"),
        claimant.get("name") or claimant.get("text"), None if verified is None else int(bool(verified)),
        record.get("modality", "asserted"), int(bool(record.get("negated"))),
        evidence["start"], evidence["end"], None,
        json.dumps(record, ensure_ascii=False), pipeline_version,
    )


def build_query(query: Query) -> tuple[str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if query.type:
        where.append(f"e.type IN ({','.join('?' * len(query.type))})")
        params.extend(t.upper() for t in query.type)
    if query.actor:
        where.append("e.event_id IN (SELECT event_id FROM event_actors WHERE lower(name) LIKE ? OR lower(text) LIKE ?"
                     " OR lower(actor_id) = ?)")
        needle = query.actor.lower()
        params.extend([f"%{needle}%", f"%{needle}%", needle])
    if query.country:
        code = query.country.upper()
        where.append("(e.country = ? OR e.event_id IN (SELECT event_id FROM event_actors WHERE country = ?))")
        params.extend([code, code])
    if query.near:
        lat, lon, radius = query.near
        dlat = radius / 111.0
        dlon = radius / max(1e-6, 111.0 * math.cos(math.radians(lat)))
        where.append("e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?")
        params.extend([lat - dlat, lat + dlat, lon - dlon, lon + dlon])
    if query.date_from:
        where.append("coalesce(e.date_end, e.date_start) >= ?")
        params.append(query.date_from)
    if query.date_to:
        where.append("e.date_start <= ?")
        params.append(query.date_to)
    if query.source:
        where.append("d.source = ?")
        params.append(query.source)
    if query.text:
        where.append("d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)")
        params.append(query.text)
    sql = ("SELECT e.record, e.cluster_id, e.lat, e.lon FROM events e JOIN documents d USING (content_hash)"
           + (" WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY e.date_start, e.event_id")
    if query.limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params.extend([query.limit, query.offset])
    return sql, params


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _within(near: tuple[float, float, float], lat: float | None, lon: float | None) -> bool:
    return lat is not None and lon is not None and haversine_km(near[0], near[1], lat, lon) <= near[2]


def _describe(exc: sqlite3.DatabaseError, path: str) -> str:
    message = str(exc)
    if "file is not a database" in message or "malformed" in message:
        return f"{path}: not a kroniek database, or it is corrupt ({message})"
    if "locked" in message or "busy" in message:
        return f"{path}: the database is locked by another process; try again when it finishes"
    if "disk" in message and ("full" in message or "I/O" in message):
        return f"{path}: the disk is full or failing; nothing of the failed batch was written"
    if "unable to open" in message:
        return f"{path}: cannot open the database (does the folder exist and is it writable?)"
    return f"{path}: database error: {message}"
