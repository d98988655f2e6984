"""The quantities stage: numbers, bounds, and what they count (Dutch and English)."""

from pathlib import Path

import pytest

from kroniek.document import Document, PubDate
from kroniek.pipeline import Pipeline

ACLED = Path("/work/shared/data/acled/acled_2022h1_dev.csv")


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(["time", "quantities"])


def quantities(pipe, text, lang, date="2022-03-01"):
    doc = Document(text=text, lang=lang, date=PubDate.parse(date))
    pipe(doc)
    return [(s.text(doc), s.attrs) for s in doc.layer("quantities")]


def only(pipe, text, lang, date="2022-03-01"):
    found = quantities(pipe, text, lang, date)
    assert len(found) == 1, found
    return found[0]


# -- digits in both thousands conventions -------------------------------------
@pytest.mark.parametrize("text, lang, value", [
    ("Er vluchtten 4.500 inwoners uit de stad.", "nl", 4500),
    ("Some 4,500 residents fled the city.", "en", 4500),
    ("De stad telt 1.200.000 inwoners.", "nl", 1200000),
    ("The camp holds 12,000 refugees.", "en", 12000),
    ("Er zijn 4.5 miljoen vluchtelingen geteld.", "nl", 4500000),
    ("Er zijn 2,5 miljoen mensen gevlucht.", "nl", 2500000),
    ("About 2.5 million people have fled.", "en", 2500000),
])
def test_digits_and_multipliers(pipe, text, lang, value):
    found = [a for _, a in quantities(pipe, text, lang) if a["min"] is not None]
    assert found and found[0]["min"] == value


def test_thousands_and_decimals_differ(pipe):
    _, a = only(pipe, "De stad kreeg 4.500 soldaten erbij.", "nl")
    _, b = only(pipe, "The city received 4,500 soldiers.", "en")
    _, c = only(pipe, "Het land telt 4.5 miljoen inwoners.", "nl")
    assert a["min"] == b["min"] == 4500
    assert c["min"] == 4500000


# -- number words --------------------------------------------------------------
@pytest.mark.parametrize("text, lang, value", [
    ("Bij de aanval vielen elf doden.", "nl", 11),
    ("Er raakten vijfentwintig mensen gewond.", "nl", 25),
    ("Er zijn honderdtwintig soldaten gevangengenomen.", "nl", 120),
    ("Het leger stuurde drieduizend militairen naar het front.", "nl", 3000),
    ("Eleven people were killed in the strike.", "en", 11),
    ("Twenty-five soldiers were captured.", "en", 25),
    ("Two dozen soldiers surrendered.", "en", 24),
    ("A dozen civilians were evacuated.", "en", 12),
])
def test_number_words(pipe, text, lang, value):
    found = [a for _, a in quantities(pipe, text, lang) if a["min"] is not None]
    assert found[0]["min"] == value


def test_een_tiental_is_about_ten(pipe):
    text, attrs = only(pipe, "Er werden een tiental burgers opgepakt.", "nl")
    assert attrs["min"] == 10 and attrs["approximate"]
    assert text.startswith("een tiental")


# -- bounds, approximations, vague amounts ---------------------------------------
def test_minstens_elf_doden(pipe):
    text, attrs = only(pipe, "Volgens de burgemeester vielen er minstens elf doden in de wijk.", "nl")
    assert text == "minstens elf doden"
    assert attrs["min"] == 11 and attrs["max"] is None
    assert attrs["counts"] == "dead" and attrs["approximate"]


def test_zo_n_25_kilometer_is_a_distance(pipe):
    for apostrophe in ("'", "’"):
        text, attrs = only(pipe, f"De colonne stond op zo{apostrophe}n 25 kilometer van de hoofdstad.", "nl")
        assert attrs["counts"] == "distance" and attrs["unit"] == "km"
        assert attrs["value"] == 25.0 and attrs["approximate"]
        assert attrs["min"] is None  # a distance is no head count


def test_miles_become_km(pipe):
    _, attrs = only(pipe, "The convoy was about 20 miles north of the capital.", "en")
    assert attrs["counts"] == "distance" and attrs["value"] == pytest.approx(32.187, abs=0.01)


@pytest.mark.parametrize("text, lang, low, high", [
    ("Er zijn ongeveer 300 mensen geëvacueerd.", "nl", 300, 300),
    ("Er zijn ruim 300 mensen geëvacueerd.", "nl", 300, None),
    ("Er zijn bijna 300 mensen geëvacueerd.", "nl", None, 300),
    ("Er zijn tussen 200 en 300 mensen geëvacueerd.", "nl", 200, 300),
    ("At least 300 people were evacuated.", "en", 300, None),
    ("More than 300 people were evacuated.", "en", 300, None),
    ("Up to 300 people were evacuated.", "en", None, 300),
    ("Between 200 and 300 people were evacuated.", "en", 200, 300),
])
def test_bounds(pipe, text, lang, low, high):
    _, attrs = only(pipe, text, lang)
    assert (attrs["min"], attrs["max"]) == (low, high)
    assert attrs["approximate"]


def test_toll_some_words_before_the_number(pipe):
    _, attrs = only(pipe, "The death toll in the city has now risen to 14.", "en")
    assert (attrs["min"], attrs["counts"]) == (14, "dead")


def test_ages_are_not_casualties(pipe):
    found = quantities(pipe, "Dean Evans, 22, a farmer from Reading, died in the attack.", "en")
    assert [(t, a["counts"]) for t, a in found] == [("22", None), ("a farmer", "dead")]
    found = quantities(pipe, "De filosoof Doegin (60) kwam om het leven.", "nl")
    assert all(a["counts"] is None for _, a in found)


@pytest.mark.parametrize("text, lang", [
    ("Na een orkaan zes dagen lang werd het stil.", "nl"),
    ("De vissers mogen dit jaar nog maar 500 dieren doden.", "nl"),
    ("Zijn vader stierf toen zij achttien was.", "nl"),
    ("Ze kreeg de opdracht een vrouw te doden.", "nl"),
])
def test_no_casualties_across_other_words(pipe, text, lang):
    assert all(a["counts"] != "dead" for _, a in quantities(pipe, text, lang))


def test_rising_toll_is_not_an_upper_bound(pipe):
    _, attrs = only(pipe, "Het dodental in de stad is opgelopen tot 12.", "nl")
    assert (attrs["min"], attrs["max"], attrs["counts"]) == (12, 12, "dead")


def test_honderden_tanks_are_not_dead(pipe):
    text, attrs = only(pipe, "Het konvooi telde honderden tanks en pantserwagens.", "nl")
    assert text == "honderden"
    assert attrs["min"] == 100 and attrs["max"] is None and attrs["approximate"]
    assert attrs["counts"] != "dead"


@pytest.mark.parametrize("text, lang, low", [
    ("Er vielen tientallen doden.", "nl", 10),
    ("Duizenden mensen sloegen op de vlucht.", "nl", 1000),
    ("Dozens were injured in the blast.", "en", 12),
    ("Hundreds of people were arrested.", "en", 100),
    ("Tens of thousands of people fled the city.", "en", 10000),
    ("Tienduizenden mensen sloegen op de vlucht.", "nl", 10000),
])
def test_vague_amounts_take_the_conservative_minimum(pipe, text, lang, low):
    _, attrs = quantities(pipe, text, lang)[0]
    assert attrs["min"] == low and attrs["max"] is None and attrs["approximate"]


def test_dozens_were_injured(pipe):
    _, attrs = only(pipe, "Dozens were injured when the market was shelled.", "en")
    assert attrs["counts"] == "injured" and attrs["min"] == 12


# -- shares and money ------------------------------------------------------------
def test_driekwart_is_a_share(pipe):
    _, attrs = only(pipe, "Inmiddels staat zo’n driekwart van de troepen in het land.", "nl")
    assert attrs["counts"] == "share" and attrs["value"] == 0.75 and attrs["unit"] == "%"


@pytest.mark.parametrize("text, lang, value", [
    ("Ongeveer 40 procent van de stad is zonder stroom.", "nl", 0.4),
    ("Some 40% of the city has no power.", "en", 0.4),
    ("De helft van de inwoners is vertrokken.", "nl", 0.5),
    ("Two thirds of the residents have left.", "en", 0.6667),
])
def test_shares(pipe, text, lang, value):
    _, attrs = only(pipe, text, lang)
    assert attrs["counts"] == "share" and attrs["value"] == pytest.approx(value)


def test_money(pipe):
    _, a = only(pipe, "De EU trekt 500 miljoen euro uit voor wapens.", "nl")
    _, b = only(pipe, "The US pledged $2 billion in aid.", "en")
    assert (a["counts"], a["unit"], a["value"]) == ("money", "EUR", 500_000_000)
    assert (b["counts"], b["unit"], b["value"]) == ("money", "USD", 2_000_000_000)


# -- what the number counts --------------------------------------------------------
def test_soldiers_killed_by_the_verb(pipe):
    text, attrs = only(pipe, "Kiev claimt dat zo’n 4.500 Russische soldaten zijn gedood.", "nl")
    assert text == "zo’n 4.500 Russische soldaten"
    assert attrs["counts"] == "dead" and attrs["min"] == 4500 and attrs["approximate"]


@pytest.mark.parametrize("text, lang, counts, low", [
    ("Minstens elf mensen kwamen om bij de beschieting.", "nl", "dead", 11),
    ("Bij de explosie raakten 14 mensen gewond.", "nl", "injured", 14),
    ("De politie heeft 30 demonstranten opgepakt.", "nl", "arrested", 30),
    ("Er zijn 40 gewonden naar het ziekenhuis gebracht.", "nl", "injured", 40),
    ("The death toll rose to 12.", "en", "dead", 12),
    ("The missile hit a school, killing at least 11 people.", "en", "dead", 11),
    ("Police arrested 25 protesters outside parliament.", "en", "arrested", 25),
    ("Militants killed two men in the village.", "en", "dead", 2),
    ("A soldier was killed by sniper fire.", "en", "dead", 1),
    ("3 fatalities were reported.", "en", "dead", 3),
])
def test_casualty_counts(pipe, text, lang, counts, low):
    _, attrs = only(pipe, text, lang)
    assert attrs["counts"] == counts and attrs["min"] == low


def test_killed_and_wounded_in_one_sentence(pipe):
    found = quantities(pipe, "Gunmen killed four villagers and wounded seven others.", "en")
    assert [(a["counts"], a["min"]) for _, a in found] == [("dead", 4), ("injured", 7)]


def test_counted_nouns_without_casualties(pipe):
    _, a = only(pipe, "Het leger stuurde 200 soldaten naar de grens.", "nl")
    _, b = only(pipe, "Some 300 civilians gathered in the main square.", "en")
    assert a["counts"] == "soldiers" and b["counts"] == "civilians"


def test_no_fatalities_is_zero(pipe):
    _, a = only(pipe, "Er vielen geen doden.", "nl")
    _, b = only(pipe, "No fatalities were reported.", "en")
    assert (a["min"], a["max"], a["counts"]) == (0, 0, "dead")
    assert (b["min"], b["max"], b["counts"]) == (0, 0, "dead")


def test_casualties_without_a_number_have_no_min(pipe):
    found = quantities(pipe, "‘Er zijn doden en gewonden onder onze kameraden’, zei de woordvoerder.", "nl")
    assert [(t, a["counts"], a["min"], a["max"]) for t, a in found] == [
        ("doden", "dead", None, None), ("gewonden", "injured", None, None)]


def test_unknown_amounts_have_no_figure(pipe):
    found = quantities(pipe, "Er vielen zes doden en een onbekend aantal gewonden.", "nl")
    assert [t for t, _ in found] == ["zes doden", "een onbekend aantal gewonden"]
    text, attrs = found[1]
    assert text == "een onbekend aantal gewonden"
    assert (attrs["min"], attrs["max"], attrs["counts"]) == (None, None, "injured")
    _, attrs = only(pipe, "The shelling killed an unknown number of civilians.", "en")
    assert (attrs["min"], attrs["max"], attrs["counts"]) == (None, None, "dead")


# -- who the number counts: agents, names, parts, totals -----------------------------
@pytest.mark.parametrize("text, lang, agents", [
    ("On 14 February, two gunmen on a motorcycle shot dead a police sergeant near a bus stop.", "en",
     "two gunmen"),
    ("Two armed men shot and killed a taxi driver in Mixco.", "en", "Two armed men"),
    ("Three female gang members shot, killed and dismembered a girl in a house.", "en",
     "Three female gang members"),
    ("Twee schutters doodden zaterdag in Kabul een agent.", "nl", "Twee schutters"),
])
def test_the_subject_of_an_active_killing_verb_is_no_victim(pipe, text, lang, agents):
    found = dict(quantities(pipe, text, lang))
    assert all(a["counts"] != "dead" for t, a in found.items() if t.startswith(agents.split()[0])), found


def test_an_airstrike_that_kills_is_no_victim(pipe):
    found = quantities(pipe, "An airstrike killed 12 civilians in Idlib.", "en")
    assert [(t, a["counts"], a["min"]) for t, a in found] == [("12 civilians", "dead", 12)]
    found = quantities(pipe, "Een raket doodde twee burgers in Charkiv.", "nl")
    assert [(t, a["counts"], a["min"]) for t, a in found] == [("twee burgers", "dead", 2)]


@pytest.mark.parametrize("text, lang", [
    ("Twelve people were killed the day before.", "en"),  # passive: still the victims
    ("Two soldiers killed in attack near Kharkiv.", "en"),  # a headline's passive
    ("Hij zei dat de rebellen twee agenten doodden.", "nl"),  # object before the verb
])
def test_victims_before_a_verb_stay_victims(pipe, text, lang):
    assert [a["counts"] for _, a in quantities(pipe, text, lang)][:1] == ["dead"]


@pytest.mark.parametrize("text, lang", [
    ("On 4 March 2022, members of Barrio 18 shot and killed a gang member.", "en"),
    ("A captain from the military battalion 101 was killed in a landmine attack.", "en"),
    ("Een kapitein van het bataljon 101 werd gedood bij een aanval.", "nl"),
])
def test_a_number_in_a_name_is_no_count(pipe, text, lang):
    assert all(a["min"] not in (18, 101) for _, a in quantities(pipe, text, lang))


def test_a_number_after_a_place_is_a_count():
    pipe = Pipeline(["places", "time", "quantities"])
    found = quantities(pipe, "Het leger meldt dat bij de raketaanval in Nova Kachovka 52 Russen zijn gedood.", "nl")
    assert [(t, a["counts"], a["min"]) for t, a in found] == [("52 Russen", "dead", 52)]


@pytest.mark.parametrize("text, lang, whole, part", [
    ("Four civilians were killed, including two children, in the strike.", "en", "Four civilians", "two children"),
    ("Bij de aanval kwamen negen mensen om het leven, onder wie twee kinderen.", "nl", "negen mensen",
     "twee kinderen"),
])
def test_a_figure_after_including_is_part_of_the_one_before(pipe, text, lang, whole, part):
    found = dict(quantities(pipe, text, lang))
    assert found[whole]["subset"] is False and found[part]["subset"] is True


@pytest.mark.parametrize("text, lang, total", [
    ("2 fatalities.", "en", "noun"),
    ("Er vielen twaalf doden.", "nl", "noun"),
    ("The death toll rose to 12.", "en", "phrase"),
    ("Het dodental is opgelopen tot 33.", "nl", "phrase"),
    ("The bodies of 3 men were found.", "en", None),
    ("Er werden drie lichamen gevonden.", "nl", None),
    ("Twelve soldiers were killed.", "en", None),
])
def test_tolls_are_marked_as_totals(pipe, text, lang, total):
    found = [a for _, a in quantities(pipe, text, lang) if a["min"] is not None]
    assert found and found[0]["total"] == total


def test_a_number_of_is_no_figure(pipe):
    _, attrs = only(pipe, "The coalition claimed to have killed a number of Houthi fighters.", "en")
    assert (attrs["min"], attrs["counts"]) == (None, "dead")
    _, attrs = only(pipe, "Er vielen een aantal doden bij de beschieting.", "nl")
    assert (attrs["min"], attrs["counts"]) == (None, "dead")
    assert quantities(pipe, "A total of 17 fighters were killed.", "en")[0][0] == "17 fighters"


def test_infinitive_doden_is_no_casualty(pipe):
    assert quantities(pipe, "Het leger zou bereid zijn burgers te doden.", "nl") == []


def test_articles_alone_are_no_quantities(pipe):
    assert quantities(pipe, "Er kwam een nieuwe aanval op een dorp.", "nl") == []
    assert quantities(pipe, "It was a difficult day for a city under siege.", "en") == []


# -- what is not a quantity --------------------------------------------------------
@pytest.mark.parametrize("text, lang", [
    ("In 2022 begon de oorlog.", "nl"),
    ("Het gebeurde op 24 februari.", "nl"),
    ("The war began on 24 February 2022.", "en"),
    ("De vergadering begint om 10.30 uur.", "nl"),
    ("The meeting starts at 10:30.", "en"),
    ("Kharkiv is de 2e stad van het land.", "nl"),
    ("Kharkiv is the 2nd city of the country.", "en"),
    ("Charkov is de tweede stad van Oekraïne.", "nl"),
    ("He was killed in a suicide bombing in 2004.", "en"),
    ("Oekraïne won met 3-1 van Schotland.", "nl"),
    ("Ukraine won 3-1 in Glasgow.", "en"),
    ("Bel voor meer informatie 020-5551234.", "nl"),
    ("The Netherlands will deliver F-16 jets.", "en"),
])
def test_not_quantities(pipe, text, lang):
    found = quantities(pipe, text, lang)
    assert all(a["counts"] not in ("dead", "injured") for _, a in found)
    assert not [t for t, _ in found if any(ch.isdigit() for ch in t) or "tweede" in t], found


def test_a_year_and_a_score_are_not_casualties(pipe):
    found = quantities(pipe, "In 2014 vielen er bij de wedstrijd (3-1) geen doden, maar 2022 was anders.", "nl")
    assert [(t, a["min"]) for t, a in found] == [("geen doden", 0)]


def test_spans_point_into_the_text(pipe):
    text = "Volgens Kiev zijn zo’n 4.500 soldaten gedood en 300 gewond geraakt."
    doc = Document(text=text, lang="nl", date=PubDate.parse("2022-03"))
    pipe(doc)
    for span in doc.layer("quantities"):
        assert span.label == "QUANTITY"
        assert text[span.start:span.end] == span.text(doc)
        assert set(span.attrs) >= {"min", "max", "approximate", "counts", "unit", "value"}


@pytest.mark.skipif(not ACLED.exists(), reason="ACLED evaluation data not available")
def test_acled_dead_counts_mostly_match_fatalities(pipe):
    import csv

    with ACLED.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if int(r["fatalities"]) > 0][:200]
    hits = 0
    for row in rows:
        found = quantities(pipe, row["notes"], "en", row["event_date"])
        hits += int(row["fatalities"]) in {a["min"] for _, a in found if a["counts"] == "dead"}
    assert hits / len(rows) >= 0.75


@pytest.mark.parametrize("text, lang", [
    ("The men had attempted to kill a detainee moments before.", "en"),
    ("Protesters gathered during a demonstration over the death of a teenager.", "en"),
    ("Er was een betoging na de dood van een tiener.", "nl"),
    ("Vier mensen zijn bij een ongeluk omgekomen.", "nl"),
])
def test_intentions_causes_and_accidents_are_no_victims(pipe, text, lang):
    dead = [(t, a["min"]) for t, a in quantities(pipe, text, lang) if a["counts"] == "dead"]
    assert all(t not in ("a detainee", "a demonstration", "een betoging", "een ongeluk") for t, _ in dead), dead
