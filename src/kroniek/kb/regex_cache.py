"""Compiled regular expressions kept in the on-disk cache, for patterns too big to compile at every start.

``re.compile`` parses and compiles in pure Python: the source-phrase patterns
of the attribution rules (tens of thousands of characters each) take most
of a second. :func:`compile_all` keeps the compiled *code* of a batch of
patterns in :mod:`kroniek.kb.cache` and hands it straight to the regex
engine the next time. This uses the interpreter's internal ``_sre.compile``
(the last step of ``re.compile``), so the cache entry is tied to the exact
Python version and engine, and the engine checks the code it is given.
Whenever anything about that is unavailable or fails, the patterns are
compiled with ``re.compile``: the result is the same pattern either way.
"""

from __future__ import annotations

import hashlib
import re
import sys
from typing import Any, Sequence

from . import cache

#: Bump when the stored format changes.
FORMAT = 1


def _engine() -> tuple[Any, Any, Any] | None:
    """(_sre, parser, compiler) when this interpreter has the internals relied on."""
    try:
        import _sre
        from re import _compiler, _parser  # Python >= 3.11
    except ImportError:
        return None
    if not all(hasattr(obj, attr) for obj, attr in
               ((_sre, "compile"), (_sre, "MAGIC"), (_compiler, "_code"), (_parser, "parse"))):
        return None
    return _sre, _parser, _compiler


def _version(specs: Sequence[tuple[str, int]], sre: Any) -> str:
    digest = hashlib.sha256()
    for pattern, flags in specs:
        digest.update(f"{flags}\0{pattern}\0".encode("utf-8", "surrogatepass"))
    return f"{FORMAT}-{sys.version}-{sre.MAGIC}-{getattr(sre, 'CODESIZE', '?')}-{digest.hexdigest()[:24]}"


def _compiled_code(pattern: str, flags: int, parser: Any, compiler: Any) -> tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]:
    """What ``re._compiler.compile`` hands to ``_sre.compile``, for one pattern."""
    parsed = parser.parse(pattern, flags)
    code = compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for group_name, index in groupindex.items():
        indexgroup[index] = group_name
    # plain ints: the code holds named opcode constants, which do not pickle
    return int(flags | parsed.state.flags), [int(c) for c in code], parsed.state.groups - 1, groupindex, tuple(indexgroup)


def compile_all(specs: Sequence[tuple[str, int]], name: str = "regex") -> list[re.Pattern[str]]:
    """``[re.compile(pattern, flags) for pattern, flags in specs]``, from the cache when it was done before."""
    specs = [(pattern, int(flags)) for pattern, flags in specs]
    engine = _engine()
    if engine is None:
        return [re.compile(pattern, flags) for pattern, flags in specs]
    sre, parser, compiler = engine
    version = _version(specs, sre)
    stored = cache.load(name, version)
    if isinstance(stored, list) and len(stored) == len(specs):
        try:
            return [sre.compile(pattern, *parts) for (pattern, _), parts in zip(specs, stored)]
        except Exception:  # an engine that does not take this code: compile afresh
            pass
    try:
        parts = [_compiled_code(pattern, flags, parser, compiler) for pattern, flags in specs]
        compiled = [sre.compile(pattern, *part) for (pattern, _), part in zip(specs, parts)]
    except Exception:
        return [re.compile(pattern, flags) for pattern, flags in specs]
    try:
        cache.store(name, version, parts)
    except (OSError, TypeError, ValueError, AttributeError):  # not storable: compiled anyway
        pass
    return compiled
