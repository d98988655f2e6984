"""kroniek.semantics.attribution_rules: the fast compound-head regex reads exactly like the plain one."""

from __future__ import annotations

import re

import pytest

from kroniek import lang as langdata
from kroniek.semantics import attribution_rules as rules

SENTENCES = {
    "nl": ["Een Amerikaanse defensiefunctionaris zei maandag dat de troepen zich terugtrekken.",
           "Volgens de Oekraïense generale staf en het Witte Huis is de brug vernield.",
           "Het openbaar ministerie en oud-president Porosjenko lieten weten: 'Geen commentaar.'",
           "De tv-zender meldde dat ministers, ministeries en de minister-president zwegen.",
           "Een woordvoerder van het Kremlin zei dat hoofdaanklager Karim Khan niet welkom is.",
           "Inlichtingendiensten2 en de nieuwszender_x zijn geen bronnen'."],
    "en": ["A senior defence official said the troops had withdrawn from the city.",
           "According to the White House and local authorities, the bridge was destroyed.",
           "The Pentagon's spokesman and ex-president Poroshenko told reporters: 'No comment.'",
           "The prime minister's office said ministers and the minister-president were silent."],
}


def _plain(heads: list[str]) -> str:
    return rf"(?i:{rules._RUN_CHAR}*{rules._alternation(heads)}){rules._WORD_TAIL}"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_compound_head_matches_like_the_plain_form_everywhere(lang):
    heads = langdata.resource(lang, "attribution")["source"]["heads"]
    fast, plain = re.compile(rules._compound_head(heads)), re.compile(_plain(heads))
    assert fast.pattern != plain.pattern  # the fast form is used for the language's heads
    found = 0
    for text in SENTENCES[lang]:
        for pos in range(len(text) + 1):  # at every offset, also inside words
            a, b = fast.match(text, pos), plain.match(text, pos)
            assert (a and a.span()) == (b and b.span()), (text, pos)
            found += a is not None
    assert found > 10


def test_heads_that_could_be_read_two_ways_keep_the_plain_form():
    # 'rale' ends 'generale', the first word of 'generale staf': which one a run reads as is up to backtracking
    heads = ["staf", "generale staf", "rale"]
    assert rules._compound_head(heads) == _plain(heads)


def test_dutch_compound_source_is_read_whole():
    compiled = rules.compile_rules("nl")
    text = "Een hoge Amerikaanse defensiefunctionaris zei"
    assert compiled.np_full.fullmatch(text, 0, len(text) - 4).span() == (0, len(text) - 4)
    assert compiled.np_after.match(" de generale staf.", 0).span("np") == (1, 17)
