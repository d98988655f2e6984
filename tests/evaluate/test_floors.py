"""CI floors: the real pipeline on the project's own fixtures.

Each format must stay above its floors; a pipeline with a stage removed must
visibly fall, and ``kroniek eval --min`` must then exit 1. The floors sit
below today's figures (measured when written) so that ordinary work on the
stages does not trip them, but a broken stage does.
"""

from __future__ import annotations

import pytest

from kroniek.cli import main
from kroniek.evaluate.cli import check_floors
from kroniek.evaluate.common import SubPipeline
from kroniek.evaluate.formats import load

#: format -> (fixture file, stages it needs, floors). Measured on the fixtures: see the report of `kroniek eval`.
FLOORS = {
    "acled": ("acled.csv", {"places", "events"}, {
        "rows_with_event": 0.8, "event_type_accuracy": 0.7, "sub_event_type_accuracy": 0.6,
        "location_within_161km": 0.7, "fatalities_exact": 0.7, "date_exact": 0.7}),
    "plover": ("plover.json", {"events"}, {"type_accuracy_any": 0.75, "source_country_accuracy": 0.5}),
    "eventdna": ("eventdna.jsonl", {"places", "events"}, {"precision": 0.7, "f1": 0.5, "place_accuracy": 0.6}),
    "conll": ("conll.txt", {"places"}, {"LOC_f1": 0.6, "precision_per_loc_org": 0.7}),
    "geoparse": ("geoparse.xml", {"places"}, {"toponym_f1": 0.8, "accuracy_161km": 0.8}),
}


@pytest.mark.parametrize("fmt", sorted(FLOORS))
def test_format_stays_above_its_floors(fmt, fixtures, real_stages, real_pipeline):
    file, needed, floors = FLOORS[fmt]
    if not needed <= set(real_stages):
        pytest.skip(f"stages {sorted(needed - set(real_stages))} not in this build")
    report = load(fmt).evaluate(str(fixtures / file), real_pipeline, errors=1)
    assert report.metrics["pipeline_failures"] == 0, report.errors[0]["why"]
    assert check_floors(report.metrics, floors) == []


def test_removing_places_visibly_lowers_the_figures(fixtures, real_stages, real_pipeline):
    if not {"places", "events"} <= set(real_stages):
        pytest.skip("places and events stages not in this build")
    broken = SubPipeline(real_pipeline, drop={"places"})
    for fmt, metric in (("acled", "location_within_161km"), ("geoparse", "toponym_f1"), ("eventdna", "place_accuracy")):
        file = fixtures / FLOORS[fmt][0]
        good = load(fmt).evaluate(str(file), real_pipeline).metrics[metric]
        bad = load(fmt).evaluate(str(file), broken).metrics[metric] or 0.0
        assert bad < good - 0.5, (fmt, metric, good, bad)


def test_cli_floor_fails_for_a_broken_pipeline(fixtures, real_stages, capsys):
    if not {"places", "events"} <= set(real_stages):
        pytest.skip("places and events stages not in this build")
    without_places = ",".join(s for s in real_stages if s != "places")
    argv = ["eval", str(fixtures / "acled.csv"), "--format", "acled", "--min", "location_within_161km=0.7"]
    assert main([*argv, "--stages", without_places]) == 1
    assert "FAIL location_within_161km" in capsys.readouterr().err
