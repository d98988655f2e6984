"""The real Dutch news corpus (shared/data/nl_news, skipped when absent).

All 2,634 full-text articles must read without error, and once the default
pipeline is complete, every record it writes for them must validate against
the output contract and point at its own words.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from kroniek.event import records
from kroniek.pipeline import default_pipeline
from kroniek.readers import ReadError, read
from kroniek.schema import validator

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "nl_news"
if not DATA.exists():
    DATA = Path("/work/shared/data/nl_news")
FULLTEXT = sorted(DATA.glob("kwal_*fulltext*.jsonl"))

pytestmark = pytest.mark.skipif(not FULLTEXT, reason=f"news corpus not available: {DATA}")


@pytest.fixture(scope="module")
def articles() -> list:
    return list(read([str(p) for p in FULLTEXT]))


def test_every_fulltext_article_reads(articles):
    errors = [str(item) for item in articles if isinstance(item, ReadError)]
    assert errors == []
    assert len(articles) == 2634
    assert all(doc.text.strip() and doc.title and doc.date for doc in articles)
    assert Counter(doc.date.precision for doc in articles) == {"day": 2634}
    assert {doc.source for doc in articles} >= {"nos"}


def test_whole_folder_reads_with_default_columns():
    """Every file in nl_news with no options: dpgMedia's published_at, NOS headlines, one labels file."""
    items = list(read([str(DATA)]))
    docs = [i for i in items if not isinstance(i, ReadError)]
    errors = [i for i in items if isinstance(i, ReadError)]
    by_file = Counter(Path(d.origin.rsplit(":", 1)[0]).name for d in docs)
    assert by_file["kwal_nos_ukraine_related_headlines_only_2021-09_2022-05.jsonl"] == 914
    assert by_file["dpgMedia2019-articles-byarticle-all.jsonl"] >= 1430
    dpg = next(d for d in docs if "dpgMedia2019" in d.origin)
    assert dpg.date is not None and dpg.date.year == 2019 and dpg.id.isdigit()
    headline = next(d for d in docs if "headlines_only" in d.origin and d.text == d.title)
    assert headline.layer("headlines")[0].end == len(headline.text)
    # the labels file has no text column: one line for the whole file, not one per record
    labels = [e for e in errors if "labels" in e.origin]
    assert len(labels) == 1 and "no text column" in labels[0].reason
    # the rest are records that are really empty
    assert all(e.reason.startswith("empty document") for e in errors if e not in labels)


def test_default_pipeline_records_validate(articles):
    try:
        pipeline = default_pipeline()
    except ImportError as exc:
        pytest.skip(f"the default pipeline is not complete yet: {exc}")
    check = validator()
    failures: list[str] = []
    count = 0
    for doc in articles:
        pipeline(doc)
        for record in records(doc):
            count += 1
            for error in check.iter_errors(record):
                failures.append(f"{doc.origin} {record['type']}: {error.message}")
            evidence = record["evidence"]
            if doc.text[evidence["start"]:evidence["end"]] != evidence["sentence"]:
                failures.append(f"{doc.origin} {record['type']}: evidence offsets do not match its sentence")
    assert failures[:20] == []
    assert count > 0
