"""The review app's pages, the one home of their rendering: the Jinja templates of ``templates/``
with the stylesheet inlined (``page``), and the message page every refusal and error is shown on
(``message``).  What each page shows is chosen by its route (``app``)."""

from __future__ import annotations

from pathlib import Path

import markupsafe
from starlette.requests import Request
from starlette.responses import HTMLResponse

from summarize.briefs.html import environment
from summarize.review.briefs import BriefError
from summarize.review.reviewing import Reviewing

REVIEW_TEMPLATES = Path(__file__).with_name("templates")


def page(name: str, status: int = 200, **context) -> HTMLResponse:
    css = markupsafe.Markup((REVIEW_TEMPLATES / "review.css").read_text(encoding="utf-8"))
    return HTMLResponse(environment(REVIEW_TEMPLATES).get_template(name).render(review_css=css, **context), status_code=status)


def message(request: Request, title: str, text: str, status: int, **extra) -> HTMLResponse:
    review: Reviewing = request.app.state.review
    return page("review_message.html.j2", status, title=title, text=text, made_by=made_by(review),
                token=review.token, **extra)


def made_by(review: Reviewing):
    """The provenance a page's footer signs with: the folder's, question marks while it cannot be read."""
    try:
        return review.reader.read().made_by
    except BriefError:
        from summarize.briefs.marks import Provenance

        return Provenance(model="?", backend="?", beam=0, device="?", summary="?")
