"""Readers turn files into Documents.

``read(paths)`` yields a :class:`~kroniek.document.Document` for each article,
or a :class:`ReadError` for each one that cannot be read, so one bad document
never stops the others. The reader is chosen by file extension, or for all
inputs by ``input_format``.

Text and HTML files are checked against ``max_bytes`` before they are read;
JSONL and CSV files are streamed record by record, and each record is checked
against ``max_bytes`` on its own, so a large corpus file is fine but one huge
record is refused without holding the file in memory.

``read(paths, raw=True)`` leaves the parsing to whoever calls :func:`load`:
JSON Lines records come as :class:`RawRecord` (their bytes) and text or HTML
files as :class:`RawFile` (their path), so worker processes can parse them
while the parent process only reads lines. ``load`` gives exactly what
``read`` would have given for the item.
"""

from __future__ import annotations

import csv
import itertools
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from ..document import Document, PubDate
from .decode import ReadError, decode, decode_line, looks_binary, sniff_encoding, too_large
from .layout import build_document

#: Layers the readers write (layout, not language): a stored document keeps them.
READER_LAYERS = ("captions", "headlines")

FORMATS = ("txt", "html", "jsonl", "csv")
EXTENSIONS = {
    ".txt": "txt", ".text": "txt", ".md": "txt",
    ".html": "html", ".htm": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
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

#: Fewer words than this extracted from a page means it holds no article.
_HTML_MIN_WORDS = 5

#: Bytes read from the start of a record file to sniff its encoding.
_HEAD_BYTES = 65536

__all__ = ["ReadError", "ReaderOptions", "RawFile", "RawRecord", "read", "load", "read_text", "record_document",
           "FORMATS", "DEFAULT_COLUMNS"]


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


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One JSON Lines record as read, valid UTF-8 bytes not parsed yet (see :func:`load`)."""

    origin: str
    data: bytes
    complete: bool  # ends with a newline (a last line without one may be cut short)


@dataclass(frozen=True, slots=True)
class RawFile:
    """A text or HTML file not read yet (see :func:`load`)."""

    path: str
    fmt: str


Raw = RawRecord | RawFile


def read(paths: Iterable[str], options: ReaderOptions | None = None, raw: bool = False) -> Iterator[Item | Raw]:
    """Documents (or errors) from files, directories (recursively) and '-' (stdin).

    With ``raw``, JSON Lines records and text or HTML files are left unparsed
    (:class:`RawRecord`, :class:`RawFile`) for :func:`load`.
    """
    options = options or ReaderOptions()
    for path in paths:
        if path == "-":
            yield from _read_stdin(options, raw)
            continue
        p = Path(path)
        if p.is_dir():
            for child in _files_under(p):
                if options.input_format or child.suffix.lower() in EXTENSIONS:
                    yield from _read_file(child, options, raw)
        elif p.exists():
            yield from _read_file(p, options, raw)
        else:
            yield ReadError(path, "no such file or directory")


def load(item: Item | Raw, options: ReaderOptions) -> Item:
    """The Document (or ReadError) that ``read`` gives for an item of ``read(..., raw=True)``."""
    if isinstance(item, RawRecord):
        row = _json_record(item.data, item.origin, [], item.complete)
        if isinstance(row, ReadError):
            return row
        try:
            return record_document(row, item.origin, options)
        except ReadError as exc:
            return exc
    if isinstance(item, RawFile):
        return _load_file(item, options)
    return item


def _files_under(directory: Path) -> list[Path]:
    """Files below ``directory``, sorted, skipping hidden files and folders."""
    found = []
    for child in directory.rglob("*"):
        parts = child.relative_to(directory).parts
        if child.is_file() and not any(part.startswith(".") for part in parts):
            found.append(child)
    return sorted(found)


def _format_of(path: Path, options: ReaderOptions) -> str:
    """--input-format, else the extension, else a look at the first bytes."""
    fmt = options.input_format or EXTENSIONS.get(path.suffix.lower())
    if fmt:
        return fmt
    try:
        with path.open("rb") as handle:
            return _sniff(handle.read(512))
    except OSError:
        return "txt"  # the read that follows reports the error


def _read_file(path: Path, options: ReaderOptions, raw: bool = False) -> Iterator[Item | Raw]:
    origin = str(path)
    fmt = _format_of(path, options)
    if fmt in ("txt", "html"):
        whole = RawFile(origin, fmt)
        yield whole if raw else _load_file(whole, options)
        return
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    try:
        with path.open("rb") as handle:
            yield from _read_records(handle, origin, fmt, options, delimiter, raw)
    except OSError as exc:
        yield ReadError(origin, f"cannot read: {exc.strerror or exc}")


def _load_file(item: RawFile, options: ReaderOptions) -> Item:
    """One document from a whole text or HTML file, checked against ``max_bytes`` before reading."""
    path = Path(item.path)
    try:
        size = path.stat().st_size
        if size > options.max_bytes:
            return ReadError(item.path, too_large(size, options.max_bytes))
        data = path.read_bytes()
    except OSError as exc:
        return ReadError(item.path, f"cannot read: {exc.strerror or exc}")
    return _read_single(data, item.path, item.fmt, options)


def _read_stdin(options: ReaderOptions, raw: bool = False) -> Iterator[Item | Raw]:
    stream = sys.stdin.buffer
    head = stream.read(_HEAD_BYTES)
    fmt = options.input_format or _sniff(head)
    if fmt in ("jsonl", "csv"):
        yield from _read_records(_Prefixed(head, stream), "<stdin>", fmt, options, ",", raw)
        return
    rest = stream.read(max(options.max_bytes + 1 - len(head), 0))
    data = head + rest
    if len(data) > options.max_bytes:
        yield ReadError("<stdin>", too_large(len(data), options.max_bytes, at_least=True))
        return
    yield _read_single(data, "<stdin>", fmt, options)


class _Prefixed:
    """A binary stream whose first bytes were already read (for sniffing)."""

    def __init__(self, head: bytes, stream: IO[bytes]):
        self.head, self.stream = head, stream

    def read(self, size: int = -1) -> bytes:
        if not self.head:
            return self.stream.read(size)
        if size < 0:
            data, self.head = self.head + self.stream.read(), b""
            return data
        data, self.head = self.head[:size], self.head[size:]
        return data if len(data) == size else data + self.stream.read(size - len(data))

    def readline(self, limit: int = -1) -> bytes:
        if not self.head:
            return self.stream.readline(limit)
        cut = self.head.find(b"\n", 0, limit if limit >= 0 else None)
        if cut >= 0:
            line, self.head = self.head[: cut + 1], self.head[cut + 1 :]
            return line
        if 0 <= limit <= len(self.head):
            line, self.head = self.head[:limit], self.head[limit:]
            return line
        line, self.head = self.head, b""
        return line + self.stream.readline(-1 if limit < 0 else limit - len(line))


def _first_byte(data: bytes) -> bytes:
    """The first byte after any byte order mark and whitespace."""
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]


def _sniff(data: bytes) -> str:
    head = _first_byte(data)
    if head in (b"{", b"["):
        return "jsonl"
    if head == b"<":
        return "html"
    return "txt"


def _read_single(data: bytes, origin: str, fmt: str, options: ReaderOptions) -> Item:
    """One document from a whole text or HTML file."""
    try:
        text = decode(data, origin, options.max_bytes)
        doc = build_document(text, origin) if fmt == "txt" else _html_document(text, origin)
    except ReadError as exc:
        return exc
    if options.lang:
        doc.lang = options.lang
    return doc


def _read_records(handle: Any, origin: str, fmt: str, options: ReaderOptions, delimiter: str,
                  raw: bool = False) -> Iterator[Item | RawRecord]:
    """Documents from a JSONL or CSV stream, one per record; with ``raw``, JSONL records after the probe are raw."""
    head = handle.read(_HEAD_BYTES)
    if not head.strip():
        yield ReadError(origin, "empty document")
        return
    if looks_binary(head):
        yield ReadError(origin, "binary data, not text")
        return
    stream = _Prefixed(head, handle)
    if fmt != "jsonl":
        rows = _csv_rows(stream, head, origin, delimiter, options)
    elif _first_byte(head) == b"[":
        rows = _json_array_rows(stream, origin, options)
    else:
        rows = _jsonl_rows(stream, origin, options, raw_after=_PROBE_RECORDS if raw else None)
    rows = iter(rows)
    probe = list(itertools.islice(rows, _PROBE_RECORDS))
    if not probe:
        yield ReadError(origin, "no records (only a header, or blank lines)")
        return
    records = [row for _, row in probe if not isinstance(row, ReadError)]
    if records and all(_missing_text_columns(row, options) for row in records):
        yield ReadError(origin, _missing_text_columns(records[0], options) or "no text column")
        return
    for row_origin, row in itertools.chain(probe, rows):
        if isinstance(row, (ReadError, RawRecord)):
            yield row
            continue
        try:
            yield record_document(row, row_origin, options)
        except ReadError as exc:
            yield exc


#: Records looked at to decide that a file has no text column at all (a
#: first record may be a header or schema, as in some JSON data sets).
_PROBE_RECORDS = 20


def _missing_text_columns(row: dict, options: ReaderOptions) -> str | None:
    """A reason when a record has no column that can hold the text."""
    wanted = options.column_names("text") + options.column_names("title")
    if any(name in row for name in wanted):
        return None
    have = ", ".join(str(k) for k in list(row)[:12]) or "none"
    return (f"no text column (looked for {', '.join(wanted)}; records have {have}); "
            f"name it with --column text=NAME")


def _lines(stream: _Prefixed, max_bytes: int) -> Iterator[tuple[int, bytes | None, bool]]:
    """(line number, bytes or None when oversized, ends with a newline)."""
    lineno = 0
    while True:
        line = stream.readline(max_bytes + 2)
        if not line:
            return
        lineno += 1
        if len(line) > max_bytes + 1 and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(1 << 20)
            yield lineno, None, True
            continue
        yield lineno, line, line.endswith(b"\n")


def _jsonl_rows(stream: _Prefixed, origin: str, options: ReaderOptions,
                raw_after: int | None = None) -> Iterator[tuple[str, dict | ReadError | RawRecord]]:
    """Records; with ``raw_after``, the lines after that many records come as :class:`RawRecord`.

    A line is left raw only while every line so far was UTF-8: after the first
    that is not, lines decode with the encoding detected then, which only this
    reader knows, so they are parsed here.
    """
    encoding: list[str] = []  # the detected encoding, once a line is not UTF-8
    rows = 0
    for lineno, raw, complete in _lines(stream, options.max_bytes):
        row_origin = f"{origin}:{lineno}"
        if raw is None:
            rows += 1
            yield row_origin, ReadError(row_origin, f"too large (record over {options.max_bytes:,} bytes, see --max-bytes)")
            continue
        if raw.isspace():
            continue
        rows += 1
        if raw_after is not None and rows > raw_after and not encoding and _is_utf8(raw):
            yield row_origin, RawRecord(row_origin, raw, complete)
        else:
            yield row_origin, _json_record(raw, row_origin, encoding, complete)


def _is_utf8(data: bytes) -> bool:
    if data.isascii():
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _json_record(raw: bytes, origin: str, encoding: list[str], complete: bool) -> dict | ReadError:
    """One JSON Lines record as a dict, or why it is not one."""
    try:
        row = json.loads(decode_line(raw, origin, encoding, last=not complete))
    except ReadError as exc:
        return exc
    except json.JSONDecodeError as exc:
        if not complete:
            return ReadError(origin, f"truncated JSON record: the file ends mid-record ({exc.msg})")
        return ReadError(origin, f"invalid JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(row, dict):
        return ReadError(origin, "JSON record is not an object")
    return row


def _json_array_rows(stream: _Prefixed, origin: str, options: ReaderOptions) -> Iterator[tuple[str, dict | ReadError]]:
    """Records from a JSON file holding one array of objects (read whole, within a bound)."""
    limit = options.max_bytes * JSON_ARRAY_FACTOR
    data = stream.read(limit + 1)
    if len(data) > limit:
        yield origin, ReadError(origin, f"too large for a JSON array (over {limit:,} bytes); use JSON Lines")
        return
    try:
        rows = json.loads(decode(data, origin))
    except ReadError as exc:
        yield origin, exc
        return
    except json.JSONDecodeError as exc:
        yield origin, ReadError(origin, f"invalid JSON ({exc.msg} at line {exc.lineno})")
        return
    for number, row in enumerate(rows, 1):
        row_origin = f"{origin}[{number}]"
        if isinstance(row, dict):
            yield row_origin, row
        else:
            yield row_origin, ReadError(row_origin, "JSON record is not an object")


#: A JSON array file may be this many times --max-bytes (it holds many documents).
JSON_ARRAY_FACTOR = 20


def _csv_rows(stream: _Prefixed, head: bytes, origin: str, delimiter: str,
              options: ReaderOptions) -> Iterator[tuple[str, dict | ReadError]]:
    try:
        encoding = sniff_encoding(head, origin)
    except ReadError as exc:
        yield origin, exc
        return
    csv.field_size_limit(max(options.max_bytes, 1))
    reader = csv.DictReader(_text_lines(stream, origin, encoding, options.max_bytes), delimiter=delimiter)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except ReadError as exc:
            yield exc.origin, exc
            return
        except csv.Error as exc:
            row_origin = f"{origin}:{reader.line_num}"
            reason = (f"too large (a field over {options.max_bytes:,} bytes, see --max-bytes)"
                      if "field larger" in str(exc) else f"malformed CSV ({exc})")
            yield row_origin, ReadError(row_origin, reason)
            return
        row.pop(None, None)  # extra cells without a header
        yield f"{origin}:{reader.line_num}", row


def _text_lines(stream: _Prefixed, origin: str, encoding: str, max_bytes: int) -> Iterator[str]:
    """Decoded lines for the csv module; raises ReadError on a bad line."""
    for lineno, raw, complete in _lines(stream, max_bytes):
        if raw is None:
            raise ReadError(f"{origin}:{lineno}", f"too large (a line over {max_bytes:,} bytes, see --max-bytes)")
        try:
            yield raw.decode(encoding)
        except UnicodeDecodeError:
            reason = ("truncated: ends inside a UTF-8 character" if not complete
                      else f"undecodable: not valid {encoding}")
            raise ReadError(f"{origin}:{lineno}", reason) from None


def read_text(text: str, origin: str = "<text>", date: Any = None, lang: str | None = None) -> Document:
    """A Document from a string in the plain-text article layout."""
    doc = build_document(text, origin)
    if date is not None:
        doc.date = PubDate.parse(date)
    if lang:
        doc.lang = lang
    return doc


def _html_document(html: str, origin: str) -> Document:
    """The main text of an HTML page, with trafilatura (2.x returns a Document object)."""
    import trafilatura

    extracted = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=False, with_metadata=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if extracted is None:
        raise ReadError(origin, "no article text found in HTML")
    meta = extracted if isinstance(extracted, dict) else extracted.as_dict()
    body = (meta.get("text") or "").strip()
    if len(body.split()) < _HTML_MIN_WORDS:  # nothing, or a stray menu item
        raise ReadError(origin, "no article text found in HTML")
    title = " ".join((meta.get("title") or "").split()) or None
    first, _, rest = body.partition("\n")
    if title and first.strip() == title and rest.strip():
        body = rest.strip()  # the page's <h1> repeats the title
    return _assemble(body, title, origin, date=meta.get("date"), url=meta.get("url"),
                     source=meta.get("sitename"))


def _field(row: dict, name: str, options: ReaderOptions) -> Any:
    for column in options.column_names(name):
        value = row.get(column)
        if value not in (None, ""):
            return value
    return None


def record_document(row: dict, origin: str, options: ReaderOptions) -> Document:
    """A Document from one JSONL/CSV record.

    The document text is the title, a blank line, then the body: headlines
    describe events too. The title is marked as a ``headline`` span; a
    record with an empty body (a headline feed) is its title alone.
    """
    body = _field(row, "text", options)
    title = _field(row, "title", options)
    if isinstance(body, list):  # paragraphs as a list of strings
        body = "\n\n".join(str(p).strip() for p in body if p not in (None, ""))
    body = str(body).strip() if body is not None else ""
    title = " ".join(str(title).split()) if title is not None else None
    if not body and not title:
        raise ReadError(origin, "empty document (no text or title)")
    size = len(body.encode("utf-8", "surrogatepass"))
    if size > options.max_bytes:
        raise ReadError(origin, too_large(size, options.max_bytes))
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
