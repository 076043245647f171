"""The desk's forms and its basket (see ``desk``).

    /{lang}/desk/form/{what}      an authority, a designation, a channel rule, a language
                                  rule or a legal requirement, new (``?state=``,
                                  ``?authority=``, ``?designation=``,
                                  or an edit of the basket: ``?new_authority=n``,
                                  ``?new_designation=n``) or edited (``?id=``)
    POST /{lang}/desk/basket      submit the basket with a reason, drop it, or drop one edit

A valid form adds its edit to the basket (``basket``); an invalid one comes back with each
error next to its field. Each form is checked as submission will check it: the whole basket
run in order through ``editing.services.run`` on a write session rolled back at once.
Submission is ``editing.services.propose``: ONE change request holding every edit.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import RedirectResponse, Response

from directory.authorities import models as am
from directory.authorities import services as authorities
from directory.authorities.requirements import Requirement, requirement_source
from directory.db import WRITES
from directory.editing import inputs as i
from directory.editing import services
from directory.errors import Conflict, InputErrors, InvalidInput, NotFound, PermissionDenied
from directory.treaties import models as tm
from directory.web import basket, params, sheets
from directory.web.base import Page, PageNotFound
from directory.web.desk import _allowed, _desk_url, _gate, _jurisdiction, _mark, _posted, desk_page
from directory.web.desk_forms import KINDS, Current, build, cited
from directory.web.desk_read import read
from directory.web.labels import N_

__all__ = ["basket_form", "edit_form"]

_C = TypeVar("_C")
NO_REASON = N_("Say why: the secretariat reads your reason with the request.")
STALE_BASKET = N_(
    "An edit already in your basket no longer passes the directory's checks: drop it, "
    "then add this one again."
)
FULL = N_("The basket is full: submit the edits it holds first, then add more.")


async def _current(p: Page, what: str, ids: Mapping[str, str]) -> Current:
    """What the form edits, read from the query: ``id`` (edit), or what a new one hangs
    off (``state``, ``authority``, ``designation``)."""
    s = p.session

    def number(name: str) -> int | None:
        raw = params.text(ids, name, limit=12)
        if raw is None:
            return None
        if not (raw.isascii() and raw.isdigit()):
            raise params.BadParameter(name, raw, "bad_code")
        return int(raw)

    async def get(model: Any, key: int | None, name: str) -> Any:
        row = await s.get(model, key, populate_existing=True) if key is not None else None
        if row is None:
            raise PageNotFound(name, str(key))
        return row

    row_id = number("id")
    if what == "authority":
        if row_id is None:
            code = params.code(ids, "state") or p.principal.jurisdiction_code or ""
            j = await sheets.jurisdiction(s, code)
            if j is None:
                raise PageNotFound("State", code)
            return Current(what, j)
        a = await get(am.Authority, row_id, "authority")
        return Current(
            what,
            await _jurisdiction(s, a.jurisdiction_id),
            authority=a,
            names=list(await authorities.names_for(s, [a.id])),
            contacts=list(await authorities.contacts_for(s, [a.id])),
            cited=await cited(s, am.authority_source, a.id),
        )
    edits = basket.load(p.web.signer, p.signed_in, p.request)
    if what == "designation" and (n := number("new_authority")) is not None:
        creation = _in_basket(edits, n, i.CreateAuthority)
        return Current(what, await _state(s, creation.jurisdiction), authority_ref=i.ref(n))
    if what != "designation" and (n := number("new_designation")) is not None:
        d_new = _in_basket(edits, n, i.CreateDesignation)
        k = i.ref_index(d_new.authority_id)
        if k is not None:
            code = _in_basket(edits, k, i.CreateAuthority).jurisdiction
            return Current(what, await _state(s, code), designation_ref=i.ref(n))
        owner = await get(am.Authority, d_new.authority_id, "authority")
        j = await _jurisdiction(s, owner.jurisdiction_id)
        return Current(what, j, authority=owner, designation_ref=i.ref(n))
    if what == "designation":
        d = await get(am.Designation, row_id, "designation") if row_id is not None else None
        a = await get(am.Authority, d.authority_id if d else number("authority"), "authority")
        return Current(
            what,
            await _jurisdiction(s, a.jurisdiction_id),
            authority=a,
            designation=d,
            cited=await cited(s, am.designation_source, d.id) if d else [],
        )
    if what == "requirement":
        q = await get(Requirement, row_id, what) if row_id is not None else None
        if q is not None:
            j = await _jurisdiction(s, q.jurisdiction_id)
        else:
            j = await _state(s, params.code(ids, "state") or p.principal.jurisdiction_code or "")
        cites = await cited(s, requirement_source, q.id) if q else []
        return Current(what, j, requirement=q, cited=cites)
    model = am.ChannelRule if what == "channel-rule" else am.LanguageRule
    table = am.channel_rule_source if what == "channel-rule" else am.language_rule_source
    rule = await get(model, row_id, what) if row_id is not None else None
    d_id = rule.designation_id if rule else number("designation")
    d = await get(am.Designation, d_id, "designation") if d_id is not None else None
    a = await get(am.Authority, d.authority_id, "authority") if d else None
    if rule is not None:
        j = await _jurisdiction(s, rule.jurisdiction_id)
    elif a is not None:
        j = await _jurisdiction(s, a.jurisdiction_id)
    else:
        code = params.code(ids, "state") or p.principal.jurisdiction_code or ""
        found = await sheets.jurisdiction(s, code)
        if found is None:
            raise PageNotFound("State", code)
        j = found
    return Current(
        what,
        j,
        authority=a,
        designation=d,
        rule=rule,
        cited=await cited(s, table, rule.id) if rule else [],
    )


def _in_basket(edits: list[basket.Edit], n: int, kind: type[_C]) -> _C:
    """The basket's edit ``n``, which must be a ``kind`` (what a new row hangs off)."""
    change = edits[n].change if n < len(edits) else None
    if not isinstance(change, kind):
        raise PageNotFound("edit in the basket", str(n))
    return change


async def _state(session: AsyncSession, code: str) -> tm.Jurisdiction:
    found = await sheets.jurisdiction(session, code)
    if found is None:
        raise PageNotFound("State", code)
    return found


async def edit_form(p: Page) -> Response:
    if (away := _gate(p)) is not None:
        return away
    what = p.request.path_params["what"]
    if what not in KINDS:
        raise PageNotFound("form", what)
    c = await _current(p, what, p.params)
    if not _allowed(p, c.jurisdiction.id):
        return p.render("error.html", 403, forbidden=True)
    form = await build(p.session, c, p.gettext, p.now.date())
    if p.request.method == "GET":
        return _render_form(p, c, form)
    posted = await _posted(p)
    if isinstance(posted, Response):
        return posted
    shown = {k: f.value for k, f in form.fields().items() if f.kind != "checkbox" or f.value}
    asked = read(c, posted, p.now.date(), shown)
    edits = basket.load(p.web.signer, p.signed_in, p.request)
    added = [*edits, basket.Edit(i.to_payload(asked.change), asked.what)]
    problems = await _check(p, [e.change for e in added])
    if problems and edits and await _check(p, [e.change for e in edits]):
        # the basket itself no longer passes (the entry moved): say so, not at a field
        form.general.append(p.gettext(STALE_BASKET))
        problems = [InvalidInput(x.message) for x in problems]
    if problems is None:
        return p.render("error.html", 403, forbidden=True)
    assert p.signed_in is not None
    if not problems and not asked.local and not basket.fits(p.web.signer, p.signed_in, added):
        form.general.append(p.gettext(FULL))
    if problems or asked.local or form.general:
        form.fill(posted)
        for key, message in asked.local:
            form.add_error(key, p.gettext(message))
        form.add_errors(problems, asked.rows)
        return _render_form(p, c, form, status=400)
    response = RedirectResponse(_desk_url(p, c.jurisdiction.code), status_code=303)
    basket.store(response, p.request, p.web.signer, p.signed_in, added)
    return response


async def _check(p: Page, changes: list[i.Change]) -> list[InvalidInput] | None:
    """The problems of the basket's last edit, checked as submission will check it: the
    whole basket applied in order (so that an edit may name what an earlier one creates,
    ``inputs.ref``) on a write session of its own that is rolled back, nothing kept. None
    when the reader may not make these edits."""
    async with p.web.sessionmaker(execution_options={WRITES: True}) as checking:
        try:
            await services.run(
                checking, p.principal, changes, reason=None, change_request_id=None, now=p.now
            )
            return []
        except InputErrors as exc:
            return list(exc.problems)
        except InvalidInput as exc:
            return [exc]
        except NotFound as exc:
            return [InvalidInput(str(exc), field=getattr(exc, "field", []))]
        except Conflict as exc:
            return [InvalidInput(str(exc))]
        except PermissionDenied:
            return None
        finally:
            await checking.rollback()


def _render_form(p: Page, c: Current, form: Any, *, status: int = 200) -> Response:
    return p.render(
        "desk_form.html",
        status,
        current=c,
        form=form,
        action=p.request.url.path + (f"?{p.request.url.query}" if p.request.url.query else ""),
        desk_url=_desk_url(p, c.jurisdiction.code),
        title=_TITLES[c.what][c.row is not None],
    )


_TITLES = {
    "authority": (N_("New authority"), N_("Edit the authority")),
    "designation": (N_("New designation"), N_("Edit the designation")),
    "channel-rule": (N_("New channel rule"), N_("Edit the channel rule")),
    "language-rule": (N_("New language rule"), N_("Edit the language rule")),
    "requirement": (N_("New legal requirement"), N_("Edit the legal requirement")),
}


# -- the basket ----------------------------------------------------------------------------


async def basket_form(p: Page) -> Response:
    if (away := _gate(p)) is not None:
        return away
    posted = await _posted(p)
    if isinstance(posted, Response):
        return posted
    assert p.signed_in is not None
    code = params.code(posted, "state", required=True) or ""
    edits = basket.load(p.web.signer, p.signed_in, p.request)
    action = params.text(posted, "action", limit=20) or ""
    if action == "drop":
        edits = []
    elif action.startswith("remove-") and action[7:].isdigit():
        edits = [e for n, e in enumerate(edits) if n != int(action[7:])]
    elif action == "submit":
        return await _submit(p, code, edits, params.text(posted, "reason", limit=2100) or "")
    else:
        raise params.BadParameter("action", action, "bad_code")
    response = RedirectResponse(_desk_url(p, code), status_code=303)
    basket.store(response, p.request, p.web.signer, p.signed_in, edits)
    return response


async def _submit(p: Page, code: str, edits: list[basket.Edit], reason: str) -> Response:
    assert p.signed_in is not None
    if not edits:
        return RedirectResponse(_desk_url(p, code), status_code=303)
    if not reason:
        return await _again(p, code, p.gettext(NO_REASON), reason)
    async with await p.writer() as session:
        try:
            outcome = await services.propose(
                session,
                p.principal,
                [e.change for e in edits],
                settings=p.web.settings,
                reason=reason,
                now=p.now,
            )
        except (InvalidInput, NotFound, Conflict) as exc:
            await session.rollback()
            message = "; ".join(x.message for x in getattr(exc, "problems", [exc]))
            return await _again(p, code, message, reason)
        except PermissionDenied:
            await session.rollback()
            return p.render("error.html", 403, forbidden=True)
        await session.commit()
    request = outcome.change_request
    applied = _desk_url(p, code) + _mark(p, code, "applied")
    where = p.url(f"/desk/requests/{request.id}") if request else applied
    response = RedirectResponse(where, status_code=303)
    basket.store(response, p.request, p.web.signer, p.signed_in, [])
    return response


async def _again(p: Page, code: str, problem: str, reason: str) -> Response:
    """The desk again, the basket kept, with what stopped its submission."""
    return await desk_page(p, status=400, code=code, problem=problem, reason=reason)
