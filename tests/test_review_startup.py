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
