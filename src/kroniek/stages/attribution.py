"""Who says so, whether it was verified, and modality/negation cues.

Writes the ``attributions`` layer (one ``ATTRIBUTION`` span per reporting cue
with its source, claimant, modality, verification and the sentences it
covers) and the ``cues`` layer (``NEGATION``, ``HYPOTHETICAL``, ``INTENTION``,
``EXPECTATION``, ``REQUEST``, ``REFUSAL``, ``DENIAL``, ``VERIFIED``,
``UNVERIFIED``). Reads ``sentences`` and, when present, ``actors``.

All cue phrases of a language are found in one Aho-Corasick pass (see
:mod:`kroniek.semantics.attribution_rules`); regexes then run only next to a
cue, to read the source phrase.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from .. import lang as langdata
from ..document import Document, Span
from ..kb.matcher import normalize
from ..semantics.attribution_rules import (
    CUE, OPENER, SKIP, SOURCE_AFTER, SOURCELESS, VERB, VERIFICATION, Entry, Rules, compile_rules,
)
from . import register

#: Where a word starts (not inside 'zo’n' or 'Noord-Korea').
_WORD_START = re.compile(r"(?<![\w'’-])[^\W_]")
_OPENING = {"’": "‘", "”": "“„", '"': '"'}
_QUOTES_AND_SPACE = " \t\n\"'‘’“”„«»"
_CLOSING = {"‘": "’", "“": "”", "„": "”", '"': '"'}
#: After a cue and its source, a colon and an opening quote mark: 'zei hij: “'.
_QUOTE_OPENS = re.compile(r"[^.!?:‘“„\"]{0,80}:\s*([‘“„\"])")
#: How far back an opening quote mark is looked for.
_QUOTE_REACH = 3000
#: A span's start, the sort key of spans.
_START = attrgetter("start")
#: How far a source phrase before its verb is looked for.
_BEFORE_REACH = 120


@dataclass(slots=True)
class Hit:
    entry: Entry
    start: int
    end: int
    head_end: int  # end of the phrase's first part: 'laten' in 'laten ... weten'


class _Sentences:
    """The sentence spans of a document, found by offset with bisect, and its clause breaks."""

    def __init__(self, doc: Document, rules: Rules, openers: list[tuple[int, int]]):
        spans = sorted(doc.layers.get("sentences", ()), key=_START)
        if not spans:  # no sentence stage ran: the whole text is one unit
            spans = [Span(0, len(doc.text), "sentence")]
        self.text = doc.text
        self.rules = rules
        self.spans = spans
        self.starts = [s.start for s in spans]
        # clause breaks: punctuation (the clause starts after it) and opening words (it starts with them)
        breaks = [(m.start(), m.end(), False) for m in rules.clause_punct.finditer(doc.text)]
        breaks.extend((start, end, True) for start, end in openers)
        breaks.sort()
        self.break_starts = [b[0] for b in breaks]
        self.break_ends = [b[1] for b in breaks]
        self.break_is_word = [b[2] for b in breaks]

    def index(self, pos: int) -> int:
        """The index of the sentence at ``pos`` (or the one before it, between sentences)."""
        return max(0, bisect_right(self.starts, pos) - 1)

    def clause(self, start: int, end: int, complement: bool = False) -> tuple[int, int]:
        """The clause around [start, end): between the nearest breaks inside its sentence.

        A break is punctuation (the clause starts after it) or a clause-opening
        word such as 'dat' or 'that' (the clause starts with it). With
        ``complement``, a clause the cue governs ('ontkende *dat ...*') is included.
        """
        sentence = self.spans[self.index(start)]
        starts, ends, is_word = self.break_starts, self.break_ends, self.break_is_word
        clause_start = sentence.start
        before = bisect_right(ends, start) - 1
        if before >= 0 and starts[before] >= sentence.start:
            clause_start = starts[before] if is_word[before] else ends[before]
        stop = max(end, sentence.end)
        after = bisect_left(starts, end)
        if complement and after < len(starts) and is_word[after] and starts[after] < stop and \
                self.text[starts[after]:ends[after]].lower() in self.rules.complementizers:
            after += 1
        clause_end = starts[after] if after < len(starts) and starts[after] < stop else stop
        text = self.text
        while clause_start < start and text[clause_start].isspace():
            clause_start += 1
        while clause_end > end and text[clause_end - 1] in " \t\n.!?":
            clause_end -= 1
        return clause_start, clause_end


class _Actors:
    """The actor spans of a document in text order, with those near an offset found by bisect."""

    def __init__(self, spans: Any):
        self.spans = sorted(spans, key=_START)
        self.starts = [s.start for s in self.spans]
        self.reach = max((s.end - s.start for s in self.spans), default=0)

    def near(self, start: int, end: int) -> list[Span]:
        """In text order, the actors that start before ``end`` and may reach past ``start``."""
        starts = self.starts
        return self.spans[bisect_left(starts, start - self.reach):bisect_left(starts, end)]


@register("attribution")
class AttributionStage:
    def __init__(self, languages: list[str] | None = None):
        # rules for every language with data, built once; others are built on first use
        codes = languages or langdata.available()
        self._rules: dict[str | None, Rules] = {code: compile_rules(code) for code in codes}

    def rules(self, lang: str | None) -> Rules:
        if lang not in self._rules:
            self._rules[lang] = compile_rules(lang)
        return self._rules[lang]

    def __call__(self, doc: Document) -> None:
        rules = self.rules(doc.lang)
        attributions = doc.layer("attributions")
        cues = doc.layer("cues")
        if rules.matcher is None or not doc.text:
            return
        hits, openers = self._hits(doc.text, rules, doc.normalized())
        sentences = _Sentences(doc, rules, openers)
        actors = _Actors(doc.layers.get("actors", ()))
        for sentence in sentences.spans:
            if sentence.label == "headline":
                span = _headline_attribution(doc, sentence, rules, actors)
                if span is not None:
                    attributions.append(span)
        for hit in hits:
            kind = hit.entry.kind
            if kind == CUE or kind == VERIFICATION:
                cues.append(self._cue(doc.text, hit, sentences, rules))
            elif kind in (SOURCE_AFTER, VERB, SOURCELESS):
                span = self._attribution(doc, hit, sentences, rules, actors)
                if span is not None:
                    attributions.append(span)
        _verify(doc.text, attributions, cues, sentences, rules)

    # -- matching ------------------------------------------------------------
    @staticmethod
    def _hits(text: str, rules: Rules, norm: str) -> tuple[list[Hit], list[tuple[int, int]]]:
        """Cue phrases in text order, and clause-opening words; exceptions swallow the cues they contain."""
        hits: list[Hit] = []
        openers: list[tuple[int, int]] = []
        consumed = 0
        gapped_regex, literal = rules.gapped_regex, rules.literal
        for start, end, key in rules.matcher.find_spans(_quotes_as_space(norm)):
            if start < consumed or not _at_word_edges(text, start, end):
                continue
            regex = gapped_regex[key]
            gapped = regex.match(text, start) if regex is not None else None
            if gapped is not None:
                entry = rules.gapped[key][int(gapped.lastgroup[1:])]
                consumed = gapped.end()
                if entry.kind == OPENER:
                    openers.append((start, consumed))
                elif entry.kind != SKIP:
                    hits.append(Hit(entry, start, consumed, end))
                continue
            entries = literal[key]
            if not entries:
                continue
            consumed = end
            for entry in entries:
                if entry.kind == OPENER:
                    openers.append((start, end))
                elif entry.kind != SKIP:
                    hits.append(Hit(entry, start, end, end))
        return hits, openers

    # -- cues ----------------------------------------------------------------
    @staticmethod
    def _cue(text: str, hit: Hit, sentences: _Sentences, rules: Rules) -> Span:
        forward = hit.entry.phrase in rules.forward
        start, end = sentences.clause(hit.start, hit.end, complement=not forward)
        if forward:
            start = hit.start
        return Span(hit.start, hit.end, hit.entry.label,
                    {"cue": hit.entry.phrase, "scope_start": start, "scope_end": end})

    # -- attributions ----------------------------------------------------------
    def _attribution(self, doc: Document, hit: Hit, sentences: _Sentences, rules: Rules,
                     actors: "_Actors") -> Span | None:
        text = doc.text
        index = sentences.index(hit.start)
        sentence = sentences.spans[index]
        limit = max(sentence.end, hit.end)
        source: tuple[int, int] | None = None
        if hit.entry.kind == SOURCE_AFTER:
            source = _np_after(text, hit.end, limit, rules)
            if source is None:
                return None
        elif hit.entry.kind == VERB:
            source = _verb_source(text, hit, sentences, sentence, rules, actors)
            if source is None:
                return None
        start = min(hit.start, source[0]) if source else hit.start
        end = max(hit.end, source[1]) if source else hit.end
        scope_start, scope_end = _scope(text, hit, start, sentences, index, rules)
        source_text = text[source[0]:source[1]] if source else None
        attrs: dict[str, Any] = {
            "cue": hit.entry.phrase,
            "cue_start": hit.start,
            "cue_end": hit.end,
            "source_text": source_text,
            "source_start": source[0] if source else None,
            "source_end": source[1] if source else None,
            "claimant": _claimant(doc, source, actors),
            "verified": None,
            "modality": hit.entry.label,
            "scope_start": scope_start,
            "scope_end": scope_end,
            "source_outlet": _outlet(text, source, hit, end, sentence, rules),
        }
        return Span(start, end, "ATTRIBUTION", attrs)


# -- helpers ---------------------------------------------------------------------

#: How far into a headline the colon of 'Stoltenberg: ...' may stand.
_HEADLINE_SOURCE_REACH = 60


def _headline_attribution(doc: Document, headline: Span, rules: Rules, actors: "_Actors") -> Span | None:
    """'Stoltenberg: Turkse bezwaren legitiem': a headline that opens with a source and a colon."""
    text = doc.text
    colon = text.find(":", headline.start, min(headline.end, headline.start + _HEADLINE_SOURCE_REACH))
    if colon < 0:
        return None
    end = _skip_space_back(text, headline.start, colon)
    if end <= headline.start or rules.np_strict.fullmatch(text, headline.start, end) is None:
        return None
    if rules.headline_label.match(text, colon + 1, headline.end):
        return None  # 'Corruptie: het tweede strijdtoneel' labels a topic
    source = (headline.start, end)
    attrs: dict[str, Any] = {
        "cue": ":", "cue_start": colon, "cue_end": colon + 1,
        "source_text": text[headline.start:end], "source_start": headline.start, "source_end": end,
        "claimant": _claimant(doc, source, actors), "verified": None, "modality": "reported",
        "scope_start": headline.start, "scope_end": headline.end,
        "source_outlet": _outlet(text, source, None, end, headline, rules),
    }
    return Span(headline.start, colon + 1, "ATTRIBUTION", attrs)


def _quotes_as_space(norm: str) -> str:
    """Matcher-normalised text in which quote marks are spaces, so '‘Als' matches 'als'.

    An apostrophe between two letters ('zo’n', "didn't") stays.
    """
    pos = norm.find("'")
    if pos < 0:
        return norm
    chars: list[str] | None = None
    last = len(norm) - 1
    while pos >= 0:
        if not (0 < pos < last and norm[pos - 1].isalpha() and norm[pos + 1].isalpha()):
            if chars is None:
                chars = list(norm)
            chars[pos] = " "
        pos = norm.find("'", pos + 1)
    return "".join(chars) if chars is not None else norm


def _at_word_edges(text: str, start: int, end: int) -> bool:
    """The match is a whole word: 'No' in 'No-flyzone' and 'zo' in 'zo’n' are not."""
    if end < len(text) and text[end] in "-'’" and end + 1 < len(text) and text[end + 1].isalnum():
        return False
    if start > 0 and text[start - 1] in "-'’" and start > 1 and text[start - 2].isalnum():
        return False
    return True


def _np_after(text: str, pos: int, limit: int, rules: Rules) -> tuple[int, int] | None:
    match = rules.np_after.match(text, pos, limit)
    return match.span("np") if match else None


def _np_before(text: str, pos: int, sentences: _Sentences, rules: Rules) -> tuple[int, int] | None:
    """The source phrase that ends right before ``pos`` (skipping 'heeft', 'also', ...).

    The leftmost word start from which the phrase reaches ``pos`` wins, so the
    whole phrase is taken ('Een hoge Amerikaanse defensiefunctionaris').
    """
    clause_start, _ = sentences.clause(pos, pos)
    left = max(clause_start, pos - _BEFORE_REACH)
    end = _strip_skippable(text, left, pos, rules.skippable)
    if end <= left:
        return _appositive_source(text, left, sentences, rules)
    for word in _WORD_START.finditer(text, left, end):
        match = rules.np_full.fullmatch(text, word.start(), end)
        if match:
            if rules.subject_opens_clause and not _opens_clause(text, left, match.start(), rules):
                return None  # 'partij Verenigd Rusland zei': a fragment of a longer phrase
            return match.span()
    return None


def _opens_clause(text: str, left: int, start: int, rules: Rules) -> bool:
    """Nothing but a function word ('dat', 'maar', 'ook') stands between ``left`` and ``start``."""
    before = text[left:start].split()
    return not before or before[-1].lower() in rules.function_words


def _appositive_source(text: str, comma_end: int, sentences: _Sentences,
                       rules: Rules) -> tuple[int, int] | None:
    """'Ihor Terekhov, the mayor of Kharkiv, said': the name before an appositive, with it."""
    comma = _skip_space_back(text, 0, comma_end)
    if comma == 0 or text[comma - 1] != ",":
        return None
    appositive_start, _ = sentences.clause(comma - 1, comma - 1)
    if appositive_start <= 0 or not rules.np_full.fullmatch(text, appositive_start, comma - 1):
        return None
    first_comma = _skip_space_back(text, 0, appositive_start)
    if first_comma == 0 or text[first_comma - 1] != ",":
        return None
    name_start, _ = sentences.clause(first_comma - 1, first_comma - 1)
    head_end = first_comma - 1
    for word in _WORD_START.finditer(text, max(name_start, head_end - _BEFORE_REACH), head_end):
        if rules.np_full.fullmatch(text, word.start(), head_end):
            return word.start(), comma - 1
    return None


def _strip_skippable(text: str, left: int, end: int, skippable: frozenset[str]) -> int:
    """Where [left, end) ends once trailing words like 'heeft maandag' are cut off."""
    while end > left:
        while end > left and text[end - 1].isspace():
            end -= 1
        cut = end
        while cut > left and not text[cut - 1].isspace():
            cut -= 1
        if text[cut:end].lower() not in skippable:
            return end
        end = cut
    return end


def _verb_source(text: str, hit: Hit, sentences: _Sentences, sentence: Span, rules: Rules,
                 actors: "_Actors") -> tuple[int, int] | None:
    """The source of a reporting verb: before ('Poetin zei') or after ('zei Poetin').

    A source inside a split verb wins ('laten *bewoners* via Telegram weten');
    then a source that opens its clause right before the verb (the subject:
    'Hij waarschuwde het Westen'); then a side that names a known actor; then
    the language's preferred order.
    """
    if hit.head_end < hit.end:
        inside = _np_after(text, hit.head_end, hit.end, rules)
        if inside is not None:
            return inside
    before = _np_before(text, hit.start, sentences, rules)
    if before is not None and before[0] == sentences.clause(before[0], before[0])[0]:
        return before
    after = None
    if (rules.inverting is None or hit.entry.phrase in rules.inverting) and \
            (not rules.invert_after_break_only or _right_after_break(text, hit.start, sentences)):
        after = _np_after(text, hit.end, max(sentence.end, hit.end), rules)
    found = [span for side in rules.order for span in ((after,) if side == "after" else (before,))
             if span is not None]
    if not found:
        return None
    for span in found:  # a side that names a known actor wins
        if any(a.start < span[1] and span[0] < a.end for a in actors.near(span[0], span[1])):
            return span
    return found[0]


def _right_after_break(text: str, pos: int, sentences: _Sentences) -> bool:
    """Only quote marks and space between the clause start and ``pos``: '"...," said X'."""
    return not text[sentences.clause(pos, pos)[0]:pos].strip(_QUOTES_AND_SPACE)


def _scope(text: str, hit: Hit, start: int, sentences: _Sentences, index: int,
           rules: Rules) -> tuple[int, int]:
    """The sentences an attribution covers.

    Its own sentence; from an opening quote mark when it follows a quotation
    ('‘...’, aldus X'); the previous sentence too when it opens with an
    anaphor ('Dit meldde Axios.').
    """
    sentence = sentences.spans[index]
    scope_start, scope_end = sentence.start, max(sentence.end, hit.end)
    closing = _closing_quote(text, sentence.start, start)
    if closing is not None:
        opening = _opening_quote(text, closing, text[closing])
        if opening is not None:
            return sentences.spans[sentences.index(opening)].start, scope_end
    before = text[sentence.start:start]
    if index > 0 and _refers_back(before, text[hit.start:hit.end], rules):
        return sentences.spans[index - 1].start, scope_end
    return scope_start, _quote_after(text, hit, sentences, scope_end)


def _quote_after(text: str, hit: Hit, sentences: _Sentences, scope_end: int) -> int:
    """'Zelensky zei: “... . ...”': a quotation opened after the cue runs on to its closing mark."""
    match = _QUOTE_OPENS.match(text, hit.end, scope_end)
    if match is None:
        return scope_end
    closer = _CLOSING[match.group(1)]
    close = text.find(closer, match.end(), match.end() + _QUOTE_REACH)
    if close < 0 or close < scope_end:
        return scope_end
    last = sentences.spans[sentences.index(close)]
    return max(scope_end, last.end)


def _closing_quote(text: str, left: int, pos: int) -> int | None:
    """The closing quote mark that ends the text before ``pos``: '‘...’, aldus', '"...," he said'."""
    pos = _skip_space_back(text, left, pos)
    if pos > left and text[pos - 1] in ",:":
        pos = _skip_space_back(text, left, pos - 1)
    if pos > left and text[pos - 1] in _OPENING:
        return pos - 1
    return None


def _skip_space_back(text: str, left: int, pos: int) -> int:
    while pos > left and text[pos - 1].isspace():
        pos -= 1
    return pos


def _opening_quote(text: str, closing: int, mark: str) -> int | None:
    """Where the quotation closed at ``closing`` opened, looking back a little."""
    left = max(0, closing - _QUOTE_REACH)
    best = -1
    for opener in _OPENING.get(mark, ""):
        best = max(best, text.rfind(opener, left, closing))
    return best if best >= 0 else None


def _refers_back(before: str, cue_text: str, rules: Rules) -> bool:
    if before.strip():
        return rules.anaphor.fullmatch(before) is not None
    first = cue_text.split(maxsplit=1)[0] if cue_text.strip() else ""
    return normalize(first).strip() in rules.anaphor_words and len(cue_text.split()) > 1


def _claimant(doc: Document, source: tuple[int, int] | None,
              actors: "_Actors") -> dict[str, Any] | None:
    """The actor that names the source, in the output contract's shape."""
    if source is None:
        return None
    best: Span | None = None
    best_overlap = 0
    for actor in actors.near(source[0], source[1]):
        overlap = min(actor.end, source[1]) - max(actor.start, source[0])
        if overlap > best_overlap:
            best, best_overlap = actor, overlap
    if best is None:
        return {"text": doc.text[source[0]:source[1]], "name": None, "id": None, "country": None,
                "sector": None, "span": [source[0], source[1]]}
    return {"text": doc.text[best.start:best.end], "name": best.attrs.get("name"),
            "id": best.attrs.get("id"), "country": best.attrs.get("country"),
            "sector": best.attrs.get("sector"), "span": [best.start, best.end]}


def _outlet(text: str, source: tuple[int, int] | None, hit: Hit | None, end: int, sentence: Span,
            rules: Rules) -> str | None:
    """A news outlet named as the source or as the one told ('tegen Axios', 'told Reuters')."""
    stop = max(sentence.end, end)
    first = min(end, source[0] if source is not None else end, hit.end if hit is not None else end)
    if rules.outlet_name.search(text, first, stop) is None:
        return None  # no outlet's name anywhere the two patterns below look
    if source is not None:
        match = rules.outlet.search(text, source[0], source[1])
        if match:
            return match.group("outlet")
    for pos in {end, hit.end if hit is not None else end}:
        match = rules.addressee.match(text, pos, stop)
        if match:
            return match.group("outlet")
    return None


def _opens_with_anaphor(text: str, start: int, cue_start: int, rules: Rules) -> bool:
    """'Dat kon niet worden geverifieerd': the sentence opens with an anaphor that is the cue's subject."""
    match = rules.anaphor_start.match(text, start, cue_start)
    return match is not None and len(text[match.end():cue_start].split()) <= 2


def _verify(text: str, attributions: list[Span], cues: list[Span], sentences: _Sentences,
            rules: Rules) -> None:
    """Set ``verified`` from VERIFIED/UNVERIFIED cues.

    A verification cue speaks of the attributions that cover it; a sentence
    without one that opens with an anaphor ('Dat kon niet worden geverifieerd.')
    speaks of those of the sentence before.
    """
    for cue in cues:
        if cue.label not in ("VERIFIED", "UNVERIFIED"):
            continue
        value = cue.label == "VERIFIED"
        targets = [a for a in attributions
                   if a.attrs["scope_start"] <= cue.start < a.attrs["scope_end"]]
        if not targets:
            index = sentences.index(cue.start)
            if index > 0 and _opens_with_anaphor(text, sentences.spans[index].start, cue.start, rules):
                previous = sentences.spans[index - 1]
                targets = [a for a in attributions if previous.start <= a.attrs["cue_start"] < previous.end]
        for attribution in targets:
            if attribution.attrs["verified"] is not False:  # 'not verified' outweighs 'confirmed'
                attribution.attrs["verified"] = value
