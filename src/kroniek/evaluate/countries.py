"""Country names and codes as gold data writes them -> ISO 3166-1 alpha-3.

ACLED writes country names ('Democratic Republic of Congo', 'Turkey') and
puts them in actor names ('Protesters (Bolivia)', 'Military Forces of
Russia (2000-)'); the PLOVER gold standard uses CAMEO country codes, most of
which are ISO alpha-3 but some are not ('JAP', 'ITL'). These tables describe
the gold data's conventions, not a language, so they live with the evaluator.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

#: ACLED spellings pycountry's exact lookup does not know.
NAME_ALIASES = {
    "turkey": "TUR", "democratic republic of congo": "COD", "republic of congo": "COG",
    "palestine": "PSE", "russia": "RUS", "ivory coast": "CIV", "cape verde": "CPV",
    "kosovo": "XKX", "northern ireland": "GBR", "curacao": "CUW", "reunion": "REU",
    "eswatini": "SWZ", "bailiwick of guernsey": "GGY", "bailiwick of jersey": "JEY",
    "micronesia": "FSM", "east timor": "TLS", "vatican city": "VAT", "saint-barthelemy": "BLM",
    "caribbean netherlands": "BES", "united states": "USA", "united kingdom": "GBR",
    "south korea": "KOR", "north korea": "PRK", "laos": "LAO", "syria": "SYR", "iran": "IRN",
    "vietnam": "VNM", "moldova": "MDA", "tanzania": "TZA", "bolivia": "BOL", "venezuela": "VEN",
}

#: CAMEO country codes that differ from ISO alpha-3.
CAMEO_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS",
               "KOS": "XKX", "BUR": "MMR", "WSB": "PSE", "GZS": "PSE", "PAL": "PSE", "SER": "SRB"}

_PARENS = re.compile(r"\(([^()]*)\)")


@lru_cache(maxsize=4096)
def name_to_alpha3(name: str | None) -> str | None:
    """'Bolivia' -> 'BOL'; None when the name is not a country."""
    if not name:
        return None
    key = " ".join(name.split()).strip(" .,").lower()
    if key.startswith("the "):
        key = key[4:]
    if not key or any(ch.isdigit() for ch in key):
        return None
    if key in NAME_ALIASES:
        return NAME_ALIASES[key]
    try:
        return pycountry.countries.lookup(key).alpha_3
    except LookupError:
        return None


def code_to_alpha3(code: str | None) -> str | None:
    """A CAMEO/ISO country code -> alpha-3; None for group codes (IGO, NGO, ...)."""
    if not code:
        return None
    code = code.strip().upper()
    if code in CAMEO_CODES:
        return CAMEO_CODES[code]
    if code == "XKX" or pycountry.countries.get(alpha_3=code) is not None:
        return code
    return None


@lru_cache(maxsize=8192)
def acled_actor_country(actor: str | None) -> str | None:
    """The country an ACLED actor name states, or None.

    Tries, in order: a parenthesised country ('Protesters (Bolivia)'), then the
    words after ' of ' with parentheses removed ('Military Forces of Russia
    (2000-)', 'Police Forces of Democratic Republic of Congo (2019-)').
    """
    if not actor:
        return None
    for inner in _PARENS.findall(actor):
        found = name_to_alpha3(inner)
        if found:
            return found
    bare = " ".join(_PARENS.sub(" ", actor).split())
    parts = bare.split(" of ")
    for i in range(1, len(parts)):
        found = name_to_alpha3(" of ".join(parts[i:]))
        if found:
            return found
    return None


def acled_gold_country(actor: str | None, row_country: str | None) -> str | None:
    """Gold country of an ACLED actor: from its name, else the row's `country` column."""
    if not actor:
        return None
    return acled_actor_country(actor) or name_to_alpha3(row_country)
