"""The event vocabulary of one language, compiled once for one-pass matching.

``lang/<code>/events.yaml`` lists trigger forms with their PLOVER type, mode
and ACLED type, plus context words (conflict, sport/culture, background
markers, tags for ACLED rules). Everything goes into one
:class:`~kroniek.kb.matcher.Matcher`; compound heads ('...aanval',
'...vuur') get a second automaton that matches at the *end* of longer words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import re

import ahocorasick_rs

from .. import lang as langdata
from ..kb.matcher import Matcher, normalize, normalize_key


@dataclass(slots=True, frozen=True)
class TriggerEntry:
    """One trigger sense: a form maps to one of these."""

    type: str
    mode: str | None = None
    acled: tuple[str, str] | None = None
    ambiguous: bool = False
    casualty: bool = False
    participle: bool = False
    absorbs: tuple[str, ...] = ()
    absorbs_nouns: tuple[str, ...] = ()  # 'weigerde het verzoek': the request is the object
    followed_by: tuple[tuple[str, str | None], ...] = ()
    compound: bool = False
    of_recipient: bool = False  # 'lid worden van X': X is the recipient, not the actor
    #: A trigger only when one of these words follows in its clause ('gathered ... against').
    requires: frozenset[str] = frozenset()
    requires_words: int = 0


@dataclass(slots=True)
class Hit:
    """A word found in the text: a trigger, or a context word with its kinds."""

    start: int
    end: int
    entry: TriggerEntry | None = None
    kinds: frozenset[str] = frozenset()


@dataclass
class Lexicon:
    matcher: Matcher
    payloads: list[tuple[TriggerEntry | None, frozenset[str]]]
    heads: Any  # ahocorasick_rs.AhoCorasick or None
    head_entries: list[tuple[str, TriggerEntry, bool]] = field(default_factory=list)
    head_exclude: frozenset[str] = frozenset()
    compound_modes: dict[str, str] = field(default_factory=dict)
    separable: dict[int, list[tuple[str, TriggerEntry]]] = field(default_factory=dict)
    particle_followers: frozenset[str] = frozenset()
    #: Prepositions that may follow a separable verb's particle: a place or instrument put
    #: after the verb ('sloegen een dief dood in Kampala', 'beat a thief to death with sticks').
    particle_prepositions: frozenset[str] = frozenset()
    #: 'The man was killed', 'he died': words just before a death trigger that make one victim.
    one_victim_before: frozenset[str] = frozenset()
    one_victim_dead: frozenset[str] = frozenset()
    #: Words that open a subordinate clause ('dat', 'that'), from the language's cues.
    complementizers: frozenset[str] = frozenset()
    #: Key -> payload index: a suffixed match ('explosion' + 's') that is a key of its own
    #: ('explosions') takes that key's sense and tags.
    key_index: dict[str, int] = field(default_factory=dict)
    #: Subjects that open a sentence giving the purpose of the one before ('They demanded ...').
    purpose_subjects: tuple[tuple[str, ...], ...] = ()

    def scan(self, text: str, norm: str | None = None) -> list[Hit]:
        """All trigger and context hits, in text order."""
        norm = normalize(text) if norm is None else norm
        hits = []
        payloads, separable, keys, key_index = self.payloads, self.separable, self.matcher.keys, self.key_index
        for start, end, key in self.matcher.find_spans(norm):  # tuples: no Match objects
            if end - start != len(keys[key]):  # matched with an inflection suffix
                key = key_index.get(norm[start:end], key)
            entry, kinds = payloads[key]
            if entry is None and key in separable:
                entry = self._separated(text, norm, end, separable[key])
            hits.append(Hit(start, end, entry, kinds))
        if self.heads is not None:
            hits.extend(self._compounds(norm, hits))
            hits.sort(key=lambda h: h.start)
        return hits

    def _compounds(self, norm: str, taken: list[Hit]) -> list[Hit]:
        """Longer words ending in a head ('raketaanval'), not already matched whole."""
        found: dict[int, Hit] = {}
        covered = {h.start for h in taken}
        for index, start, end in self.heads.find_matches_as_indexes(norm, overlapping=True):
            if start == 0 or not (norm[start - 1].isalnum() or norm[start - 1] == "-"):
                continue
            if end < len(norm) and norm[end].isalnum():
                continue
            word_start = start
            while word_start > 0 and (norm[word_start - 1].isalnum() or norm[word_start - 1] == "-"):
                word_start -= 1
            if word_start in covered:
                continue
            word = norm[word_start:end]
            if word in self.head_exclude:
                continue
            head, entry, needs_modifier = self.head_entries[index]
            modifier = norm[word_start:start].rstrip("-")
            mode = self._modifier_mode(modifier)
            if needs_modifier and mode is None:
                continue
            if mode is not None:
                entry = TriggerEntry(entry.type, mode, entry.acled, False, entry.casualty,
                                     entry.participle, entry.absorbs, entry.absorbs_nouns, entry.followed_by,
                                     True, entry.of_recipient)
            else:
                entry = TriggerEntry(entry.type, entry.mode, entry.acled, entry.ambiguous,
                                     entry.casualty, entry.participle, entry.absorbs,
                                     entry.absorbs_nouns, entry.followed_by, True, entry.of_recipient)
            previous = found.get(word_start)
            if previous is None or previous.end - previous.start < end - word_start:
                found[word_start] = Hit(word_start, end, entry, frozenset())
        return list(found.values())

    def _separated(self, text: str, norm: str, end: int,
                   options: list[tuple[str, TriggerEntry]]) -> TriggerEntry | None:
        """'Rusland valt de stad opnieuw aan': the particle closes the verb's clause."""
        stop = _CLAUSE_END.search(text, end, end + SEPARABLE_REACH)
        limit = stop.start() if stop else min(len(text), end + SEPARABLE_REACH)
        words = [(m.group(), m.end()) for m in _WORD.finditer(norm, end, limit)]
        for i, (word, word_end) in enumerate(words):
            closes = i + 1 == len(words) and (stop is not None or word_end >= len(text) - 1)
            if not closes and i + 1 < len(words) and not self._after_particle(words[i + 1][0]):
                continue
            for particle, entry in options:
                if word == particle:
                    return entry
        return None

    def _after_particle(self, word: str) -> bool:
        """Can ``word`` follow a particle that closes its verb ('... dood in Kampala', '... aan en')?"""
        return word in self.particle_followers or word in self.particle_prepositions

    def _modifier_mode(self, modifier: str) -> str | None:
        for key, mode in self.compound_modes.items():
            if modifier.endswith(key):
                return mode
        return None


#: How far (characters) a separable verb's particle may follow its stem.
SEPARABLE_REACH = 120
_CLAUSE_END = re.compile(r"[,;:.!?()\"“”]")
_WORD = re.compile(r"[\w'-]+")


def _entry(spec: dict[str, Any], participle: bool) -> TriggerEntry:
    acled = spec.get("acled")
    return TriggerEntry(
        type=spec["type"],
        mode=spec.get("mode"),
        acled=tuple(acled) if acled else None,
        ambiguous=bool(spec.get("ambiguous", False)),
        casualty=bool(spec.get("casualty", False)),
        participle=participle,
        absorbs=tuple(spec.get("absorbs") or ()),
        absorbs_nouns=tuple(spec.get("absorbs_nouns") or ()),
        followed_by=tuple((normalize_key(k), v) for k, v in (spec.get("followed_by") or {}).items()),
        of_recipient=bool(spec.get("of_recipient", False)),
        requires=frozenset(normalize_key(w) for w in spec.get("requires") or ()),
        requires_words=int(spec.get("requires_words", 8)),
    )


@lru_cache(maxsize=None)
def load(lang: str | None) -> Lexicon:
    """The compiled lexicon of ``lang`` (English data when it has none)."""
    data = langdata.resource(lang, "events")
    keys: dict[str, int] = {}
    payloads: list[list[Any]] = []

    def slot(word: str) -> int:
        key = normalize_key(str(word))
        if key not in keys:
            keys[key] = len(payloads)
            payloads.append([None, set()])
        return keys[key]

    for spec in data.get("triggers", ()):
        participles = {normalize_key(p) for p in spec.get("participles", ())}
        for form in spec.get("forms", ()):
            index = slot(form)
            if payloads[index][0] is None:  # the first sense listed wins
                payloads[index][0] = _entry(spec, normalize_key(form) in participles)
    for kind in ("conflict_context", "negative_context", "background_before", "non_triggers", "cause_markers"):
        for word in data.get(kind) or ():
            payloads[slot(word)][1].add(kind)
    for tag, words in (data.get("context_tags") or {}).items():
        for word in words or ():
            payloads[slot(word)][1].add("tag:" + tag)

    separable: dict[int, list[tuple[str, TriggerEntry]]] = {}
    for spec in data.get("separable") or ():
        entry = _entry(spec, False)
        for stem in spec.get("stems", ()):
            separable.setdefault(slot(stem), []).append((normalize_key(spec["particle"]), entry))

    matcher = Matcher(list(keys), suffixes=data.get("suffixes") or ())
    frozen = [(entry, frozenset(kinds)) for entry, kinds in payloads]
    head_specs = data.get("heads") or []
    head_entries = [(normalize_key(h["head"]), _entry(h, False), bool(h.get("needs_modifier")))
                    for h in head_specs]
    heads = (ahocorasick_rs.AhoCorasick([h for h, _, _ in head_entries],
                                        matchkind=ahocorasick_rs.MatchKind.Standard)
             if head_entries else None)
    modes = {normalize_key(k): v for k, v in (data.get("compound_modes") or {}).items()}
    return Lexicon(
        matcher=matcher,
        payloads=frozen,
        heads=heads,
        head_entries=head_entries,
        head_exclude=frozenset(normalize_key(w) for w in data.get("head_exclude") or ()),
        compound_modes=dict(sorted(modes.items(), key=lambda kv: -len(kv[0]))),
        separable=separable,
        particle_followers=frozenset(normalize_key(w) for w in data.get("particle_followers") or ()),
        particle_prepositions=frozenset(normalize_key(w) for w in data.get("particle_prepositions") or ()),
        one_victim_before=frozenset(normalize_key(w) for w in (data.get("one_victim") or {}).get("before") or ()),
        one_victim_dead=frozenset(normalize_key(w) for w in (data.get("one_victim") or {}).get("dead") or ()),
        key_index=keys,
        purpose_subjects=tuple(tuple(normalize_key(w).split()) for w in data.get("purpose_subjects") or ()),
        complementizers=frozenset(normalize_key(w) for w in
                                  langdata.resource(lang, "cues").get("complementizers") or ()),
    )
