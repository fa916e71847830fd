"""Starting ``summarize review`` (issue 25, item 8): it leaves the briefs as the run wrote them when
there is nothing to apply, and the URL it prints is one the server answers."""

import re
from urllib.parse import urlsplit

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

from starlette.testclient import TestClient  # noqa: E402

from summarize.cli import review as server  # noqa: E402
from summarize.review.safety import allowed_hosts  # noqa: E402


def files(folder):
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir() if not p.name.startswith(".")}


def test_starting_the_app_on_a_fresh_folder_rewrites_no_brief(review_briefs):
    b = review_briefs
    before = files(b.out)
    args = server.build_parser().parse_args([str(b.out), "--reviewer", "bo", "--cache", str(b.cache)])
    app, store, folder = server.prepare(args)
    store.close()
    assert files(b.out) == before  # no "0/28 checked · not approved" written into every brief
    assert len(folder.articles) == 5


@pytest.mark.parametrize("host, local", [("0.0.0.0", "127.0.0.1"), ("127.0.0.1", "127.0.0.1"), ("::", "[::1]")])
def test_the_printed_url_is_one_the_server_answers(review_briefs, host, local):
    b = review_briefs
    args = server.build_parser().parse_args([str(b.out), "--host", host, "--cache", str(b.cache)])
    app, store, _ = server.prepare(args)
    try:
        sock = server.listen(host, 0)
    except OSError:
        store.close()
        pytest.skip(f"cannot listen on {host} here")
    try:
        url = server.url_of(sock, host)
        parts = urlsplit(url)
        assert parts.hostname in (local.strip("[]"),) and re.fullmatch(r"http://\S+:\d+/", url)
        assert parts.netloc.rsplit(":", 1)[0] in allowed_hosts(host)
        c = TestClient(app, base_url=url)
        assert c.get("/").status_code == 200  # the Host header the printed URL makes is accepted
    finally:
        sock.close()
        store.close()


def test_starting_the_app_renders_only_the_briefs_behind_the_database(review_briefs, monkeypatch):
    """Item 12: with reviews stored and the briefs up to date, a start renders no brief (20,000 briefs
    took 271 s to start); one brief behind the database is the one rendered again."""
    import json

    from summarize.briefs import markdown
    from summarize.review import briefs as review_briefs_module

    b = review_briefs
    args = server.build_parser().parse_args([str(b.out), "--reviewer", "bo", "--cache", str(b.cache)])
    _, store, _ = server.prepare(args)
    store.db.execute("INSERT INTO approvals VALUES ('nothing', 'x', 'bo', '2026-11-22T10:00:00Z', 1)")
    store.close()
    server.prepare(args)[1].close()  # the briefs now carry the stored reviews
    rendered = []
    render = markdown.render_brief
    monkeypatch.setitem(review_briefs_module.BRIEF_RENDERERS, "md",
                        lambda article, made_by: rendered.append(article.stem) or render(article, made_by))
    before = files(b.out)
    server.prepare(args)[1].close()
    assert rendered == [] and files(b.out) == before
    path = b.out / f"{b.stem}.json"  # a run's older file lands for one brief
    data = json.loads(path.read_text(encoding="utf-8"))
    data.pop("review", None)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    server.prepare(args)[1].close()
    assert rendered == [b.stem]
