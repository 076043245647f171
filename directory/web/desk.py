"""A State focal point's desk: "my State", its forms, its basket, its requests.

    /{lang}/desk                  the State's authorities with their designations, channel
                                  and language rules, requirements; the freshness of each
                                  entry; the gaps the coverage report shows; the State's
                                  change requests; the basket; "all my entries are still
                                  right" (the secretariat names a State: ``?state=FRA``)
    POST /{lang}/desk/confirm     ``editing.freshness.confirm_entries``
    /{lang}/desk/form/{what}      the forms, and POST /{lang}/desk/basket: ``desk_edit``
    /{lang}/desk/requests/{id}    one request: its status, the reviewer's answer, in words

Every edit goes through the API's services: ``editing.services.prepare`` when it is added
(authorization, validation, version check; nothing written), ``propose`` when the basket
is sent: its edits become ONE change request for the secretariat (applied at once for the
secretariat itself), checked together as approval will apply them. An editor
reaches only their own State and its territories (403 elsewhere); a reader with no
person signed in is sent to sign in. Every form carries the session's CSRF token.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import RedirectResponse, Response

from directory.accounts.permissions import Permission
from directory.authorities import services as authorities
from directory.coverage import Scope, coverage
from directory.editing.describe import describe
from directory.editing.freshness import confirm_entries
from directory.editing.models import ChangeRequest, ChangeStatus
from directory.editing.review import change_requests, may_see
from directory.errors import (
    NotFound,
    PermissionDenied,
)
from directory.treaties import models as tm
from directory.treaties import services as treaties
from directory.web import basket, params, sheets
from directory.web.account import _id, _signed_out
from directory.web.base import Page, PageNotFound
from directory.web.review import STATUSES, _returned, _rows, kind_name

__all__ = ["confirm_form", "desk_page", "request_page"]

MAX_FIELDS = 200
REQUESTS_SHOWN = 50


async def _posted(p: Page) -> dict[str, str] | Response:
    """The posted form as text fields, or the 403 page when its CSRF token is wrong."""
    form = await p.request.form(max_files=0, max_fields=MAX_FIELDS)
    posted = {k: v for k, v in form.items() if isinstance(v, str)}
    assert p.signed_in is not None
    if not p.web.signer.csrf_ok(p.signed_in.nonce, posted.get("csrf")):
        return p.render("error.html", 403, csrf_refused=True)
    return posted


def _gate(p: Page) -> Response | None:
    if (away := _signed_out(p)) is not None:
        return away
    if Permission.AUTHORITY_WRITE not in p.principal.permissions:
        return p.render("error.html", 403, forbidden=True)
    return None


def _allowed(p: Page, jurisdiction_id: int) -> bool:
    return p.principal.has(Permission.AUTHORITY_WRITE, jurisdiction_id)


def _desk_url(p: Page, code: str) -> str:
    mine = p.principal.jurisdiction_code == code
    return p.url("/desk" if mine else f"/desk?state={code}")


# -- the desk ------------------------------------------------------------------------------


async def desk_page(
    p: Page,
    *,
    status: int = 200,
    code: str | None = None,
    problem: str | None = None,
    reason: str = "",
) -> Response:
    if (away := _gate(p)) is not None:
        return away
    await p.session.rollback()  # a fresh snapshot: what a write of this request committed
    code = code or params.code(p.params, "state") or p.principal.jurisdiction_code
    if code is None:  # the secretariat, before it names a State
        return p.render("desk.html", sheet=None, edits=[])
    j = await sheets.jurisdiction(p.session, code)
    if j is None:
        raise PageNotFound("State", code)
    if not _allowed(p, j.id):
        return p.render("error.html", 403, forbidden=True)
    today = p.now.date()
    stale_days = p.web.settings.stale_after_days
    sheet = await sheets.state_sheet(p.session, p.principal, j, p.lang.code, today, stale_days)
    codes = [j.code, *(t.code for t, _n in sheet.territories)]
    report = await coverage(
        p.session, as_of=today, stale_after_days=stale_days, scope=Scope(codes=codes)
    )
    ids = {j.id, *(t.id for t, _n in sheet.territories)}
    held = await change_requests(p.session, p.principal)
    requests = [r for r in held if r.jurisdiction_id in ids]
    requests.sort(key=lambda r: r.id, reverse=True)
    edits = basket.load(p.web.signer, p.signed_in, p.request)
    return p.render(
        "desk.html",
        status,
        sheet=sheet,
        state=j.code,
        gaps=report.states,
        requests=requests[:REQUESTS_SHOWN],
        edits=edits,
        kind_name=lambda kind: kind_name(p, kind),
        status_name=lambda s: p.gettext(STATUSES[ChangeStatus(s)]),
        language_name=authorities.language_name,
        problem=problem,
        reason=reason,
        desk_url=_desk_url(p, j.code),
        max_edits=basket.MAX_EDITS,
    )


async def confirm_form(p: Page) -> Response:
    if (away := _gate(p)) is not None:
        return away
    posted = await _posted(p)
    if isinstance(posted, Response):
        return posted
    code = params.code(posted, "state", required=True) or ""
    async with await p.writer() as session:
        try:
            await confirm_entries(session, p.principal, code, now=p.now)
        except PermissionDenied:
            await session.rollback()
            return p.render("error.html", 403, forbidden=True)
        except NotFound:
            raise PageNotFound("State", code) from None
        await session.commit()
    return RedirectResponse(_desk_url(p, code) + _mark(p, code, "confirmed"), status_code=303)


def _mark(p: Page, code: str, what: str) -> str:
    return ("&" if "?" in _desk_url(p, code) else "?") + f"done={what}"


async def _jurisdiction(session: AsyncSession, jurisdiction_id: int) -> tm.Jurisdiction:
    found = await treaties.jurisdictions_by_ids(session, [jurisdiction_id])
    return found[0]


# -- one request ---------------------------------------------------------------------------


async def request_page(p: Page) -> Response:
    if (away := _signed_out(p)) is not None:
        return away
    request_id = _id(p, "id")
    request = await p.session.get(ChangeRequest, request_id, populate_existing=True)
    if request is None:
        raise PageNotFound("change request", str(request_id))
    if not may_see(p.principal, request):
        return p.render("error.html", 403, forbidden=True)
    state = await _jurisdiction(p.session, request.jurisdiction_id)
    changes = [
        {"kind": kind_name(p, d.kind), "rows": _rows(p, d)}
        for d in await describe(p.session, request)
    ]
    moved = [_returned(p, c) for c in request.conflicts or ()]
    return p.render(
        "desk_request.html",
        moved=moved,
        cr=request,
        state=state.code,
        changes=changes,
        status_name=p.gettext(STATUSES[request.status]),
        desk_url=_desk_url(p, state.code),
    )
