"""The place gazetteer: every place name in the index, and how to pick among candidates.

The index is built once by :mod:`kroniek.kb.places_build` (in a subprocess, so
the ~0.6 GB of JSON it reads does not stay in this process) and stored in the
on-disk cache; loading it takes a fraction of a second.

Lookup is by *normalised key* (:func:`kroniek.kb.matcher.normalize_key`):
``Gazetteer.rows(key)`` gives the candidate rows, best static prior first
(population, with countries, capitals and curated regions boosted).
:meth:`Gazetteer.score` adds document context: countries and regions named
elsewhere in the text, and the text's focus country.

Instead of an Aho-Corasick automaton (which cannot be pickled and takes ~2 s
to build over 600k names) the index is a plain dict of keys plus ``prefixes``, the
word prefixes of multi-word keys. A scan over the capitalised words of the
text extends a candidate only while it is such a prefix (see
:meth:`Gazetteer.scan`).
"""

from __future__ import annotations

import gc
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from typing import Any, Iterable

from . import cache
from .matcher import normalize, normalize_key
from .places_build import F_COUNTRY, F_REGION, FEATURES, MIN_POPULATION, version

#: Words of normalised text: no leading or trailing hyphen or apostrophe.
TOKEN = re.compile(r"[^\s'\-]+(?:['\-]+[^\s'\-]+)*")
#: Prior lost by a place matched under an alternate (not its main) name.
ALT_PENALTY = 3.0
PRECISION = {"country": "country", "region": "region", "city": "city", "district": "region"}


@dataclass(slots=True)
class Hit:
    """A name found in the text: ``text[start:end]`` is the surface form."""

    start: int
    end: int
    key: str
    tokens: tuple[int, int]  # first and one-past-last token index
    suffix: bool = False  # matched only after removing an inflection suffix


class Gazetteer:
    """Read-only view of the built index."""

    def __init__(self, data: dict[str, Any]):
        self.data = data
        self.keys: dict[str, int] = data["keys"]
        self.prefixes: set[str] = data["prefixes"]
        self.exact: dict[str, str] = data["exact"]
        self.needs_context: set[str] = data["needs_context"]
        self.curated: set[str] = data["curated"]
        self._off = data["cand_off"]
        self._flat = data["cand_flat"]
        self.prior = data["prior"]
        self.cc = data["cc"]
        self.admin1 = data["admin1"]
        self.feature = data["feature"]
        self.pop = data["pop"]
        self.countries: list[str] = data["countries"]
        self.capitals = frozenset(data["capital"])
        self.primary_slot = data["primary_slot"]
        self._by_country: dict[str, list[str]] | None = None
        self._country_rows: dict[str, int] | None = None
        self._curated_slots = frozenset(self.keys[k] for k in self.curated if k in self.keys)
        self._attrs: dict[int, dict[str, Any]] = {}  # row -> attrs, filled on first use
        self._rows: dict[tuple[str, int], list[int]] = {}  # (key, limit) -> sorted rows

    # -- loading -------------------------------------------------------------
    @classmethod
    def load(cls, min_population: int = MIN_POPULATION, build_in_subprocess: bool = True) -> "Gazetteer":
        """Load from the cache, building it first if needed.

        The build runs in a subprocess so that its peak memory is not kept by
        this process; if that fails it runs here.
        """
        ver = version(min_population)
        data = cache.load("places", ver)
        if data is None and build_in_subprocess:
            subprocess.run([sys.executable, "-m", "kroniek.kb.places_build", str(min_population)],
                           check=False, env=dict(os.environ), stdout=subprocess.DEVNULL)
            data = cache.load("places", ver)
        if data is None:
            from .places_build import build

            data = build(min_population)
            try:
                cache.store("places", ver, data)
            except OSError:
                pass
        # The index is ~2M long-lived objects; keep the cyclic GC from walking them
        # on every full collection (that alone halved the stage's throughput).
        gc.freeze()
        return cls(data)

    # -- lookup --------------------------------------------------------------
    def rows(self, key: str, limit: int = 40) -> list[int]:
        """Candidate rows for a key, best first by :meth:`key_prior` (a fresh list)."""
        cached = self._rows.get((key, limit))
        if cached is not None:
            return list(cached)
        if len(self._rows) >= 50_000:  # bound the memory of a long run
            self._rows.clear()
        rows = self._sorted_rows(key, limit)
        self._rows[(key, limit)] = rows
        return list(rows)

    def _sorted_rows(self, key: str, limit: int) -> list[int]:
        slot = self.keys.get(key)
        if slot is None:
            return []
        lo, hi = self._off[slot], self._off[slot + 1]
        rows = list(self._flat[lo : min(hi, lo + limit)])
        if len(rows) > 1:
            rows.sort(key=lambda r: -self.key_prior(r, slot))
        return rows

    def key_prior(self, row: int, slot: int) -> float:
        """Static prior of a row *under this name*: a place named by one of its
        alternate names ('Veen' is listed for Vienna) loses to places that carry
        the name as their own, unless it is a country or curated."""
        prior = self.prior[row]
        if (self.primary_slot[row] != slot and self.feature[row] != F_COUNTRY and self.data["gid"][row] >= 0
                and slot not in self._curated_slots):
            prior -= ALT_PENALTY
        return prior

    def is_country(self, row: int) -> bool:
        return self.feature[row] == F_COUNTRY

    def is_region(self, row: int) -> bool:
        return self.feature[row] == F_REGION

    def country_of(self, row: int) -> str:
        return self.countries[self.cc[row]]

    def country_row(self, alpha3_or_name: str) -> int | None:
        """The country row for an alpha-3 code or a country name in any indexed language."""
        for row in self.rows(normalize_key(alpha3_or_name), limit=5):
            if self.is_country(row):
                return row
        if len(alpha3_or_name) == 3 and alpha3_or_name.isupper():
            if self._country_rows is None:
                self._country_rows = {self.country_of(r): r for r in range(len(self.feature))
                                      if self.feature[r] == F_COUNTRY}
            return self._country_rows.get(alpha3_or_name)
        return None

    def by_alternate(self, row: int, key: str) -> bool:
        """Whether ``key`` is only one of the row's alternate names (not its main
        name, not a country's or a curated name)."""
        return (self.primary_slot[row] != self.keys.get(key) and self.feature[row] != F_COUNTRY
                and key not in self.curated)

    def primary_key(self, row: int) -> str:
        """The normalised main name of a row."""
        return normalize_key(self.data["name"][row])

    def attrs(self, row: int) -> dict[str, Any]:
        """The ``places`` span attributes of one row (ARCHITECTURE.md): a fresh dict
        (callers add to it), copied from one built on first use of the row."""
        cached = self._attrs.get(row)
        if cached is None:
            if len(self._attrs) >= 50_000:  # bound the memory of a long run
                self._attrs.clear()
            cached = self._attrs[row] = self._build_attrs(row)
        return dict(cached)

    def _build_attrs(self, row: int) -> dict[str, Any]:
        d = self.data
        feature = FEATURES[self.feature[row]]
        gid = d["gid"][row]
        admin1 = d["admin1_names"][self.admin1[row]] if self.admin1[row] else None
        return {
            "name": d["name"][row],
            "geonameid": int(gid) if gid >= 0 else None,
            "lat": round(float(d["lat"][row]), 4),
            "lon": round(float(d["lon"][row]), 4),
            "country": self.country_of(row),
            "admin1": admin1,
            "feature": feature,
            "precision": PRECISION[feature],
            "population": int(self.pop[row]) or None,
        }

    # -- scanning ------------------------------------------------------------
    def scan(self, text: str, norm: str | None = None, suffixes: Iterable[str] = (),
             lower_starts: Iterable[str] = ()) -> list[Hit]:
        """All longest non-overlapping index names in ``text``, left to right.

        Only words that start with a capital (in the original text) or are one of
        ``lower_starts`` (designators such as 'oblast' in 'oblast Charkiv') can
        start a name: a place name always has a capitalised word, and skipping
        the rest makes the scan cheap. Words of a name must follow each other with
        only spaces between them (or a period after a short abbreviation:
        'St. Petersburg').
        """
        norm = normalize(text) if norm is None else norm
        sufs = tuple(s for s in suffixes if s)
        starts = {m.start() for m in _CAP_WORD.finditer(text)}
        lows = tuple(sorted(set(lower_starts)))
        for low in lows:  # str.find per word: much faster than one regex alternation over the text
            i = norm.find(low)
            while i >= 0:
                after = i + len(low)
                if (i == 0 or not (norm[i - 1].isalnum() or norm[i - 1] == "_")) and norm[after:after + 1] in (" ", "\t"):
                    starts.add(i)
                i = norm.find(low, after)
        hits: list[Hit] = []
        done = -1
        keys, prefixes, match = self.keys, self.prefixes, TOKEN.match
        for st in sorted(starts):
            if st < done or not (text[st].isupper() or norm.startswith(lows, st)):
                continue
            # fast path: most words start no longer name (the slow path handles those)
            m = match(norm, st)
            if m is None:
                continue
            word = m.group()
            if word in prefixes and self._may_continue(norm, word, m.end(), sufs):
                hit = self._longest_at(text, norm, m, sufs)
            elif word in keys:
                hit = Hit(st, m.end(), word, (0, 1))
            else:
                hit = self._suffixed(word, st, m.end(), sufs) if sufs and word.endswith(sufs) else None
            if hit is not None:
                hits.append(hit)
                done = hit.end
        return hits

    def _may_continue(self, norm: str, word: str, end: int, sufs: tuple[str, ...]) -> bool:
        """Whether a longer name can start with ``word``: a cheap look at the next word only
        ('Russische troepen', 'De regering' cannot), so that most capitalised words that begin
        some longer name skip :meth:`_longest_at`. Anything but a single space after the word
        ('St. Petersburg', line ends) and a next word with an inflection take the slow path."""
        if norm[end : end + 1] != " ":
            return True
        nxt = TOKEN.match(norm, end + 1)
        if nxt is None:
            return True
        pair = word + " " + nxt.group()
        return pair in self.prefixes or pair in self.keys or (bool(sufs) and pair.endswith(sufs))

    def _suffixed(self, word: str, start: int, end: int, sufs: tuple[str, ...]) -> Hit | None:
        """A single word that is a name plus an inflection: 'Charkovs', "Kyiv's"."""
        for suf in sufs:
            if word.endswith(suf) and len(word) - len(suf) >= 3:
                key = word[: -len(suf)]
                if key in self.keys:
                    return Hit(start, end, key, (0, 1), suffix=True)
        return None

    def _longest_at(self, text: str, norm: str, m: re.Match[str], sufs: tuple[str, ...]) -> Hit | None:
        """The longest name starting with the word ``m`` (a :data:`TOKEN` match in ``norm``)."""
        st, end, word = m.start(), m.end(), m.group()
        ends = [end]
        keys = [word]  # the keys of the first 1, 2, ... words
        key, prev_word, search, match, prefixes = word, word, TOKEN.search, TOKEN.match, self.prefixes
        while key in prefixes:  # extend while some longer name starts like this
            after = text[end : end + 1]
            if after != "." and not after.isspace():
                break  # ',', ')' or the end: no next word of this name (see _joined)
            nxt = search(norm, end, end + 8)  # the next word starts within a few characters...
            if nxt is None:
                break
            nxt = match(norm, nxt.start())  # ...but may run past them ('North Carolina')
            nxt_word = nxt.group()
            if not _joined(text, (0, end, prev_word), (nxt.start(), 0, "")):
                break
            end, prev_word = nxt.end(), nxt_word
            key = key + " " + nxt_word
            ends.append(end)
            keys.append(key)
        index = self.keys
        for j in range(len(keys), 0, -1):
            if keys[j - 1] in index:
                return Hit(st, ends[j - 1], keys[j - 1], (0, j))
            if j > 1:  # "United Kingdom's": the genitive of a longer name
                hit = self._suffixed(keys[j - 1], st, ends[j - 1], sufs)
                if hit is not None:
                    hit.tokens = (0, j)
                    return hit
        return self._suffixed(word, st, m.end(), sufs)

    # -- scoring -------------------------------------------------------------
    def score(self, row: int, countries: dict[str, float], focus: str | None,
              admin1: set[int], slot: int = -1, places_in: Iterable[int] = (),
              peer_regions: Iterable[str] = ()) -> float:
        """Static prior (under the name's slot) plus document context (see module docstring);
        ``places_in``: admin1 indexes of the places named in the text, which make their own
        region likelier ('Atlanta ... Georgia' is the state); ``peer_regions``: countries of which
        the text names other first-level regions, which make a region of that country likelier
        than a namesake town ('Montana, Nebraska, Nevada' are states)."""
        cc = self.countries[self.cc[row]]
        s = self.key_prior(row, slot) if slot >= 0 else self.prior[row]
        weight = countries.get(cc, 0)
        if weight > 0:  # the more the text is about a country, the likelier its places
            s += 2.0 + min(weight, 6.0) * 0.5
        if cc == focus:
            s += 1.0
        if self.admin1[row] and self.admin1[row] in admin1 and not self.is_region(row):
            s += 3.0
        elif self.admin1[row] and self.admin1[row] in places_in and self.is_region(row):
            s += 2.0
        if self.feature[row] == F_REGION and cc in peer_regions:
            s += 2.5
        return s

    def fuzzy(self, name: str, country: str, cutoff: float = 88.0) -> int | None:
        """Best row for a name spelled differently from every indexed name
        ('Zmiivka' for 'Zmiyivka'), within one country; for geocoding gold or
        user-given names, not for running text. Builds a per-country key list
        on first use (~1 s)."""
        from rapidfuzz import fuzz, process

        if self._by_country is None:
            by: dict[str, list[str]] = {}
            for key, slot in self.keys.items():
                for row in set(self._flat[self._off[slot] : self._off[slot + 1]]):
                    by.setdefault(self.countries[self.cc[row]], []).append(key)
            self._by_country = by
        keys = self._by_country.get(country)
        if not keys:
            return None
        best = process.extractOne(normalize_key(name), keys, scorer=fuzz.ratio, score_cutoff=cutoff)
        if best is None:
            return None
        rows = [r for r in self.rows(best[0]) if self.countries[self.cc[r]] == country]
        return rows[0] if rows else None

    def resolve(self, name: str, country: str | None = None, region: str | None = None) -> int | None:
        """Best row for a bare place name, optionally within a country (alpha-3)
        and a first-level region (a name: 'Donetsk', 'Kharkiv Oblast')."""
        key = normalize_key(name)
        rows = self.rows(key)
        if not rows:
            return None
        if country:  # a place named within a country is in that country, if it can be
            rows = [r for r in rows if self.country_of(r) == country] or rows
        ctx = {country: 1.0} if country else {}
        admin = self.admin1_of(region, country) if region else set()
        slot = self.keys[key]
        return max(rows, key=lambda r: self.score(r, ctx, country, admin, slot))

    def admin1_of(self, region: str, country: str | None = None) -> set[int]:
        """The admin1 indexes a region name can stand for (its own or its capital's)."""
        out = set()
        for variant in (region, region + " Oblast", region + " region"):
            for row in self.rows(normalize_key(variant), limit=10):
                if self.admin1[row] and (country is None or self.country_of(row) == country):
                    out.add(self.admin1[row])
                    break
        return out


#: A capitalised word start (Latin incl. extended, Greek, Cyrillic); checked with isupper().
#: The character class comes first and the "no letter or digit before it" test after it
#: (a look-behind over two characters): a pattern that opens with a class lets the regex
#: engine skip ahead to candidate characters, about 3x faster than a leading look-behind.
_CAP_WORD = re.compile(r"[A-Z\u00C0-\u00DE\u0100-\u024F\u0370-\u03FF\u0400-\u042F\u0490-\u04FF](?<![^\W_].)")


def _joined(text: str, a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    """Whether two tokens are adjacent words of one name."""
    gap = text[a[1] : b[0]]
    if not gap.strip():
        return "\n" not in gap
    return gap.strip() == "." and len(a[2]) <= 3 and gap.count(" ") <= 1


_DEFAULT: Gazetteer | None = None


def default_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (loaded on first use)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Gazetteer.load()
    return _DEFAULT
