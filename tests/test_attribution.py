"""The attribution stage: who says so, its scope, claimant, modality and verification."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kroniek.document import Document, Span
from kroniek.readers import read_text
from kroniek.stages.attribution import AttributionStage
from kroniek.stages.sentences import SentenceStage

SEED = Path("/work/shared/seed/000_de858485ae5ef44c.txt")


@pytest.fixture(scope="module")
def stages() -> tuple[SentenceStage, AttributionStage]:
    return SentenceStage(), AttributionStage()


def run(stages: tuple[SentenceStage, AttributionStage], text: str, lang: str,
        actors: list[tuple[str, dict[str, Any]]] = ()) -> Document:
    """Split ``text`` into sentences, add hand-made ACTOR spans, run the attribution stage."""
    doc = Document(text=text, lang=lang)
    stages[0](doc)
    for words, attrs in actors:
        start = text.index(words)
        doc.add("actors", start, start + len(words), "ACTOR", **attrs)
    stages[1](doc)
    return doc


def by_cue(doc: Document, cue: str) -> Span:
    found = [a for a in doc.layer("attributions") if a.attrs["cue"] == cue]
    assert len(found) == 1, [(a.attrs["cue"], a.attrs["source_text"]) for a in doc.layer("attributions")]
    return found[0]


def scope(doc: Document, span: Span) -> str:
    return doc.text[span.attrs["scope_start"]:span.attrs["scope_end"]]


def source(doc: Document, span: Span) -> str:
    text = doc.text[span.attrs["source_start"]:span.attrs["source_end"]]
    assert text == span.attrs["source_text"]
    return text


# -- Dutch ---------------------------------------------------------------------------

def test_volgens_covers_its_sentence_only(stages):
    text = ("De stad Dnipro werd dinsdagochtend opnieuw beschoten. Bij een raketaanval op een flatgebouw "
            "zijn volgens het Oekraïense leger zeker zes burgers omgekomen. De brandweer zocht tot de avond "
            "naar overlevenden.")
    doc = run(stages, text, "nl")
    span = by_cue(doc, "volgens")
    assert source(doc, span) == "het Oekraïense leger"
    assert span.attrs["modality"] == "reported"
    assert span.attrs["verified"] is None
    assert scope(doc, span).startswith("Bij een raketaanval") and scope(doc, span).endswith("omgekomen.")
    assert len(doc.layer("attributions")) == 1


def test_source_before_and_after_the_verb(stages):
    text = ("Poetin zei maandag dat de operatie volgens plan verloopt. Op een persconferentie in Lviv zei de "
            "burgemeester dat er geen stroom meer is. Een woordvoerder van de NAVO liet dinsdag weten dat het "
            "bondgenootschap extra troepen naar Roemenië stuurt.")
    doc = run(stages, text, "nl")
    assert [source(doc, a) for a in doc.layer("attributions")] == [
        "Poetin", "de burgemeester", "Een woordvoerder van de NAVO"]


def test_subject_first_beats_object_and_split_verbs_hold_their_source(stages):
    text = ("Een inwoner uit Irpin vertelde de onderzoekers dat soldaten zijn huis doorzochten. In Melitopol laten "
            "bewoners via Telegram weten dat de stroom is uitgevallen. Hij waarschuwde het Westen voor een "
            "lange winter.")
    doc = run(stages, text, "nl")
    assert [source(doc, a) for a in doc.layer("attributions")] == ["Een inwoner uit Irpin", "bewoners", "Hij"]


def test_source_after_the_verb_stops_at_the_noun(stages):
    text = ("‘We vechten door’, zei een Nederlandse commando in 2015. „Mijn huis is weg”, zegt Tsvetkova in een "
            "videogesprek. Meerdere inwoners in Marioepol zeggen niets van een referendum te weten.")
    doc = run(stages, text, "nl")
    assert [source(doc, a) for a in doc.layer("attributions")] == [
        "een Nederlandse commando", "Tsvetkova", "Meerdere inwoners in Marioepol"]


def test_no_fragment_of_a_longer_subject_as_source(stages):
    text = ("Een parlementslid van Poetins partij Verenigd Rusland zei tegen een krant dat de mobilisatie slaagt. "
            "Hij denkt dat de minister zei dat het klopt.")
    doc = run(stages, text, "nl")
    assert [source(doc, a) for a in doc.layer("attributions")] == ["de minister"]


def test_back_reference_covers_previous_sentence_and_names_outlet(stages):
    text = ("Het Russische leger heeft een brug over de Dnjepr bij Cherson opgeblazen. Dat meldt persbureau "
            "Reuters op basis van satellietbeelden. In de stad is het verder rustig.")
    doc = run(stages, text, "nl")
    span = by_cue(doc, "meldt")
    assert source(doc, span) == "persbureau Reuters"
    assert span.attrs["source_outlet"] == "Reuters"
    assert scope(doc, span) == ("Het Russische leger heeft een brug over de Dnjepr bij Cherson opgeblazen. "
                                "Dat meldt persbureau Reuters op basis van satellietbeelden.")


def test_quote_with_aldus_is_attributed_from_the_opening_quote(stages):
    text = ("De verdedigers van de fabriek geven niet op. ‘We houden de stad tot de laatste man. Niemand hier "
            "geeft zich over’, aldus de commandant van de brigade tegen de BBC.")
    doc = run(stages, text, "nl")
    span = by_cue(doc, "aldus")
    assert source(doc, span) == "de commandant van de brigade"
    assert span.attrs["source_outlet"] == "BBC"
    assert span.attrs["scope_start"] == text.index("‘We houden")
    assert scope(doc, span).endswith("tegen de BBC.")


def test_claimant_comes_from_the_actor_layer(stages):
    text = "Volgens Zelenski zijn bij de gevechten rond Bachmoet honderden Russische militairen gesneuveld."
    actor = {"name": "Volodymyr Zelensky", "id": "zelensky", "country": "UKR", "sector": "GOV", "kind": "PER"}
    with_actor = by_cue(run(stages, text, "nl", actors=[("Zelenski", actor)]), "volgens")
    assert with_actor.attrs["claimant"] == {
        "text": "Zelenski", "name": "Volodymyr Zelensky", "id": "zelensky", "country": "UKR", "sector": "GOV",
        "span": [8, 16]}
    without = by_cue(run(stages, text, "nl"), "volgens")
    assert without.attrs["claimant"]["text"] == "Zelenski"
    assert without.attrs["claimant"]["name"] is None and without.attrs["claimant"]["country"] is None


def test_actor_decides_between_subject_and_object(stages):
    text = "Lavrov zei de Oekraïense onderhandelaars niet te vertrouwen."
    actor = {"name": "Sergey Lavrov", "id": "lavrov", "country": "RUS", "sector": "GOV", "kind": "PER"}
    doc = run(stages, text, "nl", actors=[("Lavrov", actor)])
    span = by_cue(doc, "zei")
    assert source(doc, span) == "Lavrov"
    assert span.attrs["claimant"]["country"] == "RUS"


def test_claim_that_cannot_be_verified(stages):
    text = ("Het separatistische leger beweert dat bij de beschieting twintig Oekraïense militairen zijn "
            "gedood, maar dat valt niet onafhankelijk te controleren.")
    doc = run(stages, text, "nl")
    span = by_cue(doc, "beweert")
    assert source(doc, span) == "Het separatistische leger"
    assert span.attrs["modality"] == "claimed"
    assert span.attrs["verified"] is False


def test_verification_in_the_next_sentence(stages):
    text = ("Volgens Kiev zijn bij Izjoem honderd Russische tanks vernietigd. Dat kon niet worden geverifieerd. "
            "Het weer was slecht en de wegen waren modderig.")
    doc = run(stages, text, "nl")
    assert by_cue(doc, "volgens").attrs["verified"] is False
    text = ("Volgens de gouverneur werd het ziekenhuis van Mykolajiv geraakt, wat later door de VN werd "
            "bevestigd.")
    assert by_cue(run(stages, text, "nl"), "volgens").attrs["verified"] is True


def test_a_source_that_confirms_is_verified(stages):
    doc = run(stages, "Het Oekraïense leger bevestigde dinsdag dat de brug bij Zatoka is geraakt.", "nl")
    span = by_cue(doc, "bevestigde")
    assert source(doc, span) == "Het Oekraïense leger" and span.attrs["verified"] is True
    doc = run(stages, "The Pentagon has not confirmed the strike near Kherson.", "en")
    assert doc.layer("attributions") == []
    assert [c.label for c in doc.layer("cues")] == ["UNVERIFIED"]


def test_unrelated_sentence_does_not_verify_the_previous_one(stages):
    text = ("Poetin zei dat de stad binnen een week valt. Het weer was slecht en niet alle berichten konden "
            "worden bevestigd door de redactie.")
    assert by_cue(run(stages, text, "nl"), "zei").attrs["verified"] is None


def test_pronouns_and_possessives_as_sources(stages):
    text = "Volgens haar advocaat is de journaliste onschuldig. Volgens hem is de stad gevallen."
    doc = run(stages, text, "nl")
    assert [source(doc, a) for a in doc.layer("attributions")] == ["haar advocaat", "hem"]
    text = "According to her lawyer, the reporter is innocent. According to him, the town fell on Sunday."
    doc = run(stages, text, "en")
    assert [source(doc, a) for a in doc.layer("attributions")] == ["her lawyer", "him"]


def test_naar_verluidt_has_no_source(stages):
    text = "Het Russische konvooi is naar verluidt tot stilstand gekomen door een gebrek aan brandstof."
    span = by_cue(run(stages, text, "nl"), "naar verluidt")
    assert span.attrs["source_text"] is None and span.attrs["claimant"] is None
    assert span.attrs["modality"] == "reported"


def test_verb_without_a_source_is_not_an_attribution(stages):
    text = "Moskou reageerde door te verklaren dat de nucleaire strijdkrachten paraat zijn."
    assert run(stages, text, "nl").layer("attributions") == []


def test_headline_source_and_colon(stages):
    title = "Stoltenberg: Russische troepen hergroeperen rond Izjoem"
    text = title + "\n\nDe NAVO-chef sprak in Brussel met de ministers van Defensie."
    doc = Document(text=text, lang="nl")
    doc.add("headlines", 0, len(title), "headline")
    stages[0](doc)
    stages[1](doc)
    span = by_cue(doc, ":")
    assert source(doc, span) == "Stoltenberg"
    assert scope(doc, span) == title
    label = "Corruptie: het tweede front van Oekraïne"
    doc = Document(text=label + "\n\nIn Kiev groeit de onvrede.", lang="nl")
    doc.add("headlines", 0, len(label), "headline")
    stages[0](doc)
    stages[1](doc)
    assert doc.layer("attributions") == []


# -- English -------------------------------------------------------------------------

def test_according_to_and_said_in_english(stages):
    text = ("Russian forces shelled Kharkiv on Tuesday, killing at least nine civilians, according to local "
            "officials. The Ukrainian defence ministry said 300 Russian soldiers had been killed.")
    doc = run(stages, text, "en")
    according = by_cue(doc, "according to")
    assert source(doc, according) == "local officials"
    assert scope(doc, according).startswith("Russian forces shelled")
    said = by_cue(doc, "said")
    assert source(doc, said) == "The Ukrainian defence ministry"
    assert scope(doc, said) == "The Ukrainian defence ministry said 300 Russian soldiers had been killed."


def test_told_reuters_names_the_outlet(stages):
    text = "A senior US official told Reuters that Russia plans to encircle the capital within days."
    doc = run(stages, text, "en")
    span = by_cue(doc, "told")
    assert source(doc, span) == "A senior US official"
    assert span.attrs["source_outlet"] == "Reuters"


def test_quote_then_said_x(stages):
    text = ('The mayor spoke from a bunker. "We will not surrender. Not today, not ever," said Mayor Ihor '
            'Terekhov.')
    doc = run(stages, text, "en")
    span = by_cue(doc, "said")
    assert source(doc, span) == "Mayor Ihor Terekhov"
    assert span.attrs["scope_start"] == text.index('"We will')


def test_english_object_after_a_verb_is_not_its_source(stages):
    text = ("Speaking in Warsaw, announced new sanctions against Moscow. Senators Lindsey Graham and Richard "
            "Blumenthal said in a letter that the aid was too slow.")
    doc = run(stages, text, "en")
    assert [source(doc, a) for a in doc.layer("attributions")] == ["Senators Lindsey Graham and Richard Blumenthal"]


def test_appositive_and_quote_after_the_cue(stages):
    text = ('Ihor Terekhov, the mayor of Kharkiv, said the metro stations were full. Zelensky said: "We will hold '
            'the line. Every town will be rebuilt." The talks resumed on Friday.')
    doc = run(stages, text, "en")
    mayor, president = doc.layer("attributions")
    assert source(doc, mayor) == "Ihor Terekhov, the mayor of Kharkiv"
    assert scope(doc, president) == 'Zelensky said: "We will hold the line. Every town will be rebuilt."'
    text = "Poetin, de Russische president, zei maandag: ‘We geven niet op. Elke stad wordt herbouwd.’ Hij vertrok."
    span = by_cue(run(stages, text, "nl"), "zei")
    assert span.attrs["source_text"] == "Poetin, de Russische president"
    assert text[span.attrs["scope_start"]:span.attrs["scope_end"]].endswith("herbouwd.’")


def test_english_inversion_only_after_a_quotation_or_comma(stages):
    text = ('"We need tents," said a senior aid worker in Gaziantep. The government now says Assad should stay. '
            'The army withdrew, said the spokesman.')
    doc = run(stages, text, "en")
    assert [source(doc, a) for a in doc.layer("attributions")] == [
        "a senior aid worker in Gaziantep", "The government", "the spokesman"]


def test_claimed_and_not_verified_in_english(stages):
    text = ("Kremlin spokesman Dmitry Peskov claimed the strikes hit only military targets, but the claim could "
            "not be independently verified.")
    span = by_cue(run(stages, text, "en"), "claimed")
    assert span.attrs["modality"] == "claimed"
    assert span.attrs["verified"] is False
    assert span.attrs["source_text"] == "Kremlin spokesman Dmitry Peskov"


def test_back_reference_and_reportedly_in_english(stages):
    text = ("Two Russian generals were dismissed after the retreat from Kyiv. That was reported by the BBC. "
            "The army reportedly withdrew from the town. Sources say the talks could resume next week.")
    doc = run(stages, text, "en")
    bbc = by_cue(doc, "reported by")
    assert bbc.attrs["source_outlet"] == "BBC"
    assert scope(doc, bbc).startswith("Two Russian generals")
    assert by_cue(doc, "reportedly").attrs["source_text"] is None
    assert source(doc, by_cue(doc, "say")) == "Sources"


# -- the seed article ----------------------------------------------------------------

@pytest.mark.skipif(not SEED.exists(), reason="seed article not available")
def test_seed_article(stages):
    doc = read_text(SEED.read_text(encoding="utf-8"))
    doc.lang = "nl"
    stages[0](doc)
    stages[1](doc)
    text = doc.text
    spans = {text[a.start:a.end]: a for a in doc.layer("attributions")}

    local = spans["Volgens de lokale autoriteiten"]
    assert "minstens elf doden" in scope(doc, local)

    spokesman = spans["aldus een woordvoerder van het ministerie van Defensie"]
    assert "‘Er zijn doden en gewonden onder onze kameraden’" in scope(doc, spokesman)

    claim = spans["Zelenski claimt"]
    assert claim.attrs["modality"] == "claimed" and claim.attrs["verified"] is False
    assert "4.500 Russische soldaten" in scope(doc, claim)

    axios = [a for a in doc.layer("attributions") if a.attrs["source_outlet"] == "Axios"]
    assert any("no-flyzone" in scope(doc, a) for a in axios)  # 'Dit meldde ... Axios' looks back


def test_works_without_sentences_and_for_a_language_without_data(stages):
    doc = Document(text="Volgens de brandweer is het vuur onder controle.", lang="nl")
    stages[1](doc)  # no sentences layer: the whole text is one unit
    span = by_cue(doc, "volgens")
    assert span.attrs["source_text"] == "de brandweer"
    assert (span.attrs["scope_start"], span.attrs["scope_end"]) == (0, len(doc.text))
    doc = Document(text="According to the governor, the fire is under control.", lang="xx")
    stages[1](doc)  # falls back to the English data
    assert by_cue(doc, "according to").attrs["source_text"] == "the governor"
