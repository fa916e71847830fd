"""The check-numbers command: line-aligned files in, a report out, an exit code a script can gate on."""

import io
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from summarize.cli.check_numbers import CheckNumbersError, Totals, main, run

ROOT = Path(__file__).resolve().parents[1]
AR = "14 ألف غارة خلال سنتين\nيجتمع وزراء الخارجية في واشنطن\nبنسبة 28. %\n"
EN = "14,000 air strikes in two years\nForeign ministers meet in Washington\nby 82%\n"


@pytest.fixture
def files(tmp_path):
    ar, en = tmp_path / "a.arb", tmp_path / "a.eng"
    ar.write_text(AR, encoding="utf-8")
    en.write_text(EN, encoding="utf-8")
    return ar, en


@pytest.fixture
def clean_files(tmp_path):
    """Two lines whose numbers all match."""
    ar, en = tmp_path / "ok.arb", tmp_path / "ok.eng"
    ar.write_text("14 ألف غارة\nيجتمع الوزراء\n", encoding="utf-8")
    en.write_text("14,000 strikes\nThe ministers meet\n", encoding="utf-8")
    return ar, en


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def command(*args: str, stdout=subprocess.PIPE, env=None) -> subprocess.CompletedProcess:
    """``python -m summarize check-numbers ARGS``, its output read as UTF-8 whatever the locale."""
    return subprocess.run([sys.executable, "-m", "summarize", "check-numbers", *args], cwd=ROOT, stdout=stdout,
                          stderr=subprocess.PIPE, encoding="utf-8", timeout=60, env=env)


def test_json_one_object_per_line(files, capsys):
    out = io.StringIO()
    assert run(*files, as_json=True, out=out) == Totals(lines=3, numeric=2, problems=1)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["line"] for r in rows] == [1, 2, 3]
    assert [r["ok"] for r in rows] == [True, True, False]
    assert rows[0]["source"] == [{"text": "14 ألف", "value": 14000, "kind": "count"},
                                 {"text": "سنتين", "value": 2, "kind": "duration"}]
    assert rows[2]["changed"] == [{"source": {"text": "28. %", "value": 28, "kind": "percent"},
                                   "target": {"text": "82%", "value": 82, "kind": "percent"}}]
    assert rows[2]["missing"] == [] and rows[2]["extra"] == []
    assert capsys.readouterr().err == "3 lines, 2 with numbers, 1 to check\n"  # stdout stays JSON lines


def test_human_readable(files):
    out = io.StringIO()
    run(*files, as_json=False, out=out)
    text = out.getvalue()
    assert "line 1: ok" in text
    assert "line 2" not in text  # no numbers, nothing to say
    assert "line 3: CHECK" in text
    assert "changed: 28. % (percent 28) -> 82% (percent 82)" in text
    assert text.splitlines()[-1] == "3 lines, 2 with numbers, 1 to check"


@pytest.mark.parametrize("flags, shown_lines", [
    ([], ["line 1: ok", "line 3: CHECK"]),
    (["--problems"], ["line 3: CHECK"]),
    (["--problems", "--json"], ['{"line": 3, "ok": false']),
])
def test_problems_prints_only_the_lines_that_need_a_look(files, capsys, flags, shown_lines):
    assert main([*map(str, files), *flags]) == 0
    heads = [line for line in capsys.readouterr().out.splitlines() if line.startswith(("line ", "{"))]
    assert len(heads) == len(shown_lines)
    assert all(head.startswith(start) for head, start in zip(heads, shown_lines))


@pytest.mark.parametrize("flags, code", [
    (["--fail"], 1), (["--fail", "--problems"], 1), (["--fail", "--json"], 1), ([], 0), (["--problems"], 0),
])
def test_fail_exits_1_when_a_line_has_a_problem(files, flags, code, capsys):
    assert main([*map(str, files), *flags]) == code
    assert "3 lines, 2 with numbers, 1 to check" in "".join(capsys.readouterr())


def test_fail_exits_0_when_every_line_is_fine(clean_files, capsys):
    assert main([*map(str, clean_files), "--fail", "--problems"]) == 0
    assert capsys.readouterr().out == "2 lines, 1 with numbers, 0 to check\n"


def test_the_files_in_the_wrong_order_are_named(files, capsys):
    ar, en = files
    assert main([str(en), str(ar)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (f"error: the Arabic file {en} has no Arabic letters at all (the English file has "
                            "Arabic: the files are in the wrong order); give the Arabic file first: "
                            "check-numbers AR_FILE EN_FILE\n")


def test_an_arabic_file_without_arabic(tmp_path, files):
    english = write(tmp_path / "en-too.arb", b"Foreign ministers meet\nby 82%\nand more\n")
    with pytest.raises(CheckNumbersError, match=r"has no Arabic letters at all; give the Arabic file first"):
        run(english, files[1], out=io.StringIO())


def test_differing_line_counts_are_refused_before_any_output(tmp_path, files):
    short = write(tmp_path / "short.eng", b"14,000 strikes\n")
    out = io.StringIO()
    with pytest.raises(CheckNumbersError, match="3 lines but .* has 1; the files must be line-aligned"):
        run(files[0], short, out=out)
    assert out.getvalue() == ""


@pytest.mark.parametrize("what, data, message", [
    ("empty", b"", "is empty; there is nothing to check"),
    ("binary", "14 ألف".encode("utf-8") + b"\x00\x01\x02\n" * 2 + "x\n".encode(),
     r"is binary \(a NUL byte on line 1\), not text"),
    ("not UTF-8", b"\xff\xfe\x00bad", r"is not UTF-8 text \(invalid start byte on line 1, byte 0"),
    ("Windows-1256", "14 ألف غارة\n".encode("cp1256") * 3, r"is not UTF-8 text .* on line 1"),
])
def test_unusable_arabic_input_is_an_error(tmp_path, files, what, data, message):
    bad = write(tmp_path / "bad.arb", data)
    with pytest.raises(CheckNumbersError, match=message):
        run(bad, files[1], out=io.StringIO())


def test_an_empty_english_file(tmp_path, files):
    with pytest.raises(CheckNumbersError, match=r"empty.eng is empty"):
        run(files[0], write(tmp_path / "empty.eng", b""), out=io.StringIO())


def test_unreadable_file(tmp_path, files):
    with pytest.raises(CheckNumbersError, match="cannot read the English file .*nope.eng: No such file"):
        run(files[0], tmp_path / "nope.eng", out=io.StringIO())


def test_a_fifo_is_refused_without_blocking(tmp_path, files):
    fifo = tmp_path / "fifo.eng"
    os.mkfifo(fifo)
    box = {}
    thread = threading.Thread(target=lambda: box.update(code=main([str(files[0]), str(fifo)])), daemon=True)
    thread.start()
    thread.join(10)
    assert not thread.is_alive(), "blocked on a FIFO"
    assert box["code"] == 2


def test_bom_and_crlf_line_ends_are_read_as_lines(tmp_path):
    ar = write(tmp_path / "crlf.arb", AR.replace("\n", "\r\n").encode("utf-8-sig"))
    en = write(tmp_path / "crlf.eng", EN.encode("utf-8"))
    assert run(ar, en, out=io.StringIO()) == Totals(lines=3, numeric=2, problems=1)


def test_a_line_without_a_final_newline_counts(tmp_path, files):
    en = write(tmp_path / "nonl.eng", EN.rstrip("\n").encode("utf-8"))
    assert run(files[0], en, out=io.StringIO()).lines == 3


def test_usage_errors_exit_2(files):
    with pytest.raises(SystemExit) as stop:
        main([str(files[0])])
    assert stop.value.code == 2


# --- the real command, as a shell pipeline meets it -----------------------------------

@pytest.fixture
def long_files(tmp_path):
    """Enough lines that the report overflows a pipe's buffer."""
    ar, en = tmp_path / "long.arb", tmp_path / "long.eng"
    ar.write_text("بنسبة 28 %\n" * 3000, encoding="utf-8")
    en.write_text("by 82%\n" * 3000, encoding="utf-8")
    return ar, en


def test_a_reader_that_stops_early_gets_no_traceback(long_files):
    process = subprocess.Popen([sys.executable, "-m", "summarize", "check-numbers", *map(str, long_files)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = process.stdout.readline()  # `| head -1`
    process.stdout.close()
    _, err = process.communicate(timeout=60)
    assert first.startswith(b"line 1: CHECK")
    assert err == b""
    assert process.returncode == 141


def test_stdout_on_a_full_disk_is_one_error_line(long_files):
    with open("/dev/full", "w") as full:
        result = command(*map(str, long_files), stdout=full)
    assert result.returncode == 2
    assert result.stderr.startswith("error: cannot write the report (No space left on device)")
    assert "Traceback" not in result.stderr


def test_a_c_locale_still_prints_the_arabic(files):
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    result = command(*map(str, files), env=env)
    assert result.returncode == 0, result.stderr
    assert "28. % (percent 28)" in result.stdout


def test_a_closed_stderr_keeps_the_json_clean(files):
    result = subprocess.run(f"{sys.executable} -m summarize check-numbers {files[0]} {files[1]} --json 2>&-",
                            shell=True, cwd=ROOT, capture_output=True, encoding="utf-8", timeout=60)
    assert result.returncode == 0
    assert [json.loads(line)["line"] for line in result.stdout.splitlines()] == [1, 2, 3]


def test_an_error_with_stderr_closed_exits_2_and_writes_nothing(tmp_path, files):
    missing = tmp_path / "missing.eng"
    result = subprocess.run(f"{sys.executable} -m summarize check-numbers {files[0]} {missing} 2>&-",
                            shell=True, cwd=ROOT, capture_output=True, encoding="utf-8", timeout=60)
    assert (result.returncode, result.stdout) == (2, "")


def test_ctrl_c_is_a_message_and_exit_130(files, capsys, monkeypatch):
    from summarize.cli import check_numbers as checknumbers

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(checknumbers, "check", interrupted)
    assert main([*map(str, files)]) == 130
    assert capsys.readouterr().err == "interrupted\n"
