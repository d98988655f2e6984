"""Several worker processes give the same records, in the same order, as one."""

from __future__ import annotations

from pathlib import Path

from kroniek.readers import ReaderOptions, ReadError, read
from kroniek.scale.parallel import PipelineSpec, run

ROOT = Path(__file__).resolve().parents[2]
INPUTS = [str(ROOT / "examples"), str(ROOT / "tests" / "fixtures" / "serve" / "articles.jsonl")]


def _outcomes(workers: int, extra: list[ReadError] | None = None) -> list:
    items = list(read(INPUTS, ReaderOptions())) + (extra or [])
    return list(run(items, PipelineSpec(), workers=workers))


def test_two_workers_match_one() -> None:
    bad = ReadError("broken.txt", "binary data, not text")
    one, two = _outcomes(1, [bad]), _outcomes(2, [bad])
    assert len(one) == len(two) == 6
    assert [o.records for o in one] == [o.records for o in two]
    assert sum(len(o.records or []) for o in two) >= 5
    assert two[-1].item is bad and two[-1].records is None
    assert all(o.item.lang in ("nl", "en") for o in two[:-1])


def test_a_failing_document_is_reported_not_fatal() -> None:
    spec = PipelineSpec(stages=("language", "sentences"))
    docs = list(read(INPUTS, ReaderOptions()))
    docs[1].text = None  # a malformed document: the sentence splitter cannot run on it
    outcomes = list(run(docs, spec, workers=2))
    assert outcomes[1].error and outcomes[1].records is None
    assert all(o.error is None for i, o in enumerate(outcomes) if i != 1)
