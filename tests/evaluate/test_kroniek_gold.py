"""The kroniek gold format: the bundled gold set, matching, field scores, evaluate()."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kroniek.document import Document
from kroniek.event import Event
from kroniek.evaluate.formats import DataError
from kroniek.evaluate.formats import kroniek as fmt

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
GOLD = list(fmt.iter_gold())

# Our own article, in the style of the Dutch news the gold set is about.
TITLE = "Drie doden bij beschieting van Charkiv"
BODY = ("Bij een Russische beschieting van Charkiv zijn dinsdag drie burgers omgekomen, meldt de gouverneur. "
        "Zeven mensen raakten gewond. "
        "De Nederlandse minister bracht woensdag een bezoek aan Kyiv.")
TEXT = f"{TITLE}\n\n{BODY}"


def span_of(quote: str) -> dict:
    start = TEXT.index(quote)
    return {"start": start, "end": start + len(quote), "quote": " ".join(quote.split()[:8])}


def sentence_of(first_words: str) -> dict:
    start = TEXT.index(first_words)
    end = TEXT.index(".", start) + 1
    return {"start": start, "end": end, "quote": " ".join(TEXT[start:end].split()[:8])}


def gold_doc() -> dict:
    shelling = sentence_of("Bij een Russische beschieting")
    trigger = TEXT.index("beschieting", shelling["start"])
    visit = sentence_of("De Nederlandse minister")
    return {
        "format": "kroniek-gold", "version": 1,
        "article": {"file": "nl_news/test.jsonl", "url": "https://example.org/charkiv", "id": None},
        "events": [
            {"type": "ASSAULT", "mode": "heavy-weapons",
             "acled": {"event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack"},
             "evidence": shelling, "trigger": {"start": trigger, "end": trigger + 11, "text": "beschieting"},
             "mentions": [{"start": 0, "end": len(TITLE), "quote": "Drie doden bij beschieting van Charkiv"}],
             "actors": [{"role": "actor", "name": "Military Forces of Russia", "country": "RUS"}],
             "location": {"name": "Kharkiv", "country": "UKR", "lat": 49.99, "lon": 36.23, "precision": "city"},
             "date": {"start": "2022-07-12", "end": "2022-07-12", "precision": "day"},
             "fatalities": {"min": 3, "max": 3}, "injured": {"min": 7, "max": 7},
             "attribution": {"claimant": {"name": "governor of Kharkiv", "country": "UKR", "also": ["de gouverneur"]},
                             "verified": None},
             "modality": "reported", "negated": False},
            {"type": "CONSULT", "mode": "visit", "acled": None, "evidence": visit,
             "trigger": {"start": TEXT.index("bezoek"), "end": TEXT.index("bezoek") + 6, "text": "bezoek"},
             "actors": [{"role": "actor", "name": "Netherlands", "country": "NLD"}],
             "location": {"name": "Kyiv", "country": "UKR", "lat": 50.45, "lon": 30.52, "precision": "city"},
             "date": {"start": "2022-07-13", "end": "2022-07-13", "precision": "day"},
             "fatalities": None, "injured": None, "attribution": None, "modality": "asserted", "negated": False},
        ],
    }


def event(type_: str, start: int, end: int, **fields) -> Event:
    return Event(type=type_, trigger={"text": TEXT[start:end], "start": start, "end": end},
                 evidence={"sentence": TEXT[start:end], "start": start, "end": end}, **fields)


def good_assault() -> Event:
    s = sentence_of("Bij een Russische beschieting")
    return event("ASSAULT", s["start"], s["end"], mode="heavy-weapons",
                 acled={"event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack"},
                 actors=[{"role": "actor", "text": "Russische", "name": "Russia", "country": "RUS"}],
                 location={"text": "Charkiv", "name": "Kharkiv", "country": "UKR", "lat": 50.0, "lon": 36.25},
                 date={"text": "dinsdag", "start": "2022-07-12", "end": "2022-07-12", "precision": "day"},
                 fatalities={"text": "drie", "min": 3, "max": 3},
                 attribution={"text": "meldt de gouverneur", "source": "de gouverneur",
                              "claimant": {"text": "de gouverneur", "name": None}, "verified": None},
                 modality="reported")


# -- the bundled gold set -------------------------------------------------------------------
def test_bundled_gold_is_well_formed_and_large_enough():
    assert len(GOLD) >= 10
    assert sum(1 for g in GOLD if not g["events"]) >= 1, "needs articles without conflict events"
    assert sum(len(g["events"]) for g in GOLD) >= 30
    for gold in GOLD:
        assert fmt.problems(gold) == [], gold["_file"]
        assert gold["article"]["file"].startswith("nl_news/")


def test_bundled_gold_holds_no_article_text():
    """Only short quotes: evidence quotes <= 12 words, other anchored words <= 8."""
    for gold in GOLD:
        for ev in gold["events"]:
            for span in [ev["evidence"], *ev.get("mentions", [])]:
                assert 1 <= len(span["quote"].split()) <= fmt.MAX_QUOTE_WORDS
            for obj in [ev["trigger"], *ev["actors"], ev["location"], ev["date"], ev["attribution"]]:
                assert not obj or len(str(obj.get("text", "")).split()) <= 8
            assert "text" not in gold["article"]


@pytest.mark.skipif(not SHARED_DATA.exists(), reason="evaluation data not available")
def test_bundled_gold_offsets_point_at_the_quotes_in_the_real_articles():
    golds = list(fmt.iter_gold())
    articles = fmt.load_articles(SHARED_DATA, golds)
    for gold in golds:
        art = gold["article"]
        doc = articles[(art["file"], art["url"])]
        assert doc.id == art["doc_id"] and len(doc.text) == art["chars"]
        for ev in gold["events"]:
            for span in [ev["evidence"], *ev.get("mentions", [])]:
                assert " ".join(doc.text[span["start"]:span["end"]].split()).startswith(span["quote"])
            assert doc.text[ev["trigger"]["start"]:ev["trigger"]["end"]] == ev["trigger"]["text"]
            for obj in [*ev["actors"], ev["location"], ev["date"], ev["fatalities"], ev["attribution"]]:
                if obj and "span" in obj:
                    assert doc.text[obj["span"][0]:obj["span"][1]] == obj["text"]


# -- re-anchoring ------------------------------------------------------------------------------
def test_reanchor_follows_the_quote_when_the_text_shifts():
    span = sentence_of("Zeven mensen raakten")
    shifted = "Update: " + TEXT
    assert fmt.reanchor(TEXT, span["start"], span["end"], span["quote"]) == (span["start"], span["end"])
    assert fmt.reanchor(shifted, span["start"], span["end"], span["quote"]) == (span["start"] + 8, span["end"] + 8)
    assert fmt.reanchor(TEXT.replace("Zeven", "Negen"), span["start"], span["end"], span["quote"]) is None


def test_anchor_moves_the_trigger_with_the_evidence():
    gold = gold_doc()
    trigger = dict(gold["events"][0]["trigger"])
    notes = fmt.anchor(gold, "Update: " + TEXT)
    assert notes == []
    assert gold["events"][0]["trigger"]["start"] == trigger["start"] + 8


# -- matching ------------------------------------------------------------------------------------
def test_match_pairs_same_type_with_overlapping_evidence():
    gold = gold_doc()["events"]
    visit = sentence_of("De Nederlandse minister")
    predicted = [good_assault(), event("CONSULT", visit["start"], visit["end"])]
    result = fmt.match(gold, predicted)
    assert result == {"pairs": [(0, 0), (1, 1)], "missed": [], "spurious": [], "duplicates": []}


def test_match_accepts_a_mention_and_counts_repeats_as_duplicates():
    gold = gold_doc()["events"]
    headline = event("ASSAULT", 0, len(TITLE))
    result = fmt.match(gold, [headline, good_assault()])
    assert result["pairs"] == [(0, 1)]  # the main evidence wins over the headline
    assert result["duplicates"] == [0] and result["spurious"] == []
    assert result["missed"] == [1]


def test_match_wrong_type_is_both_missed_and_spurious():
    gold = gold_doc()["events"]
    visit = sentence_of("De Nederlandse minister")
    injured = sentence_of("Zeven mensen raakten")
    result = fmt.match(gold, [event("AID", visit["start"], visit["end"]),
                              event("ASSAULT", injured["start"], injured["end"])])
    assert result["pairs"] == []
    assert result["missed"] == [0, 1] and result["spurious"] == [0, 1]


# -- field scores --------------------------------------------------------------------------------
def test_score_pair_on_a_correct_prediction():
    scores = fmt.score_pair(gold_doc()["events"][0], good_assault())
    assert scores["actor_country#0"] and scores["location_country"]
    assert scores["location_within_10km"] and scores["location_within_161km"]
    assert scores["date_exact"] and scores["date_overlap"] and scores["fatalities_exact"]
    assert scores["claimant"] and scores["attribution_presence"] and scores["modality"]
    assert scores["mode"] and scores["acled_sub_event_type"]
    assert scores["injured_exact"] is False  # the prediction has no injured figure
    assert "verified" not in scores  # the gold does not say


def test_score_pair_catches_wrong_fields_and_guessed_values():
    pred = good_assault()
    pred.location = {"name": "Kyiv", "country": "UKR", "lat": 50.45, "lon": 30.52}
    pred.date = {"start": "2022-07-01", "end": "2022-07-31", "precision": "month"}
    pred.fatalities = {"min": 30, "max": 30}
    pred.attribution = {"source": "de burgemeester", "claimant": {"name": "mayor"}, "verified": True}
    pred.actors = [{"role": "recipient", "country": "RUS"}]
    scores = fmt.score_pair(gold_doc()["events"][0], pred)
    assert scores["location_country"] and not scores["location_within_161km"]
    assert not scores["date_exact"] and scores["date_overlap"]
    assert not scores["fatalities_exact"] and not scores["claimant"]
    assert not scores["actor_country#0"]  # right country, wrong role

    guessed = event("CONSULT", 0, 5, date={"start": "2022-07-13", "end": "2022-07-13"},
                    fatalities={"min": 0, "max": 0}, attribution={"source": "x", "claimant": None})
    consult = dict(gold_doc()["events"][1], date=None, location=None)
    scores = fmt.score_pair(consult, guessed)
    assert not scores["date_null_kept"] and not scores["fatalities_null_kept"]
    assert scores["location_null_kept"] and not scores["attribution_presence"]


def test_names_match_is_fuzzy_but_not_loose():
    assert fmt.names_match(["Pavlo Kyrylenko"], ["Pavlo Kyrylenko"])
    assert fmt.names_match(["OVD-Info"], ["OVD-info"])
    assert fmt.names_match(["White House", "Jake Sullivan"], ["Sullivan, Jake"])
    assert not fmt.names_match(["TASS"], ["Reuters"])
    assert not fmt.names_match(["governor"], [None, ""])


# -- evaluate() end to end ----------------------------------------------------------------------
class StubPipeline:
    """Finds the shelling (right) and a spurious PROTEST; misses the visit."""

    stages: list = []

    def __call__(self, doc: Document) -> Document:
        assert doc.text == TEXT  # the reader built the text as the gold assumes
        doc.events = [good_assault(), event("PROTEST", 0, len(TITLE))]
        return doc


@pytest.fixture
def data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "data"
    (root / "nl_news").mkdir(parents=True)
    record = {"source": "nrc", "date": "2022-07-13", "title": TITLE, "text": BODY, "url": "https://example.org/charkiv"}
    other = {"source": "nrc", "date": "2022-07-13", "title": "Iets anders", "text": "Geen nieuws.", "url": "https://x"}
    lines = [json.dumps(other), json.dumps(record)]
    (root / "nl_news" / "test.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "charkiv.json").write_text(json.dumps(gold_doc()), "utf-8")
    monkeypatch.setenv(fmt.DATA_ENV, str(root))
    return gold_dir


def test_evaluate_reports_detection_and_field_scores(data_folder: Path):
    report = fmt.evaluate(str(data_folder), StubPipeline(), errors=5)
    m = report.metrics
    assert report.n_docs == 1
    assert (m["gold_events"], m["matched"]) == (2, 1)
    assert m["event_precision"] == 0.5 and m["event_recall"] == 0.5
    assert m["location_within_10km"] == 1.0 and m["fatalities_exact"] == 1.0 and m["claimant_accuracy"] == 1.0
    rows = {r["type"]: r for r in report.tables["per_type"]}
    assert rows["CONSULT"]["recall"] == 0.0 and rows["PROTEST"]["precision"] == 0.0
    assert rows["ASSAULT"]["f1"] == 1.0
    whys = [e["why"] for e in report.errors]
    assert "missed event" in whys and "spurious event" in whys


def test_evaluate_skips_cleanly_without_the_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(fmt.DATA_ENV, raising=False)
    monkeypatch.setattr(fmt, "default_roots", lambda: [tmp_path / "nowhere"])
    report = fmt.evaluate(str(fmt.GOLD_DIR), StubPipeline())
    assert report.n_docs == 0 and "skipped" in report.notes[0]


def test_evaluate_rejects_a_malformed_gold_file(tmp_path: Path):
    bad = gold_doc()
    bad["events"][0]["type"] = "BOMBING"
    (tmp_path / "bad.json").write_text(json.dumps(bad), "utf-8")
    with pytest.raises(DataError, match="not PLOVER"):
        fmt.evaluate(str(tmp_path / "bad.json"), StubPipeline())
    (tmp_path / "other.json").write_text('{"format": "something"}', "utf-8")
    with pytest.raises(DataError, match="not a kroniek gold file"):
        fmt.load_gold([tmp_path / "other.json"])


class FailingPipeline:
    stages: list = []

    def __call__(self, doc: Document) -> Document:
        raise RuntimeError("stage crashed")


def test_evaluate_survives_a_failing_pipeline(data_folder: Path):
    report = fmt.evaluate(str(data_folder), FailingPipeline())
    assert report.n_docs == 1 and report.metrics["event_recall"] == 0.0
    assert any("pipeline failed" in n for n in report.notes)
