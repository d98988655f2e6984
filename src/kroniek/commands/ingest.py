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
    parser.add_argument("--workers", "-j", type=int, default=1,
                        help="worker processes (default 1; 0 = one per core)")
    parser.add_argument("--quiet", "-q", action="store_true")


#: Stands for a document the store already has: nothing to extract.
_STORED = "already stored"


def run(args: argparse.Namespace) -> int:
    from ..cli import UserError
    from ..readers import ReaderOptions, ReadError, read
    from ..scale import parallel
    from ..store import StoreError, open_store
    from ..store.base import reader_spans
    from ..store.linking import link
    from .extract import make_pipeline, parse_columns
    from .progress import Progress
    from .store_args import open_db

    pipeline = make_pipeline(args)
    workers = args.workers or parallel.default_workers()
    options = ReaderOptions(input_format=args.input_format, columns=parse_columns(args.column),
                            max_bytes=args.max_bytes or pipeline.max_bytes, lang=args.lang)
    store = lookup = open_db(args.db)
    progress = Progress(enabled=not args.quiet)
    counts = {"failed": 0, "skipped": 0, "added": 0}

    def fresh():
        """Read items, minus documents already stored (re-ingesting is a no-op)."""
        for item in read(args.paths, options):
            if not isinstance(item, ReadError):
                if lookup.has(item.text):
                    yield _STORED  # counted in input order, by the loop below
                    continue
                if args.lang:
                    item.meta["lang_forced"] = True
                item.meta["reader_spans"] = reader_spans(item)
            yield item

    batch: list = []
    try:
        if workers > 1:  # reading runs in the runner's feeder thread: it looks documents up on its own connection
            lookup = open_store(args.db, readonly=True)
        for outcome in parallel.run(fresh(), parallel.PipelineSpec.from_args(args), workers, pipeline):
            if outcome.item is _STORED:
                counts["skipped"] += 1
                progress.tick()
                continue
            if isinstance(outcome.item, ReadError) or outcome.error:
                counts["failed"] += 1
                what = outcome.item if isinstance(outcome.item, ReadError) else \
                    f"{outcome.item.origin or outcome.item.id}: extraction failed ({outcome.error})"
                progress.message(f"kroniek: skipped {what}")
                progress.tick(error=True)
                continue
            progress.tick()
            outcome.item.layers = {}
            batch.append((outcome.item, outcome.records))
            if len(batch) >= args.batch:
                counts["added"] += store.write_batch(batch, pipeline.version)
                batch = []
        if batch:
            counts["added"] += store.write_batch(batch, pipeline.version)
        linked = None if args.no_link else link(store)
    except StoreError as exc:
        raise UserError(str(exc)) from None
    except parallel.WorkerError as exc:
        raise UserError(str(exc)) from None
    finally:
        progress.close()
        store.close()
        if lookup is not store:
            lookup.close()
    if not args.quiet:
        summary = (f"kroniek: {counts['added']:,} documents added, {counts['skipped']:,} already stored, "
                   f"{counts['failed']:,} failed")
        if linked:
            summary += f"; {linked['clusters']:,} event clusters ({linked['linked']:,} with several reports)"
        print(summary, file=sys.stderr)
    return 1 if counts["failed"] else 0
