"""bench/run.py runs end to end on a tiny corpus and reports what it measured."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "run.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("kroniek_bench_run", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_table_renders_every_row_and_note(bench):
    table = bench.Table()
    table.add("dutch", "full pipeline", 812.25, "articles/s", "3 articles")
    table.add("memory", "peak RSS", 140.0, "MB")
    table.note("stage 'x' unavailable")
    table.note("stage 'x' unavailable")  # repeated notes are shown once
    text = table.render()
    assert "812.2" in text and "articles/s" in text and "peak RSS" in text
    assert text.count("stage 'x' unavailable") == 1


def test_bench_runs_on_a_small_corpus(bench, tmp_path: Path, capsys: pytest.CaptureFixture):
    corpus = tmp_path / "news.jsonl"
    rows = [
        {"title": "Russische raketten treffen Odesa", "date": "2022-07-23",
         "text": "Russische raketten hebben zaterdag de haven van Odesa getroffen, meldt het Oekraïense leger."},
        {"title": "Protest op de Dam", "date": "2022-08-24",
         "text": "Ongeveer vijfhonderd mensen demonstreerden woensdag op de Dam in Amsterdam tegen de oorlog."},
        {"title": "Lift weer in gebruik", "date": "2022-07-20",
         "text": "Bij de tramhalte is na negen maanden weer een lift geplaatst, zegt het vervoersbedrijf."},
    ]
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", "utf-8")
    # Two light stages keep the test quick (the gazetteer may need a rebuild); the
    # default pipeline is what bench/run.py times when run for real.
    code = bench.main(["--corpus", str(corpus), "--limit", "3", "--json", "--stages", "language", "sentences",
                       "--skip", "startup", "peers", "english", "parallel"])
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    measures = {(r["section"], r["measure"], r["unit"]): r["value"] for r in result["rows"]}
    assert measures[("dutch", "full pipeline (CPU time)", "articles/s")] > 0
    assert measures[("memory", "peak RSS after the Dutch run", "MB")] > 0
    assert "3 articles" in next(r["note"] for r in result["rows"] if r["section"] == "corpus")
    assert measures[("dutch", "stage sentences", "articles/s")] > 0
    assert result["machine"]["nproc"] >= 1


def test_data_is_found_from_a_worktree_one_level_deeper(bench, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # /work/main sees ../shared/data; a worktree /work/wt/NAME must find the same folder
    monkeypatch.delenv("KRONIEK_DATA", raising=False)
    (tmp_path / "shared" / "data").mkdir(parents=True)
    worktree = tmp_path / "wt" / "fixes"
    worktree.mkdir(parents=True)
    assert bench.find_data(worktree) == tmp_path / "shared" / "data"
    assert bench.find_data(tmp_path / "main") == tmp_path / "shared" / "data"
    monkeypatch.setenv("KRONIEK_DATA", str(tmp_path / "elsewhere"))
    assert bench.find_data(worktree) == tmp_path / "elsewhere"


def test_without_the_corpus_the_bench_refuses_instead_of_timing_examples(bench, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(bench, "NL_CORPUS", tmp_path / "missing.jsonl")
    with pytest.raises(SystemExit) as refused:
        bench.main(["--limit", "3", "--json", "--skip", "startup", "peers", "english", "parallel", "ingest"])
    assert "missing.jsonl" in str(refused.value) and "--corpus" in str(refused.value)
