"""kroniek ingest: add articles and their events to the store, idempotently."""

from __future__ import annotations

import argparse
import sys

from .store_args import add_db

HELP = "extract events from articles and add them to the event store (re-ingesting is a no-op)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, directories or - for stdin")
    add_db(parser)
    parser.add_argument("--input-format", choices=["txt", "html", "jsonl", "csv"])
    parser.add_argument("--column", action="append", default=[], metavar="FIELD=NAME")
    parser.add_argument("--lang")
    parser.add_argument("--config", metavar="FILE")
    parser.add_argument("--stages")
    parser.add_argument("--max-bytes", type=int)
    parser.add_argument("--batch", type=int, default=200, help="documents per transaction (default 200)")
    parser.add_argument("--no-link", action="store_true", help="skip cross-article linking after ingest")
    parser.add_argument("--quiet", "-q", action="store_true")


def run(args: argparse.Namespace) -> int:
    from ..cli import UserError
    from ..event import records
    from ..readers import ReaderOptions, ReadError, read
    from ..store import StoreError
    from ..store.linking import link
    from .extract import make_pipeline, parse_columns
    from .progress import Progress
    from .store_args import open_db

    pipeline = make_pipeline(args)
    options = ReaderOptions(input_format=args.input_format, columns=parse_columns(args.column),
                            max_bytes=args.max_bytes or pipeline.max_bytes, lang=args.lang)
    store = open_db(args.db)
    progress = Progress(enabled=not args.quiet)
    failed = skipped = added = 0
    batch: list = []
    try:
        for item in read(args.paths, options):
            if isinstance(item, ReadError):
                failed += 1
                print(f"kroniek: skipped {item}", file=sys.stderr)
                progress.tick(error=True)
                continue
            progress.tick()
            if store.has(item.text):
                skipped += 1
                continue
            if args.lang:
                item.meta["lang_forced"] = True
            try:
                pipeline(item)
            except Exception as exc:  # a malformed document must not stop the batch
                failed += 1
                print(f"kroniek: skipped {item.origin or item.id}: extraction failed ({type(exc).__name__}: {exc})",
                      file=sys.stderr)
                continue
            batch.append((item, records(item)))
            if len(batch) >= args.batch:
                added += store.write_batch(batch, pipeline.version)
                batch = []
        if batch:
            added += store.write_batch(batch, pipeline.version)
        linked = None if args.no_link else link(store)
    except StoreError as exc:
        raise UserError(str(exc)) from None
    finally:
        progress.close()
        store.close()
    if not args.quiet:
        summary = f"kroniek: {added:,} documents added, {skipped:,} already stored, {failed:,} failed"
        if linked:
            summary += f"; {linked['clusters']:,} event clusters ({linked['linked']:,} with several reports)"
        print(summary, file=sys.stderr)
    return 1 if failed else 0
