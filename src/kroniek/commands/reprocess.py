"""kroniek reprocess: re-extract stored documents with the current pipeline."""

from __future__ import annotations

import argparse
import sys

from .store_args import add_db

HELP = "re-extract the events of stored documents (after the pipeline improved)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db(parser)
    parser.add_argument("--config", metavar="FILE")
    parser.add_argument("--stages")
    parser.add_argument("--all", action="store_true", help="also documents already made by this pipeline version")
    parser.add_argument("--quiet", "-q", action="store_true")


def run(args: argparse.Namespace) -> int:
    from ..cli import UserError
    from ..event import records
    from ..store import StoreError
    from ..store.linking import link
    from ..store import content_hash
    from .extract import make_pipeline
    from .store_args import open_db

    pipeline = make_pipeline(args)
    store = open_db(args.db, must_exist=True)
    done = 0
    try:
        current = {row[0] for row in store.execute(
            "SELECT content_hash FROM documents WHERE pipeline_version = ?", (pipeline.version,))}
        for doc in list(store.documents()):
            if not args.all and content_hash(doc.text) in current:
                continue
            pipeline(doc)
            store.replace_events(doc.text, records(doc), doc, pipeline.version)
            done += 1
        link(store)
    except StoreError as exc:
        raise UserError(str(exc)) from None
    finally:
        store.close()
    if not args.quiet:
        print(f"kroniek: {done:,} documents reprocessed with pipeline {pipeline.version}", file=sys.stderr)
    return 0
