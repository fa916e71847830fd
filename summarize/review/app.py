"""The review web app: Starlette routes over one briefs folder and its review database.

Routes (every change is a POST carrying the CSRF token; see ``safety``):

``GET /``                              needs attention: the day's unchecked units, most important first
                                       (``?check=`` a group, ``?brief=`` a stem, ``?story=`` N of the daily
                                       brief, ``?page=`` N: PAGE rows each)
``GET /brief/{stem}``                  one brief: pairs, alternatives, repair history, edit boxes
``POST /brief/{stem}/unit/{unit}``     save a unit's English and checked state (form: en, checked,
                                       version) -> 303 back to the brief; 409 on a conflict
``POST /brief/{stem}/unit/{unit}/term`` add a key term of the unit's Arabic to the reviewers' glossary
                                       (form: term_ar, term_en, notes) -> 303 back; every brief re-rendered
``GET /glossary.tsv``                  the reviewers' glossary as the TSV ``--glossary FILE`` reads
``POST /brief/{stem}/approval``        approve or withdraw (form: action, fingerprint, version)
``POST /api/check``                    the number check of an edited English, and the other checks of
                                       the unit (JSON in and out)
``GET /files/{name}``                  a brief file of the folder (only names of its briefs)
``GET /review.js``                     the pages' one script

What a route works on (the folder, the database, re-rendering the files after a change) is
``reviewing``; its pages are rendered by ``pages`` and its forms read by ``forms``.
"""

from __future__ import annotations

import math
from urllib.parse import quote, urlencode

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from summarize import checks
from summarize.briefs.marks import METHODS
from summarize.review import alternatives, queue
from summarize.review.briefs import BriefError, Folder, read_inside
from summarize.review.forms import MAX_ENGLISH, form_version, read_form
from summarize.review.pages import REVIEW_TEMPLATES, made_by, message, page
from summarize.review.reviewing import Config, Reviewing
from summarize.review.safety import FILE_CSP, BodyLimit, SecurityHeaders, check_csrf
from summarize.review.state import fingerprint, number_checks, unresolved
from summarize.review.schema import ReviewDbError
from summarize.review.store import Conflict, ReviewStore, glossary_tsv
from summarize.review.units import Gone, TermRefused, add_term, arabic_tag, save_unit, unit_rows

PAGE = 100  # rows of each group, and briefs, on one page of "needs attention"
MEDIA = {"html": "text/html; charset=utf-8", "md": "text/markdown; charset=utf-8",
         "json": "application/json; charset=utf-8"}


async def needs_attention(request: Request) -> Response:
    review: Reviewing = request.app.state.review
    folder, state = await run_in_threadpool(review.folder)
    await run_in_threadpool(review.heal, folder, [a.stem for a in folder.articles])
    names = [name for name, _ in queue.GROUPS]
    check = request.query_params.get("check")
    check = queue.ALIASES.get(check or "", check)
    check = check if check in names else None
    brief = request.query_params.get("brief") or None
    try:
        number = max(1, int(request.query_params.get("page", "1")))
    except ValueError:
        number = 1
    try:
        story = int(request.query_params.get("story", "0"))
    except ValueError:
        story = 0
    story = story if 0 < story <= len(folder.story_stems) else 0
    articles = folder.articles
    if story:
        members = set(folder.story_stems[story - 1])
        articles = [a for a in articles if a.stem in members]
    if brief:
        articles = [a for a in articles if a.stem == brief]
    story_of = {stem: number for number, stems in enumerate(folder.story_stems, 1) for stem in stems}
    items = queue.needs_attention(articles)
    counts = {name: len(items[name]) for name in names}
    groups = [(name, label) for name, label in queue.GROUPS if check in (None, name)]
    progress = queue.progress(articles)
    pages = max([1, math.ceil(len(progress) / PAGE)] + [math.ceil(counts[name] / PAGE) for name, _ in groups])
    number = min(number, pages)
    window = slice((number - 1) * PAGE, number * PAGE)

    def link(**change) -> str:
        query = {"check": check, "brief": brief, "story": story, "page": number} | change
        return "/?" + urlencode({k: v for k, v in query.items() if v and not (k == "page" and v == 1)})

    return page("review_queue.html.j2", folder=folder, made_by=folder.made_by, groups=groups,
                all_groups=queue.GROUPS, items={name: items[name][window] for name, _ in groups}, counts=counts,
                explained=queue.EXPLAINED, checks=[name for name, _ in queue.CHECK_GROUPS],
                waiting=queue.waiting(articles),
                progress=progress[window], briefs=len(articles), check=check, brief=brief, story=story,
                story_of=story_of, number=number,
                pages=pages, link=link, orphans=queue.orphans(folder.articles, state),
                lost=[a for a in folder.articles if a.review is not None and a.review.lost],
                reviewer=review.config.reviewer,
                token=review.token)


def _article(folder: Folder, stem: str):
    article = folder.article(stem)
    if article is None:
        raise HTTPException(404, f"there is no brief {stem!r} in {folder.path}")
    return article


async def brief_page(request: Request) -> Response:
    review: Reviewing = request.app.state.review
    stem = request.path_params["stem"]

    def build():
        folder, state = review.folder()
        article = _article(folder, stem)
        review.heal(folder, [stem])
        found = alternatives.lookup(review.config.cache, article.units)
        approval = state.approvals.get(stem)
        return folder, article, unit_rows(article, found), approval, state.terms

    folder, article, rows, approval, terms = await run_in_threadpool(build)
    return page("review_brief.html.j2", folder=folder, made_by=folder.made_by, article=article, rows=rows,
                unresolved=unresolved(article), fingerprint=fingerprint(article),
                approval_version=approval.version if approval else 0, reviewer=review.config.reviewer,
                token=review.token, saved=request.query_params.get("saved"),
                problem=request.query_params.get("problem"), tag=arabic_tag, repair_method=METHODS.get,
                terms=terms, term=request.query_params.get("term"), checks_of=queue.checks_of)


async def save(request: Request) -> Response:
    review: Reviewing = request.app.state.review
    values = await read_form(request)
    stem, unit_id = request.path_params["stem"], request.path_params["unit"]
    en, checked, version = values.get("en", ""), values.get("checked") == "on", form_version(values)
    try:
        await run_in_threadpool(save_unit, review, stem, unit_id, values.get("arabic", ""), en, checked,
                                 version)
    except Gone as gone:
        return message(request, "This sentence is no longer in the brief", str(gone), 404, yours=en)
    except ReviewDbError as error:  # read-only, locked for long, removed: what was typed is shown back
        return message(request, "Not saved", f"Your correction could not be saved: {error}. Your text is below: "
                       "copy it, and save it again once the database can be written.", 503, yours=en,
                       back=f"/brief/{quote(stem)}#{quote(unit_id)}")
    except Conflict as conflict:
        return page("review_conflict.html.j2", 409, made_by=made_by(review), token=review.token, stem=stem,
                    unit_id=unit_id, theirs=conflict.current, yours=en, checked=checked, tag=values.get("arabic", ""))
    problem = await review.rerender_soon([stem])
    query = f"saved={unit_id}" + ("&problem=1" if problem else "")
    return RedirectResponse(f"/brief/{quote(stem)}?{query}#{quote(unit_id)}", status_code=303)


async def term(request: Request) -> Response:
    """Add a key term of a unit's Arabic to the reviewers' glossary; every brief is re-rendered (the
    ``terms`` check asks it of every unit)."""
    review: Reviewing = request.app.state.review
    values = await read_form(request)
    stem, unit_id = request.path_params["stem"], request.path_params["unit"]
    ar, en, notes = (values.get(k, "") for k in ("term_ar", "term_en", "notes"))
    back = f"/brief/{quote(stem)}#{quote(unit_id)}"
    try:
        record = await run_in_threadpool(add_term, review, stem, unit_id, values.get("arabic", ""), ar, en, notes)
    except Gone as gone:
        return message(request, "This sentence is no longer in the brief", str(gone), 404, back=back)
    except TermRefused as refused:
        return message(request, "Not added to the glossary", str(refused), 400, back=back)
    except ReviewDbError as error:
        return message(request, "Not saved", f"The term could not be saved: {error}.", 503, back=back)
    problem = await review.rerender_soon(None)
    query = urlencode({"saved": "term", "term": f"{record.ar} = {record.en}"} | ({"problem": "1"} if problem else {}))
    return RedirectResponse(f"/brief/{quote(stem)}?{query}#{quote(unit_id)}", status_code=303)


async def glossary_file(request: Request) -> Response:
    review: Reviewing = request.app.state.review
    state = await run_in_threadpool(review.state)
    return Response(glossary_tsv(state.terms), media_type="text/tab-separated-values; charset=utf-8",
                    headers={"content-security-policy": FILE_CSP,
                             "content-disposition": 'attachment; filename="glossary.tsv"'})


async def approval(request: Request) -> Response:
    review: Reviewing = request.app.state.review
    values = await read_form(request)
    stem, action, version = request.path_params["stem"], values.get("action"), form_version(values)

    def change():
        folder, _ = review.folder()
        article = _article(folder, stem)
        if action == "withdraw":
            with review.db_lock:
                review.store.withdraw(article=stem, reviewer=review.config.reviewer, expected_version=version)
            return ""
        if values.get("fingerprint") != fingerprint(article):
            return "The brief changed since you loaded it (another tab, or a summarize run): look again, then approve."
        waiting = unresolved(article)
        if waiting:
            return f"Not approved: flagged numbers not checked yet in {', '.join(u.id for u in waiting)}."
        with review.db_lock:
            review.store.approve(article=stem, fingerprint=fingerprint(article), reviewer=review.config.reviewer,
                                 expected_version=version)
        return ""

    try:
        refused = await run_in_threadpool(change)
    except Conflict:
        refused = "The approval was changed in another tab since you loaded this page: look again."
    except ReviewDbError as error:
        return message(request, "Not saved", f"The approval could not be saved: {error}.", 503,
                       back=f"/brief/{quote(stem)}")
    if refused:
        return message(request, "Not approved", refused, 409, back=f"/brief/{quote(stem)}")
    await review.rerender_soon([stem])
    return RedirectResponse(f"/brief/{quote(stem)}?saved=approval#approval", status_code=303)


async def live_check(request: Request) -> Response:
    review: Reviewing = request.app.state.review
    refused = check_csrf(request.headers, request.headers.get("x-csrf-token"), review.token, review.config.hosts,
                         request.url.scheme)
    if refused:
        return JSONResponse({"error": refused}, status_code=403)
    try:
        data = await request.json()
        stem, unit_id, en = data["stem"], data["unit"], data["en"]
        if not all(isinstance(v, str) for v in (stem, unit_id, en)) or len(en) > MAX_ENGLISH:
            raise TypeError
    except (ValueError, KeyError, TypeError, RecursionError):  # RecursionError: JSON nested past Python's stack
        return JSONResponse({"error": "send {stem, unit, en} as JSON strings"}, status_code=400)
    folder = await run_in_threadpool(review.reader.read)
    article = folder.article(stem)
    unit = next((u for u in article.units if u.id == unit_id), None) if article else None
    if unit is None:
        return JSONResponse({"error": f"no unit {unit_id} in {stem}"}, status_code=404)
    numbers = number_checks(unit.ar, en)
    state = await run_in_threadpool(review.state)
    # the checks beyond numbers of this one unit (names across the day are seen once it is saved)
    flags = checks.run(unit.ar, en, checks.Context(glossary=state.glossary)) if en.strip() else []
    return JSONResponse({"ok": all(n.status == "verified" for n in numbers),
                         "numbers": [{"ar": n.ar, "en": n.en, "status": n.status} for n in numbers],
                         "checks": [{"check": f.check, "note": f.note} for f in flags]})


async def brief_file(request: Request) -> Response:
    review: Reviewing = request.app.state.review
    name = request.path_params["name"]
    folder = await run_in_threadpool(review.reader.read)
    names = {f"{stem}.{fmt}" for stem, formats in folder.formats.items() for fmt in formats}
    if name not in names:  # only the briefs themselves: no other path is ever opened
        raise HTTPException(404, "not a brief of this folder")
    try:  # and only as files of the folder: a brief that is a link (to /etc/passwd, the database) is not one
        body = await run_in_threadpool(read_inside, folder.path, name)
    except OSError:
        raise HTTPException(404, "not a brief of this folder") from None
    return Response(body, media_type=MEDIA[name.rpartition(".")[2]], headers={"content-security-policy": FILE_CSP})


async def no_icon(request: Request) -> Response:
    return Response(status_code=204)  # browsers ask for one; the pages load nothing else


async def script(request: Request) -> Response:
    return Response((REVIEW_TEMPLATES / "review.js").read_bytes(), media_type="text/javascript; charset=utf-8")


async def _http_error(request: Request, error: HTTPException) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": error.detail}, status_code=error.status_code)
    titles = {400: "Bad request", 403: "Refused", 404: "Not found", 405: "Not allowed", 413: "Too large"}
    return message(request, titles.get(error.status_code, "Error"), str(error.detail), error.status_code)


async def _folder_error(request: Request, error: Exception) -> Response:
    return message(request, "The briefs cannot be reviewed", str(error), 503)


def create_app(config: Config, store: ReviewStore) -> Starlette:
    routes = [
        Route("/", needs_attention, methods=["GET"]),
        Route("/brief/{stem}", brief_page, methods=["GET"]),
        Route("/brief/{stem}/unit/{unit}", save, methods=["POST"]),
        Route("/brief/{stem}/unit/{unit}/term", term, methods=["POST"]),
        Route("/glossary.tsv", glossary_file, methods=["GET"]),
        Route("/brief/{stem}/approval", approval, methods=["POST"]),
        Route("/api/check", live_check, methods=["POST"]),
        Route("/files/{name}", brief_file, methods=["GET"]),
        Route("/review.js", script, methods=["GET"]),
        Route("/favicon.ico", no_icon, methods=["GET"]),
    ]
    middleware = [Middleware(SecurityHeaders), Middleware(TrustedHostMiddleware, allowed_hosts=config.hosts),
                  Middleware(BodyLimit)]
    # ignore[dict-item]: Starlette types every handler as taking any Exception; Starlette calls this
    # one with the HTTPException it is registered for
    app = Starlette(routes=routes, middleware=middleware,
                    exception_handlers={HTTPException: _http_error,  # type: ignore[dict-item]
                                        BriefError: _folder_error,
                                        ReviewDbError: _folder_error})
    app.state.review = Reviewing(config, store)
    return app
