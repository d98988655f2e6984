"""A store built from the project's own fixture articles, for the web app's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = [ROOT / "examples", ROOT / "tests" / "fixtures" / "serve" / "articles.jsonl"]


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    from kroniek.cli import main

    path = tmp_path_factory.mktemp("serve") / "events.sqlite"
    assert main(["ingest", *map(str, ARTICLES), "--db", str(path), "--quiet"]) == 0
    return str(path)
