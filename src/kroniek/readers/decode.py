"""Bytes to text, with a clear reason when it cannot be done."""

from __future__ import annotations

import codecs


class ReadError(Exception):
    """A document that cannot be read; ``str()`` is a one-line reason."""

    def __init__(self, origin: str, reason: str):
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason

    def __reduce__(self):  # picklable, to and from worker processes
        return type(self), (self.origin, self.reason)


def too_large(size: int, limit: int, at_least: bool = False) -> str:
    more = "over " if at_least else ""
    return f"too large ({more}{size:,} bytes; limit {limit:,}, see --max-bytes)"


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
        raise ReadError(origin, too_large(len(data), max_bytes))
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
        if _cut_mid_character(data, exc):
            raise ReadError(origin, "truncated: ends inside a UTF-8 character") from None
    return data.decode(_detect(data, origin))


def _cut_mid_character(data: bytes, exc: UnicodeDecodeError) -> bool:
    """UTF-8 that is valid up to an incomplete character at the very end."""
    if exc.reason != "unexpected end of data" or exc.start < len(data) - 3:
        return False
    try:
        data[: exc.start].decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return any(b >= 0x80 for b in data[: exc.start])  # all-ASCII before it: more likely Latin-1


def sniff_encoding(head: bytes, origin: str) -> str:
    """The encoding of a record file from its first bytes (which may end mid-character)."""
    try:
        head.decode("utf-8")
        return "utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(head) - 3:
            return "utf-8"
    return _detect(head, origin)


def decode_line(raw: bytes, origin: str, encoding: list[str], last: bool = False) -> str:
    """One record line: UTF-8, else the file's detected encoding (cached in ``encoding``)."""
    if encoding:
        try:
            return raw.decode(encoding[0])
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if last and _cut_mid_character(raw, exc):
            raise ReadError(origin, "truncated: ends inside a UTF-8 character") from None
    detected = _detect(raw, origin)
    encoding[:] = [detected]
    return raw.decode(detected)


#: Single-byte Western encoding tried before charset detection.
_WESTERN = "cp1252"


def _detect(data: bytes, origin: str) -> str:
    """The encoding of non-UTF-8 bytes.

    Western European text (Dutch, English) in Windows-1252/Latin-1 is the common
    case, and charset detection often misreads it on short texts (as cp1250 or
    mac_latin2). So cp1252 is taken when it decodes the bytes and most letters
    stay ASCII; other texts (Cyrillic in cp1251, say) go to charset_normalizer.
    """
    try:
        text = data.decode(_WESTERN)
    except UnicodeDecodeError:
        text = None
    if text is not None:
        letters = [c for c in text if c.isalpha()]
        high = sum(1 for c in letters if ord(c) > 127)
        if letters and high <= 0.3 * len(letters):
            return _WESTERN
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ReadError(origin, "undecodable: not UTF-8 and no charset fits")
    return best.encoding
