"""``kroniek eval`` on the command line: output, floors and user errors."""

from __future__ import annotations

import json

import pytest

from kroniek.cli import main
from kroniek.evaluate.cli import check_floors, parse_floors
from kroniek.evaluate.formats import available, load, UnknownFormat
from kroniek.evaluate.report import Report, from_any, render_text, to_json

#: the language stage alone: no events, so every figure is 0
ONLY_LANGUAGE = ["--stages", "language"]


def test_json_report_and_floor_failure(fixtures, capsys):
    code = main(["eval", str(fixtures / "acled.csv"), "--format", "acled", "--json", *ONLY_LANGUAGE,
                 "--min", "event_type_accuracy=0.5"])
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert code == 1
    assert report["format"] == "acled" and report["n_docs"] == 10
    assert report["metrics"]["event_type_accuracy"] == 0.0
    assert "FAIL event_type_accuracy" in err


def test_floor_met_exits_zero(fixtures, capsys):
    code = main(["eval", str(fixtures / "conll.txt"), "--format", "conll", *ONLY_LANGUAGE,
                 "--min", "PER_f1=0", "--limit", "1"])
    out, _ = capsys.readouterr()
    assert code == 0 and "kroniek eval: conll (1 documents)" in out


@pytest.mark.parametrize("argv, message", [
    (["--format", "nosuch"], "unknown eval format 'nosuch'"),
    (["--format", "acled", "--min", "event_type_accuracy"], "--min expects METRIC=NUMBER"),
    (["--format", "acled", "--min", "no_such_metric=1"], "no metric 'no_such_metric'"),
    (["--format", "acled", "--limit", "0"], "--limit must be at least 1"),
    (["--format", "acled", "--stages", "language,nosuchstage"], "unknown stage 'nosuchstage'"),
    (["--format", "plover"], "not JSON"),
])
def test_user_errors_are_one_line_exit_2(fixtures, capsys, argv, message):
    stages = [] if "--stages" in argv else ONLY_LANGUAGE
    code = main(["eval", str(fixtures / "acled.csv"), *argv, *stages])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1


def test_missing_file_is_a_user_error(tmp_path, capsys):
    assert main(["eval", str(tmp_path / "absent.csv"), "--format", "acled", *ONLY_LANGUAGE]) == 2
    assert "no such file" in capsys.readouterr().err


def test_floor_helpers():
    assert parse_floors([["a=0.5", "b=1"], ["c=0"]]) == {"a": 0.5, "b": 1.0, "c": 0.0}
    assert check_floors({"a": 0.4, "b": None, "c": 0.0}, {"a": 0.5, "b": 0.1, "c": 0.0}) == [
        "a = 0.4 is below 0.5", "b = None is below 0.1"]


def test_formats_load_lazily_by_name():
    assert {"acled", "plover", "eventdna", "conll", "geoparse"} <= set(available())
    assert load("geoparse").evaluate
    with pytest.raises(UnknownFormat):
        load("../etc")


def test_a_format_may_return_a_dict():
    report = from_any({"n_docs": 3, "metrics": {"hit_rate": 0.5}, "precision": 0.25, "misses": [{"name": "Gent"}]},
                      "places")
    assert isinstance(report, Report) and report.format == "places"
    assert report.metrics == {"hit_rate": 0.5, "precision": 0.25}
    assert report.tables["misses"] == [{"name": "Gent"}]
    assert "hit_rate" in render_text(report) and json.loads(to_json(report))["n_docs"] == 3
    with pytest.raises(TypeError):
        from_any([1, 2], "places")


def test_pipeline_crashes_make_the_run_fail(fixtures, stub, capsys, monkeypatch):
    import kroniek.evaluate.cli as eval_cli

    class Exploding:
        name = "events"

        def __call__(self, doc):
            raise ValueError("lexicon not loaded")

    stub.stages[-1] = Exploding()
    monkeypatch.setattr(eval_cli, "make_pipeline", lambda args: stub)
    assert main(["eval", str(fixtures / "plover.json"), "--format", "plover", "--errors", "1"]) == 1
    out, err = capsys.readouterr()
    assert "raised on 5 of 5 documents" in err
    assert "pipeline failed: ValueError: lexicon not loaded" in out
