"""The web app: a JSON API over the event store, and a single-page UI.

Read-only by default: the store is opened read-only, and the upload
endpoint extracts events from a pasted article without storing them.
"""

from __future__ import annotations

import threading
from datetime import date as Date
from importlib.resources import files
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query as Param
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field, field_validator

from ..event import PLOVER_TYPES
from ..store import Query, Store, StoreError, open_store

#: the largest article the upload endpoint accepts, in characters
MAX_UPLOAD_CHARS = 200_000
MAX_PAGE = 500


class ExtractRequest(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_UPLOAD_CHARS, description="the article text")
    date: str | None = Field(default=None, description="publication date: YYYY, YYYY-MM or YYYY-MM-DD")
    lang: str | None = Field(default=None, pattern=r"^[a-z]{2,3}$", description="language code; identified if absent")
    title: str | None = Field(default=None, max_length=1000)

    @field_validator("date")
    @classmethod
    def _date(cls, value: str | None) -> str | None:
        from ..document import PubDate

        if value and PubDate.parse(value) is None:
            raise ValueError("not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
        return value


class Filters(BaseModel):
    type: list[str] | None = None
    actor: str | None = None
    country: str | None = None
    near: str | None = None
    date_from: Date | None = None
    date_to: Date | None = None
    source: str | None = None
    text: str | None = None


def filters(
    type: Annotated[list[str] | None, Param(description="PLOVER type; repeatable")] = None,
    actor: Annotated[str | None, Param(max_length=200)] = None,
    country: Annotated[str | None, Param(pattern=r"^[A-Za-z]{3}$")] = None,
    near: Annotated[str | None, Param(pattern=r"^-?\d+(\.\d+)?,-?\d+(\.\d+)?,\d+(\.\d+)?$",
                                      description="LAT,LON,KM")] = None,
    date_from: Annotated[Date | None, Param(alias="from")] = None,
    date_to: Annotated[Date | None, Param(alias="to")] = None,
    source: Annotated[str | None, Param(max_length=200)] = None,
    text: Annotated[str | None, Param(max_length=500)] = None,
) -> Filters:
    for value in type or []:
        if value.upper() not in PLOVER_TYPES:
            raise HTTPException(422, f"unknown event type {value!r}")
    return Filters(type=type, actor=actor, country=country, near=near, date_from=date_from, date_to=date_to,
                   source=source, text=text)


def to_query(f: Filters, limit: int | None = None, offset: int = 0) -> Query:
    near = tuple(float(x) for x in f.near.split(",")) if f.near else None
    return Query(type=[t.upper() for t in f.type] if f.type else None, actor=f.actor, country=f.country,
                 near=near, date_from=f.date_from.isoformat() if f.date_from else None,
                 date_to=f.date_to.isoformat() if f.date_to else None, source=f.source, text=f.text,
                 limit=limit, offset=offset)


def create_app(db: str) -> FastAPI:
    """The app over the store at ``db`` (opened read-only)."""
    try:
        store = open_store(db, readonly=True)
    except StoreError:
        raise
    lock = threading.Lock()  # one connection, used by one request at a time
    pipeline_holder: dict[str, Any] = {}

    app = FastAPI(title="kroniek", version=_version(),
                  description="Events extracted from news reports, with their evidence. Read-only.")
    static = files("kroniek.serve").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    def run(fn, *args):
        with lock:
            return fn(*args)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(str(static.joinpath("index.html")))

    @app.get("/api/events", summary="Events matching the filters, paginated")
    def events(f: Filters = Depends(filters), limit: Annotated[int, Param(ge=1, le=MAX_PAGE)] = 100,
               offset: Annotated[int, Param(ge=0)] = 0) -> dict[str, Any]:
        query = to_query(f, limit, offset)
        items = run(lambda: list(store.events(query)))
        total = run(store.count_events, query)
        return {"total": total, "limit": limit, "offset": offset, "items": items}

    @app.get("/api/events/{event_id}", summary="One event, with the other reports of the same happening")
    def event(event_id: str) -> dict[str, Any]:
        row = run(lambda: store.execute("SELECT record, cluster_id FROM events WHERE event_id = ?",
                                        (event_id,)).fetchone())
        if row is None:
            raise HTTPException(404, "no such event")
        import json

        record = json.loads(row[0])
        record["cluster_id"] = row[1]
        record["other_reports"] = run(_other_reports, store, row[1], event_id)
        return record

    @app.get("/api/documents/{doc_id}", summary="An article's text and its events")
    def document(doc_id: str) -> dict[str, Any]:
        row = run(lambda: store.execute(
            "SELECT doc_id, title, url, source, lang, pub_date, text, content_hash FROM documents WHERE doc_id = ?",
            (doc_id,)).fetchone())
        if row is None:
            raise HTTPException(404, "no such document")
        import json

        records = run(lambda: [json.loads(r[0]) for r in store.execute(
            "SELECT record FROM events WHERE content_hash = ? ORDER BY evidence_start", (row[7],))])
        keys = ("doc_id", "title", "url", "source", "lang", "date", "text")
        return {**dict(zip(keys, row[:7])), "events": records}

    @app.get("/api/clusters", summary="Event clusters (reports of one happening), largest first")
    def clusters(limit: Annotated[int, Param(ge=1, le=MAX_PAGE)] = 100,
                 offset: Annotated[int, Param(ge=0)] = 0) -> dict[str, Any]:
        cols = ("cluster_id", "type", "date_start", "date_end", "location_name", "lat", "lon", "country",
                "fatalities_min", "fatalities_disputed", "n_mentions", "n_sources")
        rows = run(lambda: store.execute(
            f"SELECT {', '.join(cols)} FROM clusters ORDER BY n_mentions DESC, date_start, cluster_id"
            " LIMIT ? OFFSET ?", (limit, offset)).fetchall())
        return {"items": [dict(zip(cols, r)) for r in rows]}

    @app.get("/api/actors", summary="Actors named in events, most frequent first")
    def actors(q: Annotated[str | None, Param(max_length=200)] = None,
               limit: Annotated[int, Param(ge=1, le=MAX_PAGE)] = 50) -> dict[str, Any]:
        where, params = ("WHERE lower(coalesce(name, text)) LIKE ?", [f"%{q.lower()}%"]) if q else ("", [])
        rows = run(lambda: store.execute(
            f"SELECT coalesce(name, text) AS label, actor_id, country, count(*) AS n FROM event_actors {where}"
            " GROUP BY label, actor_id, country ORDER BY n DESC, label LIMIT ?", [*params, limit]).fetchall())
        return {"items": [dict(zip(("name", "id", "country", "events"), r)) for r in rows]}

    @app.get("/api/places", summary="Places of events, most frequent first")
    def places(limit: Annotated[int, Param(ge=1, le=MAX_PAGE)] = 100) -> dict[str, Any]:
        rows = run(lambda: store.execute(
            "SELECT location_name, geonameid, lat, lon, country, count(*) AS n FROM events"
            " WHERE lat IS NOT NULL GROUP BY location_name, geonameid, lat, lon, country"
            " ORDER BY n DESC, location_name LIMIT ?", (limit,)).fetchall())
        return {"items": [dict(zip(("name", "geonameid", "lat", "lon", "country", "events"), r)) for r in rows]}

    @app.get("/api/sources", summary="Outlets in the store")
    def sources() -> dict[str, Any]:
        rows = run(lambda: store.execute(
            "SELECT source, count(*) FROM documents WHERE source IS NOT NULL GROUP BY source ORDER BY source"
        ).fetchall())
        return {"items": [{"source": s, "documents": n} for s, n in rows]}

    @app.get("/api/timeline", summary="Day-precision events per day for the filters (the date filters are ignored)")
    def timeline(f: Filters = Depends(filters)) -> dict[str, Any]:
        unfiltered = Filters(**{**f.model_dump(), "date_from": None, "date_to": None})
        counts: dict[str, int] = {}
        for record in run(lambda: list(store.events(to_query(unfiltered)))):
            when = record.get("date") or {}
            if when.get("precision") == "day" and when.get("start"):  # a month or a year is no bar on a day
                counts[when["start"]] = counts.get(when["start"], 0) + 1
        return {"items": [{"date": d, "events": n} for d, n in sorted(counts.items())]}

    @app.post("/api/extract", summary="Extract the events of a pasted article (nothing is stored)")
    def extract(request: ExtractRequest) -> dict[str, Any]:
        from ..pipeline import extract as run_extract

        with lock:
            if "pipeline" not in pipeline_holder:
                from ..pipeline import default_pipeline

                pipeline_holder["pipeline"] = default_pipeline()
            records = run_extract(request.text, date=request.date, lang=request.lang, title=request.title,
                                  pipeline=pipeline_holder["pipeline"])
        return {"text": request.text, "events": records}

    app.state.store = store
    return app


def _other_reports(store: Store, cluster_id: str | None, event_id: str) -> list[dict[str, Any]]:
    if not cluster_id:
        return []
    rows = store.execute(
        "SELECT e.event_id, e.doc_id, d.title, d.source, d.url, e.date_start, e.fatalities_min"
        " FROM events e JOIN documents d USING (content_hash) WHERE e.cluster_id = ? AND e.event_id <> ?"
        " ORDER BY e.date_start, e.event_id", (cluster_id, event_id)).fetchall()
    keys = ("event_id", "doc_id", "title", "source", "url", "date", "fatalities")
    return [dict(zip(keys, r)) for r in rows]


def _version() -> str:
    from ..version import __version__

    return __version__
