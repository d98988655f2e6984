"""The kroniek extract command: outputs, exit status, one-line errors, progress."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kroniek.cli import main
from kroniek.commands.progress import Progress
from kroniek.event import Event
from kroniek.stages import register

REPO = Path(__file__).resolve().parents[1]
SPINE = Path(__file__).resolve().parent / "fixtures" / "spine"
EXAMPLE_NL = REPO / "examples" / "nl_charkiv.txt"
EXAMPLE_EN = REPO / "examples" / "en_kharkiv.txt"
STAGES = "language,sentences"


@register("spine_test_events")
class _SentenceEvents:
    """A stand-in events stage: one ASSAULT per sentence that mentions deaths."""

    def __init__(self, **_):
        pass

    def __call__(self, doc):
        for s in doc.layer("sentences"):
            text = s.text(doc)
            for word in ("omgekomen", "om het leven", "killed", "doden"):
                at = text.find(word)
                if at >= 0:
                    start = s.start + at
                    doc.events.append(Event(
                        type="ASSAULT", trigger={"text": word, "start": start, "end": start + len(word)},
                        evidence={"sentence": text, "start": s.start, "end": s.end}))
                    break


@register("spine_test_crash")
class _Crash:
    def __init__(self, **_):
        pass

    def __call__(self, doc):
        if "CRASH" in doc.text:
            raise RuntimeError("stage blew up\nsecond line")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["extract", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(err: str, *needles: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("kroniek: error: ") and "Traceback" not in err
    for needle in needles:
        assert needle in lines[0]


# -- success -------------------------------------------------------------------------

def test_example_runs_with_exit_0(capsys):
    code, out, err = run(capsys, str(EXAMPLE_NL), "--stages", STAGES + ",spine_test_events")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert records and all(r["type"] == "ASSAULT" for r in records)
    assert records[0]["document"]["date"] == "2022-03-02" and records[0]["document"]["lang"] == "nl"
    assert err.strip() == f"kroniek: 1 documents, {len(records)} events, 0 failed"


def test_quiet_prints_no_summary(capsys):
    code, out, err = run(capsys, str(EXAMPLE_EN), "--stages", STAGES, "--quiet")
    assert (code, out, err) == (0, "", "")


def test_date_and_lang_options(capsys):
    code, out, _ = run(capsys, str(EXAMPLE_EN), "--stages", STAGES + ",spine_test_events", "--date", "2022-03-02",
                       "--lang", "nl", "-q")
    assert code == 0
    record = json.loads(out.splitlines()[0])
    assert record["document"]["date"] == "2022-03-02" and record["document"]["lang"] == "nl"


def test_column_option_and_stdin(capsys, monkeypatch):
    data = "kop,romp\nBeschieting,Bij de beschieting vielen doden.\n".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, err = run(capsys, "-", "--input-format", "csv", "--column", "text=romp", "--column", "title=kop",
                         "--stages", STAGES + ",spine_test_events")
    assert code == 0, err
    [record] = [json.loads(line) for line in out.splitlines()]
    assert record["document"]["title"] == "Beschieting"
    assert record["evidence"]["sentence"] == "Bij de beschieting vielen doden."


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv", "geojson", "parquet"])
def test_every_output_format_to_a_file(capsys, tmp_path, fmt):
    target = tmp_path / f"out.{fmt}"
    code, out, _ = run(capsys, str(EXAMPLE_NL), str(EXAMPLE_EN), "--stages", STAGES + ",spine_test_events",
                       "-f", fmt, "-o", str(target), "-q")
    assert code == 0 and out == ""
    assert target.stat().st_size > 0
    if fmt == "json":
        assert len(json.loads(target.read_text("utf-8"))) >= 2
    elif fmt == "geojson":
        assert json.loads(target.read_text("utf-8"))["type"] == "FeatureCollection"
    elif fmt == "parquet":
        import pyarrow.parquet as pq

        assert pq.read_table(target).num_rows >= 2


# -- some documents fail: exit 1, the others are still written ------------------------

def test_bad_documents_give_exit_1_and_one_line_each(capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    code, out, err = run(capsys, str(empty), str(EXAMPLE_NL), str(binary), str(tmp_path / "missing.txt"),
                         "--stages", STAGES + ",spine_test_events")
    assert code == 1
    assert out.strip() and all(json.loads(line)["type"] == "ASSAULT" for line in out.splitlines())
    lines = err.strip().splitlines()
    assert lines[:3] == [f"kroniek: skipped {empty}: empty document",
                         f"kroniek: skipped {binary}: binary data, not text",
                         f"kroniek: skipped {tmp_path / 'missing.txt'}: no such file or directory"]
    assert lines[3].startswith("kroniek: 1 documents, ") and lines[3].endswith(" events, 3 failed")
    assert "Traceback" not in err


def test_oversized_document_is_refused(capsys):
    code, _, err = run(capsys, str(EXAMPLE_NL), "--stages", STAGES, "--max-bytes", "500")
    assert code == 1
    assert f"kroniek: skipped {EXAMPLE_NL}: too large (" in err and "limit 500" in err


def test_a_stage_failing_on_one_document_does_not_stop_the_run(capsys, tmp_path, monkeypatch):
    monkeypatch.delenv("KRONIEK_DEBUG", raising=False)
    (tmp_path / "bad.txt").write_text("Dit artikel laat de stage CRASH-en.", encoding="utf-8")
    (tmp_path / "good.txt").write_text("Bij de aanval vielen doden.", encoding="utf-8")
    code, out, err = run(capsys, str(tmp_path), "--stages", STAGES + ",spine_test_crash,spine_test_events")
    assert code == 1
    assert len(out.splitlines()) == 1
    assert f"kroniek: failed {tmp_path / 'bad.txt'}: RuntimeError: stage blew up (set KRONIEK_DEBUG=1" in err
    assert "Traceback" not in err


# -- usage errors: exit 2, one line, no traceback -------------------------------------

@pytest.mark.parametrize("argv,needles", [
    (["--config", "/nonexistent/kroniek.toml"], ["config file not found"]),
    (["--stages", "language,nonsense"], ["unknown stage 'nonsense'"]),
    (["--stages", ","], ["--stages is empty"]),
    (["--date", "2022-13-45"], ["--date is not a date"]),
    (["--date", "gisteren"], ["--date is not a date"]),
    (["--column", "body=text"], ["--column expects FIELD=NAME"]),
    (["--column", "text"], ["--column expects FIELD=NAME"]),
    (["-o", "/nonexistent/dir/out.jsonl"], ["cannot write /nonexistent/dir/out.jsonl"]),
    (["-f", "parquet"], ["--format parquet needs -o FILE"]),
    (["--max-bytes", "0"], ["--max-bytes must be a positive"]),
])
def test_usage_errors(capsys, argv, needles):
    code, out, err = run(capsys, str(EXAMPLE_NL), *(["--stages", STAGES] if "--stages" not in argv else []), *argv)
    assert code == 2 and out == ""
    assert_one_line_error(err, *needles)


def test_bad_config_files(capsys, tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text("stages = [language\n", encoding="utf-8")
    code, _, err = run(capsys, str(EXAMPLE_NL), "--config", str(broken))
    assert code == 2
    assert_one_line_error(err, "not valid TOML")
    code, _, err = run(capsys, str(EXAMPLE_NL), "--config", str(tmp_path))
    assert code == 2
    assert_one_line_error(err, "cannot read config")
    bad_option = tmp_path / "bad_option.toml"
    bad_option.write_text('stages = ["language"]\n[language]\nno_such_option = 1\n', encoding="utf-8")
    code, _, err = run(capsys, str(EXAMPLE_NL), "--config", str(bad_option))
    assert code == 2
    assert_one_line_error(err, "bad stage settings", "no_such_option")


def test_output_is_a_directory(capsys, tmp_path):
    code, _, err = run(capsys, str(EXAMPLE_NL), "--stages", STAGES, "-o", str(tmp_path))
    assert code == 2
    assert_one_line_error(err, "is a directory")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_output(capsys, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    code, _, err = run(capsys, str(EXAMPLE_NL), "--stages", STAGES, "-o", str(locked / "out.jsonl"))
    assert code == 2
    assert_one_line_error(err, "permission denied")


def test_argparse_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["extract", str(EXAMPLE_NL), "--format", "xml"])
    assert exc.value.code == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err


# -- progress -------------------------------------------------------------------------

class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal_and_for_several_documents():
    tty = _Terminal()
    progress = Progress(enabled=True, stream=tty, interval=0)
    progress.tick()
    assert tty.getvalue() == ""  # one document: no bar
    progress.tick()
    progress.tick(error=True)
    assert "3 documents, 1 failed" in tty.getvalue()
    progress.message("kroniek: skipped x: empty document")
    assert "\r\x1b[Kkroniek: skipped x: empty document\n" in tty.getvalue()
    progress.close()
    assert tty.getvalue().endswith("\n")

    quiet = _Terminal()
    progress = Progress(enabled=False, stream=quiet, interval=0)
    for _ in range(5):
        progress.tick()
    progress.close()
    assert quiet.getvalue() == ""

    pipe = io.StringIO()  # not a terminal
    progress = Progress(enabled=True, stream=pipe, interval=0)
    for _ in range(5):
        progress.tick()
    progress.message("a message")
    progress.close()
    assert pipe.getvalue() == "a message\n"


# -- the installed console script -----------------------------------------------------

def _console_script() -> str | None:
    beside = Path(sys.executable).parent / "kroniek"
    return str(beside) if beside.exists() else shutil.which("kroniek")


@pytest.mark.skipif(_console_script() is None, reason="kroniek console script not installed")
def test_console_script(tmp_path):
    script = _console_script()
    good = subprocess.run([script, "extract", str(EXAMPLE_NL), "--stages", STAGES], capture_output=True,
                          text=True, timeout=120, cwd=REPO)
    assert good.returncode == 0, good.stderr
    assert good.stderr.strip() == "kroniek: 1 documents, 0 events, 0 failed"
    bad = subprocess.run([script, "extract", str(EXAMPLE_NL), "--stages", "nonsense"], capture_output=True,
                         text=True, timeout=120, cwd=REPO)
    assert bad.returncode == 2
    assert bad.stderr.startswith("kroniek: error: unknown stage 'nonsense'") and "Traceback" not in bad.stderr
    piped = subprocess.run([script, "extract", "-", "--stages", STAGES, "-q"], input=EXAMPLE_EN.read_text("utf-8"),
                           capture_output=True, text=True, timeout=120, cwd=REPO)
    assert (piped.returncode, piped.stderr) == (0, "")


def test_a_repeated_stage_error_is_shown_ten_times_then_counted(capsys, tmp_path, monkeypatch):
    monkeypatch.delenv("KRONIEK_DEBUG", raising=False)
    for n in range(12):
        (tmp_path / f"bad{n:02d}.txt").write_text(f"Artikel {n} laat de stage CRASH-en.", encoding="utf-8")
    code, _, err = run(capsys, str(tmp_path), "--stages", STAGES + ",spine_test_crash")
    assert code == 1
    lines = err.strip().splitlines()
    assert sum("RuntimeError: stage blew up" in line for line in lines) == 11  # ten failures and the notice
    assert "further 'RuntimeError: stage blew up' failures are counted but not shown" in lines[10]
    assert lines[-1] == "kroniek: 0 documents, 0 events, 12 failed"


def test_forced_language_without_data_is_noted(capsys):
    code, _, err = run(capsys, str(EXAMPLE_EN), "--stages", STAGES, "--lang", "de")
    assert code == 0
    assert err.splitlines()[0].startswith("kroniek: note: no language data for 'de'")


def test_run_as_module_user_errors_are_one_line(tmp_path):
    """``python -m kroniek.cli`` makes the CLI module ``__main__``; a user error must still be one line."""
    missing = tmp_path / "missing.csv"
    for argv in (["eval", str(missing), "--format", "acled"], ["extract", str(EXAMPLE_NL), "--stages", "nonsense"]):
        result = subprocess.run([sys.executable, "-m", "kroniek.cli", *argv], capture_output=True, text=True,
                                timeout=120, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO / "src")})
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith("kroniek: error: ") and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
