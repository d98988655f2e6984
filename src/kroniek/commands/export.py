"""kroniek export: write the whole store (or a filtered part) in one format."""

from __future__ import annotations

import argparse

from . import query

HELP = "export the event store as acled-csv, geojson, parquet or jsonl"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    query.add_arguments(parser)


def run(args: argparse.Namespace) -> int:
    return query.run(args)
