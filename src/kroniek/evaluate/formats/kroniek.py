"""The project's own hand-annotated gold set (docs/gold-format.md).

A gold file describes the events of one real article without its text: the
article is referenced by its data file (relative to the data folder, e.g.
``nl_news/kwal_...jsonl``) and its ``url`` or ``id``; the text is read from
the data folder at evaluation time, exactly as kroniek builds it (for records:
title + blank line + body). Offsets index that text; each evidence span also
carries a short ``quote`` (its first words) so offsets can be re-anchored if
the text drifts.

``PATH`` may be a gold file, a folder of gold files, or the data folder itself
(then the bundled gold set is used). The data folder is, in order: the
``KRONIEK_DATA`` environment variable, PATH when it holds the articles, or
``../shared/data`` from the current directory or from the repository root.
Without it, evaluation is skipped with a note (users do not have that data).

**Matching.** A predicted event matches a gold event of the same type when its
evidence span overlaps the gold evidence span or one of the gold ``mentions``
(other sentences that describe the same event, such as the headline). Matching
is one-to-one, largest overlap with the main evidence first. A further
prediction of the same type over the spans of an already matched gold event is
a *duplicate*: counted apart, not as a false positive. Field scores are taken
over matched pairs and only where the gold says something (a gold ``null``
date is not scored for exactness; it is scored by ``date_null_kept``).
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Iterator

from ...event import MODALITIES, PLOVER_TYPES
from ..common import Worst, case, event_summary, haversine_km, prf, ratio, snippet, to_float
from ..report import Report
from . import DataError

GOLD_DIR = Path(__file__).resolve().parent.parent / "gold"
DATA_ENV = "KRONIEK_DATA"
MAX_QUOTE_WORDS = 12
THRESHOLDS = (10, 161)
_WS = re.compile(r"\s+")


# -- reading gold ------------------------------------------------------------
def gold_files(path: str | Path) -> list[Path]:
    """The gold JSON/JSONL files at ``path`` (a file or a folder); [] for a data folder."""
    target = Path(path)
    if target.is_file():
        return [target]
    return sorted(p for p in target.glob("*.json*") if p.suffix in (".json", ".jsonl"))


def load_gold(files: Iterable[Path]) -> list[dict[str, Any]]:
    """Gold documents from ``.json`` (one article) and ``.jsonl`` (one per line) files."""
    golds: list[dict[str, Any]] = []
    for file in files:
        text = file.read_text("utf-8")
        try:
            items = [json.loads(line) for line in text.splitlines() if line.strip()] \
                if file.suffix == ".jsonl" else [json.loads(text)]
        except json.JSONDecodeError as exc:
            raise DataError(f"{file.name}: invalid JSON ({exc.msg})") from None
        for item in items:
            if not isinstance(item, dict) or item.get("format") != "kroniek-gold":
                raise DataError(f"{file.name}: not a kroniek gold file (format must be 'kroniek-gold')")
            item.setdefault("_file", file.name)
            golds.append(item)
    return golds


def problems(gold: dict[str, Any]) -> list[str]:
    """What is wrong with one gold document (empty when it is well-formed)."""
    out: list[str] = []
    article = gold.get("article") or {}
    if not article.get("file") or not (article.get("url") or article.get("id")):
        out.append("article needs 'file' and 'url' or 'id'")
    for i, event in enumerate(gold.get("events", [])):
        where = f"event {i}"
        if event.get("type") not in PLOVER_TYPES:
            out.append(f"{where}: type {event.get('type')!r} is not PLOVER")
        if event.get("modality", "asserted") not in MODALITIES:
            out.append(f"{where}: modality {event.get('modality')!r}")
        for span in [event.get("evidence")] + list(event.get("mentions", [])):
            if not span or not 0 <= span.get("start", -1) < span.get("end", -1):
                out.append(f"{where}: evidence/mention needs 0 <= start < end")
            elif len(str(span.get("quote", "")).split()) > MAX_QUOTE_WORDS or not span.get("quote"):
                out.append(f"{where}: quote must have 1 to {MAX_QUOTE_WORDS} words")
        trigger, evidence = event.get("trigger") or {}, event.get("evidence") or {}
        if not (evidence.get("start", 0) <= trigger.get("start", -1) < trigger.get("end", -1) <= evidence.get("end", 0)):
            out.append(f"{where}: trigger must lie inside the evidence span")
    return out


# -- finding the articles ------------------------------------------------------
def default_roots() -> list[Path]:
    """Where the data folder usually is: ../shared/data from here or from the repository."""
    return [Path.cwd() / ".." / "shared" / "data", Path(__file__).resolve().parents[4] / ".." / "shared" / "data"]


def data_root(path: str | Path) -> Path | None:
    """The folder that holds the articles' data files, or None."""
    candidates = [os.environ.get(DATA_ENV), path, *default_roots()]
    for candidate in candidates:
        if candidate and Path(candidate).is_dir() and any(Path(candidate).glob("*/*.jsonl")):
            return Path(candidate).resolve()
    return None


def load_articles(root: Path, golds: list[dict[str, Any]]) -> dict[tuple[str, str], Any]:
    """(file, url-or-id) -> Document, reading each data file once with kroniek.readers."""
    from ...readers import ReadError, read

    wanted: dict[str, set[str]] = {}
    for gold in golds:
        article = gold["article"]
        wanted.setdefault(article["file"], set()).add(str(article.get("url") or article.get("id")))
    found: dict[tuple[str, str], Any] = {}
    for name, keys in wanted.items():
        file = root / name
        if not file.exists():
            continue
        for doc in read([str(file)]):
            if isinstance(doc, ReadError):
                continue
            for key in (doc.url, doc.id):
                if key in keys:
                    found[(name, key)] = doc
    return found


# -- re-anchoring ----------------------------------------------------------------
def _squash(text: str) -> str:
    return _WS.sub(" ", text).strip()


def reanchor(text: str, start: int, end: int, quote: str) -> tuple[int, int] | None:
    """The span moved to where its quote is (nearest occurrence); None if the quote is gone."""
    quote = _squash(quote)
    if _squash(text[start:start + len(quote) + 20]).startswith(quote):
        return start, end
    pattern = re.compile(r"\s+".join(re.escape(w) for w in quote.split()))
    hits = [m.start() for m in pattern.finditer(text)]
    if not hits:
        return None
    best = min(hits, key=lambda s: abs(s - start))
    return best, end + best - start


def anchor(gold: dict[str, Any], text: str) -> list[str]:
    """Re-anchor every evidence and mention span of ``gold`` in place; returns notes."""
    notes = []
    for event in gold.get("events", []):
        for span in [event["evidence"]] + list(event.get("mentions", [])):
            moved = reanchor(text, span["start"], span["end"], span["quote"])
            if moved is None:
                notes.append(f"{gold.get('_file')}: quote not found: {span['quote']!r}")
                continue
            delta = moved[0] - span["start"]
            if delta and span is event["evidence"] and event.get("trigger"):
                event["trigger"] = {**event["trigger"], "start": event["trigger"]["start"] + delta,
                                    "end": event["trigger"]["end"] + delta}
            span["start"], span["end"] = moved
    return notes


# -- matching ----------------------------------------------------------------------
def _spans(gold_event: dict[str, Any]) -> list[tuple[int, int]]:
    spans = [gold_event["evidence"]] + list(gold_event.get("mentions", []))
    return [(s["start"], s["end"]) for s in spans]


def _shared(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _pred_span(event: Any) -> tuple[int, int]:
    evidence = _get(event, "evidence") or {}
    trigger = _get(event, "trigger") or {}
    start = evidence.get("start", trigger.get("start", 0))
    return int(start), int(evidence.get("end", trigger.get("end", start)))


def _get(event: Any, name: str) -> Any:
    return event.get(name) if isinstance(event, dict) else getattr(event, name, None)


def match(gold_events: list[dict[str, Any]], predicted: list[Any]) -> dict[str, Any]:
    """Pair gold and predicted events (same type, overlapping evidence or mention).

    Returns ``pairs`` [(gold index, predicted index)], ``missed`` and
    ``spurious`` (indices) and ``duplicates`` (predicted indices).
    """
    candidates = []
    for gi, gold in enumerate(gold_events):
        spans = _spans(gold)
        for pi, pred in enumerate(predicted):
            if _get(pred, "type") != gold["type"]:
                continue
            span = _pred_span(pred)
            main, best = _shared(spans[0], span), max(_shared(s, span) for s in spans)
            if best > 0:
                candidates.append((-main, -best, gi, pi))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, _, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    duplicates = sorted({pi for _, _, gi, pi in candidates if pi not in used_p and gi in used_g})
    spurious = [pi for pi in range(len(predicted)) if pi not in used_p and pi not in duplicates]
    missed = [gi for gi in range(len(gold_events)) if gi not in used_g]
    return {"pairs": sorted(pairs), "missed": missed, "spurious": spurious, "duplicates": duplicates}


# -- field scores ------------------------------------------------------------------
def _norm_name(value: Any) -> str:
    return _squash(str(value or "")).casefold()


def names_match(gold_names: Iterable[str], predicted: Iterable[Any]) -> bool:
    """True when a predicted name or text agrees with a gold name or alias (fuzzy)."""
    from rapidfuzz import fuzz

    golds = [_norm_name(g) for g in gold_names if g]
    preds = [_norm_name(p) for p in predicted if p]
    return any(g == p or (min(len(g), len(p)) >= 4 and fuzz.token_set_ratio(g, p) >= 85)
               for g in golds for p in preds)


def score_pair(gold: dict[str, Any], pred: Any) -> dict[str, bool | float | None]:
    """Outcomes of one matched pair; a key is absent when the gold does not allow scoring it."""
    out: dict[str, Any] = {}
    pred_actors = _get(pred, "actors") or []
    for i, actor in enumerate(a for a in gold.get("actors", []) if a.get("country")):
        out[f"actor_country#{i}"] = any(p.get("country") == actor["country"] and p.get("role", "actor") == actor["role"]
                                        for p in pred_actors)
    out.update(_score_location(gold.get("location"), _get(pred, "location")))
    out.update(_score_date(gold.get("date"), _get(pred, "date")))
    out.update(_score_count("fatalities", gold.get("fatalities"), _get(pred, "fatalities")))
    out.update(_score_count("injured", gold.get("injured"), _get(pred, "injured")))
    out.update(_score_attribution(gold.get("attribution"), _get(pred, "attribution")))
    out["modality"] = _get(pred, "modality") == gold.get("modality", "asserted")
    out["negated"] = bool(_get(pred, "negated")) == bool(gold.get("negated"))
    if gold.get("mode"):
        out["mode"] = _get(pred, "mode") == gold["mode"]
    gold_acled, pred_acled = gold.get("acled") or {}, _get(pred, "acled") or {}
    out["acled_event_type"] = gold_acled.get("event_type") == pred_acled.get("event_type")
    if gold_acled:
        out["acled_sub_event_type"] = gold_acled == {k: pred_acled.get(k) for k in ("event_type", "sub_event_type")}
    return out


def _score_location(gold: dict | None, pred: dict | None) -> dict[str, Any]:
    if not gold:
        return {"location_null_kept": not pred}
    out: dict[str, Any] = {}
    if gold.get("country"):
        out["location_country"] = bool(pred) and pred.get("country") == gold["country"]
    glat, glon = to_float(gold.get("lat")), to_float(gold.get("lon"))
    if glat is not None and glon is not None:
        plat, plon = (to_float(pred.get("lat")), to_float(pred.get("lon"))) if pred else (None, None)
        km = haversine_km(glat, glon, plat, plon) if plat is not None and plon is not None else None
        for t in THRESHOLDS:
            out[f"location_within_{t}km"] = km is not None and km <= t
    return out


def _score_date(gold: dict | None, pred: dict | None) -> dict[str, Any]:
    if not gold:
        return {"date_null_kept": not pred or not pred.get("start")}
    pstart, pend = (pred.get("start"), pred.get("end") or pred.get("start")) if pred else (None, None)
    exact = pstart == gold["start"] and pend == gold["end"]
    overlap = bool(pstart) and str(pstart) <= gold["end"] and str(pend) >= gold["start"]
    return {"date_exact": exact, "date_overlap": overlap}


def _score_count(name: str, gold: dict | None, pred: dict | None) -> dict[str, Any]:
    pmin = pred.get("min") if pred else None
    if not gold:
        return {f"{name}_null_kept": pmin is None}
    return {f"{name}_exact": pmin == gold.get("min")}


def _score_attribution(gold: dict | None, pred: dict | None) -> dict[str, Any]:
    out: dict[str, Any] = {"attribution_presence": bool(gold) == bool(pred)}
    if gold and gold.get("claimant"):
        claimant = gold["claimant"]
        p = pred or {}
        pc = p.get("claimant") or {}
        out["claimant"] = names_match([claimant.get("name"), *claimant.get("also", [])],
                                      [pc.get("name"), pc.get("text"), p.get("source")])
    if gold and gold.get("verified") is not None:
        out["verified"] = (pred or {}).get("verified") == gold["verified"]
    return out


# -- evaluation ----------------------------------------------------------------------
FIELD_METRICS = {
    "actor_country_accuracy": "actor_country#",
    "location_country_accuracy": "location_country",
    "location_within_10km": "location_within_10km",
    "location_within_161km": "location_within_161km",
    "location_null_kept": "location_null_kept",
    "date_exact": "date_exact",
    "date_overlap": "date_overlap",
    "date_null_kept": "date_null_kept",
    "fatalities_exact": "fatalities_exact",
    "fatalities_null_kept": "fatalities_null_kept",
    "injured_exact": "injured_exact",
    "attribution_presence_accuracy": "attribution_presence",
    "claimant_accuracy": "claimant",
    "verified_accuracy": "verified",
    "modality_accuracy": "modality",
    "negated_accuracy": "negated",
    "mode_accuracy": "mode",
    "acled_event_type_accuracy": "acled_event_type",
    "acled_sub_event_type_accuracy": "acled_sub_event_type",
}


class Tally:
    """Counts across documents: detection per type and field outcomes."""

    def __init__(self) -> None:
        self.tp: Counter = Counter()
        self.fp: Counter = Counter()
        self.fn: Counter = Counter()
        self.duplicates = 0
        self.fields: dict[str, list[bool]] = {}

    def add(self, gold_events: list[dict], predicted: list[Any], result: dict[str, Any]) -> list[dict]:
        """Add one document's match result; returns the per-pair field outcomes."""
        outcomes = []
        for gi, pi in result["pairs"]:
            self.tp[gold_events[gi]["type"]] += 1
            scores = score_pair(gold_events[gi], predicted[pi])
            outcomes.append(scores)
            for key, value in scores.items():
                self.fields.setdefault(key.split("#")[0] + ("#" if "#" in key else ""), []).append(bool(value))
        for gi in result["missed"]:
            self.fn[gold_events[gi]["type"]] += 1
        for pi in result["spurious"]:
            self.fp[_get(predicted[pi], "type")] += 1
        self.duplicates += len(result["duplicates"])
        return outcomes

    def metrics(self) -> dict[str, Any]:
        overall = prf(sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values()))
        out: dict[str, Any] = {"gold_events": sum(self.tp.values()) + sum(self.fn.values()),
                               "predicted_events": sum(self.tp.values()) + sum(self.fp.values()) + self.duplicates,
                               "event_precision": overall["precision"], "event_recall": overall["recall"],
                               "event_f1": overall["f1"], "matched": overall["tp"], "duplicates": self.duplicates}
        for name, key in FIELD_METRICS.items():
            values = self.fields.get(key, [])
            out[name] = ratio(sum(values), len(values))
        return out

    def per_type(self) -> list[dict[str, Any]]:
        rows = []
        for t in sorted(set(self.tp) | set(self.fp) | set(self.fn)):
            score = prf(self.tp[t], self.fp[t], self.fn[t])
            rows.append({"type": t, "gold": self.tp[t] + self.fn[t], "predicted": self.tp[t] + self.fp[t],
                         "precision": score["precision"], "recall": score["recall"], "f1": score["f1"]})
        return rows

    def support(self) -> list[dict[str, Any]]:
        return [{"field": name, "scored": len(self.fields.get(key, []))} for name, key in FIELD_METRICS.items()]


def _gold_summary(event: dict[str, Any]) -> dict[str, Any]:
    return {"type": event["type"], "trigger": (event.get("trigger") or {}).get("text"),
            "actors": [f"{a['role']}:{a.get('name')}[{a.get('country')}]" for a in event.get("actors", [])],
            "location": (event.get("location") or {}).get("name"), "date": (event.get("date") or {}).get("start"),
            "fatalities": (event.get("fatalities") or {}).get("min"), "modality": event.get("modality")}


def _record_errors(worst: Worst, gold: dict, text: str, predicted: list[Any], result: dict, outcomes: list[dict]) -> None:
    name = gold.get("_file", "?")
    events = gold["events"]
    for gi in result["missed"]:
        ev = events[gi]["evidence"]
        worst.add(2.0, lambda ev=ev, gi=gi: case(name, "missed event", _gold_summary(events[gi]), None,
                                                 snippet(text, ev["start"], ev["end"])))
    for pi in result["spurious"]:
        s, e = _pred_span(predicted[pi])
        worst.add(1.0, lambda pi=pi, s=s, e=e: case(name, "spurious event", None, event_summary(predicted[pi]),
                                                    snippet(text, s, e)))
    for (gi, pi), scores in zip(result["pairs"], outcomes):
        wrong = sorted({k.split("#")[0] for k, v in scores.items() if not v})
        if wrong:
            ev = events[gi]["evidence"]
            worst.add(0.1 * len(wrong), lambda gi=gi, pi=pi, wrong=wrong, ev=ev: case(
                name, "wrong " + ", ".join(wrong), _gold_summary(events[gi]), event_summary(predicted[pi]),
                snippet(text, ev["start"], ev["end"])))


def resolve(path: str | Path) -> tuple[list[Path], Path | None]:
    """(gold files, data folder) for a PATH that is gold or the data folder."""
    files = gold_files(path)
    if not files:
        files = gold_files(GOLD_DIR)
    return files, data_root(path)


def evaluate(path: str, pipeline: Any, limit: int | None = None, errors: int = 0) -> Report:
    files, root = resolve(path)
    golds = load_gold(files)
    if limit is not None:
        golds = golds[:limit]
    report = Report(format="kroniek")
    bad = [f"{g.get('_file')}: {p}" for g in golds for p in problems(g)]
    if bad:
        raise DataError("; ".join(bad[:5]))
    if root is None:
        report.notes.append(f"data folder not found (set {DATA_ENV} or pass it as PATH); evaluation skipped")
        return report
    articles = load_articles(root, golds)
    tally, worst = Tally(), Worst(errors)
    for gold in golds:
        article = gold["article"]
        doc = articles.get((article["file"], str(article.get("url") or article.get("id"))))
        if doc is None:
            report.notes.append(f"{gold['_file']}: article not found in {root / article['file']}; skipped")
            continue
        report.notes.extend(anchor(gold, doc.text))
        try:
            pipeline(doc)
        except Exception as exc:  # one failing article costs its recall, not the whole run
            report.notes.append(f"{gold['_file']}: pipeline failed ({type(exc).__name__}: {exc}); scored as no events")
            doc.events = []
        predicted = list(doc.events)
        result = match(gold["events"], predicted)
        outcomes = tally.add(gold["events"], predicted, result)
        _record_errors(worst, gold, doc.text, predicted, result, outcomes)
        report.n_docs += 1
    report.metrics = tally.metrics()
    report.tables["per_type"] = tally.per_type()
    report.tables["field_support"] = tally.support()
    report.errors = worst.cases()
    return report


def iter_gold(path: str | Path | None = None) -> Iterator[dict[str, Any]]:
    """The bundled (or given) gold documents; for tests and the benchmark."""
    yield from load_gold(gold_files(path or GOLD_DIR))
