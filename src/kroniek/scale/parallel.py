"""Run the pipeline over a stream of input items on several worker processes.

The parent process does as little as possible, because it shares the cores
with the workers: it reads raw input (JSON Lines records as bytes, text and
HTML files as paths: ``readers.read(raw=True)``), hands it to the workers in
chunks and passes their results on in input order. A worker parses its items
into Documents, runs the pipeline and renders the output (:class:`ExtractJob`),
so what comes back is mostly finished text.

Each worker builds its pipeline once (with ``fork`` it inherits the parent's,
so the knowledge base is loaded once). At most ``WINDOW_PER_WORKER`` chunks
per worker are in flight, so memory stays flat however long the stream is.
A worker that dies stops the run with a :class:`WorkerError` instead of a hang.
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
import traceback
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, NamedTuple

from ..document import Document, PubDate
from ..event import records as event_records
from ..readers import RawRecord, ReaderOptions, ReadError, load
from .render import render

#: most items in a chunk (one task for a worker)
CHUNK_ITEMS = 8
#: a chunk is closed once its input reaches this many bytes (tasks stay small)
CHUNK_BYTES = 32_768
#: chunks in flight per worker; bounds memory
WINDOW_PER_WORKER = 8
#: pipe buffer asked for (Linux), so handing over a chunk or its results rarely waits
PIPE_BYTES = 1 << 20


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


#: A job turns one input item into a picklable result, in a worker: job(item, pipeline).
Job = Callable[[Any, Any], Any]


def ordered_map(job: Job, items: Iterable[Any], spec: PipelineSpec, workers: int = 1,
                pipeline=None) -> Iterator[Any]:
    """``job(item, pipeline)`` for every item, in input order, on ``workers`` processes.

    ``job`` must be picklable (a module-level function or a dataclass instance);
    ``pipeline`` is used in this process when ``workers`` is 1, and inherited
    by forked workers. Raises :class:`WorkerError` if a worker process dies.

    Where workers are forked, this process runs the job on the first item
    itself before they start: the data the pipeline loads on first use (the
    place index, lexicons, the language model) is then loaded once and
    shared, instead of once in every worker.
    """
    items = iter(items)
    if workers <= 1 or _FORKING:
        pipeline = pipeline or spec.build()
    if workers <= 1:
        for item in items:
            yield job(item, pipeline)
        return
    if _FORKING:
        for item in itertools.islice(items, 1):
            yield job(item, pipeline)
    with _Workers(workers, job, spec, pipeline) as pool:
        yield from pool.map(items)


_FORKING = "fork" in multiprocessing.get_all_start_methods()


class WorkerError(RuntimeError):
    """A worker process died or its job raised; ``str()`` says which and why."""


class _Workers:
    """Worker processes that take chunks from one pipe and put results on another.

    One feeder thread here sends numbered chunks (at most ``workers *
    WINDOW_PER_WORKER`` unanswered); the calling thread receives results,
    puts them back in order and notices a worker that dies.
    """

    def __init__(self, workers: int, job: Job, spec: PipelineSpec, pipeline=None):
        global _WORKER
        context = multiprocessing.get_context("fork" if _FORKING else "spawn")
        self.tasks_in, self.tasks = context.Pipe(duplex=False)
        self.results, self.results_out = context.Pipe(duplex=False)
        _widen(self.tasks, self.results_out)
        read_lock, write_lock = context.Lock(), context.Lock()
        self.write_lock = write_lock
        # Forked workers share the parent's loaded pipeline (copy-on-write): no second KB load.
        # Frozen, its objects are left alone by the workers' garbage collector, so their pages stay shared.
        _WORKER = (job, pipeline or spec.build()) if _FORKING else None
        gc.freeze()
        try:
            self.processes = [context.Process(target=_serve, daemon=True,
                                              args=(self.tasks_in, read_lock, self.results_out, write_lock, spec, job))
                              for _ in range(workers)]
            for process_ in self.processes:
                process_.start()
        finally:
            _WORKER = None
            gc.unfreeze()
        self.tasks_in.close()  # only the workers read tasks: a send fails once they are all gone
        self.slots = threading.BoundedSemaphore(workers * WINDOW_PER_WORKER)
        self.stop = threading.Event()

    def __enter__(self) -> "_Workers":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stop.set()
        for process_ in self.processes:
            if process_.is_alive():
                process_.terminate()
        for process_ in self.processes:
            process_.join()
        for connection in (self.tasks, self.results, self.results_out):
            connection.close()

    def map(self, items: Iterable[Any]) -> Iterator[Any]:
        feeder = threading.Thread(target=self._feed, args=(items,), daemon=True, name="kroniek-feeder")
        feeder.start()
        waiting: dict[int, list] = {}  # results that came before their turn
        turn, total = 0, None
        while total is None or turn < total:
            if turn in waiting:
                results = waiting.pop(turn)
                turn += 1
                self.slots.release()
                yield from results
                continue
            number, payload = self._receive()
            if number == _END:
                total = payload
            elif isinstance(payload, _Failure):
                raise WorkerError(payload.message)
            else:
                waiting[number] = payload
        if self.feed_error is not None:
            raise self.feed_error

    feed_error: BaseException | None = None

    def _feed(self, items: Iterable[Any]) -> None:
        """Runs in the feeder thread: reads the input, sends chunks, then the count, then stops the workers."""
        count = 0
        try:
            for chunk in _chunked(items):
                while not self.slots.acquire(timeout=0.1):
                    if self.stop.is_set():  # the consumer is gone
                        return
                self.tasks.send((count, chunk))
                count += 1
        except BaseException as exc:  # reported by map() once the chunks read so far are out
            self.feed_error = exc
        try:
            for _ in self.processes:
                self.tasks.send(None)
            with self.write_lock:
                self.results_out.send((_END, count))
        except OSError:  # the workers were stopped: nobody is waiting for this
            pass

    def _receive(self) -> tuple[int, Any]:
        """The next message from a worker; raises WorkerError once one has died."""
        while True:
            running = []
            for process_ in self.processes:
                if process_.exitcode is None:
                    running.append(process_.sentinel)
                elif process_.exitcode != 0:
                    raise WorkerError(f"a worker process died (exit code {process_.exitcode}); "
                                      "the machine may be out of memory")
            if self.results in multiprocessing.connection.wait([self.results] + running):
                return self.results.recv()


_END = -1


@dataclass(frozen=True)
class _Failure:
    message: str


def _chunked(items: Iterable[Any]) -> Iterator[list]:
    """Items in lists of at most ``CHUNK_ITEMS``, closed early once ``CHUNK_BYTES`` of input is in."""
    chunk: list = []
    size = 0
    for item in items:
        chunk.append(item)
        size += _size(item)
        if len(chunk) >= CHUNK_ITEMS or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _size(item: Any) -> int:
    if isinstance(item, RawRecord):
        return len(item.data)
    if isinstance(item, Document):
        return len(item.text or "")
    return 0


def _widen(*connections: Any) -> None:
    """Larger pipe buffers (Linux only; best effort).

    A chunk, or a chunk's rendered output, then fits in the pipe, so neither
    side waits for the other to be scheduled to hand it over.
    """
    try:
        import fcntl

        for connection in connections:
            fcntl.fcntl(connection.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):
        pass


_WORKER: tuple[Job, Any] | None = None


def _serve(tasks: Any, read_lock: Any, results: Any, write_lock: Any, spec: PipelineSpec, job: Job) -> None:
    """A worker: take a chunk, run the job on each item, send the results back; until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    job, pipeline = _WORKER if _WORKER is not None else (job, spec.build())
    while True:
        try:
            with read_lock:
                task = tasks.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if task is None:
            return
        number, chunk = task
        try:
            message = (number, [job(item, pipeline) for item in chunk])
        except Exception:  # a job must not raise; if it does, the parent says why
            message = (number, _Failure(traceback.format_exc(limit=-3).strip()))
        with write_lock:
            results.send(message)


class Result(NamedTuple):
    """What :class:`ExtractJob` sends back for one input item."""

    output: Any = ""              # the document's records rendered (see render.render)
    events: int = 0
    read_error: str | None = None  # the item could not be read: the ReadError's one-line message
    where: str | None = None      # the document's origin or id, when the pipeline failed on it
    error: str | None = None      # why the pipeline failed


@dataclass(frozen=True)
class ExtractJob:
    """Read an item (raw or not), run the pipeline, render the records in ``fmt``."""

    options: ReaderOptions
    fmt: str = "jsonl"
    fallback_date: PubDate | None = None  # for documents that give no date
    lang_forced: bool = False             # --lang: skip language identification

    def __call__(self, item: Any, pipeline) -> Result:
        doc = load(item, self.options)
        if isinstance(doc, ReadError):
            return Result(read_error=str(doc))
        if doc.date is None and self.fallback_date is not None:
            doc.date = self.fallback_date
        if self.lang_forced:
            doc.meta["lang_forced"] = True
        outcome = process(doc, pipeline)
        if outcome.error:
            return Result(where=doc.origin or doc.id, error=outcome.error)
        return Result(render(outcome.records, self.fmt), len(outcome.records))


def _records_job(item: Any, pipeline) -> tuple[list | None, str | None, str | None] | None:
    """A document's records, stage error and language (the parent keeps the Document)."""
    if not isinstance(item, Document):
        return None
    outcome = process(item, pipeline)
    return outcome.records, outcome.error, item.lang


def run(items: Iterable[Any], spec: PipelineSpec, workers: int = 1, pipeline=None) -> Iterator[Outcome]:
    """Outcomes in input order, each with the parent's Document (its ``lang`` set by the worker).

    For callers that need the Documents themselves (``kroniek ingest``);
    ``kroniek extract`` uses :func:`ordered_map` with :class:`ExtractJob`. An
    item that is not a Document (a ReadError, a marker) comes back as it is,
    without records.
    """
    if workers <= 1:
        pipeline = pipeline or spec.build()
        for item in items:
            yield process(item, pipeline) if isinstance(item, Document) else Outcome(item)
        return
    sent: deque = deque()  # appended by the pool's task thread, taken here in the same order

    def remembered() -> Iterator[Document | ReadError]:
        for item in items:
            sent.append(item)
            yield item

    for result in ordered_map(_records_job, remembered(), spec, workers, pipeline):
        item = sent.popleft()
        if result is None:
            yield Outcome(item)
            continue
        found, error, item.lang = result
        yield Outcome(item, found, error)


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
