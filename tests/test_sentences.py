"""The sentences stage: paragraphs, headings, captions, headlines and sentence splitting."""

from __future__ import annotations

from pathlib import Path

import pytest

from kroniek import lang as langdata
from kroniek.document import Document
from kroniek.pipeline import Pipeline
from kroniek.readers import ReaderOptions, read, read_text, record_document
from kroniek.stages.sentences import SentenceStage

SPINE = Path(__file__).resolve().parent / "fixtures" / "spine"


@pytest.fixture(scope="module")
def stage() -> SentenceStage:
    return SentenceStage()


def sentences(stage: SentenceStage, text: str, lang: str) -> list[str]:
    doc = Document(text=text, lang=lang)
    stage(doc)
    return [s.text(doc) for s in doc.layer("sentences")]


def check_spans(doc: Document) -> None:
    """Every span is trimmed, inside its paragraph, and in order."""
    paragraphs = doc.layer("paragraphs")
    assert [p.attrs["index"] for p in paragraphs] == list(range(len(paragraphs)))
    last_end = 0
    for span in doc.layer("sentences"):
        text = span.text(doc)
        assert text and text == text.strip(), repr(text)
        assert span.start >= last_end
        last_end = span.end
        assert paragraphs[span.attrs["paragraph"]].contains(span)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_language_data_exists(lang):
    data = langdata.resource(lang, "sentences")
    assert langdata.has_resource(lang, "sentences")
    assert data["titles"] and data["abbreviations"] and data["sentence_starters"]


DUTCH_CASES = [
    ("Volgens dhr. Jansen en mevr. De Boer is het rustig. Dat zei hij.",
     ["Volgens dhr. Jansen en mevr. De Boer is het rustig.", "Dat zei hij."]),
    ("Prof. dr. A. de Wit sprak o.a. met mr. Pietersen, d.w.z. de advocaat. Daarna was het stil.",
     ["Prof. dr. A. de Wit sprak o.a. met mr. Pietersen, d.w.z. de advocaat.", "Daarna was het stil."]),
    ("Op 1. januari begon het. De groei bedroeg 3.5 procent.",
     ["Op 1. januari begon het.", "De groei bedroeg 3.5 procent."]),
    ("De aanval was op 5 jan. Rusland ontkende. Het bleef onrustig tot eind feb. De VS zwegen.",
     ["De aanval was op 5 jan. Rusland ontkende.", "Het bleef onrustig tot eind feb.", "De VS zwegen."]),
    ("Het ging om de VS. Rusland reageerde niet.", ["Het ging om de VS.", "Rusland reageerde niet."]),
    ("‘Wij geven niet op.’ Dat zei Zelenski. ‘Waarom?’ vroeg een journalist.",
     ["‘Wij geven niet op.’", "Dat zei Zelenski.", "‘Waarom?’ vroeg een journalist."]),
    ("Hij zei: „Ze komen eraan.” Daarna vluchtten ze!  Wat nu? Niemand weet het...",
     ["Hij zei: „Ze komen eraan.”", "Daarna vluchtten ze!", "Wat nu?", "Niemand weet het..."]),
    ("Het bleef stil... Toen klonken explosies. 's Avonds was het weer rustig.",
     ["Het bleef stil...", "Toen klonken explosies.", "'s Avonds was het weer rustig."]),
    ("Drie redenen. 1. De prijs is te hoog. 2. Het duurt te lang. Dat was in 2022. De rest volgt.",
     ["Drie redenen.", "1. De prijs is te hoog.", "2. Het duurt te lang.", "Dat was in 2022.", "De rest volgt."]),
    ("Ook J. Biden en Joe R. Smith waren erbij. Het was druk.",
     ["Ook J. Biden en Joe R. Smith waren erbij.", "Het was druk."]),
]

ENGLISH_CASES = [
    ("Mr. Biden met Dr. Smith in St. Petersburg on Jan. 5. The talks failed.",
     ["Mr. Biden met Dr. Smith in St. Petersburg on Jan. 5.", "The talks failed."]),
    ("The U.S. said sanctions, e.g. an oil ban, i.e. a new step, would follow. Officials agreed.",
     ["The U.S. said sanctions, e.g. an oil ban, i.e. a new step, would follow.", "Officials agreed."]),
    ("He now lives in the U.S. The embassy confirmed it.",
     ["He now lives in the U.S.", "The embassy confirmed it."]),
    ("The U.S. Senate voted. George W. Bush was not there.",
     ["The U.S. Senate voted.", "George W. Bush was not there."]),
    ('"We will not leave." She said it twice. Why? "Because we live here!" he shouted.',
     ['"We will not leave."', "She said it twice.", "Why?", '"Because we live here!" he shouted.']),
    ("Output fell 3.5 percent in 2022. Prices rose.", ["Output fell 3.5 percent in 2022.", "Prices rose."]),
    ("He waited... Then the sirens started.", ["He waited...", "Then the sirens started."]),
]


@pytest.mark.parametrize("text,expected", DUTCH_CASES)
def test_dutch_sentences(stage, text, expected):
    assert sentences(stage, text, "nl") == expected


@pytest.mark.parametrize("text,expected", ENGLISH_CASES)
def test_english_sentences(stage, text, expected):
    assert sentences(stage, text, "en") == expected


def test_abbreviation_data_is_per_language(stage):
    # 'dhr.' (de heer) is a Dutch title; the English data does not know it.
    text = "Het pleidooi van dhr. Van Dam duurde lang."
    assert sentences(stage, text, "nl") == [text]
    assert sentences(stage, text, "en") == ["Het pleidooi van dhr.", "Van Dam duurde lang."]
    text = "She lives on Main St. The house burned down."
    assert sentences(stage, text, "en") == ["She lives on Main St.", "The house burned down."]


def test_ex_abbreviation_does_not_end_a_sentence(stage):
    # 'Ex.' (former) names a place by what it used to be; 'ex.' (exclusief) qualifies a price.
    text = "Rebels attacked the Ex. Nacnaca Factory near Tumbi. The army did not respond."
    assert sentences(stage, text, "en") == ["Rebels attacked the Ex. Nacnaca Factory near Tumbi.",
                                            "The army did not respond."]
    text = "De brandstof kost 2 euro ex. btw volgens de regering. Dat zei de minister."
    assert sentences(stage, text, "nl") == ["De brandstof kost 2 euro ex. btw volgens de regering.",
                                            "Dat zei de minister."]
    # before a sentence starter it still ends one: 'my ex. The'
    assert sentences(stage, "He phoned his ex. The police came.", "en") == ["He phoned his ex.", "The police came."]


def test_seed_layout_paragraphs_headings_and_caption(stage):
    doc = next(iter(read([str(SPINE / "nl_layout.txt")])))
    doc.lang = "nl"
    stage(doc)
    check_spans(doc)
    labels = [(p.label, p.text(doc)[:25]) for p in doc.layer("paragraphs")]
    assert labels == [
        ("paragraph", "Inwoners van Irpin steken"),
        ("paragraph", "Bij de evacuatie van burg"),
        ("heading", "Humanitaire corridors"),
        ("paragraph", "Rusland en Oekraïne sprak"),
    ]
    by_label = {}
    for s in doc.layer("sentences"):
        by_label.setdefault(s.label, []).append(s.text(doc))
    assert by_label["caption"] == [
        "Inwoners van Irpin steken maandag over een vernielde brug de rivier over, op weg naar Kiev.",
        "Foto Oleksandr Ratoesjnjak / AFP"]
    assert by_label["heading"] == ["Humanitaire corridors"]
    assert by_label["sentence"][-1] == ("Prof. dr. A. de Wit van de Universiteit Leiden noemt de gesprekken o.a. "
                                        "een teken dat beide partijen d.w.z. hun posities heroverwegen.")
    assert len(by_label["sentence"]) == 5
    assert [s.attrs["paragraph"] for s in doc.layer("sentences")] == [0, 0, 1, 1, 2, 3, 3, 3]


def test_record_title_is_a_headline(stage):
    doc = record_document({"title": "Raketaanval op Odessa • Zeker zeventien doden",
                           "text": "Bij een raketaanval vielen doden. Dat meldt Reuters."}, "x", ReaderOptions())
    doc.lang = "nl"
    stage(doc)
    check_spans(doc)
    assert doc.layer("paragraphs")[0].label == "heading"
    assert [(s.label, s.text(doc)) for s in doc.layer("sentences")] == [
        ("headline", "Raketaanval op Odessa"),
        ("headline", "Zeker zeventien doden"),
        ("sentence", "Bij een raketaanval vielen doden."),
        ("sentence", "Dat meldt Reuters."),
    ]


def test_single_newlines_in_record_text_separate_paragraphs(stage):
    text = ("Titel van het stuk\n\nDe eerste alinea eindigt hier. Volgens bronnen is dit niet bevestigd. Slangeneiland\n"
            "Eerder op donderdag verlieten troepen het eiland.\n"
            "Een satellietfoto van het eiland. Foto Maxar Technologies/AP\n"
            " \t\t\t\t\t \t\t\t\t\tDe grensovergang gaat vrijdag weer open.\t\t\t\tDat meldt de omroep.")
    doc = Document(text=text, lang="nl")
    stage(doc)
    check_spans(doc)
    got = [(s.label, s.text(doc)) for s in doc.layer("sentences")]
    assert ("heading", "Slangeneiland") in got
    assert ("sentence", "Eerder op donderdag verlieten troepen het eiland.") in got
    assert ("caption", "Een satellietfoto van het eiland.") in got
    assert ("caption", "Foto Maxar Technologies/AP") in got
    assert ("sentence", "De grensovergang gaat vrijdag weer open.") in got
    assert ("sentence", "Dat meldt de omroep.") in got
    assert len(doc.layer("paragraphs")) == 6


def test_hard_wrapped_text_is_joined_into_paragraphs(stage):
    text = ("Russian forces shelled the eastern city of Kharkiv on Tuesday, killing at\n"
            "least nine civilians, regional officials said. The strikes hit the central\n"
            "square and a residential district in the north of the city.\n"
            "\n"
            "Talks between the two delegations resumed in Belarus on Wednesday evening,\n"
            "near the Polish border, without a ceasefire.\n")
    doc = Document(text=text, lang="en")
    stage(doc)
    check_spans(doc)
    assert [p.label for p in doc.layer("paragraphs")] == ["paragraph", "paragraph"]
    got = [s.text(doc) for s in doc.layer("sentences")]
    assert len(got) == 3
    assert got[0].startswith("Russian forces shelled") and got[0].endswith("regional officials said.")
    assert "\n" in got[0]  # offsets point into the original text, line breaks included
    assert got[2] == "Talks between the two delegations resumed in Belarus on Wednesday evening,\nnear the Polish border, without a ceasefire."


def test_seed_style_text_via_pipeline():
    doc = read_text(" date 2022-03 Een konvooi ten noorden van Kiev. Beeld Maxar / AP\n\nDe eerste alinea. Nog een zin.\n\n"
                    "No-flyzone\n\nZelenski vroeg om een no-flyzone.\n")
    Pipeline(["language", "sentences"])(doc)
    check_spans(doc)
    assert [p.label for p in doc.layer("paragraphs")] == ["paragraph", "paragraph", "heading", "paragraph"]
    assert [s.label for s in doc.layer("sentences")] == ["caption", "caption", "sentence", "sentence", "heading",
                                                         "sentence"]


def test_quoted_heading(stage):
    doc = Document(text="Eerste alinea over de oorlog.\n\n‘Dit is geen vrede’\n\nTweede alinea over de gesprekken.",
                   lang="nl")
    stage(doc)
    assert [p.label for p in doc.layer("paragraphs")] == ["paragraph", "heading", "paragraph"]
    assert doc.layer("sentences")[1].text(doc) == "‘Dit is geen vrede’"


def test_empty_and_punctuation_only_text(stage):
    for text in ("", "   \n\n  ", "***\n\n---"):
        doc = Document(text=text or " ", lang="nl")
        stage(doc)
        assert doc.layer("sentences") == [] and doc.layer("paragraphs") == []


def test_fixture_articles_spans_are_sound(stage):
    """Our own multi-paragraph fixtures: no span has stray whitespace, nothing is lost."""
    for path in sorted(SPINE.glob("*.txt")) + [SPINE / "article.html"]:
        for doc in read([str(path)]):
            doc.lang = "nl"
            stage(doc)
            check_spans(doc)
            covered = " ".join(s.text(doc) for s in doc.layer("sentences"))
            assert len(covered.split()) == len(doc.text.split())  # every word is in a sentence


def test_running_twice_gives_the_same_layers(stage):
    doc = Document(text="Eerste zin. Tweede zin.\n\nKop\n\nDerde zin.", lang="nl")
    stage(doc)
    first = [(s.start, s.end, s.label) for s in doc.layer("sentences")]
    stage(doc)
    assert [(s.start, s.end, s.label) for s in doc.layer("sentences")] == first
    assert len(doc.layer("paragraphs")) == 3 and len(first) == 4


def test_long_lines_are_paragraphs_not_wrapping(stage):
    first = ("Het kabinet wil de gasopslag bij Bergen voor de winter vullen, maar de Russische aandeelhouder werkt "
             "volgens ingewijden niet mee aan de plannen van de minister")
    second = ("Volgens de minister is er geen alternatief. De opslag is nodig om de winter door te komen, zegt hij, en "
              "de kosten worden gedeeld door de staat en de netbeheerder")
    third = "Een woordvoerder van de aandeelhouder wilde niet reageren op vragen van de krant over het conflict."
    doc = Document(text=f"{first}\n{second}\n{third}", lang="nl")
    stage(doc)
    check_spans(doc)
    assert [p.text(doc) for p in doc.layer("paragraphs")] == [first, second, third]
