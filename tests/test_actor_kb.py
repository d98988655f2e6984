"""The actor knowledge base: data, generated institutions, offices, index and cache."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from kroniek.kb import actors as kbmod
from kroniek.kb.actors import ActorKB, build_index, build_kb, fast_normalize, load_index, slavic_variants
from kroniek.kb.matcher import normalize, normalize_key

NL_NEWS = Path("/work/shared/data/nl_news/kwal_nl_news_2022_ukraine_related_fulltext.jsonl")

#: Countries whose leaders the brief asks to be curated by hand.
CURATED = ("RUS UKR USA GBR FRA DEU NLD BEL CHN TUR ISR PSE IRN SYR IRQ AFG PAK IND BLR POL SAU YEM EGY ETH "
           "SDN SSD SOM NGA MLI BFA NER COD MMR VEN COL MEX BRA PRK KOR JPN TWN ARM AZE GEO KAZ LBN LBY HTI").split()


@pytest.fixture(scope="module")
def kb() -> ActorKB:
    return build_kb()


def aliases_of(kb: ActorKB, actor_id: str) -> set[str]:
    pos = kb.by_id[actor_id]
    return {alias for alias, p in kb.aliases if p == pos}


def test_kb_is_large_and_world_wide(kb):
    assert len(kb.actors) > 3000
    countries = {a["country"] for a in kb.actors if a["kind"] == "PER"}
    assert set(CURATED) <= countries
    sectors = {a["sector"] for a in kb.actors}
    assert {"GOV", "MIL", "REB", "IGO", "MED", "BUS", "CVL", "COP", "JUD"} <= sectors


def test_every_actor_is_well_formed(kb):
    for actor in kb.actors:
        assert actor["id"] and actor["name"], actor
        assert actor["kind"] in ("PER", "ORG", "GPE"), actor
        assert actor["country"] is None or re.fullmatch(r"[A-Z]{3}", actor["country"]), actor
        assert re.fullmatch(r"[A-Z]{3}", actor["sector"]), actor


def test_generated_institutions_per_country(kb):
    assert kb.get("RUS")["kind"] == "GPE" and kb.get("RUS")["name"] == "Russia"
    mod = kb.get("RUS-MOD")
    assert (mod["country"], mod["sector"], mod["name"]) == ("RUS", "MIL", "Ministry of Defence of Russia")
    assert kb.get("RUS-CB")["sector"] == "GOV"
    assert kb.get("MLI-MIL")["name"] == "Military Forces of Mali"
    assert kb.get("HTI-PRO")["sector"] == "OPP"


def test_transliteration_variants():
    assert {"Zelenski", "Zelensky", "Zelenskyy", "Zelenskij", "Zelenskiy"} <= slavic_variants("Zelensky")
    assert "Poetin" in slavic_variants("Putin")
    assert "Lavrow" in slavic_variants("Lavrov")


def test_person_aliases_include_spellings_and_surnames(kb):
    zelensky = {normalize_key(a) for a in aliases_of(kb, "person/volodymyr-zelensky")}
    assert {"zelenski", "zelensky", "zelenskyy", "zelenskij", "zelenskiy", "volodymyr zelenski"} <= zelensky
    assert {"poetin", "vladimir poetin", "putin"} <= {normalize_key(a) for a in aliases_of(kb, "person/vladimir-putin")}
    assert "sjojgoe" in {normalize_key(a) for a in aliases_of(kb, "person/sergei-shoigu")}
    # a surname that is not distinctive is not an alias on its own
    assert "may" not in {normalize_key(a) for a in aliases_of(kb, "person/theresa-may")}
    assert "von der leyen" in {normalize_key(a) for a in aliases_of(kb, "person/ursula-von-der-leyen")}


def test_organisations_have_dutch_and_english_aliases(kb):
    assert {"NAVO", "NATO"} <= aliases_of(kb, "NATO")
    assert {"VN", "UN", "Verenigde Naties"} <= aliases_of(kb, "UN")
    assert {"Internationaal Strafhof", "International Criminal Court"} <= aliases_of(kb, "ICC")
    assert {"Islamitische Staat", "Islamic State", "IS"} <= aliases_of(kb, "ISIS")
    assert {"het Westen", "the West"} <= aliases_of(kb, "WEST")
    west = kb.get("WEST")
    assert (west["country"], west["sector"], west["name"]) == (None, "GOV", "the West")


@pytest.mark.parametrize("country, role, day, expected", [
    ("UKR", "PRES", date(2022, 3, 1), "person/volodymyr-zelensky"),
    ("UKR", "PRES", date(2019, 3, 1), "person/petro-poroshenko"),
    ("UKR", "PRES", date(2019, 6, 1), "person/volodymyr-zelensky"),
    ("USA", "PRES", date(2022, 3, 1), "person/joe-biden"),
    ("USA", "PRES", date(2019, 3, 1), "person/donald-trump"),
    ("GBR", "HOG", date(2022, 10, 1), "person/liz-truss"),
    ("RUS", "DM", date(2022, 3, 1), "person/sergei-shoigu"),
    ("RUS", "HOS", date(2022, 3, 1), "person/vladimir-putin"),
    ("NLD", "KING", date(2022, 3, 1), "person/willem-alexander"),
])
def test_office_holder_by_date(kb, country, role, day, expected):
    assert kb.holder(country, role, day, day)["id"] == expected


def test_office_that_changed_hands_within_the_period_has_no_single_holder(kb):
    # Zelensky took office on 20 May 2019: a document dated 'May 2019' is not resolved
    assert kb.holder("UKR", "PRES", date(2019, 5, 1), date(2019, 5, 31)) is None
    assert kb.holder("UKR", "PRES", date(2019, 6, 1), date(2019, 6, 30))["name"] == "Volodymyr Zelensky"


def test_index_has_keys_for_both_languages(kb):
    nl, en = build_index("nl", kb), build_index("en", kb)
    for index, words in ((nl, ["russische", "oekrainers", "moskou", "het westen", "hij"]),
                         (en, ["russian", "ukrainians", "moscow", "the west", "he"])):
        keys = set(index.keys)
        assert all(w in keys for w in words), [w for w in words if w not in keys]


def test_index_is_cached_on_disk(tmp_path, monkeypatch):
    monkeypatch.setenv("KRONIEK_CACHE", str(tmp_path))
    load_index.cache_clear()
    try:
        index = load_index("nl")
        assert list(tmp_path.glob("actor-index-nl-*.pickle"))
        load_index.cache_clear()
        again = load_index("nl")
        assert again is not index and again.keys == index.keys
        assert again.matcher.find(normalize("Poetin sprak")) != []
    finally:
        load_index.cache_clear()


def test_unknown_language_falls_back_to_english():
    assert load_index("xx").lang == "en"


def test_fast_normalize_equals_normalize():
    samples = ["Oekraïne’s president Zelenski", "ЗЕЛЕНСЬКИЙ and Zelenskyy!", "Noord-Korea zo’n 25 km", "İstanbul ß"]
    for text in samples:
        assert fast_normalize(text) == normalize(text)


@pytest.mark.skipif(not NL_NEWS.exists(), reason="evaluation data not present")
def test_fast_normalize_equals_normalize_on_real_news():
    with NL_NEWS.open(encoding="utf-8") as handle:
        for i, line in enumerate(handle):
            if i == 200:
                break
            text = json.loads(line)["text"]
            assert fast_normalize(text) == normalize(text)


def test_data_files_parse_without_duplicates():
    # build_kb raises on a duplicate id; every row has the number of columns it should
    for name, columns in (("persons.txt", 6), ("organisations.txt", 5)):
        for line in (kbmod.DATA_DIR / name).read_text("utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                assert line.count("|") == columns - 1, line


@pytest.mark.parametrize("lang,noun,code", [("nl", "betogers", "PRO"), ("nl", "gewapende mannen", "UAG"),
                                            ("en", "rioters", "RIO"), ("en", "gunmen", "UAG")])
def test_generic_nouns_and_their_institutions(lang, noun, code):
    index = load_index(lang)
    entries = index.entries[index.key_index[normalize_key(noun)]]
    assert (kbmod.GENERIC_NOUN, code, None) in entries
    kb = index.kb
    assert kb.get(f"NGA-{code}")["country"] == "NGA" and kb.get(f"NGA-{code}")["sector"] == kbmod.GENERIC[code][0]


def test_name_cues_are_loaded_for_both_languages():
    for lang, title, said in (("nl", "burgemeester", "zei"), ("en", "mayor", "said")):
        names = load_index(lang).names
        assert title in names["titles"] and said in names["said"] and names["stop"] and names["org"]
