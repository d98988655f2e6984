"""kroniek.kb.matcher: normalisation (every route gives the per-character fold) and matching."""

from kroniek.document import Document
from kroniek.kb import matcher
from kroniek.kb.matcher import Matcher, normalize, normalize_key


def _per_char(text: str) -> str:
    """The definition: each character folded on its own by the table."""
    normalize("")  # builds the tables
    return "".join(chr(matcher._LIST[ord(c)]) if ord(c) < len(matcher._LIST) else c for c in text)


DUTCH = "‘We gaan door’, zei premier Rutte woensdag in Den Haag. De Oekraïense minister Kuleba — in Brussel — reageerde…"
ENGLISH = "“We will not retreat,” said Zelensky on Tuesday; the mayor of Kharkiv's office confirmed 12 deaths."


def test_news_text_folds_case_diacritics_and_punctuation():
    assert normalize(DUTCH) == _per_char(DUTCH)
    assert normalize("Oekraïense Café-eigenaar zo’n") == "oekraiense cafe-eigenaar zo'n"
    assert normalize(ENGLISH).startswith(" we will not retreat   said zelensky")
    assert len(normalize(DUTCH)) == len(DUTCH)


def test_texts_outside_cp1252_give_the_same_fold():
    for text in ("Президент Зеленський заявив: «Ми вистоїмо»", "İbrahim Kalın in Ankara", "Œuvre van Šostakovitsj",
                 "Vučić ontmoet Orbán 🙂 in Boedapest", "µ en ß blijven", "mixed ё and ‘quotes’ and Ελλάδα"):
        assert normalize(text) == _per_char(text), text
        assert len(normalize(text)) == len(text)


def test_every_character_folds_as_the_table_says():
    text = "".join(chr(code) for code in range(0x3100))
    assert normalize(text) == _per_char(text)
    for code in range(0x80, 0x3100, 7):  # next to characters of the other routes
        for text in (chr(code) + "é’", "Ab" + chr(code)):
            assert normalize(text) == _per_char(text)


def test_document_normalized_is_computed_once_per_text():
    doc = Document(DUTCH)
    first = doc.normalized()
    assert first == normalize(DUTCH)
    assert doc.normalized() is first
    doc.text = ENGLISH  # a replaced text is folded again
    assert doc.normalized() == normalize(ENGLISH)


def test_matcher_keeps_longest_matches_at_word_boundaries():
    keys = [normalize_key(k) for k in ("Den Haag", "Haag", "Noord-Korea", "Korea", "Kiev")]
    found = Matcher(keys, suffixes=["se", "s"]).find(normalize("In Den Haag sprak Noord-Korea over Kievse en Kievs beleid; Kievse-straat, Kievitsnest."))
    assert [keys[m.key] for m in found] == ["den haag", "noord-korea", "kiev", "kiev", "kiev"]
    text = "In Den Haag sprak Noord-Korea over Kievse en Kievs beleid; Kievse-straat, Kievitsnest."
    assert [text[m.start:m.end] for m in found] == ["Den Haag", "Noord-Korea", "Kievse", "Kievs", "Kievse"]


def test_overlapping_matches_are_resolved_per_group_as_over_all_at_once():
    # random chains of overlapping candidates, in the order the matcher finds them (by end)
    import random

    from kroniek.kb import matcher as matcher_module

    rng = random.Random(7)
    for _ in range(2000):
        candidates = []
        for _ in range(rng.randint(2, 12)):
            start = rng.randint(0, 40)
            candidates.append((start, start + rng.randint(1, 12), rng.randint(0, 5)))
        candidates.sort(key=lambda c: c[1])  # the matcher reports matches by their end
        expected = matcher_module._greedy(list(candidates))
        assert Matcher._longest(list(candidates)) == expected
    keys = [normalize_key(k) for k in ("Verenigde Staten", "Staten-Generaal", "Generaal", "Staten")]
    text = "De Verenigde Staten-Generaal en de Staten-Generaal"
    found = Matcher(keys).find(normalize(text))
    assert [text[m.start:m.end] for m in found] == ["Verenigde Staten", "Staten-Generaal"]  # the longest wins


def test_document_pickles_without_its_normalized_text():
    import pickle

    doc = Document(DUTCH, title="Kuleba in Brussel")
    doc.add("places", 84, 92, "PLACE", name="Den Haag")
    doc.normalized()
    copy = pickle.loads(pickle.dumps(doc))
    assert copy == doc and copy.layers == doc.layers
    assert copy._normalized is None and copy.normalized() == doc.normalized()
