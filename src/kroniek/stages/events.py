"""The events stage: triggers -> typed, located, dated, attributed events.

One pass of the language's event lexicon over the text finds trigger words
(with Dutch compounds and separable verbs) and context words. Ambiguous
triggers ('aanval', 'gevechten') need conflict context nearby and no
sport/culture context; ASSAULT and COERCE always need a conflict or political
setting (crime and accidents are no PLOVER events); references to earlier
events ('sinds de invasie') and sentences dated years back are no events. Per sentence, triggers of one
type collapse into one event; roles come from word order and role words
(:mod:`kroniek.semantics.roles`); location, date, casualties and attribution
come from the layers of the earlier stages (docs/ARCHITECTURE.md).

Three links across sentences keep one happening one event: a sentence that
only reports casualties attaches them to the ASSAULT just before it; a
trigger-less sentence that places forces ('op 25 km van Kiev') locates the
event just before it; a definite nominal trigger without actors ('het
overleg') refers back to the first event of its type.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .. import lang as langdata
from ..document import Document, Span
from ..event import Event
from ..semantics import acled_map
from ..semantics.events_lexicon import Hit, Lexicon, TriggerEntry, load
from ..semantics.roles import RoleFinder, RoleWords, locate_local_actors, role_words
from . import register

#: Cue labels (attribution stage) -> event modality.
CUE_MODALITY = {"REQUEST": "requested", "REFUSAL": "refused", "DENIAL": "denied",
                "INTENTION": "intended", "HYPOTHETICAL": "hypothetical", "EXPECTATION": "hypothetical"}
#: A cue that *is* the event (a REFUSAL cue on a REJECT) does not change its modality.
SELF_CUES = {"REQUEST": {"REQUEST"}, "REJECT": {"REFUSAL", "DENIAL", "REQUEST"}, "ACCUSE": {"DENIAL"}}
#: Cues that, after the trigger, name its object ('weigerde het verzoek').
OBJECT_CUES = frozenset({"REQUEST", "REFUSAL", "DENIAL"})
#: Speech acts whose complement ('eiste dat Kiev ... erkent') is content, not a second event.
SPEECH_ACTS = frozenset({"REQUEST", "THREATEN", "ACCUSE", "REJECT"})
#: Events whose position a following 'op 25 km van X' sentence may give.
MOVING_TYPES = frozenset({"MOBILIZE", "ASSAULT", "RETREAT"})
#: A sentence dated more than this many years before publication tells history.
HISTORY_YEARS = 1
#: Share of sentences with conflict words that makes a whole article a war report.
WAR_SHARE = 0.1
#: How many words after a trigger 'followed_by' looks ('erkende maandag voor het eerst dat').
FOLLOW_WORDS = 6
#: How many sentences after a protest may tell how it went (violence, police intervention).
PROTEST_COURSE = 2
#: The context tags those sentences may add ('He was arrested' there may be the protest's cause).
COURSE_TAGS = frozenset({"violent", "intervention"})
#: Tags that tell how a protest went, unless they stand in its stated cause ('against the
#: stone pelting at ...', 'after he was attacked by guards'): a clause after a cause marker.
COURSE_SENSITIVE = frozenset({"violent", "intervention", "lethal", "arrests"})
#: Types too frequent to merge by a definite article: each attack is its own event.
NO_ANAPHOR = frozenset({"ASSAULT"})
#: Types that happen at a place: their location may be a recipient town or any place
#: of the sentence; other types (demands, sanctions, ...) only take a place after 'in'.
PHYSICAL_TYPES = frozenset({"ASSAULT", "MOBILIZE", "RETREAT", "PROTEST", "COERCE", "CONSULT", "AID"})
#: Actor sectors that count as conflict context.
ARMED_SECTORS = frozenset({"MIL", "REB", "PMC", "INS"})
#: Types filtered hardest in non-conflict text: crime and accidents are not PLOVER events.
VIOLENT_TYPES = frozenset({"ASSAULT", "COERCE"})
#: Unambiguous triggers of these types are themselves conflict context ('artillerievuur').
CONTEXT_TYPES = frozenset({"ASSAULT", "MOBILIZE"})
#: Types whose outcome a casualty sentence may tell: attacks, and protests (ACLED codes the
#: demonstrators killed when a protest is met with force).
CASUALTY_TYPES = frozenset({"ASSAULT", "PROTEST"})
#: A casualty sentence tells the outcome of an event at most this many sentences before
#: it (or before the last sentence already linked to it) in the same paragraph.
CASUALTY_GAP = 3
#: Words at most between two casualty figures joined by 'and' ('Two police officers and a civilian').
CONJOINED_GAP = 3
_CLAUSE_PUNCT = re.compile(r"[;:]|,|\s[-–—]\s")
_WORD = re.compile(r"[\w'-]+")
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
#: Dates that date something else than the sentence's events (the time stage's ``scope``).
SIDE_SCOPES = frozenset({"onset", "attributive"})
#: Words between a trigger and a date that is still its own ('attacked Kharkiv on Monday').
BOUND_WORDS = 2
SIDE_BOUND_WORDS = 1
_BOUND_BREAK = re.compile(r"[;:,()\[\]]|\s[-–—]\s")
_YEAR = re.compile(r"\d{4}")
#: A trigger's purpose ('gathered in X (Y, Z), demanding ...') runs to the end of the sentence part.
_PURPOSE_STOP = re.compile(r"[;:!?]|\.\s")
_PARENS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_SENTENCE_FALLBACK = re.compile(r"[^.!?\n]+[.!?]*")


@dataclass
class Candidate:
    hit: Hit
    entry: TriggerEntry
    type: str
    noun: bool


@dataclass
class SentenceInfo:
    span: Span
    index: int
    paragraph: Any
    hits: list[Hit] = field(default_factory=list)
    conflict: bool = False
    negative: bool = False
    #: An armed actor (army, rebels, ...) acts in the sentence: a sport or market word
    #: nearby ('shot a trader in the market') does not make its violence a game.
    armed: bool = False
    tags: set[str] = field(default_factory=set)
    triggered: bool = False
    attribution: Any = False  # cached (record, modality); False until looked up


@register("events")
class EventsStage:
    def __init__(self, window: int = 1, background_chars: int = 40, war_sentences: int = 4,
                 skip_labels: tuple[str, ...] | list[str] = ("caption", "heading")):
        self.window = window
        self.war_sentences = war_sentences
        self.background_chars = background_chars
        self.skip_labels = frozenset(skip_labels)

    def __call__(self, doc: Document) -> None:
        if not doc.text:
            return
        _Run(self, doc).run()


class _Run:
    """The work on one document (keeps the per-document state in one place)."""

    def __init__(self, stage: EventsStage, doc: Document):
        self.stage, self.doc = stage, doc
        self.lex: Lexicon = load(doc.lang)
        self.words: RoleWords = role_words(doc.lang)
        self.norm = doc.normalized()
        self.sentences = self._sentences()
        self.starts = [s.span.start for s in self.sentences]
        self.actors = _Sorted(doc.layers.get("actors", ()))
        self.places = _Sorted(doc.layers.get("places", ()))
        self.dates = _Sorted(doc.layers.get("dates", ()))
        self.quantities = _Sorted(doc.layers.get("quantities", ()))
        self.metonyms = [(a.start, a.end) for a in self.actors.spans if a.attrs.get("metonym")]
        self.attributions = doc.layers.get("attributions", ())
        self.cues = _Sorted(doc.layers.get("cues", ()))
        self.sources = [(a.attrs["source_start"], a.attrs["source_end"]) for a in self.attributions
                        if a.attrs.get("source_start") is not None and a.attrs.get("source_end") is not None]
        self.backgrounds: list[tuple[int, int]] = []
        self.events: list[Event] = []
        self.event_sentence: dict[int, SentenceInfo] = {}
        self.war_report = False

    # -- setup ---------------------------------------------------------------
    def _sentences(self) -> list[SentenceInfo]:
        spans = sorted(self.doc.layers.get("sentences", ()), key=lambda s: s.start)
        if not spans:  # no sentences stage: a plain split, never written to the layer
            spans = [Span(m.start(), m.end(), "sentence", {"paragraph": 0})
                     for m in _SENTENCE_FALLBACK.finditer(self.doc.text) if m.group().strip()]
        return [SentenceInfo(s, i, s.attrs.get("paragraph")) for i, s in enumerate(spans)]

    def sentence_at(self, offset: int) -> SentenceInfo | None:
        i = bisect.bisect_right(self.starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].span.end:
            return self.sentences[i]
        return None

    def _bucket(self, hits: list[Hit]) -> None:
        for hit in hits:
            info = self.sentence_at(hit.start)
            if info is None:
                continue
            info.hits.append(hit)
            info.triggered = info.triggered or hit.entry is not None
            if "conflict_context" in hit.kinds or (hit.entry and hit.entry.type in CONTEXT_TYPES
                                                  and not hit.entry.ambiguous):
                info.conflict = True
            if "negative_context" in hit.kinds:
                info.negative = True
            info.tags.update(k[4:] for k in hit.kinds if k.startswith("tag:"))
        # only an actor the lexicon itself calls armed ('soldier', 'rebels') outweighs a sport
        # or market word: 'the attacker shot' may be a footballer
        armed_words = [(hit.start, hit.end) for hit in hits if "tag:armed" in hit.kinds]
        for actor in self.actors.spans:
            if actor.attrs.get("sector") in ARMED_SECTORS:
                info = self.sentence_at(actor.start)
                if info is not None:
                    info.conflict = True
                    info.armed = info.armed or any(actor.start <= start and end <= actor.end
                                                   for start, end in armed_words)

    # -- main ----------------------------------------------------------------
    def run(self) -> None:
        self._bucket(self.lex.scan(self.doc.text, self.norm))
        # A report with conflict words in many sentences sets the scene for all of them.
        in_conflict = sum(s.conflict for s in self.sentences)
        self.war_report = in_conflict >= max(self.stage.war_sentences, WAR_SHARE * len(self.sentences))
        # Captions and section headings repeat the body; a text of headings alone is read.
        skip = self.stage.skip_labels if any(s.span.label == "sentence" for s in self.sentences) else ()
        for info in self.sentences:
            if info.span.label in skip:
                continue
            if not info.triggered:
                if self.events:  # casualties or a position for the event just before
                    self._sentence_events(info, [])
                continue
            candidates = self._candidates(info)
            for cand in candidates:
                self.doc.add("triggers", cand.hit.start, cand.hit.end, "TRIGGER", type=cand.type,
                             mode=cand.entry.mode, acled=list(cand.entry.acled) if cand.entry.acled else None)
            self._sentence_events(info, candidates)
        self.doc.events.extend(self._unrepeated())

    def _unrepeated(self) -> list[Event]:
        """A paragraph the source repeats (a scraping artefact) does not repeat its events."""
        seen: set[tuple[str, str, str]] = set()
        kept = []
        for event in self.events:
            key = (event.type, event.trigger["text"], event.evidence["sentence"])
            if key not in seen:
                seen.add(key)
                kept.append(event)
        return kept

    # -- trigger selection -----------------------------------------------------
    def _candidates(self, info: SentenceInfo) -> list[Candidate]:
        window = self.sentences[max(0, info.index - self.stage.window): info.index + self.stage.window + 1]
        conflict = self.war_report or any(s.conflict for s in window if s.paragraph == info.paragraph or s is info)
        out: list[Candidate] = []
        for hit in info.hits:
            entry = hit.entry
            if entry is None:
                continue
            kind = self._retype(info, hit, entry)
            if kind is None:
                continue
            if (entry.ambiguous or kind in VIOLENT_TYPES) and not conflict:
                continue  # political violence and coercion need a conflict or political setting
            if info.negative and not info.armed and (entry.ambiguous or kind in VIOLENT_TYPES):
                continue
            if self._background(info, hit):
                continue
            noun = self._is_noun(hit, entry)
            if not noun and self._in_relative_clause(info, hit):
                continue
            out.append(Candidate(hit, entry, kind, noun))
        return self._prune(info, out)

    def _retype(self, info: SentenceInfo, hit: Hit, entry: TriggerEntry) -> str | None:
        if entry.requires and not self._purpose(info, hit, entry):
            return None
        if not entry.followed_by:
            return entry.type
        reach = min(hit.end + 60, info.span.end)  # 'eist. Het Kremlin wees die eis af': not its particle
        stop = _CLAUSE_PUNCT.search(self.doc.text, hit.end, reach)
        following = self.norm[hit.end:stop.start() if stop else reach].split()[:FOLLOW_WORDS]
        for word, new_type in entry.followed_by:
            if word in following:
                return new_type
        return entry.type

    def _purpose(self, info: SentenceInfo, hit: Hit, entry: TriggerEntry) -> bool:
        """'gathered in X against ...': a word of ``requires`` follows in the trigger's clause,
        or opens the next sentence after its subject ('... blocked the road. They demanded ...')."""
        reach = hit.end + 16 * entry.requires_words
        stop = _PURPOSE_STOP.search(self.doc.text, hit.end, reach)
        if self._purpose_between(hit.end, stop.start() if stop else reach, entry):
            return True
        following = self.sentences[info.index + 1] if info.index + 1 < len(self.sentences) else None
        if following is None or following.paragraph != info.paragraph or not self.lex.purpose_subjects:
            return False
        start = following.span.start
        words = self.norm[start:start + 40].split()
        for subject in self.lex.purpose_subjects:
            if words[:len(subject)] == list(subject):
                return self._purpose_between(start, min(following.span.end, start + 80), entry)
        return False

    def _purpose_between(self, start: int, end: int, entry: TriggerEntry) -> bool:
        following = self.norm[start:end]
        # brackets are read in the text: normalising has turned them into spaces
        for m in reversed(list(_PARENS.finditer(self.doc.text, start, end))):
            following = following[:m.start() - start] + " " + following[m.end() - start:]
        return not entry.requires.isdisjoint(_WORD.findall(following)[:entry.requires_words])

    def _background(self, info: SentenceInfo, hit: Hit) -> bool:
        """'sinds (het begin van) de invasie': a reference to an earlier event."""
        for other in info.hits:
            if "background_before" in other.kinds and other.end <= hit.start:
                gap = self.doc.text[other.end:hit.start]
                if len(gap) <= self.stage.background_chars and not _CLAUSE_PUNCT.search(gap):
                    clause_end = self._clause(info, hit.start)[1]
                    self.backgrounds.append((other.start, clause_end))
                    return True
        return False

    def _is_noun(self, hit: Hit, entry: TriggerEntry) -> bool:
        if entry.participle:
            return False
        if entry.compound:
            return True
        window_start = max(0, hit.start - 40)
        before = list(_WORD.finditer(self.norm, window_start, hit.start))[-2:]
        for i, m in enumerate(before):
            # 'de aanval', 'de Russische aanval', 'Russische beschietingen'; not 'Russische troepen eist'
            if m.group() in self.words.articles or (m.group() in self.words.demonyms and i == len(before) - 1):
                if not _CLAUSE_PUNCT.search(self.doc.text, m.end(), hit.start):
                    return True
        after = self.norm[hit.end:hit.end + 30].split()[:1]
        return bool(after) and self.words.kinds.get(after[0]) in ("target", "partner", "genitive", "between")

    def _in_relative_clause(self, info: SentenceInfo, hit: Hit) -> bool:
        """A verb inside ', die ... ,' describes background, not the reported happening."""
        text = self.doc.text
        comma = text.rfind(",", info.span.start, hit.start)
        if comma < 0:
            return False
        first = self.norm[comma + 1:hit.start].split()[:1]
        if not first or first[0] not in self.words.relative:
            return False
        return "," in text[hit.end:info.span.end] or hit.end >= info.span.end - 2

    def _prune(self, info: SentenceInfo, cands: list[Candidate]) -> list[Candidate]:
        """Absorbed types and the content of speech acts are no events of their own."""
        absorbed = {t for c in cands for t in c.entry.absorbs}
        absorbed_nouns = {t for c in cands for t in c.entry.absorbs_nouns}
        cands = [c for c in cands if c.type not in absorbed and not (c.noun and c.type in absorbed_nouns)]
        cands = self._without_fronted_content(info, cands)
        out: list[Candidate] = []
        speech_clause_end = -1
        speech_type = None
        for c in cands:
            if speech_type and c.hit.start < speech_clause_end and c.type != speech_type:
                continue
            out.append(c)
            if c.type in SPEECH_ACTS and not c.noun and speech_type is None:
                speech_type = c.type
                speech_clause_end = self._speech_end(info, c.hit.end)
        return out

    def _without_fronted_content(self, info: SentenceInfo, cands: list[Candidate]) -> list[Candidate]:
        """'... dat Kiev een staakt-het-vuren eist': in a clause opened by a complementizer and
        closed by a speech-act verb, the nouns before the verb are what is demanded or
        threatened, not events."""
        content: set[int] = set()
        for c in cands:
            if c.type not in SPEECH_ACTS or c.noun or not self._closes_clause(info, c.hit.end):
                continue
            opener = self._complementizer_before(info, c.hit.start)
            if opener is None:
                continue
            content.update(id(o) for o in cands
                           if o.noun and o.type != c.type and opener <= o.hit.start < c.hit.start)
        return [c for c in cands if id(c) not in content] if content else cands

    def _closes_clause(self, info: SentenceInfo, offset: int) -> bool:
        """Is the word ending at ``offset`` the last of its clause ('... eist.', '... eist en')?"""
        following = _WORD.search(self.norm, offset, self._clause(info, offset)[1])
        return following is None or following.group() in self.lex.particle_followers

    def _complementizer_before(self, info: SentenceInfo, offset: int) -> int | None:
        """Where the subordinate clause holding ``offset`` opens ('dat', 'that'), if it does."""
        start = self._clause(info, offset)[0]
        found = None
        for m in _WORD.finditer(self.norm, start, offset):
            if m.group() in self.lex.complementizers:
                found = m.end()
        return found

    def _speech_end(self, info: SentenceInfo, offset: int) -> int:
        end = info.span.end
        for tok in self.norm[offset:end].split():
            if tok in self.words.clause_breaks:
                return self.norm.find(" " + tok + " ", offset, end) + 1 or end
        semi = self.doc.text.find(";", offset, end)
        return semi if semi >= 0 else end

    # -- events per sentence ---------------------------------------------------
    def _sentence_events(self, info: SentenceInfo, cands: list[Candidate]) -> None:
        groups: dict[str, list[Candidate]] = {}
        for c in cands:
            groups.setdefault(c.type, []).append(c)
        if self._outcome_of_earlier(info, groups):
            return
        if not groups:
            self._attach_position(info)
            return
        finder = RoleFinder(self.doc, self.norm, info.span, self.words,
                            self.actors.within(info.span), self.places.within(info.span),
                            self.sources, self.dates.within(info.span))
        anchors = [c.hit.start for c in cands]
        for event_type, group in groups.items():
            rep = next((c for c in group if c.entry.mode or c.entry.acled), group[0])
            event = self._build(info, finder, event_type, rep, group, anchors)
            if event is not None:
                self.events.append(event)
                self.event_sentence[id(event)] = info

    def _build(self, info: SentenceInfo, finder: RoleFinder, event_type: str, rep: Candidate,
               group: list[Candidate], anchors: list[int]) -> Event | None:
        if self._historical(info):
            return None
        doc, hit = self.doc, rep.hit
        clause = self._clause(info, hit.start)
        last = max(c.hit.end for c in group)
        reach = min([a for a in anchors if a > last and all(a != c.hit.start for c in group)],
                    default=info.span.end)
        actors, place_recipients = finder.assign(event_type, (hit.start, hit.end), not rep.noun,
                                                 rep.entry.participle, clause, reach,
                                                 any(c.entry.of_recipient for c in group))
        if (rep.noun and not actors and event_type not in NO_ANAPHOR and self._definite(hit.start)
                and self._merge_anaphor(info, finder, event_type, hit)):
            return None
        attribution, attr_modality = self._attribution(info)
        modality, negated = self._modality(info, event_type, group, clause, attr_modality, not rep.noun)
        mode = acled_map.mode_from_context(event_type, rep.entry.mode, info.tags)
        event = Event(
            type=event_type,
            trigger={"text": doc.text[hit.start:hit.end], "start": hit.start, "end": hit.end},
            evidence={"sentence": doc.text[info.span.start:info.span.end],
                      "start": info.span.start, "end": info.span.end},
            mode=mode,
            actors=actors,
            location=self._location(event_type, info, finder, actors, place_recipients, hit,
                                    [a for a in anchors if all(a != c.hit.start for c in group)]),
            date=self._date(info, hit.start, hit.end),
            attribution=attribution,
            modality=modality,
            negated=negated,
        )
        locate_local_actors(event.actors, event_type, event.location)
        if event_type == "ASSAULT":
            event.fatalities, event.injured = self._casualties(info)
        if self._is_recipient_of_reject(event):
            self._link_reject(event)
        event.acled = acled_map.decide(event_type, mode, rep.entry.acled, self._acled_tags(info, event_type, hit),
                                       modality, negated,
                                       [a.get("sector") for a in actors if a["role"] == "recipient"],
                                       [a.get("sector") for a in actors if a["role"] == "actor"])
        if event_type == "PROTEST":
            self._riot_casualties(event, info, hit)
        event.confidence = self._confidence(event, rep, info)
        if len(group) > 1:
            event.extra["mentions"] = [[c.hit.start, c.hit.end] for c in group]
        return event

    def _acled_tags(self, info: SentenceInfo, event_type: str, hit: Hit) -> set[str]:
        """A protest's course is often told in the next sentences ('They burned tyres.',
        'Police fired tear gas.'): its tags come from them too, within the paragraph. What
        the protest is about ('against the stone pelting at ...') tells nothing of its course."""
        if event_type != "PROTEST":
            return info.tags
        tags = (info.tags - COURSE_SENSITIVE) | self._course_tags(info, hit.start)
        if info.paragraph is None:
            return tags
        for other in self.sentences[info.index + 1: info.index + 1 + PROTEST_COURSE]:
            if other.paragraph != info.paragraph:
                break
            tags |= self._course_tags(other, other.span.start) & COURSE_TAGS
        return tags

    def _course_tags(self, info: SentenceInfo, start: int) -> set[str]:
        """The sentence's course tags outside the clauses that give a cause (after ``start``)."""
        found: set[str] = set()
        cause_until = -1
        for h in info.hits:
            if h.start >= start and "cause_markers" in h.kinds:
                cause_until = self._clause(info, h.start)[1]
            elif h.start >= cause_until:
                found.update(k[4:] for k in h.kinds if k.startswith("tag:"))
        return found & COURSE_SENSITIVE

    # -- clause, modality, attribution -----------------------------------------
    def _clause(self, info: SentenceInfo, offset: int) -> tuple[int, int]:
        text, start, end = self.doc.text, info.span.start, info.span.end
        cut_start, cut_end = start, end
        for m in _CLAUSE_PUNCT.finditer(text, start, end):
            if m.end() <= offset:
                cut_start = m.end()
            elif m.start() >= offset:
                cut_end = m.start()
                break
        return cut_start, cut_end

    def _modality(self, info: SentenceInfo, event_type: str, group: list[Candidate],
                  clause: tuple[int, int], attr_modality: str | None,
                  verbal: bool = False) -> tuple[str, bool]:
        """Cues in the trigger's scope. After a verb that already happened ('protested
        demanding ... without the regime', 'held a protest against plans to ...') a cue
        belongs to the object, not to the event."""
        modality = attr_modality or "asserted"
        negated = False
        own = SELF_CUES.get(event_type, set())
        trigger_spans = [(c.hit.start, c.hit.end) for c in group]
        first = group[0].hit
        for cue in self.cues.within(info.span):
            if any(cue.start < e and s < cue.end for s, e in trigger_spans):
                continue
            if cue.start >= first.end and (verbal or cue.label == "NEGATION"):
                continue
            scope_start, scope_end = cue.attrs.get("scope_start"), cue.attrs.get("scope_end")
            if scope_start is not None and scope_end is not None:
                if not (scope_start <= first.start < scope_end and clause[0] <= cue.start < clause[1] + 1
                        or scope_start <= first.start and first.end <= scope_end and cue.start >= info.span.start
                        and cue.end <= info.span.end):
                    continue
            elif not (clause[0] <= cue.start and cue.end <= clause[1] and cue.start < first.start):
                continue
            if cue.label == "NEGATION":
                if self._in_name(info, cue.start):
                    continue  # "'No Trident Committee' activists"
                negated = negated or clause[0] <= cue.start < clause[1]
            elif cue.label in OBJECT_CUES and cue.start > first.start:
                continue  # 'rejected the request': the cue is the object, not a mood
            elif cue.label in CUE_MODALITY and cue.label not in own:
                modality = CUE_MODALITY[cue.label]
        return modality, negated

    def _in_name(self, info: SentenceInfo, offset: int) -> bool:
        """A capitalised word inside a sentence (not after a stop) is part of a name."""
        text = self.doc.text
        if not text[offset:offset + 1].isupper() or offset <= info.span.start:
            return False
        before = text[info.span.start:offset].rstrip(" '\"‘“")
        return bool(before) and before[-1] not in ".:;!?"

    def _attribution(self, info: SentenceInfo) -> tuple[dict[str, Any] | None, str | None]:
        if info.attribution is False:
            info.attribution = self._find_attribution(info)
        return info.attribution

    def _find_attribution(self, info: SentenceInfo) -> tuple[dict[str, Any] | None, str | None]:
        best = None
        for a in self.attributions:
            s, e = a.attrs.get("scope_start", a.start), a.attrs.get("scope_end", a.end)
            if s is not None and e is not None and s <= info.span.start < e:
                if best is None or abs(a.start - info.span.start) < abs(best.start - info.span.start):
                    best = a
        if best is None:
            return None, None
        attrs = best.attrs
        record = {"text": self.doc.text[best.start:best.end], "source": attrs.get("source_text"),
                  "claimant": attrs.get("claimant"), "verified": attrs.get("verified"),
                  "span": [best.start, best.end]}
        return record, attrs.get("modality")

    # -- location, date, casualties --------------------------------------------
    def _location(self, event_type: str, info: SentenceInfo, finder: RoleFinder, actors: list[dict[str, Any]],
                  place_recipients: list[Span], hit: Hit,
                  other_triggers: list[int] = ()) -> dict[str, Any] | None:
        """The scene: a recipient town, else a place after 'in/bij/op', else any place of the
        sentence that is no party and lies nearer to this trigger than to another event's."""
        if event_type not in PHYSICAL_TYPES:
            place_recipients = []
        recipient_places = [[p.start, p.end] for p in place_recipients]
        party_spans = [tuple(a["span"]) for a in actors if a.get("span") and a["span"] not in recipient_places]
        ranked = []
        for place in self.places.within(info.span):
            if not place.attrs.get("precision"):
                continue  # the contract needs one; never guess it
            if _overlaps_any(place, party_spans + self.metonyms + self.sources):
                continue
            distance = abs(place.start - hit.start)
            if place not in place_recipients and any(abs(place.start - o) < distance for o in other_triggers):
                continue
            governor = finder.governor(place.start)
            if event_type not in PHYSICAL_TYPES and governor != "scene":
                continue  # a demand or a sanction happens 'in X' or nowhere the text says
            if place in place_recipients:
                rank = 0
            elif governor in ("scene", "target"):
                rank = 1
            elif governor is None:
                rank = 3 if place.attrs.get("precision") == "country" else 2
            elif governor == "genitive":
                rank = 3
            else:
                continue
            ranked.append((rank, distance, place))
        if not ranked:
            return None
        return place_record(self.doc, min(ranked, key=lambda r: (r[0], r[1]))[2])

    def _date(self, info: SentenceInfo, start: int, end: int | None = None) -> dict[str, Any] | None:
        """The event's date: from its sentence, else from the last dated sentence of its paragraph.

        In the sentence: a date bound to the trigger ('attacked on 2 May', 'the 24 February
        invasion'), then the finest, then the one opening the sentence ('On 10 May 2022, ...'),
        then absolute, then the nearest. A date that dates something else ('since 2019', 'the
        9 May elections') is not the event's, except that an ongoing
        state's start ('on strike since October') is when nothing else is.
        """
        trigger = (start, start if end is None else end)
        inside = [d for d in self.dates.within(info.span) if self._usable_date(d)]
        own = [d for d in inside if d.attrs.get("scope") not in SIDE_SCOPES or
               (d.attrs.get("scope") != "onset" and self._bound(d, trigger, side=True))]
        if own:
            return date_record(self.doc, min(own, key=lambda d: self._date_rank(d, trigger)))
        earlier = self._paragraph_date(info)
        onsets = [d for d in inside if d.attrs.get("scope") == "onset"]
        if earlier is not None or not onsets:
            return earlier
        return date_record(self.doc, min(onsets, key=lambda d: self._date_rank(d, trigger)))

    def _paragraph_date(self, info: SentenceInfo) -> dict[str, Any] | None:
        """The time the paragraph has reached: of the nearest earlier sentence with a date, the
        date of its event ('killed nine on Tuesday, officials said on Wednesday. Rockets struck
        ...'), else its finest date, then the one opening it ('On 3 May, ... 10 days ago. They
        blocked ...'), then the last; a noun's date ('de raketaanval van vanmiddag') only when it
        has no other."""
        if info.paragraph is None:
            return None
        for index in range(info.index - 1, -1, -1):
            other = self.sentences[index]
            if other.paragraph != info.paragraph:
                return None
            own = [d for d in self.dates.within(other.span)
                   if self._usable_date(d) and d.attrs.get("scope") != "onset"]
            if own:
                dated = next((e.date for e in self.events if e.date  # its first: the main clause's
                              and e.evidence["start"] == other.span.start), None)
                return dict(dated) if dated else date_record(self.doc, min(own, key=_narrative_rank))
        return None

    def _date_rank(self, date: Span, trigger: tuple[int, int]) -> tuple:
        a = date.attrs
        return (not self._bound(date, trigger), _PRECISION_RANK.get(a.get("precision"), 9),
                a.get("scope") != "frame", bool(a.get("relative")), abs(date.start - trigger[0]))

    def _bound(self, date: Span, trigger: tuple[int, int], side: bool = False) -> bool:
        """The date follows the trigger in its phrase: 'attacked Kharkiv on Monday', 'beschoten
        maandag'. One before it belongs to the clause before as often as not in English
        ('relatives of a man killed in 2019 gathered'), not in a Dutch clause that ends in its
        verb ('dat troepen Charkiv op 3 maart beschoten'; time.yaml ``date_before_trigger_words``).
        A noun's date (``side``) is bound right before or after it: 'the 24 February invasion',
        'de inval van 24 februari'."""
        if trigger[0] == trigger[1]:
            return False
        if date.start >= trigger[1]:
            gap, limit = self.doc.text[trigger[1]:date.start], SIDE_BOUND_WORDS if side else BOUND_WORDS
        elif date.end <= trigger[0]:
            gap, limit = self.doc.text[date.end:trigger[0]], SIDE_BOUND_WORDS if side else _before_words(self.doc.lang)
        else:
            return False
        if limit < 0 or len(gap) > 40 or _BOUND_BREAK.search(gap):
            return False
        words = [w.lower() for w in _WORD.findall(gap)]
        return (len(words) <= limit
                and not any(w in self.words.clause_breaks or w in self.words.relative for w in words))

    def _historical(self, info: SentenceInfo) -> bool:
        """'Tijdens de Algerijnse oorlog (1954-1962) vonden aanslagen plaats': history, not news
        (unless the sentence also gives a recent day or month of its own)."""
        if self.doc.date is None:
            return False
        old = False
        for d in self.dates.within(info.span):
            end = d.attrs.get("end")
            if not (end and str(end)[:4].isdigit()):
                continue
            if int(str(end)[:4]) < self.doc.date.year - HISTORY_YEARS:
                old = True
            elif d.attrs.get("precision") in ("day", "week", "month") and _YEAR.search(
                    self.doc.text, d.start, d.end):
                return False  # 'On 8 May 2022, ... the 77th anniversary of 8 May 1945': today's news
        return old

    def _usable_date(self, date: Span) -> bool:
        return bool(date.attrs.get("precision")) and not _overlaps_any(date, self.backgrounds)

    def _casualties(self, info: SentenceInfo) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        """The sentence's count of dead and of injured (the lowest figure: ACLED is
        conservative). The attackers are no victims ('killed by two armed men'); 'a man' or
        a figure right before the verb ('two gunmen killed a man') counts only when the
        sentence gives no other figure."""
        quantities = self.quantities.within(info.span)
        if not quantities:  # the usual case: at most the one victim the text names
            return self._one_victim(info), None
        found: dict[str, list[tuple[bool, int, dict[str, Any]]]] = {}
        indefinite = self.words.articles - self.words.definite
        # 'two gunmen killed a man': a figure right before the verb counts the attackers
        # (not before 'were killed': there it counts the victims)
        subjects = {h.start - 1 for h in info.hits if h.entry is not None and h.entry.type == "ASSAULT"
                    and not self._passive(h)}
        nobody = None
        people = None  # the last figure of people ('One civilian') that 'and two ... were killed' joins
        subset_spans: set[int] = set()
        for q in quantities:
            counts = q.attrs.get("counts")
            if q.attrs.get("min") is None and q.attrs.get("max") is None:
                continue
            if counts not in ("dead", "injured"):
                if counts in ("people", "casualties") and q.attrs.get("max") == 0:
                    nobody = q  # 'There were no casualties': none dead, none hurt
                people = q  # a figure of people, or of a group the data does not know ('18 ISWAP')
                continue
            if self._after_agent_word(q.start):
                continue
            record = {"text": self.doc.text[q.start:q.end], "min": q.attrs.get("min"),
                      "max": q.attrs.get("max"), "approximate": bool(q.attrs.get("approximate")),
                      "span": [q.start, q.end]}
            if people is not None and self._conjoined(info, people.end, q.start, people.attrs.get("counts") is None):
                record = _summed(self.doc.text, {"min": people.attrs.get("min"), "max": people.attrs.get("max"),
                                                 "approximate": bool(people.attrs.get("approximate")),
                                                 "span": [people.start, people.end]}, record)
            people = None
            low = record["min"] if record["min"] is not None else record["max"]
            first = self.norm[q.start:q.end].split()[:1]
            subset = bool(q.attrs.get("subset"))  # 'including two children': part of another figure
            weak = bool(first) and first[0] in indefinite or q.end in subjects or subset
            bucket = found.setdefault(counts, [])
            if bucket and self._conjoined(info, bucket[-1][2]["span"][1], q.start):
                # 'one civilian and two traffickers were killed': three dead
                merged_weak = subset or bucket[-1][2]["span"][0] in subset_spans
                bucket[-1] = (merged_weak, bucket[-1][1] + low, _summed(self.doc.text, bucket[-1][2], record))
                continue
            if subset:
                subset_spans.add(q.start)
            bucket.append((weak, low, record))
        if "dead" not in found:
            one = self._one_victim(info)
            if one is not None:
                found["dead"] = [(True, 1, one)]
        out = []
        for counts in ("dead", "injured"):
            options = found.get(counts)
            if not options and nobody is not None:
                out.append({"text": self.doc.text[nobody.start:nobody.end], "min": 0, "max": 0,
                            "approximate": False, "span": [nobody.start, nobody.end]})
                continue
            if not options:
                out.append(None)
                continue
            figures = [o for o in options if not o[0]] or options
            out.append(min(figures, key=lambda o: o[1])[2])
        return out[0], out[1]

    def _one_victim(self, info: SentenceInfo) -> dict[str, Any] | None:
        """'The trafficker was killed', 'he died': a singular victim is one dead (the text says so)."""
        if not self.lex.one_victim_dead:
            return None
        for hit in info.hits:
            if hit.entry is None or self.norm[hit.start:hit.end] not in self.lex.one_victim_dead:
                continue
            before = self.norm[max(info.span.start, hit.start - 40):hit.start].split()[-3:]
            if any(w in self.lex.one_victim_before for w in before):
                return self._one(hit.start, hit.end)
        return self._one_object_victim(info)

    def _one(self, start: int, end: int) -> dict[str, Any]:
        return {"text": self.doc.text[start:end], "min": 1, "max": 1, "approximate": False, "span": [start, end]}

    def _one_object_victim(self, info: SentenceInfo) -> dict[str, Any] | None:
        """'killing him', 'killed the traditional ruler of X', 'doodden de commandant': a killing
        verb's object that is one person (a pronoun, or a singular noun that is no collective)."""
        words = _object_victim_words(self.doc.lang)
        if words is None or not any(h.entry is not None and h.entry.type == "ASSAULT" for h in info.hits):
            return None  # the killing verbs are attack triggers: no trigger, no verb
        for m in words.verbs.finditer(self.norm, info.span.start, info.span.end):
            tokens = list(_WORD.finditer(self.norm, m.end(), min(info.span.end, m.end() + 80)))[:6]
            if not tokens or self.norm[m.end():tokens[0].start()].strip():
                continue
            first = tokens[0]
            if first.group() in words.pronouns:
                return self._one(m.start(), first.end())  # 'killing him as a result'
            if first.group() not in words.determiners:
                continue
            head = None
            for tok in tokens[1:]:
                if tok.group() in self.words.kinds or tok.group() in self.words.conjunction:
                    break
                head = tok
                if self.norm[tok.end():tok.end() + 1] in ",.;:!?)":
                    break
            if head is None or head.group() in words.collective or head.group().endswith(words.plural_endings):
                continue
            if any(m.end() <= q.start < head.end() for q in self.quantities.within(info.span)):
                continue  # 'doodde de soldaat twee burgers': a figure says how many
            return self._one(m.start(), head.end())  # 'killed the traditional ruler of Olowe'
        return None

    def _conjoined(self, info: SentenceInfo, end: int, start: int, named: bool = False) -> bool:
        """'one civilian and two traffickers', 'Two police officers and a civilian', 'Three
        volunteer fighters (VDP) and a councilman': the rest of a noun phrase at most, then 'and'.
        ``named``: the first figure counts a group the data does not know, so the words
        between must name it ('18 ISWAP and 3 Boko Haram fighters', not '30 minutes and 5')."""
        gap = self.norm[end:start].split()
        if not gap or len(gap) > CONJOINED_GAP or gap[-1] not in self.words.conjunction:
            return False
        if any(c in ",;:." for c in self.doc.text[end:start]):
            return False
        if any(end <= h.start < start for h in info.hits if h.entry is not None):
            return False
        # the words between name the group: capitalised ('ISWAP'), in brackets ('(VDP)'), or
        # a counted noun that goes on ('police officers'); not a verb ('omkomen en 500')
        nouns = _counted_nouns(self.doc.lang)
        return all(w[:1].isupper() or w[:1] in "([" or (not named and w.lower() in nouns)
                   for w in self.doc.text[end:start].split()[:-1])

    def _after_agent_word(self, offset: int) -> bool:
        before = self.norm[max(0, offset - 12):offset].split()[-1:]
        return bool(before) and self.words.kinds.get(before[0]) == "agent"

    # -- links across sentences --------------------------------------------------
    def _previous_in_paragraph(self, info: SentenceInfo, types: frozenset[str], max_gap: int) -> Event | None:
        for event in reversed(self.events):
            where = self.event_sentence.get(id(event))
            if where is None or where.paragraph != info.paragraph or info.paragraph is None:
                return None
            if info.index - where.index > max_gap:
                return None
            if event.type in types:
                return event
        return None

    def _attach_casualties(self, info: SentenceInfo) -> bool:
        """Casualties told after the event ('Zeker 37 mensen raakten gewond.') are its outcome.

        A later total ('2 fatalities.', 'Het dodental is 12.') sums up the victims told
        one by one before it, so it replaces their figure; other figures only fill a gap.
        """
        event = self._casualty_event(info, True)
        if event is None:  # the usual case: no attack or protest just before
            return False
        dead, injured = self._casualties(info)
        if dead is None and injured is None:
            return False
        if event.type != "ASSAULT" and (self._caused_by(dead) or self._caused_by(injured)):
            return False  # an ASSAULT in reach would have been chosen before any protest
        if self._names_other_place(info, event):
            return False
        event.fatalities = self._later_figure(event.fatalities, dead, info)
        event.injured = self._later_figure(event.injured, injured, info)
        self._fill(event, info)
        return True

    def _link_victims(self, info: SentenceInfo) -> bool:
        """'The trafficker was killed.' after an attack or clash tells its outcome, no new event."""
        event = self._casualty_event(info, True)  # the victim is the subject: 'The man was killed'
        if event is None or self._names_other_place(info, event):
            return False
        self._fill(event, info)
        return True

    def _casualty_event(self, info: SentenceInfo, protest_outcome: bool) -> Event | None:
        """The event a casualty sentence tells the outcome of: the paragraph's last attack, at
        most CASUALTY_GAP sentences before it or before its last linked sentence; else, if
        ``protest_outcome``, the last protest. A sentence about earlier years tells no outcome."""
        if info.paragraph is None:
            return None
        found = protest = None
        for event in reversed(self.events):
            where = self.event_sentence.get(id(event))
            if where is None or where.paragraph != info.paragraph:
                break
            last = where.index
            linked = event.extra.get("linked_sentences")
            if linked:  # appended in text order: the last is the latest
                latest = self.sentence_at(linked[-1][0])
                last = max(last, latest.index if latest is not None else last)
            if info.index - last > CASUALTY_GAP:
                break
            if event.negated:
                continue  # 'no reports on the attack motivation' tells no attack
            if event.type == "ASSAULT":
                found = event
                break
            if protest_outcome and protest is None and event.type in CASUALTY_TYPES:
                protest = event
        found = found or protest
        return None if found is None or self._historical(info) else found

    def _later_figure(self, known: dict[str, Any] | None, later: dict[str, Any] | None,
                      info: SentenceInfo) -> dict[str, Any] | None:
        """A later statement of the toll sums up the victims told before ('A man was killed
        ... another man was killed. 2 fatalities.'; 'Het dodental is opgelopen tot 33'): it
        replaces their figure. Any other later figure only fills a gap: it may count other
        victims ('Azerbeidzjan meldde 50 doden')."""
        if known is None or later is None:
            return known or later
        if self._states_total(later, info):
            return later
        if self._additional(later, info) and _low(later):
            return _summed(self.doc.text, known, later)  # 'Additionally, 4 DNR servicemen were killed'
        return known

    def _additional(self, record: dict[str, Any], info: SentenceInfo) -> bool:
        """'another man', 'Additionally, 4 servicemen', 'Ook een vrouw': victims besides those before."""
        start, end = record["span"]
        _, extra, openers = _existential(self.doc.lang)
        opener = self.norm[info.span.start:start].split()[:1]
        return not extra.isdisjoint(self.norm[start:end].split()) or bool(opener) and opener[0].strip(",") in openers

    def _states_total(self, record: dict[str, Any], info: SentenceInfo) -> bool:
        """A toll phrase gives the figure ('the death toll rose to 12'), or the sentence is
        nothing but a toll, perhaps said to exist ('2 fatalities.', 'There were no fatalities.',
        'Er vielen twaalf doden.')."""
        start, end = record["span"]
        total = next((q.attrs.get("total") for q in self.quantities.within(info.span) if q.start == start), None)
        if total == "phrase":
            return True
        if total != "noun" and record["max"] != 0:  # 'There were no casualties' is a total too
            return False
        if not _existential(self.doc.lang)[1].isdisjoint(self.norm[start:end].split()):
            return False  # 'no other casualties', 'nog eens twee doden': more, not all
        if any(c.isalnum() for c in self.doc.text[end:info.span.end]):
            return False
        before = " ".join(self.norm[info.span.start:start].split())
        return not before or before in _existential(self.doc.lang)[0]

    def _riot_casualties(self, event: Event, info: SentenceInfo, hit: Hit) -> None:
        """'A mob killed two suspected kidnappers': a riot's victims in its own sentence (ACLED
        codes them). Not victims that caused it ('against the killing of two students', 'after
        four people died in an accident'); a peaceful protest's sentence names its cause."""
        if (event.acled or {}).get("event_type") != "Riots":
            return
        dead, injured = self._casualties(info)
        event.fatalities = None if self._cause_of(dead, hit) else dead
        event.injured = None if self._cause_of(injured, hit) else injured

    def _cause_of(self, record: dict[str, Any] | None, hit: Hit) -> bool:
        if record is None or self._caused_by(record):
            return True
        start, end = sorted((record["span"][0], hit.start))
        between = self.norm[start:end].split()  # 'after four people died', 'cultists who killed a resident'
        return any(w in self.words.clause_breaks or w in self.words.relative for w in between)

    def _passive(self, hit: Hit) -> bool:
        """'were killed', 'was shot': the trigger or the word before it is a passive auxiliary."""
        words = self.norm[max(0, hit.start - 12):hit.start].split()[-1:] + self.norm[hit.start:hit.end].split()[:1]
        return any(w in self.words.passive for w in words)

    def _caused_by(self, record: dict[str, Any] | None) -> bool:
        """'the death of one person', 'de dood van twee burgers': victims named as a cause
        (of a protest), not as the outcome of what came before."""
        if record is None:
            return False
        before = self.norm[max(0, record["span"][0] - 15):record["span"][0]].split()[-1:]
        return bool(before) and self.words.kinds.get(before[0]) == "genitive"

    def _outcome_of_earlier(self, info: SentenceInfo, groups: dict[str, list[Candidate]]) -> bool:
        """Does the sentence tell the outcome of an earlier attack? Then its victims join that
        event: True when nothing is left to build; the ASSAULT group is dropped when other
        types remain ('Four militants were killed, and one was arrested')."""
        assault = groups.get("ASSAULT")
        if not assault:
            return not groups and self._attach_casualties(info)
        reported = self._reports_victims(info, assault)
        if len(groups) > 1:
            if reported and (self._attach_casualties(info) or self._link_victims(info)):
                del groups["ASSAULT"]
            return False
        mention = all(c.entry.casualty or (c.noun and self._definite(c.hit.start)) for c in assault)
        if (mention or reported) and self._attach_casualties(info):
            return True  # 'Volgens de gouverneur kwamen negen burgers om het leven'
        return reported and self._link_victims(info)  # 'The drug trafficker was killed.'

    def _reports_victims(self, info: SentenceInfo, assault: list[Candidate]) -> bool:
        """Triggers that only report victims ('were killed', 'raakten gewond'), or victims
        named first and then what befell them ('Two suspects were shot and killed', 'Three
        people were killed and five vehicles were set on fire')."""
        if all(c.entry.casualty for c in assault):
            return True
        told = min((c.hit.start for c in assault if c.entry.casualty), default=info.span.end)
        # after 'was killed' the rest tells the circumstances: 'during shootouts', '3 houses torched'
        if not all(c.entry.casualty or c.noun or self._passive(c.hit) or c.hit.start > told for c in assault):
            return False
        first_hit = min(c.hit.start for c in assault)
        return any(q.start < first_hit and q.attrs.get("counts") in ("dead", "injured")
                   for q in self.quantities.within(info.span))

    def _names_other_place(self, info: SentenceInfo, event: Event) -> bool:
        """Does the casualty sentence, or one between it and the event, name a town the event's
        sentences did not? ('... ook vier raketten afgevuurd op de regio Odessa. [...] Er vielen
        geen slachtoffers.' is about Odessa.)"""
        where = self.event_sentence[id(event)]
        linked = {start for start, _ in event.extra.get("linked_sentences", ())}
        known = {p.attrs.get("name") for p in self.places.within(where.span)}
        # a sentence between counts when it tells something ('triggered'), not a fragment ('Ex.')
        between = [s for s in self.sentences[where.index + 1:info.index] if s.span.start not in linked
                   and s.triggered] + [info]
        for s in self.sentences[where.index + 1:info.index]:
            if s.span.start in linked:
                known.update(p.attrs.get("name") for p in self.places.within(s.span))
        ignore = self.metonyms + self.sources
        return any(p.attrs.get("name") not in known and p.attrs.get("precision") != "country"
                   for s in between for p in self.places.within(s.span) if not _overlaps_any(p, ignore))

    def _attach_position(self, info: SentenceInfo) -> None:
        """'Volgens de VS bevonden de Russen zich op 25 km van Kiev' locates the convoy before."""
        qualified = [p for p in self.places.within(info.span) if p.attrs.get("qualifier") and p.attrs.get("precision")]
        if not qualified:
            return
        event = self._previous_in_paragraph(info, MOVING_TYPES, 1)
        if event is None or event.location is not None:
            return
        event.location = place_record(self.doc, qualified[0])
        self._fill(event, info)

    def _fill(self, event: Event, info: SentenceInfo) -> None:
        """Take what the linked sentence adds: attribution, date; note it as a mention."""
        if event.attribution is None:
            event.attribution, modality = self._attribution(info)
            if modality and event.modality == "asserted":
                event.modality = modality
        if event.date is None:
            event.date = self._date(info, info.span.start)
        event.extra.setdefault("linked_sentences", []).append([info.span.start, info.span.end])

    def _definite(self, offset: int) -> bool:
        before = self.norm[max(0, offset - 30):offset].split()[-2:]
        return any(w in self.words.definite for w in before)

    def _merge_anaphor(self, info: SentenceInfo, finder: RoleFinder, event_type: str, hit: Hit) -> bool:
        """'het overleg in Belarus' refers back to the first talks of the article."""
        location = self._location(event_type, info, finder, [], [], hit)
        for event in self.events:
            if event.type != event_type:
                continue
            if event.location and location and event.location.get("name") != location.get("name"):
                continue
            event.location = event.location or location
            if event.date is None:
                event.date = self._date(info, hit.start, hit.end)
            event.extra.setdefault("mentions", [[event.trigger["start"], event.trigger["end"]]]).append(
                [hit.start, hit.end])
            return True
        return False

    def _is_recipient_of_reject(self, event: Event) -> bool:
        return event.type == "REJECT" and not any(a["role"] == "recipient" for a in event.actors)

    def _link_reject(self, event: Event) -> None:
        """'Het Witte Huis heeft dit geweigerd': the refused request's author is the recipient."""
        for earlier in reversed(self.events[-3:]):
            if earlier.type == "REQUEST":
                event.actors.extend(dict(a, role="recipient") for a in earlier.actors if a["role"] == "actor")
                event.extra["responds_to"] = [earlier.trigger["start"], earlier.trigger["end"]]
                return

    def _confidence(self, event: Event, rep: Candidate, info: SentenceInfo) -> float:
        score = 0.45 if rep.entry.ambiguous else 0.6
        score += 0.15 if any(a["role"] == "actor" for a in event.actors) else 0.0
        score += 0.1 if event.location else 0.0
        score += 0.05 if event.date else 0.0
        score -= 0.1 if info.span.label == "headline" else 0.0
        return round(min(0.95, max(0.05, score)), 2)


class _Sorted:
    """A layer's spans by start offset, for the spans inside one sentence."""

    __slots__ = ("spans", "starts")

    def __init__(self, spans: Any):
        self.spans: list[Span] = sorted(spans, key=lambda s: s.start)
        self.starts = [s.start for s in self.spans]

    def within(self, container: Span) -> list[Span]:
        lo = bisect.bisect_left(self.starts, container.start)
        hi = bisect.bisect_left(self.starts, container.end, lo)
        return self.spans[lo:hi]

    def before(self, offset: int) -> list[Span]:
        return [s for s in self.spans[:bisect.bisect_left(self.starts, offset)] if s.end <= offset]


def place_record(doc: Document, place: Span) -> dict[str, Any]:
    a = place.attrs
    qualifier = a.get("qualifier") or {}
    return {"text": doc.text[place.start:place.end], "name": a.get("name"),
            "geonameid": a.get("geonameid"), "lat": a.get("lat"), "lon": a.get("lon"),
            "country": a.get("country"), "admin1": a.get("admin1"),
            "precision": a.get("precision"),
            "direction": qualifier.get("direction"), "distance_km": qualifier.get("distance_km"),
            "span": [place.start, place.end]}


def date_record(doc: Document, date: Span) -> dict[str, Any]:
    a = date.attrs
    return {"text": doc.text[date.start:date.end], "start": a.get("start"), "end": a.get("end"),
            "precision": a.get("precision"), "relative": bool(a.get("relative")),
            "ambiguous": bool(a.get("ambiguous")), "span": [date.start, date.end]}


@lru_cache(maxsize=None)
def _before_words(lang: str | None) -> int:
    """Words a date may stand before the trigger it dates (-1: never)."""
    return int(langdata.resource(lang, "time").get("date_before_trigger_words", -1))


def _narrative_rank(date: Span) -> tuple:
    a = date.attrs
    return (a.get("scope") in SIDE_SCOPES, _PRECISION_RANK.get(a.get("precision"), 9),
            a.get("scope") != "frame", -date.start)


@dataclass(frozen=True)
class _ObjectVictimWords:
    verbs: re.Pattern
    pronouns: frozenset[str]
    determiners: frozenset[str]
    plural_endings: tuple[str, ...]
    collective: frozenset[str]


@lru_cache(maxsize=None)
def _object_victim_words(lang: str | None) -> _ObjectVictimWords | None:
    """lang/*/numbers.yaml 'object_victims': killing verbs and what makes their object one person."""
    data = langdata.resource(lang, "numbers").get("object_victims")
    if not data:
        return None
    verbs = sorted((" ".join(v.lower().split()) for v in data.get("verbs", [])), key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(r"\s+".join(map(re.escape, v.split())) for v in verbs) + r")(?!\w)")
    low = lambda key: frozenset(w.lower() for w in data.get(key, []))  # noqa: E731
    return _ObjectVictimWords(pattern, low("pronouns"), low("determiners"),
                              tuple(w.lower() for w in data.get("plural_endings", [])), low("collective"))


@lru_cache(maxsize=None)
def _counted_nouns(lang: str | None) -> frozenset[str]:
    """The counted nouns of lang/*/numbers.yaml ('soldiers', 'officers', 'burgers')."""
    nouns = langdata.resource(lang, "numbers").get("nouns", {})
    return frozenset(w.lower() for words in nouns.values() for phrase in words for w in str(phrase).split())


@lru_cache(maxsize=None)
def _existential(lang: str | None) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The phrases that only say a toll exists ('there were', 'er vielen'), the words that
    make a figure additional ('other', 'andere') and the sentence openers that do ('Also',
    'Daarnaast'), from lang/*/numbers.yaml."""
    data = langdata.resource(lang, "numbers")
    return (frozenset(" ".join(w.lower().split()) for w in data.get("existential", [])),
            frozenset(w.lower() for w in data.get("additional", [])),
            frozenset(w.lower() for w in data.get("additional_openers", [])))


def _low(record: dict[str, Any]) -> int:
    """A casualty record's conservative figure."""
    return record["min"] if record["min"] is not None else record["max"]


def _summed(text: str, a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Two conjoined casualty figures as one: their sum, spanning both."""
    start, end = a["span"][0], b["span"][1]
    high = a["max"] + b["max"] if a["max"] is not None and b["max"] is not None else None
    return {"text": text[start:end], "min": _low(a) + _low(b), "max": high,
            "approximate": a["approximate"] or b["approximate"], "span": [start, end]}


def _overlaps_any(span: Span, ranges: list[tuple[int, int]]) -> bool:
    return any(span.start < e and s < span.end for s, e in ranges)
