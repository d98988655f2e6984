"""Paragraphs and sentences, found with one regex pass and set lookups.

Writes two layers (see docs/ARCHITECTURE.md):

* ``paragraphs``: label ``paragraph`` or ``heading``, attr ``index``. Paragraphs
  are separated by blank lines, and by single newlines unless the text is
  hard-wrapped (then only a short line ends a paragraph). A short line without
  final punctuation ('Omsingeling Kiev') is a heading; so is a record's title.
* ``sentences``: label ``sentence``, ``headline`` (inside a ``headlines`` span),
  ``caption`` (inside a ``captions`` span, or a line ending in a photo credit),
  or ``heading``; attr ``paragraph`` (the paragraph's index).

Candidate boundaries are final punctuation followed by whitespace. A
candidate is rejected when the next word starts in lower case, after a title
('dhr.', 'Mr.') or an initial ('J. Biden'), and after an abbreviation
('o.a.', 'U.S.', 'jan.') unless the next word commonly starts a sentence. The
word lists live in ``lang/<code>/sentences.yaml``. Spans never include
leading or trailing whitespace.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import lang as langdata
from ..document import Document, Span
from ..readers.layout import credit_re
from . import register

_FINAL = ".!?…"
_CLOSERS = "’'\"”»)]"
_OPENERS = "‘'\"“„«([¡¿"

#: Candidate boundaries. The pattern starts with a plain character class so
#: that the regex engine can skip quickly to the next candidate.
_BOUNDARY = re.compile(
    r"[.!?…•▪●](?:"
    r"(?<=[.!?…])[.!?…]*(?P<close>[" + re.escape(_CLOSERS) + r"]*)(?P<ws>\s+)"
    r"(?=[" + re.escape(_OPENERS) + r"]*(?P<next>\S))"
    r"|(?<=[•▪●])(?=\s))"
)
_BLOCK_SEP = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")
_LINE_SEP = re.compile(r"\n|\t[ \t]*\t")  # starts with one character: fast to scan
_NEXT_WORD = re.compile(r"[" + re.escape(_OPENERS) + r"]*(['’][st]\b|[^\W\d_]+)")
_DOTTED = re.compile(r"^(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}$")
_HAS_WORD = re.compile(r"[^\W_]")


@dataclass(frozen=True)
class _Rules:
    titles: frozenset[str]
    abbreviations: frozenset[str]
    starters: frozenset[str]


def _rules(code: str | None) -> _Rules:
    data = langdata.resource(code, "sentences")
    return _Rules(
        titles=frozenset(str(t).lower().rstrip(".") for t in data.get("titles", [])),
        abbreviations=frozenset(str(a).lower().rstrip(".") for a in data.get("abbreviations", [])),
        starters=frozenset(str(s) for s in data.get("sentence_starters", [])),
    )


@register("sentences")
class SentenceStage:
    """Segments ``doc.text`` into paragraphs and sentences."""

    def __init__(self, heading_max_chars: int = 80, heading_max_words: int = 10,
                 caption_max_chars: int = 400):
        self.heading_max_chars = heading_max_chars
        self.heading_max_words = heading_max_words
        self.caption_max_chars = caption_max_chars
        self._by_lang: dict[str | None, _Rules] = {}
        self._credit = credit_re()

    def rules(self, code: str | None) -> _Rules:
        rules = self._by_lang.get(code)
        if rules is None:
            rules = self._by_lang[code] = _rules(code)
        return rules

    def __call__(self, doc: Document) -> None:
        text = doc.text
        rules = self.rules(doc.lang)
        marked = [(s.start, s.end, "headline") for s in doc.layers.get("headlines", ())]
        marked += [(s.start, s.end, "caption") for s in doc.layers.get("captions", ())]
        paragraphs = doc.layers["paragraphs"] = []  # fresh layers: running twice gives the same result
        sentences = doc.layers["sentences"] = []
        paras = paragraph_bounds(text)
        for index, (start, end, line_break_after) in enumerate(paras):
            label = _marked_label(marked, start, end)
            is_heading = label == "headline" or (label is None and self._is_heading(text, start, end))
            paragraphs.append(Span(start, end, "heading" if is_heading else "paragraph", {"index": index}))
            if is_heading and label is None:
                sentences.append(Span(start, end, "heading", {"paragraph": index}))
                continue
            first = len(sentences)
            inside = [m for m in marked if m[0] < end and start < m[1]] if label is None else []
            for s_start, s_end in split_sentences(text, start, end, rules):
                s_label = label or (inside and _marked_label(inside, s_start, s_end)) or "sentence"
                sentences.append(Span(s_start, s_end, s_label, {"paragraph": index}))
            if label is None:
                self._label_tail(text, sentences, first, end, line_break_after)

    def _is_heading(self, text: str, start: int, end: int) -> bool:
        """A short single line without final punctuation ('Omsingeling Kiev')."""
        if end - start > self.heading_max_chars or "\n" in text[start:end]:
            return False
        chunk = text[start:end].rstrip(_CLOSERS).lstrip(_OPENERS)
        if not chunk or chunk[-1] in _FINAL + ":;," or not chunk[0].isalnum():
            return False
        if self._credit.search(chunk):
            return False
        return len(chunk.split()) <= self.heading_max_words and any(c.isalpha() for c in chunk)

    def _label_tail(self, text: str, sentences: list[Span], first: int, end: int, line_break_after: bool) -> None:
        """Captions ending in a photo credit, and headings glued to a paragraph's end.

        Record texts often hold 'caption. Foto ANP' lines and lines such as
        '... bronnen. Slangeneiland' (a heading before a single newline).
        """
        if first >= len(sentences):
            return
        last = sentences[-1]
        chunk = text[last.start:end]
        if self._credit.search(chunk):
            para_start = sentences[first].start
            whole = end - para_start <= self.caption_max_chars
            for span in sentences[first if whole else len(sentences) - 1:]:
                span.label = "caption"
            return
        if line_break_after and len(sentences) - first > 1 and _is_short_fragment(chunk):
            last.label = "heading"


def _is_short_fragment(chunk: str) -> bool:
    words = chunk.split()
    return (0 < len(words) <= 4 and len(chunk) <= 40 and chunk[-1] not in _FINAL + _CLOSERS + ":;,"
            and chunk[0].isupper())


def _marked_label(marked: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    for m_start, m_end, label in marked:
        if m_start <= start and end <= m_end:
            return label
    return None


def paragraph_bounds(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, ends_at_single_newline) of each paragraph, whitespace trimmed."""
    lines: list[tuple[int, int, bool]] = []  # (start, end, last line of its block)
    pos = 0
    for sep in _BLOCK_SEP.finditer(text):
        _block_lines(text, pos, sep.start(), lines)
        pos = sep.end()
    _block_lines(text, pos, len(text), lines)
    wrapped = _is_wrapped(text, lines)
    result: list[tuple[int, int, bool]] = []
    cur_start = -1
    cur_end = 0
    block_max = 0
    for i, (start, end, block_end) in enumerate(lines):
        if cur_start < 0:
            cur_start, block_max = start, 0
        cur_end = end
        block_max = max(block_max, end - start)
        if block_end or not wrapped or _ends_paragraph(text, lines, i, block_max):
            result.append((cur_start, cur_end, not block_end))
            cur_start = -1
    return [(s, e, after) for s, e, after in result if _HAS_WORD.search(text, s, e)]


def _block_lines(text: str, start: int, end: int, out: list[tuple[int, int, bool]]) -> None:
    """Append the non-blank lines of text[start:end], trimmed.

    A run of two or more tabs also ends a line: scraped record texts use it
    between the items of a live blog.
    """
    first = len(out)
    pos = start
    for sep in _LINE_SEP.finditer(text, start, end):
        _add_trimmed(text, pos, sep.start(), out)
        pos = sep.end()
    _add_trimmed(text, pos, end, out)
    if len(out) > first:
        s, e, _ = out[-1]
        out[-1] = (s, e, True)


def _add_trimmed(text: str, s: int, e: int, out: list[tuple[int, int, bool]]) -> None:
    segment = text[s:e]
    stripped = segment.strip()
    if stripped:
        start = s + len(segment) - len(segment.lstrip())
        out.append((start, start + len(stripped), False))


def _is_wrapped(text: str, lines: list[tuple[int, int, bool]]) -> bool:
    """Hard-wrapped text: short lines (a fixed width) that mostly break in mid-sentence.

    Scraped record texts also have single newlines, but between whole
    paragraphs, which are longer than any wrap width.
    """
    breaks = mid = 0
    for start, end, block_end in lines:
        if block_end:
            continue
        if end - start > WRAP_MAX_CHARS:
            return False
        breaks += 1
        if end - start >= 40 and text[end - 1] not in _FINAL + _CLOSERS + ":":
            mid += 1
    return mid >= 2 and mid >= 0.6 * breaks


#: Lines of hard-wrapped text are no longer than this.
WRAP_MAX_CHARS = 120


def _ends_paragraph(text: str, lines: list[tuple[int, int, bool]], i: int, block_max: int) -> bool:
    """In wrapped text a line ends its paragraph when it is clearly short."""
    start, end, _ = lines[i]
    return end - start < 0.6 * block_max and text[end - 1] in _FINAL + _CLOSERS + ":"


def split_sentences(text: str, start: int, end: int, rules: _Rules) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets within text[start:end] (already trimmed)."""
    spans: list[tuple[int, int]] = []
    sent_start = start
    for match in _BOUNDARY.finditer(text, start, end):
        if match.group("ws") is None:  # a bullet between items
            if match.start() == sent_start or not text[match.start() - 1].isspace():
                continue
            cut, nxt = match.start(), match.end()
            while cut > sent_start and text[cut - 1].isspace():
                cut -= 1
            while nxt < end and text[nxt].isspace():
                nxt += 1
        else:
            if not _is_boundary(text, match, sent_start, rules):
                continue
            cut, nxt = match.start("ws"), match.end("ws")
        if cut > sent_start and _HAS_WORD.search(text, sent_start, cut):
            spans.append((sent_start, cut))
        sent_start = nxt
    if sent_start < end and _HAS_WORD.search(text, sent_start, end):
        spans.append((sent_start, end))
    elif spans and sent_start < end:
        spans[-1] = (spans[-1][0], end)  # trailing punctuation only: keep with the last sentence
    return spans


def _is_boundary(text: str, match: re.Match[str], sent_start: int, rules: _Rules) -> bool:
    nxt = match.group("next")
    if nxt.islower():
        # 'Waarom?’ vroeg hij', '1. januari', 'o.a. de' -- but "'s Avonds" starts a sentence
        pos = match.start("next")
        return nxt in "st" and text[pos - 1] in "'’" and text[pos + 1 : pos + 2].isspace()
    punct_start = match.start()
    if match.start("close") - punct_start != 1 or text[punct_start] != ".":
        return True
    if text[punct_start - 1].isdigit():
        # '... in 2022. De' ends a sentence; a list number '2. De' does not
        return not (punct_start - sent_start <= 3 and text[sent_start:punct_start].isdigit())
    lo = max(sent_start, punct_start - 40)
    word = text[text.rfind(" ", lo, punct_start) + 1 or lo : punct_start]
    if "\n" in word or "\t" in word:
        word = word.split()[-1] if word.split() else ""
    word = word.lstrip(_OPENERS).rstrip(_CLOSERS)
    if not word:
        return True
    if len(word) == 1 and word.isupper():
        return False  # an initial: 'J. Biden'
    if len(word) > 1 and word.isupper() and "." not in word:
        return True  # 'de VS.', 'the EU.': acronyms without dots are words
    lower = word.lower()
    if lower in rules.titles:
        return False
    if lower in rules.abbreviations or ("." in word and _DOTTED.match(word)):
        word_match = _NEXT_WORD.match(text, match.end("ws"))
        return bool(word_match) and word_match.group(1) in rules.starters
    return True
