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
('gisteren', 'last week', 'dit weekend') and 'n units ago'.

Resolution (``kroniek.semantics.time_resolve``) maps both ends of the
document date's range: with a day-precision document date 'maandag' is one
day; with a month-precision one it is the range of Mondays it could be, with
a coarser precision and ``ambiguous`` True. Without a document date nothing
relative is resolved: start and end stay None and ``ambiguous`` is True.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

from .. import lang as langdata
from ..document import Document
from ..semantics import time_resolve as tr
from ..semantics.numbers import AnchoredPattern, alternation, lexicon, safe_lower
from . import register


#: A day of the month, 1..31 ('juni 44' is no date).
DAY = r"(?:3[01]|[12]\d|0?[1-9])"


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
        self.pattern = self._build()
        self.scanner = AnchoredPattern(self.pattern, self._anchor_words(), lookback=3,
                                       prefixes=self.weekdays, leaders=self._leaders(),
                                       leader_run=False)  # 'twee weken geleden': any number word

    def _leaders(self) -> set[str]:
        """Words that may stand before an anchor inside a date ('in maart', 'vijf dagen geleden')."""
        d = self.data
        words = set(d.get("month_prepositions", [])) | set(d.get("year_prepositions", []))
        words |= set(self.wd_mods) | set(self.ago_units)
        for table in (self.rel_days, self.rel_periods):
            for key in table:
                words |= set(key.split())
        return {str(w).lower() for w in words}

    def _anchor_words(self) -> set[str]:
        """Words a date expression must contain (besides digits); the longest word of a phrase."""
        words = set(self.months) | set(self.weekdays) | set(self.data.get("ago_after", []))
        for table in (self.rel_days, self.rel_periods):
            words |= {max(key.split(), key=len) for key in table}
        return words

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
        body = "|".join([
            r"(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})",
            r"(?P<ny4>\d{4})-(?P<nm4>\d{2})(?!-\d)",
            rf"(?P<nd>{DAY})(?P<nsep>[/.-])(?P<nm>\d{{1,2}})(?P=nsep)(?P<ny>\d{{4}}|\d{{2}})",
            rf"(?P<ad>{DAY})-(?P<am>{months})-(?P<ay>\d{{4}}|\d{{2}})",
            rf"(?P<dd>{DAY})(?:{ords})?\.?\s+(?P<dm>{months})\.?(?:,?\s+(?P<dy>\d{{4}}))?",
            rf"(?P<mm>{months})\.?\s+(?P<md>{DAY})(?:{ords})?(?!\d)(?:,?\s+(?P<my>\d{{4}}))?"
            if d.get("month_day", False) else r"(?P<mm>(?!x)x)(?P<md>x)(?P<my>x)",
            rf"(?P<ym>{months})\.?\s+(?P<yy>\d{{4}})",
            rf"(?P<agon>{num})\s+(?P<agou>{alternation(self.ago_units)})\s+(?:{alternation(d.get('ago_after', []))})",
            rf"(?:(?P<wdmod>{alternation(self.wd_mods)})\s+)?(?P<wd>{alternation(self.weekdays)})"
            rf"(?:{parts})?(?:\s+(?:{sep_parts}))?",
            rf"(?P<rp>{alternation(self.rel_periods)})",
            rf"(?P<rd>{alternation(self.rel_days)})",
            rf"(?:{alternation(d.get('month_prepositions', []))})\s+(?P<pm>{full_months})",
            rf"(?:{alternation(d.get('year_prepositions', []))})\s+(?P<py>(?:1[5-9]|20)\d\d)",
            # a year alone before a comma, full stop or bracket: '(2022)', '2022 was', no '2022 soldiers'
            r"(?P<yb>(?:19|20)\d\d)(?=[.,;:)!?](?!\d)|\s*$)",
        ])
        return re.compile(rf"(?<![\w])(?:{body})(?![\w])")


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
        low = safe_lower(doc.text)
        ref = tr.ref_range(doc.date)
        ref_precision = doc.date.precision if doc.date else None
        for m in lt.scanner.finditer(low):
            try:
                found = self._resolve(lt, doc.text, m, ref)
            except (ValueError, OverflowError):  # '7000 jaar geleden': outside the calendar
                found = None
            if found is None:
                continue
            (start, end), attrs = found
            if attrs is None:
                continue
            if doc.text[end - 1] == ".":  # 'feb.' may end in a dot, a sentence does too
                end -= 1
            self._finish(attrs, ref_precision)
            # 'start'/'end' attrs would clash with Document.add's own parameters
            doc.add("dates", start, end, "DATE").attrs.update(attrs)

    # -- resolution -------------------------------------------------------
    def _resolve(self, lt: LanguageTime, text: str, m: re.Match, ref: tr.Range | None
                 ) -> tuple[tuple[int, int], dict[str, Any]] | None:
        g = m.group
        month_group = next((k for k in ("am", "dm", "mm", "ym", "pm") if g(k)), None)
        if month_group and not self._month_ok(lt, text, m, month_group):
            return None
        if g("iy"):
            return m.span(), self._full(int(g("iy")), int(g("im")), int(g("id")))
        if g("ny4"):
            return m.span(), self._month(int(g("ny4")), int(g("nm4")), ref, explicit_year=True)
        if g("nd"):
            return m.span(), self._full(_year(g("ny")), int(g("nm")), int(g("nd")))
        if g("ad"):
            return m.span(), self._full(_year(g("ay")), lt.months[g("am")], int(g("ad")))
        if g("dd"):
            return m.span(), self._day_month(lt.months[_norm(g("dm"))], int(g("dd")), g("dy"), ref)
        if g("mm"):
            return m.span(), self._day_month(lt.months[_norm(g("mm"))], int(g("md")), g("my"), ref)
        if g("ym"):
            return m.span(), self._month(int(g("yy")), lt.months[_norm(g("ym"))], ref, explicit_year=True)
        if g("agon"):
            return m.span(), self._ago(lt, g("agon"), g("agou"), ref)
        if g("wd"):
            return m.span(), self._weekday(lt, g("wdmod"), g("wd"), ref)
        if g("rp"):
            return m.span(), self._period(lt.rel_periods[_norm(g("rp"))], ref)
        if g("rd"):
            return m.span(), self._rel_day(lt.rel_days[_norm(g("rd"))], ref)
        if g("pm"):
            month = lt.months[_norm(g("pm"))]
            year = tr.infer_month_year(month, ref) if ref else None
            return m.span("pm"), self._month(year, month, ref, explicit_year=False)
        if g("py") or g("yb"):
            year = int(g("py") or g("yb"))
            span = m.span("py") if g("py") else m.span("yb")
            return span, _attrs(date(year, 1, 1), date(year, 12, 31), "year", value=str(year))
        return None

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
           ambiguous: bool = False, value: str | None = None) -> dict[str, Any]:
    return {"_lo": lo, "_hi": hi, "precision": precision, "relative": relative,
            "ambiguous": ambiguous, "value": value}


def _norm(word: str) -> str:
    return " ".join(word.split())


def _year(text: str) -> int:
    """A year written with four digits, or two ('9-May-20' is 2020)."""
    year = int(text)
    return year + 2000 if len(text) == 2 else year
