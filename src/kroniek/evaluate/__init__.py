"""``kroniek eval``: measure the pipeline against human-made gold data.

Each gold format is a module ``kroniek.evaluate.formats.<name>`` exposing
``evaluate(path, pipeline, limit=None, errors=0) -> Report``; the CLI finds
it by name, so a new format plugs in by adding a module.
"""

from .report import Report, render_text, to_json

__all__ = ["Report", "render_text", "to_json"]
