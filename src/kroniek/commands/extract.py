"""kroniek extract: read articles, write one record per event.

Exit status: 0 when every document was read and processed, 1 when some
failed (each gets one line on stderr; the others are still written), 2 for
usage errors (raised as :class:`kroniek.cli.UserError`, printed as one line).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path
from typing import Any, Iterator

from ..readers import read

HELP = "extract events from articles (files, directories or - for stdin)"

#: Set to get a traceback when a stage fails on a document.
DEBUG_ENV = "KRONIEK_DEBUG"
#: The same stage error is reported for this many documents, then only counted.
MAX_REPEATS = 10


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, directories (recursive) or - for stdin")
    parser.add_argument("--format", "-f", default="jsonl", choices=["jsonl", "json", "csv", "geojson", "parquet"],
                        help="output format (default jsonl; csv uses ACLED's column names)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout (required for parquet)")
    parser.add_argument("--input-format", choices=["txt", "html", "jsonl", "csv"], help="reader for every input")
    parser.add_argument("--column", action="append", default=[], metavar="FIELD=NAME",
                        help="column name for a record field (text, title, date, url, source, id, lang)")
    parser.add_argument("--lang", help="language of every document (skips identification)")
    parser.add_argument("--date", help="publication date for documents that give none (YYYY[-MM[-DD]])")
    parser.add_argument("--config", metavar="FILE", help="pipeline config (TOML); default: the bundled one")
    parser.add_argument("--stages", help="comma-separated stage list, overriding the config")
    parser.add_argument("--max-bytes", type=int, help="refuse documents larger than this (default 10 MB)")
    parser.add_argument("--workers", "-j", type=int, metavar="N",
                        help="worker processes (default 1; 0 = one per core); output order is kept")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar and no summary")


def parse_columns(items: list[str]) -> dict[str, str]:
    from ..cli import UserError
    from ..readers import DEFAULT_COLUMNS

    columns: dict[str, str] = {}
    for item in items:
        field, sep, name = item.partition("=")
        if not sep or field not in DEFAULT_COLUMNS or not name:
            raise UserError(f"--column expects FIELD=NAME with FIELD one of {', '.join(DEFAULT_COLUMNS)}: {item!r}")
        columns[field] = name
    return columns


def make_pipeline(args: argparse.Namespace):
    """The pipeline of ``--config``/``--stages``; any problem is a UserError."""
    from ..cli import UserError
    from ..pipeline import ConfigError, Pipeline
    from ..stages import UnknownStage

    stages = [s.strip() for s in args.stages.split(",") if s.strip()] if args.stages else None
    if args.stages is not None and not stages:
        raise UserError("--stages is empty")
    try:
        return Pipeline.from_config(args.config, stages=stages)
    except (ConfigError, UnknownStage) as exc:
        raise UserError(str(exc).strip('"')) from None
    except ImportError as exc:
        raise UserError(f"a stage is not available in this installation: {exc}") from None
    except OSError as exc:
        raise UserError(f"cannot read config {args.config}: {exc.strerror or exc}") from None
    except TypeError as exc:  # a config table with an option the stage does not take
        raise UserError(f"bad stage settings in config: {exc}") from None


def check_output(path: str | None) -> None:
    """Fail before any work when the output file cannot be written."""
    from ..cli import UserError

    if not path or path == "-":
        return
    target = Path(path)
    if target.is_dir():
        raise UserError(f"cannot write {path}: is a directory")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise UserError(f"cannot write {path}: no such directory {parent}")
    if not os.access(target if target.exists() else parent, os.W_OK):
        raise UserError(f"cannot write {path}: permission denied")


def run(args: argparse.Namespace) -> int:
    from ..cli import UserError
    from ..document import PubDate
    from ..export import write_parquet
    from ..readers import ReaderOptions
    from ..scale.render import write_rendered
    from .progress import Progress

    if args.format == "parquet" and not args.output:
        raise UserError("--format parquet needs -o FILE")
    if args.max_bytes is not None and args.max_bytes <= 0:
        raise UserError(f"--max-bytes must be a positive number of bytes: {args.max_bytes}")
    fallback_date = None
    if args.date:
        fallback_date = PubDate.parse(args.date)
        if fallback_date is None:
            raise UserError(f"--date is not a date: {args.date!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    columns = parse_columns(args.column)
    check_output(args.output)
    _check_lang(args)
    pipeline = make_pipeline(args)
    options = ReaderOptions(input_format=args.input_format, columns=columns,
                            max_bytes=args.max_bytes or pipeline.max_bytes, lang=args.lang)
    progress = Progress(enabled=not args.quiet)
    from ..scale import parallel

    if args.workers is not None and args.workers < 0:
        raise UserError(f"--workers must be 0 (one per core) or more: {args.workers}")
    workers = args.workers or parallel.default_workers() if args.workers is not None else 1
    job = parallel.ExtractJob(options, args.format, fallback_date, lang_forced=bool(args.lang))
    run_ = _Run(pipeline, job, args.paths, progress, spec=parallel.PipelineSpec.from_args(args), workers=workers)
    try:
        if args.format == "parquet":
            count = write_parquet((record for records, _ in run_.outputs() for record in records), args.output)
        else:
            with _open_output(args.output) as out:
                count = write_rendered(run_.outputs(), out, args.format)
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            raise
        raise UserError(f"cannot write {args.output or 'stdout'}: {exc.strerror or exc}") from None
    except parallel.WorkerError as exc:
        raise UserError(str(exc)) from None
    finally:
        progress.close()
    if not args.quiet:
        print(f"kroniek: {run_.done:,} documents, {count:,} events, {run_.failed:,} failed", file=sys.stderr)
    return 1 if run_.failed else 0


def _check_lang(args: argparse.Namespace) -> None:
    """A forced language without a data folder works, with the fallback's data: say so."""
    from .. import lang as langdata

    if args.lang and args.lang not in langdata.available() and not args.quiet:
        print(f"kroniek: note: no language data for {args.lang!r} (have {', '.join(langdata.available())}); "
              f"using {langdata.FALLBACK!r} data", file=sys.stderr)


class _Run:
    """Reads, processes and counts documents; reports each failure on one line.

    This process only reads raw input and passes on output the job rendered
    (in worker processes when there are several): see ``kroniek.scale.parallel``.
    """

    def __init__(self, pipeline: Any, job: Any, paths: list[str], progress: Any, spec: Any = None,
                 workers: int = 1):
        self.pipeline, self.job, self.paths, self.progress = pipeline, job, paths, progress
        self.spec, self.workers = spec, workers
        self.done = self.failed = 0
        self.repeats: dict[str, int] = {}

    def outputs(self) -> Iterator[tuple[Any, int]]:
        """Each processed document's rendered records and their number, in input order."""
        from ..scale import parallel

        items = read(self.paths, self.job.options, raw=True)
        for result in parallel.ordered_map(self.job, items, self.spec, self.workers, self.pipeline):
            if result.read_error:
                self._fail(f"skipped {result.read_error}")
            elif result.error:
                self._stage_failure(result.where, result.error)
            else:
                self.done += 1
                self.progress.tick()
                yield result.output, result.events

    def _stage_failure(self, where: str, reason: str) -> None:
        """One line per failed document; the same error is shown ``MAX_REPEATS`` times at most."""
        seen = self.repeats[reason] = self.repeats.get(reason, 0) + 1
        if seen <= MAX_REPEATS:
            self._fail(f"failed {where}: {reason} (set {DEBUG_ENV}=1 for a traceback)")
            if seen == MAX_REPEATS:
                self.progress.message(f"kroniek: further '{reason}' failures are counted but not shown")
        else:
            self.failed += 1
            self.progress.tick(error=True)

    def _fail(self, message: str) -> None:
        self.failed += 1
        self.progress.message(f"kroniek: {message}")
        self.progress.tick(error=True)


@contextlib.contextmanager
def _open_output(path: str | None):
    if not path or path == "-":
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8", newline="") as handle:
        yield handle
