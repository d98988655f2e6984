"""A progress line on stderr, shown only when stderr is a terminal.

It appears once a second document arrives (one article needs no progress
bar) and is redrawn at most five times a second. Messages printed through
:meth:`Progress.message` clear the line first, so errors stay readable.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, enabled: bool, label: str = "documents", stream: TextIO | None = None,
                 interval: float = 0.2):
        self.stream = stream or sys.stderr
        self.enabled = enabled and _isatty(self.stream)
        self.label = label
        self.interval = interval
        self.count = 0
        self.errors = 0
        self.started = time.monotonic()
        self._last = 0.0
        self._drawn = False

    def tick(self, error: bool = False) -> None:
        self.count += 1
        self.errors += error
        if not self.enabled or self.count < 2:
            return
        now = time.monotonic()
        if now - self._last >= self.interval:
            self._last = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        rate = self.count / max(now - self.started, 1e-9)
        errors = f", {self.errors:,} failed" if self.errors else ""
        self.stream.write(f"\r\x1b[K{self.count:,} {self.label}{errors} ({rate:,.0f}/s)")
        self.stream.flush()
        self._drawn = True

    def message(self, text: str) -> None:
        """Print one line to stderr without mangling the progress line."""
        if self._drawn:
            self.stream.write("\r\x1b[K")
        print(text, file=self.stream)
        if self._drawn:
            self._last = 0.0  # redraw on the next tick

    def close(self) -> None:
        if self._drawn:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
