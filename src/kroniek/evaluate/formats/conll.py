"""CoNLL-2002 style NER (``token POS tag`` lines, IOB2 tags, ``-DOCSTART-``).

The text of each document is rebuilt from its tokens (tokens joined by a
space, sentences by a newline) with a token -> character offset map. The
pipeline runs its stages up to ``places`` and ``actors`` with the language
forced to Dutch; then ``places`` spans become LOC and ``actors`` spans
become PER/ORG by their ``kind`` attr (GPE -> LOC). Descriptive actors ('de
Russische president') and resolved pronouns are not names and are dropped.
Overlapping predictions are resolved longest first (an actor wins a tie).

Scoring is CoNLL's: an entity is right only with the exact token span and
type. Precision/recall/F1 per type; kroniek produces no MISC, which is
reported with its gold count and recall 0, and left out of ``f1_per_loc_org``.
"""

from __future__ import annotations

from typing import Any, Iterator

from ..common import Failures, Worst, case, make_doc, prf, snippet
from ..report import Report
from . import DataError

TYPES = ("PER", "LOC", "ORG", "MISC")
PRODUCED = ("PER", "LOC", "ORG")
NEEDED_STAGES = ("places", "actors")
ACTOR_KIND = {"PER": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}

Entity = tuple[int, int, str]  # first token, last token + 1, type


def read_docs(path: str, limit: int | None = None) -> Iterator[list[list[tuple[str, str]]]]:
    """Documents as lists of sentences of (token, tag)."""
    doc: list[list[tuple[str, str]]] = []
    sentence: list[tuple[str, str]] = []
    count = 0
    with open(path, encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            parts = line.split()
            if parts and parts[0] == "-DOCSTART-":
                if sentence:
                    doc.append(sentence)
                    sentence = []
                if doc:
                    yield doc
                    count += 1
                    if limit is not None and count >= limit:
                        return
                doc = []
                continue
            if not parts:
                if sentence:
                    doc.append(sentence)
                    sentence = []
                continue
            if len(parts) < 2:
                raise DataError(f"line {number}: expected 'token [POS] tag'")
            sentence.append((parts[0], parts[-1]))
    if sentence:
        doc.append(sentence)
    if doc and (limit is None or count < limit):
        yield doc


def entities(tags: list[str]) -> list[Entity]:
    """Entities from IOB tags (IOB2, tolerating IOB1's I- after O)."""
    found: list[Entity] = []
    start, kind = None, None
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, label = tag.partition("-")
        continues = prefix == "I" and kind == label and start is not None
        if start is not None and not continues:
            found.append((start, i, kind))
            start, kind = None, None
        if prefix in ("B", "I") and not continues:
            start, kind = i, label
    return found


def build_text(doc: list[list[tuple[str, str]]]) -> tuple[str, list[tuple[int, int]], list[str]]:
    """Text, per-token char offsets and the flat tag list."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    tags: list[str] = []
    pos = 0
    for s_index, sentence in enumerate(doc):
        if s_index:
            parts.append("\n")
            pos += 1
        for t_index, (token, tag) in enumerate(sentence):
            if t_index:
                parts.append(" ")
                pos += 1
            parts.append(token)
            offsets.append((pos, pos + len(token)))
            tags.append(tag)
            pos += len(token)
    return "".join(parts), offsets, tags


def to_tokens(start: int, end: int, offsets: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Token range [first, last+1) overlapping char span [start, end)."""
    inside = [i for i, (s, e) in enumerate(offsets) if s < end and start < e] if offsets else []
    return (inside[0], inside[-1] + 1) if inside else None


def predicted_spans(doc: Any) -> list[tuple[int, int, str, int]]:
    """(start, end, type, priority) char spans from the places and actors layers."""
    spans = []
    for span in doc.layers.get("places", ()):
        spans.append((span.start, span.end, "LOC", 0))
    for span in doc.layers.get("actors", ()):
        attrs = span.attrs
        if attrs.get("descriptive") or attrs.get("resolved_from"):
            continue
        kind = ACTOR_KIND.get(str(attrs.get("kind") or "").upper())
        if kind:
            spans.append((span.start, span.end, kind, 1))
    return spans


def predicted_entities(doc: Any, offsets: list[tuple[int, int]]) -> list[Entity]:
    """Non-overlapping token entities, longest (then actor) first."""
    chosen: list[Entity] = []
    taken: set[int] = set()
    for start, end, kind, priority in sorted(predicted_spans(doc), key=lambda s: (-(s[1] - s[0]), -s[3], s[0])):
        tokens = to_tokens(start, end, offsets)
        if tokens is None or any(i in taken for i in range(*tokens)):
            continue
        taken.update(range(*tokens))
        chosen.append((tokens[0], tokens[1], kind))
    return sorted(chosen)


def evaluate(path: str, pipeline: Any, limit: int | None = None, errors: int = 0) -> Report:
    tp = {t: 0 for t in TYPES}
    fp = {t: 0 for t in TYPES}
    fn = {t: 0 for t in TYPES}
    worst = Worst(errors)
    failures = Failures(worst)
    n_docs = 0
    for raw in read_docs(path, limit):
        n_docs += 1
        text, offsets, tags = build_text(raw)
        doc = make_doc(text, lang="nl", doc_id=f"conll-doc-{n_docs}")
        failures.run(pipeline, doc, NEEDED_STAGES)
        gold = set(entities(tags))
        pred = set(predicted_entities(doc, offsets))
        for entity in gold & pred:
            tp[entity[2]] += 1
        for entity in pred - gold:
            fp[entity[2]] += 1
        for entity in gold - pred:
            fn[entity[2]] += 1
        if errors:
            _collect_errors(worst, doc, offsets, gold, pred)
    if n_docs == 0:
        raise DataError("no CoNLL documents")
    report = _report(n_docs, tp, fp, fn, worst)
    failures.annotate(report)
    return report


def _collect_errors(worst: Worst, doc: Any, offsets: list[tuple[int, int]], gold: set[Entity], pred: set[Entity]) -> None:
    """One case per wrong entity; a wrong type on the right span is worse than a miss."""
    by_span = {(s, e): k for s, e, k in pred}
    for s, e, kind in sorted(gold - pred):
        other = by_span.get((s, e))
        if kind not in PRODUCED and not other:
            continue  # a missed MISC is expected, not an error worth showing
        start, end = offsets[s][0], offsets[e - 1][1]
        why = f"type {other} for {kind}" if other else f"missed {kind}"
        worst.add(2 if other else 1, lambda start=start, end=end, kind=kind, other=other, why=why: case(
            doc.id, why, f"{kind} {doc.text[start:end]!r}", other, snippet(doc.text, start, end, 160)))
    gold_spans = {(s, e) for s, e, _ in gold}
    for s, e, kind in sorted(pred - gold):
        if (s, e) in gold_spans:
            continue
        start, end = offsets[s][0], offsets[e - 1][1]
        worst.add(1, lambda start=start, end=end, kind=kind: case(
            doc.id, f"spurious {kind}", None, f"{kind} {doc.text[start:end]!r}", snippet(doc.text, start, end, 160)))


def _report(n_docs: int, tp: dict, fp: dict, fn: dict, worst: Worst) -> Report:
    report = Report(format="conll", n_docs=n_docs)
    rows = []
    for kind in TYPES:
        score = prf(tp[kind], fp[kind], fn[kind])
        rows.append({"type": kind, "gold": tp[kind] + fn[kind], "predicted": tp[kind] + fp[kind],
                     "precision": score["precision"], "recall": score["recall"], "f1": score["f1"],
                     "note": "not produced by kroniek" if kind not in PRODUCED else ""})
        report.metrics[f"{kind}_f1"] = score["f1"]
    ours = prf(*(sum(d[k] for k in PRODUCED) for d in (tp, fp, fn)))
    every = prf(*(sum(d.values()) for d in (tp, fp, fn)))
    report.metrics = {"precision_per_loc_org": ours["precision"], "recall_per_loc_org": ours["recall"],
                      "f1_per_loc_org": ours["f1"], "f1_all_types": every["f1"], **report.metrics}
    report.tables["per type (exact span and type)"] = rows
    report.notes.append("MISC is never predicted: its recall is 0 by design; f1_per_loc_org leaves it out")
    report.errors = worst.cases()
    return report
