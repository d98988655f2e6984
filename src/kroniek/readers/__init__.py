"""Readers turn files into Documents.

``read(paths)`` yields a :class:`~kroniek.document.Document` for each article,
or a :class:`ReadError` for each one that cannot be read, so one bad document
never stops the others. The reader is chosen by file extension, or for all
inputs by ``input_format``.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..document import Document, PubDate
from .decode import ReadError, decode
from .layout import build_document

FORMATS = ("txt", "html", "jsonl", "csv")
EXTENSIONS = {
    ".txt": "txt", ".text": "txt", ".md": "txt",
    ".html": "html", ".htm": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".csv": "csv", ".tsv": "csv",
}

#: Record fields and the column names tried for each, first match wins.
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content"),
    "title": ("title", "headline"),
    "date": ("date", "published_at", "publication_date", "pubdate"),
    "url": ("url", "link"),
    "source": ("source", "outlet"),
    "id": ("id", "doc_id"),
    "lang": ("lang", "language"),
}

__all__ = ["ReadError", "ReaderOptions", "read", "read_text", "FORMATS"]


@dataclass
class ReaderOptions:
    input_format: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    max_bytes: int = 10_000_000
    lang: str | None = None

    def column_names(self, name: str) -> tuple[str, ...]:
        if name in self.columns:
            return (self.columns[name],)
        return DEFAULT_COLUMNS[name]


Item = Document | ReadError


def read(paths: Iterable[str], options: ReaderOptions | None = None) -> Iterator[Item]:
    """Documents (or errors) from files, directories (recursively) and '-' (stdin)."""
    options = options or ReaderOptions()
    for path in paths:
        if path == "-":
            yield from _read_stdin(options)
            continue
        p = Path(path)
        if p.is_dir():
            for child in sorted(c for c in p.rglob("*") if c.is_file() and not c.name.startswith(".")):
                if options.input_format or child.suffix.lower() in EXTENSIONS:
                    yield from _read_file(child, options)
        elif p.exists():
            yield from _read_file(p, options)
        else:
            yield ReadError(path, "no such file or directory")


def _format_of(path: Path, options: ReaderOptions) -> str:
    return options.input_format or EXTENSIONS.get(path.suffix.lower(), "txt")


def _read_file(path: Path, options: ReaderOptions) -> Iterator[Item]:
    origin = str(path)
    fmt = _format_of(path, options)
    try:
        size = path.stat().st_size
        if fmt in ("txt", "html") and size > options.max_bytes:
            yield ReadError(origin, f"too large ({size:,} bytes; limit {options.max_bytes:,}, see --max-bytes)")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield ReadError(origin, f"cannot read: {exc.strerror or exc}")
        return
    yield from _read_bytes(data, origin, fmt, options, delimiter="\t" if path.suffix.lower() == ".tsv" else ",")


def _read_stdin(options: ReaderOptions) -> Iterator[Item]:
    data = sys.stdin.buffer.read()
    fmt = options.input_format or _sniff(data)
    yield from _read_bytes(data, "<stdin>", fmt, options)


def _sniff(data: bytes) -> str:
    head = data.lstrip()[:1]
    if head == b"{":
        return "jsonl"
    if head == b"<":
        return "html"
    return "txt"


def _read_bytes(data: bytes, origin: str, fmt: str, options: ReaderOptions, delimiter: str = ",") -> Iterator[Item]:
    if fmt in ("txt", "html"):
        try:
            text = decode(data, origin, options.max_bytes)
            doc = build_document(text, origin) if fmt == "txt" else _html_document(text, origin)
        except ReadError as exc:
            yield exc
            return
        if options.lang:
            doc.lang = options.lang
        yield doc
        return
    try:
        text = decode(data, origin)
    except ReadError as exc:
        yield exc
        return
    rows = _jsonl_rows(text, origin) if fmt == "jsonl" else _csv_rows(text, origin, delimiter)
    for row_origin, row in rows:
        if isinstance(row, ReadError):
            yield row
            continue
        try:
            yield record_document(row, row_origin, options)
        except ReadError as exc:
            yield exc


def read_text(text: str, origin: str = "<text>", date: Any = None, lang: str | None = None) -> Document:
    """A Document from a string in the plain-text article layout."""
    doc = build_document(text, origin)
    if date is not None:
        doc.date = PubDate.parse(date)
    if lang:
        doc.lang = lang
    return doc


def _html_document(html: str, origin: str) -> Document:
    import trafilatura

    extracted = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True)
    if extracted is None:
        raise ReadError(origin, "no article text found in HTML")
    meta = extracted if isinstance(extracted, dict) else extracted.as_dict()
    body = (meta.get("text") or "").strip()
    if not body:
        raise ReadError(origin, "no article text found in HTML")
    title = meta.get("title")
    return _assemble(body, title, origin, date=meta.get("date"), url=meta.get("url"),
                     source=meta.get("sitename"))


def _jsonl_rows(text: str, origin: str) -> Iterator[tuple[str, dict | ReadError]]:
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        row_origin = f"{origin}:{lineno}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            reason = "truncated JSON record" if "Unterminated" in exc.msg or "Expecting" in exc.msg else "invalid JSON"
            yield row_origin, ReadError(row_origin, f"{reason} ({exc.msg})")
            continue
        if not isinstance(row, dict):
            yield row_origin, ReadError(row_origin, "JSON record is not an object")
            continue
        yield row_origin, row


def _csv_rows(text: str, origin: str, delimiter: str) -> Iterator[tuple[str, dict | ReadError]]:
    csv.field_size_limit(1 << 30)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    try:
        for row in reader:
            yield f"{origin}:{reader.line_num}", row
    except csv.Error as exc:
        yield f"{origin}:{reader.line_num}", ReadError(f"{origin}:{reader.line_num}", f"malformed CSV ({exc})")


def _field(row: dict, name: str, options: ReaderOptions) -> Any:
    for column in options.column_names(name):
        value = row.get(column)
        if value not in (None, ""):
            return value
    return None


def record_document(row: dict, origin: str, options: ReaderOptions) -> Document:
    """A Document from one JSONL/CSV record.

    The document text is the title, a blank line, then the body: headlines
    describe events too. The title is marked as a ``headline`` span.
    """
    body = _field(row, "text", options)
    title = _field(row, "title", options)
    body = str(body).strip() if body is not None else ""
    title = str(title).strip() if title is not None else None
    if not body and not title:
        raise ReadError(origin, "empty document (no text or title)")
    size = len(body.encode("utf-8", "surrogatepass"))
    if size > options.max_bytes:
        raise ReadError(origin, f"too large ({size:,} bytes; limit {options.max_bytes:,}, see --max-bytes)")
    doc = _assemble(body, title, origin, date=_field(row, "date", options), url=_field(row, "url", options),
                    source=_field(row, "source", options), doc_id=_field(row, "id", options))
    doc.lang = options.lang or _field(row, "lang", options) or None
    return doc


def _assemble(body: str, title: str | None, origin: str, *, date: Any = None, url: Any = None,
              source: Any = None, doc_id: Any = None) -> Document:
    text = f"{title}\n\n{body}" if title and body else (body or title or "")
    doc = Document(text=text, id=str(doc_id) if doc_id not in (None, "") else "", title=title,
                   url=str(url) if url else None, source=str(source) if source else None,
                   date=PubDate.parse(date), origin=origin)
    if title:
        doc.add("headlines", 0, len(title), "headline")
    return doc
