"""Development tool: list gazetteer names that are common words of a language.

The ``common_words`` / ``very_common_words`` lists in ``lang/<code>/places.yaml``
were made with this script and then reviewed. It needs ``wordfreq``, which is
*not* a kroniek dependency (install it in a scratch environment)::

    python -m kroniek.kb.places_wordlists nl > /tmp/nl_common.yaml

It prints the two YAML lines to paste over the ones in the language file:
single-word names (and names + 's', for genitive matches) with a Zipf
frequency >= 3.0 in the language, split at 4.5.

Word frequencies count a town's name as a word ('aalsmeer', 'deventer' are frequent
in Dutch only as towns). ``--prune DICT --home NLD,BEL`` reviews the lists already in
the language file: it drops names whose best gazetteer place lies in one of the home
countries and that the word list ``DICT`` (one word a line, e.g. Debian's wdutch
``/usr/share/dict/dutch``) has only capitalised, i.e. as a name and not as a word of
the language ('Gouda' stays: 'gouda' is cheese)::

    python -m kroniek.kb.places_wordlists nl --prune /usr/share/dict/dutch --home NLD,BEL
"""

from __future__ import annotations

import json
import sys

LOW, HIGH = 3.0, 4.5


def common_names(lang: str) -> tuple[list[str], list[str]]:
    from wordfreq import zipf_frequency  # development only

    from .places import default_gazetteer

    keys = [k for k in default_gazetteer().keys if k.isalpha() and k.islower() and len(k) <= 25]
    candidates = set(keys) | {k + "s" for k in keys}
    common, very = [], []
    for word in sorted(candidates):
        zipf = zipf_frequency(word, lang)
        if zipf >= HIGH:
            very.append(word)
        elif zipf >= LOW:
            common.append(word)
    return common, very


def prune(lang: str, dictionary: str, home: set[str]) -> tuple[list[str], list[str], list[str]]:
    """The language file's (common, very common) lists without the home towns that the
    dictionary has only as names; and the names dropped."""
    from .. import lang as langdata
    from .places import default_gazetteer

    gaz = default_gazetteer()
    words = set(open(dictionary, encoding="utf-8").read().split())  # noqa: SIM115 (dev tool)
    res = langdata.resource(lang, "places")
    dropped: list[str] = []

    def keep(word: str) -> bool:
        rows = gaz.rows(word, limit=1)
        town = bool(rows) and not gaz.is_country(rows[0]) and gaz.country_of(rows[0]) in home
        if town and word not in words and word.capitalize() in words:
            dropped.append(word)
            return False
        return True

    common = [w for w in res.get("common_words", []) if keep(w)]
    very = [w for w in res.get("very_common_words", []) if keep(w)]
    return common, very, dropped


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    lang = args[0] if args else "nl"
    if "--prune" in args:
        home = set(args[args.index("--home") + 1].split(",")) if "--home" in args else set()
        common, very, dropped = prune(lang, args[args.index("--prune") + 1], home)
        print("# dropped: " + " ".join(dropped), file=sys.stderr)
    else:
        common, very = common_names(lang)
    print("common_words: [" + ", ".join(json.dumps(w) for w in common) + "]")
    print("very_common_words: [" + ", ".join(json.dumps(w) for w in very) + "]")


if __name__ == "__main__":
    main()
