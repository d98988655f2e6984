"""Language identification per document, with py3langid.

The candidate set is limited to languages kroniek has data for plus the
common languages of news, so that short Dutch texts are not read as
Afrikaans or Frisian. A forced language (``--lang``) is kept as is.
"""

from __future__ import annotations

from .. import lang as langdata
from ..document import Document
from . import register

#: Languages identification may answer besides those with a data folder.
NEWS_LANGUAGES = ("de", "fr", "es", "it", "pt", "ru", "uk", "pl", "ar", "tr", "af", "fy", "da", "sv", "no")


@register("language")
class LanguageStage:
    def __init__(self, default: str = "nl", sample_chars: int = 2000, candidates: list[str] | None = None):
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        self.default = default
        self.sample_chars = sample_chars
        self.identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        self.identifier.set_languages(candidates or sorted(set(langdata.available()) | set(NEWS_LANGUAGES)))

    def __call__(self, doc: Document) -> None:
        if doc.lang:
            doc.meta.setdefault("lang_source", "given")
            return
        sample = doc.text[: self.sample_chars]
        code, probability = self.identifier.classify(sample)
        if code in ("af", "fy") and langdata.has_resource("nl", "layout"):
            code = "nl"  # short Dutch is often scored as Afrikaans or Frisian
        if len(sample.strip()) < 20 and probability < 0.9:
            code = self.default
        doc.lang = code
        doc.meta["lang_source"] = "identified"
        doc.meta["lang_probability"] = round(float(probability), 3)
