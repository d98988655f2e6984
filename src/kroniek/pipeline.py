"""The pipeline: an ordered list of stages that each add to a Document."""

from __future__ import annotations

import hashlib
import json
import time
import tomllib
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any, Iterable, Iterator

from . import stages as stage_registry
from .document import Document, PubDate
from .event import records
from .version import __version__


class ConfigError(ValueError):
    pass


def load_config(path: str | Path | None = None) -> dict[str, Any]:
    """The default config, or the TOML file at ``path``."""
    try:
        if path is None:
            text = files("kroniek.config").joinpath("default.toml").read_text("utf-8")
        else:
            text = Path(path).read_text("utf-8")
        config = tomllib.loads(text)
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
    if not isinstance(config.get("stages"), list):
        raise ConfigError(f"config {path or 'default'} has no 'stages' list")
    return config


@dataclass
class Pipeline:
    """Stages built once, run per document.

    ``timings`` accumulates seconds per stage, for the benchmark script.
    """

    stage_names: list[str]
    config: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._version: str | None = None
        self.stages = [stage_registry.build(n, self.config.get(n)) for n in self.stage_names]

    @classmethod
    def from_config(cls, path: str | Path | None = None, stages: Iterable[str] | None = None,
                    overrides: dict[str, dict[str, Any]] | None = None) -> "Pipeline":
        config = load_config(path)
        for section, values in (overrides or {}).items():
            config.setdefault(section, {}).update(values)
        names = list(stages) if stages is not None else list(config["stages"])
        return cls(names, config)

    @property
    def version(self) -> str:
        """kroniek's version plus a digest of the config and the language data.

        Stored with every event, so a store knows which pipeline made what.
        """
        if self._version is None:
            digest = hashlib.sha256(json.dumps(self.config, sort_keys=True, default=str).encode())
            digest.update(",".join(self.stage_names).encode())
            lang_dir = Path(__file__).parent / "lang"
            for path in sorted(lang_dir.rglob("*.yaml")):
                digest.update(path.read_bytes())
            self._version = f"{__version__}+{digest.hexdigest()[:10]}"
        return self._version

    @property
    def max_bytes(self) -> int:
        return int(self.config.get("limits", {}).get("max_bytes", 10_000_000))

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            started = time.perf_counter()
            stage(doc)
            self.timings[stage.name] = self.timings.get(stage.name, 0.0) + time.perf_counter() - started
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline.from_config()
    return _DEFAULT


def extract(text: str, date: Any = None, lang: str | None = None, *, title: str | None = None,
            pipeline: Pipeline | None = None) -> list[dict[str, Any]]:
    """Extract the events of one text; returns output-contract records.

    ``date`` is the publication date ('2022-03', '2022-03-01' or a date),
    against which relative dates are resolved. ``lang`` skips identification.
    """
    doc = Document(text=text, lang=lang, title=title, date=PubDate.parse(date))
    if lang:
        doc.meta["lang_forced"] = True
    (pipeline or default_pipeline())(doc)
    return records(doc)
