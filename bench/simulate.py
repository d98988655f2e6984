"""A simulated corpus of N articles, run end to end with flat memory.

The corpus is the real Dutch news articles repeated under changed ids,
generated on the fly and streamed into ``kroniek extract -`` (JSONL on
standard input), so neither the input nor the output is ever held in
memory. Prints articles/s, events and the extractor's peak RSS.

    .venv/bin/python bench/simulate.py --articles 1000000 --workers 2
    .venv/bin/python bench/simulate.py --articles 20000 --emit > corpus.jsonl   # only generate
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("KRONIEK_DATA") or ROOT.parent / "shared" / "data")
SOURCES = sorted((DATA / "nl_news").glob("kwal_*fulltext*.jsonl"))


def articles(n: int) -> Iterator[bytes]:
    """N JSONL lines: the real articles over and over, each copy with its own id."""
    originals = [json.loads(line) for path in SOURCES for line in path.read_text(encoding="utf-8").splitlines()]
    if not originals:
        raise SystemExit(f"simulate: no articles in {DATA / 'nl_news'}")
    for i in range(n):
        record = dict(originals[i % len(originals)])
        record["id"] = f"sim-{i}"
        # a changed id alone keeps the text the same; a copy marker keeps content hashes distinct too
        record["text"] = f"{record.get('text', '')}\n\n(kopie {i // len(originals)})"
        yield (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--emit", action="store_true", help="only write the corpus to stdout")
    args = parser.parse_args(argv)
    if args.emit:
        for line in articles(args.articles):
            sys.stdout.buffer.write(line)
        return 0
    command = [sys.executable, "-m", "kroniek.cli", "extract", "-", "--workers", str(args.workers), "--quiet"]
    started = time.perf_counter()
    errors_file = tempfile.TemporaryFile()
    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors_file)
    events = 0

    def feed() -> None:
        try:
            for line in articles(args.articles):
                proc.stdin.write(line)
        finally:
            proc.stdin.close()

    import threading

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    for _ in proc.stdout:
        events += 1
    proc.wait()
    errors_file.seek(0)
    errors = errors_file.read().decode(errors="replace")
    feeder.join()
    if proc.returncode:
        print(errors[-2000:], file=sys.stderr)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({"articles": args.articles, "workers": args.workers, "seconds": round(seconds, 1),
                      "articles_per_second": round(args.articles / seconds, 1), "events": events,
                      "peak_rss_mb_largest_process": round(peak, 1), "exit_status": proc.returncode}))
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
