"""EventDNA (Flemish news, ACE-like events): event detection and Place/Time arguments.

Input: JSON lines, one document each; ``doc.token_string`` is the text
(tokens joined by single spaces) and every annotation span is a list of token
indices. Language is forced to Dutch; the corpus has no publication date.

**Types.** EventDNA types are mapped to ours where the meaning agrees
(``TYPE_MAP``); other gold events (``Unknown``, ``Contact/Contact``,
``Movement``, ``Justice/Sentence``, ...) are not scored. ``Life/Die`` and
``Life/Injure`` are found by an ASSAULT *or* by any event that carries
fatalities / injured figures.

**Matching.** A predicted event matches a gold event when its trigger span
overlaps the gold event's span (EventDNA marks the whole event clause, not a
trigger word); a Life/Die (Life/Injure) event is also matched by the span of
a predicted event's fatalities (injured) figure. Recall of type T: the share of gold events mapped to T that at
least one predicted event matches. Precision of T: the share of predicted T
events that match some gold event mapped to T.

**Arguments.** For matched gold events that have a ``Place`` (``Time``)
argument: right when a matching predicted event's ``location`` (``date``)
span overlaps that argument.
"""

from __future__ import annotations

import json
from typing import Any, Iterator

from ..common import Failures, Worst, case, event_summary, make_doc, overlaps, prf, ratio, snippet
from ..report import Report
from . import DataError

#: (EventDNA type, subtype) -> our PLOVER type.
TYPE_MAP: dict[tuple[str, str], str] = {
    ("Conflict", "Attack"): "ASSAULT",
    ("Conflict", "Conflict"): "ASSAULT",
    ("Life", "Die"): "ASSAULT",
    ("Life", "Injure"): "ASSAULT",
    ("Contact", "Meet"): "CONSULT",
    ("Justice", "ArrestJail"): "COERCE",
    ("Justice", "Extradite"): "COERCE",
    ("Conflict", "Demonstrate"): "PROTEST",
}
#: Gold categories a casualty figure also satisfies: category -> event field.
CASUALTY_FIELD = {("Life", "Die"): "fatalities", ("Life", "Injure"): "injured"}


def token_offsets(text: str) -> list[tuple[int, int]]:
    """Character offsets of the space-separated tokens of ``text``."""
    offsets, pos = [], 0
    for token in text.split(" "):
        offsets.append((pos, pos + len(token)))
        pos += len(token) + 1
    return offsets


def char_span(tokens: list[int], offsets: list[tuple[int, int]]) -> tuple[int, int] | None:
    valid = [t for t in tokens or () if 0 <= t < len(offsets)]
    if not valid:
        return None
    return offsets[min(valid)][0], offsets[max(valid)][1]


def read_docs(path: str, limit: int | None = None) -> Iterator[dict[str, Any]]:
    count = 0
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                raise DataError(f"line {number} is not JSON") from None
            doc = record.get("doc") if isinstance(record, dict) else None
            if not isinstance(doc, dict) or "token_string" not in doc:
                raise DataError(f"line {number} has no doc.token_string: not EventDNA")
            yield record
            count += 1
            if limit is not None and count >= limit:
                return


def gold_events(doc: dict[str, Any], offsets: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """The mapped gold events with char spans of the event and its Place/Time arguments.

    ``cluster`` names the event's coreference bucket (a headline and the lead
    often tell the same event twice), or the event itself when it has none.
    """
    buckets = ((doc.get("annotations") or {}).get("coreference") or {}).get("events") or {}
    cluster_of = {member: name for name, members in buckets.items() for member in members or ()}
    out = []
    for key, event in sorted((doc.get("annotations") or {}).get("events", {}).items()):
        features = event.get("features") or {}
        category = (features.get("type"), features.get("subtype"))
        span = char_span(features.get("span"), offsets)
        if category not in TYPE_MAP or span is None:
            continue
        args: dict[str, list[tuple[int, int]]] = {}
        for arg in features.get("arguments") or ():
            role = (arg.get("features") or {}).get("argument_role")
            arg_span = char_span((arg.get("features") or {}).get("span"), offsets)
            if role in ("Place", "Time") and arg_span:
                args.setdefault(role, []).append(arg_span)
        out.append({"id": key, "cluster": cluster_of.get(key, key), "category": "/".join(category), "ours": TYPE_MAP[category],
                    "casualty": CASUALTY_FIELD.get(category), "span": span, "args": args,
                    "text": event.get("string")})
    return out


def _trigger_span(event: Any) -> tuple[int, int] | None:
    for part in (event.trigger, event.evidence):
        if part and part.get("start") is not None and part.get("end") is not None:
            return int(part["start"]), int(part["end"])
    return None


def matches(gold: dict[str, Any], event: Any) -> bool:
    """Trigger overlap with the right type; for Life/Die and Life/Injure also the casualty figure's span."""
    span = _trigger_span(event)
    figure = getattr(event, gold["casualty"]) if gold["casualty"] else None
    if span is not None and overlaps(span, gold["span"]) and (event.type == gold["ours"] or figure):
        return True
    figure_span = (figure or {}).get("span")
    return bool(figure_span) and overlaps((figure_span[0], figure_span[1]), gold["span"])


def _arg_hit(events: list[Any], role_spans: list[tuple[int, int]], field: str) -> bool:
    for event in events:
        value = getattr(event, field) or {}
        span = value.get("span")
        if span and any(overlaps((span[0], span[1]), s) for s in role_spans):
            return True
    return False


class _Counts:
    def __init__(self) -> None:
        self.gold: dict[str, int] = {}
        self.found: dict[str, int] = {}
        self.pred: dict[str, int] = {}
        self.pred_ok: dict[str, int] = {}
        self.category: dict[str, list[int]] = {}
        self.clusters: dict[str, list[int]] = {}  # type -> [gold clusters, clusters found]
        self.args: dict[str, list[bool]] = {"Place": [], "Time": []}

    @staticmethod
    def bump(table: dict[str, int], key: str, by: int = 1) -> None:
        table[key] = table.get(key, 0) + by


def score_doc(golds: list[dict[str, Any]], events: list[Any], counts: _Counts) -> list[str]:
    """Update the counts with one document; returns what went wrong, for error analysis."""
    failed = []
    scored_types = set(TYPE_MAP.values())
    clusters: dict[tuple[str, str], bool] = {}
    for gold in golds:
        hits = [e for e in events if matches(gold, e)]
        key = (gold["ours"], gold["cluster"])
        clusters[key] = clusters.get(key, False) or bool(hits)
        counts.bump(counts.gold, gold["ours"])
        counts.bump(counts.found, gold["ours"], bool(hits))
        counts.category.setdefault(gold["category"], [0, 0])
        counts.category[gold["category"]][0] += 1
        counts.category[gold["category"]][1] += bool(hits)
        if not hits:
            failed.append(f"missed {gold['category']}: {gold['text']!r}")
            continue
        for role, field in (("Place", "location"), ("Time", "date")):
            if role in gold["args"]:
                ok = _arg_hit(hits, gold["args"][role], field)
                counts.args[role].append(ok)
                if not ok:
                    failed.append(f"{role} argument missed for {gold['category']}")
    for (ours, _), found in clusters.items():
        tally = counts.clusters.setdefault(ours, [0, 0])
        tally[0] += 1
        tally[1] += found
    for event in events:
        if event.type not in scored_types:
            continue
        counts.bump(counts.pred, event.type)
        ok = any(matches(g, event) and g["ours"] == event.type for g in golds)
        counts.bump(counts.pred_ok, event.type, ok)
        if not ok:
            failed.append(f"spurious {event.type} ({(event.trigger or {}).get('text')!r})")
    return failed


def summarise(counts: _Counts, n_docs: int) -> Report:
    report = Report(format="eventdna", n_docs=n_docs)
    rows = []
    totals = [0, 0, 0]
    for ours in sorted(set(TYPE_MAP.values())):
        tp_recall = counts.found.get(ours, 0)
        gold = counts.gold.get(ours, 0)
        pred, pred_ok = counts.pred.get(ours, 0), counts.pred_ok.get(ours, 0)
        precision, recall = ratio(pred_ok, pred), ratio(tp_recall, gold)
        f1 = (2 * precision * recall / (precision + recall)) if precision and recall else (0.0 if pred or gold else None)
        clusters = counts.clusters.get(ours, [0, 0])
        rows.append({"type": ours, "gold": gold, "predicted": pred, "precision": precision, "recall": recall, "f1": f1,
                     "gold_clusters": clusters[0], "recall_clusters": ratio(clusters[1], clusters[0])})
        report.metrics[f"{ours}_f1"] = f1
        totals[0] += pred_ok
        totals[1] += pred - pred_ok
        totals[2] += gold - tp_recall
    micro = prf(totals[0], totals[1], totals[2])
    report.metrics = {"precision": micro["precision"], "recall": micro["recall"], "f1": micro["f1"], **report.metrics}
    gold_clusters = sum(v[0] for v in counts.clusters.values())
    found_clusters = sum(v[1] for v in counts.clusters.values())
    cluster_recall = ratio(found_clusters, gold_clusters)
    precision = micro["precision"]
    report.metrics["recall_clusters"] = cluster_recall
    report.metrics["f1_clusters"] = (2 * precision * cluster_recall / (precision + cluster_recall)
                                     if precision and cluster_recall else (0.0 if gold_clusters else None))
    report.metrics["place_accuracy"] = ratio(sum(counts.args["Place"]), len(counts.args["Place"]))
    report.metrics["time_accuracy"] = ratio(sum(counts.args["Time"]), len(counts.args["Time"]))
    report.tables["detection by type"] = rows
    report.tables["recall by EventDNA category"] = [
        {"category": c, "ours": TYPE_MAP[tuple(c.split("/"))], "gold": g, "found": f, "recall": ratio(f, g)}
        for c, (g, f) in sorted(counts.category.items())]
    report.tables["arguments of matched events"] = [
        {"role": r, "scored": len(v), "accuracy": ratio(sum(v), len(v))} for r, v in counts.args.items()]
    report.notes.append("recall counts every gold event mention; recall_clusters counts a coreference cluster "
                        "(the same event told in headline and lead) as found when any of its mentions is found")
    return report


def evaluate(path: str, pipeline: Any, limit: int | None = None, errors: int = 0) -> Report:
    counts = _Counts()
    worst = Worst(errors)
    failures = Failures(worst)
    n_docs = 0
    for record in read_docs(path, limit):
        n_docs += 1
        raw = record["doc"]
        text = raw["token_string"]
        offsets = token_offsets(text)
        golds = gold_events(raw, offsets)
        doc = make_doc(text, lang="nl", doc_id=str((record.get("meta") or {}).get("id") or ""))
        failures.run(pipeline, doc)
        failed = score_doc(golds, doc.events, counts)
        worst.add(len(failed), lambda f=failed, g=golds, d=doc: case(
            d.id, f, [f"{x['category']}: {x['text']}" for x in g], [event_summary(e) for e in d.events],
            snippet(d.text, width=400)))
    if n_docs == 0:
        raise DataError("no EventDNA documents")
    report = summarise(counts, n_docs)
    failures.annotate(report)
    report.errors = worst.cases()
    return report
