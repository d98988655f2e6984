"""The review step of the development tool that makes the common-word lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from kroniek import lang as langdata
from kroniek.kb.places_wordlists import prune


def test_prune_drops_home_towns_the_dictionary_has_only_as_names(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    lists = {"common_words": ["hoorn", "zwolle", "gouda", "calais"], "very_common_words": ["rotterdam", "alle"]}
    monkeypatch.setattr(langdata, "resource", lambda code, name: lists)
    dictionary = tmp_path / "words"
    # 'hoorn' is a Dutch word (a horn) and 'gouda' cheese; 'Zwolle', 'Rotterdam', 'Calais' are only names
    dictionary.write_text("hoorn\nHoorn\nGouda\ngouda\nZwolle\nRotterdam\nCalais\nalle\n", encoding="utf-8")
    common, very, dropped = prune("nl", str(dictionary), {"NLD"})
    assert common == ["hoorn", "gouda", "calais"]  # Calais is not a home town: kept
    assert very == ["alle"]
    assert sorted(dropped) == ["rotterdam", "zwolle"]
