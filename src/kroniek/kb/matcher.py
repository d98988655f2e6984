"""One-pass dictionary matching over normalised text.

``normalize`` folds case and diacritics *character by character*, so the
normalised text has the same length as the original and every offset found
in it is an offset into the original. ``Matcher`` finds all dictionary keys
at word boundaries in one Aho-Corasick pass, optionally followed by an
inflection suffix ('Charkovs', 'Kievse'), and keeps the longest
non-overlapping matches.
"""

from __future__ import annotations

import re
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
#: Byte tables for the fast route: cp1252 byte -> its folded byte (0x81 when the fold leaves cp1252/Latin-1).
_CP1252: bytes = b""
_ESCAPE = 0x81  # undefined in cp1252, so never the encoding of a character
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_NON_ASCII_RUNS = re.compile(r"([^\x00-\x7f]+)")
#: Non-ASCII characters whose fold is ASCII that folding leaves alone ('é' -> 'e', '’' -> "'").
_TO_ASCII: dict[str, str] = {}
_ASCII: dict[int, int] = {}


def _tables() -> None:
    global _TABLE, _LIST, _CP1252, _TO_ASCII, _ASCII
    table = _build_table()
    folded = [ord(table.get(code, chr(code))) for code in range(0x3000)]
    ascii_map = {code: folded[code] for code in range(128)}
    to_ascii = {chr(code): chr(f) for code, f in enumerate(folded)
                if code >= 128 and f < 128 and folded[f] == f}
    cp1252 = bytearray(range(256))
    for byte in range(256):
        try:
            char = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            continue
        fold = chr(folded[ord(char)])
        # the result is decoded as Latin-1: keep only folds that read the same in both
        ok = ord(fold) < 0x80 or 0xA0 <= ord(fold) <= 0xFF
        cp1252[byte] = ord(fold) if ok else _ESCAPE
    _TABLE, _CP1252, _TO_ASCII, _ASCII = table, bytes(cp1252), to_ascii, ascii_map
    _LIST = folded


def normalize(text: str) -> str:
    """Case- and diacritic-folded text of the same length; punctuation becomes space.

    Hyphens and apostrophes are kept, so 'Noord-Korea' and "zo'n" stay one word.
    Every character is folded by one table (built once); characters past its
    end are left as they are. ``str.translate`` is slow on any text that is
    not pure ASCII, so the usual news text (ASCII, Latin-1 letters, curly
    quotes and dashes: cp1252) is encoded, folded with ``bytes.translate``
    and decoded; other texts fold their non-ASCII characters first, each
    distinct one with one ``str.replace``. All routes give the same result
    as ``text.translate(table)``.
    """
    if not _LIST:
        _tables()
    try:
        data = text.encode("cp1252").translate(_CP1252)
    except UnicodeEncodeError:
        return _normalize_other(text)
    if _ESCAPE in data:  # a fold outside Latin-1 ('Œ' -> 'œ')
        return _normalize_other(text)
    return data.decode("latin-1")


def _normalize_other(text: str) -> str:
    for char in set(_NON_ASCII.findall(text)):
        fold = _TO_ASCII.get(char)
        if fold is not None:
            text = text.replace(char, fold)
    if text.isascii():
        return text.translate(_ASCII)
    # what is left (Cyrillic, Greek, 'İ'): ASCII runs and the other runs each by one table
    parts = _NON_ASCII_RUNS.split(text)
    parts[0::2] = [part.translate(_ASCII) for part in parts[0::2]]
    parts[1::2] = [part.translate(_LIST) for part in parts[1::2]]
    return "".join(parts)


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
        return [Match(start, end, key) for start, end, key in self.find_spans(norm_text)]

    def find_spans(self, norm_text: str) -> list[tuple[int, int, int]]:
        """What :meth:`find` finds, as (start, end, key) tuples: cheaper on a hot path."""
        candidates: list[tuple[int, int, int]] = []
        n = len(norm_text)
        suffixes = self.suffixes
        for key, start, end in self._ac.find_matches_as_indexes(" " + norm_text, overlapping=True):
            # haystack offsets are shifted by the leading space: end - 1 is the end in norm_text
            end -= 1
            if end < n and norm_text[end].isalnum():
                end = self._suffix_end(norm_text, end, suffixes)
                if end < 0:
                    continue
            candidates.append((start, end, key))
        return self._longest(candidates)

    @staticmethod
    def _suffix_end(text: str, end: int, suffixes: tuple[str, ...]) -> int:
        """Where the word ends after an inflection suffix at ``end``, or -1."""
        for suffix in suffixes:
            stop = end + len(suffix)
            if text.startswith(suffix, end) and (stop >= len(text) or not text[stop].isalnum()):
                return stop
        return -1

    def _boundary_end(self, text: str, end: int) -> int | None:
        """Where the word ends if the match ends at a word boundary (maybe after a suffix)."""
        if end >= len(text) or not _is_word_char(text[end]):
            return end
        stop = self._suffix_end(text, end, self.suffixes)
        return None if stop < 0 else stop

    @staticmethod
    def _longest(candidates: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
        """Greedy: longest first, then leftmost; no two chosen matches overlap.

        Candidates are (start, end, key); the result is in text order. When no
        two candidates overlap (the usual case) all are kept as they are.
        """
        if len(candidates) < 2:
            return candidates
        previous_end = -1
        for start, end, _ in candidates:  # found in text order, none overlapping: kept as they are
            if start < previous_end or start >= end:
                break
            previous_end = end
        else:
            return candidates
        if any(c[0] >= c[1] for c in candidates):
            return _greedy(candidates)
        # overlapping candidates form groups that do not touch one another: the greedy choice is made per group
        chosen: list[tuple[int, int, int]] = []
        group: list[tuple[int, int, int, int]] = []
        group_end = -1
        for item in sorted((start, end, key, i) for i, (start, end, key) in enumerate(candidates)):
            if item[0] >= group_end and group:
                _choose(group, chosen)
                group = []
            group.append(item)
            if item[1] > group_end:
                group_end = item[1]
        _choose(group, chosen)
        return chosen


def _choose(group: list[tuple[int, int, int, int]], chosen: list[tuple[int, int, int]]) -> None:
    """Greedy within one group of (start, end, key, order found): longest first, then leftmost, then
    first found; appended to ``chosen`` in text order."""
    if len(group) == 1:
        start, end, key, _ = group[0]
        chosen.append((start, end, key))
        return
    picked: list[tuple[int, int, int]] = []
    for _, start, _, end, key in sorted((start - end, start, i, end, key) for start, end, key, i in group):
        if not any(start < e and s < end for s, e, _ in picked):
            picked.append((start, end, key))
    picked.sort(key=_first)
    chosen.extend(picked)


def _greedy(candidates: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The greedy choice over all candidates at once (also right for empty ones)."""
    taken = bytearray(max(c[1] for c in candidates) + 1)
    chosen: list[tuple[int, int, int]] = []
    # longest first, then leftmost, then in the order found (a stable sort)
    for _, start, _, end, key in sorted((start - end, start, i, end, key)
                                        for i, (start, end, key) in enumerate(candidates)):
        if any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append((start, end, key))
    chosen.sort(key=_first)
    return chosen


def _first(item: tuple[int, int, int]) -> int:
    return item[0]


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()
