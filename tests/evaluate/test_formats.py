"""Each gold format, run on the project's own fixtures with the stub pipeline.

The stub (conftest.py) has deliberate gaps, so the expected figures below are
worked out by hand from the fixtures; removing a stage must lower them.
"""

from __future__ import annotations

import pytest

from kroniek.evaluate.formats import DataError, load
from kroniek.evaluate.report import render_text


def run(fmt, path, pipeline, **kw):
    return load(fmt).evaluate(str(path), pipeline, **kw)


def test_acled_fields_against_hand_counts(fixtures, stub):
    report = run("acled", fixtures / "acled.csv", stub, errors=3)
    m = report.metrics
    assert report.n_docs == 10
    # rows 6-10 have no stub trigger: no event, wrong on everything
    assert m["rows_with_event"] == 0.5
    assert m["event_type_accuracy"] == pytest.approx(5 / 10)
    assert m["sub_event_type_accuracy"] == pytest.approx(5 / 10)
    assert m["actor1_country_accuracy"] == pytest.approx(2 / 10)   # Russian forces, Ukrainian forces
    assert m["actor2_country_accuracy"] == pytest.approx(1 / 7)    # only Russian troops as recipient
    assert m["location_within_10km"] == pytest.approx(5 / 10)
    assert m["fatalities_exact"] == pytest.approx(5 / 10)
    assert m["fatalities_exact_when_deadly"] == pytest.approx(3 / 4)
    assert m["date_exact"] == pytest.approx(5 / 10)   # '9-May-20' is read as 2020-05-09
    assert report.tables["event_type confusion (gold x predicted)"]["Riots"] == {"(none)": 1}
    worst = report.errors[0]
    assert worst["doc"] == "TST008" and "no event extracted" in worst["why"]
    assert "detained dozens" in worst["evidence"]
    assert len(report.errors) == 3


def test_acled_best_event_prefers_the_gold_type():
    from kroniek.evaluate.formats.acled import best_event
    from kroniek.event import Event

    def event(plover, acled=None, fat=None):
        return Event(type=plover, trigger={}, evidence={}, acled={"event_type": acled, "sub_event_type": None} if acled else None,
                     fatalities={"min": fat, "max": fat} if fat else None)

    talk, shell, demo = event("CONSULT"), event("ASSAULT", "Explosions/Remote violence"), event("PROTEST", "Protests")
    assert best_event([talk, demo, shell], "Explosions/Remote violence") is shell
    assert best_event([talk, shell, demo], "Protests") is demo
    deadly = event("ASSAULT", fat=3)
    assert best_event([talk, event("ASSAULT"), deadly], "Battles") is deadly
    assert best_event([], "Battles") is None


def test_acled_without_places_loses_locations(fixtures, stub, stub_without_places):
    full = run("acled", fixtures / "acled.csv", stub).metrics
    broken = run("acled", fixtures / "acled.csv", stub_without_places).metrics
    assert full["location_within_161km"] == 0.5
    assert broken["location_within_161km"] == 0.0
    assert broken["event_type_accuracy"] == full["event_type_accuracy"]


def test_acled_limit_and_bad_input(fixtures, stub, tmp_path):
    assert run("acled", fixtures / "acled.csv", stub, limit=2).n_docs == 2
    bad = tmp_path / "x.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(DataError, match="not an ACLED export"):
        run("acled", bad, stub)


def test_plover_maps_cameo_labels_and_skips_non_events(fixtures, stub):
    report = run("plover", fixtures / "plover.json", stub, errors=5)
    m = report.metrics
    assert report.n_docs == 5               # the DOCUMENT record is not an event
    assert m["scored_records"] == 4         # INVESTIGATE has no PLOVER type
    assert m["type_accuracy_top"] == 1.0    # DEMAND was mapped to REQUEST
    assert m["source_country_accuracy"] == pytest.approx(3 / 4)   # 'farmers' unknown to the stub
    assert m["target_country_accuracy"] == pytest.approx(2 / 4)
    assert report.tables["unmapped gold labels (not scored for type)"] == {"INVESTIGATE": 1}
    assert any("TST-INVESTIGATE" in e["doc"] for e in report.errors)


def test_eventdna_detection_and_arguments(fixtures, stub, stub_without_places):
    report = run("eventdna", fixtures / "eventdna.jsonl", stub, errors=5)
    m = report.metrics
    assert m["precision"] == 1.0
    # found: Attack+Die (fx_1), Meet, ArrestJail; 'protesteren', 'bomaanslag', 'betoogden' ... are not stub triggers
    assert m["recall"] == pytest.approx(4 / 10)
    assert m["PROTEST_f1"] == 0.0 and m["ASSAULT_f1"] == pytest.approx(2 / 3)
    assert m["place_accuracy"] == 1.0 and m["time_accuracy"] == 1.0
    rows = {r["category"]: r for r in report.tables["recall by EventDNA category"]}
    assert rows["Life/Die"]["found"] == 1 and "Unknown/Unknown" not in rows
    assert report.errors[0]["doc"] == "fx_4"
    assert any("protesteren" in e["why"] for e in report.errors)
    assert run("eventdna", fixtures / "eventdna.jsonl", stub_without_places).metrics["place_accuracy"] == 0.0


def test_eventdna_token_offsets():
    from kroniek.evaluate.formats.eventdna import char_span, token_offsets

    text = "De NAVO vergadert ."
    offsets = token_offsets(text)
    assert offsets == [(0, 2), (3, 7), (8, 17), (18, 19)]
    assert text[slice(*char_span([1, 2], offsets))] == "NAVO vergadert"


def test_conll_exact_span_and_type(fixtures, stub, stub_without_places):
    report = run("conll", fixtures / "conll.txt", stub, errors=5)
    m = report.metrics
    assert report.n_docs == 2
    assert m["PER_f1"] == 1.0 and m["ORG_f1"] == 1.0
    assert m["LOC_f1"] == pytest.approx(2 * 0.75 / 1.75)   # 'Belgische' (gold MISC) predicted as LOC
    assert m["MISC_f1"] == 0.0
    assert m["f1_per_loc_org"] == pytest.approx(12 / 13)
    assert any("LOC for MISC" in e["why"] for e in report.errors)
    assert run("conll", fixtures / "conll.txt", stub_without_places).metrics["LOC_f1"] == 0.0


def test_conll_reading_and_entities():
    from kroniek.evaluate.formats.conll import build_text, entities, to_tokens

    assert entities(["B-PER", "I-PER", "O", "I-LOC", "B-LOC", "B-ORG", "I-ORG"]) == [
        (0, 2, "PER"), (3, 4, "LOC"), (4, 5, "LOC"), (5, 7, "ORG")]
    text, offsets, tags = build_text([[("Jan", "B-PER"), ("slaapt", "O")], [("Gent", "B-LOC")]])
    assert text == "Jan slaapt\nGent" and offsets[2] == (11, 15) and tags[2] == "B-LOC"
    assert to_tokens(11, 15, offsets) == (2, 3) and to_tokens(3, 4, offsets) is None


def test_geoparse_recognition_and_resolution(fixtures, stub, stub_without_places):
    report = run("geoparse", fixtures / "geoparse.xml", stub, errors=3)
    m = report.metrics
    assert report.n_docs == 2
    assert m["toponym_precision"] == 1.0 and m["toponym_recall"] == pytest.approx(4 / 5)   # Poltava missed
    assert m["accuracy_161km"] == pytest.approx(3 / 4)    # Abuja put in Lagos
    assert m["share_within_10km"] == pytest.approx(3 / 4)
    assert m["median_error_km"] < 10
    assert report.tables["counts"]["gold offsets not found in text (skipped)"] == 0   # shifted ones re-anchored
    assert report.errors[0]["gold"]["text"] == "Abuja"
    broken = run("geoparse", fixtures / "geoparse.xml", stub_without_places).metrics
    assert broken["toponym_recall"] == 0.0 and broken["accuracy_161km"] is None


def test_text_rendering_shows_metrics_tables_and_cases(fixtures, stub):
    text = render_text(run("acled", fixtures / "acled.csv", stub, errors=1))
    assert "event_type_accuracy" in text and "0.500" in text
    assert "gold \\ predicted" in text and "worst 1 cases" in text and "evidence:" in text


def test_a_stage_that_raises_fails_one_document_not_the_run(fixtures, stub):
    class Exploding:
        name = "places"

        def __call__(self, doc):
            if "Bakhmut" in doc.text:
                raise RuntimeError("gazetteer index corrupt")

    stub.stages = [Exploding() if s.name == "places" else s for s in stub.stages]
    report = run("acled", fixtures / "acled.csv", stub, errors=2)
    assert report.n_docs == 10 and report.metrics["pipeline_failures"] == 1
    assert report.errors[0]["doc"] == "TST003"
    assert "RuntimeError: gazetteer index corrupt" in report.errors[0]["why"]
    assert report.metrics["event_type_accuracy"] == pytest.approx(4 / 10)   # TST003 now finds nothing


def test_eventdna_casualty_span_and_coreference_clusters():
    from kroniek.evaluate.formats.eventdna import _Counts, gold_events, matches, score_doc, token_offsets
    from kroniek.event import Event

    text = "Aanslag in Kaboel : twaalf doden Bij een aanslag in Kaboel zijn twaalf mensen gedood ."
    raw = {"token_string": text, "annotations": {
        "events": {"event_1": {"string": "Aanslag in Kaboel", "features": {"type": "Conflict", "subtype": "Attack", "span": [0, 1, 2]}},
                   "event_2": {"string": "een aanslag in Kaboel", "features": {"type": "Conflict", "subtype": "Attack", "span": [6, 7, 8, 9]}},
                   "event_3": {"string": "twaalf doden", "features": {"type": "Life", "subtype": "Die", "span": [4, 5]}}},
        "coreference": {"events": {"coref_bucket_1": ["event_1", "event_2"]}}}}
    golds = gold_events(raw, token_offsets(text))
    assert [g["cluster"] for g in golds] == ["coref_bucket_1", "coref_bucket_1", "event_3"]
    start = text.index("aanslag in")
    dead = text.index("twaalf doden")
    event = Event(type="ASSAULT", trigger={"text": "aanslag", "start": start, "end": start + 7}, evidence={},
                  fatalities={"min": 12, "max": 12, "span": [dead, dead + 12]})
    assert not matches(golds[0], event) and matches(golds[1], event)
    assert matches(golds[2], event)          # by the span of its fatalities figure
    counts = _Counts()
    score_doc(golds, [event], counts)
    assert counts.found["ASSAULT"] == 2 and counts.gold["ASSAULT"] == 3
    assert counts.clusters["ASSAULT"] == [2, 2]   # the headline mention is found through its cluster


def test_geoparse_folder_reports_each_corpus(fixtures, stub, tmp_path):
    text = (fixtures / "geoparse.xml").read_text(encoding="utf-8")
    (tmp_path / "A.xml").write_text(text, encoding="utf-8")
    (tmp_path / "B.xml").write_text(text.replace("<text>Heavy rain flooded parts of Kharkiv", "<text>Heavy rain flooded parts of Kharkov"),
                                    encoding="utf-8")
    report = run("geoparse", tmp_path, stub)
    assert report.n_docs == 4
    rows = {r["corpus"]: r for r in report.tables["by corpus"]}
    assert rows["A"]["toponym_recall"] == pytest.approx(4 / 5)
    # the gold 'Kharkiv' no longer matches the text: skipped and counted, not scored
    assert rows["B"]["toponym_recall"] == pytest.approx(3 / 4)
    assert report.tables["counts"]["gold offsets not found in text (skipped)"] == 1
    assert report.metrics["toponym_recall"] == pytest.approx(7 / 9)
