"""Precision: sport, culture, health and accidents yield no conflict events."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kroniek.document import Document
from kroniek.pipeline import Pipeline
from kroniek.stages import build

NL_NEWS = Path("/work/shared/data/nl_news")
UNRELATED = NL_NEWS / "kwal_nl_news_2022_random_non_ukraine_fulltext_sample600.jsonl"
UKRAINE = NL_NEWS / "kwal_nl_news_2022_ukraine_related_fulltext.jsonl"


@pytest.fixture(scope="module")
def stage():
    return build("events")


def events_of(stage, text: str, lang: str) -> list[str]:
    doc = Document(text=text, lang=lang)
    for m in re.finditer(r"[^.!?]+[.!?]?", text):
        start = m.start() + len(m.group()) - len(m.group().lstrip())
        doc.add("sentences", start, m.end(), "sentence", paragraph=0)
    stage(doc)
    return [e.type for e in doc.events]


@pytest.mark.parametrize("text", [
    "Ajax zette in de tweede helft de aanval in, maar het schot op doel van de spits ging naast.",
    "De strijd om de titel in de eredivisie blijft tot de laatste speelronde spannend.",
    "Feyenoord wist PSV met 3-1 te verslaan in een wedstrijd vol aanvallend voetbal.",
    "De renner ging in de slotkilometer in de aanval en reed het peloton uit het wiel.",
    "De minister overleed vorige week aan een hartaanval.",
    "Door een gasexplosie in een flat raakten twee bewoners gewond.",
    "Bij een verkeersongeluk op de A2 zijn drie mensen om het leven gekomen.",
    "Het museum opent een tentoonstelling over de strijd van kunstenaars tegen de censuur.",
    "De maatregelen die het kabinet heeft getroffen zijn volgens critici in strijd met de wet.",
    "De woningcorporatie bombardeert huurders met brieven over de nieuwe huurprijzen.",
])
def test_dutch_non_events(stage, text):
    assert not {"ASSAULT", "COERCE"} & set(events_of(stage, text, "nl"))


@pytest.mark.parametrize("text", [
    "Arsenal launched a late attack but the striker's shot went wide of the goal.",
    "The fight for the title will go down to the final match of the season.",
    "The actor died of a heart attack at his home in London.",
    "Two people were killed in a car crash on the motorway.",
    "The report was a bombshell for the board, and shares fell sharply.",
    "The champion struck a deal with her sponsor before the tournament.",
])
def test_english_non_events(stage, text):
    assert not {"ASSAULT", "COERCE"} & set(events_of(stage, text, "en"))


def test_the_same_words_in_a_war_report_are_events(stage):
    assert "ASSAULT" in events_of(stage, "Het Russische leger zette de aanval op de stad voort.", "nl")
    assert "ASSAULT" in events_of(stage, "Russian troops launched an attack on the town.", "en")


def _rate(path: Path, limit: int) -> dict[str, float]:
    pipeline = Pipeline(["sentences", "events"])
    counts = {"ASSAULT": 0, "COERCE": 0}
    n = 0
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if n >= limit:
                break
            record = json.loads(line)
            doc = Document(text=(record.get("title") or "") + "\n\n" + (record.get("text") or ""), lang="nl")
            pipeline(doc)
            n += 1
            for event in doc.events:
                if event.type in counts:
                    counts[event.type] += 1
    return {k: 100 * v / n for k, v in counts.items()}


@pytest.mark.skipif(not (UNRELATED.exists() and UKRAINE.exists()), reason="shared nl_news data not present")
def test_unrelated_articles_yield_few_conflict_events():
    unrelated = _rate(UNRELATED, 200)
    ukraine = _rate(UKRAINE, 200)
    # measured on the first 200 of each (sentences + events only): the unrelated
    # sample includes real reports on Gaza, Somalia or Myanmar, hence not zero
    assert unrelated["ASSAULT"] < 12 and unrelated["COERCE"] < 5
    assert ukraine["ASSAULT"] > 5 * unrelated["ASSAULT"]
