"""Modality, negation and verification cues of the attribution stage (the ``cues`` layer)."""

from __future__ import annotations

import pytest

from kroniek.document import Document, Span
from kroniek.stages.attribution import AttributionStage
from kroniek.stages.sentences import SentenceStage


@pytest.fixture(scope="module")
def stages() -> tuple[SentenceStage, AttributionStage]:
    return SentenceStage(), AttributionStage()


def cues(stages: tuple[SentenceStage, AttributionStage], text: str, lang: str) -> Document:
    doc = Document(text=text, lang=lang)
    stages[0](doc)
    stages[1](doc)
    return doc


def found(doc: Document, label: str | None = None) -> list[tuple[str, str, str]]:
    """(label, words in the text, normalised cue) of each cue span."""
    return [(c.label, doc.text[c.start:c.end], c.attrs["cue"]) for c in doc.layer("cues")
            if label is None or c.label == label]


def only(doc: Document, label: str) -> Span:
    spans = [c for c in doc.layer("cues") if c.label == label]
    assert len(spans) == 1, found(doc)
    return spans[0]


def scope(doc: Document, span: Span) -> str:
    return doc.text[span.attrs["scope_start"]:span.attrs["scope_end"]]


@pytest.mark.parametrize("lang, text, label, words", [
    ("nl", "Het leger heeft de brug niet opgeblazen.", "NEGATION", "niet"),
    ("nl", "Bij de aanval vielen geen doden.", "NEGATION", "geen"),
    ("nl", "De troepen hebben de stad nooit bereikt.", "NEGATION", "nooit"),
    ("nl", "De regering zou de grens willen sluiten.", "HYPOTHETICAL", "zou"),
    ("nl", "Rusland wil de havenstad Odesa omsingelen.", "INTENTION", "wil"),
    ("nl", "Moskou is van plan extra reservisten op te roepen.", "INTENTION", "van plan"),
    ("nl", "Analisten verwachten een nieuw offensief in het oosten.", "EXPECTATION", "verwachten"),
    ("nl", "Kiev eiste de terugtrekking van alle Russische troepen.", "REQUEST", "eiste"),
    ("nl", "De president riep de bevolking op om te schuilen.", "REQUEST", "riep de bevolking op"),
    ("nl", "Hongarije weigerde wapens door te laten naar Oekraïne.", "REFUSAL", "weigerde"),
    ("nl", "Het Kremlin ontkende elke betrokkenheid bij de aanslag.", "DENIAL", "ontkende"),
    ("en", "The army did not shell the hospital.", "NEGATION", "did not"),
    ("en", "Russian troops didn't reach the city centre.", "NEGATION", "didn't"),
    ("en", "No civilians were hurt in the blast.", "NEGATION", "No"),
    ("en", "The strike would have killed dozens.", "HYPOTHETICAL", "would have"),
    ("en", "Moscow intends to annex the occupied regions.", "INTENTION", "intends to"),
    ("en", "The government wants to close the border.", "INTENTION", "wants to"),
    ("en", "The offensive is expected to begin in spring.", "EXPECTATION", "is expected to"),
    ("en", "Kyiv urged NATO to send more air defence systems.", "REQUEST", "urged"),
    ("en", "Poland asked Germany for permission to send tanks.", "REQUEST", "asked"),
    ("en", "Hungary refused to let weapons cross its territory.", "REFUSAL", "refused"),
    ("en", "The Kremlin denied any involvement in the explosion.", "DENIAL", "denied"),
])
def test_each_cue_family(stages, lang, text, label, words):
    doc = cues(stages, text, lang)
    assert (label, words) in [(lab, w) for lab, w, _ in found(doc)], found(doc)


def test_cue_words_are_normalised(stages):
    doc = cues(stages, "De VS gaan ervan uit dat Rusland zich hergroepeert.", "nl")
    assert ("EXPECTATION", "gaan ervan uit", "gaan ervan uit") in found(doc)
    doc = cues(stages, "Ook gaan de Britten ervan uit dat de aanval mislukt.", "nl")
    assert ("EXPECTATION", "gaan de Britten ervan uit", "gaan ... ervan uit") in found(doc)


def test_conditional_scope_runs_to_the_comma(stages):
    doc = cues(stages, "Als de NAVO ingrijpt, zal het conflict escaleren, waarschuwde Moskou.", "nl")
    cond = only(doc, "HYPOTHETICAL")
    assert scope(doc, cond) == "Als de NAVO ingrijpt"
    doc = cues(stages, "If the West sends jets, Russia will escalate the war.", "en")
    cond = only(doc, "HYPOTHETICAL")
    assert scope(doc, cond) == "If the West sends jets"
    assert scope(doc, only(doc, "EXPECTATION")) == "Russia will escalate the war"


def test_denial_scope_includes_the_clause_it_governs(stages):
    doc = cues(stages, "Het ministerie ontkende dat er burgers zijn geraakt, maar beelden tonen iets anders.", "nl")
    assert scope(doc, only(doc, "DENIAL")) == "Het ministerie ontkende dat er burgers zijn geraakt"


def test_source_giving_no_numbers_is_not_a_negation(stages):
    text = ("Er vielen doden en gewonden, aldus een zegsman van het leger, zonder overigens aantallen te noemen. "
            "De stad werd ingenomen zonder dat er een schot viel.")
    doc = cues(stages, text, "nl")
    negations = [c for c in doc.layer("cues") if c.label == "NEGATION"]
    assert [doc.text[c.start:c.end] for c in negations] == ["zonder dat"]
    text = ("Officials confirmed casualties without giving details. The town fell without a shot being "
            "fired.")
    doc = cues(stages, text, "en")
    assert [w for lab, w, _ in found(doc, "NEGATION")] == ["without"]
    assert only(doc, "NEGATION").start == text.index("without a shot")


def test_negation_inside_a_verification_phrase_is_not_an_event_negation(stages):
    doc = cues(stages, "Rusland meldt tweehonderd doden, maar dat kan niet worden geverifieerd.", "nl")
    assert found(doc) == [("UNVERIFIED", "kan niet worden geverifieerd", "kan niet worden geverifieerd")]
    doc = cues(stages, "The figures could not be independently verified.", "en")
    assert found(doc) == [("UNVERIFIED", "could not be independently verified",
                           "could not be independently verified")]


def test_verified_cues(stages):
    doc = cues(stages, "De aanval op het station is inmiddels door de VN bevestigd.", "nl")
    assert found(doc, "VERIFIED") == [("VERIFIED", "bevestigd", "bevestigd")]
    doc = cues(stages, "The Pentagon confirmed the strike on Tuesday.", "en")
    assert found(doc, "VERIFIED") == [("VERIFIED", "confirmed", "confirmed")]
    doc = cues(stages, "De berichten zijn onbevestigd.", "nl")
    assert found(doc) == [("UNVERIFIED", "onbevestigd", "onbevestigd")]


def test_words_that_only_look_like_cues(stages):
    doc = cues(stages, "Zelenski vroeg om een No-flyzone boven Kiev. Net als vorig jaar kwam er geen antwoord.",
               "nl")
    assert [(lab, w) for lab, w, _ in found(doc)] == [("REQUEST", "vroeg"), ("NEGATION", "geen")]
    doc = cues(stages, "He spoke as president of the republic, not only as a soldier.", "en")
    assert found(doc, "NEGATION") == []


def test_cue_after_an_opening_quote_mark(stages):
    doc = cues(stages, "‘Als het Westen dit toestaat, verliezen we de oorlog’, zei de minister.", "nl")
    cond = only(doc, "HYPOTHETICAL")
    assert doc.text[cond.start:cond.end] == "Als"
    assert scope(doc, cond) == "Als het Westen dit toestaat"


def test_claiming_an_attack_is_neither_request_nor_claim(stages):
    doc = cues(stages, "Een jihadistische groep eiste de aanslag op. Kiev eiste dat de troepen zich terugtrekken.", "nl")
    assert [(lab, w) for lab, w, _ in found(doc, "REQUEST")] == [("REQUEST", "eiste")]
    assert doc.text.index("Kiev eiste") + 5 == only(doc, "REQUEST").start
    doc = cues(stages, "Al-Shabaab claimed responsibility for the bombing. The group claimed to have killed 30 soldiers.",
               "en")
    assert [a.attrs["cue"] for a in doc.layer("attributions")] == ["claimed"]
    assert doc.layer("attributions")[0].attrs["source_text"] == "The group"
