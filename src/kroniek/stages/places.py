"""The ``places`` stage: find toponyms, filter collisions, disambiguate, geocode.

One scan over the normalised text finds every gazetteer name
(:meth:`kroniek.kb.places.Gazetteer.scan`). Each hit then has to pass
collision filters that use capitalisation in the *original* text as
evidence:

* a name is only a place if one of its words is capitalised ('hoorn' is a horn);
* a name that is a common word (lang ``stopwords``) is not taken at the start
  of a sentence, where every word is capitalised ('Reading the report...'),
  unless followed by ', <region or country>' ('Reading, Berkshire');
* a ``strict`` name ('Van', 'Bos') needs a locative word before it *and* its
  country named in the text;
* a name glued to another capitalised word is part of a person or
  organisation name ('Emmanuel Macron', 'Washington Post'); the name is then
  distrusted for the whole document;
* a place of < 100k people with nothing supporting it (no locative word
  before it, its country not named) is dropped: that is most often a surname.

Disambiguation scores each candidate by its static prior (population,
country > capital > city > village) plus the document's context: countries
named in it, regions named in it, and its focus country (the most named);
a candidate's own mention is left out of its context.

Near references ('ten noordwesten van Kiev', '30 km east of Kharkiv',
'near X') come from per-language regexes in ``lang/<code>/places.yaml`` and
set precision ``near`` with a ``qualifier``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from .. import lang as langdata
from ..document import Document, Span
from ..kb.matcher import normalize
from ..kb.places import Gazetteer, Hit, default_gazetteer
from . import register

#: Below this population a place needs support from the text to be taken
#: (a locative word before it, or its country or region named in the text).
SMALL_PLACE = 100_000
#: Below this population, a named country is not support enough: a locative word is needed.
VILLAGE = 5_000
#: Characters looked at before a name for a near-reference.
NEAR_WINDOW = 100
_OPENERS = "\"'“‘«„([-–—•*"


@dataclass
class _LangData:
    """One language's compiled place knowledge."""

    suffixes: tuple[str, ...]
    locative: frozenset[str]
    not_person_before: frozenset[str]
    particles: frozenset[str]
    titles: frozenset[str]
    common: frozenset[str]
    very_common: frozenset[str]
    strict: frozenset[str]
    not_places: frozenset[str]
    designators: frozenset[str]
    name_breakers: frozenset[str]
    near: list[re.Pattern[str]]
    near_last: frozenset[str]
    lower_starts: tuple[str, ...]
    directions: dict[str, str]
    units: dict[str, float]
    numbers: dict[str, float | None]

    @classmethod
    def load(cls, code: str | None) -> "_LangData":
        res = langdata.resource(code, "places")
        directions = {k.lower(): v for k, v in (res.get("directions") or {}).items()}
        units = {k.lower(): float(v) for k, v in (res.get("units") or {}).items()}
        numbers = {str(k).lower(): v for k, v in (res.get("number_words") or {}).items()}
        fill = {
            "direction": "(?P<dir>" + _alt(directions) + ")",
            "unit": "(?P<unit>" + _alt(units) + ")",
            "distance": r"(?P<dist>\d+(?:[.,]\d+)?|" + _alt(numbers) + ")",
        }
        near = [re.compile("(?:^|(?<=[\\s(,;:]))(?P<q>" + p.format(**fill) + r")$", re.IGNORECASE)
                for p in res.get("near_patterns") or []]
        low = lambda xs: frozenset(str(x).lower() for x in xs or [])  # noqa: E731
        return cls(tuple(res.get("suffixes") or []), low(res.get("locative")),
                   low(res.get("not_person_before")), low(res.get("name_particles")),
                   low(res.get("person_titles")), low(res.get("common_words")),
                   low(res.get("very_common_words")), low(res.get("strict")),
                   frozenset(normalize(str(w)) for w in res.get("not_places") or []), low(res.get("designators")),
                   low(res.get("name_breakers")), near,
                   low(res.get("near_last_words")), _lower_starts(), directions, units, numbers)


def _lower_starts() -> tuple[str, ...]:
    """Lower-case first words of region names in any language ('oblast', 'regio')."""
    out = set()
    for code in langdata.available():
        for template in langdata.resource(code, "places").get("region_templates") or []:
            first = template.split()[0]
            if "{}" not in first:
                out.add(normalize(first).lower())
    return tuple(sorted(out))


def _alt(words: dict[str, Any]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)) or "(?!)"


@dataclass
class _Mention:
    hit: Hit
    rows: list[int]
    prev: tuple[str, int] | None = None  # the word right before the name (_word_before)
    row: int | None = None
    attrs: dict[str, Any] = field(default_factory=dict)
    area: int | None = None  # the region or country named right after it ('Stroud, Ontario')
    dateline: bool = False  # 'WASHINGTON Barack Obama pardoned ...' (_dateline)


@register("places")
class PlacesStage:
    def __init__(self, gazetteer: Gazetteer | None = None, small_place: int = SMALL_PLACE):
        self.gaz = gazetteer or default_gazetteer()
        self.small_place = small_place
        self._langs: dict[str | None, _LangData] = {}

    def lang(self, code: str | None) -> _LangData:
        if code not in self._langs:
            self._langs[code] = _LangData.load(code)
        return self._langs[code]

    # -- the stage -------------------------------------------------------------
    def __call__(self, doc: Document) -> None:
        ld = self.lang(doc.lang)
        text = doc.text
        hits = self.gaz.scan(text, doc.normalized(), ld.suffixes, ld.lower_starts)
        mentions = self._filter(text, hits, ld)
        layer = doc.layer("places")
        for m in mentions:
            if m.row is None:
                continue
            attrs = self.gaz.attrs(m.row)
            qualifier = self._near(text, m.hit.start, ld, m.prev)
            if qualifier is not None:
                attrs["precision"] = "near"
                attrs["qualifier"] = qualifier
            layer.append(_span(m.hit.start, m.hit.end, attrs))

    # -- collision filters -----------------------------------------------------
    def _filter(self, text: str, hits: list[Hit], ld: _LangData) -> list[_Mention]:
        distrusted: set[str] = set()
        kept: list[_Mention] = []
        hit_starts = {h.start: h.key for h in hits}
        for idx, hit in enumerate(hits):
            surface = text[hit.start : hit.end]
            if not surface[:1].isupper() and not any(w[:1].isupper() for w in surface.split()):
                continue
            required = self.gaz.exact.get(hit.key)
            if required is not None and _letters(surface) != _letters(required):
                continue
            if hit.suffix and not surface[:1].isupper():
                continue
            if required is None and surface.isupper() and len(_letters(surface)) <= 4:
                continue  # 'NAM', 'HRK': acronyms, not places
            if hit.key in ld.not_places:
                continue  # 'Frans', 'Engels': languages and nationalities
            rows = self.gaz.rows(hit.key)
            if not rows:
                continue
            prev = _word_before(text, hit.start)
            if text[hit.end : hit.end + 1] == "$":
                continue  # 'US$460 million': a currency
            if hit.key in ld.name_breakers and prev is not None and prev[0][:1].isupper():
                continue  # 'State Police', 'City Council': an institution, not the town of Police
            if hit.key in self.gaz.needs_context and not (
                    text[max(0, hit.start - 8) : hit.start].rstrip(" \t").endswith(",") or (prev is not None and prev[0].lower() in ld.locative)):
                continue  # 'Columbia, Ky.', 'in B.C.'; not 'Miss Smith' or '500 B.C.'
            dateline = hit.end - hit.start > 4 and text[hit.start + 1].isupper() and _dateline(text, hit)
            glued = self._glued(text, hit, hit_starts, ld, hits, idx, prev, dateline)
            if glued:
                top = rows[0]
                # 'Macron' once glued is a surname throughout; but a city of 100k before a
                # name ('Toronto Blue Jays', 'Washington Post') is still that city elsewhere
                if not self.gaz.is_country(top) and (glued == "left" or self.gaz.pop[top] < self.small_place
                                                      or self.gaz.by_alternate(top, hit.key)):
                    distrusted.add(hit.key)
                continue
            kept.append(_Mention(hit, rows, prev, dateline=dateline))
        kept = [m for m in kept if m.hit.key not in distrusted]
        self._resolve(kept, self._narrow_appositions(text, kept))
        tops = [m.row for m in kept]
        countries = {self.gaz.country_of(r) for r in tops if self.gaz.is_country(r) or self.gaz.is_region(r)}
        regions = {self.gaz.admin1[r] for r in tops if self.gaz.is_region(r) and self.gaz.admin1[r]}
        verdicts = self._verdicts(text, kept, ld, countries, regions)
        self._fall_back_to_known(text, kept, verdicts, ld, countries, regions)
        for m, ok in zip(kept, verdicts):
            if ok and m.area is not None and not self._within(m.row, m.area):
                m.row = m.area  # 'Stroud, Ontario': a place the gazetteer lacks, placed at its region
        # one sense per discourse: a name accepted once (with support) is accepted throughout;
        # but a common word / first name ('Laura', 'Mare') must earn each mention, and one
        # that is mostly used without a locative word is a character, not a place.
        seen, ok_count = Counter(m.hit.key for m in kept), Counter(m.hit.key for m, ok in zip(kept, verdicts) if ok)
        out = []
        for m, ok in zip(kept, verdicts):
            key = m.hit.key
            if key in ld.strict:
                keep = ok
            elif key in ld.common or key in ld.very_common:
                keep = ok and (seen[key] < 3 or ok_count[key] * 2 >= seen[key])
            else:
                keep = ok_count[key] > 0
            if keep:
                out.append(m)
        return out

    def _glued(self, text: str, hit: Hit, hit_starts: dict[int, str], ld: _LangData,
               hits: list[Hit], idx: int, prev: tuple[str, int] | None, dateline: bool = False) -> str | None:
        """Part of a longer proper name: 'left' or 'right' when a capitalised word sits right
        before or after it (``prev``: the word before it), else None. A dateline is not glued
        to the story after it ('WASHINGTON Barack Obama pardoned ...')."""
        if prev is not None and prev[0].lower() in ld.titles:
            return "left"  # 'koningin Elizabeth', 'President Washington'
        particles = 0
        while prev is not None and prev[0].lower() in ld.particles:
            particles += 1
            if prev[0][:1].isupper() and (particles > 1 or not _sentence_initial(text, prev[1])):
                return "left"  # 'Van der Veen', 'Ruud Van Nistelrooy' (but 'De VS zeggen')
            prev = _word_before(text, prev[1])
        if particles:
            # 'Louis van Gaal' is a person; 'Volgens de VS' is not
            if prev is not None and prev[0][:1].isupper() and not _sentence_initial(text, prev[1]):
                return "left"
        elif prev is not None:
            word, pos = prev
            if (word[:1].isupper() and not _sentence_initial(text, pos) and not _possessive(word, ld)
                    and word.lower() not in ld.locative and word.lower() not in ld.not_person_before
                    and not self._strong_hit_before(hits, idx, pos + len(word))):
                return "left"  # 'Javier Marías', 'Alfred Hitchcock' (even if 'Alfred' is a town)
        surface = text[hit.start : hit.end]
        if hit.suffix and _has_apostrophe(surface):
            return None  # a genitive owns what follows: "Toronto's Pearson Airport", "Canada's Broadcasting Corporation"
        if dateline:
            return None
        nxt = _word_after(text, hit.end)
        if nxt is not None:
            word, pos = nxt
            if word.lower() in ld.name_breakers:
                return None  # 'Queensland Premier Peter Beattie', 'the Glasgow Police Department'
            if word[:1].isupper() and (not word.isupper() or len(word) == 1):  # 'Kamil E.' too
                # 'Washington Post', 'Reading Festival'; but 'Paris Texas' is two places
                follower = self.gaz.rows(hit_starts[pos], limit=1) if pos in hit_starts else []
                if not follower or not (self.gaz.is_country(follower[0]) or self.gaz.is_region(follower[0])):
                    return "right"
        return None

    def _strong_hit_before(self, hits: list[Hit], idx: int, end: int) -> bool:
        """Whether a country or region name ends right at ``end`` ('vanuit Belarus Oekraïne')."""
        if idx < 1 or hits[idx - 1].end != end:
            return False
        rows = self.gaz.rows(hits[idx - 1].key, limit=1)
        return bool(rows) and (self.gaz.is_country(rows[0]) or self.gaz.is_region(rows[0]))

    def _acceptable(self, text: str, m: _Mention, ld: _LangData, countries: set[str],
                    regions: set[int]) -> bool:
        hit, gaz = m.hit, self.gaz
        key = hit.key
        top = m.row
        prev = m.prev
        dateline = m.dateline
        locative = dateline or (prev is not None and prev[0].lower() in ld.locative)
        initial = _sentence_initial(text, hit.start) and not dateline
        support = locative or _comma_context(text, hit.end) or _designated(text, hit, ld) or bool(
            gaz.admin1[top] and not gaz.is_region(top) and gaz.admin1[top] in regions)
        in_country = gaz.country_of(top) in countries
        if key in ld.strict:
            return locative and in_country and not initial
        surface_key = _squash(text[hit.start : hit.end]) if hit.suffix else key
        very = surface_key in ld.very_common
        common = very or surface_key in ld.common
        genitive = hit.suffix and _has_apostrophe(text[hit.start : hit.end])
        if hit.suffix and not genitive and (common or gaz.is_country(top) or gaz.pop[top] < 50_000):
            return False  # 'Nederlands', 'Japans' are languages, not places (but "Kenya's" is Kenya)
        if common and not self._well_known(m, key, very):
            return support and not (initial and very and not _comma_context(text, hit.end))
        if very and initial and not (gaz.is_country(top) or (gaz.is_region(top) and gaz.admin1[top])):
            return _comma_context(text, hit.end)  # but 'California has confirmed ...'  is the state
        # an alternate name ('Julia' is listed for Plovdiv) needs support unless the place is big
        alternate = (gaz.by_alternate(top, key) and gaz.pop[top] < 1_000_000
                     and fuzz.ratio(key, gaz.primary_key(top)) < 70)
        if gaz.is_country(top) or (not alternate and (gaz.is_region(top) or gaz.pop[top] >= self.small_place)):
            return True
        # small places and alternate names ('Julia' for Plovdiv); a village named like a
        # surname ('Stoltenberg') needs a locative word even when its country is named
        return support or (in_country and gaz.pop[top] >= VILLAGE)

    def _verdicts(self, text: str, kept: list[_Mention], ld: _LangData, countries: set[str],
                  regions: set[int]) -> list[bool]:
        """:meth:`_acceptable` per mention; a name accepted once that need not earn each mention
        (not a common word, not strict) is not checked again: one sense per discourse keeps it."""
        accepted: set[str] = set()
        out = []
        for m in kept:
            key = m.hit.key
            if key in accepted:
                out.append(True)
                continue
            ok = self._acceptable(text, m, ld, countries, regions)
            if ok and not (key in ld.strict or key in ld.common or key in ld.very_common):
                accepted.add(key)
            out.append(ok)
        return out

    def _fall_back_to_known(self, text: str, kept: list[_Mention], verdicts: list[bool], ld: _LangData,
                            countries: set[str], regions: set[int]) -> None:
        """A name whose context-chosen place is a village the text does not support anywhere is
        the big place of that name ('Edmonton' in a text naming US states is still the Canadian
        city, not the hamlet in Kentucky)."""
        gaz = self.gaz
        supported = {m.hit.key for m, ok in zip(kept, verdicts) if ok}
        for i, m in enumerate(kept):
            top = m.rows[0]
            if (verdicts[i] or m.hit.key in supported or m.row == top
                    or not (gaz.pop[top] >= self.small_place or gaz.is_country(top) or gaz.is_region(top))):
                continue
            row = m.row
            m.row = top
            verdicts[i] = self._acceptable(text, m, ld, countries, regions)
            if not verdicts[i]:
                m.row = row

    def _well_known(self, m: _Mention, key: str, very: bool) -> bool:
        """A common word that is still first of all a place: countries, regions,
        capitals, cities of a million; or a city of 100k under its own name."""
        gaz, top = self.gaz, m.rows[0]
        if gaz.is_country(top) or gaz.is_region(top) or top in gaz.capitals or gaz.pop[top] >= 1_000_000:
            return True
        if very or gaz.pop[top] < self.small_place:
            return False
        # under its own name, or a spelling of it ('Antwerpen' for Antwerp; not 'Julia' for Plovdiv)
        return not gaz.by_alternate(top, key) or fuzz.ratio(key, gaz.primary_key(top)) >= 70

    # -- disambiguation --------------------------------------------------------
    def _narrow_appositions(self, text: str, mentions: list[_Mention]) -> set[int]:
        """'Paris, Texas', 'Oxford, North Carolina', 'Izium (Kharkiv Oblast)': a place followed by a
        region or country it lies in is its namesake there; keeps only those candidates. A place
        with no namesake there gets that region as its ``area``. Returns the indexes of the
        mentions narrowed."""
        gaz = self.gaz
        narrowed: set[int] = set()
        for i in range(len(mentions) - 1):
            x, y = mentions[i], mentions[i + 1]
            if _APPOSITION.fullmatch(text, x.hit.end, y.hit.start) is None:
                continue
            areas = [r for r in y.rows if gaz.is_country(r) or (gaz.is_region(r) and gaz.admin1[r])]
            if areas and (gaz.is_region(x.rows[0]) or gaz.is_country(x.rows[0])):
                # 'Georgia, USA'; but 'Delaware, Illinois' is a list of states
                areas = [r for r in areas if gaz.is_country(r)]
            if not areas:
                continue
            inside = [r for r in gaz.rows(x.hit.key, limit=400)
                      if r not in areas and any(self._within(r, a) for a in areas)]
            if inside:
                x.rows = inside
                narrowed.add(i)
            elif y.rows[0] in areas and not (gaz.is_region(x.rows[0]) or gaz.is_country(x.rows[0])):
                x.area = y.rows[0]  # no namesake there ('Stroud, Ontario'): see _filter
        return narrowed

    def _within(self, row: int, area: int) -> bool:
        gaz = self.gaz
        if gaz.cc[row] != gaz.cc[area]:
            return False
        return gaz.is_country(area) or gaz.admin1[row] == gaz.admin1[area]

    def _resolve(self, mentions: list[_Mention], pinned: set[int] = frozenset()) -> None:
        """Pick each mention's row; ``pinned`` mentions (narrowed by an apposition) are resolved
        first and on their own, and later mentions of the same name follow them."""
        gaz = self.gaz
        votes: list[tuple[str, float, int]] = []  # (country, weight, admin1) per mention
        for m in mentions:
            top = m.rows[0]
            weight = 2.0 if gaz.is_country(top) or gaz.is_region(top) else 1.0
            votes.append((gaz.country_of(top), weight, gaz.admin1[top] if gaz.is_region(top) else 0))
        total = Counter()
        for cc, w, _ in votes:
            total[cc] += w
        admin_all = Counter(a for _, _, a in votes if a)
        tops = [m.rows[0] for m in mentions]
        places_all = Counter(gaz.admin1[t] for t in tops
                             if gaz.admin1[t] and not (gaz.is_region(t) or gaz.is_country(t)))
        region_names: dict[str, set[str]] = {}  # country -> names of its first-level regions in the text
        for m, t in zip(mentions, tops):
            if gaz.is_region(t) and gaz.admin1[t]:
                region_names.setdefault(gaz.country_of(t), set()).add(m.hit.key)
        # everything below depends on the mention's key only (its rows, their top row, its vote),
        # so repeated mentions of a name share one resolution
        resolved: dict[str, int] = {}
        order = sorted(range(len(mentions)), key=lambda k: k not in pinned)
        for i in order:
            m = mentions[i]
            row = None if i in pinned else resolved.get(m.hit.key)
            if row is not None:
                m.row = row
                continue
            if len(m.rows) == 1:  # nothing to choose
                m.row = m.rows[0]
                resolved.setdefault(m.hit.key, m.row)
                continue
            cc_i, w_i, a_i = votes[i]
            ctx = dict(total)
            ctx[cc_i] -= w_i
            focus = max(ctx, key=lambda c: ctx[c]) if any(v > 0 for v in ctx.values()) else None
            admin = {a for a, n in admin_all.items() if n - (a == a_i) > 0}
            # a region named like a country ('Georgia') is the region when places in it are named;
            # a region named like its city ('Donetsk') stays the city
            own = gaz.admin1[tops[i]]
            places_in = {a for a, n in places_all.items() if n - (a == own) > 0} \
                if places_all and any(gaz.is_country(r) for r in m.rows) else ()
            slot = gaz.keys[m.hit.key]
            # a name among at least two other regions of a country is likelier that country's region
            peers = {cc for cc, names in region_names.items() if len(names - {m.hit.key}) >= 2}
            m.row = max(m.rows, key=lambda r: gaz.score(r, ctx, focus, admin, slot, places_in, peers))
            resolved.setdefault(m.hit.key, m.row)

    # -- near references -------------------------------------------------------
    def _near(self, text: str, start: int, ld: _LangData,
              prev: tuple[str, int] | None) -> dict[str, Any] | None:
        """A near reference ending right before ``start``; ``prev`` is the word before it."""
        if prev is None or prev[0].lower() not in ld.near_last:
            return None
        lo = max(0, start - NEAR_WINDOW)
        window = text[lo:start]
        for pattern in ld.near:
            match = pattern.search(window)
            if match is None:
                continue
            q = match.group("q")
            q_start = lo + match.start("q")
            q_text = q.rstrip()
            groups = match.groupdict()
            direction = ld.directions.get(_squash(groups.get("dir"))) if groups.get("dir") else None
            distance = None
            if groups.get("dist"):
                distance = _number(groups["dist"], ld.numbers)
                if distance is not None and groups.get("unit"):
                    distance = round(distance * ld.units.get(_squash(groups["unit"]), 1.0), 3)
            return {"text": q_text, "start": q_start, "end": q_start + len(q_text),
                    "direction": direction, "distance_km": distance}
        return None


def _span(start: int, end: int, attrs: dict[str, Any]) -> Span:
    return Span(start, end, "PLACE", attrs)


def _squash(word: str | None) -> str:
    return " ".join((word or "").lower().split())


def _number(token: str, words: dict[str, float | None]) -> float | None:
    t = token.strip().lower()
    if t[:1].isdigit():
        try:
            return float(t.replace(",", "."))
        except ValueError:
            return None
    value = words.get(_squash(t))
    return float(value) if value is not None else None


#: What stands between a place and the region or country it lies in: 'Paris, Texas', 'Izium (Kharkiv)'.
_APPOSITION = re.compile(r"[ \t]*[,(][ \t]*")
_NEXT_WORD = re.compile(r"[^\W\d_]+")


def _dateline(text: str, hit: Hit) -> bool:
    """A place in capitals before a story in ordinary case ('BERLIN — Robert Gentz ...',
    'COLUMBIA, Ky. (WBKO)'): the dateline, which names where the story was filed."""
    surface = text[hit.start : hit.end]
    if not surface.isupper() or len(surface) <= 4:
        return False
    nxt = _NEXT_WORD.search(text, hit.end, hit.end + 40)
    return nxt is not None and not nxt.group().isupper()


def _has_apostrophe(surface: str) -> bool:
    return "'" in surface or "’" in surface


def _possessive(word: str, ld: _LangData) -> bool:
    """A genitive such as "Radio's": what follows it is owned, not the rest of a person's name."""
    word = word.replace("’", "'")
    return any("'" in suf and word.endswith(suf) for suf in ld.suffixes)


def _designated(text: str, hit: Hit, ld: _LangData) -> bool:
    """A name that ends in a designator ('Metcalfe County', 'Thayet District') says itself that it is a place."""
    last = text[hit.start : hit.end].rsplit(None, 1)
    return len(last) == 2 and last[1].lower() in ld.designators


def _letters(s: str) -> str:
    return "".join(c for c in s if c.isalnum())


_WORD_INNER = "'’-_"
_WORD_AFTER = re.compile(r"^[ \t]+([^\W\d_][\w'’\-]*)")


def _word_before(text: str, start: int) -> tuple[str, int] | None:
    """The word right before ``start``, separated by spaces only (no punctuation).

    A plain loop: called for every candidate, it is several times faster than a
    regex searched backwards.
    """
    i = start
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    if i == start:
        return None
    j = i
    while j > 0 and (text[j - 1].isalnum() or text[j - 1] in _WORD_INNER):
        j -= 1
    while j < i and not text[j].isalpha():
        j += 1
    if j == i:
        return None
    return text[j:i], j


def _word_after(text: str, end: int) -> tuple[str, int] | None:
    m = _WORD_AFTER.match(text[end : end + 40])
    if m is None:
        return None
    return m.group(1), end + m.start(1)


def _sentence_initial(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence, line or quote."""
    i = start - 1
    while i >= 0 and (text[i] in " \t" or text[i] in _OPENERS):
        i -= 1
    return i < 0 or text[i] in ".!?:;\n\r…"




_COMMA_NEXT = re.compile(r"^,\s*[A-Z\u00C0-\u024F\u0400-\u042F]")


def _comma_context(text: str, end: int) -> bool:
    """'Reading, Berkshire': a comma and a capitalised word right after the name."""
    return _COMMA_NEXT.match(text[end : end + 4]) is not None
