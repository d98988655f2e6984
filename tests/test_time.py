"""The time stage: dates resolved against the document date, with honest precision."""

from pathlib import Path

import pytest

from kroniek.document import Document, PubDate
from kroniek.pipeline import Pipeline

ACLED = Path("/work/shared/data/acled/acled_2022h1_dev.csv")


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(["time"])


def dates(pipe, text, lang, date):
    doc = Document(text=text, lang=lang, date=PubDate.parse(date))
    pipe(doc)
    return [(s.text(doc), s.attrs) for s in doc.layer("dates")]


def only(pipe, text, lang, date):
    found = dates(pipe, text, lang, date)
    assert len(found) == 1, found
    return found[0]


def day(attrs):
    assert attrs["start"] == attrs["end"], attrs
    assert attrs["precision"] == "day"
    return attrs["start"]


# -- absolute dates ------------------------------------------------------------------
@pytest.mark.parametrize("text, lang, doc_date, expected", [
    ("De invasie begon op 24 februari.", "nl", "2022-03-01", "2022-02-24"),
    ("De invasie begon op 24 februari 2022.", "nl", None, "2022-02-24"),
    ("Op 1 maart viel het konvooi stil.", "nl", "2022-03-03", "2022-03-01"),
    ("Talks were held on 28 Feb 2022 in Belarus.", "en", None, "2022-02-28"),
    ("Talks were held on February 28 in Belarus.", "en", "2022-03-02", "2022-02-28"),
    ("On 8 June 2022, rebels attacked a convoy.", "en", "2022-06-08", "2022-06-08"),
    ("The incident (9-May-20) was reported late.", "en", None, "2020-05-09"),
    ("Het rapport is gedateerd 2022-03-01.", "nl", None, "2022-03-01"),
    ("De brief is gedateerd 24-02-2022.", "nl", None, "2022-02-24"),
    ("The letter is dated 24/02/2022.", "en", None, "2022-02-24"),
])
def test_absolute_days(pipe, text, lang, doc_date, expected):
    _, attrs = only(pipe, text, lang, doc_date)
    assert day(attrs) == expected
    assert not attrs["relative"] and not attrs["ambiguous"]


def test_day_without_year_takes_the_year_that_is_not_in_the_future(pipe):
    _, attrs = only(pipe, "Het bombardement van 28 december werd pas later bekend.", "nl", "2022-01-05")
    assert day(attrs) == "2021-12-28"
    _, attrs = only(pipe, "De top is op 10 januari gepland.", "nl", "2022-01-05")
    assert day(attrs) == "2022-01-10"  # a few days ahead is still this year
    _, attrs = only(pipe, "Vanaf 1 september is een visum nodig.", "nl", "2022-08-22")
    assert day(attrs) == "2022-09-01"  # an announcement, not last year's date
    _, attrs = only(pipe, "Het akkoord van 1 december bleef overeind.", "nl", "2022-08-22")
    assert day(attrs) == "2021-12-01"


def test_day_without_year_and_without_document_date_is_not_invented(pipe):
    text, attrs = only(pipe, "De aanval begon op 24 februari.", "nl", None)
    assert text == "24 februari"
    assert attrs["start"] is None and attrs["end"] is None and attrs["ambiguous"]


@pytest.mark.parametrize("text, lang, doc_date, start, end", [
    ("In maart werden de gevechten heviger.", "nl", "2022-06-10", "2022-03-01", "2022-03-31"),
    ("Fighting intensified in March 2022.", "en", None, "2022-03-01", "2022-03-31"),
    ("Het conflict sleept zich al voort sinds 2014.", "nl", None, "2014-01-01", "2014-12-31"),
    ("The report (2021) was never published.", "en", None, "2021-01-01", "2021-12-31"),
])
def test_months_and_years(pipe, text, lang, doc_date, start, end):
    _, attrs = only(pipe, text, lang, doc_date)
    assert (attrs["start"], attrs["end"]) == (start, end)
    assert attrs["precision"] == ("month" if start[5:7] == end[5:7] else "year")


def test_month_day_order_only_where_the_language_writes_it(pipe):
    assert dates(pipe, "Sinds maart 15 procent minder gas.", "nl", "2022-06-01")[0][0] == "maart"
    _, attrs = only(pipe, "Prices fell 15% after May 9, 2022.", "en", None)
    assert attrs["start"] == "2022-05-09"


def test_abbreviations_only_next_to_a_day_or_year(pipe):
    assert dates(pipe, "Het vertrouwen in Jan is groot.", "nl", "2022-03-01") == []
    _, attrs = only(pipe, "Het besluit viel op 5 jan. in Brussel.", "nl", "2022-03-01")
    assert day(attrs) == "2022-01-05"


def test_may_the_verb_is_no_month(pipe):
    assert dates(pipe, "Russia may march on the capital.", "en", "2022-03-01") == []
    _, attrs = only(pipe, "The offensive began in May.", "en", "2022-06-10")
    assert attrs["start"] == "2022-05-01"


# -- weekdays --------------------------------------------------------------------------
def test_weekday_with_a_day_document_date(pipe):
    # 2022-02-28 is a Monday: 'maandag' is that day, not a week earlier
    _, attrs = only(pipe, "Poetin maakte dat eerder maandag duidelijk.", "nl", "2022-02-28")
    assert day(attrs) == "2022-02-28" and attrs["relative"] and not attrs["ambiguous"]
    _, attrs = only(pipe, "Op zondag werd de stad opnieuw beschoten.", "nl", "2022-03-01")
    assert day(attrs) == "2022-02-27"
    _, attrs = only(pipe, "The talks resumed on Monday.", "en", "2022-03-02")
    assert day(attrs) == "2022-02-28"


def test_weekday_with_a_month_document_date_is_ambiguous(pipe):
    _, attrs = only(pipe, "Het konvooi was maandag op satellietbeelden te zien.", "nl", "2022-03")
    assert attrs["ambiguous"] and attrs["relative"]
    assert attrs["precision"] in ("week", "month")
    assert attrs["start"] <= "2022-03-07" and attrs["end"] >= "2022-03-28"
    assert attrs["start"] < attrs["end"]


def test_weekday_without_document_date_keeps_the_text_only(pipe):
    text, attrs = only(pipe, "Zelenski sprak maandag met Biden.", "nl", None)
    assert text == "maandag"
    assert attrs["start"] is None and attrs["end"] is None and attrs["ambiguous"]


def test_weekday_with_modifiers(pipe):
    _, attrs = only(pipe, "Vorige week maandag werd de brug opgeblazen.", "nl", "2022-03-02")
    assert day(attrs) == "2022-02-21"
    _, attrs = only(pipe, "The summit is set for next Friday.", "en", "2022-03-02")
    assert day(attrs) == "2022-03-04"
    _, attrs = only(pipe, "Maandagavond viel de stroom uit.", "nl", "2022-03-02")
    assert day(attrs) == "2022-02-28"


# -- relative days and periods -----------------------------------------------------------
@pytest.mark.parametrize("text, lang, expected", [
    ("Vandaag kwamen de delegaties bijeen.", "nl", "2022-03-01"),
    ("Gisteren werd de stad beschoten.", "nl", "2022-02-28"),
    ("The city was shelled yesterday.", "en", "2022-02-28"),
    ("Vijf dagen geleden begon de invasie.", "nl", "2022-02-24"),
    ("The invasion began five days ago.", "en", "2022-02-24"),
    ("De invasie begon 5 dagen geleden.", "nl", "2022-02-24"),
])
def test_relative_days(pipe, text, lang, expected):
    _, attrs = only(pipe, text, lang, "2022-03-01")
    assert day(attrs) == expected and attrs["relative"]


def test_ago_has_a_normalised_value(pipe):
    _, attrs = only(pipe, "De invasie begon vijf dagen geleden.", "nl", "2022-03-01")
    assert attrs["value"] == "P-5D"


def test_ago_with_a_month_document_date_is_a_range(pipe):
    text, attrs = only(pipe, "De invasie begon vijf dagen geleden.", "nl", "2022-03")
    assert text == "vijf dagen geleden"
    assert (attrs["start"], attrs["end"]) == ("2022-02-24", "2022-03-26")
    assert attrs["relative"] and attrs["ambiguous"] and attrs["value"] == "P-5D"
    assert attrs["precision"] == "month"


@pytest.mark.parametrize("text, lang", [
    ("Vorige week werden de gesprekken afgebroken.", "nl"),
    ("Last week the talks broke down.", "en"),
])
def test_last_week_is_a_week(pipe, text, lang):
    _, attrs = only(pipe, text, lang, "2022-03-02")  # a Wednesday
    assert (attrs["start"], attrs["end"]) == ("2022-02-21", "2022-02-27")
    assert attrs["precision"] == "week" and attrs["relative"]


def test_last_month_and_last_night(pipe):
    _, attrs = only(pipe, "Vorige maand werd de grens gesloten.", "nl", "2022-03-15")
    assert (attrs["start"], attrs["end"], attrs["precision"]) == ("2022-02-01", "2022-02-28", "month")
    _, attrs = only(pipe, "Vannacht klonken er explosies.", "nl", "2022-03-15")
    assert (attrs["start"], attrs["end"]) == ("2022-03-14", "2022-03-15")
    _, attrs = only(pipe, "Explosions were heard last night.", "en", "2022-03-15")
    assert (attrs["start"], attrs["end"]) == ("2022-03-14", "2022-03-15")


def test_this_weekend(pipe):
    _, attrs = only(pipe, "Dit weekend wordt opnieuw onderhandeld.", "nl", "2022-03-02")
    assert (attrs["start"], attrs["end"], attrs["precision"]) == ("2022-03-05", "2022-03-06", "week")


@pytest.mark.parametrize("text, lang", [
    ("Rusland wil de stad in de komende dagen omsingelen.", "nl"),
    ("Russia wants to encircle the city in the coming days.", "en"),
])
def test_coming_days_is_a_forward_range(pipe, text, lang):
    _, attrs = only(pipe, text, lang, "2022-03-01")
    assert attrs["start"] == "2022-03-01" and attrs["end"] > "2022-03-01"
    assert attrs["relative"] and attrs["value"] == "FUTURE_REF"


def test_clock_times_and_counts_are_no_dates(pipe):
    assert dates(pipe, "Om 10.30 uur vielen er 11 doden, 4.500 soldaten trokken op.", "nl", "2022-03-01") == []
    assert dates(pipe, "Rusland stuurde 2000 soldaten, en 1999 tanks.", "nl", "2022-03-01") == []


@pytest.mark.parametrize("text, lang", [
    ("Police fired a total of 1513 shots at the protesters.", "en"),
    ("The rebels attacked with a force of 2000 fighters.", "en"),
    ("De politie loste een totaal van 1513 schoten op de betogers.", "nl"),
    ("Rusland trok een leger van 1900 man samen bij de grens.", "nl"),
])
def test_four_digits_after_a_noun_of_amount_are_no_year(pipe, text, lang):
    assert dates(pipe, text, lang, "2022-03-01") == []


@pytest.mark.parametrize("text, lang, year", [
    ("The offensive lasted until the end of 2021.", "en", "2021"),
    ("Crimea has been occupied since the annexation of 2014.", "en", "2014"),
    ("Het offensief duurde tot het einde van 2021.", "nl", "2021"),
    ("De Krim is bezet sinds de annexatie van 2014.", "nl", "2014"),
])
def test_a_year_after_of_stays_a_year(pipe, text, lang, year):
    found = [(span, attrs["value"]) for span, attrs in dates(pipe, text, lang, "2022-03-01")]
    assert (year, year) in found


def test_spans_and_attrs(pipe):
    text = "Maandag, 28 februari, werd er vijf dagen na het begin van de invasie onderhandeld."
    doc = Document(text=text, lang="nl", date=PubDate.parse("2022-03-01"))
    pipe(doc)
    spans = doc.layer("dates")
    assert [s.text(doc) for s in spans] == ["Maandag", "28 februari"]
    for span in spans:
        assert span.label == "DATE"
        assert set(span.attrs) >= {"start", "end", "precision", "relative", "ambiguous", "value"}


@pytest.mark.skipif(not ACLED.exists(), reason="ACLED evaluation data not available")
def test_acled_first_date_is_the_event_date(pipe):
    import csv

    with ACLED.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[:500]
    hits = 0
    for row in rows:
        found = dates(pipe, row["notes"], "en", row["event_date"])
        hits += bool(found) and found[0][1]["start"] == found[0][1]["end"] == row["event_date"]
    assert hits / len(rows) >= 0.98


@pytest.mark.parametrize("text, lang", [
    ("De nederzetting werd 7000 jaar geleden gesticht.", "nl"),
    ("The settlement was founded 7000 years ago.", "en"),
])
def test_periods_outside_the_calendar_are_skipped_not_fatal(pipe, text, lang):
    for _, attrs in dates(pipe, text, lang, "2022-06-01"):
        assert attrs["start"] is None or attrs["start"] >= "0001-01-01"


# -- ranges of days ------------------------------------------------------------------------
@pytest.mark.parametrize("text, lang, start, end", [
    ("Tussen 1 en 3 maart beschoten Russische troepen Charkiv.", "nl", "2022-03-01", "2022-03-03"),
    ("Between 1 and 3 March, Russian forces shelled Kharkiv.", "en", "2022-03-01", "2022-03-03"),
    ("Het leger oefende van 30 april tot 2 mei in Belarus.", "nl", "2022-04-30", "2022-05-02"),
    ("The army held exercises in Belarus from 30 April to 2 May.", "en", "2022-04-30", "2022-05-02"),
    ("In de nacht van 3 op 4 maart werd de kerncentrale beschoten.", "nl", "2022-03-03", "2022-03-04"),
    ("Talks were held on March 7-8, 2022 in Antalya.", "en", "2022-03-07", "2022-03-08"),
])
def test_a_range_of_days_runs_from_its_first_day_to_its_last(pipe, text, lang, start, end):
    _, attrs = only(pipe, text, lang, "2022-06-10")
    assert (attrs["start"], attrs["end"]) == (start, end)
    assert attrs["precision"] == "week" and not attrs["relative"]


def test_numbers_next_to_a_date_are_no_range(pipe):
    # 'op' joins a range only after 'van'; 'between 40 and 50 activists' has no month
    text, attrs = only(pipe, "Gazprom sluit Nord Stream 1 op 31 augustus voor onderhoud.", "nl", "2022-08-20")
    assert text == "31 augustus" and day(attrs) == "2022-08-31"
    assert dates(pipe, "Between 40 and 50 activists occupied the building.", "en", "2022-03-18") == []


# -- days counted from the text's own dates ---------------------------------------------------
@pytest.mark.parametrize("text, lang, phrase, expected", [
    ("Op 4 maart trokken Russische troepen Irpin binnen. De dag erna beschoten ze Boetsja.", "nl",
     "De dag erna", "2022-03-05"),
    ("On 4 March Russian troops entered Irpin. The next day they shelled Bucha.", "en", "The next day", "2022-03-05"),
    ("Op 4 maart trokken troepen Irpin binnen. Twee dagen later trokken ze zich terug.", "nl",
     "Twee dagen later", "2022-03-06"),
    ("On 4 March troops entered Irpin. Two days later they withdrew.", "en", "Two days later", "2022-03-06"),
    ("Op 4 maart werd Irpin beschoten. Diezelfde dag viel de stroom uit.", "nl", "Diezelfde dag", "2022-03-04"),
    ("On 4 March Irpin was shelled. Power failed later that day.", "en", "later that day", "2022-03-04"),
])
def test_anaphoric_days_count_from_the_last_day_the_text_gave(pipe, text, lang, phrase, expected):
    found = dict(dates(pipe, text, lang, "2022-03-20"))
    attrs = found[phrase]
    assert day(attrs) == expected and attrs["relative"] and not attrs["ambiguous"]
    assert text[slice(*attrs["anchor"])].endswith(("4 maart", "4 March"))


def test_a_year_later_counts_from_a_year_a_day_later_from_a_day(pipe):
    found = dict(dates(pipe, "Hij vertrok in 1995. Een jaar later keerde hij terug.", "nl", "2022-03-20"))
    assert (found["Een jaar later"]["start"], found["Een jaar later"]["end"]) == ("1996-01-01", "1996-12-31")
    found = dict(dates(pipe, "He left in 1995. A day later he was back.", "en", "2022-03-20"))
    assert day(found["A day later"]) == "2022-03-21"  # no day given: the document date, not 1995


def test_anaphoric_day_without_any_date_is_ambiguous_with_a_month_document_date(pipe):
    _, attrs = only(pipe, "De volgende dag werd Boetsja beschoten.", "nl", "2022-03")
    assert attrs["ambiguous"] and attrs["precision"] in ("week", "month") and attrs["anchor"] is None
    _, attrs = only(pipe, "The next day Bucha was shelled.", "en", None)
    assert attrs["start"] is None and attrs["ambiguous"]


def test_last_night_in_dutch_with_an_imprecise_document_date(pipe):
    _, attrs = only(pipe, "Afgelopen nacht klonken er explosies in Kiev.", "nl", "2022-03-15")
    assert (attrs["start"], attrs["end"]) == ("2022-03-14", "2022-03-15") and not attrs["ambiguous"]
    _, attrs = only(pipe, "Afgelopen nacht klonken er explosies in Kiev.", "nl", "2022-03")
    assert attrs["ambiguous"] and attrs["start"] < "2022-03-02" and attrs["end"] == "2022-03-31"


# -- what a date dates (scope) -------------------------------------------------------------------
def scopes(pipe, text, lang):
    return {found: attrs["scope"] for found, attrs in dates(pipe, text, lang, "2022-06-10")}


def test_a_date_opening_its_sentence_frames_it(pipe):
    assert scopes(pipe, "Security measures: On 29 June 2022, the president declared a state of emergency.",
                  "en") == {"29 June 2022": "frame"}
    assert scopes(pipe, "Maandag beschoten Russische troepen Charkiv.", "nl") == {"Maandag": "frame"}
    assert scopes(pipe, "Russische troepen beschoten maandag Charkiv.", "nl") == {"maandag": None}


@pytest.mark.parametrize("text, lang, expected", [
    ("Striking workers have been on strike since October 2021.", "en", {"October 2021": "onset"}),
    ("Boeing levert sinds maart geen onderdelen meer.", "nl", {"maart": "onset"}),
    ("Supporters rallied against the 9 May 2022 elections.", "en", {"9 May 2022": "attributive"}),
    ("They marked the anniversary of 8 May 1945.", "en", {"8 May 1945": "attributive"}),
    ("Betogers herdachten de inval van 24 februari.", "nl", {"24 februari": "attributive"}),
    ("Betogers herdachten de 24 februari-inval.", "nl", {"24 februari": "attributive"}),
    ("Students marched against racism (the day is held on 21 March).", "en", {"21 March": "aside"}),
    ("Negen mensen zijn zaterdagavond omgekomen bij een raketaanval.", "nl", {"zaterdagavond": None}),
])
def test_dates_of_something_else_say_so(pipe, text, lang, expected):
    assert scopes(pipe, text, lang) == expected


def test_a_date_in_a_name_is_no_date(pipe):
    assert dates(pipe, "Shells hit the July 7 neighbourhood of Hodeidah.", "en", "2020-05-06") == []
    assert dates(pipe, "Er werd geschoten in de 18 september-straat.", "nl", "2022-06-10") == []
