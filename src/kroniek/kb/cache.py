"""On-disk cache for built knowledge-base artefacts (gazetteer index, actor lists).

Artefacts are built once from package data and stored under :func:`cache_dir`
as ``<name>-<version>.pickle``. The version string must change whenever the
artefact's format or its inputs change (include the versions of the data
packages it was built from), so a stale file is never read: it simply is not
found, and the caller rebuilds.

API (stable, shared by the places and actors knowledge bases)::

    cache_dir() -> Path
    artefact_path(name, version) -> Path
    load(name, version) -> object | None
    store(name, version, obj) -> Path
    load_or_build(name, version, build) -> object
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any, Callable, TypeVar

T = TypeVar("T")

#: Environment variable that overrides the cache folder (tests use a tmp dir).
ENV_VAR = "KRONIEK_CACHE"


def cache_dir() -> Path:
    """The cache folder: ``$KRONIEK_CACHE`` or ``~/.cache/kroniek``; created on demand."""
    path = Path(os.environ.get(ENV_VAR) or Path.home() / ".cache" / "kroniek").expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path


def _safe(version: str) -> str:
    """A file-name-safe form of a version string (long ones are hashed)."""
    cleaned = "".join(c if c.isalnum() or c in ".-_" else "_" for c in version)
    if len(cleaned) <= 80:
        return cleaned
    return cleaned[:40] + "-" + hashlib.sha256(version.encode()).hexdigest()[:16]


def artefact_path(name: str, version: str) -> Path:
    return cache_dir() / f"{name}-{_safe(version)}.pickle"


def load(name: str, version: str) -> Any | None:
    """The stored artefact, or None when it is missing or unreadable."""
    path = artefact_path(name, version)
    try:
        with path.open("rb") as handle:
            payload = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        return None
    if not isinstance(payload, dict) or payload.get("version") != version:
        return None
    return payload.get("data")


def store(name: str, version: str, obj: Any) -> Path:
    """Write the artefact atomically (temp file + rename) and return its path."""
    path = artefact_path(name, version)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump({"version": version, "data": obj}, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def load_or_build(name: str, version: str, build: Callable[[], T]) -> T:
    """Load the artefact, or build it, store it and return it.

    A cache folder that cannot be written is not an error: the built
    artefact is returned anyway.
    """
    cached = load(name, version)
    if cached is not None:
        return cached
    obj = build()
    try:
        store(name, version, obj)
    except OSError:
        pass
    return obj
