"""The events stage on hand-built documents: triggers, typing, modes, ACLED, collapsing."""

from __future__ import annotations

import re

import pytest

from kroniek.document import Document, Span
from kroniek.stages import build


@pytest.fixture(scope="module")
def stage():
    return build("events")


def make(text: str, lang: str, **layers) -> Document:
    """A document with one sentence per '. ' and one paragraph per blank line."""
    doc = Document(text=text, lang=lang)
    for p_index, para in enumerate(re.finditer(r"[^\n]+", text)):
        for m in re.finditer(r"[^.!?]+[.!?]?", para.group()):
            start = para.start() + m.start() + (len(m.group()) - len(m.group().lstrip()))
            end = para.start() + m.end()
            if end > start:
                doc.add("sentences", start, end, "sentence", paragraph=p_index)
    for layer, spans in layers.items():
        for (words, label, attrs) in spans:
            start = text.index(words)
            doc.layer(layer).append(Span(start, start + len(words), label, dict(attrs)))
    return doc


def types(doc: Document) -> list[str]:
    return [e.type for e in doc.events]


def typed(stage, text: str, lang: str) -> list[str]:
    """The event types the stage finds in ``text`` (one sentence per '. ')."""
    doc = make(text, lang)
    stage(doc)
    return types(doc)


def test_dutch_shelling_is_heavy_weapons_with_acled(stage):
    doc = make("Het Russische leger heeft de stad opnieuw beschoten met artillerie.", "nl")
    stage(doc)
    assert types(doc) == ["ASSAULT"]
    event = doc.events[0]
    assert event.mode == "heavy-weapons"
    assert event.acled == {"event_type": "Explosions/Remote violence",
                           "sub_event_type": "Shelling/artillery/missile attack"}
    assert event.trigger["text"] == "beschoten"
    assert doc.text[event.trigger["start"]:event.trigger["end"]] == "beschoten"
    assert [s.attrs["type"] for s in doc.layer("triggers")] == ["ASSAULT"]


def test_dutch_compound_heads_give_type_and_mode(stage):
    doc = make("De havenstad werd getroffen door mortierbeschietingen van het leger. "
               "Kruisraketaanvallen op de hoofdstad volgden.", "nl")
    stage(doc)
    assert types(doc) == ["ASSAULT", "ASSAULT"]
    assert [e.trigger["text"] for e in doc.events] == ["mortierbeschietingen", "Kruisraketaanvallen"]
    assert all(e.mode == "heavy-weapons" for e in doc.events)


def test_heart_attack_is_no_compound_trigger(stage):
    doc = make("De minister kreeg tijdens de oorlog een hartaanval.", "nl")
    stage(doc)
    assert doc.events == []


def test_air_strike_english(stage):
    doc = make("Israeli warplanes carried out air strikes on Gaza, killing 12 civilians.", "en")
    stage(doc)
    assert types(doc) == ["ASSAULT"]
    assert doc.events[0].mode == "aerial"
    assert doc.events[0].acled["sub_event_type"] == "Air/drone strike"


def test_triggers_of_one_type_collapse_per_sentence(stage):
    doc = make("Bij de aanval op het dorp werd urenlang zwaar gevochten door het leger.", "nl")
    stage(doc)
    assert types(doc) == ["ASSAULT"]
    assert len(doc.events[0].extra["mentions"]) == 2
    assert doc.events[0].acled == {"event_type": "Battles", "sub_event_type": "Armed clash"}


def test_two_types_in_one_sentence_are_two_events(stage):
    doc = make("Terwijl het overleg gaande was, werd er aan het front hard gevochten.", "nl")
    stage(doc)
    assert sorted(types(doc)) == ["ASSAULT", "CONSULT"]


def test_background_reference_is_no_event(stage):
    doc = make("Het is de eerste ontmoeting sinds het begin van de invasie.", "nl")
    stage(doc)
    assert types(doc) == ["CONSULT"]


@pytest.mark.parametrize("text,lang,expected", [
    ("De Europese Unie kondigde nieuwe sancties aan.", "nl", "SANCTION"),
    ("Het ministerie dreigde met vergeldingsmaatregelen.", "nl", "THREATEN"),
    ("Duizenden betogers trokken door de hoofdstad.", "nl", "PROTEST"),
    ("Het leger heeft extra troepen gemobiliseerd.", "nl", "MOBILIZE"),
    ("De troepen trokken zich terug uit de stad.", "nl", "RETREAT"),
    ("Kiev beschuldigde Moskou van oorlogsmisdaden.", "nl", "ACCUSE"),
    ("Het parlement heeft het voorstel afgewezen.", "nl", "REJECT"),
    ("De president riep op tot kalmte.", "nl", "REQUEST"),
    ("De partijen sloten een akkoord over graanexport.", "nl", "AGREE"),
    ("De ministers overlegden dinsdag in Brussel.", "nl", "CONSULT"),
    ("De regering steunde het plan van de VN.", "nl", "SUPPORT"),
    ("De rebellen hebben twaalf gijzelaars vrijgelaten.", "nl", "CONCEDE"),
    ("Finland wil lid worden van de NAVO.", "nl", "COOPERATE"),
    ("Duitsland levert wapens aan het Oekraïense leger.", "nl", "AID"),
    ("De militaire politie heeft drie activisten gearresteerd.", "nl", "COERCE"),
    ("Russische troepen vielen de stad aan met artillerievuur.", "nl", "ASSAULT"),
    ("The EU imposed new sanctions on Moscow.", "en", "SANCTION"),
    ("The president threatened retaliation.", "en", "THREATEN"),
    ("Thousands of protesters marched through the capital.", "en", "PROTEST"),
    ("Moscow deployed troops along the border.", "en", "MOBILIZE"),
    ("Russian forces withdrew from the town.", "en", "RETREAT"),
    ("Kyiv accused Moscow of war crimes.", "en", "ACCUSE"),
    ("Parliament rejected the proposal.", "en", "REJECT"),
    ("The president urged calm.", "en", "REQUEST"),
    ("The two sides agreed on a prisoner exchange.", "en", "AGREE"),
    ("The foreign ministers met in Brussels on Tuesday.", "en", "CONSULT"),
    ("The government praised the UN plan.", "en", "SUPPORT"),
    ("The rebels released twelve hostages.", "en", "CONCEDE"),
    ("Finland applied for membership of NATO.", "en", "COOPERATE"),
    ("Germany sent weapons to the Ukrainian army.", "en", "AID"),
    ("Riot police detained three activists.", "en", "COERCE"),
    ("Russian troops shelled the town overnight.", "en", "ASSAULT"),
])
def test_all_plover_types_in_both_languages(stage, text, lang, expected):
    found = typed(stage, text, lang)
    assert expected in found, (text, found)


def test_protest_with_intervention(stage):
    doc = make("De oproerpolitie zette traangas in tegen de demonstranten.", "nl")
    stage(doc)
    protest = [e for e in doc.events if e.type == "PROTEST"]
    assert protest and protest[0].acled == {"event_type": "Protests",
                                            "sub_event_type": "Protest with intervention"}


def test_arrest_is_strategic_development(stage):
    doc = make("Security forces arrested dozens of opposition activists in the capital.", "en")
    stage(doc)
    event = next(e for e in doc.events if e.type == "COERCE")
    assert event.acled == {"event_type": "Strategic developments", "sub_event_type": "Arrests"}


def test_generic_attack_on_civilians(stage):
    doc = make("Gunmen attacked villagers in the north, the army said.", "en")
    stage(doc)
    event = doc.events[0]
    assert event.type == "ASSAULT"
    assert event.acled == {"event_type": "Violence against civilians", "sub_event_type": "Attack"}


def test_weapon_in_context_gives_mode(stage):
    doc = make("The army attacked the village with rockets and artillery.", "en")
    stage(doc)
    assert doc.events[0].mode == "heavy-weapons"
    assert doc.events[0].acled["sub_event_type"] == "Shelling/artillery/missile attack"


def test_erkennen_dat_is_concede(stage):
    doc = make("Rusland erkende dinsdag voor het eerst dat er soldaten zijn gesneuveld.", "nl")
    stage(doc)
    assert types(doc)[0] == "CONCEDE"


def test_request_content_is_no_separate_event(stage):
    doc = make("Ook eiste hij dat Kiev de annexatie formeel erkent.", "nl")
    stage(doc)
    assert types(doc) == ["REQUEST"]


def test_casualty_sentence_attaches_to_previous_assault(stage):
    text = ("Het leger bestookte de stad dinsdag met raketten. "
            "Volgens de gouverneur kwamen minstens negen burgers om het leven.")
    count = "minstens negen burgers"
    doc = make(text, "nl", quantities=[(count, "QUANTITY", {"counts": "dead", "min": 9, "max": None,
                                                            "approximate": True})])
    source = "de gouverneur"
    s = text.index("Volgens")
    doc.add("attributions", s, s + len("Volgens de gouverneur"), "ATTRIBUTION", cue="volgens",
            source_text=source, source_start=text.index(source), source_end=text.index(source) + len(source),
            claimant=None, verified=None, modality="reported", scope_start=s, scope_end=len(text))
    stage(doc)
    assert types(doc) == ["ASSAULT"]
    event = doc.events[0]
    assert event.fatalities["min"] == 9 and event.fatalities["max"] is None
    assert event.fatalities["text"] == count
    assert event.attribution["source"] == source
    assert event.modality == "reported"


def test_casualty_sentence_naming_another_town_is_its_own_event(stage):
    text = ("Het leger bestookte Charkiv met raketten. "
            "In Soemy werden minstens vier burgers gedood.")
    doc = make(text, "nl",
               quantities=[("minstens vier burgers", "QUANTITY", {"counts": "dead", "min": 4, "max": None})],
               places=[("Charkiv", "PLACE", {"name": "Kharkiv", "country": "UKR", "precision": "city"}),
                       ("Soemy", "PLACE", {"name": "Sumy", "country": "UKR", "precision": "city"})])
    stage(doc)
    assert types(doc) == ["ASSAULT", "ASSAULT"]
    assert doc.events[1].location["name"] == "Sumy"
    assert doc.events[1].fatalities["min"] == 4


def test_no_number_no_fatalities(stage):
    doc = make("Er vielen doden bij de beschietingen door het leger.", "nl",
               quantities=[("doden", "QUANTITY", {"counts": "dead", "min": None, "max": None})])
    stage(doc)
    assert doc.events[0].fatalities is None


def test_conservative_fatalities(stage):
    doc = make("Russian shelling killed between 5 and 8 people, officials said; others said 20 died.", "en",
               quantities=[("between 5 and 8 people", "QUANTITY", {"counts": "dead", "min": 5, "max": 8}),
                           ("20", "QUANTITY", {"counts": "dead", "min": 20, "max": 20})])
    stage(doc)
    assert doc.events[0].fatalities["min"] == 5


def test_modality_from_cues_and_negation(stage):
    text = "Rusland wil de stad omsingelen. Het leger heeft de stad niet aangevallen."
    doc = make(text, "nl")
    wil, niet = text.index("wil"), text.index("niet")
    doc.add("cues", wil, wil + 3, "INTENTION", cue="wil")
    doc.add("cues", niet, niet + 4, "NEGATION", cue="niet")
    stage(doc)
    assert [(e.modality, e.negated) for e in doc.events] == [("intended", False), ("asserted", True)]
    assert all(e.acled is None for e in doc.events)


def test_date_from_sentence_or_paragraph_never_document(stage):
    text = "Op dinsdag werd er gevochten bij Izjoem. Het leger beschoot daarna ook Balaklija.\nDe troepen bestookten Lyman."
    doc = make(text, "nl", dates=[("dinsdag", "DATE", {"start": "2022-06-07", "end": "2022-06-07",
                                                       "precision": "day"})])
    stage(doc)
    assert [e.date and e.date["text"] for e in doc.events] == ["dinsdag", "dinsdag", None]


def test_confidence_in_range(stage):
    doc = make("Russian forces shelled Kharkiv.", "en")
    stage(doc)
    assert 0 <= doc.events[0].confidence <= 1


def test_history_is_no_event(stage):
    from kroniek.document import PubDate
    text = "Tijdens de oorlog in 1944 werd de stad door het leger gebombardeerd. Het leger beschoot dinsdag de stad."
    doc = make(text, "nl", dates=[("1944", "DATE", {"start": "1944-01-01", "end": "1944-12-31", "precision": "year"})])
    doc.date = PubDate(2022, 6, 1)
    stage(doc)
    assert [e.trigger["text"] for e in doc.events] == ["beschoot"]


def test_riots_and_mob_violence(stage):
    doc = make("Rioters set cars on fire in the capital. A mob lynched two men accused of theft.", "en")
    stage(doc)
    subs = [e.acled and e.acled["sub_event_type"] for e in doc.events if e.type == "PROTEST"]
    assert subs == ["Violent demonstration", "Mob violence"]


def test_headings_skipped_unless_the_text_is_only_headings(stage):
    doc = Document(text="Luchtaanvallen op Kiev\n\nHet leger beschoot dinsdag de haven.", lang="nl")
    doc.add("sentences", 0, 22, "heading", paragraph=0)
    doc.add("sentences", 24, len(doc.text), "sentence", paragraph=1)
    stage(doc)
    assert [e.trigger["text"] for e in doc.events] == ["beschoot"]
    title = Document(text="Luchtaanvallen op Kiev", lang="nl")
    title.add("sentences", 0, 22, "heading", paragraph=0)
    stage(title)
    assert [e.trigger["text"] for e in title.events] == ["Luchtaanvallen"]


@pytest.mark.parametrize("text,expected", [
    ("Russische troepen vallen de stad opnieuw aan.", ["ASSAULT"]),
    ("Het Russische leger viel Oekraïne in februari binnen en bezette het zuiden.", ["ASSAULT"]),
    ("Kiev wees het voorstel van Moskou af.", ["REJECT"]),
    ("De prijzen vallen aan het eind van het jaar lager uit.", []),
])
def test_dutch_separable_verbs(stage, text, expected):
    doc = make(text, "nl")
    stage(doc)
    assert types(doc) == expected


# -- ACLED coding on realistic notes (full default pipeline) -----------------------
@pytest.fixture(scope="module")
def pipeline():
    from kroniek.pipeline import Pipeline
    return Pipeline.from_config()


def run(pipeline, text: str, lang: str = "en", date: str = "2022-06-10") -> list:
    from kroniek.document import PubDate
    doc = Document(text=text, lang=lang, date=PubDate.parse(date))
    doc.meta["lang_forced"] = True
    pipeline(doc)
    return doc.events


def acled_of(events, event_type: str | None = None) -> list[tuple[str, str]]:
    return [(e.acled["event_type"], e.acled["sub_event_type"]) for e in events
            if e.acled and (event_type is None or e.type == event_type)]


def test_gathering_is_a_protest_only_with_its_purpose(pipeline):
    events = run(pipeline, "On 14 March 2022, about two hundred nurses gathered outside the regional "
                           "hospital in Leeds (West Yorkshire), demanding better pay.")
    assert acled_of(events, "PROTEST") == [("Protests", "Peaceful protest")]
    assert events[0].date["start"] == "2022-03-14"
    assert run(pipeline, "On 14 March 2022, the family gathered in Leeds for a birthday dinner.") == []
    blocked = run(pipeline, "On 2 June 2022, farmers blocked the highway near Lima to demand lower fuel prices.")
    assert ("Protests", "Peaceful protest") in acled_of(blocked)


def test_fired_at_a_target_is_an_attack_fired_from_a_job_is_not(pipeline):
    events = run(pipeline, "On 3 April 2022, rebel forces fired rockets at army positions near Kalemie.")
    assert acled_of(events) == [("Explosions/Remote violence", "Shelling/artillery/missile attack")]
    assert run(pipeline, "The manager was fired last week after the company lost money.") == []


def test_protest_turning_violent_in_the_next_sentence_is_a_riot(pipeline):
    en = run(pipeline, "On 9 May 2022, hundreds of students demonstrated in Accra against higher fees. "
                       "They burned tyres and pelted stones at the police.")
    assert set(acled_of(en, "PROTEST")) == {("Riots", "Violent demonstration")}
    nl = run(pipeline, "Honderden studenten demonstreerden dinsdag in Santiago tegen hogere collegegelden. "
                       "Ze gooiden met stenen naar de politie en staken auto's in brand.", "nl")
    assert acled_of(nl, "PROTEST") == [("Riots", "Violent demonstration")]
    calm = run(pipeline, "On 2 May 2020, journalists held a protest in Karachi against the arrest of their "
                         "editor. He was arrested in connection with an accountability case.", date="2020-05-02")
    assert acled_of(calm, "PROTEST") == [("Protests", "Peaceful protest")]


def test_crowd_violence_is_mob_violence(pipeline):
    events = run(pipeline, "On 9 May 2022, an angry mob of villagers beat and killed a suspected thief in Kisumu.")
    assert ("Riots", "Mob violence") in acled_of(events)
    assert any(e.fatalities and e.fatalities["min"] == 1 for e in events)


def test_who_is_attacked_decides_battle_or_violence_against_civilians(pipeline):
    civilians = run(pipeline, "On 2 June 2022, two gunmen shot and killed a shopkeeper in Kano.")
    assert acled_of(civilians) == [("Violence against civilians", "Attack")]
    assert civilians[0].fatalities["min"] == 1  # the two gunmen are the attackers, not the dead
    police = run(pipeline, "On 2 June 2022, gunmen attacked a police patrol near Kano, killing three officers.")
    assert acled_of(police) == [("Battles", "Armed clash")]
    assert police[0].fatalities["min"] == 3


def test_a_recent_date_outweighs_an_anniversary(pipeline):
    events = run(pipeline, "On 8 May 2022, about 250 people demonstrated in Dortmund against fascism on the "
                           "anniversary of 8 May 1945.")
    assert [e.type for e in events] == ["PROTEST"]


def test_cues_after_the_verb_belong_to_its_object(pipeline):
    events = run(pipeline, "On 2 June 2022, residents protested in Idlib demanding the return of the displaced "
                           "without the regime.")
    assert [(e.type, e.negated, e.modality) for e in events] == [("PROTEST", False, "asserted")]
    planned = run(pipeline, "On 4 May 2022, miners held a protest in Kuhbanan against plans to privatize the mine.")
    assert acled_of(planned) == [("Protests", "Peaceful protest")]


def test_victims_named_in_the_next_sentence_are_the_same_event(pipeline):
    events = run(pipeline, "On 16 June 2022, a drug trafficker exchanged fire with military police forces in "
                           "Macapa. The drug trafficker was killed. 1 fatality.")
    assaults = [e for e in events if e.type == "ASSAULT"]
    assert len(assaults) == 1
    assert assaults[0].acled["event_type"] == "Battles"
    assert assaults[0].fatalities["min"] == 1


def test_conjoined_casualty_figures_add_up(pipeline):
    events = run(pipeline, "On 13 June 2022, rival gangs exchanged fire in Sao Goncalo. One civilian and two "
                           "gang members were killed.")
    assaults = [e for e in events if e.type == "ASSAULT"]
    assert assaults and assaults[0].fatalities["min"] == 3
    assert assaults[0].fatalities["text"].startswith("One civilian")


def test_of_several_dates_the_day_of_the_event(pipeline):
    events = run(pipeline, "On 24 February 2022, relatives of a woman killed in 2019 gathered outside the court "
                           "in Lomas de Zamora to demand justice.")
    assert [(e.type, e.date["start"]) for e in events if e.type == "PROTEST"] == [("PROTEST", "2022-02-24")]


def test_dutch_gathering_with_a_purpose_is_a_protest(pipeline):
    events = run(pipeline, "Honderden boeren verzamelden zich zaterdag in Den Haag om te protesteren tegen "
                           "het stikstofbeleid.", "nl")
    assert ("Protests", "Peaceful protest") in acled_of(events, "PROTEST")
    assert run(pipeline, "De familie verzamelde zich zaterdag in Utrecht voor een verjaardagsfeest.", "nl") == []


def test_casualties_reported_absent_are_zero_not_unknown(pipeline):
    events = run(pipeline, "On 9 May 2022, unidentified gunmen fired at fish traders near Dangha. "
                           "There were no casualties.")
    assert [(e.type, e.fatalities["min"], e.injured["min"]) for e in events] == [("ASSAULT", 0, 0)]
    unknown = run(pipeline, "On 9 May 2022, unidentified gunmen fired at fish traders near Dangha.")
    assert [(e.type, e.fatalities) for e in unknown] == [("ASSAULT", None)]


def test_a_singular_victim_is_one_dead(pipeline):
    en = run(pipeline, "On 16 June 2022, a drug trafficker exchanged fire with military police forces in "
                       "Macapa. The drug trafficker was killed.")
    assert [(e.type, e.fatalities["min"]) for e in en if e.type == "ASSAULT"] == [("ASSAULT", 1)]
    nl = run(pipeline, "Het Russische leger beschoot dinsdag de stad Charkiv. Een burger werd gedood.", "nl")
    assert [(e.type, e.fatalities["min"]) for e in nl if e.type == "ASSAULT"] == [("ASSAULT", 1)]
    several = run(pipeline, "On 16 June 2022, gunmen attacked the village of Kuru. Several people were killed.")
    assert all(e.fatalities is None for e in several)


def test_arrests_by_an_armed_group_are_abductions(pipeline):
    rebels = run(pipeline, "On 8 June 2022, rebels detained three villagers near Beni.")
    assert ("Violence against civilians", "Abduction/forced disappearance") in acled_of(rebels, "COERCE")
    police = run(pipeline, "On 8 June 2022, riot police detained three protesters near Beni.")
    assert ("Strategic developments", "Arrests") in acled_of(police, "COERCE")
    body = run(pipeline, "On 8 June 2022, the body of a man was found in Manaus with signs of torture.")
    assert "AGREE" not in [e.type for e in body]


# -- event semantics: purpose, weapons heard, exchanges of fire, fronted demands ------
def test_a_purpose_after_a_bracketed_place_still_makes_a_protest(pipeline):
    en = run(pipeline, "On 1 April 2022, health workers gathered outside the Health Department in Conte di "
                       "Ruvo Street in Pescara (Pescara, Abruzzo) to demand the stabilization of their contracts.")
    assert ("Protests", "Peaceful protest") in acled_of(en, "PROTEST")
    nl = run(pipeline, "Honderden verpleegkundigen verzamelden zich dinsdag bij het stadhuis van Pescara "
                       "(Abruzzen, Italië) om te protesteren tegen de lage lonen.", "nl")
    assert ("Protests", "Peaceful protest") in acled_of(nl, "PROTEST")


def test_several_explosions_are_shelling_a_single_blast_a_device(pipeline):
    many = run(pipeline, "On 9 May 2022, monitors observed a total of 6 explosions near Lozove, on the front line.")
    assert acled_of(many) == [("Explosions/Remote violence", "Shelling/artillery/missile attack")]
    one = run(pipeline, "On 9 May 2022, an explosion went off at a checkpoint of the army in Mogadishu.")
    assert acled_of(one) == [("Explosions/Remote violence", "Remote explosive/landmine/IED")]
    nl = run(pipeline, "Dinsdagnacht waren in Kiev opnieuw explosies te horen, meldt het Oekraïense leger.", "nl")
    assert acled_of(nl) == [("Explosions/Remote violence", "Shelling/artillery/missile attack")]
    bomb = run(pipeline, "On 9 May 2022, two explosions from roadside bombs hit an army convoy near Gao.")
    assert acled_of(bomb, "ASSAULT") == [("Explosions/Remote violence", "Remote explosive/landmine/IED")]


def test_an_exchange_of_fire_is_a_clash_a_penalty_shootout_is_not(pipeline):
    en = run(pipeline, "On 5 May 2022, a shoot-out was reported in the Rocha neighbourhood of Sao Goncalo.")
    assert acled_of(en) == [("Battles", "Armed clash")]
    assert run(pipeline, "On 5 May 2022, Benfica won the cup final after a penalty shootout in Lisbon.") == []
    nl = run(pipeline, "Bij een vuurgevecht in de wijk Rocha van Sao Goncalo raakte dinsdag een man gewond.", "nl")
    assert ("Battles", "Armed clash") in acled_of(nl)


def test_a_company_named_tires_does_not_make_a_riot(pipeline):
    calm = run(pipeline, "On 10 April 2022, workers employed by Kian Tires protested in front of the Presidential "
                         "Palace in Tehran demanding ownership of the factory.")
    assert acled_of(calm, "PROTEST") == [("Protests", "Peaceful protest")]
    riot = run(pipeline, "On 27 May 2022, demonstrators blocked the highway in Miniyeh with cars and burning "
                         "rubber tires in protest against the demolition of a building.")
    assert ("Riots", "Violent demonstration") in acled_of(riot, "PROTEST")
    nl = run(pipeline, "Honderden boeren demonstreerden dinsdag in Den Haag met brandende banden op de snelweg "
                       "tegen het stikstofbeleid.", "nl")
    assert ("Riots", "Violent demonstration") in acled_of(nl, "PROTEST")


def test_a_curfew_and_a_military_patrol_are_strategic_developments(pipeline):
    en = run(pipeline, "On 31 May 2022, the government extended a dusk-to-dawn curfew in Marsabit after a spate "
                       "of attacks by armed bandits.")
    assert ("Strategic developments", "Change to group/activity") in acled_of(en, "COERCE")
    patrol = run(pipeline, "On 31 March 2022, a Russian military patrol took place near the Al-Bukamal crossing.")
    assert acled_of(patrol, "MOBILIZE") == [("Strategic developments", "Change to group/activity")]
    nl = run(pipeline, "Het leger stelde dinsdag een avondklok in in Marsabit na aanvallen van gewapende bendes.",
             "nl")
    assert ("Strategic developments", "Change to group/activity") in acled_of(nl, "COERCE")
    nl_patrol = run(pipeline, "Een Russische militaire patrouille reed dinsdag langs de grens bij Al-Bukamal.", "nl")
    assert acled_of(nl_patrol, "MOBILIZE") == [("Strategic developments", "Change to group/activity")]


def test_what_a_clause_final_demand_names_is_no_event(pipeline):
    nl = run(pipeline, "Een Oekraïense onderhandelaar zei dat Kiev een onmiddellijk staakt-het-vuren en de "
                       "terugtrekking van alle Russische troepen eist. Het Kremlin wees die eis af.", "nl",
             date="2022-03-02")
    assert [e.type for e in nl] == ["REQUEST", "REJECT"]
    assert {a["country"] for a in nl[0].actors if a["role"] == "actor"} == {"UKR"}
    en = run(pipeline, "Ukraine's negotiator said Kyiv demanded an immediate ceasefire and the withdrawal of "
                       "all Russian troops.", date="2022-03-02")
    assert [e.type for e in en] == ["REQUEST"]


def test_mob_justice_is_mob_violence(pipeline):
    en = run(pipeline, "On 14 June 2022, residents of 7 de Enero street in Tumbes captured and beat up a robber.")
    assert ("Riots", "Mob violence") in acled_of(en, "ASSAULT")
    nl = run(pipeline, "In het dorp Kisumu hebben bewoners dinsdag twee vermeende dieven gelyncht.", "nl")
    assert ("Riots", "Mob violence") in acled_of(nl)

# -- casualties told after the event ---------------------------------------------------
@pytest.mark.parametrize("text, lang", [
    ("Bij Russische beschietingen van Charkiv zijn dinsdag zeker negen burgers om het leven gekomen. "
     "Dat meldden de lokale autoriteiten woensdag. Volgens het regionale bestuur raakten raketten het "
     "regeringsgebouw. Zeker 37 mensen raakten gewond.", "nl"),
    ("On 1 March 2022, Russian forces shelled Kharkiv, killing at least nine civilians. Officials said so on "
     "Wednesday. The regional government said missiles hit the administration building. At least 37 people "
     "were wounded.", "en"),
])
def test_the_injured_three_sentences_later_join_the_shelling(pipeline, text, lang):
    events = run(pipeline, text, lang, "2022-03-02")
    assert [(e.type, e.fatalities["min"], e.injured["min"]) for e in events if e.type == "ASSAULT"] == [
        ("ASSAULT", 9, 37)]


@pytest.mark.parametrize("text, lang, dead", [
    ("On 28 March 2022, military and police forces exchanged fire with TTP militants at Sherikhel. "
     "Four militants were killed in the encounter, and one was arrested.", "en", 4),
    ("Russische troepen beschoten dinsdag de stad Charkiv. Drie soldaten sneuvelden en twee mannen werden "
     "gearresteerd.", "nl", 3),
])
def test_victims_beside_an_arrest_are_the_clash_outcome(pipeline, text, lang, dead):
    events = run(pipeline, text, lang)
    assert [(e.type, (e.fatalities or {}).get("min")) for e in events if e.type == "ASSAULT"] == [("ASSAULT", dead)]
    assert "COERCE" in [e.type for e in events]


@pytest.mark.parametrize("text, lang, dead", [
    # a later toll sums up the victims counted one by one before it
    ("On 18 April 2022, in Tijuana, a man was killed and his body was found in Colonia Aleman. Also, another "
     "person was killed in Colonia Aleman. 2 fatalities.", "en", 2),
    ("Het Russische leger beschoot dinsdag Charkiv. Een man werd gedood. Ook een vrouw kwam om het leven. "
     "Twee doden.", "nl", 2),
    # a later figure of other victims (the other side's claim) replaces nothing
    ("On 12 May 2022, fighting broke out between Armenian and Azerbaijani forces. At least 49 Armenian soldiers "
     "were killed. Azerbaijan reported 50 dead.", "en", 49),
    ("Bij gevechten aan de grens zijn zeker 49 Armeense militairen om het leven gekomen. "
     "Azerbeidzjan meldde 50 doden.", "nl", 49),
    # a part of the dead ('including two children') is not the toll
    ("On 2 March 2022, Russian air forces bombed the village of Yakovlivka. Four civilians were killed, "
     "including two children, 11 were wounded.", "en", 4),
    ("Het Russische leger bombardeerde dinsdag het dorp Jakovlivka. Vier burgers werden gedood, onder wie twee "
     "kinderen.", "nl", 4),
    # a later existential toll states the total, unless it counts others
    ("On 30 March 2022, two armed individuals exchanged fire with military police forces in Venturosa. The "
     "suspects had just killed a man. There were no fatalities.", "en", 0),
    ("Separatisten beschoten maandag het dorp Kamjanka. Eerder was daar een man gedood. Er vielen geen doden.",
     "nl", 0),
    ("On 17 April 2022, Iraqi warplanes conducted three airstrikes on an IS detachment near Jalawla. IS sustained "
     "4 fatalities. There were no other casualties.", "en", 4),
    ("Separatisten beschoten maandag het dorp Kamjanka. Er vielen vier doden. Er vielen geen andere slachtoffers.",
     "nl", 4),
    # victims of several groups add up
    ("On 10 June 2022, security forces clashed with police forces in Bosaso. Two police officers and a civilian "
     "were killed.", "en", 3),
    ("On 30 June 2022, ISWAP fighters attacked a camp of Boko Haram militants in Gazuwa. 18 ISWAP and 3 Boko Haram "
     "fighters were killed.", "en", 21),
    ("Separatisten beschoten maandag het dorp Kamjanka. Drie politieagenten en een burger kwamen om het leven.",
     "nl", 4),
    ("On 16 June 2022, Russian forces clashed with Ukrainian forces in Donetsk. 30 Ukrainian servicemen were "
     "killed. Additionally, 4 DNR servicemen were killed.", "en", 34),
    ("Separatisten beschoten maandag het dorp Kamjanka. Drie burgers kwamen om het leven. Daarnaast werden twee "
     "soldaten gedood.", "nl", 5),
])
def test_the_toll_of_an_attack_told_over_several_sentences(pipeline, text, lang, dead):
    """Tolls, parts, other sides' claims and further victims in the sentences after an attack."""
    events = run(pipeline, text, lang)
    assert [e.fatalities["min"] for e in events if e.type == "ASSAULT"] == [dead]


@pytest.mark.parametrize("text, lang", [
    ("On 9 May 2022, thousands of students protested against the government in Colombo. Police fired tear gas "
     "at the crowd. One demonstrator died.", "en"),
    ("Duizenden betogers protesteerden zaterdag in Teheran tegen de regering. De politie zette traangas in. "
     "Een demonstrant kwam om het leven.", "nl"),
])
def test_a_demonstrator_killed_after_a_protest_is_its_outcome(pipeline, text, lang):
    events = run(pipeline, text, lang)
    assert [(e.type, e.fatalities["min"]) for e in events if e.fatalities] == [("PROTEST", 1)]


@pytest.mark.parametrize("text, lang", [
    ("On 24 March 2022, a mob burnt a commercial motorcycle in Dei-Dei. The motorcycle was involved in an "
     "accident that led to the death of one person.", "en"),
    ("Op 24 maart staken betogers in Dei-Dei een motor in brand. De motor was betrokken bij een ongeluk dat "
     "leidde tot de dood van een voetganger.", "nl"),
])
def test_a_death_that_caused_a_protest_is_not_its_outcome(pipeline, text, lang):
    assert all(e.fatalities is None for e in run(pipeline, text, lang))



def test_violence_in_a_protests_cause_is_not_its_course(pipeline):
    cause = run(pipeline, "On 8 April 2022, party members staged a protest in Ulhasnagar against the stone "
                          "pelting at the house of their leader.")
    assert acled_of(cause, "PROTEST") == [("Protests", "Peaceful protest")]
    course = run(pipeline, "On 8 April 2022, party members staged a protest in Ulhasnagar and pelted stones at "
                           "the house of the mayor.")
    assert ("Riots", "Violent demonstration") in acled_of(course, "PROTEST")
    nl = run(pipeline, "Honderden inwoners demonstreerden dinsdag in Ulhasnagar tegen de rellen van vorige "
                       "week.", "nl")
    assert acled_of(nl, "PROTEST") == [("Protests", "Peaceful protest")]


def test_fire_exchanged_between_two_sides_is_a_battle(pipeline):
    en = run(pipeline, "On 30 January 2022, Houthi forces and pro-Hadi forces exchanged artillery shelling on "
                       "the Najd Al Hajla front north of Harib.")
    assert ("Battles", "Armed clash") in acled_of(en, "ASSAULT")
    one_sided = run(pipeline, "On 30 January 2022, Houthi forces shelled villages north of Harib.")
    assert acled_of(one_sided) == [("Explosions/Remote violence", "Shelling/artillery/missile attack")]
    nl = run(pipeline, "Russische en Oekraïense troepen bestookten elkaar dinsdag met artillerie bij Izjoem.", "nl")
    assert ("Battles", "Armed clash") in acled_of(nl, "ASSAULT")


def test_the_purpose_may_follow_in_the_next_sentence(pipeline):
    en = run(pipeline, "On 14 March 2022, students blocked the access to high schools in Ajaccio. They "
                       "denounced the attack on a Corsican militant in prison.")
    assert ("Protests", "Peaceful protest") in acled_of(en, "PROTEST")
    assert run(pipeline, "On 14 March 2022, a fallen tree blocked the access to the port of Ajaccio. "
                         "It was removed in the afternoon.") == []
    nl = run(pipeline, "Honderden boeren blokkeerden dinsdag de toegang tot het distributiecentrum in Zwolle. "
                       "Zij eisten hogere prijzen voor hun producten.", "nl")
    assert ("Protests", "Peaceful protest") in acled_of(nl, "PROTEST")


@pytest.mark.parametrize("text, lang, dead", [
    ("On 20 January 2022, military police officers were attacked by armed suspects in Mangueirinha. Two suspects "
     "were shot and killed. Police seized a rifle.", "en", 2),
    ("On 14 January 2022, an armed clash between rival gangs was reported near Doctor Coss. Three people were "
     "killed and five vehicles were set on fire.", "en", 3),
    ("Separatisten vielen maandag het dorp Kamjanka aan. Twee soldaten werden beschoten en gedood.", "nl", 2),
])
def test_victims_named_first_are_the_outcome_of_the_attack_before(pipeline, text, lang, dead):
    events = run(pipeline, text, lang)
    assaults = [e for e in events if e.type == "ASSAULT"]
    assert len(assaults) == 1 and assaults[0].fatalities["min"] == dead


def test_a_negated_attack_takes_no_casualties(pipeline):
    events = run(pipeline, "On 22 May 2022, in Mossoro, a man was dragged out of his house by four armed "
                           "individuals, shot, and killed. There are no reports on the attack motivation. "
                           "1 fatality.")
    assert [(e.type, e.fatalities["min"]) for e in events if e.fatalities] == [("ASSAULT", 1)]
    assert not any(e.negated and e.fatalities for e in events)


@pytest.mark.parametrize("text, lang, dead", [
    ("On 6 March 2022, a mob killed two suspected kidnappers in Ampang.", "en", 2),
    ("On 2 January 2022, a mob burnt two vehicles in Asara after four persons died in an accident.", "en", None),
    ("Een woedende menigte stak zaterdag in Ampang twee auto's in brand nadat vier mensen bij een ongeluk waren "
     "omgekomen.", "nl", None),
])
def test_a_riot_counts_its_victims_not_those_that_caused_it(pipeline, text, lang, dead):
    riots = [e for e in run(pipeline, text, lang) if e.type == "PROTEST"]
    assert riots and riots[0].acled["event_type"] == "Riots"
    assert (riots[0].fatalities or {}).get("min") == dead


@pytest.mark.parametrize("text, lang, injured", [
    ("Het leger meldt dat er in de Donbas per dag 100 Oekraïense militairen omkomen en 500 gewond raken door "
     "Russische beschietingen.", "nl", 500),
    ("On 26 March 2022, the military clashed with PDF forces near Koke Ko Su for 30 minutes and 5 soldiers were "
     "injured.", "en", 5),
])
def test_figures_joined_across_a_verb_or_of_time_do_not_add_up(pipeline, text, lang, injured):
    events = run(pipeline, text, lang)
    assert [e.injured["min"] for e in events if e.type == "ASSAULT"] == [injured]


@pytest.mark.parametrize("text, lang, dead", [
    ("On 31 May 2022, unidentified gunmen attacked the prayer leader of Gawardaz village killing him as a "
     "result.", "en", 1),
    ("On 7 March 2022, armed individuals attacked and killed the traditional ruler of Olowe Gbagura at his "
     "residence in Gbagura.", "en", 1),
    ("Separatisten vielen maandag het dorp Kamjanka aan en doodden de commandant van de eenheid.", "nl", 1),
    ("On 8 March 2022, soldiers attacked and killed the rebels in Gbagura.", "en", None),
    ("On 8 March 2022, gunmen attacked the village and killed the police in Gbagura.", "en", None),
    ("Separatisten vielen maandag het dorp Kamjanka aan en doodden de soldaten.", "nl", None),
])
def test_a_killing_verbs_singular_object_is_one_dead(pipeline, text, lang, dead):
    events = run(pipeline, text, lang)
    assert [(e.fatalities or {}).get("min") for e in events if e.type == "ASSAULT"] == [dead]


# -- headline and lead vocabulary (EventDNA-style Flemish news and its English counterpart) --
CHEMICAL = {"event_type": "Explosions/Remote violence", "sub_event_type": "Chemical weapon"}


@pytest.mark.parametrize("text, lang", [
    ("Het was de ergste gifgasaanval van de Syrische burgeroorlog.", "nl"),
    ("It was the worst chemical attack of the Syrian civil war.", "en"),
])
def test_chemical_attack_is_assault_with_chemical_weapon(stage, text, lang):
    doc = make(text, lang)
    stage(doc)
    assert [(e.type, e.acled) for e in doc.events] == [("ASSAULT", CHEMICAL)]


@pytest.mark.parametrize("text, lang, expected", [
    ("Londen houdt Moskou verantwoordelijk voor de vergiftiging van een gewezen Russische spion.", "nl",
     ["ASSAULT"]),
    ("London holds Moscow responsible for the poisoning of a former Russian spy.", "en", ["ASSAULT"]),
    # poison and knives without a conflict or political setting are crime or accidents
    ("Een gezin uit Gent werd opgenomen na een vergiftiging door wilde paddenstoelen.", "nl", []),
    ("A family from Leeds was taken to hospital after a poisoning by wild mushrooms.", "en", []),
    ("Na een steekpartij in een café in Hasselt werd een man opgepakt.", "nl", []),
    ("A man was arrested after a stabbing in a pub in Leeds.", "en", []),
])
def test_poisoning_and_stabbing_need_conflict_context(stage, text, lang, expected):
    doc = make(text, lang)
    stage(doc)
    assert [e.type for e in doc.events if e.type in ("ASSAULT", "COERCE")] == expected


@pytest.mark.parametrize("text, lang, mode", [
    ("De navo-top in Brussel begint woensdag.", "nl", "multilateral"),
    ("Noord-Korea annuleert het topoverleg met Zuid-Korea.", "nl", None),
    ("Eerder besloot Noord-Korea al een topontmoeting met Zuid-Korea te annuleren.", "nl", None),
    ("The NATO summit in Brussels opens on Wednesday.", "en", None),
    ("Minister Peeters zei na een vergadering van de regering dat de begroting klaar is.", "nl",
     None),
    ("De VS willen Noord-Korea opnieuw rond de tafel krijgen.", "nl", None),
    ("Het land hield in mei een donorconferentie in Brussel.", "nl", None),
    ("The country held a donor conference in Brussels in May.", "en", None),
])
def test_summits_are_consult(stage, text, lang, mode):
    doc = make(text, lang)
    stage(doc)
    assert [(e.type, e.mode) for e in doc.events] == [("CONSULT", mode)]


@pytest.mark.parametrize("text, lang", [
    ("De onderhandelaars van beide partijen hebben tot in de vroege uurtjes vergaderd.", "nl"),
    ("The negotiators of both parties met until the early hours.", "en"),
])
def test_early_hours_are_no_request(stage, text, lang):
    assert typed(stage, text, lang) == ["CONSULT"]


@pytest.mark.parametrize("text, lang", [
    ("De etnische zuivering van de Rohingya in Myanmar duurt voort.", "nl"),
    ("The ethnic cleansing of the Rohingya in Myanmar continues.", "en"),
    ("Het leger meldt dat een soldaat die gisteren drie burgers neerschoot, is opgepakt.", "nl"),
    ("Een kolonist stak bij de checkpoint een Palestijnse jongen neer, meldt het leger.", "nl"),
    ("A settler stabbed a Palestinian boy at the checkpoint, the army said.", "en"),
])
def test_one_sided_violence_words_are_assault(stage, text, lang):
    assert "ASSAULT" in typed(stage, text, lang)


def test_stabbing_verb_without_conflict_context_is_no_event(stage):
    doc = make("Een man stak zaterdagavond in een café in Hasselt een klant neer.", "nl")
    stage(doc)
    assert "ASSAULT" not in types(doc)


# -- recall: weapons launched or dropped, armed actors in a market, territory, reinforcements --
@pytest.mark.parametrize("text, lang, mode", [
    ("On 20 March 2022, Russian military forces launched 'Grad' missiles which hit residential "
     "buildings in the suburbs of Sumy.", "en", "heavy-weapons"),
    ("Russische troepen lanceerden dinsdag raketten op woonwijken in Soemy.", "nl", "heavy-weapons"),
    ("On 22 January 2022, Russian warplanes dropped incendiary bombs on villages in Idleb.", "en",
     "aerial"),
    ("Gevechtsvliegtuigen van het Syrische leger wierpen vatbommen af op dorpen in Idlib.", "nl",
     "aerial"),
])
def test_weapons_launched_or_dropped_are_assault(stage, text, lang, mode):
    doc = make(text, lang)
    stage(doc)
    assert [(e.type, e.mode) for e in doc.events] == [("ASSAULT", mode)]


@pytest.mark.parametrize("text, lang", [
    ("The company launched a new phone and dropped its prices.", "en"),
    ("Het bedrijf lanceerde een nieuwe telefoon en wierp alle kritiek van zich af.", "nl"),
])
def test_launched_or_dropped_without_weapon_is_no_event(stage, text, lang):
    assert typed(stage, text, lang) == []


@pytest.mark.parametrize("text, lang", [
    ("On 17 February 2022, a soldier of the army shot and killed a trader in the market of Aweil.", "en"),
    ("Soldaten van het leger hebben dinsdag een handelaar doodgeschoten bij de beurs van Goma.", "nl"),
])
def test_armed_actor_violence_survives_a_market_or_game_word(pipeline, text, lang):
    assert "ASSAULT" in [e.type for e in run(pipeline, text, lang)]


@pytest.mark.parametrize("text, lang", [
    ("The striker shot and scored twice in the market town derby.", "en"),
    ("De spits schoot de bal in het doel tijdens de wedstrijd tegen Ajax.", "nl"),
])
def test_sport_violence_words_without_armed_actor_stay_out(pipeline, text, lang):
    assert [e.type for e in run(pipeline, text, lang) if e.type in ("ASSAULT", "COERCE")] == []


@pytest.mark.parametrize("text, lang, expected", [
    ("On 21 June 2022, M23 fighters overtook Tanda near Shangi.", "en", "ASSAULT"),
    ("De rebellen van M23 namen de controle over de stad Bunagana.", "nl", "ASSAULT"),
    ("On 7 June 2022, the regime forces sent reinforcement of fifty military vehicles to their bases "
     "near Menagh.", "en", "MOBILIZE"),
    ("Het leger stuurde versterkingen naar de grens met Oekraïne.", "nl", "MOBILIZE"),
    ("On 19 March 2022, Russian helicopter fire destroyed the village of Pryvar.", "en", "ASSAULT"),
])
def test_territory_reinforcements_and_helicopter_fire(stage, text, lang, expected):
    assert expected in typed(stage, text, lang)


def test_rival_drug_trafficking_groups_clash_is_assault(stage):
    doc = make("On 20 February 2022, members of rival drug trafficking groups clashed inside a prison "
               "in Salvador.", "en")
    stage(doc)
    assert types(doc) == ["ASSAULT"]


@pytest.mark.parametrize("text, lang", [
    ("De aanvaller schoot de bal hard in het doel tijdens de wedstrijd tegen Ajax.", "nl"),
    ("The attacker shot the ball hard into the goal during the match against Ajax.", "en"),
])
def test_a_sport_attacker_is_no_armed_actor_against_the_game(pipeline, text, lang):
    assert [e.type for e in run(pipeline, text, lang) if e.type in ("ASSAULT", "COERCE")] == []


@pytest.mark.parametrize("text, lang", [
    ("Around 23 February 2022, residents beat to death a suspected thief in Omoting village.", "en"),
    ("Dorpelingen sloegen zaterdag in Kampala een vermeende dief dood.", "nl"),
    ("Een vermeende dief werd door buurtbewoners doodgeslagen.", "nl"),
])
def test_mob_justice_against_a_suspected_thief_is_violence(stage, text, lang):
    assert "ASSAULT" in typed(stage, text, lang)


@pytest.mark.parametrize("text, lang", [
    ("A man beat his neighbour to death in Leeds on Saturday night.", "en"),
    ("Een man sloeg zaterdagavond in Tilburg zijn buurman dood.", "nl"),
])
def test_a_domestic_killing_stays_out(stage, text, lang):
    assert "ASSAULT" not in typed(stage, text, lang)


@pytest.mark.parametrize("text, lang", [
    ("On 5 February 2022, monitors observed 25 bursts of fire involving small arms near Avdiivka.", "en"),
    ("Bij de frontlinie bij Avdiivka werden dinsdag tientallen geweersalvo's gehoord.", "nl"),
])
def test_bursts_of_fire_at_the_front_are_armed_clash(stage, text, lang):
    doc = make(text, lang)
    stage(doc)
    assert [(e.type, e.mode) for e in doc.events] == [("ASSAULT", "firearms")]


@pytest.mark.parametrize("text, lang, expected", [
    ("On 8 January 2022, monitors observed a total of 16 projectiles near the frontline at Avdiivka.", "en",
     ["ASSAULT"]),
    ("De waarnemers telden dinsdag zestien projectielen bij de frontlinie nabij Avdiivka.", "nl", ["ASSAULT"]),
    # thrown projectiles are the protest's violence, not a bombardment
    ("Protesters threw projectiles at the riot police in Paris.", "en", ["PROTEST"]),
    ("Demonstranten gooiden projectielen naar de oproerpolitie in Parijs.", "nl", ["PROTEST"]),
])
def test_projectiles_landing_are_shelling_thrown_ones_a_riot(stage, text, lang, expected):
    assert typed(stage, text, lang) == expected


@pytest.mark.parametrize("text, lang", [
    ("Dorpelingen sloegen zaterdag een vermeende dief dood in Kampala.", "nl"),
    ("Soldaten schoten dinsdag een handelaar dood op de markt van Goma.", "nl"),
    ("Residents beat a suspected thief to death in Gulu on Saturday.", "en"),
    ("Soldiers were beating a suspected thief to death near the bus station of Goma.", "en"),
])
def test_separable_verb_with_a_place_after_its_particle(stage, text, lang):
    assert "ASSAULT" in typed(stage, text, lang)


@pytest.mark.parametrize("text, lang", [
    ("Een man sloeg zaterdagavond zijn buurman dood in Tilburg.", "nl"),
    ("De prijzen vallen aan het eind van het jaar lager uit in de winkels.", "nl"),
    ("A man beat his neighbour to death in Leeds on Saturday night.", "en"),
])
def test_separable_verb_without_conflict_context_stays_out(stage, text, lang):
    assert "ASSAULT" not in typed(stage, text, lang)


@pytest.mark.parametrize("text, lang", [
    ("On 28 January 2022, in Insein township, the head of 100 households was shot dead by an unknown "
     "motorcyclist while walking on Yadanar Road.", "en"),
    ("Unidentified individuals killed two women by slitting their throats in the town of Douentza.", "en"),
    ("In Mandalay werd dinsdag een dorpshoofd doodgeschoten door een onbekende motorrijder.", "nl"),
    ("Ongeïdentificeerde mannen schoten woensdag een dorpshoofd dood bij Douentza.", "nl"),
])
def test_killing_by_an_unknown_perpetrator_is_violence(stage, text, lang):
    assert "ASSAULT" in typed(stage, text, lang)


@pytest.mark.parametrize("text, lang", [
    ("Een man werd zaterdag in Rotterdam doodgeschoten; de politie zoekt onbekende daders.", "nl"),
    ("An unknown number of visitors was shot at with water pistols during the festival in Leeds.", "en"),
])
def test_unknown_perpetrators_of_ordinary_crime_stay_out(stage, text, lang):
    assert "ASSAULT" not in typed(stage, text, lang)


@pytest.mark.parametrize("text, lang", [
    ("On 29 June 2022, in Pirque, transport drivers clashed with slingshots and firecrackers over "
     "the control of the bus routes.", "en"),
    ("Taxichauffeurs vochten zondag in Pirque met katapulten en kapmessen om de controle over de buslijnen.",
     "nl"),
])
def test_clash_with_weapons_named_is_violence(stage, text, lang):
    assert "ASSAULT" in typed(stage, text, lang)


@pytest.mark.parametrize("text, lang", [
    ("Around 29 April 2022, refugees attacked more than 15 other refugees in Kakuma Refugee Camp.", "en"),
    ("Vluchtelingen vielen dinsdag vijftien andere vluchtelingen aan in het vluchtelingenkamp Kakuma.", "nl"),
    ("On 22 February 2022, members of the Al Hubayshi tribe clashed near a school over land ownership.",
     "en"),
    ("Stamleden vochten dinsdag bij een school in Qaatabah om grondbezit.", "nl"),
])
def test_violence_in_a_refugee_camp_or_between_tribe_members(stage, text, lang):
    doc = make(text, lang)
    stage(doc)
    assert "ASSAULT" in types(doc)
