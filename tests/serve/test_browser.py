"""End-to-end: the web app in a real headless Chromium (Debian's package), driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from typing import Iterator

import pytest

pytest.importorskip("fastapi")
playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(store_path: str) -> Iterator[str]:
    import uvicorn

    from kroniek.serve.app import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(store_path), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        if os.environ.get("CI"):
            pytest.fail("Chromium is required in CI (apt-get install chromium)")
        pytest.skip("no chromium on this machine")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, base_url: str):
    page = browser.new_page(viewport={"width": 1400, "height": 850})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda req: None if req.url.startswith(base_url) or req.url.startswith("data:")
            else errors.append(f"external request: {req.url}"))
    page.goto(base_url)
    page.wait_for_selector("body[data-ready=true]", timeout=30000)
    yield page
    assert errors == []
    page.close()


def test_map_shows_markers_over_country_borders(page) -> None:
    assert page.locator("#land path.land").count() > 200
    markers = page.locator("[data-testid=marker]")
    assert markers.count() >= 2
    assert sum(int(m.get_attribute("data-count")) for m in markers.all()) >= 4
    assert "ASSAULT" in page.locator("[data-testid=legend]").inner_text()


def test_clicking_an_event_shows_its_evidence_with_highlights(page) -> None:
    item = page.locator("[data-testid=event-item]", has=page.locator(".badge", has_text="ASSAULT")).first
    item.click()
    detail = page.locator("[data-testid=detail]")
    detail.locator("[data-testid=fields]").wait_for()
    assert detail.locator("[data-testid=mark-trigger]").count() >= 1
    assert detail.locator("tr[data-field=type] td").inner_text().startswith("ASSAULT")
    evidence = detail.locator("[data-testid=evidence]").inner_text()
    trigger = detail.locator("[data-testid=mark-trigger]").first.inner_text()
    assert trigger in evidence


def test_marker_click_lists_the_events_at_that_place(page) -> None:
    marker = page.locator("[data-testid=marker]").first
    for _ in range(6):  # clusters of several places zoom in first
        marker.click()
        if page.locator("[data-testid=detail]").is_visible():
            break
        marker = page.locator("[data-testid=marker]").first
    assert page.locator("[data-testid=detail] [data-testid=fields]").is_visible()
    assert "event(s) at" in page.locator("[data-testid=summary]").inner_text()


def test_type_filter_narrows_the_list_and_the_map(page) -> None:
    before = page.locator("[data-testid=event-item]").count()
    page.select_option("[data-testid=filter-type]", "PROTEST")
    page.click("[data-testid=apply]")
    page.wait_for_function("document.querySelectorAll('[data-testid=event-item]').length < %d" % before)
    badges = page.locator("[data-testid=event-item] .badge").all_inner_texts()
    assert badges and set(badges) == {"PROTEST"}
    assert {m.get_attribute("data-type") for m in page.locator("[data-testid=marker]").all()} == {"PROTEST"}


def test_brushing_the_timeline_filters_dates(page) -> None:
    bars = page.locator("[data-testid=bar]")
    assert bars.count() >= 2
    box = page.locator("[data-testid=timeline]").bounding_box()
    first = bars.first.bounding_box()
    page.mouse.move(first["x"] + 0.5, box["y"] + 10)
    page.mouse.down()
    page.mouse.move(first["x"] + first["width"] - 0.5, box["y"] + 20)
    page.mouse.up()
    label = page.locator("[data-testid=brush-label]")
    page.wait_for_function("document.querySelector('[data-testid=brush-label]').textContent.length > 0")
    day = bars.first.get_attribute("data-date")
    assert label.inner_text() == f"{day} – {day}"
    page.wait_for_timeout(300)
    for item in page.locator("[data-testid=event-item] .meta").all_inner_texts():
        assert day in item


def test_pasting_an_article_shows_its_events(page) -> None:
    page.click("[data-testid=open-upload]")
    page.fill("[data-testid=upload-text]", "Russische troepen hebben zondag de stad Mykolajiv beschoten. "
              "Daarbij kwamen volgens de gouverneur zeker vier burgers om het leven.")
    page.fill("[data-testid=upload-date]", "2022-03-21")
    page.click("[data-testid=upload-run]")
    page.locator("[data-testid=upload-event]").first.wait_for(timeout=60000)
    assert "ASSAULT" in page.locator("[data-testid=upload-results]").inner_text()
    page.screenshot(path=os.path.join(os.environ.get("KRONIEK_SCREENSHOT_DIR", "/tmp"), "kroniek-upload.png"))
