"""kroniek ray: extraction on a Ray cluster (or a local Ray instance)."""

from __future__ import annotations

import argparse
import sys

HELP = "extract events from JSONL/Parquet articles with Ray Data (local or object storage) into Parquet"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="JSONL or Parquet files or folders (s3://... works)")
    parser.add_argument("-o", "--output", required=True, metavar="DIR", help="folder for the events' Parquet files")
    parser.add_argument("--address", help="Ray cluster address (default: start a local Ray instance)")
    parser.add_argument("--workers", "-j", type=int, help="extraction actors (default: one per CPU)")
    parser.add_argument("--batch-size", type=int, default=64, help="articles per batch (default 64)")
    parser.add_argument("--column", action="append", default=[], metavar="FIELD=NAME")
    parser.add_argument("--config", metavar="FILE")
    parser.add_argument("--stages")
    parser.add_argument("--quiet", "-q", action="store_true")


def run(args: argparse.Namespace) -> int:
    from ..cli import UserError
    from ..scale.parallel import PipelineSpec
    from .extract import make_pipeline, parse_columns

    try:
        from ..scale import ray_runner
        import ray  # noqa: F401
    except ImportError:
        raise UserError("the Ray runner needs its extra: pip install 'kroniek[ray]'") from None
    make_pipeline(args)  # fail fast, with a one-line error, on a bad --config or --stages
    count = ray_runner.run(args.paths, args.output, spec=PipelineSpec.from_args(args), address=args.address,
                           workers=args.workers, batch_size=args.batch_size, columns=parse_columns(args.column))
    if not args.quiet:
        print(f"kroniek: {count:,} events written to {args.output}", file=sys.stderr)
    return 0
