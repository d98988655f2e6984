"""A small, predictable stand-in pipeline for testing the evaluator's scoring.

The real stages are built by other parts of the project and change often;
the scoring must be right regardless. ``StubPipeline`` has the same surface
as :class:`kroniek.pipeline.Pipeline` (``stages`` with ``name``s, callable on
a Document) and fills the layers and events from tiny hand-written tables,
with deliberate gaps so that the figures are not all perfect.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from kroniek.document import Document, Span
from kroniek.event import Event

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "eval"

#: name -> (lat, lon, alpha-3). Poltava is missing on purpose; Abuja is put in Lagos on purpose.
GAZETTEER = {
    "Kharkiv": (49.9935, 36.2304, "UKR"), "Charkiv": (49.9935, 36.2304, "UKR"), "Kyiv": (50.4500, 30.5200, "UKR"),
    "Amsterdam": (52.3676, 4.9041, "NLD"), "Bakhmut": (48.5947, 38.0003, "UKR"), "La Paz": (-16.5, -68.15, "BOL"),
    "Maiduguri": (11.8464, 13.1603, "NGA"), "New Delhi": (28.6139, 77.209, "IND"), "Lagos": (6.5244, 3.3792, "NGA"),
    "Abuja": (6.5244, 3.3792, "NGA"), "Berlin": (52.52, 13.405, "DEU"), "The Hague": (52.07, 4.30, "NLD"),
    "Antwerpen": (51.22, 4.40, "BEL"), "Brussel": (50.85, 4.35, "BEL"), "Gent": (51.05, 3.72, "BEL"),
    "Limburg": (51.0, 5.5, "BEL"), "Oekraïne": (49.0, 32.0, "UKR"),
}
#: name -> (kind, alpha-3, descriptive). 'farmers', 'gunmen' and 'police' are not known on purpose.
ACTORS = {
    "Russian forces": ("ORG", "RUS", False), "Ukrainian forces": ("ORG", "UKR", False),
    "Russian troops": ("ORG", "RUS", False), "French President": ("PER", "FRA", True),
    "German Chancellor": ("PER", "DEU", True), "Poland": ("GPE", "POL", False), "Moscow": ("GPE", "RUS", False),
    "Jan Peeters": ("PER", "BEL", False), "Verenigde Naties": ("ORG", None, False), "NAVO": ("ORG", None, False),
    "Belgische": ("GPE", "BEL", False), "de minister": ("PER", None, True),
    "Russische troepen": ("ORG", "RUS", False),
}
#: trigger -> (PLOVER type, ACLED event type, ACLED sub-event type). Dutch 'protesteren' is missing on purpose.
TRIGGERS = {
    "shelled": ("ASSAULT", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "protested": ("PROTEST", "Protests", "Peaceful protest"),
    "clashed": ("ASSAULT", "Battles", "Armed clash"),
    "arrested": ("COERCE", "Strategic developments", "Arrests"),
    "attacked": ("ASSAULT", "Violence against civilians", "Attack"),
    "met": ("CONSULT", None, None), "demanded": ("REQUEST", None, None),
    "beschieten": ("ASSAULT", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "aanval": ("ASSAULT", None, None), "ontmoet": ("CONSULT", None, None), "arresteert": ("COERCE", None, None),
}
NUMBERS = {"two": 2, "three": 3, "five": 5, "ten": 10, "vijf": 5}
DATES = {"dinsdag": "2022-03-01", "woensdag": "2022-03-02"}


def _words(table: dict[str, Any]) -> re.Pattern[str]:
    return re.compile(r"\b(" + "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True)) + r")\b")


class _Stage:
    name = ""

    def __call__(self, doc: Document) -> None:
        raise NotImplementedError


class StubSentences(_Stage):
    name = "sentences"

    def __call__(self, doc: Document) -> None:
        for match in re.finditer(r"[^.\n]+[.]?", doc.text):
            if match.group().strip():
                doc.add("sentences", match.start(), match.end(), "sentence")


class StubPlaces(_Stage):
    name = "places"
    pattern = _words(GAZETTEER)

    def __call__(self, doc: Document) -> None:
        for m in self.pattern.finditer(doc.text):
            lat, lon, country = GAZETTEER[m.group()]
            doc.add("places", m.start(), m.end(), "PLACE", name=m.group(), lat=lat, lon=lon, country=country,
                    precision="city", feature="city")


class StubActors(_Stage):
    name = "actors"
    pattern = _words(ACTORS)

    def __call__(self, doc: Document) -> None:
        for m in self.pattern.finditer(doc.text):
            kind, country, descriptive = ACTORS[m.group()]
            doc.add("actors", m.start(), m.end(), "ACTOR", name=m.group(), kind=kind, country=country,
                    descriptive=descriptive)


class StubTime(_Stage):
    name = "time"
    pattern = _words(DATES)

    def __call__(self, doc: Document) -> None:
        for m in self.pattern.finditer(doc.text):
            # Document.add cannot take attrs named start/end, so the span is built directly
            attrs = {"start": DATES[m.group()], "end": DATES[m.group()], "precision": "day"}
            doc.layer("dates").append(Span(m.start(), m.end(), "DATE", attrs))


class StubEvents(_Stage):
    name = "events"
    pattern = _words(TRIGGERS)
    killed = re.compile(r"\b(two|three|five|ten|vijf)\b[^.]*\b(?:killed|doden)\b|\bkilled (two|three|five|ten)\b", re.I)

    def __call__(self, doc: Document) -> None:
        for m in self.pattern.finditer(doc.text):
            sentence = doc.sentence_of(Span(m.start(), m.end(), "T"))
            lo, hi = (sentence.start, sentence.end) if sentence else (0, len(doc.text))
            plover, acled, sub = TRIGGERS[m.group()]
            doc.events.append(Event(
                type=plover, trigger={"text": m.group(), "start": m.start(), "end": m.end()},
                evidence={"sentence": doc.text[lo:hi], "start": lo, "end": hi},
                acled={"event_type": acled, "sub_event_type": sub} if acled else None,
                actors=self._actors(doc, lo, hi, m.start()), location=self._place(doc, lo, hi),
                date=self._date(doc, lo, hi), fatalities=self._fatalities(doc)))

    @staticmethod
    def _actors(doc: Document, lo: int, hi: int, at: int) -> list[dict[str, Any]]:
        return [{"role": "actor" if s.end <= at else "recipient", "text": doc.text[s.start:s.end], "name": s.attrs["name"],
                 "id": None, "country": s.attrs["country"], "sector": None, "span": [s.start, s.end]}
                for s in doc.layers.get("actors", ()) if lo <= s.start < hi]

    @staticmethod
    def _place(doc: Document, lo: int, hi: int) -> dict[str, Any] | None:
        places = [s for s in doc.layers.get("places", ()) if lo <= s.start < hi] or doc.layers.get("places", [])
        if not places:
            return None
        s = places[0]
        return {"text": doc.text[s.start:s.end], "name": s.attrs["name"], "lat": s.attrs["lat"], "lon": s.attrs["lon"],
                "country": s.attrs["country"], "precision": "city", "span": [s.start, s.end]}

    @staticmethod
    def _date(doc: Document, lo: int, hi: int) -> dict[str, Any] | None:
        for s in doc.layers.get("dates", ()):
            if lo <= s.start < hi:
                return {"text": doc.text[s.start:s.end], "start": s.attrs["start"], "end": s.attrs["end"],
                        "precision": "day", "span": [s.start, s.end]}
        if doc.date and doc.date.precision == "day":
            return {"text": "", "start": doc.date.iso(), "end": doc.date.iso(), "precision": "day"}
        return None

    def _fatalities(self, doc: Document) -> dict[str, Any] | None:
        m = self.killed.search(doc.text)
        if not m:
            return None
        n = NUMBERS[(m.group(1) or m.group(2)).lower()]
        return {"text": m.group(), "min": n, "max": n, "span": [m.start(), m.end()]}


class StubPipeline:
    """Pipeline-shaped: ``stages`` (each with a ``name``) and ``__call__(doc)``."""

    ALL = (StubSentences, StubPlaces, StubActors, StubTime, StubEvents)

    def __init__(self, without: tuple[str, ...] = ()) -> None:
        self.stages = [cls() for cls in self.ALL if cls.name not in without]
        self.stage_names = [s.name for s in self.stages]

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            stage(doc)
        return doc


@pytest.fixture
def stub() -> StubPipeline:
    return StubPipeline()


@pytest.fixture
def stub_without_places() -> StubPipeline:
    return StubPipeline(without=("places",))


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def available_stages() -> list[str]:
    """The default pipeline's stages whose module exists in this checkout."""
    from importlib.util import find_spec

    from kroniek.pipeline import load_config
    from kroniek.stages import STAGE_MODULES

    return [n for n in load_config()["stages"] if n in STAGE_MODULES and find_spec(STAGE_MODULES[n]) is not None]


@pytest.fixture(scope="session")
def real_stages() -> list[str]:
    return available_stages()


@pytest.fixture(scope="session")
def real_pipeline(real_stages):
    """The default pipeline (as far as its stages exist), built once per session."""
    from kroniek.pipeline import Pipeline

    return Pipeline.from_config(stages=real_stages)
