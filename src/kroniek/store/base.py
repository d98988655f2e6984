"""The event store, for any SQL backend; ``sqlite.py`` and ``postgres.py`` fill in the dialect.

SQL here is written with ``?`` placeholders; a backend whose driver wants
another style converts them in :meth:`Store.sql`.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import math
from dataclasses import dataclass
from importlib.resources import files
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


def _schema(name: str) -> str:
    return files("kroniek.store").joinpath(name).read_text("utf-8")


class Store:
    """Documents and their events in a SQL database. Subclasses set the dialect."""

    #: the schema file for this dialect
    SCHEMA = "schema.sql"
    #: how to start a write transaction
    BEGIN = "BEGIN"
    #: aggregate that joins strings with commas
    GROUP_CONCAT = "group_concat"
    #: errors of the driver that mean the database failed
    DB_ERRORS: tuple[type[BaseException], ...] = ()

    location: str

    def sql(self, statement: str) -> str:
        """The statement in the driver's placeholder style."""
        return statement

    def execute(self, statement: str, params: tuple | list = ()) -> Any:
        return self.conn.execute(self.sql(statement), params)

    def executemany(self, statement: str, rows: list) -> None:
        if rows:
            self.conn.cursor().executemany(self.sql(statement), rows)

    def text_filter(self) -> str:
        """A WHERE clause on documents ``d`` for a full-text query parameter."""
        raise NotImplementedError

    def text_query(self, text: str) -> str:
        """The user's words as this backend's full-text query (all words must occur)."""
        return text

    def describe(self, exc: BaseException) -> str:
        return f"{self.location}: database error: {exc}"

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- writing ----------------------------------------------------------
    def has(self, text: str) -> bool:
        row = self.execute("SELECT 1 FROM documents WHERE content_hash = ?", (content_hash(text),)).fetchone()
        return row is not None

    def write_batch(self, items: Iterable[tuple[Document, list[dict[str, Any]]]], pipeline_version: str) -> int:
        """Write documents with their events in ONE transaction; returns documents added.

        A crash before COMMIT leaves the store as it was; documents already
        present (same content hash) are skipped.
        """
        added = 0
        with self.transaction():
            for doc, records in items:
                if self._insert_document(doc, pipeline_version):
                    self._insert_events(doc, records, pipeline_version)
                    added += 1
        return added

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: COMMIT at the end, ROLLBACK on any error (a driver error becomes a StoreError)."""
        try:
            self.execute(self.BEGIN)
            yield
            self.execute("COMMIT")
        except self.DB_ERRORS as exc:
            self._rollback()
            raise StoreError(self.describe(exc)) from None
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        try:
            self.execute("ROLLBACK")
        except self.DB_ERRORS:
            pass

    def _insert_document(self, doc: Document, pipeline_version: str) -> bool:
        cursor = self.execute(
            "INSERT INTO documents(content_hash, doc_id, title, url, source, lang, pub_date,"
            " pub_precision, origin, reader_spans, text, pipeline_version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT DO NOTHING",
            (content_hash(doc.text), doc.id, doc.title, doc.url, doc.source, doc.lang,
             doc.date.iso() if doc.date else None, doc.date.precision if doc.date else None,
             doc.origin, json.dumps(reader_spans(doc)), doc.text, pipeline_version),
        )
        return cursor.rowcount == 1

    def _insert_events(self, doc: Document, records: list[dict[str, Any]], pipeline_version: str) -> None:
        chash = content_hash(doc.text)
        for record in records:
            self.execute("DELETE FROM events WHERE event_id = ?", (record["event_id"],))
            self.execute(_INSERT_EVENT, event_row(record, chash, pipeline_version))
            self.executemany(
                "INSERT INTO event_actors(event_id, role, text, name, actor_id, country, sector) VALUES (?,?,?,?,?,?,?)",
                [(record["event_id"], a.get("role"), a.get("text") or "", a.get("name"), a.get("id"),
                  a.get("country"), a.get("sector")) for a in record.get("actors") or []],
            )

    def replace_events(self, text: str, records: list[dict[str, Any]], doc: Document, pipeline_version: str) -> None:
        """Swap a stored document's events for new ones (reprocessing), atomically."""
        chash = content_hash(text)
        with self.transaction():
            self.execute("DELETE FROM events WHERE content_hash = ?", (chash,))
            self.execute("UPDATE documents SET pipeline_version = ?, lang = ? WHERE content_hash = ?",
                         (pipeline_version, doc.lang, chash))
            self._insert_events(doc, records, pipeline_version)

    # -- reading ----------------------------------------------------------
    def counts(self) -> dict[str, int]:
        return {table: self.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("documents", "events", "event_actors", "clusters")}

    def documents(self) -> Iterator[Document]:
        rows = self.execute("SELECT doc_id, text, title, url, source, lang, pub_date, origin, reader_spans"
                            " FROM documents ORDER BY ingested_at, content_hash").fetchall()
        for doc_id, text, title, url, source, lang, pub_date, origin, spans in rows:
            doc = Document(text=text, id=doc_id, title=title, url=url, source=source, lang=lang,
                           date=PubDate.parse(pub_date), origin=origin)
            for layer, items in json.loads(spans or "{}").items():
                for start, end, label in items:
                    doc.add(layer, start, end, label)
            yield doc

    def count_events(self, query: Query | None = None) -> int:
        """How many events match ``query`` (ignoring its limit and offset)."""
        query = query or Query()
        unpaged = Query(**{**query.__dict__, "limit": None, "offset": 0})
        if query.near:
            return sum(1 for _ in self.events(unpaged))
        sql, params = build_query(unpaged, self)
        return self.execute(f"SELECT count(*) FROM ({sql}) AS matched", params).fetchone()[0]

    def events(self, query: Query | None = None) -> Iterator[dict[str, Any]]:
        """Output-contract records matching ``query``, with their ``cluster_id``.

        The radius filter is exact (haversine) on top of the SQL bounding box,
        so with ``near`` the paging is done here rather than in SQL.
        """
        query = query or Query()
        near = query.near
        sql_query = Query(**{**query.__dict__, "limit": None, "offset": 0}) if near else query
        sql, params = build_query(sql_query, self)
        matched = (row for row in self.execute(sql, params) if not near or _within(near, row[2], row[3]))
        if near:
            stop = None if query.limit is None else query.offset + query.limit
            matched = itertools.islice(matched, query.offset, stop)
        for record_json, cluster_id, _lat, _lon in matched:
            record = json.loads(record_json)
            record["cluster_id"] = cluster_id
            yield record


_EVENT_COLUMNS = 29
_INSERT_EVENT = "INSERT INTO events VALUES (" + ",".join("?" * _EVENT_COLUMNS) + ")"


def reader_spans(doc: Document) -> dict[str, list[list]]:
    """The spans the reader made (captions, headlines), to rebuild the document for reprocessing."""
    from ..readers import READER_LAYERS

    saved = doc.meta.get("reader_spans")
    if saved is not None:
        return saved
    return {name: [[s.start, s.end, s.label] for s in doc.layers[name]] for name in READER_LAYERS if doc.layers.get(name)}


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


def build_query(query: Query, store: Store) -> tuple[str, list[Any]]:
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
        where.append(store.text_filter())
        params.append(store.text_query(query.text))
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
