"""One-pass dictionary matching over normalised text.

``normalize`` folds case and diacritics *character by character*, so the
normalised text has the same length as the original and every offset found
in it is an offset into the original. ``Matcher`` finds all dictionary keys
at word boundaries in one Aho-Corasick pass, optionally followed by an
inflection suffix ('Charkovs', 'Kievse'), and keeps the longest
non-overlapping matches.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Iterable, Sequence

import ahocorasick_rs

_TABLE: dict[int, str] = {}


def _fold_char(ch: str) -> str:
    """One character, lower-cased and without diacritics; always length 1."""
    low = ch.lower()
    if len(low) != 1:
        low = ch
    decomposed = unicodedata.normalize("NFD", low)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    if len(base) != 1:
        base = low
    if not base.isalnum():
        return " " if base not in "-'’" else base
    return base


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x3000):  # Latin, Greek, Cyrillic, Arabic, Hebrew, ...
        ch = chr(code)
        folded = _fold_char(ch)
        if folded != ch:
            table[code] = folded
    table[ord("’")] = "'"
    table[ord("‘")] = "'"
    return table


_LIST: list[int] = []


def normalize(text: str) -> str:
    """Case- and diacritic-folded text of the same length; punctuation becomes space.

    Hyphens and apostrophes are kept, so 'Noord-Korea' and "zo'n" stay one word.
    The table is a list of code points indexed by code point (5x faster than a
    dict with missing keys); characters past its end are left as they are.
    """
    global _TABLE, _LIST
    if not _LIST:
        _TABLE = _build_table()
        _LIST = [ord(_TABLE.get(code, chr(code))) for code in range(0x3000)]
    return text.translate(_LIST)


def normalize_key(name: str) -> str:
    """A dictionary key: normalised, with runs of space collapsed."""
    return " ".join(normalize(name).split())


@dataclass(slots=True, frozen=True)
class Match:
    start: int
    end: int
    key: int  # index into the key list the matcher was built with


class Matcher:
    """Finds the keys it was built with, at word boundaries, in normalised text."""

    def __init__(self, keys: Sequence[str], suffixes: Iterable[str] = ()):
        self.keys = list(keys)
        self.suffixes = tuple(sorted({s for s in suffixes if s}, key=len, reverse=True))
        self._ac = ahocorasick_rs.AhoCorasick([" " + k for k in self.keys],
                                              matchkind=ahocorasick_rs.MatchKind.Standard)

    def find(self, norm_text: str) -> list[Match]:
        """Longest non-overlapping matches; ``norm_text`` comes from :func:`normalize`."""
        haystack = " " + norm_text
        candidates: list[Match] = []
        for key, start, end in self._ac.find_matches_as_indexes(haystack, overlapping=True):
            # haystack offsets are shifted by the leading space
            end_in_text = self._boundary_end(norm_text, end - 1)
            if end_in_text is not None:
                candidates.append(Match(start, end_in_text, key))
        return self._longest(candidates)

    def _boundary_end(self, text: str, end: int) -> int | None:
        """Where the word ends if the match ends at a word boundary (maybe after a suffix)."""
        if end >= len(text) or not _is_word_char(text[end]):
            return end
        for suffix in self.suffixes:
            stop = end + len(suffix)
            if text.startswith(suffix, end) and (stop >= len(text) or not _is_word_char(text[stop])):
                return stop
        return None

    @staticmethod
    def _longest(candidates: list[Match]) -> list[Match]:
        """Greedy: longest first, then leftmost; no two chosen matches overlap."""
        if not candidates:
            return []
        taken = bytearray(max(m.end for m in candidates) + 1)
        chosen: list[Match] = []
        for match in sorted(candidates, key=lambda m: (m.start - m.end, m.start)):
            if any(taken[match.start : match.end]):
                continue
            taken[match.start : match.end] = b"\x01" * (match.end - match.start)
            chosen.append(match)
        chosen.sort(key=lambda m: m.start)
        return chosen


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()
