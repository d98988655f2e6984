"""Cross-article event linking, measured on ACLED data.

ACLED codes one event per day, location and event type (and actor pair):
two rows of the file are two events, and rows that share date, location
and sub-event type would be one. Each row's note is treated as one report:
the pipeline extracts its events, the event compared with the row is chosen
as in the ``acled`` format, all of them go into a temporary store, and
kroniek's linking builds clusters. Gold clusters are the rows grouped by
(event_date, location, sub_event_type).

Reported: pairwise precision (linked pairs that ACLED also groups) and
recall (ACLED-grouped pairs that kroniek links), B-cubed precision and
recall, and the count of wrongly merged clusters. Notes whose event has no
date or no place cannot be linked at all and are counted as such.
"""

from __future__ import annotations

import itertools
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from ...event import to_record
from ...store import open_store
from ...store.linking import link
from ..common import Failures, Worst, case, make_doc, parse_date, prf, ratio, snippet
from ..report import Report
from .acled import DataError, best_event, read_rows


def _pairs(groups: dict[Any, list[str]]) -> set[frozenset[str]]:
    return {frozenset(p) for members in groups.values() for p in itertools.combinations(sorted(members), 2)}


def _groups(assignment: dict[str, Any]) -> dict[Any, list[str]]:
    """Items by the cluster they are assigned to."""
    groups: dict[Any, list[str]] = defaultdict(list)
    for item, key in assignment.items():
        groups[key].append(item)
    return groups


def _bcubed(gold: dict[str, Any], predicted: dict[str, Any]) -> tuple[float | None, float | None]:
    gold_groups = {k: set(v) for k, v in _groups(gold).items()}
    pred_groups = {k: set(v) for k, v in _groups(predicted).items()}
    precision = recall = 0.0
    for item in gold:
        g, p = gold_groups[gold[item]], pred_groups[predicted[item]]
        both = len(g & p)
        precision += both / len(p)
        recall += both / len(g)
    n = len(gold)
    return (precision / n, recall / n) if n else (None, None)


def evaluate(path: str, pipeline: Any, limit: int | None = None, errors: int = 0) -> Report:
    worst = Worst(errors)
    failures = Failures(worst)
    gold_key: dict[str, tuple] = {}
    notes: dict[str, str] = {}
    n_docs = unlinkable = 0
    with tempfile.TemporaryDirectory(prefix="kroniek-linking-") as tmp:
        store = open_store(str(Path(tmp) / "linking.sqlite"))
        batch = []
        for row in read_rows(path, limit):
            n_docs += 1
            gold_date = parse_date(row.get("event_date"))
            row_id = row.get("event_id_cnty") or f"row{n_docs}"
            doc = make_doc(row["notes"], lang="en", date=gold_date.isoformat() if gold_date else None, doc_id=row_id)
            failures.run(pipeline, doc)
            event = best_event(doc.events, row.get("event_type", ""))
            if event is None:
                unlinkable += 1
                continue
            record = to_record(doc, event)
            if not (record.get("date") or {}).get("start") or (record.get("location") or {}).get("lat") is None:
                unlinkable += 1
            gold_key[record["event_id"]] = (row.get("event_date"), row.get("location"), row.get("sub_event_type"))
            notes[record["event_id"]] = row_id + ": " + snippet(doc.text, None, None, 160)
            doc.source = row.get("source")
            batch.append((doc, [record]))
        if n_docs == 0:
            raise DataError("no ACLED rows with notes")
        store.write_batch(batch, "eval")
        counts = link(store)
        predicted = {r["event_id"]: r["cluster_id"] or r["event_id"] for r in store.events()}
        store.close()
    predicted = {k: v for k, v in predicted.items() if k in gold_key}
    duplicate_notes = len(gold_key) - len(predicted)  # the store keeps one copy of identical texts
    gold_key = {k: v for k, v in gold_key.items() if k in predicted}
    gold_groups, pred_groups = _groups(gold_key), _groups(predicted)
    gold_pairs, pred_pairs = _pairs(gold_groups), _pairs(pred_groups)
    tp = len(gold_pairs & pred_pairs)
    pairwise = prf(tp, len(pred_pairs - gold_pairs), len(gold_pairs - pred_pairs))
    b_precision, b_recall = _bcubed(gold_key, predicted)
    wrong = [members for members in pred_groups.values() if len({gold_key[m] for m in members}) > 1]
    for members in wrong:
        keys = sorted({gold_key[m] for m in members}, key=str)
        worst.add(len(keys), lambda members=members, keys=keys: case(
            members[0], "merged events ACLED keeps apart", [list(k) for k in keys], len(members),
            " | ".join(notes[m] for m in members[:3])))
    report = Report(format="linking", n_docs=n_docs, metrics={
        "events_compared": len(gold_key),
        "unlinkable_no_date_or_place": unlinkable,
        "identical_notes_stored_once": duplicate_notes,
        "gold_groups_with_several_rows": sum(1 for m in gold_groups.values() if len(m) > 1),
        "clusters": counts["clusters"],
        "clusters_with_several_reports": sum(1 for m in pred_groups.values() if len(m) > 1),
        "wrongly_merged_clusters": len(wrong),
        "pair_precision": pairwise["precision"],
        "pair_recall": pairwise["recall"],
        "pair_f1": pairwise["f1"],
        "bcubed_precision": b_precision,
        "bcubed_recall": b_recall,
        "share_of_events_in_a_wrong_merge": ratio(sum(len(m) for m in wrong), len(predicted)),
    })
    failures.annotate(report)
    report.errors = worst.cases()
    return report
