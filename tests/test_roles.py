"""Actor and recipient from word order and role words, with hand-built ACTOR spans."""

from __future__ import annotations

import re

import pytest

from kroniek.document import Document, Span
from kroniek.stages import build

RUS = {"name": "Russia", "id": "RUS-GOV", "country": "RUS", "sector": "GOV", "kind": "GPE", "metonym": True}
UKR = {"name": "Ukraine", "id": "UKR-GOV", "country": "UKR", "sector": "GOV", "kind": "GPE", "metonym": True}
USA = {"name": "United States", "id": "USA-GOV", "country": "USA", "sector": "GOV", "kind": "ORG"}
ZEL = {"name": "Volodymyr Zelensky", "id": "person/zelensky", "country": "UKR", "sector": "GOV", "kind": "PER"}
BIDEN = {"name": "Joe Biden", "id": "person/biden", "country": "USA", "sector": "GOV", "kind": "PER"}
MACRON = {"name": "Emmanuel Macron", "id": "person/macron", "country": "FRA", "sector": "GOV", "kind": "PER"}
PUTIN = {"name": "Vladimir Putin", "id": "person/putin", "country": "RUS", "sector": "GOV", "kind": "PER"}
BANK = {"name": "Central Bank of Russia", "id": "RUS-BNK", "country": "RUS", "sector": "BUS", "kind": "ORG"}
ARMY = {"name": "Russian Armed Forces", "id": "RUS-MIL", "country": "RUS", "sector": "MIL", "kind": "ORG"}


@pytest.fixture(scope="module")
def stage():
    return build("events")


_STAGE = build("events")


def make(text: str, lang: str, actors: list[tuple[str, dict]], places=(), dates=()) -> Document:
    doc = Document(text=text, lang=lang)
    for m in re.finditer(r"[^.!?]+[.!?]?", text):
        start = m.start() + len(m.group()) - len(m.group().lstrip())
        doc.add("sentences", start, m.end(), "sentence", paragraph=0)
    cursor = 0
    for words, attrs in actors:
        start = text.index(words, cursor)
        doc.layer("actors").append(Span(start, start + len(words), "ACTOR", dict(attrs)))
        cursor = start + 1
    for words, attrs in places:
        start = text.index(words)
        doc.layer("places").append(Span(start, start + len(words), "PLACE", dict(attrs)))
    for words in dates:
        start = text.index(words)
        doc.layer("dates").append(Span(start, start + len(words), "DATE", {}))
    _STAGE(doc)
    return doc


def roles(event) -> list[tuple[str, str]]:
    return [(a["role"], a["name"]) for a in event.actors]


def only(doc: Document, event_type: str):
    found = [e for e in doc.events if e.type == event_type]
    assert len(found) == 1, [(e.type, e.trigger) for e in doc.events]
    return found[0]


def test_between_makes_both_actors(stage):
    doc = make("Het was het eerste overleg tussen Kiev en Moskou sinds de oorlog begon.", "nl",
               [("Kiev", UKR), ("Moskou", RUS)])
    assert roles(only(doc, "CONSULT")) == [("actor", "Ukraine"), ("actor", "Russia")]


def test_conversation_with_gives_recipient(stage):
    doc = make("De Russische president Vladimir Poetin sprak dinsdag in een gesprek met zijn Franse "
               "collega Emmanuel Macron.", "nl",
               [("De Russische president Vladimir Poetin", PUTIN), ("Emmanuel Macron", MACRON)])
    assert roles(only(doc, "CONSULT")) == [("actor", "Vladimir Putin"), ("recipient", "Emmanuel Macron")]


def test_dutch_perfect_object_before_participle(stage):
    doc = make("Zelenski heeft de Amerikaanse president Joe Biden gevraagd om meer luchtafweer.", "nl",
               [("Zelenski", ZEL), ("de Amerikaanse president Joe Biden", BIDEN)])
    assert roles(only(doc, "REQUEST")) == [("actor", "Volodymyr Zelensky"), ("recipient", "Joe Biden")]


def test_inversion_subject_after_verb(stage):
    doc = make("Ook eiste Poetin dat Kiev de annexatie erkent.", "nl", [("Poetin", PUTIN), ("Kiev", UKR)])
    assert roles(only(doc, "REQUEST")) == [("actor", "Vladimir Putin"), ("recipient", "Ukraine")]


def test_passive_subject_is_recipient_and_against_adds_one(stage):
    doc = make("Moskou werd opnieuw gestraft met nieuwe sancties, onder andere tegen de centrale bank.", "nl",
               [("Moskou", RUS), ("de centrale bank", BANK)])
    event = only(doc, "SANCTION")
    assert ("recipient", "Russia") in roles(event)
    assert ("recipient", "Central Bank of Russia") in roles(event)
    assert not [a for a in event.actors if a["role"] == "actor"]


def test_passive_with_by_agent_english(stage):
    doc = make("The convoy was attacked by Russian forces near the border.", "en",
               [("Russian forces", ARMY)])
    assert roles(only(doc, "ASSAULT")) == [("actor", "Russian Armed Forces")]


def test_active_english_subject_and_object(stage):
    doc = make("Zelensky asked Biden for more air defence.", "en", [("Zelensky", ZEL), ("Biden", BIDEN)])
    assert roles(only(doc, "REQUEST")) == [("actor", "Volodymyr Zelensky"), ("recipient", "Joe Biden")]


def test_sanctions_against_english(stage):
    doc = make("The United States announced sanctions against the Russian central bank.", "en",
               [("The United States", USA), ("the Russian central bank", BANK)])
    assert roles(only(doc, "SANCTION")) == [("actor", "United States"), ("recipient", "Central Bank of Russia")]


def test_under_fire_city_is_recipient_and_demonym_actor(stage):
    kharkiv = {"name": "Kharkiv", "geonameid": 706483, "lat": 49.98, "lon": 36.25, "country": "UKR",
               "admin1": "Kharkiv Oblast", "feature": "city", "precision": "city"}
    doc = make("Vooral het oostelijke Charkiv, de tweede stad van het land, lag zwaar onder Russisch "
               "artillerievuur.", "nl", [], places=[("Charkiv", kharkiv)])
    event = only(doc, "ASSAULT")
    assert event.actors[0]["role"] == "actor" and event.actors[0]["country"] == "RUS"
    assert event.actors[0]["sector"] == "MIL"
    assert ("recipient", "Kharkiv") in roles(event)
    assert event.location["name"] == "Kharkiv" and event.location["geonameid"] == 706483


def test_metonymic_place_is_no_location(stage):
    moscow = {"name": "Moscow", "geonameid": 524901, "lat": 55.75, "lon": 37.61, "country": "RUS",
              "admin1": None, "feature": "city", "precision": "city"}
    doc = make("Moskou heeft de strijdkrachten in hoge staat van paraatheid gebracht.", "nl",
               [("Moskou", RUS)], places=[("Moskou", moscow)])
    event = only(doc, "MOBILIZE")
    assert roles(event) == [("actor", "Russia")]
    assert event.location is None


def test_attribution_source_is_no_actor(stage):
    text = "Volgens de VS heeft het leger troepen samengetrokken."
    doc = Document(text=text, lang="nl")
    doc.add("sentences", 0, len(text), "sentence", paragraph=0)
    s = text.index("de VS")
    doc.layer("actors").append(Span(s, s + 5, "ACTOR", dict(USA)))
    doc.add("attributions", 0, s + 5, "ATTRIBUTION", cue="volgens", source_text="de VS", source_start=s,
            source_end=s + 5, claimant=None, verified=None, modality="reported", scope_start=0,
            scope_end=len(text))
    stage(doc)
    event = only(doc, "MOBILIZE")
    assert all(a["name"] != "United States" for a in event.actors)
    assert event.attribution["source"] == "de VS" and event.modality == "reported"


def test_refusal_answers_the_request(stage):
    doc = make("Zelenski heeft Biden gevraagd om een no-flyzone. Het Witte Huis heeft dit geweigerd.", "nl",
               [("Zelenski", ZEL), ("Biden", BIDEN), ("Het Witte Huis", USA)])
    reject = only(doc, "REJECT")
    assert roles(reject) == [("actor", "United States"), ("recipient", "Volodymyr Zelensky")]
    assert reject.modality == "asserted"


PROTESTERS_DEU = {"name": "Protesters (Germany)", "id": None, "country": "DEU", "sector": "CVL", "kind": "ORG",
                  "country_source": "place"}
PROTESTERS_NLD = {"name": "Protesters (Netherlands)", "id": None, "country": "NLD", "sector": "CVL", "kind": "ORG",
                  "country_source": "place"}
MILITARY_MMR = {"name": "Military Forces of Myanmar", "id": None, "country": "MMR", "sector": "MIL", "kind": "ORG"}
STUDENTS = {"name": "Students", "id": None, "country": None, "sector": "EDU", "kind": "ORG"}


@pytest.mark.parametrize("text,words,lang", [
    ("On 5 February 2022, around 300 people demonstrated in Erfurt against the measures.", "people", "en"),
    ("On 5 February, more than 100 to about 200 students demonstrated in Erfurt.", "students", "en"),
    ("Op 5 februari demonstreerden rond de 300 boeren in Den Haag tegen de plannen.", "boeren", "nl"),
])
def test_a_role_word_next_to_a_number_only_counts(text, words, lang):
    """'around 300 people': 'around' is no scene word here, the people are the subject."""
    actors = PROTESTERS_NLD if lang == "nl" else PROTESTERS_DEU
    event = only(make(text, lang, [(words, actors)]), "PROTEST")
    assert ("actor", actors["name"]) in roles(event)


@pytest.mark.parametrize("text,words,lang", [
    ("On 26 June 2022, dozens of teachers protested outside the town hall of Bonn.", "teachers", "en"),
    ("On 17 February 2022, a group of people protested in front of the embassy.", "people", "en"),
    ("Op 26 juni demonstreerde een groep van 50 boeren voor het provinciehuis.", "boeren", "nl"),
    ("Tientallen van de bewoners demonstreerden zaterdag voor het gemeentehuis.", "bewoners", "nl"),
])
def test_the_counted_group_after_a_quantity_noun_acts(text, words, lang):
    """'dozens of teachers': 'of' after a quantity noun is no genitive of the trigger."""
    actors = PROTESTERS_NLD if lang == "nl" else PROTESTERS_DEU
    event = only(make(text, lang, [(words, actors)]), "PROTEST")
    assert ("actor", actors["name"]) in roles(event)


@pytest.mark.parametrize("text,words,lang", [
    ("On Monday the arrest of dozens of protesters in Bonn was announced.", "protesters", "en"),
    ("Maandag werd de arrestatie van tientallen van de betogers in Utrecht bekend.", "betogers", "nl"),
])
def test_a_counted_group_after_a_genitive_does_not_act(text, words, lang):
    """'the arrest of dozens of protesters': the first 'of' still governs, the protesters do not arrest."""
    actors = PROTESTERS_NLD if lang == "nl" else PROTESTERS_DEU
    event = only(make(text, lang, [(words, actors)]), "COERCE")
    assert ("actor", actors["name"]) not in roles(event)


@pytest.mark.parametrize("text,subject,aside,date,lang", [
    ("On 31 March 2022, several dozen protesters, including students, gathered in Bonn for a rally.",
     "protesters", "students", "31 March 2022", "en"),
    ("Op 31 maart demonstreerden honderden boeren, waaronder veel studenten, in Den Haag.",
     "boeren", "studenten", "31 maart", "nl"),
    ("Honderden boeren, onder wie veel studenten, demonstreerden zaterdag in Den Haag.",
     "boeren", "studenten", "zaterdag", "nl"),
])
def test_the_subject_before_an_aside_acts(text, subject, aside, date, lang):
    """', including students,' between the subject and its verb: the subject still acts."""
    actors = PROTESTERS_NLD if lang == "nl" else PROTESTERS_DEU
    event = only(make(text, lang, [(subject, actors), (aside, STUDENTS)], dates=[date]), "PROTEST")
    assert ("actor", actors["name"]) in roles(event)


@pytest.mark.parametrize("text,lang", [
    ("Property destruction: On 6 May 2022, in Mei Ma Thaw village, military forces set houses on fire.", "en"),
    ("Beschieting: Op 6 mei hebben militairen in het dorp Mei Ma Thaw huizen in brand gestoken.", "nl"),
])
def test_a_label_before_a_colon_takes_the_actor_that_follows(text, lang):
    words = "military forces" if lang == "en" else "militairen"
    doc = make(text, lang, [(words, MILITARY_MMR)], dates=["6 May 2022" if lang == "en" else "6 mei"])
    event = doc.events[0]
    assert event.trigger["start"] == 0, [(e.type, e.trigger) for e in doc.events]
    assert ("actor", "Military Forces of Myanmar") in roles(event)


@pytest.mark.parametrize("text,date,lang", [
    ("Op 6 mei demonstreerden honderden boeren in Den Haag.", "6 mei", "nl"),
    ("Op zaterdag 6 mei protesteerden boeren in Den Haag.", "zaterdag 6 mei", "nl"),
    ("On Saturday 6 May farmers demonstrated in The Hague.", "Saturday 6 May", "en"),
])
def test_a_role_word_before_a_date_governs_the_date(text, date, lang):
    """'Op 6 mei demonstreerden boeren': 'op' is the date's, the farmers are no target."""
    event = only(make(text, lang, [("boeren" if lang == "nl" else "farmers", PROTESTERS_NLD)], dates=[date]), "PROTEST")
    assert roles(event) == [("actor", "Protesters (Netherlands)")]


@pytest.mark.parametrize("text,words,lang", [
    ("On 25 January 2022, protesters stood on the main road at the junction to block it.", "protesters", "en"),
    ("Op 25 januari stonden demonstranten op de hoofdweg bij het kruispunt om die te blokkeren.", "demonstranten",
     "nl"),
])
def test_a_group_read_as_the_trigger_acts(text, words, lang):
    """'protesters stood on the road': the trigger is the group's own name, and the group acts."""
    event = only(make(text, lang, [(words, PROTESTERS_NLD)]), "PROTEST")
    assert event.trigger["text"] == words
    assert roles(event) == [("actor", "Protesters (Netherlands)")]


HAGUE = {"name": "The Hague", "country": "NLD", "precision": "city", "lat": 52.08, "lon": 4.31}
CHANDIGARH = {"name": "Chandigarh", "country": "IND", "precision": "city", "lat": 30.73, "lon": 76.78}
UNLISTED = {"id": None, "country": None, "sector": None, "kind": "ORG", "reference": "unlisted"}
GUNMEN = {"name": "Unidentified Armed Group", "id": None, "country": None, "sector": "REB", "kind": "ORG"}
ISLAMIC_STATE = {"name": "Islamic State", "id": "IS", "country": None, "sector": "REB", "kind": "ORG"}


def actor_named(event, name: str) -> dict:
    return next(a for a in event.actors if a["name"] == name)


@pytest.mark.parametrize("text,org,place,lang,country", [
    ("IYC members staged a protest in Chandigarh against the new garbage charges.", "IYC", ("Chandigarh", CHANDIGARH),
     "en", "IND"),
    ("Agractie demonstreerde zaterdag in Den Haag tegen de stikstofplannen.", "Agractie", ("Den Haag", HAGUE),
     "nl", "NLD"),
])
def test_an_unlisted_organiser_of_a_protest_takes_the_country_of_the_place(text, org, place, lang, country):
    """Protesters are the country's where they protest; the country says it was read from the place."""
    doc = make(text, lang, [(org, dict(UNLISTED, name=org))], places=[place])
    actor = actor_named(only(doc, "PROTEST"), org)
    start = text.index(place[0])
    assert (actor["role"], actor["country"], actor["country_source"]) == ("actor", country, "place")
    assert actor["resolved_from"] == [start, start + len(place[0])]


@pytest.mark.parametrize("text,words,place,lang", [
    ("Gunmen attacked a checkpoint in The Hague on Sunday.", "Gunmen", ("The Hague", HAGUE), "en"),
    ("Gewapende mannen vielen zondag een controlepost in Den Haag aan.", "Gewapende mannen", ("Den Haag", HAGUE), "nl"),
])
def test_a_generic_armed_group_takes_the_country_where_it_acts(text, words, place, lang):
    event = only(make(text, lang, [(words, GUNMEN)], places=[place]), "ASSAULT")
    actor = actor_named(event, "Unidentified Armed Group")
    assert (actor["country"], actor["country_source"]) == ("NLD", "place")


@pytest.mark.parametrize("text,words,place,lang", [
    ("Islamic State fighters attacked a checkpoint in The Hague on Sunday.", "Islamic State", ("The Hague", HAGUE), "en"),
    ("Islamitische Staat viel zondag een controlepost in Den Haag aan.", "Islamitische Staat", ("Den Haag", HAGUE),
     "nl"),
    ("Wagner attacked a checkpoint in The Hague on Sunday.", "Wagner", ("The Hague", HAGUE), "en"),
    ("Wagner viel zondag een controlepost in Den Haag aan.", "Wagner", ("Den Haag", HAGUE), "nl"),
])
def test_a_named_armed_group_gets_no_country_from_the_place(text, words, place, lang):
    """Only protesters and generic groups are the country's where they act; a named group may come from afar."""
    attrs = ISLAMIC_STATE if "Islam" in words else dict(UNLISTED, name=words, sector="REB")
    event = only(make(text, lang, [(words, attrs)], places=[place]), "ASSAULT")
    actor = actor_named(event, attrs["name"])
    assert actor["country"] is None and "country_source" not in actor


@pytest.mark.parametrize("text,org,date,lang", [
    ("On 13 May 2022, members of NAISS protested in Owerri over the long strike.", "NAISS", "13 May 2022", "en"),
    ("Op 13 mei demonstreerden leden van de FNV in Utrecht voor hogere lonen.", "FNV", "13 mei", "nl"),
])
def test_the_organisation_of_its_members_acts(text, org, date, lang):
    """'members of NAISS protested': 'of' after a membership noun is no genitive; the organisation acts."""
    event = only(make(text, lang, [(org, dict(UNLISTED, name=org))], dates=[date]), "PROTEST")
    assert ("actor", org) in roles(event)


@pytest.mark.parametrize("text,subject,caller,lang", [
    ("On Saturday, farmers, called by the farmers' association ADACB, held a protest in Fundao.", "farmers", "ADACB",
     "en"),
    ("Zaterdag demonstreerden boeren, opgeroepen door Agractie, in Den Haag tegen de stikstofplannen.", "boeren",
     "Agractie", "nl"),
    ("Boeren, aangevoerd door Agractie, demonstreerden zaterdag in Den Haag.", "Boeren", "Agractie", "nl"),
])
def test_a_participle_aside_does_not_hide_the_subject(text, subject, caller, lang):
    """', called by X,' / ', opgeroepen door X,': the caller is not who protests."""
    event = only(make(text, lang, [(subject, PROTESTERS_NLD), (caller, dict(UNLISTED, name=caller))]), "PROTEST")
    assert roles(event)[0] == ("actor", "Protesters (Netherlands)")


GEORGIA = {"name": "Georgia", "id": "GEO-GOV", "country": "GEO", "sector": "GOV", "kind": "GPE", "metonym": True}
ZONE = {"name": "Danu Self-Administered Zone", "id": None, "country": None, "sector": None, "kind": "ORG"}


@pytest.mark.parametrize("text,group,lang", [
    ("On 15 January 2022, demonstrators gathered in front of the bank in Atlanta (Georgia) to call for divestment.",
     "demonstrators", "en"),
    ("Op 15 januari stonden demonstranten voor de bank in Atlanta (Georgia) om desinvestering te eisen.",
     "demonstranten", "nl"),
])
def test_the_group_named_by_the_trigger_acts_before_any_later_actor(text, group, lang):
    doc = make(text, lang, [(group, PROTESTERS_NLD), ("Georgia", GEORGIA)],
               dates=["15 January 2022" if lang == "en" else "15 januari"])
    event = only(doc, "PROTEST")
    assert roles(event) == [("actor", "Protesters (Netherlands)")]


@pytest.mark.parametrize("text,lang", [
    ("Property destruction: On 20 June 2022, in Hlwa Sin village (Danu Self-Administered Zone, Shan), "
     "the military forces raided a house.", "en"),
    ("Beschieting: Op 20 juni hebben in het dorp Hlwa Sin (Danu Self-Administered Zone, Shan) "
     "militairen een huis beschoten.", "nl"),
])
def test_a_label_skips_the_actors_in_parentheses(text, lang):
    words = "military forces" if lang == "en" else "militairen"
    doc = make(text, lang, [("Danu Self-Administered Zone", ZONE), (words, MILITARY_MMR)],
               dates=["20 June 2022" if lang == "en" else "20 juni"])
    event = next(e for e in doc.events if e.trigger["start"] == 0)
    assert roles(event)[0] == ("actor", "Military Forces of Myanmar")


@pytest.mark.parametrize("text,lang", [
    ("On 26 May 2022, IYC members staged a protest in Chandigarh against the new garbage charges.", "en"),
    ("Op 26 mei demonstreerden leden van de FNV in Utrecht voor hogere lonen.", "nl"),
])
def test_a_country_read_from_the_place_is_marked_in_the_output_record(text, lang):
    """The full pipeline: the organiser's country says where it came from, and the record still validates."""
    from kroniek.event import records
    from kroniek.pipeline import default_pipeline
    from kroniek.schema import validator

    doc = Document(text=text, lang=lang)
    default_pipeline()(doc)
    [record] = [r for r in records(doc) if r["type"] == "PROTEST"]
    [actor] = [a for a in record["actors"] if a["role"] == "actor"]
    place = record["location"]
    assert (actor["country"], actor["country_source"]) == (place["country"], "place")
    assert text[slice(*actor["resolved_from"])] == place["text"]
    assert [e.message for e in validator().iter_errors(record)] == []
