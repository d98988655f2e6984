"""kroniek extract: read articles, write one record per event."""

from __future__ import annotations

import argparse
import contextlib
import sys
from typing import Iterator

HELP = "extract events from articles (files, directories or - for stdin)"


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
    from ..cli import UserError
    from ..pipeline import ConfigError, Pipeline
    from ..stages import UnknownStage

    stages = [s.strip() for s in args.stages.split(",") if s.strip()] if args.stages else None
    try:
        return Pipeline.from_config(args.config, stages=stages)
    except (ConfigError, UnknownStage) as exc:
        raise UserError(str(exc).strip('"')) from None


def run(args: argparse.Namespace) -> int:
    from ..cli import UserError
    from ..document import PubDate
    from ..event import records
    from ..export import Writer, write_parquet
    from ..readers import ReaderOptions, ReadError, read
    from .progress import Progress

    if args.format == "parquet" and not args.output:
        raise UserError("--format parquet needs -o FILE")
    fallback_date = None
    if args.date:
        fallback_date = PubDate.parse(args.date)
        if fallback_date is None:
            raise UserError(f"--date is not a date: {args.date!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    pipeline = make_pipeline(args)
    options = ReaderOptions(input_format=args.input_format, columns=parse_columns(args.column),
                            max_bytes=args.max_bytes or pipeline.max_bytes, lang=args.lang)
    progress = Progress(enabled=not args.quiet)
    failures: list[str] = []

    def event_records() -> Iterator[dict]:
        for item in read(args.paths, options):
            if isinstance(item, ReadError):
                failures.append(str(item))
                print(f"kroniek: skipped {item}", file=sys.stderr)
                progress.tick(error=True)
                continue
            if item.date is None and fallback_date is not None:
                item.date = fallback_date
            if args.lang:
                item.meta["lang_forced"] = True
            pipeline(item)
            progress.tick()
            yield from records(item)

    try:
        if args.format == "parquet":
            count = write_parquet(event_records(), args.output)
        else:
            with _open_output(args.output) as out:
                writer = Writer(out, args.format)
                for record in event_records():
                    writer.write(record)
                writer.close()
                count = writer.count
    except OSError as exc:
        raise UserError(f"cannot write {args.output or 'stdout'}: {exc.strerror or exc}") from None
    progress.close()
    if not args.quiet:
        print(f"kroniek: {progress.count - len(failures):,} documents, {count:,} events, "
              f"{len(failures):,} failed", file=sys.stderr)
    return 1 if failures else 0


@contextlib.contextmanager
def _open_output(path: str | None):
    if not path or path == "-":
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8", newline="") as handle:
        yield handle
