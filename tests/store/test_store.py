"""The SQLite event store: idempotency, crash safety, linking, queries."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kroniek.document import Document, PubDate
from kroniek.store import Query, Store, StoreError, open_store
from kroniek.store.linking import link

KYIV = (50.45466, 30.5238)
KHARKIV = (49.98081, 36.25272)


def make_record(doc: Document, event_id: str, *, type_: str = "ASSAULT", day: str = "2022-03-01",
                where: tuple[float, float] | None = KHARKIV, geonameid: int | None = 706483,
                fatalities: int | None = None, actor_country: str = "RUS", claimant: str | None = None) -> dict:
    location = None
    if where:
        location = {"text": "Charkiv", "name": "Kharkiv", "geonameid": geonameid, "lat": where[0], "lon": where[1],
                    "country": "UKR", "admin1": "Kharkivska", "precision": "city", "span": [0, 7]}
    return {
        "event_id": event_id, "doc_id": doc.id, "type": type_, "mode": None, "acled": None,
        "actors": [{"role": "actor", "text": "Russische troepen", "name": "Military Forces of Russia",
                    "id": "RUS-MIL", "country": actor_country, "sector": "MIL", "span": [0, 5]}],
        "location": location,
        "date": {"text": "dinsdag", "start": day, "end": day, "precision": "day", "span": [0, 3]},
        "fatalities": None if fatalities is None else {"text": str(fatalities), "min": fatalities, "max": None},
        "injured": None,
        "attribution": None if claimant is None else {"text": f"volgens {claimant}", "source": None,
                                                      "claimant": {"text": claimant, "name": claimant, "id": None,
                                                                   "country": "UKR", "sector": "GOV"},
                                                      "verified": None},
        "modality": "asserted", "negated": False,
        "trigger": {"text": "beschoten", "start": 10, "end": 19},
        "evidence": {"sentence": doc.text[:40], "start": 0, "end": min(40, len(doc.text))},
    }


def doc(text: str, source: str = "nos", date: str = "2022-03-01") -> Document:
    return Document(text=text, source=source, date=PubDate.parse(date), lang="nl")


def test_reingesting_the_same_document_is_a_no_op(store: Store) -> None:
    d = doc("Russische troepen beschoten dinsdag Charkiv. Er vielen elf doden.")
    assert store.write_batch([(d, [make_record(d, "e1", fatalities=11)])], "v1") == 1
    assert store.write_batch([(d, [make_record(d, "e1", fatalities=11)])], "v1") == 0
    assert store.counts()["documents"] == 1
    assert store.counts()["events"] == 1
    assert store.has(d.text)


def test_a_failed_batch_writes_nothing(store: Store) -> None:
    good = doc("Het leger trok zich terug uit Cherson.")
    bad = doc("Een kapot record zonder evidence.")
    broken = make_record(bad, "e2")
    del broken["evidence"]
    with pytest.raises(KeyError):
        store.write_batch([(good, [make_record(good, "e1")]), (bad, [broken])], "v1")
    assert store.counts()["documents"] == 0
    assert store.counts()["events"] == 0


def test_accent_insensitive_text_search(store: Store) -> None:
    d = doc("Oekraïne meldt nieuwe beschietingen op Charkiv.")
    store.write_batch([(d, [make_record(d, "e1")])], "v1")
    found = list(store.events(Query(text="oekraine")))
    assert [r["event_id"] for r in found] == ["e1"]
    assert list(store.events(Query(text="mariupol"))) == []


def test_query_filters(store: Store) -> None:
    a = doc("Russische troepen beschoten Charkiv.", source="nos")
    b = doc("Raketaanval op Kiev.", source="nrc", date="2022-03-05")
    store.write_batch([(a, [make_record(a, "kharkiv")]),
                       (b, [make_record(b, "kyiv", day="2022-03-05", where=KYIV, geonameid=703448),
                            make_record(b, "talks", type_="CONSULT", day="2022-03-05", where=None)])], "v1")
    ids = lambda q: sorted(r["event_id"] for r in store.events(q))  # noqa: E731
    assert ids(Query(type=["ASSAULT"])) == ["kharkiv", "kyiv"]
    assert ids(Query(near=(KYIV[0], KYIV[1], 50))) == ["kyiv"]
    assert ids(Query(date_from="2022-03-02")) == ["kyiv", "talks"]
    assert ids(Query(source="nos")) == ["kharkiv"]
    assert ids(Query(actor="military forces of russia", type=["CONSULT"])) == ["talks"]
    assert ids(Query(country="UKR", type=["ASSAULT"], date_to="2022-03-01")) == ["kharkiv"]


def test_linking_joins_reports_of_one_event_and_keeps_disputed_counts(store: Store) -> None:
    a = doc("NOS: Charkiv beschoten, elf doden.", source="nos")
    b = doc("NRC: Charkiv onder vuur, negen doden volgens Kiev.", source="nrc", date="2022-03-02")
    c = doc("Volkskrant: aanval op Kiev.", source="volkskrant")
    store.write_batch([
        (a, [make_record(a, "a1", fatalities=11)]),
        (b, [make_record(b, "b1", day="2022-03-01", fatalities=9, claimant="Kiev",
                         where=(KHARKIV[0] + 0.05, KHARKIV[1]), geonameid=None)]),
        (c, [make_record(c, "c1", where=KYIV, geonameid=703448)]),
    ], "v1")
    counts = link(store)
    assert counts == {"mentions": 3, "clusters": 2, "linked": 1}
    row = store.execute("SELECT n_mentions, n_sources, fatalities_min, fatalities_disputed FROM clusters"
                        " WHERE n_mentions = 2").fetchone()
    assert row[:3] == (2, 2, 9)
    disputed = json.loads(row[3])
    assert {d["min"] for d in disputed} == {9, 11}
    clusters = {r["event_id"]: r["cluster_id"] for r in store.events()}
    assert clusters["a1"] == clusters["b1"] != clusters["c1"]
    assert link(store) == counts  # deterministic


def test_linking_keeps_different_types_days_and_vague_places_apart(store: Store) -> None:
    a = doc("Beschieting van Charkiv op 1 maart.")
    b = doc("Beschieting van Charkiv op 2 maart.")
    c = doc("Protest in Charkiv op 1 maart.")
    d = doc("Beschietingen in Oekraïne op 1 maart.")
    e = doc("Ook op 1 maart beschietingen in Oekraïne.")
    country = {"text": "Oekraïne", "name": "Ukraine", "geonameid": 690791, "lat": 49.0, "lon": 32.0,
               "country": "UKR", "admin1": None, "precision": "country", "span": [0, 8]}
    records_d, records_e = make_record(d, "d"), make_record(e, "e")
    records_d["location"] = records_e["location"] = country
    store.write_batch([(a, [make_record(a, "a")]), (b, [make_record(b, "b", day="2022-03-02")]),
                       (c, [make_record(c, "c", type_="PROTEST")]), (d, [records_d]), (e, [records_e])], "v1")
    assert link(store)["linked"] == 0


def test_schemas_of_both_backends_define_the_same_tables_and_columns() -> None:
    import re
    from importlib.resources import files

    def columns(name: str) -> dict[str, list[str]]:
        sql = files("kroniek.store").joinpath(name).read_text("utf-8")
        tables = {}
        for table, body in re.findall(r"CREATE TABLE IF NOT EXISTS (\w+) \((.*?)\n\);", sql, re.S):
            tables[table] = [line.split()[0] for line in body.splitlines()
                             if line.strip() and not line.strip().startswith("--")]
        return tables

    assert columns("schema.sql") == columns("schema_pg.sql")
    assert set(columns("schema.sql")) == {"meta", "documents", "events", "event_actors", "clusters"}


def test_corrupt_database_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match="not a kroniek database"):
        open_store(str(path))


def _corpus(path: Path, n: int) -> None:
    rng = random.Random(7)
    cities = ["Charkiv", "Kiev", "Marioepol", "Odessa", "Dnipro", "Cherson"]
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            city = rng.choice(cities)
            text = (f"Russische troepen hebben {city} op maandag opnieuw beschoten, meldt de burgemeester. "
                    f"Volgens de lokale autoriteiten vielen er minstens {i % 17 + 1} doden. Bericht {i}.")
            out.write(json.dumps({"id": f"doc-{i}", "date": "2022-03-01", "title": f"Aanval op {city} ({i})",
                                  "text": text, "source": "test"}) + "\n")


def _finish(proc: subprocess.Popen) -> int:
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode(errors="replace")[-2000:]
    return proc.returncode


def _ingest(db: str, corpus: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kroniek.cli", "ingest", str(corpus), "--db", db,
                             "--batch", "7", "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _counts(db: str) -> dict[str, int]:
    with open_store(db) as s:
        counts = s.counts()
        counts["event_ids"] = len({r["event_id"] for r in s.events()})
        return counts


def test_killed_ingest_then_rerun_matches_a_clean_run(tmp_path: Path, request: pytest.FixtureRequest,
                                                     db_location: str) -> None:
    corpus = tmp_path / "corpus.jsonl"
    _corpus(corpus, 120)
    clean = str(tmp_path / "clean.sqlite")
    started = time.monotonic()
    _finish(_ingest(clean, corpus))
    duration = time.monotonic() - started
    expected = _counts(clean)
    assert expected["documents"] == 120

    rng = random.Random(11)
    for attempt in range(3):
        db = db_location if attempt == 0 else (
            str(tmp_path / f"killed{attempt}.sqlite") if db_location.endswith(".sqlite")
            else request.getfixturevalue("pg_url") if attempt == 1 else None)
        if db is None:
            break
        proc = _ingest(db, corpus)
        time.sleep(rng.uniform(0.2, 0.95) * duration)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        partial = _counts(db)
        assert partial["documents"] <= 120 and partial["documents"] % 7 in (0, 120 % 7)
        _finish(_ingest(db, corpus))
        assert _counts(db) == expected


def test_a_full_disk_gives_a_clear_error_and_writes_nothing(tmp_path: Path) -> None:
    from kroniek.store import SQLiteStore

    with SQLiteStore(tmp_path / "full.sqlite") as store:
        first = doc("Russische troepen beschoten Charkiv.")
        store.write_batch([(first, [make_record(first, "e1")])], "v1")
        pages = store.execute("PRAGMA page_count").fetchone()[0]
        store.execute(f"PRAGMA max_page_count = {pages}")  # SQLite then answers SQLITE_FULL, as on a full disk
        big = [doc(f"Artikel {i}: " + "beschietingen in Charkiv " * 400) for i in range(5)]
        with pytest.raises(StoreError, match="disk is full"):
            store.write_batch([(d, [make_record(d, f"big{i}")]) for i, d in enumerate(big)], "v1")
        assert store.counts()["documents"] == 1
        assert store.counts()["events"] == 1
