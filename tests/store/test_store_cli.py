"""The store's commands: ingest, query, export, reprocess, and their one-line errors."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest

from kroniek.cli import main
from kroniek.store import open_store

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "tests" / "fixtures" / "serve" / "articles.jsonl"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("store-cli") / "events.sqlite")
    assert main(["ingest", str(ARTICLES), str(ROOT / "examples"), "--db", path, "--quiet"]) == 0
    return path


def test_query_filters_and_formats(db: str, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["query", "--db", db, "--type", "PROTEST"]) == 0
    protests = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert protests and all(r["type"] == "PROTEST" for r in protests)

    out = tmp_path / "events.csv"
    assert main(["export", "--db", db, "--format", "acled-csv", "-o", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows and {"event_date", "event_type", "latitude", "fatalities", "notes"} <= set(rows[0])
    assert any(r["location"] == "Mariupol" and r["fatalities"] for r in rows)

    geo = tmp_path / "events.geojson"
    assert main(["query", "--db", db, "--near", "47.1,37.55,30", "--format", "geojson", "-o", str(geo)]) == 0
    features = json.loads(geo.read_text(encoding="utf-8"))["features"]
    assert features and all(f["properties"]["location"]["name"] == "Mariupol" for f in features)

    pq = pytest.importorskip("pyarrow.parquet")
    parquet = tmp_path / "events.parquet"
    assert main(["export", "--db", db, "--format", "parquet", "-o", str(parquet)]) == 0
    assert pq.read_table(str(parquet)).num_rows == len(rows)


def test_reprocess_records_the_new_pipeline_version(db: str, tmp_path: Path) -> None:
    copy = tmp_path / "copy.sqlite"
    with sqlite3.connect(db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    with sqlite3.connect(copy) as conn:
        conn.execute("UPDATE documents SET pipeline_version = 'old'")
        conn.execute("UPDATE events SET pipeline_version = 'old'")
        before = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    assert main(["reprocess", "--db", str(copy), "--quiet"]) == 0
    with sqlite3.connect(copy) as conn:
        versions = {v for (v,) in conn.execute("SELECT DISTINCT pipeline_version FROM events")}
        after = conn.execute("SELECT count(*) FROM events").fetchone()[0]
        stale = conn.execute("SELECT count(*) FROM documents WHERE pipeline_version = 'old'").fetchone()[0]
    assert "old" not in versions and len(versions) == 1
    assert after == before and stale == 0


def test_store_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["query", "--db", str(tmp_path / "missing.sqlite")]) == 2
    assert capsys.readouterr().err.strip().count("\n") == 0

    corrupt = tmp_path / "corrupt.sqlite"
    corrupt.write_bytes(b"not a database" * 500)
    assert main(["ingest", str(ARTICLES), "--db", str(corrupt), "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert "not a kroniek database" in err and "\n" not in err

    assert main(["query", "--db", str(corrupt), "--near", "north of Kyiv"]) == 2
    assert "--near expects" in capsys.readouterr().err


def test_a_locked_store_gives_a_clear_message(tmp_path: Path, capsys: pytest.CaptureFixture,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.sqlite"
    open_store(str(path)).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(sqlite3, "connect", _short_timeout(sqlite3.connect))
    try:
        assert main(["ingest", str(ARTICLES), "--db", str(path), "--quiet"]) == 2
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    err = capsys.readouterr().err.strip()
    assert "locked by another process" in err and "\n" not in err
    with open_store(str(path)) as store:
        assert store.counts()["documents"] == 0


def _short_timeout(connect):
    def wrapped(*args, **kwargs):
        kwargs["timeout"] = 0.2
        return connect(*args, **kwargs)

    return wrapped
