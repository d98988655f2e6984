"""kroniek query: filter the stored events and write them in any export format."""

from __future__ import annotations

import argparse

from .store_args import add_db, add_filters

HELP = "search the event store (type, actor, country, radius, dates, source, text) and write the events"
FORMATS = ["jsonl", "json", "csv", "acled-csv", "geojson", "parquet"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db(parser)
    add_filters(parser)
    parser.add_argument("--format", "-f", default="jsonl", choices=FORMATS)
    parser.add_argument("-o", "--output", metavar="FILE")


def run(args: argparse.Namespace) -> int:
    from ..cli import UserError
    from ..export import write_all, write_parquet
    from ..store import StoreError
    from .extract import _open_output
    from .store_args import open_db, query_from

    fmt = "csv" if args.format == "acled-csv" else args.format
    if fmt == "parquet" and not args.output:
        raise UserError("--format parquet needs -o FILE")
    query = query_from(args)
    store = open_db(args.db, must_exist=True)
    try:
        events = store.events(query)
        if fmt == "parquet":
            write_parquet(events, args.output)
        else:
            with _open_output(args.output) as out:
                write_all(events, out, fmt)
    except StoreError as exc:
        raise UserError(str(exc)) from None
    except Exception as exc:
        if type(exc).__name__ == "OperationalError":  # e.g. an invalid FTS5 query
            raise UserError(f"bad query: {exc}") from None
        raise
    finally:
        store.close()
    return 0
