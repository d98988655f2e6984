"""The event model and the output contract's record.

An :class:`Event` is what the ``events`` stage writes into ``doc.events``.
Its sub-objects are plain dicts shaped like the output contract
(``schema/event.schema.json``); every one that comes from the text carries
``span: [start, end]``, offsets into the document text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from .document import Document

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
MODALITIES = (
    "asserted", "reported", "claimed", "intended", "requested", "refused", "denied", "hypothetical",
)
PLACE_PRECISIONS = ("exact", "near", "city", "region", "country")


@dataclass(slots=True)
class Event:
    type: str
    trigger: dict[str, Any]
    evidence: dict[str, Any]
    mode: str | None = None
    acled: dict[str, str] | None = None
    actors: list[dict[str, Any]] = field(default_factory=list)
    location: dict[str, Any] | None = None
    date: dict[str, Any] | None = None
    fatalities: dict[str, Any] | None = None
    injured: dict[str, Any] | None = None
    attribution: dict[str, Any] | None = None
    modality: str = "asserted"
    negated: bool = False
    confidence: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def event_id(doc_id: str, event: Event) -> str:
    """Stable across runs: depends only on the document, type and trigger offsets."""
    key = f"{doc_id}|{event.type}|{event.trigger.get('start')}|{event.trigger.get('end')}"
    return hashlib.sha256(key.encode()).hexdigest()[:20]


def to_record(doc: Document, event: Event) -> dict[str, Any]:
    """The output contract's record for one event."""
    record: dict[str, Any] = {
        "event_id": event_id(doc.id, event),
        "doc_id": doc.id,
        "type": event.type,
        "mode": event.mode,
        "acled": event.acled,
        "actors": event.actors,
        "location": event.location,
        "date": event.date,
        "fatalities": event.fatalities,
        "injured": event.injured,
        "attribution": event.attribution,
        "modality": event.modality,
        "negated": event.negated,
        "trigger": event.trigger,
        "evidence": event.evidence,
        "confidence": event.confidence,
        "document": {
            "title": doc.title,
            "url": doc.url,
            "source": doc.source,
            "lang": doc.lang,
            "date": doc.date.iso() if doc.date else None,
            "date_precision": doc.date.precision if doc.date else None,
        },
    }
    if event.extra:
        record["extra"] = event.extra
    return record


def records(doc: Document) -> list[dict[str, Any]]:
    return [to_record(doc, event) for event in doc.events]
