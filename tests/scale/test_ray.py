"""The Ray Data runner, on a local Ray instance, gives the same events as local extraction."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ray = pytest.importorskip("ray")
pq = pytest.importorskip("pyarrow.parquet")

from kroniek.pipeline import Pipeline  # noqa: E402
from kroniek.readers import ReaderOptions, read  # noqa: E402
from kroniek.scale import ray_runner  # noqa: E402
from kroniek.scale.parallel import PipelineSpec  # noqa: E402

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "serve" / "articles.jsonl"


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def _local_records() -> list[dict]:
    pipeline = Pipeline.from_config()
    found = []
    for doc in read([str(ARTICLES)], ReaderOptions()):
        pipeline(doc)
        from kroniek.event import records

        found.extend(records(doc))
    return found


def test_ray_runner_matches_local_extraction(local_ray, tmp_path: Path) -> None:
    out = tmp_path / "events"
    count = ray_runner.run([str(ARTICLES)], str(out), spec=PipelineSpec(), workers=2, batch_size=2)
    table = pq.read_table(str(out))
    assert count == table.num_rows > 0
    assert {"event_date", "event_type", "latitude", "fatalities", "record"} <= set(table.column_names)
    from_ray = sorted((json.loads(r) for r in table.column("record").to_pylist()), key=lambda r: r["event_id"])
    local = sorted(_local_records(), key=lambda r: r["event_id"])
    assert from_ray == local


def test_ray_runner_reads_parquet_input(local_ray, tmp_path: Path) -> None:
    import pyarrow as pa

    rows = [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines()]
    source = tmp_path / "articles.parquet"
    pq.write_table(pa.Table.from_pylist(rows), source)
    count = ray_runner.run([str(source)], str(tmp_path / "events"), spec=PipelineSpec(), workers=1)
    assert count == len(_local_records())
