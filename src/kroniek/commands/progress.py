"""A minimal progress line on stderr, shown only when stderr is a terminal."""

from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, enabled: bool, label: str = "documents"):
        self.enabled = enabled and sys.stderr.isatty()
        self.label = label
        self.count = 0
        self.errors = 0
        self.started = time.monotonic()
        self._last = 0.0

    def tick(self, error: bool = False) -> None:
        self.count += 1
        self.errors += error
        now = time.monotonic()
        if self.enabled and now - self._last > 0.2:
            self._last = now
            rate = self.count / max(now - self.started, 1e-9)
            sys.stderr.write(f"\r{self.count:,} {self.label} ({self.errors:,} errors) {rate:,.0f}/s")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")
            sys.stderr.flush()
