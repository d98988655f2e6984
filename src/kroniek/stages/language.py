"""Language identification per document, with py3langid.

Longer texts are classified among the languages kroniek has data for plus
the common languages of news; answers a language's data lists as its
lookalikes (``identification.yaml``: Afrikaans and Frisian for Dutch) are
read as that language. Short texts such as
headlines are too short for that: they are classified among the languages
with a data folder only, and when even that is unsure the configured default
is used. A forced language (``--lang``, a header ``lang``, a record's
``lang`` column) is kept as is.

Only the first ``sample_chars`` (400) characters are classified: on 4,317
real articles (three Dutch corpora and The Guardian) 250 to 2,000 characters
all give the same answers, and 400 keeps a margin (lowest probability of a
long text 0.96). The model is loaded on first use, from the cache of
:mod:`kroniek.kb.cache` after the first run.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any

from .. import lang as langdata
from ..document import Document
from ..kb import cache as kbcache
from . import register

#: Languages identification may answer besides those with a data folder.
NEWS_LANGUAGES = ("de", "fr", "es", "it", "pt", "ru", "uk", "pl", "ar", "tr", "af", "fy", "da", "sv", "no")


@lru_cache(maxsize=1)
def lookalikes() -> dict[str, str]:
    """Identifier answers that mean another language in practice, from each language's
    ``identification.yaml`` (``lookalikes``): e.g. 'af' and 'fy' mean Dutch."""
    found: dict[str, str] = {}
    for code in langdata.available():
        if langdata.has_resource(code, "identification"):
            for other in langdata.resource(code, "identification").get("lookalikes", []):
                found[other] = code
    return found


@lru_cache(maxsize=1)
def _model() -> Any:
    """py3langid's model, loaded once per process (about 1.3 seconds: an LZMA-packed file)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _identifier(languages: list[str]) -> Any:
    """An identifier limited to ``languages``; shares the loaded model's arrays."""
    model = _model()
    supported = set(model.nb_classes)
    identifier = copy.copy(model)
    identifier.set_languages([code for code in languages if code in supported] or None)
    return identifier


def _model_version() -> str:
    """What the identifiers are built from: py3langid's version and its model file."""
    from importlib.metadata import version

    import py3langid.langid as langid

    path = langid.MODEL_DIR / langid.MODEL_FILE
    stat = path.stat()
    return f"py3langid-{version('py3langid')}-{stat.st_size}-{stat.st_mtime_ns}"


@lru_cache(maxsize=8)
def _identifiers(long_languages: tuple[str, ...], short_languages: tuple[str, ...]) -> tuple[Any, Any]:
    """The identifiers for long and short texts, once per process, from the on-disk cache when built before.

    Only the rows of the languages asked for are kept (the full model is not
    needed once restricted), so the cached file loads in about 0.1 s instead
    of 1.3 s for unpacking the model.
    """

    def build() -> tuple[Any, Any]:
        identifiers = (_identifier(list(long_languages)), _identifier(list(short_languages)))
        for identifier in identifiers:  # forget the full model: set_languages may only narrow further
            identifier._full_model = (identifier.nb_ptc, identifier.nb_pc, identifier.nb_classes)
        return identifiers

    try:
        version = f"{_model_version()}-{','.join(long_languages)}-{','.join(short_languages)}-1"
    except (OSError, ImportError):
        return build()
    return kbcache.load_or_build("langid", version, build)


@register("language")
class LanguageStage:
    def __init__(self, default: str = "nl", sample_chars: int = 400, candidates: list[str] | None = None,
                 short_chars: int = 200, min_short_probability: float = 0.55):
        self.default = default
        self.sample_chars = sample_chars
        self.short_chars = short_chars
        self.min_short_probability = min_short_probability
        known = langdata.available()
        self._languages = (tuple(candidates or sorted(set(known) | set(NEWS_LANGUAGES))), tuple(known))
        self._identifiers: tuple[Any, Any] | None = None  # loaded on first use

    @property
    def identifier(self) -> Any:
        """The identifier for longer texts."""
        if self._identifiers is None:
            self._identifiers = _identifiers(*self._languages)
        return self._identifiers[0]

    @property
    def short_identifier(self) -> Any:
        """The identifier for short texts: languages with a data folder only."""
        if self._identifiers is None:
            self._identifiers = _identifiers(*self._languages)
        return self._identifiers[1]

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
        return lookalikes().get(code, code), probability, "identified"
