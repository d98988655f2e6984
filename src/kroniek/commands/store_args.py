"""Arguments shared by the store commands (ingest, query, export, reprocess)."""

from __future__ import annotations

import argparse

DEFAULT_DB = "kroniek.sqlite"


def add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=DEFAULT_DB, metavar="PATH",
                        help=f"the event store: a SQLite file (default {DEFAULT_DB})")


def add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--type", action="append", help="PLOVER type (repeatable)")
    parser.add_argument("--actor", help="actor name or id (substring, case-insensitive)")
    parser.add_argument("--country", help="ISO alpha-3 of the location or of an actor")
    parser.add_argument("--near", metavar="LAT,LON,KM", help="events within KM of a point")
    parser.add_argument("--from", dest="date_from", metavar="DATE", help="events on or after DATE")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="events on or before DATE")
    parser.add_argument("--source", help="outlet name as stored (e.g. nos)")
    parser.add_argument("--text", help="full-text search in the articles (accent-insensitive)")
    parser.add_argument("--limit", type=int, help="at most this many events")


def query_from(args: argparse.Namespace):
    from ..cli import UserError
    from ..store import Query

    near = None
    if args.near:
        try:
            lat, lon, km = (float(x) for x in args.near.split(","))
        except ValueError:
            raise UserError(f"--near expects LAT,LON,KM: {args.near!r}") from None
        near = (lat, lon, km)
    return Query(type=args.type, actor=args.actor, country=args.country, near=near, date_from=args.date_from,
                 date_to=args.date_to, source=args.source, text=args.text, limit=args.limit)


def open_db(path: str, must_exist: bool = False):
    from pathlib import Path

    from ..cli import UserError
    from ..store import StoreError, open_store

    if must_exist and not path.startswith(("postgres://", "postgresql://")) and not Path(path).exists():
        raise UserError(f"no store at {path} (create one with kroniek ingest)")
    try:
        return open_store(path)
    except StoreError as exc:
        raise UserError(str(exc)) from None
