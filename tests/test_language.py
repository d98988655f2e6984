"""Language identification: Dutch, English, short texts, and a forced language."""

from __future__ import annotations

import pytest

from kroniek.document import Document
from kroniek.pipeline import Pipeline
from kroniek.readers import ReaderOptions, read_text, record_document
from kroniek.stages.language import LanguageStage

DUTCH = ("Bij Russische beschietingen van de Oost-Oekraïense stad Charkiv zijn dinsdag zeker negen burgers om het "
         "leven gekomen. Dat meldden de lokale autoriteiten woensdag. Volgens het regionale bestuur raakten raketten "
         "het regeringsgebouw aan het Vrijheidsplein.")
ENGLISH = ("Russian shelling killed at least nine civilians in the eastern Ukrainian city of Kharkiv on Tuesday, "
           "local officials said on Wednesday. Rockets struck the regional administration building on Freedom "
           "Square, according to the governor.")
GERMAN = ("Bei russischen Angriffen auf die ostukrainische Stadt Charkiw sind am Dienstag mindestens neun Zivilisten "
          "ums Leben gekommen. Das teilten die örtlichen Behörden am Mittwoch mit. Raketen trafen das Gebäude der "
          "Regionalverwaltung.")


@pytest.fixture(scope="module")
def stage() -> LanguageStage:
    return LanguageStage()


def identify(stage: LanguageStage, text: str) -> Document:
    doc = Document(text=text)
    stage(doc)
    return doc


@pytest.mark.parametrize("text,code", [(DUTCH, "nl"), (ENGLISH, "en"), (GERMAN, "de")])
def test_articles(stage, text, code):
    doc = identify(stage, text)
    assert doc.lang == code
    assert doc.meta["lang_source"] == "identified" and doc.meta["lang_probability"] > 0.9


@pytest.mark.parametrize("headline,code", [
    ("Raketaanval op Odessa", "nl"),
    ("Sancties tegen Rusland", "nl"),
    ("Rusland valt Oekraïne binnen", "nl"),
    ("War in Ukraine", "en"),
    ("Shelling kills nine in Kharkiv", "en"),
])
def test_short_headlines_choose_among_languages_with_data(stage, headline, code):
    assert identify(stage, headline).lang == code


def test_unsure_short_text_gets_the_default(stage):
    doc = identify(stage, "Kiev")
    assert doc.lang == "nl" and doc.meta["lang_source"] == "default"
    assert LanguageStage(default="en")(doc := Document(text="Kiev")) is None and doc.lang == "en"


@pytest.mark.parametrize("forced", ["nl", "en"])
def test_forced_language_is_kept(stage, forced):
    doc = Document(text=ENGLISH if forced == "nl" else DUTCH, lang=forced)
    stage(doc)
    assert doc.lang == forced and doc.meta["lang_source"] == "given"


def test_forced_language_through_reader_and_record():
    doc = read_text(DUTCH, lang="en")
    Pipeline(["language"])(doc)
    assert doc.lang == "en"
    record = record_document({"text": ENGLISH, "lang": "nl"}, "x", ReaderOptions())
    assert record.lang == "nl"
    forced = record_document({"text": DUTCH}, "x", ReaderOptions(lang="en"))
    assert forced.lang == "en"


def test_header_lang_is_kept():
    doc = read_text(" date 2022-03 lang en " + DUTCH)
    Pipeline(["language"])(doc)
    assert doc.lang == "en" and doc.meta["lang_source"] == "given"


def test_identifiers_cached_on_disk_answer_the_same(tmp_path, monkeypatch):
    from kroniek.stages import language

    monkeypatch.setenv("KRONIEK_CACHE", str(tmp_path))
    languages = (("de", "en", "nl"), ("en", "nl"))
    language._identifiers.cache_clear()
    built = language._identifiers(*languages)
    assert list(tmp_path.glob("langid-*.pickle"))
    language._identifiers.cache_clear()
    loaded = language._identifiers(*languages)
    assert loaded is not built
    for text in (DUTCH, ENGLISH, GERMAN, "Raketaanval op Odessa"):
        for fresh, cached in zip(built, loaded):
            assert fresh.classify(text) == cached.classify(text)
    assert built[0].classify(GERMAN)[0] == "de" and built[1].classify(DUTCH)[0] == "nl"
    language._identifiers.cache_clear()


def test_lookalike_answers_come_from_the_language_data() -> None:
    from kroniek.stages.language import lookalikes

    assert lookalikes()["af"] == "nl" and lookalikes()["fy"] == "nl"
    assert "en" not in lookalikes()
