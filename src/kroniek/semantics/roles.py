"""Actor and recipient of an event trigger, from word order and role words.

No parser: within the trigger's sentence we look at each ACTOR span's
governing word (the role word up to a few words before it: 'door', 'tegen',
'met', 'tussen', 'volgens', 'in', ...), at whether the trigger is a
participle after a passive auxiliary, and at its position before or after
the trigger. Role words live in ``lang/<code>/roles.yaml``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .. import lang as langdata
from ..document import Document, Span
from ..kb.actors import GENERIC
from ..kb.matcher import normalize_key

_WORD = re.compile(r"[\w'’-]+")
#: Kinds of role word, in the order they are looked up.
ROLE_KINDS = ("agent", "target", "partner", "between", "genitive", "scene", "source", "under")
#: How far back (in words) a role word may govern an actor ('met zijn Franse collega X').
GOVERN_WINDOW = 5
#: Types whose actor, when only a nationality adjective names it, is the military.
ARMED_TYPES = frozenset({"ASSAULT", "MOBILIZE", "RETREAT"})
#: Names of generic actors the actors layer found no country for ('Protesters', 'Unidentified Armed Group').
GENERIC_NAMES = frozenset(name for _, name in GENERIC.values())
#: Event types whose unlisted organisers act where the event happens ('IYC members staged a protest').
LOCAL_TYPES = frozenset({"PROTEST"})


@dataclass(slots=True, frozen=True)
class RoleWords:
    kinds: dict[str, str]            # word -> kind
    passive: frozenset[str]
    conjunction: frozenset[str]
    definite: frozenset[str]
    clause_breaks: frozenset[str]
    relative: frozenset[str]
    articles: frozenset[str]
    demonyms: dict[str, dict[str, str]]
    quantifiers: frozenset[str]      # 'dozens of', 'a group of': the 'of' phrase is the counted subject
    approximators: frozenset[str]    # 'around 300', '100 to 200': a role word that only counts
    numerals: frozenset[str]         # number words (numbers.yaml), besides digits
    openers: frozenset[str]          # ', including students,': an aside between subject and verb


@lru_cache(maxsize=None)
def role_words(lang: str | None) -> RoleWords:
    data = langdata.resource(lang, "roles")
    kinds: dict[str, str] = {}
    for kind in ROLE_KINDS:
        for word in data.get(kind) or ():
            kinds.setdefault(normalize_key(word), kind)

    def words(name: str) -> frozenset[str]:
        return frozenset(normalize_key(w) for w in data.get(name) or ())

    numbers = langdata.resource(lang, "numbers")
    articles = words("articles")
    numerals = frozenset(normalize_key(w) for w in [*(numbers.get("morphemes") or ()), *(numbers.get("vague") or {})]
                         if " " not in w) - articles
    return RoleWords(kinds, words("passive"), words("conjunction"), words("definite"),
                     words("clause_breaks"), words("relative"), articles,
                     {normalize_key(k): v for k, v in (data.get("demonyms") or {}).items()},
                     words("quantifiers"), words("approximators"), numerals, words("openers"))


#: A word: (start, end, normalised form); plain tuples, built per sentence on the hot path.
Token = tuple[int, int, str]
START, END, WORD = 0, 1, 2


def tokenize(norm: str, start: int, end: int) -> list[Token]:
    """Words of ``norm[start:end]`` (the normaliser already folded ’ into ')."""
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(norm, start, end)]


def token_index(tokens: list[Token], offset: int) -> int:
    """Index of the first token that starts at or after ``offset``."""
    lo, hi = 0, len(tokens)
    while lo < hi:
        mid = (lo + hi) // 2
        if tokens[mid][START] < offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


def actor_dict(doc: Document, span: Span, role: str) -> dict[str, Any]:
    a = span.attrs
    record = {"role": role, "text": span.text(doc), "name": a.get("name"), "id": a.get("id"),
              "country": a.get("country"), "sector": a.get("sector"), "span": [span.start, span.end]}
    if a.get("country_source"):  # the country was read from a place, not said of the actor
        record["country_source"] = a["country_source"]
    return record


def locate_local_actors(actors: list[dict[str, Any]], event_type: str, location: dict[str, Any] | None) -> None:
    """Generic actors without a country take the country of the event's place.

    Protesters, rioters and unidentified armed groups are the country's where
    they act (ACLED's convention); so are the unlisted organisations that stage
    a protest ('IYC members staged a protest in Chandigarh'). The country is
    marked ``country_source`` 'place' and ``resolved_from`` the place: it is
    read from the location, not said of the actor. Listed actors (with a KB id)
    keep what the KB says, even without a country ('Islamic State').
    """
    country = (location or {}).get("country")
    if not country:
        return
    for actor in actors:
        if actor.get("country") or actor.get("id"):
            continue
        if actor.get("name") in GENERIC_NAMES or (actor["role"] == "actor" and event_type in LOCAL_TYPES):
            actor["country"] = country
            actor["country_source"] = "place"
            if location.get("span"):
                actor["resolved_from"] = list(location["span"])


def place_actor(doc: Document, place: Span, role: str) -> dict[str, Any]:
    """A place that suffers an event ('Charkov kwam onder vuur') as its recipient."""
    a = place.attrs
    return {"role": role, "text": place.text(doc), "name": a.get("name"), "id": None,
            "country": a.get("country"), "sector": None, "span": [place.start, place.end]}


class RoleFinder:
    """Assigns roles for the triggers of one sentence."""

    def __init__(self, doc: Document, norm: str, sentence: Span, words: RoleWords,
                 actors: list[Span], places: list[Span], excluded: list[tuple[int, int]],
                 dates: list[Span] = ()):
        self.doc, self.norm, self.words = doc, norm, words
        self.tokens = tokenize(norm, sentence.start, sentence.end)
        # offsets of the phrase-ending punctuation in the sentence: _break() bisects them
        self._bounds = (sentence.start, sentence.end)
        self._breaks = [m.start() for m in _BREAK.finditer(doc.text, sentence.start, sentence.end)]
        if actors and excluded:  # only the excluded ranges that reach into this sentence
            excluded = [r for r in excluded if r[0] < sentence.end and r[1] > sentence.start]
        self.actors = [a for a in actors if not _inside_any(a, excluded)] if excluded else list(actors)
        self.places = places
        self._dates = [(d.start, d.end) for d in dates]
        self.governors = {id(a): self.governor(a.start) for a in self.actors}
        self._link_conjuncts()

    # -- governing role words ------------------------------------------------
    def governor(self, offset: int) -> str | None:
        """The kind of role word that governs the phrase starting at ``offset``."""
        i = token_index(self.tokens, offset)
        for j in range(i - 1, max(-1, i - 1 - GOVERN_WINDOW), -1):
            tok = self.tokens[j]
            if self._break(tok[END], self.tokens[j + 1][START] if j + 1 < len(self.tokens) else offset):
                return None
            kind = self.words.kinds.get(tok[WORD])
            if kind is not None and self._counts(j, kind):
                continue  # 'around 300 people', 'dozens of women': part of the counted phrase
            if kind is not None:
                if j > 0 and self.words.kinds.get(self.tokens[j - 1][WORD]) == "source":
                    return "source"  # 'according to X', 'volgens aan' never a partner
                return kind
            if any(a.start <= tok[START] < a.end for a in self.actors):
                return None
            if self._dates and any(s <= tok[START] < e for s, e in self._dates):
                return None  # 'Op 6 mei demonstreerden boeren': 'op' governs the date
        return None

    def _counts(self, j: int, kind: str) -> bool:
        """The role word at token ``j`` belongs to a count, not to the phrase's role.

        'around 300 people', 'rond de 300 mensen', '100 to 200 students' (an
        approximator next to a number); 'dozens of women', 'a group of people'
        (a quantity noun before the genitive word).
        """
        tokens, words = self.tokens, self.words
        if kind == "genitive":
            return j > 0 and tokens[j - 1][WORD] in words.quantifiers
        if tokens[j][WORD] not in words.approximators:
            return False
        after = [t[WORD] for t in tokens[j + 1:j + 3]]
        if after and after[0] in words.articles:
            after = after[1:]
        return (bool(after) and self._numeral(after[0])) or (j > 0 and self._numeral(tokens[j - 1][WORD]))

    def _numeral(self, word: str) -> bool:
        return word[0].isdigit() or word in self.words.numerals

    def _break(self, start: int, end: int) -> bool:
        """:func:`_has_break` inside the sentence, from the punctuation found once."""
        if start >= end:
            return False
        if not (self._bounds[0] <= start and end <= self._bounds[1]):
            return _has_break(self.doc.text, start, end)
        i = bisect.bisect_left(self._breaks, start)
        return i < len(self._breaks) and self._breaks[i] < end

    def _link_conjuncts(self) -> None:
        """'tussen Kiev en Moskou': an actor right after 'en' shares the role of the one before."""
        ordered = sorted(self.actors, key=lambda a: a.start)
        for prev, cur in zip(ordered, ordered[1:]):
            between = self.norm[prev.end:cur.start].split()
            if (len(between) == 1 and between[0] in self.words.conjunction
                    and not self._break(prev.end, cur.start)):
                self.governors[id(cur)] = self.governors[id(prev)]

    # -- clause structure ------------------------------------------------------
    def passive(self, trigger_start: int, clause_start: int) -> bool:
        i = token_index(self.tokens, trigger_start)
        return any(t[WORD] in self.words.passive for t in self.tokens[:i] if t[START] >= clause_start)

    def preceding_words(self, offset: int, n: int) -> list[Token]:
        i = token_index(self.tokens, offset)
        return self.tokens[max(0, i - n):i]

    def under(self, trigger_start: int) -> bool:
        """'onder (Russisch) vuur': a role word of kind 'under' up to two words before."""
        return any(self.words.kinds.get(t[WORD]) == "under" for t in self.preceding_words(trigger_start, 3))

    # -- roles ---------------------------------------------------------------
    def assign(self, event_type: str, trigger: tuple[int, int], verb: bool, participle: bool,
               clause: tuple[int, int], reach: int | None = None,
               of_recipient: bool = False) -> tuple[list[dict[str, Any]], list[Span]]:
        """Actor dicts for the event, and the places that are its recipients.

        ``reach``: how far a 'tegen X' / 'met X' phrase may follow the trigger across
        commas ('sancties, onder andere tegen de centrale bank'); the next event's trigger.
        """
        t_start, t_end = trigger
        reach = clause[1] if reach is None else max(reach, clause[1])
        in_clause = [a for a in self.actors if not (a.start < t_end and t_start < a.end) and (
            clause[0] <= a.start < clause[1]
            or t_end <= a.start < reach and self.governors[id(a)] in ("target", "partner"))]
        roles: list[tuple[str, Span]] = []
        place_recipients: list[Span] = []
        free_before = [a for a in in_clause if a.end <= t_start and self.governors[id(a)] is None]
        free_after = [a for a in in_clause if a.start >= t_end and self.governors[id(a)] is None]
        for a in in_clause:
            kind = self.governors[id(a)]
            if kind == "between":
                roles.append(("actor", a))
            elif kind == "agent":
                roles.append(("actor", a))
            elif kind in ("target", "partner") and a.start >= t_end:
                roles.append(("recipient", a))
            elif kind == "genitive" and not verb and a.start >= t_end and _adjacent(self, t_end, a.start, 2):
                roles.append(("recipient" if of_recipient else "actor", a))
        if not verb:  # 'een Russische tankcolonne': the actors layer read the trigger as the force
            roles.extend(("actor", a) for a in self.actors if a.start < t_end and t_start < a.end
                         and clause[0] <= a.start)
        passive = participle and self.passive(t_start, clause[0])
        suffers = not verb and self.under(t_start)
        adjective = None if verb else self._adjective_actor(t_start, event_type)
        if passive or suffers:
            roles.extend(("recipient", a) for a in free_before[:1])
            if not free_before and passive:
                adjective = self._demonym_before(t_start, clause[0], event_type)
                if adjective is None:  # 'Moskou werd gestraft' with no actor read there
                    place_recipients.extend(self._free_places_before(t_start, clause[0])[:1])
            if not free_before and suffers:  # 'Charkov, de tweede stad, kwam onder vuur': whole sentence
                place_recipients.extend(self._free_places_before(t_start, self.tokens[0][START] if self.tokens else 0)[:1])
        elif verb:
            subject = None if free_before else (self._subject_before_aside(clause[0])
                                                or self._subject_after_label(t_end, clause))
            own = [a for a in self.actors if a.start <= t_start and t_end <= a.end]
            if own and not free_before and subject is None:
                # 'demonstrators gathered in front of the building in Atlanta (Georgia)': the group acts
                roles.append(("actor", own[0]))
            elif free_before:
                roles.append(("actor", free_before[0]))
                roles.extend(("recipient", a) for a in free_before[1:2])
                roles.extend(("recipient", a) for a in free_after[:1])
            elif subject is not None:
                roles.append(("actor", subject))
                roles.extend(("recipient", a) for a in free_after[:1])
            elif free_after:
                roles.append(("actor", free_after[0]))
                roles.extend(("recipient", a) for a in free_after[1:2])
        elif not any(r == "actor" for r, _ in roles) and adjective is None:
            subject = free_before[0] if free_before else (self._subject_before_aside(clause[0])
                                                          or self._subject_after_label(t_end, clause))
            if subject is not None:
                roles.append(("actor", subject))
        result = [actor_dict(self.doc, span, role) for role, span in roles]
        if adjective is not None and not any(r["role"] == adjective["role"] for r in result):
            result.insert(0, adjective)
        if event_type == "ASSAULT" and not any(r["role"] == "recipient" for r in result):
            place_recipients.extend(p for p in self.places if p.start >= t_end
                                    and self.governor(p.start) == "target"
                                    and p.start < clause[1])
        result.extend(place_actor(self.doc, p, "recipient") for p in place_recipients[:1])
        result.sort(key=lambda r: r["role"] != "actor")
        return _dedupe(result), place_recipients[:1]

    def _subject_before_aside(self, clause_start: int) -> Span | None:
        """'about 70 people, including councillors, gathered': the subject before an aside.

        The clause starts after a comma; an aside opened by an opener word
        ('including', 'waaronder') ends there, and the last actor free of role
        words just before the aside's comma is the subject.
        """
        i = token_index(self.tokens, clause_start)
        for j in range(i - 1, max(0, i - 16), -1):
            tok = self.tokens[j]
            if tok[WORD] not in self.words.openers or not self._break(self.tokens[j - 1][END], tok[START]):
                continue
            comma = self.tokens[j - 1][END]
            before = [a for a in self.actors if a.end <= comma and self.governors[id(a)] is None
                      and not self._break(a.end, comma)]
            return before[-1] if before else None
        return None

    def _subject_after_label(self, trigger_end: int, clause: tuple[int, int]) -> Span | None:
        """'Property destruction: On 6 May, military forces set houses on fire': a label's actor.

        A trigger that is the whole clause before a colon at the start of the
        sentence labels what follows; the first actor free of role words there,
        outside parentheses ('(Danu Self-Administered Zone, Shan)'), is the actor.
        """
        if not self.tokens or clause[0] > self.tokens[0][START] or self.doc.text[trigger_end:clause[1] + 1].strip() != ":":
            return None
        text = self.doc.text
        return next((a for a in self.actors if a.start > clause[1] and self.governors[id(a)] is None
                     and text.count("(", clause[1], a.start) <= text.count(")", clause[1], a.start)), None)

    def _adjective_actor(self, trigger_start: int, event_type: str) -> dict[str, Any] | None:
        """'Russisch artillerievuur', 'een lange Russische tankcolonne': the adjective's country."""
        for tok in reversed(self.preceding_words(trigger_start, 3)):
            covering = [a for a in self.actors if a.start <= tok[START] < a.end]
            if covering:
                return actor_dict(self.doc, covering[0], "actor") if covering[0].end <= trigger_start else None
            if tok[WORD] in self.words.demonyms:
                return self._demonym(tok, event_type)
            if self.words.kinds.get(tok[WORD]) or self._break(tok[END], trigger_start):
                return None
        return None

    def _demonym_before(self, offset: int, clause_start: int, event_type: str) -> dict[str, Any] | None:
        """'zo'n 4.500 Russische soldaten zijn gedood': the nationality of a passive subject."""
        for tok in self.tokens[:token_index(self.tokens, offset)]:
            if tok[START] >= clause_start and tok[WORD] in self.words.demonyms:
                if any(a.start <= tok[START] < a.end for a in self.actors):
                    return None
                found = self._demonym(tok, event_type)
                found["role"] = "recipient"
                return found
        return None

    def _demonym(self, tok: Token, event_type: str) -> dict[str, Any]:
        demonym = self.words.demonyms[tok[WORD]]
        return {"role": "actor", "text": self.doc.text[tok[START]:tok[END]],
                "name": demonym.get("name"), "id": None, "country": demonym.get("country"),
                "sector": "MIL" if event_type in ARMED_TYPES else None,
                "span": [tok[START], tok[END]]}

    def _free_places_before(self, offset: int, clause_start: int) -> list[Span]:
        return [p for p in self.places if clause_start <= p.start and p.end <= offset
                and self.governor(p.start) is None]


def _adjacent(finder: RoleFinder, end: int, start: int, n: int) -> bool:
    i, j = token_index(finder.tokens, end), token_index(finder.tokens, start)
    return j - i <= n


_BREAK = re.compile(r"[,;:.!?()\[\]\"“”‘’]")


def _has_break(text: str, start: int, end: int) -> bool:
    """Punctuation between two words ends a phrase (read in the original text)."""
    return start < end and _BREAK.search(text, start, end) is not None


def _inside_any(span: Span, ranges: list[tuple[int, int]]) -> bool:
    return any(s <= span.start and span.end <= e for s, e in ranges)


def _dedupe(actors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[tuple[str, str]] = set()
    out = []
    for a in actors:
        key = (a["role"], a.get("name") or a["text"])
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out
