"""The reader: finding the corpus's articles, reading them without ever blocking, decoding them.

Every read of a hostile entry runs under a time limit (``bounded``), so a
regression that blocks on a FIFO or reads /dev/zero fails instead of hanging.
"""

import os
import random
import socket
import threading
from pathlib import Path

import pytest

from summarize.errors import ArticleError, UsageError
from summarize.ingest import reader
from summarize.ingest.reader import decode, discover, read_article, shown

ARTICLE = "وقال ماكورك إن التحالف الدولي الذي شن 14 ألف غارة خلال سنتين \"يحقق نجاحات على الأرض\".\r\n"
ARTICLE_BYTES = ARTICLE.encode("utf-8")


def bounded(call, seconds: float = 10):
    """``call()``'s result or exception; fail if it has not returned within ``seconds``.

    The call runs in a daemon thread, so one that blocks forever cannot keep
    the test run from ending.
    """
    box: dict = {}

    def target():
        try:
            box["value"] = call()
        except BaseException as error:  # handed back to the test
            box["error"] = error

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        pytest.fail(f"still blocked after {seconds} s")
    if "error" in box:
        raise box["error"]
    return box["value"]


def outcome(path: Path, max_bytes: int = reader.MAX_BYTES) -> str:
    """"brief (encoding)" or the refusal's message, within the time limit."""
    try:
        return f"brief ({bounded(lambda: read_article(path, max_bytes)).encoding})"
    except ArticleError as error:
        return str(error)


# --- decoding ---------------------------------------------------------------------

@pytest.mark.parametrize("encoding, data, expected", [
    ("utf-8", ARTICLE.encode("utf-8"), "utf-8"),
    ("utf-8 with BOM", ARTICLE.encode("utf-8-sig"), "utf-8-sig"),
    ("utf-16 LE with BOM", ARTICLE.encode("utf-16"), "utf-16"),
    ("utf-16 BE with BOM", b"\xfe\xff" + ARTICLE.encode("utf-16-be"), "utf-16"),
    ("windows-1256", ARTICLE.encode("cp1256"), "windows-1256"),
])
def test_decode(encoding, data, expected):
    text, found = decode(data)
    assert found == expected
    assert text == ARTICLE


def test_decode_utf16_that_lost_its_bom():
    for encoding in ("utf-16-le", "utf-16-be"):
        assert decode(ARTICLE.encode(encoding)) == (ARTICLE, "utf-16 (no BOM)")


def test_decode_refuses_junk_that_windows_1256_would_accept():
    rng = random.Random(0)
    junk = bytes(rng.randrange(1, 256) for _ in range(4000))  # no NUL: only the code page test can tell
    with pytest.raises(UnicodeDecodeError):
        decode(junk)


def test_html_page_is_reduced_to_its_article_text(tmp_path):
    page = ("<!DOCTYPE html><html><head><title>خبر</title><script>var x = 1;</script></head><body>"
            "<nav>الرئيسية</nav><h1>أميركا تجتمع بالتحالف الدولي</h1><p>بعد عامين من بدء غاراتها.</p>"
            "<p>وقال ماكورك إن التحالف &quot;يحقق نجاحات&quot;.</p><footer>حقوق النشر</footer></body></html>")
    path = tmp_path / "page.txt"
    path.write_text(page, encoding="utf-8")
    article = read_article(path)
    assert article.encoding == "utf-8, html"
    assert article.raw == ("أميركا تجتمع بالتحالف الدولي\n\nبعد عامين من بدء غاراتها.\n\n"
                           'وقال ماكورك إن التحالف "يحقق نجاحات".')


def test_read_article_normalizes_line_ends(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode("cp1256"))
    article = read_article(path)
    assert "\r" not in article.raw
    assert article.encoding == "windows-1256"


@pytest.mark.parametrize("what, data, message", [
    ("empty", b"", "empty"),
    ("whitespace only", b"  \n\n ", "empty"),
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "not readable"),
    ("English by mistake", b"The coalition met in Washington.", "no Arabic"),
])
def test_read_article_refuses_bad_files_with_the_name(tmp_path, what, data, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(ArticleError) as error:
        read_article(path)
    assert str(path) in str(error.value)
    assert message in str(error.value)


# --- corpus entries that are not regular files, and odd names -----------------------

def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(path))
    sock.close()  # the socket file stays


def _loop(path: Path) -> None:
    other = path.with_name("other.txt")
    path.symlink_to(other.name)
    other.symlink_to(path.name)


def _article(path: Path) -> None:
    path.write_bytes(ARTICLE_BYTES)


def _link_to_article(path: Path) -> None:
    target = path.with_name("real-article")
    target.write_bytes(ARTICLE_BYTES)
    path.symlink_to(target)


ENTRIES = [
    # (what, file name, how to make it, the expected outcome: "brief (...)" or a part of the message)
    ("a FIFO", "fifo.txt", _fifo, "is a named pipe (FIFO), not a regular file"),
    ("a socket", "socket.txt", _socket, "is a socket, not a regular file"),
    ("a folder named *.txt", "folder.txt", lambda p: p.mkdir(), "is a folder, not a regular file"),
    ("a symlink loop", "loop.txt", _loop, "is a symbolic link loop; fix or remove the link"),
    ("a link to itself", "self.txt", lambda p: p.symlink_to(p.name), "is a symbolic link loop"),
    ("a link to /dev/zero", "zero.txt", lambda p: p.symlink_to("/dev/zero"), "is a character device"),
    ("a link to /dev/null", "null.txt", lambda p: p.symlink_to("/dev/null"), "is a character device"),
    ("a broken link", "gone.txt", lambda p: p.symlink_to("missing.txt"),
     "is a broken link (its target missing.txt does not exist); fix or remove it"),
    ("a link to an article", "link.txt", _link_to_article, "brief (utf-8)"),
    ("a name with spaces", "with space .txt", _article, "brief (utf-8)"),
    ("a name with a newline", "new\nline.txt", _article, "brief (utf-8)"),
    ("a leading -", "-rf.txt", _article, "brief (utf-8)"),
    ("a 250-byte name", "a" * 246 + ".txt", _article, "brief (utf-8)"),
    ("a 250-byte Arabic name", "خ" * 123 + ".txt", _article, "brief (utf-8)"),
    ("a Windows-1256 name", os.fsdecode("خبر".encode("cp1256") + b".txt"), _article,
     "its name is not valid UTF-8; rename the file"),
]


@pytest.mark.parametrize("what, name, make, expected", ENTRIES, ids=[e[0] for e in ENTRIES])
def test_every_kind_of_entry_has_a_defined_outcome(tmp_path, what, name, make, expected):
    path = tmp_path / name
    make(path)
    assert path in discover(tmp_path)  # listed, so the run reports it instead of skipping it silently
    got = outcome(path)
    if expected.startswith("brief"):
        assert got == expected
    else:
        assert got.startswith(shown(path) + ": ") and expected in got
        assert "\n" not in got


def test_a_name_is_shown_on_one_line_with_its_bad_bytes_escaped(tmp_path):
    assert shown(Path("/c/new\nline.txt")) == "/c/new\\nline.txt"
    assert shown(Path(os.fsdecode(b"/c/\xff\xfe.txt"))) == "/c/\\xff\\xfe.txt"
    assert shown(Path("/c/خبر عاجل.txt")) == "/c/خبر عاجل.txt"
    empty = tmp_path / "new\nline.txt"
    empty.write_bytes(b"")
    assert outcome(empty) == f"{tmp_path}/new\\nline.txt: the file is empty; remove it or put the article's text in it"


# --- size limits: from the size, and while reading ------------------------------------

def test_file_over_the_size_limit_is_refused_without_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(ARTICLE_BYTES * 100)
    with pytest.raises(ArticleError, match="over the 1,000-byte limit.*--max-bytes"):
        read_article(path, max_bytes=1000)


def test_a_file_of_many_articles_is_held_to_the_file_ceiling_not_to_max_bytes(tmp_path, monkeypatch):
    # --max-bytes holds for each article of a feed or TREC file; the file as a whole, to MAX_FILE_BYTES
    monkeypatch.setattr(reader, "MAX_FILE_BYTES", 8000)
    path = tmp_path / "day.txt"
    records = [f"<DOC>\n<DOCNO>d{n}</DOCNO>\n<TEXT>\n{ARTICLE}</TEXT>\n</DOC>\n" for n in range(60)]
    path.write_text("".join(records[:20]), encoding="utf-8")
    assert 1000 < path.stat().st_size < 8000
    assert [a.stem for a in reader.read_items(path, max_bytes=1000)] == [f"d{n}" for n in range(20)]
    path.write_text("".join(records), encoding="utf-8")
    size = path.stat().st_size
    with pytest.raises(ArticleError, match=rf"day.txt: {size:,} bytes is over the 8,000-byte limit for one file of "
                                           r"many articles \(it bounds the memory a file takes\); split it"):
        reader.read_items(path, max_bytes=1000)
    assert len(reader.read_items(path, max_bytes=size)) == 60  # a larger --max-bytes raises the ceiling with it


def test_the_help_states_the_file_ceiling_as_the_reader_holds_it():
    from summarize.cli import run

    assert run.MAX_FILE_BYTES == reader.MAX_FILE_BYTES
    assert f"{reader.MAX_FILE_BYTES:,} bytes" in " ".join(run.build_parser().format_help().split())


@pytest.mark.skipif(not os.path.exists("/proc/self/maps"), reason="needs Linux /proc")
def test_a_file_whose_size_lies_is_cut_off_at_the_limit(tmp_path):
    # /proc files are regular files that report size 0: only the limit while reading stops them
    link = tmp_path / "proc.txt"
    link.symlink_to("/proc/self/maps")
    assert "more than 100 bytes (it grew while being read) is over the 100-byte limit" in outcome(link, 100)


class _Handle:
    """A real open file (so ``fstat`` on it works) whose ``read`` a test replaces."""

    def __init__(self, path: Path):
        self.path, self.handle = path, open(path, "rb")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.handle.close()

    def fileno(self):
        return self.handle.fileno()


class _EndlessFile(_Handle):
    """A regular file (by its descriptor) whose reads never end, like /dev/zero behind a size of 0."""

    served = 0

    def read(self, n=-1):
        if n < 0 or _EndlessFile.served > 10_000:
            raise AssertionError(f"read past the limit ({_EndlessFile.served:,} bytes so far)")
        _EndlessFile.served += n
        return b"\x00" * n


def test_the_byte_limit_holds_while_reading(tmp_path, monkeypatch):
    path = tmp_path / "endless.txt"
    path.write_bytes(b"")
    monkeypatch.setattr(_EndlessFile, "served", 0)
    monkeypatch.setattr(reader, "open_regular", _EndlessFile)
    assert "more than 1,000 bytes (it grew while being read)" in outcome(path, 1000)
    assert _EndlessFile.served == 1001


class _GrowingFile(_Handle):
    """A real file handle that appends to its own file after its first read: a file still being written."""

    grown = False

    def read(self, n):
        data = self.handle.read(n)
        if not self.grown:
            self.grown = True
            with open(self.path, "ab") as more:
                more.write("، وأضاف".encode("utf-8"))
        return data


def test_a_file_that_changes_while_it_is_read_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "growing.txt"
    path.write_bytes(ARTICLE_BYTES)
    monkeypatch.setattr(reader, "open_regular", _GrowingFile)
    assert outcome(path).endswith("growing.txt: changed while it was being read; run again once it is complete")


# --- between discovery and reading --------------------------------------------------

def test_a_file_removed_after_discovery_is_refused(tmp_path):
    (tmp_path / "a.txt").write_bytes(ARTICLE_BYTES)
    [path] = discover(tmp_path)
    path.unlink()
    assert outcome(path) == f"{path}: cannot be read (it was removed after the corpus was listed); run again"


def test_a_file_replaced_by_a_fifo_after_discovery_is_refused(tmp_path):
    (tmp_path / "a.txt").write_bytes(ARTICLE_BYTES)
    [path] = discover(tmp_path)
    path.unlink()
    os.mkfifo(path)
    assert "is a named pipe (FIFO), not a regular file" in outcome(path)


def test_a_file_replaced_by_other_text_after_discovery_is_read_as_it_is_now(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"English first")
    [path] = discover(tmp_path)
    path.write_bytes(ARTICLE.encode("cp1256"))
    assert outcome(path) == "brief (windows-1256)"


def test_a_fifo_swapped_in_between_the_check_and_the_open_does_not_block(tmp_path, monkeypatch):
    regular = tmp_path / "regular"
    regular.write_bytes(ARTICLE_BYTES)
    fifo = tmp_path / "swapped.txt"
    os.mkfifo(fifo)
    real_stat = os.stat
    # the check sees a regular file; by the open, a FIFO stands in its place
    monkeypatch.setattr(os, "stat", lambda p, *a, **k: real_stat(regular if Path(p) == fifo else p, *a, **k))
    assert "is a named pipe (FIFO), not a regular file" in outcome(fifo)


# --- permissions ----------------------------------------------------------------

def test_a_file_without_read_permission_is_refused(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_bytes(ARTICLE_BYTES)
    path.chmod(0)
    try:
        path.read_bytes()
        pytest.skip("this user reads files whatever their mode (root with CAP_DAC_OVERRIDE); "
                    "test_permission_denied_is_reported covers the message")
    except PermissionError:
        pass
    assert outcome(path) == f"{path}: cannot be read (Permission denied); check the file's permissions"


def test_permission_denied_is_reported(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_bytes(ARTICLE_BYTES)

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "open", denied)
    assert outcome(path) == f"{path}: cannot be read (Permission denied); check the file's permissions"


# --- discovery ------------------------------------------------------------------

def test_discover_lists_article_files_in_name_order_without_hidden_ones(tmp_path):
    for name in ("b.txt", "a.txt", ".hidden.txt", "notes.md", "c.TXT"):
        (tmp_path / name).write_bytes(ARTICLE_BYTES)
    os.mkfifo(tmp_path / "fifo.txt")
    skipped = []
    assert [p.name for p in bounded(lambda: discover(tmp_path, skipped))] == ["a.txt", "b.txt", "c.TXT", "fifo.txt"]
    assert skipped == [(".hidden.txt", "hidden"), ("notes.md", "not an article file (.md)")]


@pytest.mark.parametrize("what, make, message", [
    ("missing", lambda p: None, "does not exist"),
    ("a FIFO", os.mkfifo, "is not a folder"),
    ("empty", lambda p: p.mkdir(), "no articles in"),
])
def test_discover_refuses_a_corpus_that_is_not_a_folder_of_articles(tmp_path, what, make, message):
    corpus = tmp_path / "corpus"
    make(corpus)
    with pytest.raises(UsageError, match=message.replace("*", r"\*")):
        bounded(lambda: discover(corpus))


def test_discover_says_when_the_corpus_cannot_be_listed(tmp_path, monkeypatch):
    tmp_path.joinpath("a.txt").write_bytes(ARTICLE_BYTES)

    def denied(path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "scandir", denied)
    with pytest.raises(UsageError, match=r"cannot list the corpus folder .* \(Permission denied\); check its permissions"):
        discover(tmp_path)


@pytest.mark.parametrize("message, reason", [
    ("corpus/005_empty.txt: the file is empty; remove it or put the article's text in it", "the file is empty"),
    ("c/x.txt: 3,000,000 bytes is over the 2,000,000-byte limit for one article; split it, or raise --max-bytes",
     "3,000,000 bytes is over the 2,000,000-byte limit for one article"),
    ("c/a.txt: its brief would overwrite the brief of A.txt (names differ only in case); rename one of them",
     "its brief would overwrite the brief of A.txt (names differ only in case)"),
    ("c/z.txt: holds no Arabic text", "holds no Arabic text"),
])
def test_the_published_reason_leaves_out_the_file_and_the_advice(message, reason):
    assert ArticleError(message).reason() == reason


def test_a_file_name_with_a_colon_is_cut_off_whole():
    error = ArticleError("c/news: today.txt: the file is empty; remove it")
    assert error.reason("c/news: today.txt") == "the file is empty"
