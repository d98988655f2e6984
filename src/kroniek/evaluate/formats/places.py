"""Gazetteer resolution of gold place *names* against gold coordinates.

Input: a CSV (or a folder of CSVs) with a place name and its coordinates:

* ACLED exports: ``location``, ``latitude``, ``longitude``, ``country``
  (``admin1`` is shown in error cases);
* the CIR/Bellingcat Ukraine monitor: ``town/city``, ``lat``, ``lon``,
  ``country``, ``province`` (rows without a town are skipped).

Each name is resolved with the places stage's gazetteer (the pipeline's
``places`` stage if it has one, else the default gazetteer), with the row's
country and first-level region as context, as a text naming them would give
('Mykhaylivka, Donetsk oblast'). Names
like 'Kyiv - Darnytskyi' (ACLED's city - district) fall back to the part
before ' - ' when the whole is unknown; a bracketed remark is dropped; a
name still unknown is matched to the closest spelling among the country's
names (rapidfuzz ratio >= 88: 'Zmiivka' -> 'Zmiyivka'). When every place
of the name lies outside the row's region, the region itself is the answer
(precision region), as the stage would have nothing better.

Metrics, overall and for Ukraine: the share of rows resolved within 10 km and
within 161 km of the gold point (unresolved rows count as misses), the
number unresolved, and the median error of resolved rows.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any, Iterator

from ..common import Worst, case, haversine_km, median, ratio, to_float
from ..countries import name_to_alpha3
from ..report import Report
from . import DataError

#: (name, lat, lon, country, region) columns per known layout.
LAYOUTS = (
    ("location", "latitude", "longitude", "country", "admin1"),
    ("town/city", "lat", "lon", "country", "province"),
)
_BRACKETS = re.compile(r"\s*[\(\[].*?[\)\]]\s*")


def read_rows(path: str, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Gold rows as dicts with ``name, lat, lon, country (alpha-3 or None), region, file``."""
    target = Path(path)
    files = sorted(target.glob("*.csv")) if target.is_dir() else [target]
    if not files or not all(f.exists() for f in files):
        raise DataError(f"no CSV file at {path}")
    count = 0
    for file in files:
        with file.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            layout = next((l for l in LAYOUTS if set(l[:3]) <= set(reader.fieldnames or ())), None)
            if layout is None:
                raise DataError(f"{file.name}: needs columns location/latitude/longitude or town/city/lat/lon")
            name_col, lat_col, lon_col, country_col, region_col = layout
            for row in reader:
                name = (row.get(name_col) or "").strip()
                lat, lon = to_float(row.get(lat_col)), to_float(row.get(lon_col))
                if not name or lat is None or lon is None:
                    continue
                country = (row.get(country_col) or "").strip()
                yield {"name": name, "lat": lat, "lon": lon, "country_name": country,
                       "country": name_to_alpha3(country) if country else None,
                       "region": (row.get(region_col) or "").strip() or None, "file": file.name}
                count += 1
                if limit is not None and count >= limit:
                    return


def gazetteer_of(pipeline: Any) -> Any:
    for stage in getattr(pipeline, "stages", ()):
        if getattr(stage, "name", "") == "places" and hasattr(stage, "gaz"):
            return stage.gaz
    from ...kb.places import default_gazetteer

    return default_gazetteer()


def resolve(gaz: Any, name: str, country: str | None, region: str | None = None,
            fuzzy: bool = True) -> int | None:
    """The row for a gold name; tries the name, then without brackets, then the part before ' - '
    (a district after it is taken when it lies within 50 km of that place: 'Seoul - Jongno');
    then (``fuzzy``) the closest spelling among the country's names (ratio >= 88).
    A place outside the row's country is the last resort (border places: 'Al Quds', camps)."""
    tried = [name, _BRACKETS.sub(" ", name).strip()]
    sub = None
    if " - " in name:
        main, sub = (part.strip() for part in name.split(" - ", 1))
        tried += [main, _CITY_WORD.sub("", main)]
    tried = list(dict.fromkeys(t for t in tried if t))
    region_row = _region_row(gaz, region, country) if region else None
    abroad = None
    for candidate in tried:
        row = gaz.resolve(candidate, country, region)
        if row is not None and country and gaz.country_of(row) != country:
            abroad = row if abroad is None else abroad  # no place of that name in the country
            continue
        if (row is not None and region_row is not None and gaz.admin1[row] != gaz.admin1[region_row]
                and not _namesake(gaz, row, region_row)):
            # every place of that name lies outside the named region: the region is all we know
            return region_row
        if row is not None:
            if sub and candidate != name:
                part = gaz.resolve(sub, country, region)
                if part is not None and part != row and gaz.country_of(part) == gaz.country_of(row) and \
                        haversine_km(gaz.data["lat"][part], gaz.data["lon"][part], gaz.data["lat"][row], gaz.data["lon"][row]) <= 50:
                    return part
            return row
    if fuzzy and country:
        for candidate in tried:
            row = gaz.fuzzy(candidate, country)
            if row is not None:
                return row
    return abroad


#: 'Seoul City' (ACLED's name for the city as a whole) is 'Seoul'.
_CITY_WORD = re.compile(r"\s+[Cc]ity$")


def _namesake(gaz: Any, row: int, region_row: int) -> bool:
    """'Kyiv' given with 'Kyiv Oblast': the city the region is named after, which is often a
    first-level unit of its own (Kyiv City, Sevastopol); the city is meant."""
    return gaz.primary_key(row) in gaz.primary_key(region_row).split(" ")


def _region_row(gaz: Any, region: str, country: str | None) -> int | None:
    for variant in (region + " Oblast", region + " region", region):
        row = gaz.resolve(variant, country)
        # curated regions only: derived admin1 names are not reliable enough to overrule a match
        if row is not None and gaz.is_region(row) and gaz.admin1[row] and gaz.primary_key(row) in gaz.curated:
            return row
    return None


class _Tally:
    def __init__(self) -> None:
        self.errors: list[float | None] = []

    def metrics(self) -> dict[str, Any]:
        n = len(self.errors)
        resolved = [e for e in self.errors if e is not None]
        within = lambda km: ratio(sum(1 for e in resolved if e <= km), n)  # noqa: E731
        return {"rows": n, "share_within_10km": within(10), "share_within_161km": within(161),
                "unresolved": n - len(resolved), "median_error_km": median(resolved)}


def evaluate(path: str, pipeline: Any, limit: int | None = None, errors: int = 0) -> Report:
    gaz = gazetteer_of(pipeline)
    total, ukraine = _Tally(), _Tally()
    worst = Worst(errors)
    for gold in read_rows(path, limit):
        row = resolve(gaz, gold["name"], gold["country"], gold["region"])
        error = None
        attrs = None
        if row is not None:
            attrs = gaz.attrs(row)
            error = haversine_km(gold["lat"], gold["lon"], attrs["lat"], attrs["lon"])
        total.errors.append(error)
        if gold["country"] == "UKR":
            ukraine.errors.append(error)
        if error is None or error > 10:
            worst.add(1e6 if error is None else error, lambda g=gold, a=attrs, e=error: case(
                g["file"], "unresolved" if e is None else f"resolved {e:.0f} km away",
                {k: g[k] for k in ("name", "lat", "lon", "country", "region")},
                None if a is None else {k: a[k] for k in ("name", "geonameid", "lat", "lon", "country", "admin1", "feature")},
                f"{g['name']} ({g['region'] or '-'}, {g['country_name']})"))
    if not total.errors:
        raise DataError(f"no rows with a place name and coordinates in {path}")
    report = Report(format="places", n_docs=len(total.errors), metrics=total.metrics())
    if ukraine.errors:
        report.metrics.update({f"ukraine_{k}": v for k, v in ukraine.metrics().items()})
    report.notes.append("gold names resolved through the gazetteer with the row's country and region as context")
    report.errors = worst.cases()
    return report
