"""Pipeline stages. Each stage is a small named unit that reads a
:class:`~kroniek.document.Document` and adds annotations to it.

A stage is a class registered with :func:`register`; it is built once per
pipeline (so it may load its data in ``__init__``) and then called per
document. Stage modules are imported lazily, by name, from ``STAGE_MODULES``.
"""

from __future__ import annotations

import importlib
from typing import Any, Callable, Protocol

from ..document import Document


class Stage(Protocol):
    name: str

    def __call__(self, doc: Document) -> None: ...


_REGISTRY: dict[str, type] = {}

#: Where each stage lives; imported only when a pipeline asks for it.
STAGE_MODULES: dict[str, str] = {
    "language": "kroniek.stages.language",
    "sentences": "kroniek.stages.sentences",
    "places": "kroniek.stages.places",
    "actors": "kroniek.stages.actors",
    "time": "kroniek.stages.time",
    "quantities": "kroniek.stages.quantities",
    "attribution": "kroniek.stages.attribution",
    "events": "kroniek.stages.events",
}


def register(name: str) -> Callable[[type], type]:
    """Class decorator: make a stage available to pipelines under ``name``."""

    def wrap(cls: type) -> type:
        cls.name = name
        _REGISTRY[name] = cls
        return cls

    return wrap


class UnknownStage(ValueError):
    pass


def build(name: str, config: dict[str, Any] | None = None) -> Stage:
    """Instantiate the stage registered as ``name`` with its config section."""
    if name not in _REGISTRY:
        module = STAGE_MODULES.get(name)
        if module is None:
            known = ", ".join(sorted(STAGE_MODULES))
            raise UnknownStage(f"unknown stage {name!r} (known: {known})")
        importlib.import_module(module)
    return _REGISTRY[name](**(config or {}))
