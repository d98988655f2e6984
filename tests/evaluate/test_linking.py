"""The linking eval: ACLED's one-event-per-day-and-location rule as the reference."""

from __future__ import annotations

from pathlib import Path

from kroniek.evaluate.formats.linking import _bcubed, _pairs, evaluate
from kroniek.pipeline import Pipeline

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "eval" / "acled_linking.csv"


def test_pair_and_bcubed_scores_on_hand_made_clusters() -> None:
    gold = {"a": 1, "b": 1, "c": 2}
    assert _pairs({1: ["a", "b"], 2: ["c"]}) == {frozenset({"a", "b"})}
    assert _bcubed(gold, {"a": "x", "b": "x", "c": "y"}) == (1.0, 1.0)
    precision, recall = _bcubed(gold, {"a": "x", "b": "y", "c": "y"})
    assert recall < 1.0 and precision < 1.0


def test_two_reports_of_one_shelling_are_linked_and_nothing_else() -> None:
    report = evaluate(str(FIXTURE), Pipeline.from_config(), errors=5)
    metrics = report.metrics
    assert metrics["events_compared"] == 5
    assert metrics["gold_groups_with_several_rows"] == 1
    assert metrics["pair_recall"] == 1.0
    assert metrics["wrongly_merged_clusters"] == 0
    assert metrics["bcubed_precision"] == 1.0
