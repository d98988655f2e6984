"""Scoring helpers shared by the gold formats.

Everything here is pure and small so it can be unit-tested on hand-made
predictions, independently of what the pipeline's stages currently find.
"""

from __future__ import annotations

import heapq
import itertools
import math
import re
import statistics
from collections import Counter, defaultdict
from datetime import date, datetime
from typing import Any, Callable, Iterable, Sequence

from ..document import Document, PubDate

NONE = "(none)"  # the predicted label when the pipeline found nothing


# -- counting ------------------------------------------------------------
def ratio(num: float, den: float) -> float | None:
    """num / den, or None when there is nothing to divide by."""
    return num / den if den else None


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int | None]:
    """Precision, recall and F1 from counts (None where undefined)."""
    precision = ratio(tp, tp + fp)
    recall = ratio(tp, tp + fn)
    if precision is None or recall is None or precision + recall == 0:
        f1 = 0.0 if (precision == 0 or recall == 0) else None
    else:
        f1 = 2 * precision * recall / (precision + recall)
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def accuracy(pairs: Sequence[tuple[Any, Any]]) -> float | None:
    """Share of (gold, predicted) pairs that agree."""
    return ratio(sum(1 for g, p in pairs if g == p), len(pairs))


def per_class(pairs: Sequence[tuple[Any, Any]]) -> dict[str, dict[str, Any]]:
    """Per gold class P/R/F1 for a single-label task; NONE predictions are misses only."""
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    for gold, pred in pairs:
        if gold == pred:
            tp[gold] += 1
        else:
            fn[gold] += 1
            if pred not in (None, NONE):
                fp[pred] += 1
    classes = sorted({g for g, _ in pairs} | set(fp), key=str)
    return {str(c): prf(tp[c], fp[c], fn[c]) for c in classes}


def macro_f1(pairs: Sequence[tuple[Any, Any]]) -> float | None:
    """Mean F1 over the *gold* classes (a class never in gold does not dilute it)."""
    gold_classes = {g for g, _ in pairs}
    scores = per_class(pairs)
    values = [scores[str(c)]["f1"] or 0.0 for c in gold_classes]
    return ratio(sum(values), len(values))


def confusion(pairs: Iterable[tuple[Any, Any]]) -> dict[str, dict[str, int]]:
    """gold -> predicted -> count."""
    matrix: dict[str, dict[str, int]] = defaultdict(dict)
    for gold, pred in pairs:
        row = matrix[str(gold)]
        key = NONE if pred is None else str(pred)
        row[key] = row.get(key, 0) + 1
    return dict(matrix)


def class_rows(pairs: Sequence[tuple[Any, Any]], label: str = "class") -> list[dict[str, Any]]:
    """per_class as table rows, with the gold support."""
    support = Counter(g for g, _ in pairs)
    rows = []
    for name, score in per_class(pairs).items():
        rows.append({label: name, "gold": support.get(name, 0), "precision": score["precision"],
                     "recall": score["recall"], "f1": score["f1"]})
    return rows


# -- geography -------------------------------------------------------------
def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def to_float(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def distance_shares(errors_km: Sequence[float | None], thresholds: Sequence[int] = (10, 50, 161)) -> dict[str, float | None]:
    """Share of cases within each threshold; None (no prediction) counts as a miss."""
    return {f"within_{t}km": ratio(sum(1 for e in errors_km if e is not None and e <= t), len(errors_km))
            for t in thresholds}


def median(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


# -- spans -----------------------------------------------------------------
def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match_spans(gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one greedy matching by overlap, largest overlap first.

    Returns (gold index, predicted index) pairs.
    """
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            shared = min(g[1], p[1]) - max(g[0], p[0])
            if shared > 0:
                candidates.append((-shared, gi, pi))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return sorted(pairs)


def align_span(text: str, start: int, end: int, surface: str, window: int = 60) -> tuple[int, int] | None:
    """Fix gold offsets that are shifted by a few characters.

    Some corpora count offsets from a slightly different text (a stripped
    title or newline); the surface string found nearest to the given offset
    is taken, or None when it is not within ``window`` characters.
    """
    if text[start:end] == surface:
        return start, end
    length = len(surface)
    for shift in range(1, window + 1):
        for s in (start - shift, start + shift):
            if 0 <= s and text[s:s + length] == surface:
                return s, s + length
    return None


def snippet(text: str, start: int | None = None, end: int | None = None, width: int = 240) -> str:
    """A one-line excerpt of ``text`` around [start, end)."""
    if start is None:
        return " ".join(text[:width].split())
    pad = max(0, (width - (end or start) + start) // 2)
    lo, hi = max(0, start - pad), min(len(text), (end or start) + pad)
    return ("…" if lo else "") + " ".join(text[lo:hi].split()) + ("…" if hi < len(text) else "")


# -- dates -----------------------------------------------------------------
_DATE_FORMATS = ("%Y-%m-%d", "%d-%b-%y", "%d %B %Y", "%d-%b-%Y", "%d/%m/%Y", "%Y/%m/%d")


def parse_date(value: str | None) -> date | None:
    """'2022-06-08', '9-May-20', '8 June 2022' -> a date; None if unreadable."""
    if not value:
        return None
    value = value.strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


# -- running the pipeline --------------------------------------------------
def run_stages(pipeline: Any, doc: Document, needed: Iterable[str] | None = None) -> Document:
    """Run ``pipeline`` on ``doc``; with ``needed``, only its stages up to the last needed one.

    Stages the pipeline lacks are simply not run, so a broken pipeline
    (say, without ``places``) shows up as lower figures instead of a crash.
    """
    if needed is None:
        return pipeline(doc)
    wanted = set(needed)
    names = [s.name for s in pipeline.stages]
    last = max((i for i, n in enumerate(names) if n in wanted), default=-1)
    for stage in pipeline.stages[: last + 1]:
        stage(doc)
    return doc


def make_doc(text: str, *, lang: str | None = None, date: Any = None, title: str | None = None,
             doc_id: str = "") -> Document:
    doc = Document(text=text, id=doc_id, lang=lang, title=title, date=PubDate.parse(date))
    if lang:
        doc.meta["lang_forced"] = True
    return doc


# -- error analysis --------------------------------------------------------
class Worst:
    """Keeps the ``n`` cases with the highest badness score."""

    def __init__(self, n: int) -> None:
        self.n = n
        self._heap: list[tuple[float, int, dict[str, Any]]] = []
        self._seq = itertools.count()

    def add(self, badness: float, case: Callable[[], dict[str, Any]] | dict[str, Any]) -> None:
        """``case`` may be a callable, built only when the case makes the cut."""
        if self.n <= 0 or badness <= 0:
            return
        key = (badness, -next(self._seq))
        if len(self._heap) >= self.n and key <= self._heap[0][:2]:
            return
        item = (key[0], key[1], case() if callable(case) else case)
        if len(self._heap) >= self.n:
            heapq.heapreplace(self._heap, item)
        else:
            heapq.heappush(self._heap, item)

    def cases(self) -> list[dict[str, Any]]:
        return [c for _, _, c in sorted(self._heap, key=lambda x: (-x[0], -x[1]))]


def case(doc: str, why: str | list[str], gold: Any, predicted: Any, evidence: str) -> dict[str, Any]:
    return {"doc": doc, "why": "; ".join(why) if isinstance(why, list) else why,
            "gold": gold, "predicted": predicted, "evidence": evidence}


def event_summary(event: Any) -> dict[str, Any]:
    """The fields of an Event an error report shows."""
    acled = event.acled or {}
    return {
        "type": event.type,
        "acled": f"{acled.get('event_type')} / {acled.get('sub_event_type')}" if acled else None,
        "trigger": (event.trigger or {}).get("text"),
        "actors": [f"{a.get('role')}:{a.get('text')}[{a.get('country')}]" for a in event.actors],
        "location": (event.location or {}).get("name") or (event.location or {}).get("text"),
        "date": (event.date or {}).get("start"),
        "fatalities": (event.fatalities or {}).get("min"),
    }


_WS = re.compile(r"\s+")


def norm(text: str) -> str:
    return _WS.sub(" ", text).strip().lower()


class SubPipeline:
    """Some of an existing pipeline's stages, without building them again.

    ``SubPipeline(pipeline, drop={"places"})`` is the same pipeline with the
    places stage switched off: the quickest way to show what a stage is worth.
    """

    def __init__(self, pipeline: Any, drop: Iterable[str] = ()) -> None:
        dropped = set(drop)
        self.stages = [s for s in pipeline.stages if s.name not in dropped]
        self.stage_names = [s.name for s in self.stages]

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            stage(doc)
        return doc


class Failures:
    """Runs the pipeline per document; a stage that raises fails that document only.

    The document is then scored as if nothing was found, counted in the
    ``pipeline_failures`` metric and put first among the error cases, so one
    bad article cannot hide the figures of thousands, nor hide itself.
    """

    def __init__(self, worst: Worst) -> None:
        self.worst = worst
        self.count = 0

    def run(self, pipeline: Any, doc: Document, needed: Iterable[str] | None = None) -> bool:
        try:
            run_stages(pipeline, doc, needed)
            return True
        except Exception as exc:  # noqa: BLE001 - reported, not swallowed
            self.count += 1
            doc.layers, doc.events = {}, []
            message = f"pipeline failed: {type(exc).__name__}: {exc}"
            self.worst.add(1000, lambda: case(doc.id, message, None, None, snippet(doc.text)))
            return False

    def annotate(self, report: Any) -> None:
        report.metrics["pipeline_failures"] = self.count
        if self.count:
            report.notes.append(f"the pipeline raised on {self.count} documents; they are scored as finding nothing")
