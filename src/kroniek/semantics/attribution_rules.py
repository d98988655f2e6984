"""Per-language rules of the attribution stage, compiled once from YAML.

``lang/<code>/attribution.yaml`` (who says so, verification) and
``lang/<code>/cues.yaml`` (negation and modality) become one Aho-Corasick
:class:`~kroniek.kb.matcher.Matcher` over every cue phrase, plus the regexes
that read the source phrase next to a cue ('volgens *de lokale autoriteiten*',
'*officials* said').

A phrase is a few words; ``...`` inside a phrase stands for up to three other
words ('liet maandag weten'). The matcher finds the phrase's first part; a
compiled regex checks the whole phrase at that position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from .. import lang as langdata
from ..kb import regex_cache
from ..kb.matcher import Matcher, normalize_key

GAP = "..."
#: One word between the parts of a gapped phrase; never crosses punctuation.
_GAP_RE = r"(?:\s+[^\s,.;:!?‘’“”\"()]+){0,3}?\s+"
#: Characters that continue a word: a cue must not end or start inside one.
_WORD_TAIL = r"(?![\w'’-])"
_UPPER = "A-ZÀ-ÖØ-Þ"
_APOSTROPHE = re.compile("['’]")
#: Punctuation that ends a clause. Quote marks do not: a quoted term sits inside its clause.
_CLAUSE_PUNCT = r"[,;:()\[\]–—]"

#: Kinds of entry in the matcher.
SOURCE_AFTER = "source_after"  # 'volgens X', 'according to X'
VERB = "verb"  # 'X zei', 'zei X', 'officials said'
SOURCELESS = "sourceless"  # 'naar verluidt', 'reportedly'
CUE = "cue"  # NEGATION, HYPOTHETICAL, ... (label = family)
SKIP = "skip"  # exceptions: 'zonder ... te noemen'
VERIFICATION = "verification"  # label VERIFIED or UNVERIFIED
OPENER = "opener"  # a word that opens a clause: 'dat', 'that'


@dataclass(slots=True)
class Entry:
    kind: str
    label: str  # modality, cue family, or VERIFIED/UNVERIFIED
    phrase: str  # the normalised cue, as written in the YAML
    pattern: str | None  # the regex of a gapped phrase (see :func:`phrase_regex`); None for the others


@dataclass
class Rules:
    """Everything the stage needs for one language."""

    matcher: Matcher | None
    literal: list[list[Entry]]  # per matcher key: entries whose phrase is the key
    gapped: list[list[Entry]]  # per matcher key: entries with '...', tried first
    gapped_regex: list[re.Pattern[str] | None]  # per matcher key: group g<i> is gapped[key][i]
    np_after: re.Pattern[str]
    np_full: re.Pattern[str]
    np_strict: re.Pattern[str]
    headline_label: re.Pattern[str]  # what follows 'Corruptie:' in a label headline
    skippable: frozenset[str]
    #: Verb-second languages: a subject before its verb opens its clause or follows a function word.
    subject_opens_clause: bool
    function_words: frozenset[str]
    anaphor: re.Pattern[str]
    anaphor_start: re.Pattern[str]
    anaphor_words: frozenset[str]
    outlet: re.Pattern[str]
    addressee: re.Pattern[str]
    outlet_name: re.Pattern[str]  # an outlet's name alone: where none occurs, ``outlet`` and ``addressee`` cannot match
    order: tuple[str, ...]
    forward: frozenset[str]
    clause_punct: re.Pattern[str]
    complementizers: frozenset[str]
    inverting: frozenset[str] | None  # verbs whose source may follow them; None: all
    invert_after_break_only: bool  # '"...," said X' but not 'It says Assad should'
    families: tuple[str, ...] = field(default_factory=tuple)


def _alternation(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, as a character trie so that long lists stay fast.

    Spaces in a word match any whitespace, and ' matches ’ too. At a branch the
    longer words are tried first.
    """
    trie = _trie(words)
    return _trie_regex(trie) if trie else r"(?!)"


def _trie(words: Iterable[str]) -> dict[str, Any]:
    words = list(words)
    bad = [w for w in words if not isinstance(w, str)]
    if bad:  # YAML reads a bare no/on/yes as a boolean: quote it in the data file
        raise TypeError(f"cue lists must hold strings, got {bad!r}")
    trie: dict[str, Any] = {}
    for word in {" ".join(w.split()) for w in words}:
        if not word:
            continue
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return trie


def _trie_regex(node: dict[str, Any]) -> str:
    branches = [_char_re(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a word ends here; a longer one may go on
        return body + "?" if len(branches) == 1 and len(body) == 1 else "(?:" + body + ")?"
    return body


def _char_re(ch: str) -> str:
    if ch == " ":
        return r"\s+"
    if ch in "'’":
        return "['’]"
    return re.escape(ch)


def phrase_regex(phrase: str) -> re.Pattern[str]:
    """The regex of a phrase, ``...`` standing for up to three words."""
    return re.compile(_phrase_pattern(phrase), re.IGNORECASE)


def _phrase_pattern(phrase: str) -> str:
    pieces = [p.split() for p in phrase.split(GAP)]
    joined = _GAP_RE.join(r"\s+".join(_word_re(w) for w in piece) for piece in pieces if piece)
    return joined + _WORD_TAIL


def _word_re(word: str) -> str:
    return _APOSTROPHE.sub("['’]", re.escape(word))


class _Builder:
    """Collects phrases per matcher key, then builds the matcher."""

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.index: dict[str, int] = {}
        self.entries: list[list[Entry]] = []

    def add(self, kind: str, label: str, phrases: Iterable[str]) -> None:
        for phrase in phrases or ():
            if not isinstance(phrase, str):  # a bare no/on/yes in YAML is a boolean
                raise TypeError(f"cue phrases must be strings, got {phrase!r}")
            phrase = " ".join(phrase.split())
            if not phrase:
                continue
            head = phrase.split(GAP)[0].strip()
            key = normalize_key(head)
            if not key:
                continue
            pattern = _phrase_pattern(phrase) if GAP in phrase else None
            if key not in self.index:
                self.index[key] = len(self.keys)
                self.keys.append(key)
                self.entries.append([])
            self.entries[self.index[key]].append(Entry(kind, label, phrase.lower(), pattern))

    def finish(self) -> tuple[Matcher | None, list[list[Entry]], list[list[Entry]], list[str | None]]:
        """The matcher, and per key: its literal entries, its gapped entries and one regex pattern for those.

        Gapped phrases are tried in one regex, exceptions first, then the longest.
        """
        literal: list[list[Entry]] = []
        gapped: list[list[Entry]] = []
        patterns: list[str | None] = []
        for group in self.entries:
            literal.append([e for e in group if e.pattern is None])
            with_gap = sorted((e for e in group if e.pattern is not None),
                              key=lambda e: (e.kind != SKIP, -len(e.phrase)))
            gapped.append(with_gap)
            patterns.append("|".join(f"(?P<g{i}>{e.pattern})" for i, e in enumerate(with_gap)) if with_gap else None)
        return (Matcher(self.keys) if self.keys else None), literal, gapped, patterns


#: Letters and hyphens: the run of a compound word ('oud-president').
_RUN_CHAR = r"(?:[^\W\d_]|-)"
_RUN_WORD = re.compile(r"(?:[^\W\d_]|-)+")


def _compound_head(heads: Iterable[str]) -> str:
    """A head noun, also as the end of a compound: ``(?i:[letters-]*(head|...))`` and the word's end.

    Written that way, the regex backtracks over every letter of every word it
    is tried on. But the part of a head before any space or apostrophe ends
    where the compound's run of letters and hyphens ends, so the same text is
    matched by taking the whole run at once (possessive) and looking back at
    its last letters: one look-behind per length, then the rest of the head
    ('generale *staf*'). The plain form stays where the two could differ: a
    run that does not start a word, or heads whose first parts end one
    another (then backtracking would choose between them).
    """
    heads = list(heads)
    plain = rf"(?i:{_RUN_CHAR}*{_alternation(heads)}){_WORD_TAIL}"
    trie = _trie(heads)
    # per head's first run: the trie below it, without the letters of longer runs ('minister' -> 'ministers')
    firsts: dict[str, dict[str, Any]] = {}
    for word in {" ".join(w.split()) for w in heads if w.strip()}:
        run = _RUN_WORD.match(word)
        if run is None:
            return plain
        node = trie
        for ch in run.group():
            node = node[ch]
        firsts[run.group()] = {ch: child for ch, child in node.items() if not _RUN_WORD.match(ch)}
    more = {f.lower(): set(node) != {""} for f, node in firsts.items()}  # a rest after the run: 'generale staf'
    if len(more) != len(firsts) or any(a != b and a.endswith(b) and (more[a] or more[b]) for a in more for b in more):
        return plain
    by_length: dict[int, list[str]] = {}
    rests: list[str] = []
    for first, node in sorted(firsts.items()):
        if set(node) == {""}:  # a whole head: look back at it
            by_length.setdefault(len(first), []).append(first)
        else:  # 'generale' of 'generale staf', then the rest (optional if the run is a head too)
            rests.append(rf"(?<=(?i:{re.escape(first)}))(?i:{_trie_regex(node)})")
    behind = [rf"(?<=(?i:{_alternation(group)}))" for _, group in sorted(by_length.items())]
    fast = rf"{_RUN_CHAR}*+(?:{'|'.join(behind + rests)}){_WORD_TAIL}"
    return rf"(?:(?<![^\W\d_]|-){fast}|(?<=[^\W\d_]|-){plain})"


def _source_patterns(source: dict[str, Any], particles: list[str],
                     coordinators: list[str]) -> tuple[str, str]:
    """Regexes of a source phrase ('de lokale autoriteiten', 'a spokesman for the ministry').

    Returns the strict pattern (a head noun from the list, or a name) and a looser
    one for the subject before a verb, which also takes any noun after a
    determiner ('Een man uit Irpin vertelde').
    """
    not_names = _alternation(source.get("not_names", ()))
    connectors = source.get("connectors", ())
    place_connectors = source.get("place_connectors", ())
    determiners = source.get("determiners", ())
    stop = _alternation(list(source.get("stop", ())) + list(connectors) + list(place_connectors)
                        + list(determiners))
    if source.get("compound_heads", False):  # 'oud-president', 'defensiefunctionaris'
        head = _compound_head(source.get("heads", ()))
    else:
        head = rf"(?i:{_alternation(source.get('heads', ()))}){_WORD_TAIL}"
    cap = rf"[{_UPPER}][^\W_]*(?:['’-][^\W_]+)*"
    name_word = rf"(?!{not_names}{_WORD_TAIL}){cap}{_WORD_TAIL}"
    particle = _alternation(particles)
    name = rf"{name_word}(?:\s+(?:{particle}\s+)*{name_word}){{0,3}}"
    adjective = source.get("adjective") or r"(?!)"  # a regex, used as is
    modifiers = _alternation(source.get("modifiers", ()))
    not_stop = rf"(?!(?i:{stop}){_WORD_TAIL})"
    mod = rf"(?:{not_stop}(?:(?i:{adjective}|{modifiers}){_WORD_TAIL}|{name_word}|{head})\s+)"
    det = rf"(?:(?i:{_alternation(determiners)})\s+)"
    core = rf"{det}?{mod}{{0,3}}(?:{head}(?:\s+{name})?|{name})"
    # after a determiner any noun will do: 'de commandant van de brigade'
    noun = rf"{not_stop}[^\W\d_]+(?:-[^\W\d_]+)*{_WORD_TAIL}"
    generic = rf"{det}{mod}{{0,2}}{noun}"
    complement = rf"(?:{generic}|{core})"
    # 'inwoners in Marioepol': after a place connector only a name
    joined = (rf"(?:\s+(?:(?i:{_alternation(connectors)})\s+{complement}"
              rf"|(?i:{_alternation(place_connectors)})\s+{name})){{0,2}}")
    pronoun = rf"(?i:{_alternation(source.get('pronouns', ()))}){_WORD_TAIL}"
    coordinator = rf"\s+(?i:{_alternation(coordinators)})\s+"
    # 'een Nederlandse commando': an adjective and any noun, before the name reading of 'Nederlandse'
    adjective_mod = rf"(?:{not_stop}(?i:{adjective}|{modifiers}){_WORD_TAIL}\s+)"
    nouns = int(source.get("compound_words", 1))  # 'a senior aid worker': English compounds are open
    described = rf"{det}{adjective_mod}{{1,3}}{noun}(?:\s+{noun}){{0,{nouns - 1}}}(?:\s+{name})?"
    # 'haar advocaat', 'his spokesman': after a possessive any noun
    owned = rf"(?i:{_alternation(source.get('possessives', ()))})\s+{mod}{{0,2}}{noun}"
    # a pronoun last: 'volgens haar advocaat' before 'volgens haar'
    strict = rf"(?:(?:{described}|{core}|{owned}){joined}(?:{coordinator}{det}?{name})?|{pronoun})"
    single = rf"(?:{core}|{generic}){joined}"
    subject = rf"(?:{single}(?:{coordinator}(?:{det}?{mod}{{0,3}}{head}|{det}?{name}))?|{pronoun})"
    return strict, subject


def compile_rules(lang: str | None) -> Rules:
    """Build the rules of one language from its YAML resources."""
    attribution = langdata.resource(lang, "attribution") or {}
    cues = langdata.resource(lang, "cues") or {}
    builder = _Builder()
    for kind, section in ((SOURCE_AFTER, "source_after"), (VERB, "verbs"), (SOURCELESS, "sourceless")):
        for modality, phrases in (attribution.get(section) or {}).items():
            builder.add(kind, modality, phrases)
    builder.add(SKIP, "ATTRIBUTION", attribution.get("exceptions", ()))
    builder.add(VERIFICATION, "UNVERIFIED", attribution.get("unverified", ()))
    builder.add(VERIFICATION, "VERIFIED", attribution.get("verified", ()))
    families = cues.get("families") or {}
    for family, phrases in families.items():
        builder.add(CUE, family, phrases)
    for family, phrases in (cues.get("exceptions") or {}).items():
        builder.add(SKIP, family, phrases)
    builder.add(OPENER, "clause", cues.get("clause_openers", ()))
    matcher, literal, gapped, gapped_patterns = builder.finish()

    source = attribution.get("source") or {}
    strict, subject = _source_patterns(source, attribution.get("name_particles", ()),
                                       attribution.get("coordinators", ()))
    anaphors = attribution.get("anaphors", ())
    outlets = _alternation(attribution.get("outlets", ()))
    media = _alternation(attribution.get("media_nouns", ()))
    det = _alternation(source.get("determiners", ()))
    named = {
        "np_after": (rf"[ \t\xa0]*\n?[ \t\xa0]*(?P<np>{strict})", 0),
        "np_full": (subject, 0),
        "np_strict": (strict, 0),
        "anaphor": (rf"\s*(?i:{_alternation(anaphors)})\s*", re.IGNORECASE),
        "outlet": (rf"(?<![\w-])(?:(?i:{media})\s+)?(?P<outlet>{outlets}){_WORD_TAIL}", 0),
        "addressee": (rf"\s*(?i:{_alternation(attribution.get('addressee', ()))}\s+)?(?:(?i:{det})\s+)?"
                      rf"(?:(?i:{media})\s+)?(?P<outlet>{outlets}){_WORD_TAIL}", 0),
        "headline_label": (rf"\s*[‘“\"']?(?i:{_alternation(attribution.get('headline_label_openers', ()))})"
                           rf"{_WORD_TAIL}", 0),
        "anaphor_start": (rf"\s*[‘“\"']?(?i:{_alternation(anaphors)}){_WORD_TAIL}", 0),
        "clause_punct": (_CLAUSE_PUNCT, 0),
        "outlet_name": (outlets, 0),
    }
    specs = list(named.values()) + [(p, re.IGNORECASE) for p in gapped_patterns if p is not None]
    compiled = iter(regex_cache.compile_all(specs, name=f"attribution-regex-{lang}"))
    regexes = {name: next(compiled) for name in named}
    gapped_regex = [next(compiled) if p is not None else None for p in gapped_patterns]
    return Rules(
        matcher=matcher, literal=literal, gapped=gapped, gapped_regex=gapped_regex, np_after=regexes["np_after"],
        np_full=regexes["np_full"], np_strict=regexes["np_strict"], headline_label=regexes["headline_label"],
        skippable=frozenset(w.lower() for w in attribution.get("skippable", ())), anaphor=regexes["anaphor"],
        subject_opens_clause=bool(source.get("subject_opens_clause", False)),
        function_words=frozenset(w.lower() for w in source.get("stop", ())),
        anaphor_start=regexes["anaphor_start"],
        anaphor_words=frozenset(normalize_key(a) for a in anaphors),
        outlet=regexes["outlet"], addressee=regexes["addressee"], outlet_name=regexes["outlet_name"],
        order=tuple(attribution.get("order") or ("before", "after")),
        forward=frozenset(" ".join(p.lower().split()) for p in cues.get("forward") or ()),
        families=tuple(families),
        complementizers=frozenset(c.lower() for c in cues.get("complementizers") or ()),
        inverting=(frozenset(" ".join(v.lower().split()) for v in attribution["inverting"])
                   if attribution.get("inverting") else None),
        invert_after_break_only=bool(attribution.get("invert_after_break_only", False)),
        clause_punct=regexes["clause_punct"],
    )
