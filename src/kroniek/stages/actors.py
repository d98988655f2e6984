"""The ``actors`` stage: who acts, named, described or referred to.

One Aho-Corasick pass (:mod:`kroniek.kb.matcher`) over the normalised text
finds every key of the language's :class:`~kroniek.kb.actors.ActorIndex`:
names and aliases, country names, demonyms, institution and office nouns,
capitals, pronouns. A single left-to-right walk over those matches then

* joins neighbours: demonym + noun ('het Russische leger' -> RUS-MIL), noun +
  'van'/'of' + country, country's + noun, title or office + name ('de Russische
  president Vladimir Poetin' -> one span, Putin);
* resolves an office to the person holding it on the document date ('de
  Oekraïense president' in 2022 -> Zelensky); without a date, or when the
  office changed hands during the date's period, to the country's institution
  with kind PER and name None;
* reads a capital or building as its government only in context ('tussen Kiev
  en Moskou', 'Volgens Washington', 'de woede van Moskou'; not 'in Kiev'),
  marked ``metonym``;
* resolves institution words without a country ('het ministerie van Defensie',
  'de centrale bank', 'de lokale autoriteiten') to the country in focus: the
  nearest country mentioned earlier in the paragraph (for local authorities the
  nearest earlier place of the ``places`` layer, if any); ``resolved_from``
  points at that mention;
* reads a people ('de Russen', 'the Russians') as the country's forces in a
  sentence with a word of armed conflict, otherwise as the country (GPE);
* takes in a name the KB does not know after such a title ('de Russische
  oppositieleider Ilja Jasjin': the institution as a PER, the name as written,
  ``reference`` 'unlisted');
* reads a common noun for a group ('protesters', 'gewapende mannen', 'de
  politie') as a generic actor (GENERIC in kb/actors.py): the country's
  institution with an adjacent demonym ('Nigerian troops'), else with the
  country of the nearest place of the ``places`` layer in the same sentence
  (``country_source`` 'place', ``resolved_from`` the place), else without a
  country (name 'Protesters', id None);
* resolves pronouns and bare role nouns ('hij', 'de president') to the last
  fitting person in the same paragraph, never across paragraphs.
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..document import Document, PubDate, Span
from ..kb.actors import (BLOCK, BUILDING, CAPITAL, COUNTRY, CUE, DEMONYM, FOCUS, GENERIC, GENERIC_NOUN, NAME, NOUN,
                         OFFICE, ORGOFFICE, PEOPLE, PRONOUN, ROLEREF, SAID, TITLE, ActorIndex, fast_normalize,
                         load_index)
from . import register

#: Institution used when an office has no known holder: the government, or
#: for the top military commander the armed forces.
_OFFICE_FALLBACK = {"CMD": "MIL"}
#: Sectors whose named actors put their country in focus.
_FOCUS_SECTORS = {"GOV", "MIL", "COP", "SPY", "LEG", "JUD", "REB", "OPP", "CVL"}
_SENTENCE_END = re.compile(r"[.!?;:\n\"“”‘’]")
#: Everything up to the last of those marks.
_UP_TO_SENTENCE_END = re.compile(r"[\s\S]*[.!?;:\n\"“”‘’]")
_BLANK_LINES = re.compile(r"\n\s*\n")
_SENTENCE_STOP = re.compile(r"[.!?]\s|\n")
#: The word right after a name, past a space or hyphen ('US dollar', 'VS-ambassade').
_NEXT_WORD = re.compile(r"[ -](\w+)")
_PUNCTUATION = re.compile(r"[^\w\s'’-]")
#: A personal name not in the KB, right after a title: capitalised words, with particles.
#: ('van' is left out: 'minister Artis Pabriks van Defensie'.)
_NAME_AFTER = re.compile(r"[ \t]+([A-Z][\w'’-]*\w(?:[ \t]+(?:(?:von|bin|le|la|da|dos)[ \t]+)?"
                         r"[A-Z][\w'’-]*\w){0,2})")


#: Capital letters (Latin, with diacritics), for names not in the KB.
_UPPER = "".join(c for c in map(chr, range(0x41, 0x250)) if c.isupper() and c.isalpha())
#: A capitalised word ('Museeuw', 'Jean-Marie', "O'Neill", 'McDonald') or an initial ('J.').
_CAP_WORD = rf"(?:[{_UPPER}][\w'’-]*\w|[{_UPPER}]\.|[{_UPPER}])"
_CAP_WORD_RE = re.compile(rf"{_CAP_WORD}(?![\w'’-])")
_LAST_CAP_WORD = re.compile(rf"(?<![\w'’.-])({_CAP_WORD}),?[ ]$")
_ACRONYM = re.compile(rf"[{_UPPER}]{{2,6}}")
_INITIAL = re.compile(rf"[{_UPPER}]\.")
_ROMAN = re.compile(r"[IVXLC]+")
#: 'SP-politicus', 'Likoed-man': a name or acronym with a lowercase noun, a description
_COMPOUND_TITLE = re.compile(r"\w-[a-z]")


_NAME_PATTERNS: dict[int, re.Pattern[str]] = {}


def _name_patterns(index: ActorIndex) -> re.Pattern[str]:
    """Per language: sequences of two or more capitalised words, or acronyms. (A word after a
    title or before a speech verb: titles and speech verbs are keys of the index.)"""
    found = _NAME_PATTERNS.get(id(index))
    if found is None:
        names = index.names
        # the first capital, then a look back: the scan skips to capitals (fast)
        first = rf"[{_UPPER}](?<![\w'’.-].)"
        tail = r"(?:[\w'’-]*\w|\.)?"
        particles = "|".join(sorted(names["particles"])) or "(?!)"  # 'Jan van der Berg'
        sep = rf"[ ](?:(?:{particles})[ ]){{0,2}}"
        sequences = re.compile(rf"{first}(?:{tail}(?:{sep}{_CAP_WORD})+|[{_UPPER}]{{1,5}})(?![\w'’-])")
        found = _NAME_PATTERNS[id(index)] = sequences
    return found


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    kinds: dict[str, Any]  # kind -> value, the first entry of each kind
    suffix: str

    def get(self, kind: str) -> Any:
        return self.kinds.get(kind)

    def has(self, kind: str) -> bool:
        return kind in self.kinds


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    attrs: dict[str, Any]
    actor: dict[str, Any] | None
    paragraph: int


def _period(pub: PubDate | None) -> tuple[date, date] | None:
    if pub is None:
        return None
    if pub.day is not None:
        day = date(pub.year, pub.month, pub.day)
        return day, day
    if pub.month is not None:
        return date(pub.year, pub.month, 1), date(pub.year, pub.month, calendar.monthrange(pub.year, pub.month)[1])
    return date(pub.year, 1, 1), date(pub.year, 12, 31)


def _case_ok(text: str, start: int, capitals: tuple[int, ...] | str | None) -> bool:
    """The text repeats the capitals of the key's form ('AP' not 'ap', 'Poetin' not 'poetin'),
    or the form itself when it is a str ('Støre', not 'Store')."""
    if capitals is None:
        return True
    if isinstance(capitals, str):
        return text.startswith(capitals, start)
    size = len(text)
    for i in capitals:
        pos = start + i
        if pos >= size or not text[pos].isupper():
            return False
    return True


def _same_surname(written: str, canonical: str) -> bool:
    """'Zelenskyj' and 'Volodymyr Zelensky': close enough to be one person."""
    from rapidfuzz import fuzz

    a, b = fast_normalize(written).split()[-1], fast_normalize(canonical).split()[-1]
    return fuzz.ratio(a, b) >= 75


@register("actors")
class ActorsStage:
    def __init__(self, languages: list[str] | None = None):
        # Heavy loading here: the indexes of the languages named (others load on first use).
        for code in languages or ("nl", "en"):
            load_index(code)

    def __call__(self, doc: Document) -> None:
        _Run(doc, load_index(doc.lang)).run()


class _Run:
    """The work on one document."""

    def __init__(self, doc: Document, index: ActorIndex):
        self.doc = doc
        self.text = doc.text
        self.ix = index
        self.kb = index.kb
        self.ctx = index.context
        self.period = _period(doc.date)
        self.norm = doc.normalized()
        self.toks = self._tokens()
        self.par_starts = self._paragraph_starts()
        self.mentions: list[_Mention] = []
        #: countries mentioned: start, end, country, paragraph, geographic (a country or capital name)
        self.signals: list[tuple[int, int, str, int, bool]] = []
        self.cues = self._conflict_cues()
        self._places: list[Any] | None = None
        self._origins: set[int] = set()
        self._generic_starts: list[int] = []
        self._place_starts: list[int] = []
        self._sources: list[Any] = []
        self._source_starts: list[int] = []
        self._sentences: list[tuple[int, int]] = []
        self._sentence_starts: list[int] = []
        self._layer: list[Span] | None = None

    # -- preparation ----------------------------------------------------------
    def _tokens(self) -> list[_Tok]:
        toks: list[_Tok] = []
        append = toks.append
        ix = self.ix
        keys, text, norm = ix.keys, self.text, self.norm
        key_index, entries, abbreviations = ix.key_index, ix.entries, ix.abbreviations
        size = len(norm)
        for start, end, key in ix.matcher.find_spans(norm):  # find() without a Match object each
            size_key = len(keys[key])
            if end - start != size_key:
                # an inflected form: 'Poetins' yes, but not 'ISS' for 'IS', and
                # 'Nederlands' is a key of its own, not 'Nederland' + s
                own = key_index.get(norm[start:end])
                if own is not None:
                    key = own
                    size_key = len(keys[key])
                elif not text[start + size_key : end].islower():
                    continue
            inflected = end - start != size_key
            kinds: dict[str, Any] = {}
            for kind, value, capitals in entries[key]:
                # only names inflect ('Poetins'); 'ministers' is not a title
                if kind in kinds:
                    continue
                if capitals is None:
                    if inflected:
                        continue
                elif capitals == (0,):  # the usual case of _case_ok, inlined: 'Poetin'
                    if not text[start].isupper():
                        continue
                elif not _case_ok(text, start, capitals):
                    continue
                kinds[kind] = value
            if not kinds or BLOCK in kinds:
                continue
            if abbreviations and text[start : end + 1] in abbreviations:
                end += 1
            if end < size and norm[end] == "'":
                end = self._possessive_end(end)
            append(_Tok(start, end, kinds, norm[start + size_key : end]))
        return toks

    def _possessive_end(self, end: int) -> int:
        """Past an apostrophe possessive ("Moscow's"), which the matcher leaves out."""
        norm = self.norm
        if end < len(norm) and norm[end] == "'":
            for suffix in self.ix.suffixes:
                stop = end + len(suffix)
                if suffix.startswith("'") and norm.startswith(suffix, end) and (
                        stop >= len(norm) or not norm[stop].isalnum()):
                    return stop
        return end

    def _paragraph_starts(self) -> list[int]:
        paragraphs = self.doc.layers.get("paragraphs")
        if paragraphs:
            return sorted(p.start for p in paragraphs)
        return [0] + [m.end() for m in _BLANK_LINES.finditer(self.text)]

    def _paragraph(self, offset: int) -> int:
        return bisect.bisect_right(self.par_starts, offset) - 1

    def _conflict_cues(self) -> list[int]:
        """Offsets of the words of armed conflict (cues, military nouns and groups)."""
        found = []
        for tok in self.toks:
            pos = tok.kinds.get(NAME)
            if CUE in tok.kinds or tok.kinds.get(NOUN) == "MIL" or (
                    pos is not None and self.kb.actors[pos]["sector"] in ("MIL", "REB")):
                found.append(tok.start)
        return found

    def _in_conflict(self, tok: _Tok) -> bool:
        """Is there a word of armed conflict in the sentence of ``tok``?"""
        sentence = self.doc.sentence_of(tok) if self.doc.layers.get("sentences") else None
        if sentence is not None:
            start, end = sentence.start, sentence.end
        else:
            cut = [m.end() for m in _SENTENCE_STOP.finditer(self.text, max(0, tok.start - 400), tok.start)]
            start = cut[-1] if cut else max(0, tok.start - 400)
            stop = _SENTENCE_STOP.search(self.text, tok.end, tok.end + 400)
            end = stop.start() if stop else tok.end + 400
        i = bisect.bisect_left(self.cues, start)
        return i < len(self.cues) and self.cues[i] < end

    # -- context words ----------------------------------------------------------
    def _words_before(self, start: int) -> list[str]:
        begin = max(0, start - 80)
        cut = _UP_TO_SENTENCE_END.match(self.text, begin, start)  # the last sentence end before ``start``
        words = self.norm[cut.end() if cut else begin : start].split()
        articles = self.ctx.get("articles", ())
        while words and words[-1] in articles:
            words.pop()
        return words

    def _words_after(self, end: int) -> list[str]:
        stop = _SENTENCE_END.search(self.text, end, end + 80)
        words = self.norm[end : stop.start() if stop else end + 80].split()
        skip = self.ctx.get("skip_after", ())
        return [w for w in words if w not in skip]

    def _gap_words(self, a: _Tok, b: _Tok) -> list[str] | None:
        """The words between two tokens, or None if punctuation separates them."""
        if a.end == b.start:
            return []
        if _PUNCTUATION.search(self.text, a.end, b.start):
            return None
        return self.norm[a.end : b.start].split()

    def _joined(self, i: int, j: int, ands: Any) -> bool:
        """Are tokens i and j joined by exactly one coordinating word ('Kiev en Moskou')?"""
        gap = self._gap_words(self.toks[i], self.toks[j])
        return gap is not None and len(gap) == 1 and gap[0] in ands

    def _acts(self, tok: _Tok, default: bool, location_words: str = "location_before") -> bool:
        """Does a capital, building or country name act here (rather than locate)?"""
        ctx = self.ctx
        if tok.suffix and tok.suffix in ctx.get("possessive", ()):
            return True
        before = self._words_before(tok.start)
        for n in (2, 1):
            if len(before) >= n and " ".join(before[-n:]) in ctx.get("actor_before", ()):
                return True
        if before and before[-1] == ctx.get("of_word"):
            return len(before) >= 2 and before[-2] in ctx.get("actor_nouns", ())
        if before and before[-1] in ctx.get(location_words, ()):
            return False
        after = self._words_after(tok.end)
        if after and (after[0] in ctx.get("actor_after", ())
                      or " ".join(after[:2]) in ctx.get("actor_after_passive", ())):
            return True
        if not before and any(w in ctx.get("actor_after", ()) for w in after[1:6]):
            return True  # the subject of a sentence: 'Washington along with its allies demanded ...'
        return default

    def _decide_places(self) -> dict[int, bool]:
        """Per capital/building/country token: acting or not, with 'Kiev en Moskou' sharing."""
        decided: dict[int, bool] = {}
        for i, tok in enumerate(self.toks):
            if CAPITAL in tok.kinds:
                decided[i] = self._acts(tok, False)
            elif BUILDING in tok.kinds:
                decided[i] = self._acts(tok, True)
            elif COUNTRY in tok.kinds and NAME not in tok.kinds:
                decided[i] = self._acts(tok, True, "country_location_before")
        ands = self.ctx.get("and_words", ())
        for i in sorted(decided):
            j = i + 1
            if j in decided and self._joined(i, j, ands) and (decided[i] or decided[j]):
                decided[i] = decided[j] = True
        return decided

    # -- emitting -----------------------------------------------------------------
    def _emit(self, start: int, end: int, actor: dict[str, Any] | None, *, descriptive: bool = False,
              metonym: bool = False, resolved_from: list[int] | None = None, reference: str | None = None,
              fallback: dict[str, Any] | None = None, office: str | None = None,
              country_source: str | None = None, ethnicity: str | None = None) -> None:
        base = actor or fallback
        if not base:
            return  # nothing known to say about it
        get = base.get
        attrs = {"name": get("name"), "id": get("id"), "country": get("country"),
                 "sector": get("sector"), "kind": get("kind"), "descriptive": descriptive,
                 "metonym": metonym, "resolved_from": resolved_from, "reference": reference}
        if office:
            attrs["office"] = office
        if country_source:
            attrs["country_source"] = country_source
        if ethnicity:
            attrs["ethnicity"] = ethnicity
        layer = self._layer
        if layer is None:
            layer = self._layer = self.doc.layer("actors")
        layer.append(Span(start, end, "ACTOR", attrs))  # doc.add, without copying the attributes once more
        paragraph = bisect.bisect_right(self.par_starts, start) - 1  # self._paragraph(start), inlined
        self.mentions.append(_Mention(start, end, attrs, actor, paragraph))
        country = attrs["country"]
        if country and not country_source and (attrs["sector"] in _FOCUS_SECTORS or attrs["kind"] == "GPE"):
            self.signals.append((start, end, country, paragraph, attrs["kind"] == "GPE"))

    def _signal(self, tok: _Tok, country: str, geographic: bool = False) -> None:
        self.signals.append((tok.start, tok.end, country, self._paragraph(tok.start), geographic))

    def _institution(self, country: str, inst: str) -> dict[str, Any] | None:
        if country == "EU":
            return self.kb.get("EU")
        if inst == "LOCAL":  # local authorities are the government, descriptively
            inst = "GOV"
        return self.kb.get(f"{country}-{inst}")

    def _office_holder(self, country: str, role: str) -> tuple[dict[str, Any] | None, dict[str, Any]]:
        """The holder of an office on the document date, and the fallback institution as a PER."""
        inst = self._institution(country, _OFFICE_FALLBACK.get(role, "GOV")) or {}
        fallback = {**inst, "name": None, "kind": "PER"}
        if self.period is None or country == "EU":
            return None, fallback
        return self.kb.holder(country, role, *self.period), fallback

    def _roles(self, mention: _Mention) -> set[str]:
        if mention.actor is None:
            return {mention.attrs["office"]} if mention.attrs.get("office") else set()
        start, end = self.period if self.period else (None, None)
        return self.kb.roles_of(mention.actor, start, end)

    # -- the walk ---------------------------------------------------------------------
    def run(self) -> None:
        self._drop_inside_places()
        decided = self._decide_places()
        toks = self.toks
        i = 0
        while i < len(toks):
            i = self._step(i, toks[i], decided)
        if self.ix.names:
            self._unlisted_names()

    # -- names the KB does not know -------------------------------------------------
    def _unlisted_names(self) -> None:
        """Capitalised word sequences that are no KB actor and no place: PER or ORG by cues.

        ORG: an organisation word inside ('Universiteit', 'Bank', 'FC', 'NV') or
        an acronym ('VLD'); PER: a title before ('minister', 'dhr.'), a speech
        verb after ('zei', 'said'), an initial ('J.'), a particle ('van der'),
        a known first name, or two or three capitalised words mid-sentence. A
        single word without such a cue is left alone, unless it repeats the
        surname of a person or the name of an organisation found earlier.
        Spans get id None, country None and ``reference`` 'unlisted'.
        Three regular expressions find the candidates (sequences and acronyms,
        a word before a speech verb, a word after a title); Python looks only
        at those.
        """
        names = self.ix.names
        res = _name_patterns(self.ix)
        text, norm = self.text, self.norm
        # known words (actors, demonyms, titles, nouns) break a sequence: 'Minister | Jan Peeters'
        # (only spans with a capital can touch a capitalised sequence)
        taken_set = {(m.start, m.end) for m in self.mentions if not text[m.start:m.end].islower()}
        taken = sorted(taken_set.union([(t.start, t.end) for t in self.toks if text[t.start].isupper() and (
            t.start, t.end) not in taken_set and not self._name_part(t.start)]))
        pieces, pos = [], 0
        for start, end in taken:
            if end > pos:
                start = max(start, pos)
                pieces.append(text[pos:start])
                pieces.append("x" * (end - start))
                pos = end
        pieces.append(text[pos:])
        masked = "".join(pieces)
        self._place_spans = sorted((p.start, p.end) for p in self.doc.layers.get("places", ()))
        self._place_span_starts = [p[0] for p in self._place_spans]
        found: list[tuple[int, int, str]] = []
        known: dict[str, str] = {}
        covered: list[tuple[int, int]] = []
        singles: list[tuple[int, int, str]] = []
        for m in res.finditer(masked):
            covered.append((m.start(), m.end()))
            self._sequence(m.start(), m.end(), names, found, known, singles)
        covered_starts = [c[0] for c in covered]
        # one word before a speech verb ('Vermeersch zei') or after a title ('burgemeester Claeys')
        spans = []
        for tok in self.toks:
            if SAID in tok.kinds:
                word = _LAST_CAP_WORD.search(masked, max(0, tok.start - 40), tok.start)
                if word is not None:
                    spans.append(word.span(1))
            elif TITLE in tok.kinds or OFFICE in tok.kinds:
                pos = tok.end + (1 if masked.startswith(".", tok.end) else 0)
                if masked.startswith(" ", pos):
                    word = _CAP_WORD_RE.match(masked, pos + 1)
                    if word is not None:
                        spans.append(word.span())
        for start, end in spans:
            if masked[start] != text[start] or self._overlaps(covered, covered_starts, start, end):
                continue
            singles.append((start, end, norm[start:end]))
        titles, said = names["titles"], names["said"]
        place_before, place_after = names["place_before"], names["place_after"]
        stop = names["stop"]
        for start, end, word in singles:
            if word in stop or word in titles:
                continue
            kind = known.get(word)
            if kind is None and not self._overlaps(self._place_spans, self._place_span_starts, start, end) and (
                    self._person_cue(start, end, titles, said)
                    and not self._locative(start, end, place_before, place_after)):
                kind = "PER"
                known.setdefault(word, kind)
            if kind is not None:
                found.append((start, end, kind))
        # repeats of a surname or an organisation name found above ('Vermeersch was blij')
        repeat = {text[s:e] for s, e, _ in found if " " not in text[s:e]} | {
            text[s:e].rsplit(" ", 1)[1] for s, e, k in found if k == "PER" and " " in text[s:e]}
        if repeat:
            done = sorted((s, e) for s, e, _ in found)
            done_starts = [d[0] for d in done]
            size = len(masked)
            for name in repeat:
                kind = known.get(fast_normalize(name))
                start = masked.find(name)
                while kind is not None and start >= 0:
                    end = start + len(name)
                    if (start == 0 or not (masked[start - 1].isalnum() or masked[start - 1] in "'’.-")) and (
                            end == size or not (masked[end].isalnum() or masked[end] in "'’-")) and not self._overlaps(
                            done, done_starts, start, end):
                        found.append((start, end, kind))
                    start = masked.find(name, end)
        generics = sorted(self._generic_starts)
        for start, end, kind in sorted(set(found)):
            if self._before_generic(end, generics):
                continue  # 'NPA militants', 'SKM farmers': the name describes the group
            name = text[start:end]
            self._emit(start, end, None, reference="unlisted",
                       fallback={"name": name, "id": None, "country": None, "sector": None, "kind": kind})

    def _sequence(self, start: int, end: int, names: dict[str, frozenset[str]], found: list[tuple[int, int, str]],
                  known: dict[str, str], singles: list[tuple[int, int, str]]) -> None:
        """Classify one capitalised sequence (or acronym) at [start, end)."""
        text, norm = self.text, self.norm
        stop, titles, particles = names["stop"], names["titles"], names["particles"]
        raws = text[start:end].split(" ")
        words = []
        pos = start
        for w in raws:
            words.append(norm[pos:pos + len(w)].strip())
            pos += len(w) + 1
        # leading and trailing function words ('De', 'Maar', 'Maandag'), leading titles
        # ('Wielrenner', 'SP-politicus': a cue for a person)
        titled = False
        while words and (words[0] in stop or words[0] in titles or _COMPOUND_TITLE.search(raws[0])):
            if len(raws) > 1 and raws[1] in particles:
                break  # 'Van den Abeele'
            titled = titled or words[0] not in stop
            start += len(raws[0]) + 1
            words.pop(0)
            raws.pop(0)
        if len(words) >= 3 and not titled:
            # 'minister van Cultuur Bert Anciaux', 'Minister of Health John Smith': the portfolio is no
            # name; 'Nobelprijswinnaar Stanley B. Prusiner' at the start of a sentence: a description
            before = norm[max(0, start - 40):start].split()
            if (len(before) >= 2 and before[-1] == self.ctx.get("of_word") and before[-2] in titles) or (
                    words[0] not in names["first"] and (words[1] in names["first"] or any(
                        _INITIAL.fullmatch(r) for r in raws[2:])) and self._sentence_initial(start)):
                start += len(raws[0]) + 1
                words.pop(0)
                raws.pop(0)
                titled = True
        # 'Leo Pardon van de NMBS', 'Patrick Du Bois van Sabena': a person of an organisation
        for k in range(1, len(words) - 1):
            if words[k] in particles and (k >= 2 or _ACRONYM.fullmatch(raws[-1])) and words[k - 1] not in particles:
                words, raws = words[:k], raws[:k]
                end = start + len(" ".join(raws))
                break
        while words and words[-1] in stop:
            end -= len(raws[-1]) + 1
            words.pop()
            raws.pop()
        if not words:
            return
        org_ends = tuple(names["org_endings"]) or ("\0",)
        org = any(w in names["org"] or w.endswith(org_ends) for w in words)
        adjective_ends = tuple(names["adjective_endings"]) or ("\0",)
        if not org and any(w.endswith(adjective_ends) for w in words):
            return  # 'Vlaamse', 'Olympische': an adjective, not a name of a person
        place_before, place_after = names["place_before"], names["place_after"]
        if not org and (self._overlaps(self._place_spans, self._place_span_starts, start, end)
                        or self._locative(start, end, place_before, place_after)):
            return  # a place stays a place ('Club Brugge' is an organisation)
        if org and self._locative(start, end, place_before, None):
            return  # 'outside Mayo Hospital': a building where it happens
        raw = text[start:end]
        if org or (len(words) == 1 and _ACRONYM.fullmatch(raw) and not _ROMAN.fullmatch(raw)):
            kind = "ORG"
        elif len(words) == 1:
            if titled:
                kind = "PER"
            else:
                singles.append((start, end, words[0]))
                return
        elif not titled and self._sentence_initial(start) and not (
                words[0] in names["first"] or _INITIAL.fullmatch(raws[0])
                or self._person_cue(start, end, titles, names["said"])):
            return  # 'Bomaanslag Parijs', a heading: the first word may be an ordinary word
        else:
            kind = "PER"
        found.append((start, end, kind))
        if kind == "PER":
            known.setdefault(words[-1], "PER")
        else:
            known.setdefault(" ".join(words), "ORG")

    def _before_generic(self, end: int, generics: list[int]) -> bool:
        """Is a generic actor next, after at most one lowercase word ('ADAPEI medical workers')?"""
        i = bisect.bisect_left(generics, end)
        if i == len(generics) or generics[i] - end > 30:
            return False
        gap = self.text[end:generics[i]].split()
        return not gap or (len(gap) == 1 and gap[0].islower())

    @staticmethod
    def _overlaps(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
        i = bisect.bisect_left(starts, end)
        return i > 0 and spans[i - 1][1] > start or (i > 1 and spans[i - 2][1] > start)

    def _name_part(self, start: int) -> bool:
        """A capitalised KB word right after a capitalised word: 'Chin National Army', 'Nationale Bank'."""
        if not self.text[start].isupper():
            return False
        before = self.text[max(0, start - 30):start]
        if not before.endswith(" "):
            return False
        words = before.split()
        return bool(words) and words[-1][0].isupper() and words[-1][-1].isalnum() and not self._sentence_initial(
            start - len(before) + before.rfind(words[-1]))

    def _locative(self, start: int, end: int, before_words: Any, after_words: frozenset[str] | None) -> bool:
        """'in Goke Hteik', 'outside of Mayo Hospital', 'Mei Ma Thaw village', 'residents of Cassava Piece':
        a place the places layer does not know (``after_words`` None: look only before)."""
        raw = self.text[max(0, start - 30):start].rstrip()
        before = self.norm[max(0, start - 30):start].split()
        if before and raw and raw[-1].isalnum():
            if before[-1] in before_words:
                return True
            if len(before) >= 2 and before[-1] == self.ctx.get("of_word") and (
                    before[-2] in before_words or self._generic_before(start)):
                return True
        if after_words is None:
            return False
        after = self.norm[end:end + 20].split(" ", 2)
        return len(after) > 1 and after[1] in after_words

    def _generic_before(self, start: int) -> bool:
        """Does a generic actor end within two words before ``start`` ('residents of ...')?"""
        for s in reversed(self._generic_starts):
            if s < start:
                return start - s < 40 and len(self.text[s:start].split()) <= 3
        return False

    def _sentence_initial(self, start: int) -> bool:
        before = self.text[max(0, start - 40):start]
        if "\n" in before:
            before = before.rsplit("\n", 1)[1]
        before = before.rstrip(" \t\"“”‘'(")
        return not before or before[-1] in ".!?:;-–—•*"

    def _person_cue(self, start: int, end: int, titles: frozenset[str], said: frozenset[str]) -> bool:
        """A title before ('minister', 'dhr.') or a speech verb after ('zei', 'said')."""
        before = self.norm[max(0, start - 30):start].split()
        if before and (before[-1] in titles or " ".join(before[-2:]) in titles):
            return True
        after = self.norm[end:end + 20].lstrip(" ,").split(" ", 1)
        return bool(after) and after[0] in said

    def _drop_inside_places(self) -> None:
        """A country or capital inside a longer place name is no actor: 'Jersey' in 'New Jersey'."""
        self._load_places()
        starts, places = self._place_starts, self._places
        if not places:
            return
        keep = []
        for tok in self.toks:
            if COUNTRY in tok.kinds or CAPITAL in tok.kinds:
                i = bisect.bisect_right(starts, tok.start) - 1
                if i >= 0 and places[i].end >= tok.end and places[i].end - places[i].start > tok.end - tok.start:
                    continue
            keep.append(tok)
        self.toks = keep

    def _next(self, i: int) -> _Tok | None:
        return self.toks[i + 1] if i + 1 < len(self.toks) else None

    def _step(self, i: int, tok: _Tok, decided: dict[int, bool]) -> int:
        toks, kinds = self.toks, tok.kinds
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if ORGOFFICE in kinds:
            return self._org_office(i, tok, nxt, *kinds.get(ORGOFFICE))
        country = kinds.get(DEMONYM)
        if country is None and kinds.get(COUNTRY) and (tok.suffix in self.ctx.get("possessive", ())
                                                     or self._attributive(tok, nxt)):
            country = kinds.get(COUNTRY)  # "Russia's army", "Ruslands leger", 'the Myanmar military'
        if nxt is not None and GENERIC_NOUN in nxt.kinds and kinds.get(NAME) is not None and not tok.suffix:
            actor = self.kb.actors[kinds.get(NAME)]
            if actor["kind"] == "ORG" and self._gap_words(tok, nxt) == []:  # 'JNIM militants', 'Hamas-strijders'
                self._emit(tok.start, nxt.end, actor)
                return i + 2
        if country is not None and nxt is not None:
            used = self._country_noun(i, tok, nxt, country) or self._coordinated_demonym(i, tok, nxt, country)
            if used:
                return used
        if nxt is not None and (NOUN in kinds or OFFICE in kinds or ROLEREF in kinds or GENERIC_NOUN in kinds):
            used = self._noun_of_country(i, tok, nxt)
            if used:
                return used
        if nxt is not None and (TITLE in kinds or OFFICE in kinds or ROLEREF in kinds):
            person = self._person(nxt)
            if person is not None and self._gap_words(tok, nxt) == []:
                self._emit(tok.start, nxt.end, person)
                return i + 2
        self._single(i, tok, decided)
        return i + 1

    def _org_office(self, i: int, tok: _Tok, nxt: _Tok | None, org: str, role: str) -> int:
        """'VN-chef António Guterres' (one span), or 'de NAVO-chef' (the holder on the date)."""
        person = self._person(nxt) if nxt is not None else None
        if person is not None and self._gap_words(tok, nxt) == []:
            self._emit(tok.start, nxt.end, person)
            return i + 2
        fallback = {**(self.kb.get(org) or {}), "name": None, "kind": "PER"}
        holder = self.kb.holder(org, role, *self.period) if self.period else None
        self._emit(tok.start, tok.end, holder, fallback=fallback, descriptive=True, reference="office",
                   office=f"{role}@{org}")
        return i + 1

    def _person(self, tok: _Tok) -> dict[str, Any] | None:
        pos = tok.kinds.get(NAME)
        if pos is None:
            return None
        actor = self.kb.actors[pos]
        return actor if actor["kind"] == "PER" else None

    def _country_noun(self, i: int, tok: _Tok, nxt: _Tok, country: str) -> int:
        """Demonym (or country's) + [modifier] + noun/office [+ name]."""
        gap = self._gap_words(tok, nxt)
        if gap == [] and PEOPLE in nxt.kinds and DEMONYM in tok.kinds and nxt.kinds[PEOPLE] != country:
            # 'Bosnian Serbs': civilians of the demonym's country, of the people's ethnicity
            actor = self._institution(country, "CVL")
            if actor is not None:
                self._emit(tok.start, nxt.end, actor, descriptive=True, ethnicity=nxt.kinds[PEOPLE])
                return i + 2
        if gap is None or len(gap) > 1 or (gap and gap[0] not in self.ix.modifiers):
            return 0
        role = nxt.kinds.get(OFFICE)
        inst = nxt.kinds.get(NOUN) or nxt.kinds.get(FOCUS) or nxt.kinds.get(GENERIC_NOUN)
        if role is None and inst is None:
            return 0
        after = self._next(i + 1)
        person = self._person(after) if after is not None else None
        if person is not None and self._gap_words(nxt, after) == []:  # 'de Russische minister Lavrov'
            self._emit(tok.start, after.end, person)
            return i + 3
        used = self._unlisted_person(tok, nxt, after, country, role or inst)
        if used:
            return i + used
        if role is not None:
            self._office(tok.start, nxt.end, country, role)
        else:
            self._emit(tok.start, nxt.end, self._institution(country, inst), descriptive=True)
        return i + 2

    def _unlisted_person(self, tok: _Tok, noun: _Tok, after: _Tok | None, country: str, what: str) -> int:
        """'de Russische oppositieleider Ilja Jasjin': a person the KB does not know.

        Only after a noun for one person ('person_nouns' in the language data);
        the span takes in the name, the actor is the institution as a PER with
        the name as written. Returns the number of tokens used (0: none).
        """
        if self.norm[noun.start:noun.end] not in self.ctx.get("person_nouns", ()) and OFFICE not in noun.kinds:
            return 0
        match = _NAME_AFTER.match(self.text, noun.end)
        if match is None:
            return 0
        if after is not None and (after.start < match.end() or (
                after.start > match.end() and not self.text[match.end():after.start].strip())):
            # 'Volodymir Zelenskyi', 'Bashar al-Assad': an unknown first name before a known surname
            person = self._person(after)
            if person is None or after.end < match.end():
                return 0
            self._emit(tok.start, after.end, person)
            return 3
        name = match.group(1)
        if OFFICE in noun.kinds:  # a spelling the KB lacks of the holder: 'president Zelenskyj'
            holder, _ = self._office_holder(country, what)
            if holder is not None and _same_surname(name, holder["name"]):
                self._emit(tok.start, match.end(), holder)
                return 2
        inst = _OFFICE_FALLBACK.get(what, "GOV") if OFFICE in noun.kinds else what
        actor = self._institution(country, inst)
        if actor is None:
            return 0
        self._emit(tok.start, match.end(), None, fallback={**actor, "name": name, "kind": "PER"},
                   reference="unlisted", office=noun.kinds.get(OFFICE))
        return 2

    def _attributive(self, tok: _Tok, nxt: _Tok | None) -> bool:
        """A country name right before a force noun, not a place: 'the Myanmar military' (not 'in Mali troops')."""
        if nxt is None or nxt.start != tok.end + 1 or self.text[tok.end] != " " or not (
                GENERIC_NOUN in nxt.kinds or nxt.kinds.get(NOUN) in ("MIL", "COP", "GOV")):
            return False
        before = self._words_before(tok.start)
        return not before or before[-1] not in self.ctx.get("location_before", ())

    def _coordinated_demonym(self, i: int, tok: _Tok, nxt: _Tok, country: str) -> int:
        """'Hongaarse en Roemeense functionarissen': the first demonym shares the noun."""
        after = self._next(i + 1)
        if after is None or DEMONYM not in nxt.kinds or not self._joined(i, i + 1, self.ctx.get("and_words", ())):
            return 0
        gap = self._gap_words(nxt, after)
        if gap is None or len(gap) > 1 or (gap and gap[0] not in self.ix.modifiers):
            return 0
        inst = after.kinds.get(NOUN)
        role = after.kinds.get(OFFICE)
        if inst is not None:
            self._emit(tok.start, tok.end, self._institution(country, inst), descriptive=True)
        elif role is not None:
            self._office(tok.start, tok.end, country, role)
        else:
            return 0
        return i + 1

    def _noun_of_country(self, i: int, tok: _Tok, nxt: _Tok) -> int:
        """'het leger van Rusland', 'the president of Ukraine'."""
        country = nxt.kinds.get(COUNTRY)
        if country is None:
            return 0
        gap = self._gap_words(tok, nxt)
        articles = self.ctx.get("articles", ())
        if not gap or gap[0] != self.ctx.get("of_word") or any(w not in articles for w in gap[1:]):
            return 0
        self._signal(nxt, country, geographic=True)
        role = tok.kinds.get(OFFICE) or tok.kinds.get(ROLEREF)
        if role is not None:
            self._office(tok.start, nxt.end, country, role.partition("/")[0])
            return i + 2
        inst = tok.kinds.get(NOUN) or tok.kinds.get(GENERIC_NOUN)
        self._emit(tok.start, nxt.end, self._institution(country, inst), descriptive=True)
        return i + 2

    def _office(self, start: int, end: int, country: str, role: str) -> None:
        if role == "SAME":
            role = self._colleague_role(start)
        holder, fallback = self._office_holder(country, role) if role else (None, self._office_holder(country, "HOS")[1])
        self._emit(start, end, holder, fallback=fallback, descriptive=True, reference="office", office=role)

    def _colleague_role(self, start: int) -> str | None:
        """'zijn Franse collega': the office of the last person named in the paragraph."""
        for mention in self._paragraph_mentions(start):
            if mention.attrs["kind"] == "PER":
                for role in ("PRES", "HOG", "FM", "DM", "CMD", "KING", "HOS"):
                    if role in self._roles(mention):
                        return role
                return None
        return None

    def _paragraph_mentions(self, start: int) -> list[_Mention]:
        """Earlier mentions in the paragraph of ``start``, nearest first."""
        paragraph = self._paragraph(start)
        out = []
        for mention in reversed(self.mentions):
            if mention.paragraph != paragraph:
                break
            if mention.end <= start:
                out.append(mention)
        return out

    def _single(self, i: int, tok: _Tok, decided: dict[int, bool]) -> None:
        kinds = tok.kinds
        pos = kinds.get(NAME)
        if pos is not None:
            self._emit(tok.start, tok.end, self.kb.actors[pos])
            return
        if COUNTRY in kinds:
            code = kinds.get(COUNTRY)
            self._signal(tok, code, geographic=True)
            if decided.get(i) and tok.start not in self._origins:
                self._emit(tok.start, tok.end, self.kb.get(code))
            return
        if CAPITAL in kinds:
            code = kinds.get(CAPITAL)
            self._signal(tok, code, geographic=code != "EU")
            if decided.get(i):
                actor = self.kb.get("EU") if code == "EU" else self._institution(code, "GOV")
                self._emit(tok.start, tok.end, actor, metonym=True)
            return
        if BUILDING in kinds:
            if decided.get(i):
                self._emit(tok.start, tok.end, self.kb.get(kinds.get(BUILDING)), metonym=True)
            return
        if PEOPLE in kinds:
            code = kinds.get(PEOPLE)
            before = self._words_before(tok.start)
            if before and before[-1] in self.ctx.get("ethnic_words", ()):
                # 'ethnic Albanians demonstrated in Serbia': a group of civilians where they live
                self._generic(tok, "CVL", ethnicity=code)
                return
            # 'de Russen': the forces in a sentence about fighting, otherwise the country
            actor = self._institution(code, "MIL") if self._in_conflict(tok) else self.kb.get(code)
            self._emit(tok.start, tok.end, actor, descriptive=True)
            return
        if DEMONYM in kinds:
            self._signal(tok, kinds.get(DEMONYM))
            return
        if FOCUS in kinds:
            self._focus(tok, kinds.get(FOCUS))
            return
        if GENERIC_NOUN in kinds:
            self._generic(tok, kinds.get(GENERIC_NOUN))
            return
        if ROLEREF in kinds:
            role, _, gender = kinds.get(ROLEREF).partition("/")
            self._back_reference(tok, role=role, gender=gender or None)
            return
        if PRONOUN in kinds:
            self._back_reference(tok, gender=kinds.get(PRONOUN))

    def _focus(self, tok: _Tok, inst: str) -> None:
        paragraph = self._paragraph(tok.start)
        source = None
        if inst == "LOCAL":
            for place in self.doc.layers.get("places", ()):
                if place.end <= tok.start and self._paragraph(place.start) == paragraph and place.attrs.get("country"):
                    source = (place.start, place.end, place.attrs["country"])
        if source is None:
            # local authorities belong to a place: only country and capital names count
            for start, end, country, par, geographic in reversed(self.signals):
                if par == paragraph and end <= tok.start and (geographic or inst != "LOCAL"):
                    source = (start, end, country)
                    break
        if source is None:
            return
        actor = self._institution(source[2], inst)
        if actor is not None:
            self._emit(tok.start, tok.end, actor, descriptive=True, resolved_from=[source[0], source[1]],
                       reference="focus")

    def _generic(self, tok: _Tok, code: str, ethnicity: str | None = None) -> None:
        """'protesters', 'de politie': the institution of the country of a place, if any.

        The place: one right after an origin word ('migrants from Colombia'),
        else the nearest in the sentence, else the nearest earlier one in the
        paragraph (``country_source`` 'paragraph').
        """
        start = tok.start
        words = self.norm[tok.start:tok.end].split(" ", 1)
        if len(words) == 2 and words[0] in self.ctx.get("articles", ()):
            start = tok.start + len(words[0]) + 1  # 'the military': the article is not the actor
        if ethnicity is None and self.text[start].isupper() and self._in_name(start):
            return  # 'Women's Day', 'Workers' Party': part of a name
        self._generic_starts.append(start)
        place, source = self._origin_place(tok), "origin"
        if place is not None:
            self._origins.add(place.start)  # 'workers from Indonesia': Indonesia does not act
        else:
            place, source = self._sentence_place(tok), "place"
        if place is None:
            place, source = self._paragraph_place(tok), "paragraph"
        if place is not None:
            actor = self._institution(place.attrs["country"], code)
            if actor is not None:
                self._emit(start, tok.end, actor, descriptive=True, resolved_from=[place.start, place.end],
                           country_source=source, ethnicity=ethnicity)
                return
        sector, name = GENERIC[code]
        self._emit(start, tok.end, None, descriptive=True, ethnicity=ethnicity,
                   fallback={"name": name, "id": None, "country": None, "sector": sector, "kind": "ORG"})

    def _in_name(self, start: int) -> bool:
        """A capitalised common noun mid-sentence is part of a name ('Women's Day', 'the Workers' Party')."""
        before = self.text[max(0, start - 40):start]
        if "\n" in before:
            before = before.rsplit("\n", 1)[1]
        before = before.rstrip()
        return bool(before) and before[-1] not in ".!?:;\"“”‘'(-–—•*"

    def _load_places(self) -> None:
        self._places = sorted((p for p in self.doc.layers.get("places", ()) if p.attrs.get("country")),
                              key=lambda p: p.start)
        self._place_starts = [p.start for p in self._places]
        # the places a generic actor may take its country from: not 'US' in 'US dollar', 'Mauritania mosque'
        heads = self.ctx.get("place_modifier_heads", ())
        self._sources = [p for p in self._places if not (heads and p.attrs.get("feature") == "country"
                                                         and self._modifies_a_noun(p.end, heads))]
        self._source_starts = [p.start for p in self._sources]
        sentences = self.doc.layers.get("sentences") or ()
        self._sentences = sorted(((s.start, s.end) for s in sentences))
        self._sentence_starts = [s[0] for s in self._sentences]

    def _modifies_a_noun(self, end: int, heads: Any) -> bool:
        """A country names a thing, not a location: a noun of ``place_modifier_heads`` follows it.

        (A city before such a noun still locates it: a Kyiv hotel is in Kyiv.)
        """
        after = _NEXT_WORD.match(self.norm, end)
        return bool(after) and after.group(1) in heads

    def _origin_place(self, tok: _Tok) -> Any:
        """'migrants from Colombia': a place right after an origin word."""
        if self._places is None:
            self._load_places()
        i = bisect.bisect_left(self._source_starts, tok.end)
        if i >= len(self._sources):
            return None
        place = self._sources[i]
        gap = self.norm[tok.end:place.start].split()
        return place if len(gap) == 1 and gap[0] in self.ctx.get("origin_words", ()) else None

    def _paragraph_place(self, tok: _Tok) -> Any:
        """The nearest place with a country before ``tok`` in its paragraph, or None."""
        i = bisect.bisect_left(self._source_starts, tok.start) - 1
        if i < 0:
            return None
        place = self._sources[i]
        if place.end > tok.start or self._paragraph(place.start) != self._paragraph(tok.start):
            return None
        return place

    def _sentence_place(self, tok: _Tok) -> Any:
        """The place with a country nearest to ``tok`` in its sentence (not inside it), or None."""
        if self._places is None:
            self._load_places()
        if not self._sources:
            return None
        k = bisect.bisect_right(self._sentence_starts, tok.start) - 1
        if k >= 0 and tok.start < self._sentences[k][1]:
            start, end = self._sentences[k]
        else:
            cut = [m.end() for m in _SENTENCE_STOP.finditer(self.text, max(0, tok.start - 400), tok.start)]
            start = cut[-1] if cut else max(0, tok.start - 400)
            stop = _SENTENCE_STOP.search(self.text, tok.end, tok.end + 400)
            end = stop.start() if stop else tok.end + 400
        lo = bisect.bisect_left(self._source_starts, start)
        hi = bisect.bisect_left(self._source_starts, end)
        best, distance = None, None
        for place in self._sources[lo:hi]:
            if place.end > end or (place.start < tok.end and tok.start < place.end):
                continue
            gap = tok.start - place.end if place.end <= tok.start else place.start - tok.end
            if distance is None or gap < distance:
                best, distance = place, gap
        return best

    def _back_reference(self, tok: _Tok, role: str | None = None, gender: str | None = None) -> None:
        for mention in self._paragraph_mentions(tok.start):
            if mention.attrs["kind"] != "PER":
                continue
            if gender is not None:
                # 'zij' only for a woman we know of ('zij' is also 'they'); 'hij' for any other person
                known = mention.actor.get("gender") if mention.actor else None
                if known != gender and (gender == "f" or known is not None):
                    continue
            if role is not None and role not in self._roles(mention):
                continue
            attrs = mention.attrs
            self._emit(tok.start, tok.end, mention.actor, fallback=attrs, descriptive=role is not None,
                       metonym=False, resolved_from=[mention.start, mention.end],
                       reference="role" if role is not None else "pronoun", office=attrs.get("office"))
            return
