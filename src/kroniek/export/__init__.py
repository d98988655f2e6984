"""Writers for event records: JSONL, JSON, ACLED-style CSV, GeoJSON, Parquet."""

from __future__ import annotations

import csv
import json
from datetime import date as Date
from functools import lru_cache
from typing import IO, Any, Iterable

FORMATS = ("jsonl", "json", "csv", "geojson", "parquet")

ACLED_COLUMNS = [
    "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
    "country", "admin1", "location", "latitude", "longitude", "geo_precision", "source",
    "notes", "fatalities",
]
EXTRA_COLUMNS = [
    "event_id", "doc_id", "plover_type", "mode", "modality", "negated", "verified", "claimant",
    "injured", "date_text", "location_text", "trigger", "evidence_start", "evidence_end", "url",
]

_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
_GEO_PRECISION = {"exact": 1, "city": 1, "near": 2, "region": 3, "country": 3}


@lru_cache(maxsize=512)
def country_name(alpha3: str | None) -> str | None:
    if not alpha3:
        return None
    import pycountry

    country = pycountry.countries.get(alpha_3=alpha3)
    return getattr(country, "common_name", None) or getattr(country, "name", None) if country else alpha3


def _midpoint(start: str | None, end: str | None) -> str | None:
    """ACLED codes a week or month with its middle date."""
    if not start:
        return None
    if not end or end == start:
        return start
    a, b = Date.fromisoformat(start), Date.fromisoformat(end)
    return (a + (b - a) / 2).isoformat()


def _actor_label(actor: dict[str, Any] | None) -> str:
    if not actor:
        return ""
    return actor.get("name") or actor.get("text") or ""


def acled_row(record: dict[str, Any]) -> dict[str, Any]:
    """One record as a row with ACLED's column names, plus kroniek's extras."""
    actors = record.get("actors") or []
    actor1 = next((a for a in actors if a.get("role") == "actor"), None)
    actor2 = next((a for a in actors if a.get("role") == "recipient"), None)
    location = record.get("location") or {}
    when = record.get("date") or {}
    acled = record.get("acled") or {}
    attribution = record.get("attribution") or {}
    claimant = attribution.get("claimant") or {}
    fatalities = record.get("fatalities")
    injured = record.get("injured")
    document = record.get("document") or {}
    evidence = record.get("evidence") or {}
    return {
        "event_date": _midpoint(when.get("start"), when.get("end")) or "",
        "time_precision": _TIME_PRECISION.get(when.get("precision"), ""),
        "event_type": acled.get("event_type", ""),
        "sub_event_type": acled.get("sub_event_type", ""),
        "actor1": _actor_label(actor1),
        "actor2": _actor_label(actor2),
        "country": country_name(location.get("country")) or "",
        "admin1": location.get("admin1") or "",
        "location": location.get("name") or "",
        "latitude": location.get("lat", ""),
        "longitude": location.get("lon", ""),
        "geo_precision": _GEO_PRECISION.get(location.get("precision"), ""),
        "source": attribution.get("source") or document.get("source") or "",
        "notes": evidence.get("sentence", ""),
        "fatalities": fatalities.get("min") if fatalities and fatalities.get("min") is not None else "",
        "event_id": record["event_id"],
        "doc_id": record["doc_id"],
        "plover_type": record["type"],
        "mode": record.get("mode") or "",
        "modality": record.get("modality", ""),
        "negated": record.get("negated", False),
        "verified": "" if attribution.get("verified") is None else attribution.get("verified"),
        "claimant": _actor_label(claimant),
        "injured": injured.get("min") if injured and injured.get("min") is not None else "",
        "date_text": when.get("text", ""),
        "location_text": location.get("text", ""),
        "trigger": (record.get("trigger") or {}).get("text", ""),
        "evidence_start": evidence.get("start", ""),
        "evidence_end": evidence.get("end", ""),
        "url": document.get("url") or "",
    }


def geojson_feature(record: dict[str, Any]) -> dict[str, Any]:
    location = record.get("location") or {}
    geometry = None
    if location.get("lat") is not None and location.get("lon") is not None:
        geometry = {"type": "Point", "coordinates": [location["lon"], location["lat"]]}
    return {"type": "Feature", "id": record["event_id"], "geometry": geometry, "properties": record}


class Writer:
    """Streams records to an open text file in one format."""

    def __init__(self, out: IO[str], fmt: str):
        if fmt not in FORMATS or fmt == "parquet":
            raise ValueError(f"not a streaming format: {fmt}")
        self.out, self.fmt, self.count = out, fmt, 0
        self._csv: csv.DictWriter | None = None
        if fmt == "csv":
            self._csv = csv.DictWriter(out, fieldnames=ACLED_COLUMNS + EXTRA_COLUMNS)
            self._csv.writeheader()
        elif fmt == "json":
            out.write("[")
        elif fmt == "geojson":
            out.write('{"type": "FeatureCollection", "features": [')

    def write(self, record: dict[str, Any]) -> None:
        if self.fmt == "jsonl":
            self.out.write(json.dumps(record, ensure_ascii=False) + "\n")
        elif self._csv is not None:
            self._csv.writerow(acled_row(record))
        else:
            item = record if self.fmt == "json" else geojson_feature(record)
            self.out.write(("\n" if self.count == 0 else ",\n") + json.dumps(item, ensure_ascii=False))
        self.count += 1

    def close(self) -> None:
        if self.fmt == "json":
            self.out.write("\n]\n")
        elif self.fmt == "geojson":
            self.out.write("\n]}\n")
        self.out.flush()


#: Parquet column types other than string; empty cells become nulls.
_PARQUET_TYPES = {
    "time_precision": "int64", "geo_precision": "int64", "fatalities": "int64", "injured": "int64",
    "latitude": "float64", "longitude": "float64", "evidence_start": "int64", "evidence_end": "int64",
    "negated": "bool_", "verified": "bool_",
}


def _parquet_value(column: str, value: Any) -> Any:
    if value is None or value == "":
        return None
    kind = _PARQUET_TYPES.get(column)
    if kind == "int64":
        return int(value)
    if kind == "float64":
        return float(value)
    if kind == "bool_":
        return bool(value)
    return str(value)


def write_parquet(records: Iterable[dict[str, Any]], path: str) -> int:
    """Records as Parquet: typed ACLED columns plus extras, with the full record as JSON.

    Written in row groups of ``_PARQUET_BATCH`` records, so memory stays flat.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns = ACLED_COLUMNS + EXTRA_COLUMNS + ["record"]
    schema = pa.schema([(c, getattr(pa, _PARQUET_TYPES.get(c, "string"))()) for c in columns])
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict[str, Any]] = []
        for record in records:
            row = {k: _parquet_value(k, v) for k, v in acled_row(record).items()}
            row["record"] = json.dumps(record, ensure_ascii=False)
            batch.append(row)
            count += 1
            if len(batch) >= _PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return count


_PARQUET_BATCH = 10_000


def write_all(records: Iterable[dict[str, Any]], out: IO[str], fmt: str) -> int:
    """Stream ``records`` to ``out`` in a streaming format; returns how many were written."""
    writer = Writer(out, fmt)
    for record in records:
        writer.write(record)
    writer.close()
    return writer.count
