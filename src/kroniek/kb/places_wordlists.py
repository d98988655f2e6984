"""Development tool: list gazetteer names that are common words of a language.

The ``common_words`` / ``very_common_words`` lists in ``lang/<code>/places.yaml``
were made with this script and then reviewed. It needs ``wordfreq``, which is
*not* a kroniek dependency (install it in a scratch environment)::

    python -m kroniek.kb.places_wordlists nl > /tmp/nl_common.yaml

It prints the two YAML lines to paste over the ones in the language file:
single-word names (and names + 's', for genitive matches) with a Zipf
frequency >= 3.0 in the language, split at 4.5.
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


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    lang = args[0] if args else "nl"
    common, very = common_names(lang)
    print("common_words: [" + ", ".join(json.dumps(w) for w in common) + "]")
    print("very_common_words: [" + ", ".join(json.dumps(w) for w in very) + "]")


if __name__ == "__main__":
    main()
