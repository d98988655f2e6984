"""Exports: each format writes output that parses back to the same events."""

from __future__ import annotations

import csv
import io
import json

import pytest

from kroniek.export import ACLED_COLUMNS, EXTRA_COLUMNS, Writer, acled_row, write_parquet

SHELLING = {
    "event_id": "4f1c0d6a9b2e7c3d5e8f", "doc_id": "026335600cde766b", "type": "ASSAULT", "mode": "heavy-weapons",
    "acled": {"event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack"},
    "actors": [{"role": "actor", "text": "Russische", "name": "Russia", "id": "RUS", "country": "RUS",
                "sector": "MIL", "span": [4, 13]},
               {"role": "recipient", "text": "burgers", "name": "Civilians (Ukraine)", "id": None,
                "country": "UKR", "sector": "CVL", "span": [90, 97]}],
    "location": {"text": "Charkiv", "name": "Kharkiv", "geonameid": 706483, "lat": 49.98081, "lon": 36.25272,
                 "country": "UKR", "admin1": "Kharkiv Oblast", "precision": "city", "span": [55, 62]},
    "date": {"text": "dinsdag", "start": "2022-03-01", "end": "2022-03-01", "precision": "day", "relative": True,
             "ambiguous": False, "span": [68, 75]},
    "fatalities": {"text": "zeker negen burgers", "min": 9, "max": None, "approximate": False, "span": [76, 95]},
    "injured": None,
    "attribution": {"text": "Dat meldden de lokale autoriteiten", "source": "de lokale autoriteiten",
                    "claimant": None, "verified": None, "span": [120, 154]},
    "modality": "reported", "negated": False,
    "trigger": {"text": "beschietingen", "start": 14, "end": 27},
    "evidence": {"sentence": "Bij Russische beschietingen van de Oost-Oekraïense stad Charkiv zijn dinsdag zeker "
                             "negen burgers om het leven gekomen.", "start": 0, "end": 119},
    "confidence": 0.8,
    "document": {"title": None, "url": "https://example.invalid/a", "source": "krant", "lang": "nl",
                 "date": "2022-03-02", "date_precision": "day"},
}
TALKS = {
    **SHELLING, "event_id": "9a8b7c6d5e4f3a2b1c0d", "type": "CONSULT", "mode": None, "acled": None,
    "actors": [], "location": None, "fatalities": None, "attribution": None, "modality": "asserted",
    "date": {"text": "vorige week", "start": "2022-02-21", "end": "2022-02-27", "precision": "week",
             "relative": True, "ambiguous": False, "span": [10, 21]},
    "trigger": {"text": "overleg", "start": 200, "end": 207},
    "evidence": {"sentence": "Het overleg in Belarus, vorige week, leverde niets op.", "start": 190, "end": 244},
}
RECORDS = [SHELLING, TALKS]


def write(fmt: str, records: list[dict]) -> str:
    out = io.StringIO()
    writer = Writer(out, fmt)
    for record in records:
        writer.write(record)
    writer.close()
    assert writer.count == len(records)
    return out.getvalue()


def test_jsonl_round_trip():
    lines = write("jsonl", RECORDS).splitlines()
    assert [json.loads(line) for line in lines] == RECORDS
    assert "Oekraïense" in lines[0]  # UTF-8, not \\u escapes


def test_json_round_trip():
    assert json.loads(write("json", RECORDS)) == RECORDS
    assert json.loads(write("json", [])) == []


def test_csv_uses_acled_columns_then_extras():
    rows = list(csv.DictReader(io.StringIO(write("csv", RECORDS))))
    assert list(rows[0]) == ACLED_COLUMNS + EXTRA_COLUMNS
    shelling, talks = rows
    assert shelling["event_date"] == "2022-03-01" and shelling["time_precision"] == "1"
    assert (shelling["event_type"], shelling["sub_event_type"]) == ("Explosions/Remote violence",
                                                                    "Shelling/artillery/missile attack")
    assert (shelling["actor1"], shelling["actor2"]) == ("Russia", "Civilians (Ukraine)")
    assert (shelling["country"], shelling["admin1"], shelling["location"]) == ("Ukraine", "Kharkiv Oblast", "Kharkiv")
    assert float(shelling["latitude"]) == pytest.approx(49.98081) and shelling["geo_precision"] == "1"
    assert shelling["fatalities"] == "9" and shelling["source"] == "de lokale autoriteiten"
    assert shelling["notes"] == SHELLING["evidence"]["sentence"]
    assert shelling["plover_type"] == "ASSAULT" and shelling["trigger"] == "beschietingen"
    # a week is coded, as ACLED does, by its middle day with time precision 2
    assert talks["event_date"] == "2022-02-24" and talks["time_precision"] == "2"
    assert talks["fatalities"] == "" and talks["location"] == "" and talks["event_type"] == ""


def test_csv_header_without_records():
    assert write("csv", []).strip() == ",".join(ACLED_COLUMNS + EXTRA_COLUMNS)


def test_geojson_feature_collection():
    collection = json.loads(write("geojson", RECORDS))
    assert collection["type"] == "FeatureCollection"
    shelling, talks = collection["features"]
    assert shelling["type"] == "Feature" and shelling["id"] == SHELLING["event_id"]
    assert shelling["geometry"] == {"type": "Point", "coordinates": [36.25272, 49.98081]}  # lon, lat
    assert shelling["properties"] == SHELLING
    assert talks["geometry"] is None  # no place in the text: no point
    assert json.loads(write("geojson", [])) == {"type": "FeatureCollection", "features": []}


def test_parquet_round_trip_with_types(tmp_path):
    import pyarrow.parquet as pq

    path = tmp_path / "events.parquet"
    assert write_parquet(iter(RECORDS), str(path)) == 2
    table = pq.read_table(path)
    assert table.column_names == ACLED_COLUMNS + EXTRA_COLUMNS + ["record"]
    rows = table.to_pylist()
    assert rows[0]["latitude"] == pytest.approx(49.98081) and rows[0]["fatalities"] == 9
    assert rows[1]["latitude"] is None and rows[1]["fatalities"] is None
    assert rows[0]["negated"] is False and rows[0]["verified"] is None
    assert [json.loads(r["record"]) for r in rows] == RECORDS
    assert str(table.schema.field("fatalities").type) == "int64"


def test_parquet_without_records(tmp_path):
    import pyarrow.parquet as pq

    path = tmp_path / "empty.parquet"
    assert write_parquet([], str(path)) == 0
    assert pq.read_table(path).num_rows == 0


def test_acled_row_handles_missing_parts():
    row = acled_row({"event_id": "x" * 20, "doc_id": "d", "type": "REQUEST"})
    assert row["event_date"] == "" and row["actor1"] == "" and row["plover_type"] == "REQUEST"


def test_unknown_format_is_refused():
    with pytest.raises(ValueError):
        Writer(io.StringIO(), "xml")
