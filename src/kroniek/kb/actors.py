"""The actor knowledge base: who can act in the news, in every spelling.

Three sources, all package data:

* ``kb/data/actors/persons.txt``: curated people with their country, sector,
  aliases, transliteration variants and term-dated offices, of countries and
  of organisations (so 'de Oekraïense president' in 2022 is Zelensky and in
  March 2019 Poroshenko; 'de NAVO-chef' in 2025 is Rutte);
* ``kb/data/actors/organisations.txt``: international organisations, armed
  groups, agencies, parties, media and companies;
* generated for every ISO 3166 country (pycountry): the country itself (GPE)
  and its institutions, ids ``<ISO3>-<CODE>`` (see :data:`INSTITUTIONS`).

Language knowledge (country names, demonyms, the nouns of institutions and
offices, pronouns, capitals) lives in ``lang/<code>/actors.yaml``. For each
language an :class:`ActorIndex` is built: a list of dictionary keys for
:class:`kroniek.kb.matcher.Matcher` with, per key, what the key can mean. The
index is cached on disk with :mod:`kroniek.kb.cache` (the Aho-Corasick automaton
itself is not picklable; it is rebuilt from the key list, in milliseconds).

Ids: ``RUS`` (the country), ``RUS-MIL`` (its institutions), ``person/vladimir-putin``,
``NATO``, ``WEST`` (the West, a collective actor without a country).

Sector codes: GOV government, MIL state armed forces (a ministry of defence is
MIL), COP police and security forces, SPY intelligence, LEG parliament, JUD
courts and prosecutors, REB armed non-state groups, OPP opposition and
protesters, CVL civilians, IGO international organisations, NGO, MED media,
BUS business, POL parties and politicians out of office. A central bank is GOV
(a state institution, and that is how sanctions news treats it).
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from .. import lang as langdata
from . import cache
from .matcher import Matcher, normalize, normalize_key

#: Bump when the index format or the way it is built changes.
KB_VERSION = "actors-7"
DATA_DIR = Path(__file__).parent / "data" / "actors"

#: Institutions generated per country: code -> (sector, English name template).
INSTITUTIONS: dict[str, tuple[str, str]] = {
    "GOV": ("GOV", "Government of {country}"),
    "MIL": ("MIL", "Military Forces of {country}"),
    "COP": ("COP", "Police Forces of {country}"),
    "MOD": ("MIL", "Ministry of Defence of {country}"),
    "MFA": ("GOV", "Ministry of Foreign Affairs of {country}"),
    "LEG": ("LEG", "Parliament of {country}"),
    "CB": ("GOV", "Central Bank of {country}"),
    "JUD": ("JUD", "Judiciary of {country}"),
    "SPY": ("SPY", "Intelligence Services of {country}"),
    "PRO": ("OPP", "Protesters and Opposition ({country})"),
    "REB": ("REB", "Rebels and Militants ({country})"),
    "INT": ("GOV", "Ministry of the Interior of {country}"),
    "CVL": ("CVL", "Civilians ({country})"),
    "RIO": ("OPP", "Rioters ({country})"),
    "UAG": ("REB", "Unidentified Armed Group ({country})"),
}

#: Generic actors, named by a common noun ('protesters', 'gunmen', 'de politie'):
#: code (an institution of :data:`INSTITUTIONS`) -> (sector, name without a country).
#: With a country (a demonym, or the place of the sentence) the actor is the
#: country's institution; the nouns are in ``lang/<code>/actors.yaml`` (``generic``).
GENERIC: dict[str, tuple[str, str]] = {
    "PRO": ("OPP", "Protesters"),
    "RIO": ("OPP", "Rioters"),
    "MIL": ("MIL", "Military Forces"),
    "COP": ("COP", "Police Forces"),
    "UAG": ("REB", "Unidentified Armed Group"),
    "REB": ("REB", "Rebels and Militants"),
    "CVL": ("CVL", "Civilians"),
}

#: Offices a role noun can name; PRES and KING also make the holder head of state.
IMPLIED_ROLES = {"PRES": ("HOS",), "KING": ("HOS",)}

#: Name particles that belong to a surname: 'Le Drian', 'von der Leyen'.
_PARTICLES = {"le", "la", "de", "van", "von", "der", "den", "al", "el", "bin", "da", "du", "ten", "ter"}

#: Key kinds in an ActorIndex entry.
NAME, COUNTRY, DEMONYM, PEOPLE, NOUN, OFFICE, FOCUS, ROLEREF, TITLE, PRONOUN, CAPITAL, BUILDING, CUE, BLOCK = (
    "NAME", "COUNTRY", "DEMONYM", "PEOPLE", "NOUN", "OFFICE", "FOCUS", "ROLEREF", "TITLE", "PRONOUN",
    "CAPITAL", "BUILDING", "CUE", "BLOCK")
#: A speech verb ('zei', 'said'): a cue for an unlisted person name before it.
SAID = "SAID"
#: A common noun for a generic actor ('protesters', 'gewapende mannen'): value a code of :data:`GENERIC`.
GENERIC_NOUN = "GENERIC"
#: An office of an organisation ('VN-chef', 'NATO chief'): value (org id, role).
ORGOFFICE = "ORGOFFICE"


@dataclass(slots=True)
class Office:
    role: str
    start: date
    end: date | None  # None while in office


@dataclass
class ActorKB:
    """All actors (language independent)."""

    actors: list[dict[str, Any]] = field(default_factory=list)
    by_id: dict[str, int] = field(default_factory=dict)
    #: (original alias form, actor position): names, surnames, acronyms
    aliases: list[tuple[str, int]] = field(default_factory=list)
    #: (country, role) -> [(start, end, actor position)]
    offices: dict[tuple[str, str], list[tuple[date, date | None, int]]] = field(default_factory=dict)

    def add(self, actor: dict[str, Any]) -> int:
        if actor["id"] in self.by_id:
            raise ValueError(f"duplicate actor id {actor['id']}")
        self.by_id[actor["id"]] = len(self.actors)
        self.actors.append(actor)
        return len(self.actors) - 1

    def get(self, actor_id: str) -> dict[str, Any] | None:
        pos = self.by_id.get(actor_id)
        return None if pos is None else self.actors[pos]

    def holder(self, country: str, role: str, start: date, end: date) -> dict[str, Any] | None:
        """The one person who held ``role`` in ``country`` throughout [start, end], if any."""
        found = [pos for (s, e, pos) in self.offices.get((country, role), ())
                 if s <= start and (e is None or end < e)]
        return self.actors[found[0]] if len(set(found)) == 1 else None

    def roles_of(self, actor: dict[str, Any], start: date | None, end: date | None) -> set[str]:
        """The roles ``actor`` held over the period (any time when the period is None)."""
        roles = set()
        for role, s, e in actor.get("offices", ()):
            if start is None or (s <= start and (e is None or end < e)):
                roles.add(role)
        return roles


@dataclass
class ActorIndex:
    """The dictionary of one language: keys for the matcher and their meanings."""

    lang: str
    kb: ActorKB
    keys: list[str]
    #: per key: list of (kind, value, capitals) entries; capitals are the offsets
    #: of the letters the text must write in capitals ('AP', 'Poetin'), None, or the
    #: exact form the text must write (a str: 'Støre', whose key 'store' is a common word)
    entries: list[list[tuple[str, Any, tuple[int, ...] | None]]]
    suffixes: tuple[str, ...]
    context: dict[str, Any]
    modifiers: frozenset[str]
    #: dotted abbreviations ('U.S.'): a match may take in the final dot
    abbreviations: frozenset[str] = frozenset()
    #: cues for names the KB does not know (``names`` in the language file): stop
    #: (function words), org (organisation words), first (first names), titles, said
    names: dict[str, frozenset[str]] = field(default_factory=dict)
    _matcher: Matcher | None = field(default=None, repr=False)

    @property
    def matcher(self) -> Matcher:
        if self._matcher is None:
            self._matcher = Matcher(self.keys, self.suffixes)
        return self._matcher

    @property
    def key_index(self) -> dict[str, int]:
        """Position of each key."""
        found = self.__dict__.get("_key_index")
        if found is None:
            found = self.__dict__["_key_index"] = {k: i for i, k in enumerate(self.keys)}
        return found

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_matcher"] = None
        state.pop("_key_index", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)


# -- fast normalisation -----------------------------------------------------------

_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_FOLDED: dict[str, str | None] = {}


@lru_cache(maxsize=1)
def _ascii_table() -> dict[int, str]:
    return {i: normalize(chr(i)) for i in range(128)}


def _folded(ch: str) -> str | None:
    """``normalize(ch)`` if it is ASCII that folding again leaves alone, else None."""
    if ch not in _FOLDED:
        folded = normalize(ch)
        _FOLDED[ch] = folded if folded.isascii() and folded.translate(_ascii_table()) == folded else None
    return _FOLDED[ch]


def fast_normalize(text: str) -> str:
    """The same as :func:`kroniek.kb.matcher.normalize`, several times faster on news text.

    ``str.translate`` is only fast on ASCII strings, so the few non-ASCII
    characters of a text ('ë', '’') are folded first, one by one; a text with
    a character that does not fold to plain ASCII takes the slow way.
    """
    if not text.isascii():
        for ch in set(_NON_ASCII.findall(text)):
            if _folded(ch) is None:
                return normalize(text)
        text = _NON_ASCII.sub(lambda m: _FOLDED[m.group()], text)
    return text.translate(_ascii_table())


# -- reading the curated data ---------------------------------------------------

def _rows(path: Path) -> Iterable[list[str]]:
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            yield [cell.strip() for cell in line.split("|")]


def _split(cell: str) -> list[str]:
    return [a.strip() for a in cell.split(";") if a.strip()]


def _date(text: str) -> date | None:
    if text in ("", "-"):
        return None
    parts = [int(p) for p in text.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _offices(cell: str) -> list[tuple[str, date, date | None]]:
    """'PRES,HOG 2021-01-20 2025-01-20;FM 2019 -' -> [(role, start, end)], implied roles added."""
    out = []
    for item in _split(cell):
        roles, start, end = item.split()
        for role in roles.split(","):
            for r in (role, *IMPLIED_ROLES.get(role, ())):
                out.append((r, _date(start), _date(end)))
    return out


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalize_key(text)).strip("-")


#: Latin transliterations of Cyrillic sounds, English -> Dutch.
_DUTCH_TRANSLIT = [("shch", "sjtsj"), ("kh", "ch"), ("ch", "tsj"), ("sh", "sj"), ("zh", "zj"),
                   ("yu", "joe"), ("ya", "ja"), ("ye", "je"), ("yo", "jo"), ("u", "oe")]
_SKY_ENDINGS = ("skyy", "skyi", "skiy", "skij", "skyj", "sky", "ski")


def slavic_variants(word: str) -> set[str]:
    """Spelling variants of a transliterated Slavic name.

    'Zelensky' -> Zelenski, Zelenskij, Zelenskiy, Zelenskyy, Zelenskyi;
    'Putin' -> Poetin; 'Shoigu' -> Sjoigoe; 'Lavrov' -> Lavrow.
    """
    variants = {word}
    low = word.lower()
    for ending in _SKY_ENDINGS:
        if low.endswith(ending):
            stem = word[: -len(ending)]
            variants |= {stem + e for e in _SKY_ENDINGS}
            break
    if low.endswith("ov") or low.endswith("ev"):
        variants.add(word[:-1] + "w")
    dutch = set()
    for v in variants:
        out = v.lower()
        for a, b in _DUTCH_TRANSLIT:
            out = out.replace(a, b.upper())  # upper marks a replaced part
        dutch.add(out.lower())
    variants |= {d[:1].upper() + d[1:] for d in dutch}
    return variants


def _surname(name: str) -> str | None:
    """The surname of a multi-word name, with its particles; None for one word."""
    words = name.split()
    if len(words) < 2:
        return None
    i = len(words) - 1
    while i > 1 and words[i - 1].lower() in _PARTICLES:
        i -= 1
    return " ".join(words[i:])


def _person_aliases(name: str, aliases: list[str], flags: set[str]) -> list[str]:
    names = [name, *aliases]
    out: list[str] = []
    for n in names:
        out.append(n)
        if "t" in flags:
            words = n.split()
            for v in slavic_variants(words[-1]):
                out.append(" ".join([*words[:-1], v]))
    if "s" in flags:
        # surnames of the name and of its spellings with as many words ('Volodymyr
        # Zelenski'), not of longer forms ('Abiy Ahmed Ali' is not Mr Ali)
        size = len(name.split())
        for n in list(out):
            surname = _surname(n) if len(n.split()) == size else None
            if surname:
                out.append(surname)
    seen: dict[str, str] = {}
    for a in out:
        seen.setdefault(normalize_key(a), a)
    return list(seen.values())


def _load_persons(kb: ActorKB) -> None:
    for row in _rows(DATA_DIR / "persons.txt"):
        country, sector, name, aliases, flags, offices = (row + [""] * 6)[:6]
        flag_set = {f.strip() for f in flags.split(",") if f.strip()}
        actor = {
            "id": "person/" + slug(name), "name": name, "country": country or None,
            "sector": sector, "kind": "PER", "gender": "f" if "f" in flag_set else "m",
            "offices": _offices(offices),
        }
        pos = kb.add(actor)
        for alias in _person_aliases(name, _split(aliases), flag_set):
            kb.aliases.append((alias, pos))
        for role, start, end in actor["offices"]:
            if "@" in role:  # an office of an organisation: 'SG@UN'
                role_code, org = role.split("@")
                kb.offices.setdefault((org, role_code), []).append((start, end, pos))
            elif country:
                kb.offices.setdefault((country, role), []).append((start, end, pos))


def _load_organisations(kb: ActorKB) -> None:
    for row in _rows(DATA_DIR / "organisations.txt"):
        actor_id, name, country, sector, aliases = (row + [""] * 5)[:5]
        kind = "GPE" if actor_id == "WEST" else "ORG"
        pos = kb.add({"id": actor_id, "name": name, "country": country or None, "sector": sector,
                      "kind": kind, "offices": []})
        for alias in dict.fromkeys([name, *_split(aliases)]):
            kb.aliases.append((alias, pos))


def country_name(alpha3: str) -> str:
    """The canonical English name: the English data's first name ('Russia'), else pycountry's."""
    import pycountry

    names = (langdata.resource("en", "actors") or {}).get("country_names") or {}
    if names.get(alpha3):
        return names[alpha3][0]
    country = pycountry.countries.get(alpha_3=alpha3)
    if country is None:
        return alpha3
    return getattr(country, "common_name", None) or country.name


def _generate_countries(kb: ActorKB) -> None:
    import pycountry

    for country in pycountry.countries:
        code = country.alpha_3
        name = country_name(code)
        kb.add({"id": code, "name": name, "country": code, "sector": "GOV", "kind": "GPE", "offices": []})
        for inst, (sector, template) in INSTITUTIONS.items():
            kb.add({"id": f"{code}-{inst}", "name": template.format(country=name), "country": code,
                    "sector": sector, "kind": "ORG", "offices": []})


def build_kb() -> ActorKB:
    kb = ActorKB()
    _generate_countries(kb)
    _load_organisations(kb)
    _load_persons(kb)
    return kb


# -- the per-language index -----------------------------------------------------

def _capitals(alias: str) -> tuple[int, ...] | None:
    """Offsets of the capitals the text must repeat ('AP' -> (0, 1)), or None if there are none.

    Offsets are into the key; an alias with runs of spaces is not case-checked.
    """
    if "  " in alias or alias != alias.strip():
        return None
    found = tuple(i for i, c in enumerate(alias) if c.isupper())
    return found or None


class _Builder:
    def __init__(self) -> None:
        self.keys: dict[str, int] = {}
        self.entries: list[list[tuple[str, Any, tuple[int, ...] | str | None]]] = []

    def add(self, surface: str, kind: str, value: Any, cased: bool = True, exact: bool = False) -> None:
        """Add a key meaning; ``cased``: the text must repeat the capitals of ``surface``;
        ``exact``: the text must repeat ``surface`` itself, diacritics and all."""
        key = normalize_key(surface)
        if not key:
            return
        pos = self.keys.get(key)
        if pos is None:
            pos = self.keys[key] = len(self.entries)
            self.entries.append([])
        entry = (kind, value, surface if exact else _capitals(surface) if cased else None)
        entries = self.entries[pos]
        for i, old in enumerate(entries):
            if old[:2] == entry[:2]:
                if entry[2] is None:  # also written without capitals: 'taliban'
                    entries[i] = entry
                return
        entries.append(entry)


def _country_names(lang: str, data: dict[str, Any]) -> dict[str, list[str]]:
    """Country names per alpha-3: the language file first, then pycountry."""
    import gettext

    import pycountry

    names: dict[str, list[str]] = {k: list(v) for k, v in (data.get("country_names") or {}).items()}
    try:
        translate = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]).gettext
    except OSError:
        translate = None
    for country in pycountry.countries:
        found = names.setdefault(country.alpha_3, [])
        candidates = [country.name, getattr(country, "common_name", None)]
        if translate is not None:
            candidates = [translate(country.name)] + ([getattr(country, "common_name", None)] if lang == "en" else [])
        for cand in candidates:
            if cand and "," not in cand and "(" not in cand and cand not in found:
                found.append(cand)
    return names


def _parse_demonym(text: str) -> tuple[list[str], list[str]]:
    adj, _, people = text.partition("/")
    return ([a.strip() for a in adj.split(",") if a.strip()],
            [p.strip() for p in people.split(",") if p.strip()])


def _common_words(lang: str) -> frozenset[str]:
    """Words of the language that are also names (``common_words`` of ``places.yaml``)."""
    data = langdata.resource(lang, "places") or {}
    return frozenset(str(w) for key in ("common_words", "very_common_words") for w in data.get(key) or ())


def _folds_to_a_word(alias: str, common: frozenset[str]) -> bool:
    """A one-word alias whose diacritics fold away into a common word: 'Støre' -> 'store'.

    Such an alias names the actor only where the text keeps the diacritics ('Burnt
    Store Isles' is no Norwegian prime minister); its full name still matches.
    """
    key = normalize_key(alias)
    return " " not in key and key != alias.lower() and key in common


def _plain_spelling_of_a_word(alias: str, spellings: list[str], common: frozenset[str]) -> bool:
    """'Store', the plain spelling of 'Støre' (another alias of the actor), is a common word:
    the text must write 'Støre' ('Burnt Store Isles' is no Norwegian prime minister)."""
    if " " in alias or not alias.isascii() or alias.lower() not in common:
        return False
    return any(not other.isascii() and len(other) == len(alias) and all(
        a.lower() == o.lower() or not o.isascii() for a, o in zip(alias, other)) for other in spellings)


def build_index(lang: str, kb: ActorKB | None = None) -> ActorIndex:
    kb = kb or build_kb()
    data = langdata.resource(lang, "actors") or {}
    b = _Builder()
    common = _common_words(lang)
    spellings: dict[int, list[str]] = {}
    for alias, pos in kb.aliases:
        spellings.setdefault(pos, []).append(alias)
    for alias, pos in kb.aliases:
        if _plain_spelling_of_a_word(alias, spellings[pos], common):
            continue
        b.add(alias, NAME, pos, exact=_folds_to_a_word(alias, common))
    for code, names in _country_names(lang, data).items():
        for name in names:
            b.add(name, COUNTRY, code)
    for code, text in (data.get("demonyms") or {}).items():
        adjectives, people = _parse_demonym(text)
        for adj in adjectives:
            b.add(adj, DEMONYM, code)
        for p in people:
            b.add(p, PEOPLE, code)
    for inst, nouns in (data.get("institutions") or {}).items():
        for noun in nouns:
            b.add(noun, NOUN, inst, cased=False)
    for role, nouns in (data.get("offices") or {}).items():
        for noun in nouns:
            b.add(noun, OFFICE, role, cased=False)
    for code, nouns in (data.get("generic") or {}).items():
        if code not in GENERIC:
            raise ValueError(f"{lang}/actors.yaml: unknown generic actor {code!r}")
        for noun in nouns:
            b.add(noun, GENERIC_NOUN, code, cased=False)
    for office, nouns in (data.get("org_offices") or {}).items():
        org, _, role = office.partition("/")
        for noun in nouns:
            b.add(noun, ORGOFFICE, (org, role), cased=False)
    for inst, nouns in (data.get("focus") or {}).items():
        for noun in nouns:
            b.add(noun, FOCUS, inst, cased=False)
    for role, nouns in (data.get("role_references") or {}).items():
        for noun in nouns:
            b.add(noun, ROLEREF, role, cased=False)
    for title in [*(data.get("titles") or ()), *((data.get("names") or {}).get("titles") or ())]:
        b.add(title, TITLE, None, cased=False)
    for word in (data.get("names") or {}).get("said") or ():
        b.add(word, SAID, None, cased=False)
    for gender, words in (data.get("pronouns") or {}).items():
        for w in words:
            b.add(w, PRONOUN, gender, cased=False)
    for code, names in (data.get("capitals") or {}).items():
        for name in names:
            b.add(name, CAPITAL, code)
    for actor_id, names in (data.get("buildings") or {}).items():
        for name in names:
            b.add(name, BUILDING, actor_id)
    for cue in data.get("conflict_cues") or ():
        b.add(cue, CUE, None, cased=False)
    for name in data.get("not_actors") or ():
        b.add(name, BLOCK, None, cased=False)
    context = {k: ({normalize_key(str(w)) for w in v} if isinstance(v, list) else v)
               for k, v in (data.get("context") or {}).items()}
    context["person_nouns"] = {normalize_key(w) for w in data.get("person_nouns") or ()}
    names: dict[str, frozenset[str]] = {}
    if data.get("names"):
        spec = data["names"]
        names = {key: frozenset(normalize_key(str(w)) for w in spec.get(key) or ())
                 for key in ("stop", "org", "first", "titles", "said", "place_before", "place_after",
                             "org_endings", "adjective_endings", "particles")}
        names["titles"] |= frozenset(normalize_key(w) for w in [*(data.get("titles") or ()),
                                                                  *(data.get("person_nouns") or ())])
    return ActorIndex(lang=lang, kb=kb, keys=list(b.keys), entries=b.entries,
                      suffixes=tuple(data.get("suffixes") or ()), context=context,
                      modifiers=frozenset(normalize_key(m) for m in data.get("modifiers") or ()),
                      abbreviations=frozenset(data.get("abbreviations") or ()), names=names)


def _data_version(lang: str) -> str:
    """A version that changes with this module's code, the data files and pycountry."""
    digest = hashlib.sha256(KB_VERSION.encode())
    paths = [Path(__file__)] + sorted(DATA_DIR.glob("*.txt")) + [langdata.LANG_DIR / lang / "actors.yaml",
                                             langdata.LANG_DIR / langdata.FALLBACK / "actors.yaml",
                                             langdata.LANG_DIR / lang / "places.yaml"]
    for path in paths:
        if path.exists():
            digest.update(path.read_bytes())
    # pycountry's country database, without importing pycountry (slow to import)
    spec = importlib.util.find_spec("pycountry")
    if spec is not None and spec.origin:
        database = Path(spec.origin).parent / "databases" / "iso3166-1.json"
        if database.exists():
            stat = database.stat()
            digest.update(f"{stat.st_size}:{stat.st_mtime_ns}".encode())
    return f"{KB_VERSION}-{lang}-{digest.hexdigest()[:16]}"


@lru_cache(maxsize=None)
def load_index(lang: str | None) -> ActorIndex:
    """The index of ``lang`` (English data if the language has none), cached on disk."""
    code = lang if lang and langdata.has_resource(lang, "actors") else langdata.FALLBACK
    index = cache.load_or_build(f"actor-index-{code}", _data_version(code), lambda: build_index(code))
    index.matcher  # build the automaton and the key positions now, not on the first document
    index.key_index
    return index


@lru_cache(maxsize=None)
def load_kb() -> ActorKB:
    return load_index(langdata.FALLBACK).kb
