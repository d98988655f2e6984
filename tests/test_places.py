"""The places stage on Dutch and English text written for these tests."""

from __future__ import annotations

import pytest

from kroniek.document import Document, Span
from kroniek.kb.places import default_gazetteer
from kroniek.stages.places import PlacesStage


@pytest.fixture(scope="module")
def stage() -> PlacesStage:
    return PlacesStage(gazetteer=default_gazetteer())


def run(stage: PlacesStage, text: str, lang: str) -> list[tuple[str, Span]]:
    doc = Document(text=text, lang=lang)
    stage(doc)
    spans = doc.layer("places")
    for span in spans:
        assert span.label == "PLACE"
    return [(span.text(doc), span) for span in spans]


def by_surface(found: list[tuple[str, Span]]) -> dict[str, dict]:
    return {surface: span.attrs for surface, span in found}


NL_WAR = (
    "Russische troepen rukten dinsdag op ten noordwesten van Kiev. Volgens de Oekraïense legerleiding "
    "lag vooral Charkov onder vuur, terwijl ook uit de havenstad Marioepol berichten over gevechten "
    "kwamen. Rusland eist dat Oekraïne de annexatie van de Krim erkent. De onderhandelaars "
    "kwamen bijeen in Belarus. Volgens Washington staat de colonne op zo'n 25 kilometer van het "
    "centrum van Kiev."
)


def test_dutch_war_report(stage: PlacesStage) -> None:
    found = run(stage, NL_WAR, "nl")
    got = {(s, a["name"], a["country"]) for s, sp in found for a in [sp.attrs]}
    for expected in [("Kiev", "Kyiv", "UKR"), ("Charkov", "Kharkiv", "UKR"),
                     ("Marioepol", "Mariupol", "UKR"), ("Rusland", "Russia", "RUS"),
                     ("Oekraïne", "Ukraine", "UKR"), ("Krim", "Crimea", "UKR"),
                     ("Belarus", "Belarus", "BLR"), ("Washington", "Washington", "USA")]:
        assert expected in got
    attrs = by_surface(found)
    assert attrs["Charkov"]["geonameid"] == 706483
    assert attrs["Krim"]["precision"] == "region"
    assert attrs["Rusland"]["precision"] == "country"
    # adjectives are demonyms (actors), not places
    assert not any(s.startswith(("Russische", "Oekraïense")) for s, _ in found)


def test_offsets_point_into_the_original_text(stage: PlacesStage) -> None:
    for surface, span in run(stage, NL_WAR, "nl"):
        assert NL_WAR[span.start : span.end] == surface


def test_dutch_near_references(stage: PlacesStage) -> None:
    found = run(stage, NL_WAR, "nl")
    kievs = [sp for s, sp in found if s == "Kiev"]
    first, last = kievs[0].attrs, kievs[-1].attrs
    assert first["precision"] == "near"
    assert first["qualifier"]["direction"] == "NW" and first["qualifier"]["distance_km"] is None
    assert NL_WAR[first["qualifier"]["start"] : first["qualifier"]["end"]] == "ten noordwesten van"
    assert last["precision"] == "near"
    assert last["qualifier"]["distance_km"] == 25.0 and last["qualifier"]["direction"] is None
    assert "25 kilometer van het centrum van" in last["qualifier"]["text"]
    assert attrs_plain(found, "Marioepol")["precision"] == "city"


def attrs_plain(found: list[tuple[str, Span]], surface: str) -> dict:
    return next(sp.attrs for s, sp in found if s == surface)


def test_dutch_direction_with_distance_and_nabij(stage: PlacesStage) -> None:
    text = ("Het leger meldde een aanval op 30 kilometer ten oosten van Charkov. "
            "Ook nabij Marioepol werd gevochten.")
    found = run(stage, text, "nl")
    kharkiv = attrs_plain(found, "Charkov")["qualifier"]
    assert kharkiv["direction"] == "E" and kharkiv["distance_km"] == 30.0
    mariupol = attrs_plain(found, "Marioepol")
    assert mariupol["precision"] == "near" and mariupol["qualifier"]["text"] == "nabij"


def test_english_near_references(stage: PlacesStage) -> None:
    text = ("Shelling was reported 30 km east of Kharkiv on Tuesday. "
            "Troops also massed north of Kyiv, and fighting continued near Mariupol.")
    found = run(stage, text, "en")
    k = attrs_plain(found, "Kharkiv")
    assert k["precision"] == "near" and k["qualifier"]["direction"] == "E" and k["qualifier"]["distance_km"] == 30.0
    assert attrs_plain(found, "Kyiv")["qualifier"]["direction"] == "N"
    m = attrs_plain(found, "Mariupol")
    assert m["qualifier"]["direction"] is None and m["qualifier"]["text"] == "near"


def test_english_miles_are_converted(stage: PlacesStage) -> None:
    found = run(stage, "The convoy stopped 20 miles north of Kyiv.", "en")
    q = attrs_plain(found, "Kyiv")["qualifier"]
    assert q["direction"] == "N" and q["distance_km"] == pytest.approx(32.18, abs=0.01)


def test_paris_texas_versus_paris_france(stage: PlacesStage) -> None:
    texas = run(stage, "A tornado hit the small town of Paris in north Texas on Monday night. "
                       "Officials in Texas said three people were injured.", "en")
    assert attrs_plain(texas, "Paris")["country"] == "USA"
    assert attrs_plain(texas, "Paris")["admin1"] == "Texas"
    france = run(stage, "Thousands marched through Paris on Saturday against the pension reform.", "en")
    assert attrs_plain(france, "Paris")["country"] == "FRA"


def test_reading_at_sentence_start_is_a_verb(stage: PlacesStage) -> None:
    found = run(stage, "Reading the report, the minister said the figures were wrong.", "en")
    assert [s for s, _ in found] == []


def test_nice_is_an_adjective_at_sentence_start_but_a_city_after_in(stage: PlacesStage) -> None:
    assert run(stage, "Nice weather brought thousands to the beaches on Sunday.", "en") == []
    found = run(stage, "The summit in Nice ended without an agreement.", "en")
    assert attrs_plain(found, "Nice")["country"] == "FRA"


def test_reading_with_county_is_a_town(stage: PlacesStage) -> None:
    found = run(stage, "Police were called to a house in Reading, Berkshire, on Friday.", "en")
    attrs = attrs_plain(found, "Reading")
    assert attrs["country"] == "GBR"


def test_lowercase_common_word_is_not_a_place(stage: PlacesStage) -> None:
    found = run(stage, "De muzikant blies op een hoorn tijdens de herdenking.", "nl")
    assert found == []
    found = run(stage, "De trein naar Hoorn reed niet door een storing.", "nl")
    assert attrs_plain(found, "Hoorn")["country"] == "NLD"


def test_person_names_are_not_places(stage: PlacesStage) -> None:
    text = ("Trainer Louis van Gaal sprak met Emmanuel Macron. Later zei Van Gaal dat de sfeer goed was. "
            "De lezer van de Washington Post was verrast.")
    found = run(stage, text, "nl")
    assert [s for s, _ in found] == []


def test_town_called_van_needs_context(stage: PlacesStage) -> None:
    found = run(stage, "Van de honderd deelnemers kwam de helft niet opdagen.", "nl")
    assert found == []
    found = run(stage, "An earthquake struck eastern Turkey, near the city of Van, officials in Turkey said.", "en")
    assert [a["country"] for s, sp in found for a in [sp.attrs] if s == "Van"] == ["TUR"]


def test_dutch_country_names(stage: PlacesStage) -> None:
    text = "De Verenigde Staten en Wit-Rusland reageerden op het nieuws uit Noord-Korea."
    attrs = by_surface(run(stage, text, "nl"))
    assert attrs["Verenigde Staten"]["country"] == "USA"
    assert attrs["Wit-Rusland"]["country"] == "BLR"
    assert attrs["Noord-Korea"]["country"] == "PRK"


def test_regions_in_dutch_and_english(stage: PlacesStage) -> None:
    nl = by_surface(run(stage, "De strijd in de Donbas en op de Krim gaat door, ook in de oblast Charkiv.", "nl"))
    assert nl["Donbas"]["precision"] == "region" and nl["Krim"]["name"] == "Crimea"
    assert nl["oblast Charkiv"]["name"] == "Kharkiv Oblast"
    en = by_surface(run(stage, "Fighting raged in the Donetsk region and in the Gaza Strip.", "en"))
    assert en["Donetsk region"]["name"] == "Donetsk Oblast"
    assert en["Gaza Strip"]["country"] == "PSE"


def test_genitive_inflection(stage: PlacesStage) -> None:
    nl = run(stage, "Charkovs burgemeester vroeg om hulp. Kiev's verdediging hield stand.", "nl")
    assert {sp.attrs["name"] for _, sp in nl} == {"Kharkiv", "Kyiv"}
    # but a language name is not a country: 'Nederlands' is not 'Nederland'
    assert run(stage, "Het interview werd in het Nederlands afgenomen.", "nl") == []


def test_cyrillic_name(stage: PlacesStage) -> None:
    found = run(stage, "Взрывы прогремели в Харків ночью.", "en")
    assert attrs_plain(found, "Харків")["geonameid"] == 706483


def test_english_genitive_of_a_country_is_the_country(stage: PlacesStage) -> None:
    found = run(stage, "This is Kenya's first case of the virus, and Canada's health agency is on alert.", "en")
    countries = sorted(span.attrs["country"] for _, span in found)
    assert countries == ["CAN", "KEN"]


def test_dutch_language_adjectives_are_not_places(stage: PlacesStage) -> None:
    found = run(stage, "De brief was in het Japans geschreven, niet in het Nederlands.", "nl")
    assert found == []


def test_state_opening_a_sentence_and_city_before_a_noun(stage: PlacesStage) -> None:
    text = ("Officials in the United States reported new cases. California has confirmed at least "
            "thirteen, and a man is being held in a Winnipeg jail.")
    found = by_surface(run(stage, text, "en"))
    assert found["California"]["feature"] == "region" and found["California"]["country"] == "USA"
    assert found["Winnipeg"]["country"] == "CAN"


def test_city_in_a_team_name_is_still_the_city_elsewhere(stage: PlacesStage) -> None:
    found = run(stage, "The Toronto Blue Jays lost on Sunday. Fans in Toronto were not amused.", "en")
    assert [(surface, span.start) for surface, span in found] == [("Toronto", 46)]
    # a name glued to a first name stays a surname throughout
    found = run(stage, "Minister Anna Lisbon spoke. Later Lisbon said no more.", "en")
    assert found == []


def test_context_decides_between_a_country_and_a_state(stage: PlacesStage) -> None:
    text = "Officials in Atlanta said the storm hit Georgia hard. Savannah and Macon were flooded."
    assert by_surface(run(stage, text, "en"))["Georgia"]["country"] == "USA"
    text = "Russia and Georgia fought a war in 2008. Tbilisi was calm."
    assert by_surface(run(stage, text, "en"))["Georgia"]["country"] == "GEO"
    text = "In Georgië vielen doden bij gevechten rond Tbilisi, zei de regering."
    assert by_surface(run(stage, text, "nl"))["Georgië"]["country"] == "GEO"


def test_dutch_city_names_that_are_frequent_words_in_news(stage: PlacesStage) -> None:
    found = by_surface(run(stage, "Antwerpen wint van Gent. In Brussel en Rotterdam werd betoogd.", "nl"))
    assert found["Antwerpen"]["country"] == "BEL" and found["Antwerpen"]["feature"] == "city"
    assert found["Gent"]["country"] == "BEL"
    assert found["Brussel"]["feature"] == "city" and found["Brussel"]["country"] == "BEL"
    assert found["Rotterdam"]["country"] == "NLD"
    # a first name listed as an alternate name of a city stays a person
    assert run(stage, "Julia zei dat ze naar huis ging.", "nl") == []


def test_multiword_names_with_a_long_later_word(stage: PlacesStage) -> None:
    text = "Cases were confirmed in New Hampshire, North Carolina and British Columbia."
    names = [span.attrs["name"] for _, span in run(stage, text, "en")]
    assert names == ["New Hampshire", "North Carolina", "British Columbia"]
    text = "Hulp ging naar de Democratische Republiek Congo en naar Noord-Brabant."
    found = by_surface(run(stage, text, "nl"))
    assert found["Democratische Republiek Congo"]["country"] == "COD"


def test_a_genitive_owns_the_capitalised_words_after_it(stage: PlacesStage) -> None:
    found = by_surface(run(stage, "Flights were cancelled at Toronto's Pearson International Airport on Sunday.", "en"))
    assert found["Toronto's"]["country"] == "CAN"
    # after a possessive a name is not a surname: "Radio's Edmonton AM" names the city
    found = by_surface(run(stage, "He told CBC Radio's Edmonton AM that the city had to do better.", "en"))
    assert found["Edmonton"]["country"] == "CAN"
    found = by_surface(run(stage, "Parijs' burgemeester en Londen's Heathrow Airport waren dicht.", "nl"))
    assert found["Londen's"]["country"] == "GBR"


def test_a_dateline_in_capitals_is_not_glued_to_the_story(stage: PlacesStage) -> None:
    found = by_surface(run(stage, "WASHINGTON Barack Obama pardoned his last turkey on Wednesday.", "en"))
    assert found["WASHINGTON"]["country"] == "USA"
    found = by_surface(run(stage, "CHARKIV Oekraïense troepen heroverden dinsdag twee dorpen.", "nl"))
    assert found["CHARKIV"]["name"] == "Kharkiv"


def test_a_name_ending_in_a_designator_needs_no_locative_word(stage: PlacesStage) -> None:
    text = "A Metcalfe County man was arrested after a shooting, Kentucky State Police said."
    assert by_surface(run(stage, text, "en"))["Metcalfe County"]["feature"] == "district"
    text = "Een inwoner van Kentucky werd opgepakt. Metcalfe County telt tienduizend inwoners."
    assert by_surface(run(stage, text, "nl"))["Metcalfe County"]["country"] == "USA"


def test_agency_abbreviations_of_states_need_a_comma_or_locative(stage: PlacesStage) -> None:
    found = by_surface(run(stage, "COLUMBIA, Ky. (WBKO) - A man was arrested on Friday. In B.C., snow fell.", "en"))
    assert found["Ky"]["name"] == "Kentucky" and found["B.C"]["name"] == "British Columbia"
    found = run(stage, "Miss Marple was born in 500 B.C. and Mass was held on Sunday.", "en")
    assert [s for s, _ in found] == []
    found = by_surface(run(stage, "De brand in Columbia, Ky. en de paarden in NSW haalden het nieuws.", "nl"))
    assert found["Ky"]["name"] == "Kentucky" and found["NSW"]["name"] == "New South Wales"


def test_a_name_among_regions_of_a_country_is_a_region(stage: PlacesStage) -> None:
    text = "Cases were reported in Montana, Nebraska, Nevada, Oregon and Missouri."
    found = by_surface(run(stage, text, "en"))
    assert all(found[s]["feature"] == "region" for s in ("Nevada", "Oregon", "Montana"))
    text = "Er waren gevallen in Montana, Nebraska, Nevada en Missouri."
    assert by_surface(run(stage, text, "nl"))["Nevada"]["feature"] == "region"


def test_an_unsupported_village_picked_by_context_gives_way_to_the_city(stage: PlacesStage) -> None:
    text = "Officials in Arkansas and Ohio were alarmed. Edmonton needs to eat its vegetables, a report said."
    assert by_surface(run(stage, text, "en"))["Edmonton"]["country"] == "CAN"
    text = "Ambtenaren in Arkansas en Ohio schrokken. Edmonton moet gezonder eten, zegt een rapport."
    assert by_surface(run(stage, text, "nl"))["Edmonton"]["country"] == "CAN"


def test_a_place_followed_by_its_region_is_the_namesake_there(stage: PlacesStage) -> None:
    text = "That is how Judy Law of Oxford, North Carolina, described her neighbour."
    found = by_surface(run(stage, text, "en"))
    assert found["Oxford"]["country"] == "USA" and found["Oxford"]["admin1"] == "North Carolina"
    text = "Bijna honderd mensen betoogden in Columbus (Georgia) voor strengere wapenwetten."
    found = by_surface(run(stage, text, "nl"))
    assert found["Columbus"]["admin1"] == "Georgia" and found["Georgia"]["country"] == "USA"


def test_a_place_missing_from_the_gazetteer_is_placed_at_the_region_named_after_it(stage: PlacesStage) -> None:
    text = "His pickup truck was pulled over on the highway in Stroud, Ontario, on Friday."
    found = by_surface(run(stage, text, "en"))
    assert found["Stroud"]["name"] == "Ontario" and found["Stroud"]["precision"] == "region"
    text = "Zijn auto werd vrijdag aan de kant gezet in Stroud, Ontario."
    assert by_surface(run(stage, text, "nl"))["Stroud"]["country"] == "CAN"


def test_genitives_with_a_typographic_apostrophe_and_of_longer_names(stage: PlacesStage) -> None:
    text = "He served as Russia’s ambassador, and the United Kingdom's health ministry agreed."
    assert [span.attrs["country"] for _, span in run(stage, text, "en")] == ["RUS", "GBR"]
    text = "New Yorks burgemeester en Ruslands leger kwamen in het nieuws."
    found = by_surface(run(stage, text, "nl"))
    assert found["New Yorks"]["country"] == "USA"


def test_offices_institutions_and_weekdays_do_not_glue_a_place_into_a_name(stage: PlacesStage) -> None:
    text = "Queensland Premier Peter Beattie declared a disaster. Snow fell on Toronto Saturday night."
    found = by_surface(run(stage, text, "en"))
    assert found["Queensland"]["country"] == "AUS" and found["Toronto"]["country"] == "CAN"
    # but the institution word is no town of its own ('Police' in Poland)
    assert "Police" not in by_surface(run(stage, "The Kentucky State Police said he was held.", "en"))
    text = "Volgens het Texas Department of Public Safety en de Kharkiv Police vielen er doden."
    found = by_surface(run(stage, text, "nl"))
    assert found["Texas"]["country"] == "USA" and found["Kharkiv"]["country"] == "UKR"


def test_currency_prefixes_and_news_agencies_are_not_places(stage: PlacesStage) -> None:
    text = "Libya lifted the sentences after a US$460 million settlement, Xinhua reported."
    assert [s for s, _ in run(stage, text, "en")] == ["Libya"]
    text = "Libië kreeg US$460 miljoen, meldde persbureau Xinhua."
    assert [s for s, _ in run(stage, text, "nl")] == ["Libië"]


def test_the_white_house_is_in_washington(stage: PlacesStage) -> None:
    assert by_surface(run(stage, "Protesters gathered outside the White House.", "en"))["White House"]["name"] == "Washington"
    assert by_surface(run(stage, "Betogers verzamelden zich bij het Witte Huis.", "nl"))["Witte Huis"]["country"] == "USA"


def test_towns_that_are_frequent_only_as_names_open_a_sentence(stage: PlacesStage) -> None:
    text = "In Nederland bouwen gemeenten bruggen. Deventer krijgt er een. Alkmaar en Hengelo volgen."
    found = by_surface(run(stage, text, "nl"))
    assert {found[s]["country"] for s in ("Deventer", "Alkmaar", "Hengelo")} == {"NLD"}
    # a town whose name is also a Dutch word still needs support: 'hoorn' is a horn
    assert run(stage, "Hoorn en trompet klonken door de zaal.", "nl") == []
    found = by_surface(run(stage, "London has banned the sale. Paris followed on Monday.", "en"))
    assert found["London"]["country"] == "GBR" and found["Paris"]["country"] == "FRA"


def test_exonyms_of_big_cities_beat_small_namesakes(stage: PlacesStage) -> None:
    found = by_surface(run(stage, "Pilgrims travelled to Mecca and Medina, and fans to Cologne.", "en"))
    assert found["Mecca"]["country"] == "SAU" and found["Medina"]["country"] == "SAU"
    assert found["Cologne"]["country"] == "DEU"
    found = by_surface(run(stage, "Pelgrims reisden naar Mekka en Medina; supporters gingen naar Keulen.", "nl"))
    assert found["Mekka"]["country"] == "SAU" and found["Keulen"]["country"] == "DEU"
