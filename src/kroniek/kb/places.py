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
to build over 600k names) the index is a plain dict of keys plus ``first``:
first word -> most words in a key starting with it. A scan over the words of
the normalised text tries only the n-grams that can match (see
:meth:`Gazetteer.scan`).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from typing import Any, Iterable

from . import cache
from .matcher import normalize, normalize_key
from .places_build import F_COUNTRY, F_REGION, FEATURES, version

#: Words of normalised text: no leading or trailing hyphen or apostrophe.
TOKEN = re.compile(r"[^\s'\-]+(?:['\-]+[^\s'\-]+)*")
PRECISION = {"country": "country", "region": "region", "city": "city", "district": "city"}


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
        self.first: dict[str, int] = data["first"]
        self.exact: dict[str, str] = data["exact"]
        self._off = data["cand_off"]
        self._flat = data["cand_flat"]
        self.prior = data["prior"]
        self.cc = data["cc"]
        self.admin1 = data["admin1"]
        self.feature = data["feature"]
        self.pop = data["pop"]
        self.countries: list[str] = data["countries"]
        self.capitals = frozenset(data["capital"])

    # -- loading -------------------------------------------------------------
    @classmethod
    def load(cls, build_in_subprocess: bool = True) -> "Gazetteer":
        """Load from the cache, building it first if needed."""
        ver = version()
        data = cache.load("places", ver)
        if data is None and build_in_subprocess:
            env = dict(os.environ)
            subprocess.run([sys.executable, "-m", "kroniek.kb.places_build"], check=False,
                           env=env, stdout=subprocess.DEVNULL)
            data = cache.load("places", ver)
        if data is None:
            from .places_build import build

            data = build()
            try:
                cache.store("places", ver, data)
            except OSError:
                pass
        return cls(data)

    # -- lookup --------------------------------------------------------------
    def rows(self, key: str, limit: int = 40) -> list[int]:
        slot = self.keys.get(key)
        if slot is None:
            return []
        lo, hi = self._off[slot], self._off[slot + 1]
        return list(self._flat[lo : min(hi, lo + limit)])

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
            for row in self.rows(normalize_key(alpha3_or_name), limit=5):
                if self.is_country(row) and self.country_of(row) == alpha3_or_name:
                    return row
        return None

    def attrs(self, row: int) -> dict[str, Any]:
        """The ``places`` span attributes of one row (ARCHITECTURE.md)."""
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
    def scan(self, text: str, norm: str | None = None, suffixes: Iterable[str] = ()) -> list[Hit]:
        """All longest non-overlapping index names in ``text``, left to right.

        Words must follow each other with only spaces between them (or a
        period after a short abbreviation: 'St. Petersburg', 'U.S.').
        """
        norm = normalize(text) if norm is None else norm
        toks = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(norm)]
        sufs = tuple(s for s in suffixes if s)
        hits: list[Hit] = []
        i, n = 0, len(toks)
        while i < n:
            hit = self._longest_at(text, toks, i, sufs)
            if hit is None:
                i += 1
                continue
            hits.append(hit)
            i = hit.tokens[1]
        return hits

    def _longest_at(self, text: str, toks: list[tuple[int, int, str]], i: int,
                    sufs: tuple[str, ...]) -> Hit | None:
        word = toks[i][2]
        most = self.first.get(word, 0)
        if most:
            words = [word]
            last = i
            for j in range(i + 1, min(i + most, len(toks))):
                if not _joined(text, toks[j - 1], toks[j]):
                    break
                words.append(toks[j][2])
                last = j
            for j in range(last, i - 1, -1):
                key = " ".join(words[: j - i + 1])
                if key in self.keys:
                    return Hit(toks[i][0], toks[j][1], key, (i, j + 1))
        for suf in sufs:  # single words only: 'Charkovs', "Kyiv's"
            if word.endswith(suf) and len(word) - len(suf) >= 3:
                key = word[: -len(suf)]
                if key in self.keys:
                    return Hit(toks[i][0], toks[i][1], key, (i, i + 1), suffix=True)
        return None

    # -- scoring -------------------------------------------------------------
    def score(self, row: int, countries: dict[str, float], focus: str | None,
              admin1: set[int]) -> float:
        """Static prior plus document context (see module docstring)."""
        cc = self.countries[self.cc[row]]
        s = self.prior[row]
        if countries.get(cc, 0) > 0:
            s += 3.0
        if cc == focus:
            s += 1.5
        if self.admin1[row] and self.admin1[row] in admin1 and not self.is_region(row):
            s += 3.0
        return s

    def resolve(self, name: str, country: str | None = None) -> int | None:
        """Best row for a bare place name, optionally within a country (alpha-3)."""
        rows = self.rows(normalize_key(name))
        if not rows:
            return None
        ctx = {country: 1.0} if country else {}
        return max(rows, key=lambda r: self.score(r, ctx, country, set()))


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
