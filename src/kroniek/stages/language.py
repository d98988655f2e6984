"""Language identification per document, with py3langid.

Longer texts are classified among the languages kroniek has data for plus
the common languages of news (Afrikaans and Frisian answers are read as
Dutch, which they nearly always are in this setting). Short texts such as
headlines are too short for that: they are classified among the languages
with a data folder only, and when even that is unsure the configured default
is used. A forced language (``--lang``, a header ``lang``, a record's
``lang`` column) is kept as is.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any

from .. import lang as langdata
from ..document import Document
from . import register

#: Languages identification may answer besides those with a data folder.
NEWS_LANGUAGES = ("de", "fr", "es", "it", "pt", "ru", "uk", "pl", "ar", "tr", "af", "fy", "da", "sv", "no")

#: Answers that mean Dutch in practice: short Dutch is often scored as these.
DUTCH_LOOKALIKES = ("af", "fy")


@lru_cache(maxsize=1)
def _model() -> Any:
    """py3langid's model, loaded once per process (about two seconds)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _identifier(languages: list[str]) -> Any:
    """An identifier limited to ``languages``; shares the loaded model's arrays."""
    model = _model()
    supported = set(model.nb_classes)
    identifier = copy.copy(model)
    identifier.set_languages([code for code in languages if code in supported] or None)
    return identifier


@register("language")
class LanguageStage:
    def __init__(self, default: str = "nl", sample_chars: int = 600, candidates: list[str] | None = None,
                 short_chars: int = 200, min_short_probability: float = 0.55):
        self.default = default
        self.sample_chars = sample_chars
        self.short_chars = short_chars
        self.min_short_probability = min_short_probability
        known = langdata.available()
        self.identifier = _identifier(candidates or sorted(set(known) | set(NEWS_LANGUAGES)))
        self.short_identifier = _identifier(known)

    def __call__(self, doc: Document) -> None:
        if doc.lang:
            doc.meta.setdefault("lang_source", "given")
            return
        code, probability, source = self.identify(doc.text[: self.sample_chars])
        doc.lang = code
        doc.meta["lang_source"] = source
        doc.meta["lang_probability"] = round(float(probability), 3)

    def identify(self, sample: str) -> tuple[str, float, str]:
        """(code, probability, how): how is 'identified' or 'default'."""
        if len(sample.strip()) < self.short_chars:
            code, probability = self.short_identifier.classify(sample)
            if probability < self.min_short_probability:
                return self.default, probability, "default"
            return code, probability, "identified"
        code, probability = self.identifier.classify(sample)
        if code in DUTCH_LOOKALIKES and langdata.has_resource("nl", "layout"):
            code = "nl"
        return code, probability, "identified"
