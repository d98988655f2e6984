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


def make(text: str, lang: str, actors: list[tuple[str, dict]], places=()) -> Document:
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
