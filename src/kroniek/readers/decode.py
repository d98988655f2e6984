"""Bytes to text, with a clear reason when it cannot be done."""

from __future__ import annotations

import codecs


class ReadError(Exception):
    """A document that cannot be read; ``str()`` is a one-line reason."""

    def __init__(self, origin: str, reason: str):
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB mean binary."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(8, len(head) // 100)


def decode(data: bytes, origin: str, max_bytes: int | None = None) -> str:
    """Decode a document's bytes: UTF-8 (with or without BOM), else detected.

    Raises :class:`ReadError` for empty, oversized, binary, truncated or
    undecodable input.
    """
    if max_bytes is not None and len(data) > max_bytes:
        raise ReadError(origin, f"too large ({len(data):,} bytes; limit {max_bytes:,}, see --max-bytes)")
    if not data.strip():
        raise ReadError(origin, "empty document")
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ReadError(origin, "invalid UTF-16 text") from None
    if looks_binary(data):
        raise ReadError(origin, "binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and _valid_utf8_prefix(data[: exc.start]):
            raise ReadError(origin, "truncated: ends inside a UTF-8 character") from None
    return _detect(data, origin)


def _valid_utf8_prefix(data: bytes) -> bool:
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return any(b >= 0x80 for b in data)


def _detect(data: bytes, origin: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ReadError(origin, "undecodable: not UTF-8 and no charset fits")
    return str(best)
