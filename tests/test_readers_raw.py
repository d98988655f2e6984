"""read(raw=True) + load gives exactly what read gives, while the reading process parses little."""

from __future__ import annotations

import json
from pathlib import Path

from kroniek.readers import RawFile, RawRecord, ReaderOptions, ReadError, load, read

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

NL = "Russische troepen hebben dinsdag de stad Charkiv beschoten. Daarbij kwamen drie burgers om het leven."
EN = "Russian forces shelled the city of Kharkiv on Tuesday, killing three civilians, the mayor said."


def _record(i: int) -> dict:
    text, lang = (NL, "nl") if i % 2 else (EN, "en")
    return {"id": f"a{i}", "title": f"Bericht {i}" if lang == "nl" else f"Report {i}", "text": text,
            "date": "2022-03-01", "lang": lang}


def _line(i: int, encoding: str = "utf-8") -> bytes:
    return (json.dumps(_record(i), ensure_ascii=False) + "\n").encode(encoding)


def _same(item, expected) -> bool:
    if isinstance(expected, ReadError):
        return isinstance(item, ReadError) and str(item) == str(expected)
    fields = ("text", "id", "title", "url", "source", "date", "lang", "origin")
    return (not isinstance(item, ReadError) and all(getattr(item, f) == getattr(expected, f) for f in fields)
            and {k: [(s.start, s.end, s.label) for s in v] for k, v in item.layers.items()}
            == {k: [(s.start, s.end, s.label) for s in v] for k, v in expected.layers.items()})


def _check(paths: list[str], options: ReaderOptions | None = None) -> list:
    options = options or ReaderOptions()
    raw = list(read(paths, options, raw=True))
    plain = list(read(paths, options))
    assert len(raw) == len(plain)
    assert all(_same(load(item, options), expected) for item, expected in zip(raw, plain))
    return raw


def test_json_lines_after_the_probe_stay_raw_and_load_like_read(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    lines = [_line(i) for i in range(30)]
    lines[24:24] = [b"\n", b"{not json}\n", b"[1, 2]\n", b'{"text": "", "title": ""}\n']
    path.write_bytes(b"".join(lines) + _line(30)[:-40])  # the last record is cut off
    raw = _check([str(path)])
    kinds = [type(item).__name__ for item in raw]
    assert kinds[:20] == ["Document"] * 20  # the probe is parsed where it is read
    assert kinds[20:] == ["RawRecord"] * len(kinds[20:])
    errors = [load(item, ReaderOptions()) for item in raw[20:]]
    reasons = [e.reason for e in errors if isinstance(e, ReadError)]
    assert reasons[0].startswith("invalid JSON")
    assert reasons[1:3] == ["JSON record is not an object", "empty document (no text or title)"]
    assert reasons[3].startswith("truncated JSON record")


def test_lines_after_a_non_utf8_line_are_parsed_where_they_are_read(tmp_path: Path) -> None:
    """The detected encoding holds for the rest of the file, as in a one-process read."""
    path = tmp_path / "latin.jsonl"
    latin = {"text": "Café-eigenaar in Kyiv zegt dat de stad zwaar is beschoten.", "title": "Kyiv"}
    lines = [_line(i) for i in range(22)]
    lines += [(json.dumps(latin, ensure_ascii=False) + "\n").encode("cp1252"), _line(23), _line(24)]
    path.write_bytes(b"".join(lines))
    raw = _check([str(path)])
    assert [type(item).__name__ for item in raw[20:]] == ["RawRecord", "RawRecord", "Document", "Document",
                                                          "Document"]
    assert load(raw[22], ReaderOptions()).text.endswith("Café-eigenaar in Kyiv zegt dat de stad zwaar is beschoten.")


def test_text_files_are_read_by_load(tmp_path: Path) -> None:
    missing = tmp_path / "gone.txt"
    raw = _check([str(EXAMPLES), str(missing)], ReaderOptions(lang="nl"))
    assert [type(item) for item in raw] == [RawFile, RawFile, ReadError]
    docs = [load(item, ReaderOptions(lang="nl")) for item in raw[:2]]
    assert {doc.lang for doc in docs} == {"nl"}
    assert any("Kharkiv" in doc.text for doc in docs) and any("Charkiv" in doc.text for doc in docs)


def test_a_text_file_removed_before_it_is_loaded_is_one_read_error(tmp_path: Path) -> None:
    path = tmp_path / "bericht.txt"
    path.write_text(NL, encoding="utf-8")
    [item] = read([str(path)], ReaderOptions(), raw=True)
    path.unlink()
    error = load(item, ReaderOptions())
    assert isinstance(error, ReadError) and error.reason.startswith("cannot read")

