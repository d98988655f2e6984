"""Per-language knowledge, kept as data files in ``lang/<code>/<resource>.yaml``.

Code never branches on a language: it asks for a resource by name, and the
language folder supplies it. Adding a language means adding a folder.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

LANG_DIR = Path(__file__).parent

#: The safe loader, in C when PyYAML has libyaml (9x faster on the language files, same data).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: The language whose data is used when a document's language has no folder.
FALLBACK = "en"


def available() -> list[str]:
    """Language codes that have a data folder."""
    return sorted(p.name for p in LANG_DIR.iterdir() if p.is_dir() and not p.name.startswith("_"))


@lru_cache(maxsize=None)
def resource(lang: str | None, name: str) -> Any:
    """Load ``lang/<lang>/<name>.yaml``; falls back to English, then to {}."""
    for code in (lang, FALLBACK):
        if not code:
            continue
        path = LANG_DIR / code / f"{name}.yaml"
        if path.exists():
            with path.open(encoding="utf-8") as handle:
                return yaml.load(handle, Loader=_LOADER) or {}
    return {}


def has_resource(lang: str | None, name: str) -> bool:
    return bool(lang) and (LANG_DIR / str(lang) / f"{name}.yaml").exists()
