"""The document model: one :class:`Document` flows through every stage.

A document carries its original text untouched. Everything a stage finds is
an annotation: a :class:`Span` with character offsets into ``Document.text``
and a dict of attributes. Spans live in named layers (``doc.layer("places")``),
so each output field can point back to the exact words it came from.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

#: Precisions a date can have, finest first.
DATE_PRECISIONS = ("day", "week", "month", "year")

_DATE_RE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


@dataclass(slots=True)
class Span:
    """A stretch of the document text, ``text[start:end]``, with a label."""

    start: int
    end: int
    label: str
    attrs: dict[str, Any] = field(default_factory=dict)

    def text(self, doc: "Document") -> str:
        return doc.text[self.start : self.end]

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(slots=True, frozen=True)
class PubDate:
    """A publication date with its precision: '2022-03' is month precision."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def iso(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    @classmethod
    def parse(cls, value: Any) -> "PubDate | None":
        """Parse '2022', '2022-03', '2022-03-01' or '2022-03-01T10:00:00'.

        Returns None for anything else; a date we cannot read is not guessed.
        """
        if value is None:
            return None
        if isinstance(value, PubDate):
            return value
        if hasattr(value, "year") and hasattr(value, "month") and hasattr(value, "day"):
            return cls(value.year, value.month, value.day)
        match = _DATE_RE.match(str(value))
        if not match:
            return None
        year = int(match.group(1))
        month = int(match.group(2)) if match.group(2) else None
        day = int(match.group(3)) if match.group(3) else None
        if month is not None and not 1 <= month <= 12:
            return None
        if day is not None and not 1 <= day <= 31:
            return None
        return cls(year, month, day)


def content_id(text: str) -> str:
    """A stable id from the content: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(slots=True)
class Document:
    """One news article and everything the pipeline found in it."""

    text: str
    id: str = ""
    lang: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    date: PubDate | None = None
    origin: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    layers: dict[str, list[Span]] = field(default_factory=dict)
    events: list[Any] = field(default_factory=list)
    #: (text, ``normalize(text)``), computed once by :meth:`normalized`.
    _normalized: tuple[str, str] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.text)

    def __getstate__(self) -> dict[str, Any]:
        """Pickled without the normalised text: it is recomputed on demand (half the bytes between processes)."""
        return {name: getattr(self, name) for name in self.__slots__ if name != "_normalized"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        self._normalized = None

    def normalized(self) -> str:
        """The case- and diacritic-folded text (:func:`kroniek.kb.matcher.normalize`), computed once.

        It has the same length as ``text``, so its offsets are offsets into
        ``text``. Should ``text`` be replaced, it is computed again.
        """
        cached = self._normalized
        if cached is not None and cached[0] is self.text:
            return cached[1]
        from .kb.matcher import normalize

        norm = normalize(self.text)
        self._normalized = (self.text, norm)
        return norm

    # -- layers -----------------------------------------------------------
    def layer(self, name: str) -> list[Span]:
        """The spans of one layer, created empty on first use."""
        return self.layers.setdefault(name, [])

    def add(self, layer: str, start: int, end: int, label: str, **attrs: Any) -> Span:
        span = Span(start, end, label, attrs)
        self.layer(layer).append(span)
        return span

    def sentence_of(self, span: Span) -> Span | None:
        for sentence in self.layers.get("sentences", ()):
            if sentence.start <= span.start < sentence.end:
                return sentence
        return None
