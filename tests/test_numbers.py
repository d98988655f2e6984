"""Number parsing shared by the quantities and time stages."""

import pytest

from kroniek.semantics.numbers import as_int, lexicon, parse_digits, safe_lower


@pytest.mark.parametrize("text, value", [
    ("4.500", 4500.0),          # Dutch thousands
    ("4,500", 4500.0),          # English thousands
    ("1.200.000", 1200000.0),
    ("12,000", 12000.0),
    ("2,5", 2.5),               # Dutch decimal
    ("2.5", 2.5),               # English decimal
    ("1,234.5", 1234.5),
    ("1.234,5", 1234.5),
    ("0,500", 0.5),
    ("11", 11.0),
])
def test_parse_digits(text, value):
    assert parse_digits(text) == value


def test_parse_digits_rejects_malformed_groups():
    assert parse_digits("1.20.000") is None
    assert parse_digits("abc") is None


@pytest.mark.parametrize("lang, text, value", [
    ("nl", "elf", 11),
    ("nl", "vijfentwintig", 25),
    ("nl", "honderdtwintig", 120),
    ("nl", "drieduizend", 3000),
    ("nl", "tweeëntwintig", 22),
    ("en", "eleven", 11),
    ("en", "twenty-five", 25),
    ("en", "one hundred and twenty", 120),
    ("en", "three thousand", 3000),
])
def test_number_words(lang, text, value):
    assert lexicon(lang).value(text) == value


def test_articles_are_one_and_non_numbers_are_none():
    assert lexicon("nl").value("een") == 1
    assert lexicon("en").value("a") == 1
    assert lexicon("nl").value("elf twaalf") is None
    assert lexicon("en").value("eleven twelve") is None


def test_as_int_only_for_whole_numbers():
    assert as_int(25.0) == 25
    assert as_int(2.5) is None
    assert as_int(None) is None


def test_safe_lower_keeps_length():
    text = "İstanbul ZO’N 4.500"
    assert len(safe_lower(text)) == len(text)
    assert safe_lower("ZO’N") == "zo’n"
