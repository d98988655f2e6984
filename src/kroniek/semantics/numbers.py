"""Number parsing shared by the ``quantities`` and ``time`` stages.

Digits are read in either thousands convention ('4.500', '4,500', '1.200.000')
and as decimals where that is the only sensible reading ('2,5', '2.5').
Number words come from ``lang/<code>/numbers.yaml``: a compiled regex built
from the language's number pieces finds candidate phrases, and text2num
parses only those candidates (cached).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Iterable

from .. import lang as langdata

_DIGITS_RE = re.compile(r"\d+(?:[.,]\d+)*")


def safe_lower(text: str) -> str:
    """``text.lower()`` with the same length as ``text`` (offsets stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first; spaces match any whitespace."""
    unique = sorted({w.lower() for w in words if w}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in unique) or r"(?!x)x"


def parse_digits(text: str) -> float | None:
    """The value of a digit string such as '4.500', '4,500', '2,5' or '1,234.5'.

    A single separator followed by exactly three digits is a thousands
    separator ('4.500' and '4,500' are both 4500): news writes thousands far
    more often than three-decimal fractions.
    """
    if not _DIGITS_RE.fullmatch(text):
        return None
    seps = [c for c in text if c in ".,"]
    if not seps:
        return float(text)
    if len(set(seps)) == 2:  # '1,234.5' or '1.234,5': the last one is the decimal point
        decimal = seps[-1]
        thousands = "," if decimal == "." else "."
        if text.count(decimal) > 1:
            return None
        return float(text.replace(thousands, "").replace(decimal, "."))
    sep = seps[0]
    groups = text.split(sep)
    if len(groups) > 2:  # '1.200.000'
        if all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3:
            return float("".join(groups))
        return None
    head, tail = groups
    if len(tail) == 3 and 1 <= len(head) <= 3 and head != "0":
        return float(head + tail)
    return float(f"{head}.{tail}")


def as_int(value: float | None) -> int | None:
    """``value`` as an int when it is a whole number, else None."""
    if value is None:
        return None
    whole = int(value)
    return whole if whole == value else None


@dataclass
class NumberLexicon:
    """One language's number words, compiled once."""

    data: dict[str, Any]
    text2num_lang: str = "en"
    words_pattern: str = ""
    articles: frozenset[str] = frozenset()
    _cache: dict[str, int | None] = field(default_factory=dict)
    _words_re: re.Pattern | None = None

    @classmethod
    def build(cls, data: dict[str, Any]) -> "NumberLexicon":
        morphemes = alternation(data.get("morphemes", []))
        joiners = data.get("joiners") or []
        glue = f"(?:{alternation(joiners)})?" if joiners else ""
        token = f"(?:{morphemes})(?:{glue}(?:{morphemes}))*"
        connectors = data.get("connectors") or []
        conn = f"(?:(?:{alternation(connectors)})\\s+)?" if connectors else ""
        words = f"{token}(?:(?:\\s+|-){conn}{token})*"
        return cls(data=data, text2num_lang=data.get("text2num", "en"), words_pattern=words,
                   articles=frozenset(a.lower() for a in data.get("articles", [])))

    @property
    def number_pattern(self) -> str:
        """Digits or a number-word phrase (no articles, which are only weakly numbers)."""
        return rf"\d+(?:[.,]\d+)*|{self.words_pattern}"

    def words_value(self, phrase: str) -> int | None:
        """text2num on one candidate phrase; None when it is not a number."""
        key = " ".join(phrase.split())
        if key not in self._cache:
            if self._words_re is None:
                self._words_re = re.compile(self.words_pattern)
            if not self._words_re.fullmatch(key):
                return None  # not made of number words: no parser call, no cache entry
            if len(self._cache) > 50_000:
                self._cache.clear()
            self._cache[key] = _text2num(key, self.text2num_lang)
        return self._cache[key]

    def value(self, text: str) -> float | None:
        """The value of digits, a number-word phrase or an article ('een', 'a': 1)."""
        text = text.strip()
        if not text:
            return None
        if text[0].isdigit():
            return parse_digits(text)
        if text.lower() in self.articles:
            return 1.0
        number = self.words_value(text.lower())
        return None if number is None else float(number)


def _text2num(phrase: str, lang: str) -> int | None:
    from text_to_num import text2num

    try:
        return int(text2num(phrase, lang))
    except (ValueError, TypeError):
        return None


@lru_cache(maxsize=None)
def lexicon(lang: str | None) -> NumberLexicon:
    """The number lexicon of ``lang`` (``lang/<code>/numbers.yaml``)."""
    return NumberLexicon.build(langdata.resource(lang, "numbers"))


_OPENERS = "\"“”„«»([‘"
_WORD_RE = re.compile(r"\S+")
_WORD_START = re.compile(r"(?<![\w'’.,-])[\w'’]")


class AnchoredPattern:
    """Runs a big alternation regex only where it can match: fast on long texts.

    ``re.finditer`` with a pattern of many alternatives tries it at every
    character. Instead, one Aho-Corasick pass finds the anchors (words the
    expression must contain, and numbers) at word starts; the pattern is then
    tried with ``match`` at the anchor and at up to ``lookback`` words before
    it (for leading modifiers such as 'minstens' or 'in de'); the longest
    match wins. Matches are returned in order and never overlap.
    """

    #: Characters a word may follow; anchors are searched as '<char><word>'.
    WORD_OPENERS = " \n\t\u00a0\"'(“‘„«[/€$£"

    def __init__(self, pattern: re.Pattern, anchors: Iterable[str], lookback: int = 3,
                 prefixes: Iterable[str] = (), leaders: Iterable[str] | None = None,
                 gated: Iterable[str] = (), gate: Callable[[str, int, int], bool] | None = None,
                 symbols: str = "", digits: bool = True, leader_run: bool = True):
        """``prefixes``: anchors that may begin a longer word ('vijf' in 'vijfentwintig').

        ``leaders``: phrases that may precede an anchor inside a match ('ten minste');
        the look-back runs only after one of them (None: always). ``gated`` anchors
        ('een', 'a') are tried only when ``gate(low, start, end)`` says so.
        ``symbols``: characters that may start a match right before an anchor ('€5').
        ``leader_run``: look back only over a run of leader words (else over any words).
        """
        import ahocorasick_rs

        self._tails = None if leaders is None else {w.split()[-1].lower() for w in leaders if w.split()}
        self._leader_words = (None if leaders is None or not leader_run
                              else {p.lower() for w in leaders for p in w.split()})
        self._gated = {g.lower() for g in gated}
        self._gate = gate
        self._symbols = symbols
        prefix_set = {p.lower() for p in prefixes}
        words = sorted({a.lower() for a in anchors if a and a[0].isalnum()} | prefix_set)
        if digits:
            words += [str(d) for d in range(10)]
        self._words = words
        self._open_end = [w in prefix_set or w.isdigit() for w in words]
        keys = [opener + w for w in words for opener in self.WORD_OPENERS]
        self._ac = ahocorasick_rs.AhoCorasick(keys, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
        self._n_openers = len(self.WORD_OPENERS)
        self.pattern = pattern
        self.lookback = lookback

    def finditer(self, low: str, skip: list[tuple[int, int]] | None = None) -> list[re.Match]:
        """Matches in ``low``; anchors inside the sorted ``skip`` ranges are not tried."""
        found: list[re.Match] = []
        last_end = 0
        size = len(low)
        skip = skip or []
        k = 0
        haystack = " " + low  # offsets in the haystack are one more than in low; the opener cancels it
        for key, start, end in self._ac.find_matches_as_indexes(haystack, overlapping=False):
            end -= 1
            if start < last_end:
                continue
            while k < len(skip) and skip[k][1] <= start:
                k += 1
            if k < len(skip) and skip[k][0] <= start:
                continue
            index = key // self._n_openers
            if end < size and low[end].isalnum():
                if not self._open_end[index]:
                    continue
            elif (self._gate is not None and self._words[index] in self._gated
                  and not self._gate(low, start, end)):
                continue
            m = self._match_around(low, start, last_end)
            if m is not None:
                found.append(m)
                last_end = m.end()
        return found

    def _match_around(self, low: str, anchor: int, floor: int) -> re.Match | None:
        window = low[max(floor, anchor - 12 * self.lookback):anchor]
        starts: list[int] = []
        last = window.rsplit(None, 1)[-1:]
        if self._tails is None or (last and last[0].lstrip(_OPENERS) in self._tails):
            base = anchor - len(window)
            words = list(_WORD_RE.finditer(window))[-self.lookback:]
            if self._leader_words is not None:  # only the run of leader words before the anchor
                run = 0
                for w in reversed(words):
                    if w.group().lstrip(_OPENERS) not in self._leader_words:
                        break
                    run += 1
                words = words[len(words) - run:]
            starts = [base + w.start() + len(w.group()) - len(w.group().lstrip(_OPENERS)) for w in words]
        elif self._symbols and window.rstrip()[-1:] in self._symbols and window[-1:] != "\n":
            starts = [anchor - len(window) + len(window.rstrip()) - 1]
        best: re.Match | None = None
        for start in starts + [anchor]:  # the longest match wins, then the earliest
            m = self.pattern.match(low, start)
            if m is not None and m.end() > anchor and (best is None or m.end() > best.end()):
                best = m
        return best
