"""PLOVER gold-standard records (plover_gsr): event type and actor countries.

Input: a JSON list of records with ``text``, ``event``, ``source`` and
``target`` (lists of ``{actorText, code, sector}``). Each record is one
document, language forced to English, dated by its ``date``.

The gold standard predates PLOVER's final type list: CAMEO-era labels are
mapped (DEMAND -> REQUEST, FIGHT -> ASSAULT, DISAPPROVE -> ACCUSE);
INVESTIGATE has no PLOVER type and such records are left out of the type
figures (counted in ``unmapped``); DOCUMENT records are not events.

Two type measures: ``type_accuracy_top`` compares the first extracted event
(in text order) with the gold type; ``type_accuracy_any`` counts a record as
right when any extracted event has the gold type. Actor countries are scored
on the event used for ``type_accuracy_any`` (the first event of the gold type,
else the first event): right when one of its ``actor`` (for source) or
``recipient`` (for target) countries is one of the gold countries. Gold actors
with non-country codes (IGO, NGO, ...) are not scored.
"""

from __future__ import annotations

import json
from typing import Any

from ...event import PLOVER_TYPES
from ..common import Failures, NONE, Worst, accuracy, case, class_rows, confusion, event_summary, make_doc, ratio, snippet
from ..countries import code_to_alpha3
from ..report import Report
from . import DataError

CAMEO_TO_PLOVER = {"DEMAND": "REQUEST", "FIGHT": "ASSAULT", "DISAPPROVE": "ACCUSE"}
NOT_EVENTS = {"DOCUMENT"}


def gold_type(label: str | None) -> str | None:
    """The PLOVER type of a gold label, or None when it has none."""
    label = (label or "").strip().upper()
    label = CAMEO_TO_PLOVER.get(label, label)
    return label if label in PLOVER_TYPES else None


def gold_countries(actors: Any) -> set[str]:
    if not isinstance(actors, list):
        return set()
    return {c for c in (code_to_alpha3(a.get("code")) for a in actors if isinstance(a, dict)) if c}


def load(path: str) -> list[dict[str, Any]]:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except json.JSONDecodeError as exc:
        raise DataError(f"not JSON: {exc}") from None
    if isinstance(data, dict):
        data = data.get("records") or list(data.values())
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise DataError("expected a JSON list of PLOVER records")
    return data


def pick_event(events: list[Any], wanted: str | None) -> Any | None:
    for event in events:
        if event.type == wanted:
            return event
    return events[0] if events else None


def evaluate(path: str, pipeline: Any, limit: int | None = None, errors: int = 0) -> Report:
    records = [r for r in load(path) if (r.get("text") or "").strip() and str(r.get("event", "")).upper() not in NOT_EVENTS]
    if limit is not None:
        records = records[:limit]
    if not records:
        raise DataError("no PLOVER records with text")
    top: list[tuple[str, str]] = []
    anyhit: list[bool] = []
    source: list[bool] = []
    target: list[bool] = []
    unmapped: dict[str, int] = {}
    with_event = 0
    worst = Worst(errors)
    failures = Failures(worst)
    for record in records:
        doc = make_doc(record["text"], lang="en", date=record.get("date"), doc_id=str(record.get("id") or ""))
        failures.run(pipeline, doc)
        events = sorted(doc.events, key=lambda e: (e.trigger or {}).get("start") or 0)  # text order
        with_event += bool(events)
        gold = gold_type(record.get("event"))
        failed: list[str] = []
        if gold is None:
            unmapped[str(record.get("event"))] = unmapped.get(str(record.get("event")), 0) + 1
        else:
            first = events[0].type if events else NONE
            top.append((gold, first))
            hit = any(e.type == gold for e in events)
            anyhit.append(hit)
            if not hit:
                failed.append(f"no {gold} event (got {[e.type for e in events] or 'none'})")
        event = pick_event(events, gold)
        for role, key, bucket in (("actor", "source", source), ("recipient", "target", target)):
            wanted = gold_countries(record.get(key))
            if not wanted:
                continue
            got = {a.get("country") for a in (event.actors if event else []) if a.get("role") == role}
            ok = bool(wanted & got)
            bucket.append(ok)
            if not ok:
                failed.append(f"{key} country {sorted(c for c in got if c) or None} not in {sorted(wanted)}")
        worst.add(len(failed), lambda r=record, f=failed, e=event, d=doc: case(
            str(r.get("id")), f, {"event": r.get("event"), "source": r.get("source"), "target": r.get("target")},
            event_summary(e) if e else None, snippet(d.text)))
    report = Report(format="plover", n_docs=len(records))
    report.metrics = {
        "records_with_event": ratio(with_event, len(records)),
        "type_accuracy_top": accuracy(top),
        "type_accuracy_any": ratio(sum(anyhit), len(anyhit)),
        "source_country_accuracy": ratio(sum(source), len(source)),
        "target_country_accuracy": ratio(sum(target), len(target)),
        "scored_records": len(top),
    }
    report.tables["type (first event)"] = class_rows(top, "type")
    report.tables["type confusion (gold x first event)"] = confusion(top)
    if unmapped:
        report.tables["unmapped gold labels (not scored for type)"] = unmapped
    failures.annotate(report)
    report.errors = worst.cases()
    return report
