"""Geoparsing corpora (GeoVirus, TR-News XML): toponym recognition and resolution.

Input: an XML file of ``<article>``s with a ``<text>`` and ``<locations>``
(GeoVirus: ``name, start, end, lat, lon``) or ``<toponyms>`` (TR-News:
``phrase, start, end, gaztag/lat, gaztag/lon``); a folder means every .xml in
it. Gold offsets in these files are sometimes shifted by a few characters;
each toponym is re-anchored to the nearest occurrence of its surface form
(``align_span``), and one that cannot be found is skipped and counted.

The pipeline runs up to its ``places`` stage, language forced to English.
Recognition: ``places`` spans matched one-to-one with gold toponyms by
overlap; precision/recall/F1. Resolution, over matched toponyms that have gold
coordinates: the share within 161 km (the usual 'accuracy@161'), the share
within 10 km and the median error in km; a matched place without coordinates
counts as a miss in the shares.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, Iterator

from ..common import (Failures, Worst, align_span, case, haversine_km, make_doc, match_spans, median, prf, ratio,
                      snippet, to_float)
from ..report import Report
from . import DataError

NEEDED_STAGES = ("places",)


def _toponym(node: ET.Element) -> dict[str, Any] | None:
    surface = node.findtext("phrase") if node.find("phrase") is not None else node.findtext("name")
    start, end = node.findtext("start"), node.findtext("end")
    if surface is None or start is None or end is None:
        return None
    lat = node.findtext("lat") if node.find("lat") is not None else node.findtext("gaztag/lat")
    lon = node.findtext("lon") if node.find("lon") is not None else node.findtext("gaztag/lon")
    return {"surface": surface, "start": int(start), "end": int(end), "lat": to_float(lat), "lon": to_float(lon)}


def read_articles(path: str, limit: int | None = None) -> Iterator[tuple[str, str, list[dict[str, Any]], int]]:
    """(id, text, aligned toponyms, number of toponyms that could not be aligned)."""
    target = Path(path)
    files = sorted(target.glob("*.xml")) if target.is_dir() else [target]
    count = 0
    for file in files:
        try:
            root = ET.parse(file).getroot()
        except ET.ParseError as exc:
            raise DataError(f"{file.name} is not XML: {exc}") from None
        articles = root.findall("article") if root.tag != "article" else [root]
        if not articles:
            raise DataError(f"{file.name} has no <article> elements")
        for index, article in enumerate(articles, 1):
            text = article.findtext("text") or ""
            nodes = article.find("toponyms")
            if nodes is None:
                nodes = article.find("locations")
            toponyms, lost = [], 0
            for node in list(nodes) if nodes is not None else []:
                gold = _toponym(node)
                anchored = align_span(text, gold["start"], gold["end"], gold["surface"]) if gold else None
                if anchored is None:
                    lost += 1
                    continue
                gold["start"], gold["end"] = anchored
                toponyms.append(gold)
            yield f"{file.stem}:{article.get('docid') or index}", text, toponyms, lost
            count += 1
            if limit is not None and count >= limit:
                return


def place_error(gold: dict[str, Any], place: Any) -> float | None:
    lat, lon = place.attrs.get("lat"), place.attrs.get("lon")
    if lat is None or lon is None:
        return None
    return haversine_km(gold["lat"], gold["lon"], float(lat), float(lon))


class _Tally:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = self.lost = self.docs = 0
        self.resolved: list[float | None] = []
        self.by_feature: dict[str, list[float | None]] = {}

    def add(self, other: "_Tally") -> None:
        for name in ("tp", "fp", "fn", "lost", "docs"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.resolved += other.resolved
        for feature, errors in other.by_feature.items():
            self.by_feature.setdefault(feature, []).extend(errors)

    def metrics(self) -> dict[str, Any]:
        score = prf(self.tp, self.fp, self.fn)
        within = lambda km: ratio(sum(1 for e in self.resolved if e is not None and e <= km), len(self.resolved))  # noqa: E731
        return {"toponym_precision": score["precision"], "toponym_recall": score["recall"], "toponym_f1": score["f1"],
                "accuracy_161km": within(161), "share_within_10km": within(10),
                "median_error_km": median(self.resolved), "resolved_scored": len(self.resolved)}


def score_article(doc: Any, gold: list[dict[str, Any]], tally: _Tally, worst: Worst) -> None:
    places = list(doc.layers.get("places", ()))
    pairs = match_spans([(g["start"], g["end"]) for g in gold], [(p.start, p.end) for p in places])
    tally.tp += len(pairs)
    tally.fp += len(places) - len(pairs)
    tally.fn += len(gold) - len(pairs)
    matched_gold = {gi for gi, _ in pairs}
    for gi, pi in pairs:
        if gold[gi]["lat"] is None or gold[gi]["lon"] is None:
            continue
        error = place_error(gold[gi], places[pi])
        tally.resolved.append(error)
        tally.by_feature.setdefault(str(places[pi].attrs.get("feature") or "?"), []).append(error)
        if error is None or error > 161:
            worst.add(2 if error is None else 1 + min(error, 20000) / 20000,
                      lambda g=gold[gi], p=places[pi], e=error: case(
                          doc.id, "no coordinates" if e is None else f"resolved {e:.0f} km away",
                          {"text": g["surface"], "lat": g["lat"], "lon": g["lon"]},
                          {k: p.attrs.get(k) for k in ("name", "country", "lat", "lon", "feature")},
                          snippet(doc.text, g["start"], g["end"], 160)))
    for gi, g in enumerate(gold):
        if gi not in matched_gold:
            worst.add(1, lambda g=g: case(doc.id, "toponym missed", g["surface"], None,
                                          snippet(doc.text, g["start"], g["end"], 160)))


def evaluate(path: str, pipeline: Any, limit: int | None = None, errors: int = 0) -> Report:
    corpora: dict[str, _Tally] = {}
    worst = Worst(errors)
    failures = Failures(worst)
    for doc_id, text, gold, lost in read_articles(path, limit):
        tally = corpora.setdefault(doc_id.split(":", 1)[0], _Tally())
        tally.docs += 1
        tally.lost += lost
        doc = make_doc(text, lang="en", doc_id=doc_id)
        failures.run(pipeline, doc, NEEDED_STAGES)
        score_article(doc, gold, tally, worst)
    total = _Tally()
    for tally in corpora.values():
        total.add(tally)
    if total.docs == 0:
        raise DataError("no articles")
    report = Report(format="geoparse", n_docs=total.docs, metrics=total.metrics())
    report.tables["counts"] = {"gold toponyms": total.tp + total.fn, "predicted places": total.tp + total.fp,
                               "matched": total.tp, "gold offsets not found in text (skipped)": total.lost}
    report.tables["resolution by predicted feature"] = [
        {"feature": f, "matched": len(e), "accuracy_161km": ratio(sum(1 for x in e if x is not None and x <= 161), len(e)),
         "median_error_km": median(e)} for f, e in sorted(total.by_feature.items(), key=lambda kv: -len(kv[1]))]
    if len(corpora) > 1:
        report.tables["by corpus"] = [{"corpus": name, "articles": t.docs, **t.metrics()} for name, t in sorted(corpora.items())]
    failures.annotate(report)
    report.errors = worst.cases()
    return report
