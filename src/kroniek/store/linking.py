"""Cross-article event linking: reports of one happening form one cluster.

Two event mentions are linked when they have the same PLOVER type, the same
day (ACLED's rule: one event per day and location; a mention dated only to a
week or a month is not linked), places pinned to a town or closer (precision
exact, near or city) within ``radius_km`` of each other (or the same
GeoNames id), and compatible actors (when both name who acted, their
countries must overlap; recipients are not compared, since one report names
the city hit and another the people in it). Mentions without a date or a town-level place stay
alone: too little is known to link them honestly ('Iran' on one day holds many
protests). A mention joins a cluster only if it fits every mention already in
it, so clusters do not drift along chains of near neighbours.

Each cluster has a consolidated record: fatalities are the most
conservative (lowest) reported minimum, and differing counts are kept, with
their claimants, as disputed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .base import Store, haversine_km

RADIUS_KM = 10.0
MAX_DATE_SPAN_DAYS = 1
LINKABLE_PRECISIONS = ("exact", "near", "city")
DAY_SLACK = 0


@dataclass
class Mention:
    event_id: str
    type: str
    start: date
    end: date
    lat: float
    lon: float
    geonameid: int | None
    countries: frozenset[str]
    source: str | None
    fatalities: int | None
    claimant: str | None
    location_name: str | None
    country: str | None


@dataclass
class Cluster:
    mentions: list[Mention] = field(default_factory=list)

    @property
    def id(self) -> str:
        first = min(m.event_id for m in self.mentions)
        return "c" + hashlib.sha256(first.encode()).hexdigest()[:19]


def _mention(row: tuple) -> Mention | None:
    (event_id, type_, start, end, lat, lon, geonameid, country, source, fatalities, claimant, name,
     actor_countries, precision) = row
    if not start or lat is None or lon is None or precision not in LINKABLE_PRECISIONS:
        return None
    first = date.fromisoformat(start)
    last = date.fromisoformat(end) if end else first
    if (last - first).days >= MAX_DATE_SPAN_DAYS:
        return None
    countries = frozenset(c for c in (actor_countries or "").split(",") if c)
    return Mention(event_id, type_, first, last, lat, lon, geonameid, countries, source, fatalities,
                   claimant, name, country)


def compatible(a: Mention, b: Mention, radius_km: float = RADIUS_KM) -> bool:
    if a.type != b.type:
        return False
    slack = timedelta(days=DAY_SLACK)
    if a.start > b.end + slack or b.start > a.end + slack:
        return False
    same_place = a.geonameid is not None and a.geonameid == b.geonameid
    if not same_place and haversine_km(a.lat, a.lon, b.lat, b.lon) > radius_km:
        return False
    if a.countries and b.countries and not (a.countries & b.countries):
        return False
    return True


def link(store: Store, radius_km: float = RADIUS_KM) -> dict[str, int]:
    """(Re)build all clusters of the store; returns counts. Deterministic."""
    rows = store.execute(
        "SELECT e.event_id, e.type, e.date_start, e.date_end, e.lat, e.lon, e.geonameid, e.country, d.source,"
        " e.fatalities_min, e.claimant, e.location_name,"
        f" (SELECT {store.GROUP_CONCAT}(country, ',') FROM event_actors a WHERE a.event_id = e.event_id"
        "  AND a.role = 'actor'), e.geo_precision"
        " FROM events e JOIN documents d USING (content_hash) ORDER BY e.date_start, e.event_id").fetchall()
    mentions = [m for m in (_mention(r) for r in rows) if m is not None]
    clusters: list[Cluster] = []
    open_by_type: dict[str, list[Cluster]] = {}
    for mention in mentions:
        candidates = open_by_type.setdefault(mention.type, [])
        target = next((c for c in candidates if all(compatible(mention, m, radius_km) for m in c.mentions)), None)
        if target is None:
            target = Cluster()
            candidates.append(target)
            clusters.append(target)
        target.mentions.append(mention)
        # clusters whose last date is far behind can no longer grow (mentions are date-ordered)
        horizon = mention.start - timedelta(days=DAY_SLACK + 1)
        open_by_type[mention.type] = [c for c in candidates if max(m.end for m in c.mentions) >= horizon]
    _write(store, clusters)
    return {"mentions": len(mentions), "clusters": len(clusters),
            "linked": sum(1 for c in clusters if len(c.mentions) > 1)}


def consolidate(cluster: Cluster) -> dict[str, Any]:
    counts = [(m.fatalities, m.claimant, m.event_id) for m in cluster.mentions if m.fatalities is not None]
    values = {c[0] for c in counts}
    first = min(cluster.mentions, key=lambda m: (m.start, m.event_id))
    return {
        "cluster_id": cluster.id,
        "type": first.type,
        "date_start": min(m.start for m in cluster.mentions).isoformat(),
        "date_end": max(m.end for m in cluster.mentions).isoformat(),
        "location_name": first.location_name,
        "lat": first.lat,
        "lon": first.lon,
        "country": first.country,
        "fatalities_min": min(values) if values else None,
        "fatalities_disputed": json.dumps([{"min": v, "claimant": c, "event_id": e} for v, c, e in counts])
        if len(values) > 1 else None,
        "n_mentions": len(cluster.mentions),
        "n_sources": len({m.source for m in cluster.mentions}),
    }


def _write(store: Store, clusters: list[Cluster]) -> None:
    with store.transaction():
        store.execute("UPDATE events SET cluster_id = NULL")
        store.execute("DELETE FROM clusters")
        for cluster in clusters:
            record = consolidate(cluster)
            store.execute(f"INSERT INTO clusters({','.join(record)}) VALUES ({','.join('?' * len(record))})",
                          tuple(record.values()))
            store.executemany("UPDATE events SET cluster_id = ? WHERE event_id = ?",
                              [(cluster.id, m.event_id) for m in cluster.mentions])
