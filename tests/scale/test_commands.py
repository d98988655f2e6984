"""`kroniek extract -j 2` and `kroniek ingest -j 2` give what one worker gives, errors included."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from kroniek.cli import main
from kroniek.readers import ReaderOptions, read
from kroniek.scale.parallel import ExtractJob, PipelineSpec, WorkerError, ordered_map

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

NEWS = [
    ("nl", "Beschietingen in Charkiv", "Russische troepen hebben dinsdag de Oekraïense stad Charkiv beschoten. "
     "Daarbij kwamen volgens de burgemeester drie burgers om het leven."),
    ("en", "Shelling in Kharkiv", "Russian forces shelled the Ukrainian city of Kharkiv on Tuesday, killing three "
     "civilians, the mayor said."),
    ("nl", "Protest in Amsterdam", "Duizenden mensen hebben zaterdag in Amsterdam gedemonstreerd tegen de oorlog "
     "in Oekraïne."),
    ("en", "Protest in London", "Thousands of people marched through London on Saturday to protest against the war "
     "in Ukraine."),
]


def _corpus(path: Path) -> Path:
    """A JSON Lines file long enough that most records reach the workers unparsed, with bad lines among them."""
    lines = []
    for i in range(40):
        lang, title, text = NEWS[i % len(NEWS)]
        lines.append(json.dumps({"id": f"n{i}", "title": title, "text": f"{text} (bericht {i})",
                                 "date": f"2022-03-{i % 28 + 1:02d}", "lang": lang}, ensure_ascii=False))
    lines[25:25] = ["{not json}", "[1, 2]", json.dumps({"text": "", "title": ""})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _corpus(tmp_path_factory.mktemp("corpus") / "news.jsonl")


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "geojson"])
def test_extract_with_two_workers_writes_the_same_bytes_and_errors(corpus: Path, tmp_path: Path, fmt: str,
                                                                   capsys: pytest.CaptureFixture) -> None:
    inputs = [str(corpus), str(EXAMPLES), str(tmp_path / "missing.txt")]
    runs = []
    for workers in ("1", "2"):
        out = tmp_path / f"events-{workers}.{fmt}"
        status = main(["extract", *inputs, "--format", fmt, "-o", str(out), "--workers", workers])
        runs.append((status, out.read_bytes(), capsys.readouterr().err))
    assert runs[0] == runs[1]
    status, output, errors = runs[1]
    assert status == 1
    assert errors.count("kroniek: skipped") == 4
    assert f"{corpus}:26: invalid JSON" in errors and f"{corpus}:27: JSON record is not an object" in errors
    assert "missing.txt: no such file or directory" in errors
    assert "kroniek: 42 documents" in errors
    assert "Charkiv" in output.decode() and "Kharkiv" in output.decode()


def test_two_workers_keep_the_input_order(corpus: Path) -> None:
    options = ReaderOptions()
    job = ExtractJob(options, "jsonl")
    results = list(ordered_map(job, read([str(corpus)], options, raw=True), PipelineSpec(), workers=2))
    ids = [json.loads(line)["doc_id"] for r in results for line in r.output.splitlines()]
    numbers = [int(i[1:]) for i in dict.fromkeys(ids)]
    assert numbers == sorted(numbers) and len(numbers) >= 20
    assert [r.read_error is not None for r in results].count(True) == 3


def test_extract_with_a_fallback_date_and_forced_language(corpus: Path, capsys: pytest.CaptureFixture) -> None:
    outputs = []
    for workers in ("1", "2"):
        assert main(["extract", str(EXAMPLES), "--date", "2022-02-24", "--lang", "nl", "-q", "-j", workers]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    records = [json.loads(line) for line in outputs[1].splitlines()]
    assert records and {r["document"]["lang"] for r in records} == {"nl"}


# The first item is run in this process (to load lazily loaded data before forking), the rest in workers.
def _boom(item, pipeline):
    if item == 5:
        raise ValueError("kapot")
    return item


def _die(item, pipeline):
    if item == 5:
        os._exit(3)
    return item


def test_a_job_that_raises_stops_the_run_with_its_reason() -> None:
    with pytest.raises(WorkerError, match="ValueError: kapot"):
        list(ordered_map(_boom, range(10), PipelineSpec(stages=("language",)), workers=2))


def test_a_worker_that_dies_stops_the_run_instead_of_hanging() -> None:
    with pytest.raises(WorkerError, match="exit code 3"):
        list(ordered_map(_die, range(10), PipelineSpec(stages=("language",)), workers=2))


def test_results_come_in_order_across_many_chunks() -> None:
    assert list(ordered_map(_boom, range(5), PipelineSpec(stages=("language",)), workers=2)) == list(range(5))
    items = range(6, 300)
    assert list(ordered_map(_die, items, PipelineSpec(stages=("language",)), workers=2)) == list(items)


def _dump(db: Path) -> dict[str, list]:
    with sqlite3.connect(db) as conn:
        return {
            "documents": conn.execute("SELECT content_hash, doc_id, title, lang, pub_date, origin, reader_spans, text,"
                                      " pipeline_version FROM documents ORDER BY content_hash").fetchall(),
            "events": conn.execute("SELECT * FROM events ORDER BY event_id").fetchall(),
            "actors": conn.execute("SELECT * FROM event_actors ORDER BY event_id, role, text").fetchall(),
        }


def test_ingest_with_two_workers_stores_the_same(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    dumps = []
    for workers in ("1", "2"):
        db = tmp_path / f"events-{workers}.sqlite"
        assert main(["ingest", str(corpus), str(EXAMPLES), "--db", str(db), "--workers", workers, "--no-link"]) == 1
        assert capsys.readouterr().err.count("kroniek: skipped") == 3
        dumps.append(_dump(db))
    assert dumps[0] == dumps[1]
    assert len(dumps[1]["documents"]) == 42 and len(dumps[1]["events"]) >= 20
    assert main(["ingest", str(corpus), str(EXAMPLES), "--db", str(db), "-j", "2", "--no-link"]) == 1
    assert "0 documents added, 42 already stored, 3 failed" in capsys.readouterr().err
    assert _dump(db) == dumps[1]
