"""The formats on the real evaluation data in /work/shared/data (skipped when absent).

These check that each reader understands the real files; the figures
themselves depend on the stages and are checked by test_floors.py.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kroniek.evaluate.formats import load

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
if not DATA.exists():
    DATA = Path("/work/shared/data")

pytestmark = pytest.mark.skipif(not DATA.exists(), reason="evaluation data (shared/data) not available")

CASES = [
    ("acled", "acled/acled_2022h1_dev.csv"),
    ("acled", "acled/acled_2020_aprmay.csv"),
    ("plover", "en_events/plover_gsr_dev.json"),
    ("eventdna", "nl_events/eventdna_dev.jsonl"),
    ("conll", "nl_ner/conll2002_ned.testa.conll"),
    ("geoparse", "en_events/geoparsing/GeoVirus.xml"),
    ("geoparse", "en_events/geoparsing/TR-News.xml"),
]


@pytest.mark.parametrize("fmt, rel", CASES)
def test_format_reads_real_file(fmt, rel, real_pipeline):
    path = DATA / rel
    if not path.exists():
        pytest.skip(f"{rel} not available")
    report = load(fmt).evaluate(str(path), real_pipeline, limit=15, errors=2)
    assert report.n_docs == 15
    assert report.metrics
    for name, value in report.metrics.items():
        assert value is None or value >= 0, name


def test_acled_gold_countries_cover_nearly_every_actor():
    from kroniek.evaluate.countries import acled_gold_country

    total = found = 0
    for file in ("acled_2022h1_dev.csv", "acled_2020_aprmay.csv"):
        with open(DATA / "acled" / file, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for column in ("actor1", "actor2"):
                    if row[column]:
                        total += 1
                        found += acled_gold_country(row[column], row["country"]) is not None
    assert total > 10_000 and found / total > 0.99


def test_acled_reads_both_date_styles():
    from kroniek.evaluate.common import parse_date
    from kroniek.evaluate.formats.acled import read_rows

    for file in ("acled_2022h1_dev.csv", "acled_2020_aprmay.csv"):
        rows = list(read_rows(str(DATA / "acled" / file)))
        assert all(parse_date(r["event_date"]) is not None for r in rows)


def test_conll_gold_counts_match_the_published_testa_figures():
    from kroniek.evaluate.formats.conll import entities, read_docs

    counts: dict[str, int] = {}
    for doc in read_docs(str(DATA / "nl_ner" / "conll2002_ned.testa.conll")):
        tags = [tag for sentence in doc for _, tag in sentence]
        for _, _, kind in entities(tags):
            counts[kind] = counts.get(kind, 0) + 1
    assert counts == {"PER": 703, "LOC": 479, "ORG": 686, "MISC": 748}


def test_geoparse_offsets_are_re_anchored():
    from kroniek.evaluate.formats.geoparse import read_articles

    kept = lost = 0
    for _, text, toponyms, missing in read_articles(str(DATA / "en_events" / "geoparsing")):
        kept += len(toponyms)
        lost += missing
        assert all(text[t["start"]:t["end"]] == t["surface"] for t in toponyms)
    assert kept > 3000 and lost / (kept + lost) < 0.01


def test_eventdna_spans_cover_their_strings():
    from kroniek.evaluate.formats.eventdna import gold_events, read_docs, token_offsets

    checked = 0
    for record in read_docs(str(DATA / "nl_events" / "eventdna_dev.jsonl"), limit=100):
        text = record["doc"]["token_string"]
        for gold in gold_events(record["doc"], token_offsets(text)):
            if gold["text"]:
                assert " ".join(gold["text"].split()) in text[gold["span"][0]:gold["span"][1]] or \
                       text[gold["span"][0]:gold["span"][1]] in gold["text"]
                checked += 1
    assert checked > 50


def test_cli_limit_on_a_real_file(capsys):
    import json

    from kroniek.cli import main

    code = main(["eval", str(DATA / "acled" / "acled_2020_aprmay.csv"), "--format", "acled", "--limit", "20",
                 "--json", "--errors", "2", "--stages", "language,sentences"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["n_docs"] == 20 and len(report["errors"]) == 2
    assert report["metrics"]["rows_with_event"] == 0.0   # no events stage: nothing can be found
