"""kroniek: structured, traceable event data from news reports."""

from .document import Document, PubDate, Span
from .pipeline import Pipeline, extract
from .version import __version__

__all__ = ["Document", "PubDate", "Span", "Pipeline", "extract", "__version__"]
