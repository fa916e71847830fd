"""What the review app's forms carry in, the one home of their parsing: a change's form read within
its limits and refused without this server's CSRF token (``read_form``), and the version it names
(``form_version``).  The JSON of ``/api/check`` is read by its route (``app.live_check``)."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request

from summarize.review.reviewing import Reviewing
from summarize.review.safety import check_csrf

MAX_ENGLISH = 20_000  # characters of one unit's English


async def read_form(request: Request) -> dict[str, str]:
    # over these limits Starlette answers 400 itself
    form = await request.form(max_files=0, max_fields=16, max_part_size=4 * MAX_ENGLISH)
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    review: Reviewing = request.app.state.review
    refused = check_csrf(request.headers, values.get("csrf"), review.token, review.config.hosts,
                         request.url.scheme)
    if refused:
        raise HTTPException(403, refused)
    if len(values.get("en", "")) > MAX_ENGLISH:
        raise HTTPException(413, f"an English of more than {MAX_ENGLISH} characters is refused")
    return values


def form_version(values: dict[str, str]) -> int:
    try:
        return int(values.get("version", ""))
    except ValueError:
        raise HTTPException(400, "the form has no valid version; reload the page") from None
