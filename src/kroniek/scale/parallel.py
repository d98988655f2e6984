"""Run the pipeline over a stream of documents on several worker processes.

Each worker builds its own pipeline once (so the knowledge base is loaded
once per worker) and processes documents sent to it. At most a fixed number
of documents is in flight, so memory stays flat however long the stream is;
output keeps the input order.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from ..document import Document
from ..event import records as event_records
from ..readers import ReadError

#: documents handed to a worker at a time
CHUNK = 16
#: documents in flight per worker; bounds memory
WINDOW_PER_WORKER = 128


@dataclass(frozen=True)
class PipelineSpec:
    """What a worker needs to build the same pipeline as the parent."""

    config: str | None = None
    stages: tuple[str, ...] | None = None
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def from_args(cls, args: Any) -> "PipelineSpec":
        """From the ``--config`` and ``--stages`` command-line options."""
        stages = tuple(s.strip() for s in args.stages.split(",") if s.strip()) if args.stages else None
        return cls(config=args.config, stages=stages)

    def build(self):
        from ..pipeline import Pipeline

        return Pipeline.from_config(self.config, stages=self.stages, overrides=self.overrides or None)


@dataclass
class Outcome:
    """One input item after processing: its records, or why it failed."""

    item: Document | ReadError
    records: list[dict[str, Any]] | None = None
    error: str | None = None


def process(doc: Document, pipeline) -> Outcome:
    """Run ``pipeline`` on one document; a stage error becomes ``Outcome.error``."""
    try:
        pipeline(doc)
        found = event_records(doc)
    except Exception as exc:  # one document's failure must not stop the run
        if os.environ.get("KRONIEK_DEBUG"):
            raise
        message = str(exc).splitlines()[0] if str(exc) else ""
        return Outcome(doc, None, f"{type(exc).__name__}: {message}")
    return Outcome(doc, found)


_WORKER_PIPELINE = None


def _init_worker(spec: PipelineSpec) -> None:
    global _WORKER_PIPELINE
    if _WORKER_PIPELINE is None:  # inherited from the parent when the pool forks
        _WORKER_PIPELINE = spec.build()


def _work(doc: Document) -> tuple[list | None, str | None, dict]:
    outcome = process(doc, _WORKER_PIPELINE)
    # send back only what the parent needs: records, the error, metadata
    return outcome.records, outcome.error, {"lang": doc.lang}


def run(items: Iterable[Document | ReadError], spec: PipelineSpec, workers: int = 1,
        pipeline=None) -> Iterator[Outcome]:
    """Outcomes in input order. ``pipeline`` is reused when ``workers`` is 1.

    Documents stream to the workers continuously; a semaphore keeps at most
    ``WINDOW_PER_WORKER`` per worker in flight, so memory stays flat.
    """
    if workers <= 1:
        pipeline = pipeline or spec.build()
        for item in items:
            yield Outcome(item) if isinstance(item, ReadError) else process(item, pipeline)
        return
    global _WORKER_PIPELINE
    forking = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if forking else "spawn")
    # Forked workers share the parent's loaded pipeline (copy-on-write): no second KB load.
    _WORKER_PIPELINE = pipeline if forking else None
    slots = threading.BoundedSemaphore(workers * WINDOW_PER_WORKER)
    order: queue.Queue = queue.Queue()  # every input item, in input order, then _END

    def documents() -> Iterator[Document]:
        """Runs in the pool's feeder thread: blocks while the window is full."""
        try:
            for item in items:
                slots.acquire()
                order.put(item)
                if not isinstance(item, ReadError):
                    yield item
        finally:
            order.put(_END)

    with context.Pool(workers, initializer=_init_worker, initargs=(spec,)) as pool:
        results = pool.imap(_work, documents(), chunksize=CHUNK)
        while (item := order.get()) is not _END:
            if isinstance(item, ReadError):
                outcome = Outcome(item)
            else:
                found, error, meta = next(results)
                item.lang = meta["lang"]
                outcome = Outcome(item, found, error)
            slots.release()
            yield outcome


_END = object()


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
