"""Gold formats for ``kroniek eval``.

A format is a module ``kroniek.evaluate.formats.<name>`` with::

    def evaluate(path: str, pipeline, limit: int | None = None, errors: int = 0) -> Report

``pipeline`` is a :class:`kroniek.pipeline.Pipeline`; ``limit`` caps the number
of gold documents read; ``errors`` is how many worst cases to keep in
``Report.errors``. A format may return a plain dict instead of a Report.
Modules are imported lazily, by name, so adding a file adds a format.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

#: Formats documented in ``kroniek eval --help``; any module here also works.
KNOWN = ("acled", "plover", "eventdna", "conll", "geoparse", "kroniek", "places", "linking")


class UnknownFormat(ValueError):
    pass


def available() -> list[str]:
    here = [m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")]
    return sorted(set(here))


def load(name: str) -> ModuleType:
    """The module of format ``name``; UnknownFormat when there is none."""
    if not name.isidentifier() or name.startswith("_"):
        raise UnknownFormat(f"unknown eval format {name!r}")
    try:
        module = importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"{__name__}.{name}":
            known = ", ".join(available()) or "none"
            raise UnknownFormat(f"unknown eval format {name!r} (available: {known})") from None
        raise
    if not hasattr(module, "evaluate"):
        raise UnknownFormat(f"eval format {name!r} has no evaluate() function")
    return module


class DataError(ValueError):
    """The gold file cannot be read as this format; shown as one line."""
