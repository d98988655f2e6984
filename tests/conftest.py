"""Shared test helpers: where the evaluation data lives, and how to skip without it.

The data folder (``shared/``) sits beside the repository; it is absent for
users, so tests that read it must skip cleanly (``needs_shared``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
#: ``shared/`` beside the repository (as on the developers' machines and in CI).
SHARED = next((p for p in (REPO.parent / "shared", Path("/work/shared")) if p.exists()), REPO.parent / "shared")
SHARED_DATA = SHARED / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def needs_shared(*parts: str) -> pytest.MarkDecorator:
    """Skip unless ``shared/<parts>`` exists: ``@needs_shared("data", "nl_news")``."""
    path = SHARED.joinpath(*parts)
    return pytest.mark.skipif(not path.exists(), reason=f"evaluation data not available: {path}")


@pytest.fixture
def shared_data() -> Path:
    """The evaluation data folder; skips the test when it is absent."""
    if not SHARED_DATA.exists():
        pytest.skip(f"evaluation data not available: {SHARED_DATA}")
    return SHARED_DATA
