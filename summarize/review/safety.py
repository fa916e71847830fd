"""The review app's safety rules, as small ASGI pieces around the routes.

* ``allowed_hosts``: the Host header must name this machine (127.0.0.1,
  localhost, [::1], or what ``--host``/``--allowed-host`` add), so a page on
  another site cannot reach the app through DNS rebinding (Starlette's
  ``TrustedHostMiddleware`` refuses the rest with 400).
* ``BodyLimit``: a request body over ``MAX_BODY`` bytes is refused with 413,
  whether it says its length or streams it.
* ``SecurityHeaders``: no caching, no framing, no referrer to other sites (``no-referrer``
  would make Chromium send ``Origin: null`` on the app's own forms), no MIME sniffing,
  and a Content-Security-Policy under which only the app's own script runs
  (article text is escaped by the templates; the policy is the second line).
* ``check_csrf``: every change carries the server's token (a form field or
  the ``X-CSRF-Token`` header) and, when the browser sends one, an Origin that
  is this server's own: scheme, host and port.  The token is made fresh each time the server starts.
"""

from __future__ import annotations

import hmac
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse

MAX_BODY = 256 * 1024  # a form with one sentence's English is a few KiB
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")

CSP = ("default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
# the briefs themselves are served as static documents: nothing in them may run
FILE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'"


def allowed_hosts(host: str, extra: list[str] | None = None) -> list[str]:
    names = list(LOCAL_HOSTS)
    if host not in ("0.0.0.0", "::", ""):
        names.append(f"[{host}]" if ":" in host and not host.startswith("[") else host)
    return list(dict.fromkeys(names + list(extra or ())))


def is_local(host: str) -> bool:
    return host in ("127.0.0.1", "localhost", "::1", "[::1]") or host.startswith("127.")


class _TooLarge(Exception):
    pass


class BodyLimit:
    """Refuse request bodies larger than ``max_bytes`` (413)."""

    def __init__(self, app, max_bytes: int = MAX_BODY) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = Headers(scope=scope).get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            await self._refuse(scope, receive, send)
            return
        seen = 0
        started = False

        async def limited():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge
            return message

        async def tracking(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited, tracking)
        except _TooLarge:
            if not started:
                await self._refuse(scope, receive, send)

    async def _refuse(self, scope, receive, send) -> None:
        response = PlainTextResponse(f"request too large (at most {self.max_bytes} bytes)", status_code=413)
        await response(scope, receive, send)


class SecurityHeaders:
    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message):
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                present = {name.lower() for name, _ in headers}
                for name, value in ((b"content-security-policy", CSP), (b"x-content-type-options", "nosniff"),
                                    (b"x-frame-options", "DENY"), (b"referrer-policy", "same-origin"),
                                    (b"cache-control", "no-store")):
                    if name not in present:
                        headers.append((name, value.encode()))
            await send(message)

        await self.app(scope, receive, with_headers)


DEFAULT_PORTS = {"http": 80, "https": 443}


def _origin(scheme: str, host: str, port: int | None) -> tuple[str, str, int | None]:
    scheme = scheme.lower()
    shown = f"[{host}]" if ":" in host else host
    return scheme, shown.lower(), port if port is not None else DEFAULT_PORTS.get(scheme)


def own_origin(scheme: str, host_header: str) -> tuple[str, str, int | None] | None:
    """This server's origin as the request reached it: its scheme and the Host header (already one of
    the allowed hosts), the port made explicit."""
    try:
        parts = urlsplit(f"{scheme}://{host_header}")
        return _origin(scheme, parts.hostname or "", parts.port)
    except ValueError:
        return None


def check_csrf(headers: Headers, sent: str | None, token: str, hosts: list[str], scheme: str = "http") -> str | None:
    """Why a change request is refused (``None``: it may go on).  An Origin, when the browser sends
    one, must be this server's own: the same scheme, host and port (``http://127.0.0.1:1`` or
    ``https://localhost:9999`` is another site, whatever its host name)."""
    origin = headers.get("origin")
    if origin is not None:
        try:
            parts = urlsplit(origin)
            theirs = _origin(parts.scheme, parts.hostname or "", parts.port)
        except ValueError:
            theirs = None
        own = own_origin(scheme, headers.get("host", ""))
        if origin == "null" or theirs is None or theirs != own or theirs[1] not in hosts:
            return f"a change from another site ({origin}) is refused"
    if not sent or not hmac.compare_digest(sent.encode(), token.encode()):
        return ("this page is out of date (the review server was restarted, or the request did not come from "
                "its pages): reload the page and try again")
    return None
