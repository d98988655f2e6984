"""Quantities: numbers, what they count, and how sure the text is about them.

Writes the ``quantities`` layer (label ``QUANTITY``; attrs per
docs/ARCHITECTURE.md): ``min``, ``max`` (head counts, int or None),
``approximate``, ``counts``, ``unit`` and ``value`` (float, for distances in
km, shares in 0..1 and money in the currency's units).

One compiled regex per language (built from ``lang/<code>/numbers.yaml``)
finds the candidates: an optional bound ('minstens', 'at least'), then digits,
number words, a vague amount ('honderden', 'dozens'), a fraction
('driekwart'), or a range ('tussen 10 en 20'), then a multiplier ('miljoen').
What follows decides what the number counts: a percent sign, a unit, a
currency, or a counted noun within a few words ('4.500 Russische soldaten').
People become ``dead``/``injured``/``arrested``/``displaced`` when a casualty
cue stands in the same clause ('zijn gedood', 'killing at least 11 people').

Not quantities: dates (spans of the ``dates`` layer), clock times ('10.30
uur'), bare years, ordinals ('2e', '2nd'), model names ('F-16'), scores and
phone numbers ('3-1', '06-1234'). 'Een'/'a' and 'geen'/'no' count only before
a counted noun ('een dode', 'no fatalities': 0).

Who the number counts: the subject of an active killing verb with an object is
no victim ('two gunmen shot dead a sergeant', 'een raket doodde twee burgers'); a
number in a name is no count ('Barrio 18', 'bataljon 101'); a figure after
'including'/'onder wie' is marked ``subset``; a toll ('2 fatalities', 'het dodental
... 33') is marked ``total``.

Casualty words without any number ('er zijn doden en gewonden') give a
QUANTITY with ``min`` and ``max`` None and ``counts`` set: the text says
casualties occurred but gives no figure, and no figure is invented.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .. import lang as langdata
from ..document import Document
from ..semantics.numbers import AnchoredPattern, NumberLexicon, alternation, as_int, lexicon, safe_lower
from ..semantics.roles import role_words
from . import register

#: Counted nouns whose fate a casualty cue may tell ('4.500 soldaten zijn gedood').
PERSON_COUNTS = frozenset({"people", "civilians", "soldiers", "casualties"})
#: Counted nouns that are casualty words themselves ('2 fatalities', 'elf doden').
CASUALTY_COUNTS = frozenset({"dead", "injured"})
#: Counts that may be part of another figure ('including two children').
SUBSET_COUNTS = CASUALTY_COUNTS | PERSON_COUNTS
#: Categories whose value is a measure (in ``value``), not a head count.
MEASURES = frozenset({"distance", "share", "money"})

_SENTENCE_END = re.compile(r"[.!?;:]\s|[.!?]$|\n|[\"“”‘’]\s")
_PUNCT = ".,;:!?\"'()[]“”‘’«»"
_TOKEN = re.compile(r"\s*([\w'’-]+)")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_JOINED_VERB = re.compile(r",?\s+(\w+)\s+[\w'’-]+")
LEFT_WINDOW = 60
RIGHT_WINDOW = 70
UNKNOWN_NOUN_WINDOW = 45
#: Words at most between an unknown noun and its cue ('2 separatists were later killed').
UNKNOWN_NOUN_GAP = 4
#: ... and after 'een'/'a' + an unknown noun ('a merchant was killed').
WEAK_NOUN_GAP = 1
#: Words at most between a cue and the number after it ('the death toll rose to 12').
LEFT_CUE_GAP = 3



@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    match: re.Match


class LanguageQuantities:
    """One language's compiled patterns and word tables."""

    def __init__(self, data: dict[str, Any], lex: NumberLexicon, genitives: frozenset[str] = frozenset(),
                 prepositions: frozenset[str] = frozenset()):
        self.data = data
        self.lex = lex
        #: 'of', 'van': a cue ending in one ('the death of') names the victims after it
        self.genitives = genitives
        self.genitive_ends = tuple(" " + w for w in sorted(genitives))
        #: 'in an accident', 'bij een ongeluk': 'a'/'een' + noun after these is no subject
        self.prepositions = prepositions
        mods = data.get("modifiers", {})
        self.mod_kind = {" ".join(w.lower().split()): kind for kind, words in mods.items() for w in words}
        self.vague = _lower_keys(data.get("vague", {}))
        self.approx_nouns = _lower_keys(data.get("approx_nouns", {}))
        self.fractions = _lower_keys(data.get("fractions", {}))
        self.unknown = {" ".join(w.split()) for w in d_get(data, "unknown_amounts")}
        self.multipliers = _lower_keys(data.get("multipliers", {}))
        self.currency_symbols = data.get("currency_symbols", {})
        self.negations = {w.lower() for w in data.get("negation", [])}
        self.rise = {w.lower() for w in data.get("rise", [])}
        self.stop_words = {w.lower() for w in data.get("stop_words", [])}
        self.noun_window = int(data.get("noun_window", 2))
        self.not_counted = set(d_get(data, "not_counted"))
        self.adjective = re.compile(data["adjective"]) if data.get("adjective") else None
        #: words at most between a counted noun and a cue after it ('64 militairen, die zijn omgekomen')
        self.cue_gap = int(data.get("cue_gap", 6))
        self.bare_blockers = {w.lower() for w in data.get("bare_blockers", [])}
        self.bare = _lower_keys(data.get("bare", {}))
        self.bare_after = set(d_get(data, "bare_after"))
        #: active verb forms that take the victims as object: '2 gunmen killed a man' counts the gunmen
        self.transitive = {" ".join(w.lower().split()) for w in data.get("transitive_cues", [])}
        self.object_starts = set(d_get(data, "object_starts"))
        self.auxiliaries = set(d_get(data, "passive_auxiliaries"))
        self.conjunctions = set(d_get(data, "conjunctions"))
        self.object_window = int(data.get("object_window", 1))
        #: nouns whose number is a name ('battalion 101', 'route 66')
        self.label_nouns = set(d_get(data, "label_nouns"))
        self.toll_nouns = set(d_get(data, "toll_nouns"))
        subsets = alternation(data.get("subset_cues", []))
        self.subset = re.compile(rf"(?<![\w])(?:{subsets})[\s,:]*$")
        self.pattern = self._build_pattern()
        self.gate_words = self._gate_words()
        self.cue_tails = {w.split()[-1] for words in data.get("cues", {}).values() for w in words}
        self.scanner = AnchoredPattern(
            self.pattern, self._anchor_words(), lookback=4, prefixes=data.get("morphemes", []),
            leaders=self._leaders(), gated=self.lex.articles | self.negations, gate=self._weak_gate,
            symbols="".join(self.currency_symbols))
        self.after = self._build_after()
        self.nouns = _category_regex(data.get("nouns", {}))
        self.cues = _category_regex(data.get("cues", {}), search=True)
        self.tolls = _category_regex(data.get("tolls", {}), search=True)

    def may_precede_noun(self, word: str) -> bool:
        """Can ``word`` stand between a number and its noun ('4.500 Russische soldaten')?

        Not another number ('een orkaan zes doden', '2019 vielen honderden doden'),
        and in languages whose adjectives are marked, only an adjective
        ('500 dieren doden': 'dieren' is a noun, 'doden' a verb).
        """
        if word[0].isdigit() or word in self.vague or self.lex.words_value(word) is not None:
            return False
        return self.adjective is None or self.adjective.fullmatch(word) is not None

    def _gate_words(self) -> set[str]:
        """Words that make an article worth reading: 'een dode', 'a man was killed'.

        'een miljoen', 'een tiental', 'een derde' need no gate: the second word is an anchor.
        """
        words: set[str] = set()
        for table in ("nouns", "cues"):
            words |= {w for ws in self.data.get(table, {}).values() for w in ws}
        return {max(w.lower().split(), key=len) for w in words if w.split()}

    def _weak_gate(self, low: str, start: int, end: int) -> bool:
        before = low[max(0, start - 25):start].rsplit(None, 1)
        if before and before[-1] in self.cue_tails:
            return True
        gate_words = self.gate_words
        for word in low[end:end + 40].split(None, 4)[:4]:
            if word.strip(_PUNCT) in gate_words:
                return True
        return False

    def _build_pattern(self) -> re.Pattern:
        d = self.data
        num = self.lex.number_pattern
        mods = alternation(self.mod_kind)
        arts = alternation(self.lex.articles | self.negations)
        body = "|".join([
            rf"(?P<unk>{alternation(self.unknown)})",
            rf"(?P<bet>{alternation(d.get('between', []))})\s+(?P<b1>{num})\s+"
            rf"(?:{alternation(d.get('between_and', []))})\s+(?P<b2>{num})",
            rf"(?P<vague>{alternation(self.vague)})",
            rf"(?P<approxn>{alternation(self.approx_nouns)})",
            rf"(?P<frac>{alternation(self.fractions)})",
            rf"(?P<cur>{alternation(self.currency_symbols)})\s?(?P<cn>{num})",
            rf"(?P<n1>{num})(?:\s*(?P<rsep>{alternation(d.get('range', []))})\s*(?P<n2>{num}))?",
            rf"(?P<art>{arts})",
        ])
        mult = alternation(self.multipliers)
        return re.compile(
            rf"(?<![\w])(?:(?P<mod>{mods})\s+)?(?:{body})(?:\s*(?P<mult>{mult}))?(?![\w])"
        )

    def _anchor_words(self) -> set[str]:
        """Words a quantity must contain (besides digits): the longest of a phrase."""
        tables = (self.vague, self.approx_nouns, self.fractions, self.unknown)
        words = {max(key.split(), key=len) for table in tables for key in table}
        return words | set(self.lex.articles) | self.negations

    def _leaders(self) -> set[str]:
        """Words that may stand before an anchor inside a quantity ('ten minste', 'een tiental')."""
        words = set(self.mod_kind) | set(d_get(self.data, "between"))
        for table in (self.vague, self.approx_nouns, self.fractions, self.unknown):
            words |= {w for key in table for w in key.split()}
        return words

    def _build_after(self) -> re.Pattern:
        """What may follow a number directly: percent, unit, currency, clock-time suffix."""
        d = self.data
        units = d.get("units", {})
        return re.compile(
            rf"\s?(?:(?P<pct>{alternation(d.get('percent', []))})"
            rf"|(?P<unit>{alternation(units)})"
            rf"|(?P<curw>{alternation(d.get('currencies', {}))})"
            rf"|(?P<clock>{alternation(d.get('time_suffixes', []))}))(?!\w)"
        )


def d_get(data: dict[str, Any], key: str) -> list[str]:
    return [str(w).lower() for w in data.get(key, []) or []]


def _lower_keys(table: dict[str, Any]) -> dict[str, Any]:
    return {" ".join(str(k).lower().split()): v for k, v in table.items()}


def _category_regex(table: dict[str, list[str]], search: bool = False) -> re.Pattern:
    """One regex with a named group per category ('dead', 'injured', ...)."""
    parts = [f"(?P<{cat}>{alternation(words)})" for cat, words in table.items() if words]
    return re.compile(rf"(?<![\w])(?:{'|'.join(parts) or '(?!x)x'})(?![\w])")


@lru_cache(maxsize=None)
def _language(code: str | None) -> LanguageQuantities:
    kinds = role_words(code).kinds
    return LanguageQuantities(langdata.resource(code, "numbers"), lexicon(code),
                              frozenset(w for w, kind in kinds.items() if kind == "genitive"),
                              frozenset(w for w, kind in kinds.items() if kind != "source"))


@register("quantities")
class QuantitiesStage:
    def __init__(self, languages: list[str] | None = None):
        for code in languages or langdata.available():
            if langdata.has_resource(code, "numbers"):
                _language(code)  # compile once, up front

    def __call__(self, doc: Document) -> None:
        lq = _language(doc.lang)
        text = doc.text
        low = safe_lower(text)
        dates = _Ranges((s.start, s.end) for s in doc.layers.get("dates", ()))
        found: list[dict[str, Any]] = []
        for match in lq.scanner.finditer(low, skip=dates.ranges):
            item = self._read(doc, lq, low, match, dates)
            if item is not None:
                found.append(item)
        # windows for cues end at the neighbouring quantities, though not at a mere 'a'/'een'
        firm_ends = sorted(item["end"] for item in found if not item["_weak"])
        firm_starts = sorted(item["start"] for item in found if not item["_weak"])
        starts = {item["start"] for item in found}
        for item in found:
            if item["counts"] is None or item["counts"] in PERSON_COUNTS:
                # the last firm end at or before the start, the first firm start at or after the end
                i = bisect_right(firm_ends, item["start"])
                prev_end = firm_ends[i - 1] if i else 0
                j = bisect_left(firm_starts, item["end"])
                next_start = firm_starts[j] if j < len(firm_starts) else len(low)
                item["counts"] = self._cue(lq, low, item, prev_end, next_start, starts) or item["counts"]
        for item in found:
            if item.pop("_needs_cue") and item["counts"] is None:
                continue
            start, end = item.pop("start"), item.pop("end")
            item.pop("_next_is_stop", None)
            item.pop("_weak", None)
            toll = item.pop("_toll", None)
            item["total"] = toll if item["counts"] in CASUALTY_COUNTS else None
            item["subset"] = (item["counts"] in SUBSET_COUNTS
                              and lq.subset.search(low, max(0, start - 30), start) is not None)
            doc.add("quantities", start, end, "QUANTITY", **item)
        self._bare(doc, lq, low)
        doc.layer("quantities").sort(key=lambda s: s.start)

    # -- one candidate ----------------------------------------------------
    def _read(self, doc: Document, lq: LanguageQuantities, low: str, m: re.Match,
              dates: "_Ranges") -> dict[str, Any] | None:
        start, end = m.start(), m.end()
        if dates.overlaps(start, end) or _glued(low, start, end):
            return None
        values = self._values(lq, m)
        if values is None:
            return None
        low_v, high_v, vague = values
        mod = " ".join(m.group("mod").split()) if m.group("mod") else None
        kind = lq.mod_kind.get(mod) if mod else None
        if kind == "at_most" and self._after_rise(lq, low, m.start()):
            kind = None
        item: dict[str, Any] = {"start": start, "end": end, "counts": None, "unit": None, "value": None}
        after = lq.after.match(low, end)
        if after and after.group("clock"):
            return None
        noun_cat, noun_end, next_is_stop = self._noun(lq, low, end if not after else after.end())
        number = m.group("n1")
        weak = m.group("art") is not None or (
            number is not None and not m.group("n2") and number in lq.lex.articles)
        # 'a merchant', '2-3 Taliban': kept only if a casualty cue says what happened to them
        needs_cue = weak and not (noun_cat or m.group("mult"))
        if weak and (m.group("art") or "").strip() in lq.negations:
            low_v = high_v = 0.0
        if low_v is None:
            item["counts"] = noun_cat
            if noun_cat is None:
                return None
            item["end"] = noun_end
        elif m.group("frac"):
            item.update(counts="share", unit="%", value=low_v)
        elif after and after.group("pct"):
            item.update(counts="share", unit="%", value=low_v / 100, end=after.end())
        elif after and after.group("unit"):
            _, unit, factor = lq.data["units"][" ".join(after.group("unit").split())]
            item.update(counts="distance", unit=unit, value=round(low_v * float(factor), 3), end=after.end())
        elif after and after.group("curw") or m.group("cur"):
            code = (lq.data["currencies"].get(" ".join(after.group("curw").split()))
                    if after and after.group("curw") else lq.currency_symbols.get(m.group("cur")))
            item.update(counts="money", unit=code, value=low_v, end=after.end() if after and after.group("curw") else end)
        else:
            text = doc.text
            if (noun_cat is None and start >= 2 and text[start - 1] == " " and text[start].isdigit()
                    and text[start - 2].isalpha() and _is_label(lq, doc, m)):
                return None
            if m.group("rsep") and noun_cat is None and not next_is_stop:
                needs_cue = True
            elif self._not_a_count(m, low_v, noun_cat):
                return None
            item["counts"] = noun_cat
            if noun_cat:
                item["end"] = noun_end
                # '2 fatalities', 'elf doden' state a toll; '3 bodies', '12 soldiers' count some victims
                if noun_cat in CASUALTY_COUNTS and low[max(0, noun_end - 30):noun_end].rsplit(None, 1)[-1] in lq.toll_nouns:
                    item["_toll"] = "noun"
        bounds = self._bounds(low_v, high_v, kind, vague)
        if item["counts"] in MEASURES:
            bounds = {"min": None, "max": None, "approximate": bounds["approximate"]}
        item.update(bounds)
        item["_next_is_stop"] = next_is_stop
        item["_needs_cue"] = needs_cue
        item["_weak"] = weak or low_v is None  # 'an unknown number of' bounds no cue window either
        return item

    @staticmethod
    def _values(lq: LanguageQuantities, m: re.Match) -> tuple[float | None, float | None, bool] | None:
        """(low, high, vague) before bounds; None when the candidate is no number."""
        lex, g = lq.lex, m.group
        vague = False
        if g("unk"):
            return None, None, True  # 'een onbekend aantal gewonden': casualties, no figure
        if g("bet"):
            low, high = lex.value(g("b1")), lex.value(g("b2"))
        elif g("vague"):
            low = high = float(lq.vague[" ".join(g("vague").split())])
            vague = True
        elif g("approxn"):
            low = high = float(lq.approx_nouns[" ".join(g("approxn").split())])
            vague = True
        elif g("frac"):
            low = high = float(lq.fractions[" ".join(g("frac").split())])
        elif g("cn"):
            low = high = lex.value(g("cn"))
        elif g("n1"):
            low = lex.value(g("n1"))
            high = lex.value(g("n2")) if g("n2") else low
            if g("n2") and (high is None or low is None or high <= low):
                return None  # '3-1' is a score, '2022-2023' is no count
        else:
            low = high = 1.0
        if low is None or high is None:
            return None
        if g("mult"):
            factor = float(lq.multipliers[" ".join(g("mult").split())])
            low, high = low * factor, high * factor
        return low, high, vague

    @staticmethod
    def _bounds(low: float | None, high: float | None, kind: str | None, vague: bool) -> dict[str, Any]:
        if low is None:
            return {"min": None, "max": None, "approximate": True}
        lo = as_int(low)
        if vague:
            return {"min": lo, "max": None, "approximate": True}
        hi = lo if high == low else as_int(high)
        if kind == "at_least":
            return {"min": lo, "max": None, "approximate": True}
        if kind == "at_most":
            return {"min": None, "max": hi, "approximate": True}
        return {"min": lo, "max": hi, "approximate": kind == "approx" or low != high}

    @staticmethod
    def _not_a_count(m: re.Match, value: float, noun_cat: str | None) -> bool:
        """Bare years, scores and phone numbers are not quantities."""
        n1 = m.group("n1")
        if n1 and m.group("rsep") and noun_cat is None:
            return True
        if (n1 and not m.group("mod") and not m.group("mult") and noun_cat is None
                and _YEAR.fullmatch(n1)):
            return True
        return False

    @staticmethod
    def _after_rise(lq: LanguageQuantities, low: str, start: int) -> bool:
        """'het dodental steeg tot 12': this 'tot' is no upper bound."""
        before = low[max(0, start - 25):start].split()
        return bool(before) and before[-1] in lq.rise

    @staticmethod
    def _noun(lq: LanguageQuantities, low: str, pos: int) -> tuple[str | None, int, bool]:
        """The counted noun within a few words after ``pos``: (category, end, next_is_stop)."""
        next_is_stop = True
        for i in range(lq.noun_window + 1):
            tok = _TOKEN.match(low, pos)
            if tok is None:
                return None, pos, next_is_stop
            noun = lq.nouns.match(low, tok.start(1))
            if noun is not None:
                return noun.lastgroup, noun.end(), next_is_stop
            word = tok.group(1)
            if i == 0:
                next_is_stop = word in lq.stop_words or lq.cues.match(low, tok.start(1)) is not None
            if word in lq.stop_words or not lq.may_precede_noun(word):
                return None, pos, next_is_stop
            pos = tok.end()
        return None, pos, next_is_stop

    @staticmethod
    def _cue(lq: LanguageQuantities, low: str, item: dict[str, Any], prev_end: int,
             next_start: int, starts: set[int]) -> str | None:
        """A casualty cue in the same clause: right of the noun first, then left of the number.

        A cue after the noun that is an active verb with an object ('two gunmen killed
        a man', 'een raket doodde twee burgers') makes the counted people its agents.
        """
        if item["counts"] is None and not item["_next_is_stop"]:
            return QuantitiesStage._unknown_noun_cue(lq, low, item, prev_end, next_start, starts)
        if item["counts"] is None and _apposition(low, item["start"], item["end"]):
            return None  # 'Dean Evans, 22, a farmer, died': an age
        left_start = max(prev_end, item["start"] - LEFT_WINDOW)
        left = low[left_start:item["start"]]
        ends = list(_SENTENCE_END.finditer(left))
        if ends:
            left = left[ends[-1].end():]
        left_hits = list(lq.cues.finditer(left))
        if left_hits and not left[left_hits[-1].end():].strip():
            if _intended(lq, left, left_hits[-1]):
                return None  # 'attempted to kill a detainee', 'dreigde twee gijzelaars te doden'
            return left_hits[-1].lastgroup  # 'killed two men': the verb right before the number
        right_end = min(next_start, item["end"] + RIGHT_WINDOW)
        right = low[item["end"]:right_end]
        stop = _SENTENCE_END.search(right)
        if stop:
            right = right[: stop.start()]
        hit = _right_cue(lq, right)
        if hit and len(right[: hit.start()].split()) <= lq.cue_gap:
            if _agent_cue(lq, low, item["end"] + hit.start(), item["end"] + hit.end(), starts):
                return None
            return hit.lastgroup
        if left_hits and item["counts"] and len(left[left_hits[-1].end():].split()) <= LEFT_CUE_GAP:
            return left_hits[-1].lastgroup  # 'killed in all 11 people'; a bare number needs the verb adjacent
        tolls = list(lq.tolls.finditer(left))
        if tolls and len(left[tolls[-1].end():].split()) <= lq.cue_gap:
            item["_toll"] = "phrase"
            return tolls[-1].lastgroup  # 'het dodental in de stad is opgelopen tot 12'
        return None

    @staticmethod
    def _unknown_noun_cue(lq: LanguageQuantities, low: str, item: dict[str, Any], prev_end: int,
                          next_start: int, starts: set[int]) -> str | None:
        """'killing two Palestinians', '2 separatists were killed', but not '20 tanks were hit'.

        The noun is not in the data, so the cue must stand right before the number
        or within a few words after the noun; the span then takes in the noun.
        """
        tok = _TOKEN.match(low, item["end"])
        if tok is None or tok.group(1) in lq.not_counted:
            return None
        left = low[max(prev_end, item["start"] - LEFT_WINDOW):item["start"]]
        hits = list(lq.cues.finditer(left))
        cue = hits[-1].lastgroup if hits and not left[hits[-1].end():].strip() else None
        if cue is not None and _intended(lq, left, hits[-1]):
            return None
        if cue is None:
            right = low[tok.end():min(next_start, tok.end() + UNKNOWN_NOUN_WINDOW)]
            stop = re.search(r"[.,;:!?()\n]", right)
            right = right[: stop.start()] if stop else right
            # ('with no casualties' still counts: 'no' is no article)
            before = low[max(0, item["start"] - 15):item["start"]].split()[-1:] if item["_weak"] and item["min"] == 1 else None
            if before and before[0] in lq.prepositions:
                return None  # 'bij een ongeluk waren omgekomen': the accident is no victim
            hit = _right_cue(lq, right)
            gap = UNKNOWN_NOUN_GAP if not item["_weak"] else WEAK_NOUN_GAP
            near = hit is not None and len(right[: hit.start()].split()) <= gap
            cue = hit.lastgroup if near else None
            if near and _agent_cue(lq, low, tok.end() + hit.start(), tok.end() + hit.end(), starts):
                return None  # 'an airstrike killed two': the strike is no victim
        if cue is not None:
            item["end"] = tok.end()
        return cue

    @staticmethod
    def _bare(doc: Document, lq: LanguageQuantities, low: str) -> None:
        """Casualty words without a number: counts set, min and max None."""
        taken = [(s.start, s.end) for s in doc.layer("quantities")]
        for start, end, counts in _find_words(low, lq.bare):  # a few words: str.find is fastest
            if any(s < end and start < e for s, e in taken):
                continue
            before = low[max(0, start - 20):start].split()
            if before and before[-1] in lq.bare_blockers:
                continue
            if lq.bare_after and before and before[-1] not in lq.bare_after and before[-1][-1].isalnum():
                continue  # 'dieren doden' is a verb; 'er zijn doden', 'de doden', ', doden' are not
            taken.append((start, end))
            doc.add("quantities", start, end, "QUANTITY", min=None, max=None,
                    approximate=False, counts=counts, unit=None, value=None)


def _find_words(low: str, table: dict[str, Any]) -> list[tuple[int, int, Any]]:
    """Where the (single-space) keys of ``table`` occur as whole words, longest first."""
    found = []
    for key in sorted(table, key=len, reverse=True):
        pos = low.find(key)
        while pos >= 0:
            end = pos + len(key)
            if (pos == 0 or not (low[pos - 1].isalnum() or low[pos - 1] == "-")) and \
                    (end == len(low) or not (low[end].isalnum() or low[end] == "-")):
                found.append((pos, end, table[key]))
            pos = low.find(key, end)
    found.sort()
    return found


class _Ranges:
    """Sorted (start, end) ranges, with those that overlap a span found by bisect."""

    def __init__(self, ranges: Any):
        self.ranges = sorted(ranges)
        self.starts = [start for start, _ in self.ranges]
        self.reach = max([0] + [end - start for start, end in self.ranges])

    def overlaps(self, start: int, end: int) -> bool:
        ranges = self.ranges
        for i in range(bisect_left(self.starts, start - self.reach), bisect_left(self.starts, end)):
            if start < ranges[i][1]:  # ranges[i][0] < end by the bisect
                return True
        return False


def _agent_cue(lq: LanguageQuantities, low: str, cue_start: int, cue_end: int, starts: set[int]) -> bool:
    """Is the cue an active verb followed by its object ('killed a man', 'doodden twee burgers')?

    Then the number before it counts the agents, not the victims. A passive auxiliary
    before the cue ('were killed a day later') rules that reading out.
    """
    if " ".join(low[cue_start:cue_end].split()) not in lq.transitive:
        return False
    before = low[max(0, cue_start - 20):cue_start].split()[-1:]
    if before and before[0] in lq.auxiliaries:
        return False
    pos = cue_end
    joined = _JOINED_VERB.match(low, pos)  # 'killed and dismembered a girl'
    if joined and joined.group(1) in lq.conjunctions:
        pos = joined.end()
    for _ in range(lq.object_window):  # Dutch may put adverbs first: 'doodden zaterdag een agent'
        word = _TOKEN.match(low, pos)
        if word is None or low[pos:word.start(1)].strip():
            return False  # punctuation: the clause ends with the verb
        if word.start(1) in starts or word.group(1) in lq.object_starts:
            return True
        pos = word.end()
    return False


def _right_cue(lq: LanguageQuantities, right: str) -> re.Match | None:
    """The first cue after a noun that can tell its fate: not one naming the victims after it
    ('a demonstration over the death of a teenager')."""
    hit = lq.cues.search(right)
    if hit is None or not hit.group().endswith(lq.genitive_ends):
        return hit
    for hit in lq.cues.finditer(right, hit.end()):
        if not hit.group().endswith(lq.genitive_ends):
            return hit
    return None


def _intended(lq: LanguageQuantities, left: str, cue: re.Match) -> bool:
    """'attempted to kill a detainee': a verb after an infinitive marker tells an intention,
    not a casualty ('leading to the killing of 5' is no verb)."""
    if " ".join(cue.group().split()) not in lq.transitive:
        return False
    before = left[max(0, cue.start() - 15):cue.start()].split()[-1:]
    return bool(before) and before[0] in lq.bare_blockers


def _is_label(lq: LanguageQuantities, doc: Document, m: re.Match) -> bool:
    """'Barrio 18', 'the military battalion 101': a bare number right after a name or a
    naming noun is part of that name. The name word must stand mid-sentence (a capital at
    the start of a sentence says nothing), be no modifier or casualty cue ('Killed 12') and
    no place ('in Nova Kachovka 52 Russen zijn gedood')."""
    text = doc.text
    start = m.start()  # the caller checked: a digit after a space after a letter
    at = text.rfind(" ", max(0, start - 40), start - 1) + 1
    word = text[at:start - 1]
    low_word = word.lower()
    if not word[0].isupper() and low_word not in lq.label_nouns:
        return False
    if m.group("mod") or m.group("mult") or m.group("rsep"):
        return False
    if low_word in lq.label_nouns:
        return True
    if at < 2 or not (text[at - 2].isalnum() or text[at - 2] in ",)"):
        return False
    if low_word in lq.mod_kind or lq.cues.fullmatch(low_word) is not None:
        return False
    if any(p.start <= at < p.end for p in doc.layers.get("places", ())):
        return False
    # the capitalised run ('Nova Kachovka') after a scene word ('in', 'bij') is a place too
    words = text[max(0, at - 60):at].split()[::-1]
    before = next((w for w in words if not w[:1].isupper()), None)
    return before is None or role_words(doc.lang).kinds.get(before.lower()) != "scene"


def _apposition(low: str, start: int, end: int) -> bool:
    """A number alone between commas or in brackets: an age, not a count ('Doegin (60)')."""
    return ((low[max(0, start - 2):start] == ", " and low[end:end + 1] == ",")
            or (low[start - 1:start] == "(" and low[end:end + 1] == ")"))


def _glued(low: str, start: int, end: int) -> bool:
    """Digits that are part of a name, code, date or time ('F-16', '3-jarige', '10:30', '24/2')."""
    if low[start].isdigit() and start >= 1:
        prev = low[start - 1]
        if prev in "+#/:" or (prev in "-–" and start >= 2 and low[start - 2].isalnum()):
            return True
    if low[end - 1].isdigit() and end + 1 < len(low):
        nxt, after = low[end], low[end + 1]
        if (nxt in "/:" and after.isdigit()) or (nxt in "-–" and after.isalpha()):
            return True
    return False
