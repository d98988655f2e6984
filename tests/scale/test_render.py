"""Records rendered per document in workers make the same bytes as the export writer."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from kroniek.export import write_all
from kroniek.readers import ReaderOptions, read
from kroniek.scale.parallel import PipelineSpec, process
from kroniek.scale.render import render, write_rendered

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def per_document() -> list[list[dict]]:
    """Records of the Dutch and the English example, with a document without events first and between."""
    pipeline = PipelineSpec().build()
    found = [process(doc, pipeline).records for doc in read([str(EXAMPLES)], ReaderOptions())]
    assert all(found) and len(found) == 2
    return [[], found[0], [], found[1]]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "json", "geojson"])
def test_rendered_output_is_byte_identical_to_the_writer(per_document: list[list[dict]], fmt: str) -> None:
    expected, got = io.StringIO(), io.StringIO()
    count = write_all((record for records in per_document for record in records), expected, fmt)
    pieces = [(render(records, fmt), len(records)) for records in per_document]
    assert write_rendered(pieces, got, fmt) == count > 2
    assert got.getvalue() == expected.getvalue()
    assert "Charkiv" in got.getvalue() and "Kharkiv" in got.getvalue()


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "json", "geojson"])
def test_no_events_gives_the_writers_empty_output(fmt: str) -> None:
    expected, got = io.StringIO(), io.StringIO()
    write_all([], expected, fmt)
    assert write_rendered([(render([], fmt), 0)], got, fmt) == 0
    assert got.getvalue() == expected.getvalue()


def test_parquet_keeps_the_records(per_document: list[list[dict]]) -> None:
    assert render(per_document[1], "parquet") is per_document[1]
