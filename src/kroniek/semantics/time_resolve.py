"""Calendar arithmetic for the time stage: resolving expressions against a
document date that may itself be imprecise (a day, a month or a year).

A reference date is a range ``(lo, hi)``: '2022-03' is 2022-03-01..2022-03-31.
Every resolver maps the range's two ends separately, so an imprecise document
date gives an honest range ('maandag' in March 2022: any Monday from
2022-02-28 to 2022-03-28) instead of a guessed day.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from ..document import DATE_PRECISIONS, PubDate

#: Days after the document date a date without a year may still fall: news
#: reports the past, but announces too ('vanaf 1 september' in an August paper).
#: A date later than this is read as last year's.
FUTURE_SLACK = timedelta(days=62)

Range = tuple[date, date]


def ref_range(pub: PubDate | None) -> Range | None:
    """The days a publication date may stand for."""
    if pub is None:
        return None
    if pub.day is not None and pub.month is not None:
        try:
            day = date(pub.year, pub.month, pub.day)
        except ValueError:
            return None
        return day, day
    if pub.month is not None:
        return month_range(pub.year, pub.month)
    return date(pub.year, 1, 1), date(pub.year, 12, 31)


def month_range(year: int, month: int) -> Range:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def infer_year(month: int, day: int, ref: Range) -> date | None:
    """The date with this month and day that is not after the reference by more than the slack."""
    year = ref[1].year
    candidate = safe_date(year, month, day)
    if candidate is None or candidate > ref[1] + FUTURE_SLACK:
        candidate = safe_date(year - 1, month, day)
    return candidate


def infer_month_year(month: int, ref: Range) -> int:
    year = ref[1].year
    if date(year, month, 1) > ref[1] + FUTURE_SLACK:
        year -= 1
    return year


def weekday_on_or_before(day: date, weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def weekday_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday() - 1) % 7 + 1)


def resolve_weekday(ref: Range, weekday: int, direction: int) -> Range:
    """``direction`` 0: on or before; -1: strictly before; 1: strictly after;
    -7/7: that weekday in the previous/next calendar week."""

    def one(day: date) -> date:
        if direction == 0:
            return weekday_on_or_before(day, weekday)
        if direction == -1:
            return weekday_on_or_before(day - timedelta(days=1), weekday)
        if direction == 1:
            return weekday_after(day, weekday)
        monday = day - timedelta(days=day.weekday())
        return monday + timedelta(days=direction + weekday)

    return one(ref[0]), one(ref[1])


def resolve_period(ref: Range, kind: str, n: int) -> Range:
    """Calendar periods relative to the reference: week, month, year, weekend, past, future."""
    lo, hi = ref
    if kind == "week":
        return (lo - timedelta(days=lo.weekday()) + timedelta(weeks=n),
                hi - timedelta(days=hi.weekday()) + timedelta(weeks=n, days=6))
    if kind == "month":
        y0, m0 = add_months(lo.year, lo.month, n)
        y1, m1 = add_months(hi.year, hi.month, n)
        return month_range(y0, m0)[0], month_range(y1, m1)[1]
    if kind == "year":
        return date(lo.year + n, 1, 1), date(hi.year + n, 12, 31)
    if kind == "weekend":
        if n < 0:
            return (weekday_on_or_before(lo - timedelta(days=1), 6) - timedelta(days=1),
                    weekday_on_or_before(hi - timedelta(days=1), 6))
        if n > 0:
            return weekday_after(lo, 5), weekday_after(hi, 5) + timedelta(days=1)
        return (lo - timedelta(days=lo.weekday()) + timedelta(days=5),
                hi - timedelta(days=hi.weekday()) + timedelta(days=6))
    if kind == "past":
        return lo - timedelta(days=n), hi
    if kind == "future":
        return lo, hi + timedelta(days=n)
    raise ValueError(f"unknown period kind {kind!r}")


def shift(ref: Range, unit: str, n: int) -> tuple[Range, str]:
    """'n units ago' (n negative) or 'in n units': the range and its precision."""
    lo, hi = ref
    if unit == "day":
        return (lo + timedelta(days=n), hi + timedelta(days=n)), "day"
    if unit == "week":
        return (lo + timedelta(weeks=n), hi + timedelta(weeks=n)), "day"
    if unit == "month":
        return resolve_period(ref, "month", n), "month"
    return resolve_period(ref, "year", n), "year"


def coarse_precision(rng: Range) -> str:
    days = (rng[1] - rng[0]).days + 1
    if days <= 1:
        return "day"
    if days <= 7:
        return "week"
    if days <= 45:  # a month-precision document date widens a relative day to ~5 weeks
        return "month"
    return "year"


def coarser(a: str, b: str) -> str:
    return a if DATE_PRECISIONS.index(a) >= DATE_PRECISIONS.index(b) else b
