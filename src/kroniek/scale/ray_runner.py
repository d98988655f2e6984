"""Extraction on a Ray cluster with Ray Data, for corpora beyond one machine.

JSONL or Parquet articles are read from local or object-storage paths
(anything pyarrow's filesystems understand, e.g. ``s3://bucket/news/``),
processed by a pool of stateful actors (each builds the pipeline, and so
loads the knowledge base, once), and the events are written as Parquet with
ACLED's columns, kroniek's extras and the full record as JSON.

Ray is an optional extra: ``pip install 'kroniek[ray]'``.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from ..export import ACLED_COLUMNS, EXTRA_COLUMNS, acled_row
from ..readers import ReaderOptions, ReadError, record_document
from .parallel import PipelineSpec, process

OUTPUT_COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS + ["record"]
ACTOR_CPUS = 0.9
READ_CPUS = 0.1


class Extractor:
    """A Ray Data actor: builds the pipeline once, then extracts batch after batch."""

    def __init__(self, spec: PipelineSpec, columns: dict[str, str] | None = None):
        self.pipeline = spec.build()
        self.options = ReaderOptions(columns=columns or {})

    def __call__(self, batch: dict[str, Any]) -> dict[str, list]:
        out: dict[str, list] = {column: [] for column in OUTPUT_COLUMNS}
        names = list(batch)
        size = len(batch[names[0]]) if names else 0
        for i in range(size):
            row = {name: _plain(batch[name][i]) for name in names}
            try:
                doc = record_document(row, f"row {row.get('id', i)}", self.options)
            except ReadError:
                continue
            outcome = process(doc, self.pipeline)
            for record in outcome.records or []:
                flat = acled_row(record)
                for column in ACLED_COLUMNS + EXTRA_COLUMNS:
                    value = flat.get(column)
                    out[column].append("" if value is None else str(value))
                out["record"].append(json.dumps(record, ensure_ascii=False))
        return out


def _plain(value: Any) -> Any:
    """numpy/pyarrow scalars to plain Python values."""
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        try:
            return value.item()
        except (ValueError, AttributeError):
            return value
    return value


def run(inputs: list[str], output: str, *, spec: PipelineSpec, address: str | None = None,
        workers: int | None = None, batch_size: int = 64, columns: dict[str, str] | None = None) -> int:
    """Extract the events of ``inputs`` into Parquet files under ``output``; returns the event count."""
    import ray

    if not ray.is_initialized():
        ray.init(address=address, num_cpus=None if address else workers, include_dashboard=False,
                 log_to_driver=False, ignore_reinit_error=True, logging_level=logging.WARNING)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    dataset = _read(inputs)
    size = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
    # Actors take a little less than a CPU each and reading a little, so that
    # reading can go on when every CPU holds an extraction actor.
    events = dataset.map_batches(Extractor, fn_constructor_kwargs={"spec": spec, "columns": columns},
                                 batch_size=batch_size, batch_format="numpy", num_cpus=ACTOR_CPUS,
                                 compute=ray.data.ActorPoolStrategy(size=size))
    events.write_parquet(output)
    return _count(output)


def _read(inputs: list[str]):
    import ray

    parquet = [p for p in inputs if p.rstrip("/").endswith(".parquet")]
    jsonl = [p for p in inputs if p not in parquet]
    datasets = []
    if jsonl:
        datasets.append(ray.data.read_json(jsonl, lines=True, num_cpus=READ_CPUS))
    if parquet:
        datasets.append(ray.data.read_parquet(parquet, num_cpus=READ_CPUS))
    return datasets[0] if len(datasets) == 1 else datasets[0].union(*datasets[1:])


def _count(output: str) -> int:
    import pyarrow.dataset as ds

    return ds.dataset(output, format="parquet").count_rows()
