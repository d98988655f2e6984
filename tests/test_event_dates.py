"""Which date an event gets (events._date): its own, the sentence's frame, else the paragraph's time."""

import pytest

from kroniek.document import Document, PubDate


@pytest.fixture(scope="module")
def pipeline():
    from kroniek.pipeline import Pipeline
    return Pipeline.from_config()


def events(pipeline, text: str, lang: str, date: str) -> list:
    doc = Document(text=text, lang=lang, date=PubDate.parse(date))
    doc.meta["lang_forced"] = True
    pipeline(doc)
    return doc.events


def dated(pipeline, text: str, lang: str, date: str, event_type: str) -> list[str | None]:
    return [e.date and e.date["start"] for e in events(pipeline, text, lang, date) if e.type == event_type]


@pytest.mark.parametrize("text, lang", [
    ("On 10 May 2022, hundreds of supporters protested in Marawi against the 9 May 2022 elections.", "en"),
    ("Op 10 mei protesteerden honderden inwoners in Marawi tegen de verkiezingen van 9 mei.", "nl"),
])
def test_the_sentence_frame_outweighs_the_date_of_a_noun(pipeline, text, lang):
    assert dated(pipeline, text, lang, "2022-05-10", "PROTEST") == ["2022-05-10"]


@pytest.mark.parametrize("text, lang, expected", [
    ("On 5 May 2020, officials said that gunmen attacked police on 2 May 2020 in Chilpancingo.", "en",
     "2020-05-02"),
    ("Op 5 mei meldde de gouverneur dat Russische troepen Charkiv op 2 mei hebben beschoten.", "nl", "2020-05-02"),
])
def test_a_date_in_the_triggers_own_phrase_wins(pipeline, text, lang, expected):
    assert dated(pipeline, text, lang, "2020-05-05", "ASSAULT") == [expected]


@pytest.mark.parametrize("text, lang", [
    ("On 22 January 2022, workers gathered in Huntington. They have been on strike since October 2021.", "en"),
    ("Op 22 januari blokkeerden boeren de snelweg bij Utrecht. Ze voeren sinds oktober 2021 actie tegen het "
     "stikstofbeleid en protesteerden ook bij het provinciehuis.", "nl"),
])
def test_since_is_no_event_date_when_the_paragraph_has_one(pipeline, text, lang):
    assert dated(pipeline, text, lang, "2022-01-22", "PROTEST")[-1] == "2022-01-22"


@pytest.mark.parametrize("text, lang, expected", [
    ("Russian shelling killed nine civilians in Kharkiv on Tuesday, officials said on Wednesday. "
     "Rockets struck the regional administration building.", "en", "2022-03-01"),
    ("Op 4 maart werd Irpin zwaar beschoten. De volgende dag beschoten Russische troepen ook Boetsja.", "nl",
     "2022-03-05"),
])
def test_a_later_sentence_takes_the_time_its_paragraph_reached(pipeline, text, lang, expected):
    assert dated(pipeline, text, lang, "2022-03-02" if lang == "en" else "2022-03-10", "ASSAULT")[-1] == expected


@pytest.mark.parametrize("text, lang", [
    ("Protesters marched in London against the 24 February invasion.", "en"),
    ("Betogers liepen in Amsterdam een stille tocht tegen de 24 februari-inval.", "nl"),
])
def test_a_nouns_date_is_not_the_events(pipeline, text, lang):
    assert dated(pipeline, text, lang, "2022-03-05", "PROTEST") == [None]
