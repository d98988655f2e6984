"""ACLED records: run the pipeline on each row's ``notes`` and compare with the coding.

Input: an ACLED CSV export (or a folder of them). Each row is one document:
text = ``notes`` (English), publication date = ``event_date`` (read both
``2022-06-08`` and ``9-May-20``), language forced to English.

**Which extracted event is compared with the row.** A note may yield several
events; the one compared is the best by, in order:

1. its ``acled.event_type`` equals the row's;
2. its PLOVER type is one the row's event type maps to (ontology.md:
   Battles/Explosions/Violence against civilians -> ASSAULT, Protests/Riots ->
   PROTEST, Strategic developments -> AGREE/COERCE/MOBILIZE/...);
3. it is not negated;
4. type priority ASSAULT > PROTEST > COERCE > MOBILIZE > THREATEN > others;
5. it carries fatalities information;
6. it comes first in the text.

A row with no extracted event counts as wrong on every measure. Because rule 1
looks at the gold, ``event_type_accuracy_first_event`` is also given: the
ACLED type of the first event in the text, chosen without the gold.

**Gold actor countries.** An ACLED actor's country is the parenthesised
country of its name ('Protesters (Bolivia)'), else the country after ' of '
('Military Forces of Russia (2000-)'), else the row's ``country`` column; a
prediction is right when any extracted actor in the role (``actor`` for
actor1, ``recipient`` for actor2) has that alpha-3 country.

**Fatalities.** The extracted figure is ``fatalities.min`` (ACLED codes the
most conservative figure), else ``max``; an event without fatalities counts
as 0, since ACLED codes 0 when no deaths are reported.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any, Iterator

from ..common import (NONE, Failures, Worst, accuracy, case, class_rows, confusion, distance_shares, event_summary,
                      haversine_km, macro_f1, make_doc, median, parse_date, ratio, snippet, to_float)
from ..countries import acled_gold_country
from ..report import Report
from . import DataError

#: PLOVER types an ACLED event type is usually coded as (docs/ontology.md).
ACLED_TO_PLOVER = {
    "Battles": {"ASSAULT"},
    "Explosions/Remote violence": {"ASSAULT"},
    "Violence against civilians": {"ASSAULT"},
    "Protests": {"PROTEST"},
    "Riots": {"PROTEST"},
    "Strategic developments": {"AGREE", "COERCE", "MOBILIZE", "RETREAT", "CONCEDE", "ASSAULT"},
}
TYPE_PRIORITY = ("ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "THREATEN")
REQUIRED = ("notes", "event_type", "event_date")
THRESHOLDS = (10, 50, 161)


def read_rows(path: str, limit: int | None = None) -> Iterator[dict[str, str]]:
    """Rows of one ACLED CSV, or of every CSV in a folder (sorted by name)."""
    target = Path(path)
    files = sorted(target.glob("*.csv")) if target.is_dir() else [target]
    if not files:
        raise DataError("no .csv files in this folder")
    count = 0
    for file in files:
        with file.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise DataError(f"{file.name} is not an ACLED export (no column {', '.join(missing)})")
            for row in reader:
                if not (row.get("notes") or "").strip():
                    continue
                yield row
                count += 1
                if limit is not None and count >= limit:
                    return


def best_event(events: list[Any], gold_type: str) -> Any | None:
    """The extracted event compared with the row (rule in the module docstring)."""
    if not events:
        return None
    compatible = ACLED_TO_PLOVER.get(gold_type, set())

    def key(item: tuple[int, Any]) -> tuple:
        index, event = item
        acled = event.acled or {}
        priority = len(TYPE_PRIORITY) - TYPE_PRIORITY.index(event.type) if event.type in TYPE_PRIORITY else 0
        return (acled.get("event_type") == gold_type, event.type in compatible, not event.negated,
                priority, bool(event.fatalities), -index)

    return max(enumerate(events), key=key)[1]


def predicted_fatalities(event: Any) -> int | None:
    if event is None:
        return None
    fat = event.fatalities or {}
    value = fat.get("min") if fat.get("min") is not None else fat.get("max")
    return int(value) if value is not None else 0


def role_countries(event: Any, role: str) -> set[str]:
    if event is None:
        return set()
    return {a.get("country") for a in event.actors if a.get("role") == role and a.get("country")}


def location_error(event: Any, lat: float | None, lon: float | None) -> float | None:
    loc = (event.location if event is not None else None) or {}
    if lat is None or lon is None or loc.get("lat") is None or loc.get("lon") is None:
        return None
    return haversine_km(lat, lon, float(loc["lat"]), float(loc["lon"]))


class _Tally:
    """Collects the per-row comparisons."""

    def __init__(self) -> None:
        self.etype: list[tuple[str, str]] = []
        self.subtype: list[tuple[str, str]] = []
        self.actor1: list[bool] = []
        self.actor2: list[bool] = []
        self.loc: dict[str, list[float | None]] = {}
        self.fat: list[tuple[int, int | None]] = []
        self.dates: list[bool] = []
        self.plover: list[tuple[str, str]] = []
        self.first: list[tuple[str, str]] = []
        self.with_event = 0
        self.n_events = 0


def score_row(row: dict[str, str], events: list[Any], tally: _Tally) -> tuple[list[str], Any]:
    """Compare one row with its extracted events; returns the failed checks and the event used."""
    failed: list[str] = []
    gold_type = row["event_type"].strip()
    event = best_event(events, gold_type)
    tally.n_events += len(events)
    if event is None:
        failed.append("no event extracted")
    else:
        tally.with_event += 1
    acled = (event.acled if event is not None else None) or {}
    pred_type = acled.get("event_type") or NONE
    tally.etype.append((gold_type, pred_type))
    tally.plover.append((gold_type, event.type if event is not None else NONE))
    first = min(events, key=lambda e: (e.trigger or {}).get("start") or 0) if events else None
    tally.first.append((gold_type, ((first.acled if first is not None else None) or {}).get("event_type") or NONE))
    if pred_type != gold_type:
        failed.append(f"event_type {pred_type} != {gold_type}")
    gold_sub = (row.get("sub_event_type") or "").strip()
    pred_sub = acled.get("sub_event_type") or NONE
    tally.subtype.append((gold_sub, pred_sub))
    if pred_sub != gold_sub and pred_type == gold_type:
        failed.append(f"sub_event_type {pred_sub} != {gold_sub}")
    for column, role, bucket in (("actor1", "actor", tally.actor1), ("actor2", "recipient", tally.actor2)):
        gold_country = acled_gold_country(row.get(column), row.get("country"))
        if gold_country:
            ok = gold_country in role_countries(event, role)
            bucket.append(ok)
            if not ok:
                failed.append(f"{column} country {sorted(role_countries(event, role)) or None} != {gold_country}")
    error = location_error(event, to_float(row.get("latitude")), to_float(row.get("longitude")))
    if to_float(row.get("latitude")) is not None:
        tally.loc.setdefault(row.get("geo_precision") or "?", []).append(error)
        if error is None or error > 161:
            failed.append("location " + ("missing" if error is None else f"{error:.0f} km off"))
    gold_fat = int(to_float(row.get("fatalities")) or 0)
    pred_fat = predicted_fatalities(event)
    tally.fat.append((gold_fat, pred_fat))
    if pred_fat != gold_fat:
        failed.append(f"fatalities {pred_fat} != {gold_fat}")
    gold_date = parse_date(row.get("event_date"))
    if (row.get("time_precision") or "1").strip() == "1" and gold_date is not None:
        pred_date = ((event.date if event is not None else None) or {}).get("start")
        tally.dates.append(pred_date == gold_date.isoformat())
        if pred_date != gold_date.isoformat():
            failed.append(f"date {pred_date} != {gold_date.isoformat()}")
    return failed, event


def _location_rows(loc: dict[str, list[float | None]]) -> list[dict[str, Any]]:
    rows = []
    everything = [e for errors in loc.values() for e in errors]
    for name, errors in sorted(loc.items()) + [("all", everything)]:
        row: dict[str, Any] = {"geo_precision": name, "rows": len(errors),
                               "with_location": sum(1 for e in errors if e is not None)}
        row.update(distance_shares(errors, THRESHOLDS))
        row["median_km"] = median(errors)
        rows.append(row)
    return rows


def summarise(tally: _Tally, n_docs: int) -> Report:
    report = Report(format="acled", n_docs=n_docs)
    everything = [e for errors in tally.loc.values() for e in errors]
    m = report.metrics
    m["rows_with_event"] = ratio(tally.with_event, n_docs)
    m["events_per_row"] = ratio(tally.n_events, n_docs)
    m["event_type_accuracy"] = accuracy(tally.etype)
    m["event_type_macro_f1"] = macro_f1(tally.etype)
    m["event_type_accuracy_first_event"] = accuracy(tally.first)
    m["sub_event_type_accuracy"] = accuracy(tally.subtype)
    m["sub_event_type_macro_f1"] = macro_f1(tally.subtype)
    m["actor1_country_accuracy"] = ratio(sum(tally.actor1), len(tally.actor1))
    m["actor2_country_accuracy"] = ratio(sum(tally.actor2), len(tally.actor2))
    for key, value in distance_shares(everything, THRESHOLDS).items():
        m[f"location_{key}"] = value
    m["fatalities_exact"] = accuracy(tally.fat)
    m["fatalities_within_1"] = ratio(sum(1 for g, p in tally.fat if p is not None and abs(g - p) <= 1), len(tally.fat))
    deadly = [(g, p) for g, p in tally.fat if g > 0]
    m["fatalities_exact_when_deadly"] = accuracy(deadly)
    m["date_exact"] = ratio(sum(tally.dates), len(tally.dates))
    report.tables["event_type"] = class_rows(tally.etype, "event_type")
    report.tables["event_type confusion (gold x predicted)"] = confusion(tally.etype)
    report.tables["PLOVER type of the compared event (gold ACLED type x PLOVER)"] = confusion(tally.plover)
    report.tables["sub_event_type"] = class_rows(tally.subtype, "sub_event_type")
    report.tables["location by geo_precision"] = _location_rows(tally.loc)
    report.notes.append("actor2/date/location figures are over rows that have an actor2 / day-precision "
                        "date / coordinates; a row without an extracted event counts as wrong")
    return report


def evaluate(path: str, pipeline: Any, limit: int | None = None, errors: int = 0) -> Report:
    tally = _Tally()
    worst = Worst(errors)
    failures = Failures(worst)
    n_docs = 0
    for row in read_rows(path, limit):
        n_docs += 1
        gold_date = parse_date(row.get("event_date"))
        doc = make_doc(row["notes"], lang="en", date=gold_date.isoformat() if gold_date else None,
                       doc_id=row.get("event_id_cnty") or "")
        failures.run(pipeline, doc)
        failed, event = score_row(row, doc.events, tally)
        badness = len(failed) + (3 if event is None else 0)
        worst.add(badness, lambda row=row, failed=failed, event=event, doc=doc: case(
            row.get("event_id_cnty") or doc.id, failed,
            {k: row.get(k) for k in ("event_type", "sub_event_type", "actor1", "actor2", "location",
                                     "geo_precision", "fatalities", "event_date")},
            event_summary(event) if event is not None else None,
            snippet(doc.text, *(_evidence(event)))))
    if n_docs == 0:
        raise DataError("no ACLED rows with notes")
    report = summarise(tally, n_docs)
    failures.annotate(report)
    report.errors = worst.cases()
    return report


def _evidence(event: Any) -> tuple[int | None, int | None]:
    if event is None or not event.evidence:
        return None, None
    return event.evidence.get("start"), event.evidence.get("end")
