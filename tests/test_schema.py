"""The output contract: records validate against the shipped JSON Schema."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from kroniek.event import Event, records, to_record
from kroniek.pipeline import Pipeline, default_pipeline
from kroniek.readers import read
from kroniek.schema import event_schema, validator

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((REPO / "examples").glob("*.txt"))


def span_of(text: str, words: str, after: int = 0) -> list[int]:
    start = text.index(words, after)
    return [start, start + len(words)]


@pytest.fixture(scope="module")
def example_record() -> dict:
    """A full record for the shelling in our Dutch example, every span found in its text."""
    [doc] = list(read([str(REPO / "examples" / "nl_charkiv.txt")]))
    Pipeline(["language", "sentences"])(doc)
    text = doc.text
    sentence = next(s for s in doc.layer("sentences") if "om het leven gekomen" in s.text(doc))
    s0 = sentence.start
    trigger = span_of(text, "beschietingen", s0)
    event = Event(
        type="ASSAULT", mode="heavy-weapons",
        acled={"event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack"},
        trigger={"text": "beschietingen", "start": trigger[0], "end": trigger[1]},
        evidence={"sentence": sentence.text(doc), "start": sentence.start, "end": sentence.end},
        actors=[{"role": "actor", "text": "Russische", "name": "Russia", "id": "RUS", "country": "RUS",
                 "sector": "MIL", "span": span_of(text, "Russische", s0)}],
        location={"text": "Charkiv", "name": "Kharkiv", "geonameid": 706483, "lat": 49.98081, "lon": 36.25272,
                  "country": "UKR", "admin1": "Kharkiv", "precision": "city", "direction": None,
                  "distance_km": None, "span": span_of(text, "Charkiv", s0)},
        date={"text": "dinsdag", "start": "2022-03-01", "end": "2022-03-01", "precision": "day", "relative": True,
              "ambiguous": False, "span": span_of(text, "dinsdag", s0)},
        fatalities={"text": "zeker negen burgers", "min": 9, "max": None, "approximate": False,
                    "span": span_of(text, "zeker negen burgers", s0)},
        attribution={"text": "Dat meldden de lokale autoriteiten", "source": "de lokale autoriteiten",
                     "claimant": None, "verified": None, "span": span_of(text, "Dat meldden de lokale autoriteiten")},
        modality="reported", confidence=0.8,
    )
    doc.events.append(event)
    return {"record": to_record(doc, event), "text": text}


def test_schema_is_a_valid_json_schema():
    import jsonschema

    schema = event_schema()
    jsonschema.validators.validator_for(schema).check_schema(schema)
    assert schema["properties"]["type"]["enum"][-1] == "ASSAULT"


def test_full_record_validates_and_every_span_points_at_its_words(example_record):
    record, text = example_record["record"], example_record["text"]
    errors = [e.message for e in validator().iter_errors(record)]
    assert errors == []
    assert record["document"] == {"title": None, "url": None, "source": None, "lang": "nl", "date": "2022-03-02",
                                  "date_precision": "day"}
    for part in (record["location"], record["date"], record["fatalities"], record["attribution"], *record["actors"]):
        start, end = part["span"]
        assert text[start:end] == part["text"]
    assert text[record["trigger"]["start"]:record["trigger"]["end"]] == "beschietingen"
    assert text[record["evidence"]["start"]:record["evidence"]["end"]] == record["evidence"]["sentence"]


def test_minimal_record_with_nulls_validates(example_record):
    record = copy.deepcopy(example_record["record"])
    for key in ("mode", "acled", "location", "date", "fatalities", "injured", "attribution", "confidence"):
        record[key] = None
    record["actors"] = []
    assert list(validator().iter_errors(record)) == []


@pytest.mark.parametrize("path,value", [
    (("type",), "EXPLODE"),
    (("modality",), "rumoured"),
    (("fatalities", "min"), -1),
    (("location", "country"), "UA"),
    (("location", "lat"), 123.0),
    (("location", "precision"), "street"),
    (("date", "start"), "1 maart"),
    (("date", "precision"), "day-ish"),
    (("actors", 0, "role"), "victim"),
    (("acled", "event_type"), "Shelling"),
    (("confidence",), 1.5),
])
def test_invalid_values_are_rejected(example_record, path, value):
    record = copy.deepcopy(example_record["record"])
    target = record
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert list(validator().iter_errors(record)), f"{path} = {value!r} should not validate"


@pytest.mark.parametrize("missing", ["event_id", "doc_id", "type", "evidence", "modality", "negated", "actors"])
def test_required_fields(example_record, missing):
    record = copy.deepcopy(example_record["record"])
    del record[missing]
    assert list(validator().iter_errors(record))


def _default_pipeline_or_skip() -> Pipeline:
    try:
        return default_pipeline()  # built once per test session
    except ImportError as exc:
        pytest.skip(f"the default pipeline is not complete yet: {exc}")


def test_default_pipeline_records_on_the_examples_validate():
    pipeline = _default_pipeline_or_skip()
    check = validator()
    for path in EXAMPLES:
        for doc in read([str(path)]):
            pipeline(doc)
            for record in records(doc):
                assert [e.message for e in check.iter_errors(record)] == [], (path.name, record["type"])
                evidence, trigger = record["evidence"], record["trigger"]
                assert doc.text[evidence["start"]:evidence["end"]] == evidence["sentence"]
                assert doc.text[trigger["start"]:trigger["end"]] == trigger["text"]
