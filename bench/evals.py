"""Every `kroniek eval` format on every gold file in ../shared/data, as one Markdown table.

This is what the README's quality figures come from:

    .venv/bin/python bench/evals.py            # full runs (a few minutes)
    .venv/bin/python bench/evals.py --limit 200

Each run is the CLI itself (`kroniek eval FILE --format F --json`), so the
figures are exactly what a user gets.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("KRONIEK_DATA") or ROOT.parent / "shared" / "data")

#: (format, file under DATA, extra CLI arguments, metrics to show)
RUNS: list[tuple[str, str, list[str], list[str]]] = [
    ("acled", "acled/acled_2022h1_dev.csv", [],
     ["event_type_accuracy", "sub_event_type_accuracy", "fatalities_exact", "date_exact", "actor1_country_accuracy",
      "location_within_10km", "location_within_161km"]),
    ("acled", "acled/acled_2020_aprmay.csv", [],
     ["event_type_accuracy", "sub_event_type_accuracy", "fatalities_exact", "date_exact", "actor1_country_accuracy",
      "location_within_10km", "location_within_161km"]),
    ("plover", "en_events/plover_gsr_dev.json", [], ["type_accuracy_top", "type_accuracy_any",
                                                     "source_country_accuracy", "target_country_accuracy"]),
    ("eventdna", "nl_events/eventdna_dev.jsonl", [], ["precision", "recall", "f1", "place_accuracy", "time_accuracy"]),
    ("conll", "nl_ner/conll2002_ned.testa.conll", [], ["precision_per_loc_org", "recall_per_loc_org",
                                                       "f1_per_loc_org", "LOC_f1", "PER_f1", "ORG_f1"]),
    ("geoparse", "en_events/geoparsing", [], ["toponym_precision", "toponym_recall", "toponym_f1", "accuracy_161km",
                                              "share_within_10km", "median_error_km"]),
    ("places", "acled/acled_2022h1_dev.csv", ["--stages", "places"], ["within_10km", "within_161km", "unresolved"]),
    ("places", "acled/acled_2020_aprmay.csv", ["--stages", "places"], ["within_10km", "within_161km", "unresolved"]),
    ("places", "en_events/cir_bellingcat_ukraine_events.csv", ["--stages", "places"],
     ["within_10km", "within_161km", "unresolved"]),
    ("kroniek", "", [], ["event_precision", "event_recall", "event_f1", "actor_country_accuracy",
                         "location_within_161km", "date_exact", "fatalities_exact", "claimant_accuracy",
                         "modality_accuracy"]),
    ("linking", "acled/acled_2022h1_dev.csv", [], ["bcubed_precision", "bcubed_recall", "pair_precision",
                                                   "pair_recall", "wrongly_merged_clusters"]),
]


def pick(metrics: dict, wanted: list[str]) -> dict:
    """The wanted metrics; a name also matches a key that ends with it (e.g. 'overall_within_10km')."""
    found = {}
    for name in wanted:
        if name in metrics:
            found[name] = metrics[name]
            continue
        match = next((k for k in metrics if k.endswith(name)), None)
        if match is not None:
            found[match] = metrics[match]
    return found


def fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int)
    parser.add_argument("--only", nargs="*", help="formats to run")
    args = parser.parse_args(argv)
    print("| format | data | documents | figures | seconds |")
    print("|---|---|---|---|---|")
    failed = 0
    for fmt_name, rel, extra, wanted in RUNS:
        if args.only and fmt_name not in args.only:
            continue
        path = DATA / rel if rel else DATA
        if not path.exists():
            print(f"| {fmt_name} | {rel} | - | data absent | - |")
            continue
        command = [sys.executable, "-m", "kroniek.cli", "eval", str(path), "--format", fmt_name, "--json", *extra]
        if args.limit:
            command += ["--limit", str(args.limit)]
        started = time.perf_counter()
        proc = subprocess.run(command, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        try:
            report = json.loads(proc.stdout)
        except json.JSONDecodeError:
            failed += 1
            print(f"| {fmt_name} | {rel} | - | failed: {proc.stderr.strip().splitlines()[-1:]} | {seconds:.0f} |")
            continue
        figures = ", ".join(f"{k} {fmt(v)}" for k, v in pick(report.get("metrics", {}), wanted).items())
        print(f"| {fmt_name} | {rel or '(bundled gold)'} | {report.get('n_docs')} | {figures} | {seconds:.0f} |")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
