"""Dates, resolved against the document date with honest precision.

Writes the ``dates`` layer (label ``DATE``; attrs per docs/ARCHITECTURE.md):
``start``, ``end`` (ISO dates or None), ``precision`` (day/week/month/year),
``relative``, ``ambiguous`` and ``value`` (normalised: an ISO date, 'P-5D',
'XXXX-WXX-1' for a weekday, 'PAST_REF'/'FUTURE_REF' for 'de afgelopen
dagen'/'in the coming days').

One compiled regex per language (from ``lang/<code>/time.yaml``) finds the
candidates: full dates ('24 februari 2022', 'February 28', '9-May-20',
'2022-03-01'), months and years after a preposition ('in maart', 'in 2022'),
weekdays ('maandag', 'vorige week maandag'), relative days and periods
('gisteren', 'last week', 'dit weekend'), 'n units ago', ranges of days
('between 1 and 3 March', 'van 30 april tot 2 mei') and days counted from the
date the text last gave ('the next day', 'twee dagen later'; attr ``anchor``
holds that date's offsets, None when it is the document date).

Where a date stands says what it dates (attr ``scope``): 'frame' when it opens
its sentence ('On 10 May 2022, ...', 'Maandag beschoten ...') and so dates the
whole sentence; 'onset' after 'since'/'sinds' (the start of a state, not an
occurrence); 'attributive' when it dates a noun ('the 9 May 2022 elections',
'de 24 februari-inval', 'the anniversary of 8 May 1945'); 'aside' inside
brackets; else None. A date followed by a name's head word ('the July 7
neighbourhood') is a name, not a date, and is left out.

Resolution (``kroniek.semantics.time_resolve``) maps both ends of the
document date's range: with a day-precision document date 'maandag' is one
day; with a month-precision one it is the range of Mondays it could be, with
a coarser precision and ``ambiguous`` True. Without a document date nothing
relative is resolved: start and end stay None and ``ambiguous`` is True.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from datetime import date
from functools import lru_cache
from operator import attrgetter
from typing import Any

from .. import lang as langdata
from ..document import Document, Span
from ..semantics import time_resolve as tr
from ..semantics.numbers import AnchoredPattern, alternation, lexicon, safe_lower
from . import register


#: A day of the month, 1..31 ('juni 44' is no date).
DAY = r"(?:3[01]|[12]\d|0?[1-9])"
#: A date an expression such as 'the next day' counts from: its range and its offsets.
Anchor = tuple[tuple[date, date], list[int]]
_START = attrgetter("start")
#: A named group in a pattern.
GROUP = re.compile(r"\(\?P<(\w+)>")
#: A group's definition, back reference or condition: '(?P<name>', '(?P=name', '(?(name'.
GROUP_REFERENCE = re.compile(r"(\(\?P<|\(\?P=|\(\?\()(\w+)")
#: What an expression may begin with, and the suffix of its groups' names in the word half.
DIGIT, WORD, BOTH = "digit", "word", "both"
WORD_SUFFIX = "_w"
#: Groups of optional words before an expression (not its name).
OPTIONAL_LEADS = frozenset({"ro", "rmo", "wdmod"})
#: Groups holding a month name (checked for the capital 'May' and 'March' need).
MONTH_GROUPS = ("am", "dm", "mm", "ym", "pm", "rm1", "rm2", "rmm")
#: A longer 'range' is no range of days ('1 tot 30 juni' is a month, said differently).
MAX_RANGE_DAYS = 31
#: A date further into its sentence than this does not open it (a label and a few leading words).
FRAME_REACH = 100
#: ... and no more words than this before it.
FRAME_WORDS = 8
#: Characters that end a clause, for the words just before a date.
CLAUSE_MARKS = ",;:()[]"


class LanguageTime:
    """One language's compiled date pattern and tables."""

    def __init__(self, data: dict[str, Any], code: str | None):
        self.data = data
        self.lex = lexicon(code)
        self.months = _keys(data.get("months", {}))
        self.need_capital = {m.lower() for m in data.get("months_need_capital", [])}
        self.weekdays = _keys(data.get("weekdays", {}))
        self.wd_mods = _keys(data.get("weekday_modifiers", {}))
        self.rel_days = _keys(data.get("relative_days", {}))
        self.rel_periods = _keys(data.get("relative_periods", {}))
        self.ago_units = _keys(data.get("ago_units", {}))
        self.anaphoric = _keys(data.get("anaphoric_days", {}))
        self.later = _keys(data.get("later_after", {}))
        self.amount_nouns = frozenset(str(w).lower() for w in data.get("amount_nouns", []))
        self.context = DateContext(data)
        self.pattern = self._build()
        self.scanner = AnchoredPattern(self.pattern, self._anchor_words(), lookback=3,
                                       prefixes=self.weekdays, leaders=self._leaders(),
                                       leader_run=False)  # 'twee weken geleden': any number word

    def _leaders(self) -> set[str]:
        """Words that may stand before an anchor inside a date ('in maart', 'vijf dagen geleden')."""
        d = self.data
        words = set(d.get("month_prepositions", [])) | set(d.get("year_prepositions", []))
        words |= set(self.wd_mods) | set(self.ago_units) | set(d.get("range_openers", []))
        for table in (self.rel_days, self.rel_periods):
            for key in table:
                words |= set(key.split())
        for key in self.anaphoric:  # only the word right before its anchor: 'op', 'een' are everywhere
            parts = key.split()
            at = parts.index(self._anaphoric_anchor(key))
            if at > 0:
                words.add(parts[at - 1])
        return {str(w).lower() for w in words}

    def _anchor_words(self) -> set[str]:
        """Words a date expression must contain (besides digits); the longest word of a phrase."""
        words = set(self.months) | set(self.weekdays) | set(self.data.get("ago_after", [])) | set(self.later)
        phrases = [key.split() for table in (self.rel_days, self.rel_periods) for key in table]
        longest = [[w for w in parts if len(w) == max(map(len, parts))] for parts in phrases]
        words |= {ties[0] for ties in longest if len(ties) == 1}
        # of equally long words one that is an anchor already, else the last: 'this week' at 'week'
        words |= {next((w for w in ties if w in words), ties[-1]) for ties in longest if len(ties) > 1}
        return words | {self._anaphoric_anchor(key) for key in self.anaphoric}

    def _anaphoric_anchor(self, key: str) -> str:
        """'later that day', 'the next day' are found at 'day': the word most phrases of the table
        share ('dag'), as 'later', 'daarna' and determiners ('that', 'die') are everywhere."""
        common = self.context.determiners | self.context.demonstratives
        counts = Counter(w for phrase in self.anaphoric for w in phrase.split() if w not in common)
        parts = [w for w in key.split() if w not in common] or key.split()
        return max(parts, key=lambda w: (counts[w], len(w)))

    def _build(self) -> re.Pattern:
        d = self.data
        months = alternation(self.months)
        # a month alone is written in full: 'in maart', not 'in Jan' (a name)
        abbreviations = {str(m).lower() for m in d.get("month_abbreviations", [])}
        full_months = alternation(m for m in self.months if m not in abbreviations)
        ords = alternation(d.get("ordinal_suffixes", []))
        num = self.lex.number_pattern + "|" + alternation(self.lex.articles)
        parts = alternation(d.get("weekday_parts_glued", []))
        sep_parts = alternation(d.get("weekday_parts_separate", []))
        openers = alternation(d.get("range_openers", []))
        joiners = alternation(d.get("range_joiners", []))
        # 'van 3 op 4 maart' but not 'Nord Stream 1 op 31 augustus': some joiners need an opener
        joiners += f"|(?(ro){alternation(d.get('range_joiners_after_opener', []))}|(?!x)x)"
        mjoiners = joiners.replace("(?(ro)", "(?(rmo)")
        units = alternation(self.ago_units)
        alternatives = [
            (DIGIT, r"(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})"),
            (DIGIT, r"(?P<ny4>\d{4})-(?P<nm4>\d{2})(?!-\d)"),
            (DIGIT, rf"(?P<nd>{DAY})(?P<nsep>[/.-])(?P<nm>\d{{1,2}})(?P=nsep)(?P<ny>\d{{4}}|\d{{2}})"),
            # a range of days: 'between 1 and 3 March', 'van 30 april tot 2 mei', 'March 1-3, 2022'
            (BOTH, rf"(?:(?P<ro>{openers})\s+)?(?P<rd1>{DAY})(?:{ords})?(?:\s+(?P<rm1>{months}))?\.?\s*"
                rf"(?:{joiners})\s*"
                rf"(?P<rd2>{DAY})(?:{ords})?\.?\s+(?P<rm2>{months})\.?(?:,?\s+(?P<ry>\d{{4}}))?"),
            (WORD, rf"(?:(?P<rmo>{openers})\s+)?(?P<rmm>{months})\.?\s+(?P<rmd1>{DAY})(?:{ords})?\s*(?:{mjoiners})\s*"
                rf"(?P<rmd2>{DAY})(?:{ords})?(?!\d)(?:,?\s+(?P<rmy>\d{{4}}))?"),
            (DIGIT, rf"(?P<ad>{DAY})-(?P<am>{months})-(?P<ay>\d{{4}}|\d{{2}})"),
            (DIGIT, rf"(?P<dd>{DAY})(?:{ords})?\.?\s+(?P<dm>{months})\.?(?:,?\s+(?P<dy>\d{{4}}))?"),
            (WORD, rf"(?P<mm>{months})\.?\s+(?P<md>{DAY})(?:{ords})?(?!\d)(?:,?\s+(?P<my>\d{{4}}))?"),
            (WORD, rf"(?P<ym>{months})\.?\s+(?P<yy>\d{{4}})"),
            # 'vijf dagen geleden', 'two days later' (one number pattern for both: it is costly)
            (BOTH, rf"(?P<agon>{num})\s+(?P<agou>{units})\s+"
                rf"(?:{alternation(d.get('ago_after', []))}|(?P<law>{alternation(self.later)}))"),
            (WORD, rf"(?P<an>{alternation(self.anaphoric)})"),
            (WORD, rf"(?:(?P<wdmod>{alternation(self.wd_mods)})\s+)?(?P<wd>{alternation(self.weekdays)})"
                rf"(?:{parts})?(?:\s+(?:{sep_parts}))?"),
            (WORD, rf"(?P<rp>{alternation(self.rel_periods)})"),
            (WORD, rf"(?P<rd>{alternation(self.rel_days)})"),
            (WORD, rf"(?:{alternation(d.get('month_prepositions', []))})\s+(?P<pm>{full_months})"),
            (WORD, rf"(?:{alternation(d.get('year_prepositions', []))})\s+(?P<py>(?:1[5-9]|20)\d\d)"),
            # a year alone before a comma, full stop or bracket: '(2022)', '2022 was', no '2022 soldiers'
            (DIGIT, r"(?P<yb>(?:19|20)\d\d)(?=[.,;:)!?](?!\d)|\s*$)"),
        ]
        if not d.get("month_day", False):  # 'maart 15' is not this language's: its groups stay, never set
            alternatives = [(kind, _never(alt) if "(?P<rmm>" in alt or "(?P<mm>" in alt else alt)
                            for kind, alt in alternatives]
        # Two halves, for a start at a digit and at a word: each try runs only the one that can match
        # (an expression that may begin with either is in both, its groups renamed in the second).
        digits = [alt for kind, alt in alternatives if kind != WORD]
        words = [alt if kind == WORD else _renamed(alt, WORD_SUFFIX) for kind, alt in alternatives if kind != DIGIT]
        # which expression matched: the last group a match closes belongs to one alternative
        self.expression = {name: (_kind(alt), WORD_SUFFIX if name.endswith(WORD_SUFFIX) else "")
                           for alt in digits + words for name in GROUP.findall(alt)}
        return re.compile(rf"(?<![\w])(?:(?=\d)(?:{'|'.join(digits)})|(?!\d)(?:{'|'.join(words)}))(?![\w])")


class DateContext:
    """The words around a date that say what it dates (the ``scope`` attr)."""

    #: Words of a prefix, ignoring quotes and brackets.
    WORD = re.compile(r"[^\W\d][\w'-]*")
    #: The word after a date: 'the 9 May 2022 elections', 'de 24 februari-inval'.
    NEXT = re.compile(r"(-(?=[^\W\d])|)\s*([^\W\d][\w'-]*)")

    def __init__(self, data: dict[str, Any]):
        words = lambda key: frozenset(str(w).lower() for w in data.get(key, []))  # noqa: E731
        self.frames = {tuple(str(p).lower().split()) for p in data.get("frame_leaders", [])} | {()}
        self.onset = words("onset_words")
        self.determiners = words("determiners")
        self.demonstratives = words("demonstratives")
        self.noun_date_determiners = words("noun_date_determiners")
        self.of_words = words("of_words")
        self.time_nouns = words("time_nouns")
        self.name_heads = words("name_heads")
        self.not_nouns = words("not_nouns") | self.determiners | self.of_words
        self.months = {str(m).lower() for m in data.get("months", {})}

    def scope(self, low: str, start: int, end: int, sentence_start: int) -> str | None:
        """'frame', 'onset', 'attributive', 'aside', None; 'name' when it is no date at all."""
        follower = low[end:end + 1]
        if follower == " " or follower == "-":
            after = self.NEXT.match(low, end)
            hyphen, next_word = after.groups() if after else ("", "")
            if next_word in self.name_heads:
                return "name"
        else:
            hyphen, next_word = "", ""
        head = low[max(sentence_start, start - FRAME_REACH):start]  # an aside longer than this is no aside
        if start - sentence_start <= FRAME_REACH:
            bare = head[head.rfind(":") + 1:]  # 'Security measures: On 3 May 2022, ...'
            if not bare or bare.isspace() or (bare.count(" ") <= FRAME_WORDS and "(" not in bare
                                              and tuple(self.WORD.findall(bare)) in self.frames):
                return "frame"
        tail = head[-40:]
        clause = tail[max(map(tail.rfind, CLAUSE_MARKS)) + 1:].split()
        if not self.onset.isdisjoint(clause[-2:]):
            return "onset"
        if hyphen and next_word not in self.months:
            return "attributive"  # 'de 24 februari-inval'
        if clause and clause[-1] in self.noun_date_determiners and next_word and next_word not in self.not_nouns:
            return "attributive"  # 'the 9 May 2022 elections'
        if (len(clause) >= 3 and clause[-1] in self.of_words and clause[-2] not in self.time_nouns
                and clause[-3] in self.determiners):
            return "attributive"  # 'the anniversary of 8 May 1945', 'de inval van 24 februari'
        if head.rfind("(") > head.rfind(")"):
            return "aside"
        return None


def _never(alternative: str) -> str:
    """An alternative that never matches but keeps the groups of ``alternative``."""
    return "(?!x)x" + "".join(f"(?P<{name}>)" for name in GROUP.findall(alternative))


def _kind(alternative: str) -> str:
    """An expression's name: its first group that is no optional lead ('between', 'vorige')."""
    return next(name for name in GROUP.findall(alternative)
                if name.removesuffix(WORD_SUFFIX) not in OPTIONAL_LEADS).removesuffix(WORD_SUFFIX)


def _renamed(alternative: str, suffix: str) -> str:
    """The alternative with its groups (and references to them) renamed: 'rd1' -> 'rd1_w'."""
    return GROUP_REFERENCE.sub(lambda m: f"{m.group(1)}{m.group(2)}{suffix}", alternative)


def _keys(table: dict[str, Any]) -> dict[str, Any]:
    return {" ".join(str(k).lower().split()): v for k, v in table.items()}


@lru_cache(maxsize=None)
def _language(code: str | None) -> LanguageTime:
    return LanguageTime(langdata.resource(code, "time"), code)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


@register("time")
class TimeStage:
    def __init__(self, languages: list[str] | None = None):
        for code in languages or langdata.available():
            if langdata.has_resource(code, "time"):
                _language(code)

    def __call__(self, doc: Document) -> None:
        lt = _language(doc.lang)
        text = doc.text
        low = safe_lower(text)
        ref = tr.ref_range(doc.date)
        ref_precision = doc.date.precision if doc.date else None
        sentences = doc.layers.get("sentences", [])  # in text order, as the sentences stage writes them
        scope_of, resolve, finish = lt.context.scope, self._resolve, self._finish
        layer = doc.layer("dates")
        anchors: dict[bool, Anchor] = {}  # the last day (True) and the last date (False) the text gave
        for m in lt.scanner.finditer(low):
            try:
                found = resolve(lt, text, m, ref, anchors)
            except (ValueError, OverflowError):  # '7000 jaar geleden': outside the calendar
                found = None
            if found is None or found[1] is None:
                continue
            (start, end), attrs = found
            if text[end - 1] == ".":  # 'feb.' may end in a dot, a sentence does too
                end -= 1
            scope = scope_of(low, start, end, _sentence_start(sentences, low, start))
            if scope == "name":
                continue
            attrs["scope"] = scope
            lo, hi = attrs["_lo"], attrs["_hi"]
            finish(attrs, ref_precision)
            if lo is not None and scope != "aside":
                anchors[False] = ((lo, hi), [start, end])
                if attrs["precision"] == "day":
                    anchors[True] = anchors[False]
            layer.append(Span(start, end, "DATE", attrs))

    # -- resolution -------------------------------------------------------
    def _resolve(self, lt: LanguageTime, text: str, m: re.Match, ref: tr.Range | None,
                 anchors: dict[bool, Anchor]) -> tuple[tuple[int, int], dict[str, Any]] | None:
        kind, suffix = lt.expression.get(m.lastgroup or "", ("", ""))  # its first group names it
        g = (lambda name: m.group(name + suffix)) if suffix else m.group
        if lt.need_capital and not all(self._month_ok(lt, text, m, k + suffix) for k in MONTH_GROUPS
                                       if k + suffix in lt.pattern.groupindex and g(k)):
            return None
        if kind == "dd":
            return m.span(), self._day_month(lt.months[_norm(g("dm"))], int(g("dd")), g("dy"), ref)
        if kind == "wd":
            return m.span(), self._weekday(lt, g("wdmod"), g("wd"), ref)
        if kind == "rd":
            return m.span(), self._rel_day(lt.rel_days[_norm(g("rd"))], ref)
        if kind == "rp":
            return m.span(), self._period(lt.rel_periods[_norm(g("rp"))], ref)
        if kind == "pm":
            month = lt.months[_norm(g("pm"))]
            year = tr.infer_month_year(month, ref) if ref else None
            return m.span("pm"), self._month(year, month, ref, explicit_year=False)
        if kind == "py" and self._counted_not_dated(lt, text, m.start(), m.start(kind + suffix)):
            return None
        if kind == "py" or kind == "yb":
            year = int(g(kind))
            return m.span(kind), _attrs(date(year, 1, 1), date(year, 12, 31), "year", value=str(year))
        if kind == "ym":
            return m.span(), self._month(int(g("yy")), lt.months[_norm(g("ym"))], ref, explicit_year=True)
        if kind == "mm":
            return m.span(), self._day_month(lt.months[_norm(g("mm"))], int(g("md")), g("my"), ref)
        if kind == "agon":
            if g("law"):
                return m.span(), self._counted(lt, g("agon"), g("agou"), lt.later[_norm(g("law"))], ref, anchors)
            return m.span(), self._ago(lt, g("agon"), g("agou"), ref)
        if kind == "an":
            offset = int(lt.anaphoric[_norm(g("an"))])
            return m.span(), self._counted(lt, "1", "day", offset, ref, anchors, count=False)
        if kind == "rd1":
            first = lt.months[_norm(g("rm1"))] if g("rm1") else None
            return m.span(), self._range(first, int(g("rd1")), lt.months[_norm(g("rm2"))], int(g("rd2")),
                                         g("ry"), ref)
        if kind == "rmm":
            month = lt.months[_norm(g("rmm"))]
            return m.span(), self._range(month, int(g("rmd1")), month, int(g("rmd2")), g("rmy"), ref)
        if kind == "iy":
            return m.span(), self._full(int(g("iy")), int(g("im")), int(g("id")))
        if kind == "ny4":
            return m.span(), self._month(int(g("ny4")), int(g("nm4")), ref, explicit_year=True)
        if kind == "nd":
            return m.span(), self._full(_year(g("ny")), int(g("nm")), int(g("nd")))
        if kind == "ad":
            return m.span(), self._full(_year(g("ay")), lt.months[g("am")], int(g("ad")))
        return None

    @staticmethod
    def _range(first_month: int | None, first_day: int, month: int, day: int, year: str | None,
               ref: tr.Range | None) -> dict[str, Any] | None:
        """'between 1 and 3 March': the first day to the last, at the precision of its length."""
        first_month = first_month or month
        if (first_month, first_day) == (month, day) or (first_month == month and first_day > day):
            return None
        value = f"{first_month:02d}-{first_day:02d}/{month:02d}-{day:02d}"
        if year:
            last = tr.safe_date(int(year), month, day)
        elif ref is None:  # no year: the length from a leap year, the days unresolved
            first = tr.safe_date(2000 - (first_month > month), first_month, first_day)
            last = tr.safe_date(2000, month, day)
            if first is None or last is None:
                return None
            return _attrs(None, None, tr.coarse_precision((first, last)), ambiguous=True, value=f"XXXX-{value}")
        else:
            last = tr.infer_year(month, day, ref)
        if last is None:
            return None
        first = tr.safe_date(last.year - (first_month > month), first_month, first_day)
        if first is None or (last - first).days > MAX_RANGE_DAYS:
            return None
        return _attrs(first, last, tr.coarse_precision((first, last)),
                      value=f"{first.isoformat()}/{last.isoformat()}")

    @staticmethod
    def _counted(lt: LanguageTime, amount: str, unit_word: str, sign: int, ref: tr.Range | None,
                 anchors: dict[bool, Anchor], count: bool = True) -> dict[str, Any] | None:
        """'two days later', 'the next day': counted from the last day the text gave ('a year
        later': the last date), else from the document date; as precise as that date allows."""
        n = lt.lex.value(amount) if count else 1.0
        if n is None or n != int(n):
            return None
        unit = lt.ago_units.get(_norm(unit_word), unit_word)
        steps = int(n) * sign
        value = f"P{steps:+d}{unit[0].upper()}".replace("+0", "0")
        anchor = anchors.get(unit in ("day", "week"))
        base = anchor[0] if anchor else ref
        if base is None:
            return _attrs(None, None, "day" if unit in ("day", "week") else unit, relative=True,
                          ambiguous=True, value=value, anchor=None)
        rng, precision = tr.shift(base, unit, steps)
        wide = tr.coarser(precision, tr.coarse_precision(rng))  # 'a day later' than 'in March'
        return _attrs(rng[0], rng[1], wide, relative=True, ambiguous=wide != precision, value=value,
                      anchor=anchor[1] if anchor else None)

    @staticmethod
    def _counted_not_dated(lt: LanguageTime, text: str, start: int, number: int) -> bool:
        """'a total of 1513 shots', 'een totaal van 1513 schoten': after 'of' and a noun of amount the
        four digits count something; 'the end of 2021', 'de annexatie van 2014' stay years."""
        if safe_lower(text[start:number]).strip() not in lt.context.of_words:
            return False
        before = text[max(0, start - 30):start].split()
        return bool(before) and safe_lower(before[-1]) in lt.amount_nouns

    @staticmethod
    def _month_ok(lt: LanguageTime, text: str, m: re.Match, group: str) -> bool:
        """'may' and 'march' are months only with a capital ('May 9', 'in March')."""
        word = _norm(m.group(group))
        return word not in lt.need_capital or text[m.start(group)].isupper()

    @staticmethod
    def _full(year: int, month: int, day: int) -> dict[str, Any] | None:
        found = tr.safe_date(year, month, day)
        if found is None:
            return None
        return _attrs(found, found, "day", value=found.isoformat())

    @staticmethod
    def _day_month(month: int, day: int, year: str | None, ref: tr.Range | None) -> dict[str, Any] | None:
        if year:
            found = tr.safe_date(int(year), month, day)
        elif ref is None:
            if tr.safe_date(2000, month, day) is None:
                return None
            return _attrs(None, None, "day", ambiguous=True, value=f"XXXX-{month:02d}-{day:02d}")
        else:
            found = tr.infer_year(month, day, ref)
        if found is None:
            return None
        return _attrs(found, found, "day", value=found.isoformat())

    @staticmethod
    def _month(year: int | None, month: int, ref: tr.Range | None, explicit_year: bool) -> dict[str, Any] | None:
        if not 1 <= month <= 12:
            return None
        if year is None:
            return _attrs(None, None, "month", ambiguous=True, value=f"XXXX-{month:02d}")
        lo, hi = tr.month_range(year, month)
        return _attrs(lo, hi, "month", value=f"{year:04d}-{month:02d}")

    @staticmethod
    def _ago(lt: LanguageTime, amount: str, unit_word: str, ref: tr.Range | None) -> dict[str, Any] | None:
        n = lt.lex.value(amount)
        if n is None or n != int(n):
            return None
        unit = lt.ago_units[_norm(unit_word)]
        value = f"P-{int(n)}{unit[0].upper()}"
        if ref is None:
            return _attrs(None, None, "day" if unit in ("day", "week") else unit, relative=True,
                          ambiguous=True, value=value)
        rng, precision = tr.shift(ref, unit, -int(n))
        return _attrs(rng[0], rng[1], precision, relative=True, value=value)

    @staticmethod
    def _weekday(lt: LanguageTime, mod: str | None, name: str, ref: tr.Range | None) -> dict[str, Any]:
        weekday = lt.weekdays[_norm(name)]
        direction = int(lt.wd_mods[_norm(mod)]) if mod else 0
        value = f"XXXX-WXX-{weekday + 1}"
        if ref is None:
            return _attrs(None, None, "day", relative=True, ambiguous=True, value=value)
        lo, hi = tr.resolve_weekday(ref, weekday, direction)
        return _attrs(lo, hi, "day", relative=True, value=value)

    @staticmethod
    def _period(spec: list[Any], ref: tr.Range | None) -> dict[str, Any]:
        kind, n = str(spec[0]), int(spec[1])
        precision = {"week": "week", "weekend": "week", "month": "month", "year": "year"}.get(kind, "week")
        if kind in ("past", "future"):
            value = "PAST_REF" if kind == "past" else "FUTURE_REF"
            precision = "week" if n <= 7 else "month" if n <= 31 else "year"
        else:
            value = f"P{n:+d}{'WE' if kind == 'weekend' else kind[0].upper()}".replace("+0", "0")
        if ref is None:
            return _attrs(None, None, precision, relative=True, ambiguous=True, value=value)
        lo, hi = tr.resolve_period(ref, kind, n)
        return _attrs(lo, hi, precision, relative=True, value=value)

    @staticmethod
    def _rel_day(spec: int | list[int], ref: tr.Range | None) -> dict[str, Any]:
        first, last = (spec, spec) if isinstance(spec, int) else (int(spec[0]), int(spec[1]))
        value = f"P{last:+d}D".replace("+0", "0")
        if ref is None:
            return _attrs(None, None, "day", relative=True, ambiguous=True, value=value)
        lo, _ = tr.shift(ref, "day", first)[0]
        _, hi = tr.shift(ref, "day", last)[0]
        return _attrs(lo, hi, "day", relative=True, value=value)

    @staticmethod
    def _finish(attrs: dict[str, Any], ref_precision: str | None) -> None:
        """With an imprecise document date, a relative date widens to the range it may be."""
        lo, hi = attrs.pop("_lo"), attrs.pop("_hi")
        attrs["start"], attrs["end"] = _iso(lo), _iso(hi)
        if lo is None or not attrs["relative"] or ref_precision == "day":
            return
        wide = tr.coarser(attrs["precision"], tr.coarse_precision((lo, hi)))
        if wide != attrs["precision"]:
            attrs["precision"] = wide
            attrs["ambiguous"] = True


def _attrs(lo: date | None, hi: date | None, precision: str, *, relative: bool = False,
           ambiguous: bool = False, value: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"_lo": lo, "_hi": hi, "precision": precision, "relative": relative,
            "ambiguous": ambiguous, "value": value, **extra}


def _sentence_start(sentences: list[Span], low: str, offset: int) -> int:
    """Where the sentence around ``offset`` begins (the sentences layer, else the last full stop)."""
    if sentences:
        i = bisect.bisect_right(sentences, offset, key=_START) - 1
        return sentences[i].start if i >= 0 else 0
    floor = max(0, offset - 200)
    stop, line = low.rfind(". ", floor, offset), low.rfind("\n", floor, offset)
    return max(stop + 2 if stop >= 0 else floor, line + 1 if line >= 0 else floor)


def _norm(word: str) -> str:
    return " ".join(word.split())


def _year(text: str) -> int:
    """A year written with four digits, or two ('9-May-20' is 2020)."""
    year = int(text)
    return year + 2000 if len(text) == 2 else year
