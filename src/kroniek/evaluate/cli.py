"""kroniek eval: run the pipeline on gold data and print how well it does."""

from __future__ import annotations

import argparse
import sys

HELP = "measure the pipeline against gold data (acled, plover, eventdna, conll, geoparse, kroniek, places, linking)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from .formats import KNOWN

    parser.add_argument("path", metavar="PATH", help="the gold file (or folder, for formats that take one)")
    parser.add_argument("--format", "-f", required=True, metavar="FORMAT",
                        help=f"gold format: {', '.join(KNOWN)}")
    parser.add_argument("--limit", type=int, metavar="N", help="read at most N gold documents")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="show the N worst cases with evidence")
    parser.add_argument("--stages", action="append", metavar="A,B,...",
                        help="comma-separated stage list overriding the config (may be repeated)")
    parser.add_argument("--config", metavar="FILE", help="pipeline config (TOML); default: the bundled one")
    parser.add_argument("--min", nargs="+", action="append", default=[], metavar="METRIC=VALUE",
                        help="fail (exit 1) when a metric is below VALUE; for CI")


def parse_floors(items: list[list[str]] | list[str]) -> dict[str, float]:
    """``['a=0.5', 'b=1']`` (possibly nested) -> ``{'a': 0.5, 'b': 1.0}``."""
    from ..cli import UserError

    floors: dict[str, float] = {}
    flat = [x for item in items for x in (item if isinstance(item, list) else [item])]
    for item in flat:
        name, sep, value = item.partition("=")
        try:
            if not sep or not name:
                raise ValueError
            floors[name.strip()] = float(value)
        except ValueError:
            raise UserError(f"--min expects METRIC=NUMBER: {item!r}") from None
    return floors


def check_floors(metrics: dict, floors: dict[str, float]) -> list[str]:
    """Messages for every floor not met; an unknown metric is a user error."""
    from ..cli import UserError

    failed = []
    for name, floor in floors.items():
        if name not in metrics:
            known = ", ".join(sorted(metrics))
            raise UserError(f"--min: no metric {name!r} in this report (have: {known})")
        value = metrics[name]
        if value is None or value < floor:
            failed.append(f"{name} = {value if value is None else round(value, 4)} is below {floor}")
    return failed


def make_pipeline(args: argparse.Namespace):
    from ..cli import UserError
    from ..pipeline import ConfigError, Pipeline
    from ..stages import UnknownStage

    stages = None
    if args.stages:
        stages = [s.strip() for item in args.stages for s in item.split(",") if s.strip()]
    try:
        return Pipeline.from_config(args.config, stages=stages)
    except (ConfigError, UnknownStage) as exc:
        raise UserError(str(exc).strip('"')) from None
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("kroniek.stages."):
            stage = exc.name.rsplit(".", 1)[-1]
            raise UserError(f"stage {stage!r} is not available in this build; pick others with --stages") from None
        raise


def run(args: argparse.Namespace) -> int:
    import time
    from pathlib import Path

    from ..cli import UserError
    from .formats import DataError, UnknownFormat, load
    from .report import from_any, render_text, to_json

    floors = parse_floors(args.min)
    if args.limit is not None and args.limit < 1:
        raise UserError("--limit must be at least 1")
    if args.errors < 0:
        raise UserError("--errors must not be negative")
    try:
        module = load(args.format)
    except UnknownFormat as exc:
        raise UserError(str(exc)) from None
    if not Path(args.path).exists():
        raise UserError(f"no such file: {args.path}")
    pipeline = make_pipeline(args)
    started = time.perf_counter()
    try:
        result = module.evaluate(args.path, pipeline, limit=args.limit, errors=args.errors)
    except (DataError, UnicodeDecodeError) as exc:
        raise UserError(f"{args.path}: {exc}") from None
    except OSError as exc:
        raise UserError(f"cannot read {args.path}: {exc.strerror or exc}") from None
    report = from_any(result, args.format)
    seconds = time.perf_counter() - started
    report.tables.setdefault("run", {"stages": ",".join(getattr(pipeline, "stage_names", [])),
                                     "seconds": round(seconds, 2),
                                     "documents_per_second": round(report.n_docs / seconds, 1) if seconds else None})
    sys.stdout.write(to_json(report) + "\n" if args.json else render_text(report))
    failed = check_floors(report.metrics, floors)
    for message in failed:
        print(f"kroniek eval: FAIL {message}", file=sys.stderr)
    crashed = report.metrics.get("pipeline_failures") or 0
    if crashed:
        print(f"kroniek eval: the pipeline raised on {crashed:,} of {report.n_docs:,} documents "
              f"(see --errors)", file=sys.stderr)
    return 1 if failed or crashed else 0
