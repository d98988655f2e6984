"""Event records rendered to output text where they are found, written in order elsewhere.

A worker process renders each document's records (:func:`render`) and the
parent process only writes the text (:func:`write_rendered`), so the JSON
and CSV encoding is spread over the workers. The result is byte for byte
what :class:`kroniek.export.Writer` writes for the same records.
"""

from __future__ import annotations

import csv
import io
import json
from typing import IO, Any, Iterable

from ..export import ACLED_COLUMNS, EXTRA_COLUMNS, Writer, acled_row, geojson_feature

#: Formats whose items are separated by commas: each rendered item starts with this.
_SEPARATOR = ",\n"


def render(records: list[dict[str, Any]], fmt: str) -> Any:
    """One document's records as output text in ``fmt`` (for parquet: the records themselves).

    JSON and GeoJSON items each start with a comma separator; :func:`write_rendered`
    drops the one before the first item of the output.
    """
    if fmt == "jsonl":
        return "".join([json.dumps(record, ensure_ascii=False) + "\n" for record in records])
    if fmt == "csv":
        return _csv_rows(records)
    if fmt == "json":
        return "".join([_SEPARATOR + json.dumps(record, ensure_ascii=False) for record in records])
    if fmt == "geojson":
        return "".join([_SEPARATOR + json.dumps(geojson_feature(record), ensure_ascii=False) for record in records])
    if fmt == "parquet":
        return records
    raise ValueError(f"unknown output format: {fmt}")


def _csv_rows(records: list[dict[str, Any]]) -> str:
    if not records:
        return ""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ACLED_COLUMNS + EXTRA_COLUMNS)
    for record in records:
        writer.writerow(acled_row(record))
    return buffer.getvalue()


def write_rendered(pieces: Iterable[tuple[str, int]], out: IO[str], fmt: str) -> int:
    """Write ``(text, record count)`` pieces from :func:`render`, with the format's header and footer.

    Returns how many records were written.
    """
    writer = Writer(out, fmt)  # writes the header; close() the footer
    separated = fmt in ("json", "geojson")
    for text, count in pieces:
        if not count:
            continue
        if separated and writer.count == 0:
            text = text[1:]  # the first item: a newline but no comma
        out.write(text)
        writer.count += count
    writer.close()
    return writer.count
