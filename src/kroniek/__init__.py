"""kroniek: structured, traceable event data from news reports."""

from .document import Document, PubDate, Span
from .pipeline import Pipeline, extract

__version__ = "0.1.0"
__all__ = ["Document", "PubDate", "Span", "Pipeline", "extract", "__version__"]
