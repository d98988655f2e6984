"""The web app's JSON API, on a store of the project's fixture articles."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from kroniek.serve.app import MAX_UPLOAD_CHARS, create_app  # noqa: E402


@pytest.fixture(scope="module")
def client(store_path: str) -> TestClient:
    return TestClient(create_app(store_path))


def test_events_are_listed_with_pagination(client: TestClient) -> None:
    page = client.get("/api/events", params={"limit": 2}).json()
    assert page["total"] >= 5
    assert len(page["items"]) == 2
    second = client.get("/api/events", params={"limit": 2, "offset": 2}).json()
    assert {e["event_id"] for e in page["items"]}.isdisjoint(e["event_id"] for e in second["items"])


def test_filters_match_the_cli_query(client: TestClient) -> None:
    assaults = client.get("/api/events", params={"type": "ASSAULT", "limit": 500}).json()["items"]
    assert assaults and all(e["type"] == "ASSAULT" for e in assaults)
    places = {(e["location"] or {}).get("name") for e in assaults}
    assert {"Kharkiv", "Mariupol"} <= places
    near_mariupol = client.get("/api/events", params={"near": "47.1,37.55,30", "limit": 500}).json()["items"]
    assert near_mariupol and all(e["location"]["name"] == "Mariupol" for e in near_mariupol)
    from_nrc = client.get("/api/events", params={"source": "nrc"}).json()["items"]
    assert from_nrc and all(e["document"]["source"] == "nrc" for e in from_nrc)
    text = client.get("/api/events", params={"text": "kraamkliniek"}).json()["items"]
    assert {e["doc_id"] for e in text} == {"fx-mariupol-nrc"}


def test_invalid_filters_are_rejected(client: TestClient) -> None:
    assert client.get("/api/events", params={"type": "BOMBING"}).status_code == 422
    assert client.get("/api/events", params={"near": "north of Kyiv"}).status_code == 422
    assert client.get("/api/events", params={"limit": 100000}).status_code == 422
    assert client.get("/api/events", params={"from": "yesterday"}).status_code == 422


def test_event_detail_links_the_other_reports_of_the_same_happening(client: TestClient) -> None:
    items = client.get("/api/events", params={"near": "47.1,37.55,30", "type": "ASSAULT"}).json()["items"]
    by_doc = {e["doc_id"]: e for e in items}
    assert {"fx-mariupol-nos", "fx-mariupol-nrc"} <= set(by_doc)
    detail = client.get(f"/api/events/{by_doc['fx-mariupol-nos']['event_id']}").json()
    assert "fx-mariupol-nrc" in {o["doc_id"] for o in detail["other_reports"]}
    assert client.get("/api/events/nonexistent").status_code == 404


def test_document_gives_text_and_events_for_highlighting(client: TestClient) -> None:
    doc = client.get("/api/documents/fx-tbilisi").json()
    assert doc["title"].startswith("Duizenden Georgiërs")
    assert any(e["type"] == "PROTEST" for e in doc["events"])
    for event in doc["events"]:
        ev = event["evidence"]
        assert doc["text"][ev["start"]:ev["end"]] == ev["sentence"]


def test_aggregates(client: TestClient) -> None:
    assert {"nos", "nrc"} <= {s["source"] for s in client.get("/api/sources").json()["items"]}
    assert any(p["name"] == "Kharkiv" for p in client.get("/api/places").json()["items"])
    assert client.get("/api/actors").json()["items"]
    timeline = client.get("/api/timeline").json()["items"]
    assert any(day["date"].startswith("2022-03") for day in timeline)
    clusters = client.get("/api/clusters").json()["items"]
    assert clusters[0]["n_mentions"] >= 2


def test_upload_extracts_without_storing(client: TestClient) -> None:
    before = client.get("/api/events").json()["total"]
    text = ("Russian artillery shelled the city of Mykolaiv on Sunday, killing at least four civilians, "
            "the regional governor said.")
    result = client.post("/api/extract", json={"text": text, "date": "2022-03-20", "lang": "en"}).json()
    assault = next(e for e in result["events"] if e["type"] == "ASSAULT")
    assert assault["location"]["geonameid"] == 700569  # Mykolaiv (GeoNames: Mykolayiv)
    assert assault["fatalities"]["min"] == 4
    assert client.get("/api/events").json()["total"] == before


def test_upload_is_validated_and_size_limited(client: TestClient) -> None:
    assert client.post("/api/extract", json={"text": ""}).status_code == 422
    assert client.post("/api/extract", json={"text": "x" * (MAX_UPLOAD_CHARS + 1)}).status_code == 422
    assert client.post("/api/extract", json={"text": "Een tekst.", "date": "gisteren"}).status_code == 422
    assert client.post("/api/extract", content=b"not json", headers={"content-type": "application/json"}).status_code == 422


def test_openapi_documents_the_api(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/events", "/api/events/{event_id}", "/api/documents/{doc_id}", "/api/clusters", "/api/actors",
            "/api/places", "/api/timeline", "/api/extract"} <= set(paths)


def test_the_store_is_opened_read_only(client: TestClient) -> None:
    import sqlite3

    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        client.app.state.store.execute("DELETE FROM events")
