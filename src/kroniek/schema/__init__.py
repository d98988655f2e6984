"""The output contract, shipped as a JSON Schema."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files
from typing import Any


@lru_cache(maxsize=1)
def event_schema() -> dict[str, Any]:
    return json.loads(files(__package__).joinpath("event.schema.json").read_text("utf-8"))


def validator():
    """A jsonschema validator for event records (imports jsonschema lazily)."""
    import jsonschema

    cls = jsonschema.validators.validator_for(event_schema())
    return cls(event_schema(), format_checker=cls.FORMAT_CHECKER)
