"""The secretariat's review desk: the queue of change requests and one request in words.

    /{lang}/review              pending requests (or all, applied, rejected), oldest first,
                                filtered by State and age, paged (``editing.queue``)
    /{lang}/review/{id}         the request side by side, before and after, in words
                                (``editing.describe``), its reason, who and when, and the
                                forms Approve and Reject (a reason required)
    POST …/{id}/approve|reject  through ``editing.review``: the API's services, so the
                                same validation, version check and audit revisions

Secretariat only, with the console's refusals: no person signed in is sent to the sign-in
page, anyone else gets the 403 page. Every form carries the session's CSRF token. An
approval that finds a field the request changes moved since it was made is answered 409:
the request is marked CONFLICT (back to its editor), with each such field's value then,
now and proposed.
"""

from __future__ import annotations

from typing import Any

from babel import Locale
from starlette.responses import RedirectResponse, Response

from directory.accounts.permissions import Permission
from directory.editing.describe import Described, Word, describe
from directory.editing.inputs import ChangeKind
from directory.editing.models import ChangeRequest, ChangeStatus
from directory.editing.queue import MAX_LIMIT, queue
from directory.editing.review import approve, reject
from directory.errors import Conflict, InvalidInput, NotFound, StaleVersion
from directory.treaties.models import Jurisdiction
from directory.web import labels, params
from directory.web.account import _form, _id, _signed_out
from directory.web.base import Page, PageNotFound
from directory.web.labels import N_
from directory.web.params import BadParameter
from directory.web.signin import _field

__all__ = ["approve_form", "kind_name", "reject_form", "review_queue", "review_request"]

PAGE_SIZE = 20
REASON_MAX = 2000

KINDS = {
    ChangeKind.CREATE_AUTHORITY: N_("New authority"),
    ChangeKind.UPDATE_AUTHORITY: N_("Authority changed"),
    ChangeKind.RETIRE_AUTHORITY: N_("Authority retired"),
    ChangeKind.CREATE_DESIGNATION: N_("New designation"),
    ChangeKind.UPDATE_DESIGNATION: N_("Designation changed"),
    ChangeKind.REMOVE_DESIGNATION: N_("Designation removed"),
    ChangeKind.CREATE_CHANNEL_RULE: N_("New channel rule"),
    ChangeKind.UPDATE_CHANNEL_RULE: N_("Channel rule changed"),
    ChangeKind.REMOVE_CHANNEL_RULE: N_("Channel rule removed"),
    ChangeKind.CREATE_LANGUAGE_RULE: N_("New language rule"),
    ChangeKind.UPDATE_LANGUAGE_RULE: N_("Language rule changed"),
    ChangeKind.REMOVE_LANGUAGE_RULE: N_("Language rule removed"),
    ChangeKind.CREATE_REQUIREMENT: N_("New legal requirement"),
    ChangeKind.UPDATE_REQUIREMENT: N_("Legal requirement changed"),
    ChangeKind.REMOVE_REQUIREMENT: N_("Legal requirement removed"),
}
BATCH_NAME = N_("Several changes")  # a request holding several changes (``inputs.BATCH``)
STATUSES = {
    ChangeStatus.PENDING: N_("Pending"),
    ChangeStatus.APPLIED: N_("Approved and applied"),
    ChangeStatus.REJECTED: N_("Rejected"),
    ChangeStatus.CONFLICT: N_("Returned to the editor (conflict)"),
}
FIELDS = {
    "names": N_("Names"),
    "street_address": N_("Street address"),
    "city": N_("City"),
    "postal_code": N_("Postal code"),
    "website": N_("Website"),
    "time_zone": N_("Time zone"),
    "office_hours": N_("Office hours"),
    "contacts": N_("Contacts"),
    "notes": N_("Notes"),
    "verification": N_("Verification"),
    "sources": N_("Sources"),
    "subject": N_("Subject"),
    "direction": N_("Direction"),
    "provision": N_("Provision"),
    "stage": N_("Procedural stage"),
    "matter": N_("Matter"),
    "territory": N_("Territory"),
    "subdivision": N_("Subdivision"),
    "residual": N_("Residual (when no other authority is designated)"),
    "priority": N_("Priority"),
    "designated_under": N_("Designated under"),
    "channel": N_("Channel"),
    "permission": N_("Permission"),
    "designation": N_("Designation"),
    "instrument": N_("Instrument"),
    "urgent_only": N_("Urgent requests only"),
    "prior_agreement_required": N_("Prior agreement required"),
    "written_confirmation_required": N_("Written confirmation required"),
    "original_to_follow": N_("The original must follow"),
    "original_within_days": N_("Original within (days)"),
    "preference": N_("Preference"),
    "condition": N_("Condition"),
    "language": N_("Language"),
    "kind": N_("Kind"),
    "status": N_("Status"),
    "measure": N_("Measure"),
    "basis_condition": N_("Condition on the legal basis"),
    "text": N_("Text"),
    "url": N_("Link to the legislation or guide"),
}
_YES_NO = {"true": N_("yes"), "false": N_("no")}
_ORIGINAL = N_("original")
_OPEN = ("subject", "stage", "matter", "channel")


def kind_name(p: Page, kind: str) -> str:
    """A request's kind in words (several changes: ``BATCH_NAME``)."""
    if kind in ChangeKind.__members__:
        label = KINDS.get(ChangeKind(kind))
        return p.gettext(label) if label else kind  # a kind with no words yet: its code
    return p.gettext(BATCH_NAME)


def _refused(p: Page) -> Response | None:
    if (away := _signed_out(p)) is not None:
        return away
    if not p.principal.has(Permission.CHANGE_REVIEW):
        return p.render("error.html", 403, forbidden=True)
    return None


def _number(p: Page, name: str, *, default: int | None, high: int) -> int | None:
    raw = params.text(p.params, name, limit=10)
    if raw is None:
        return default
    if not (raw.isascii() and raw.isdigit()) or int(raw) > high:
        raise BadParameter(name, raw, "bad_code")
    return int(raw)


async def review_queue(p: Page) -> Response:
    if (away := _refused(p)) is not None:
        return away
    state = params.code(p.params, "state")
    older = _number(p, "older_than", default=None, high=36_500)
    per = _number(p, "per", default=PAGE_SIZE, high=MAX_LIMIT) or PAGE_SIZE
    number = max(_number(p, "page", default=1, high=100_000) or 1, 1)
    shown = params.vocabulary_code(p.params, "status") or ChangeStatus.PENDING.value
    if shown != "ALL" and shown not in ChangeStatus.__members__:
        raise BadParameter("status", shown, "bad_code")
    found = await queue(
        p.session,
        p.principal,
        status=None if shown == "ALL" else ChangeStatus(shown),
        jurisdiction=state,
        older_than_days=older,
        offset=(number - 1) * per,
        limit=per,
        now=p.now,
    )
    filters = {"state": state or "", "older_than": "" if older is None else str(older)}
    filters.update(status=shown, per=str(per))

    def page_url(n: int) -> str:
        query = "&".join(f"{k}={v}" for k, v in {**filters, "page": str(n)}.items() if v)
        return p.url(f"/review?{query}")

    return p.render(
        "review_queue.html",
        found=found,
        filters=filters,
        number=number,
        pages=max(1, -(-found.total // per)),
        previous_url=page_url(number - 1) if number > 1 else None,
        next_url=page_url(number + 1) if found.has_next else None,
        kind_name=lambda kind: kind_name(p, kind),
        status_name=lambda status: p.gettext(STATUSES[ChangeStatus(status)]),
        statuses=[(s.value, p.gettext(label)) for s, label in STATUSES.items()],
    )


# -- one request ---------------------------------------------------------------------------


def _line(p: Page, w: Word) -> str:
    """A ``Word`` in the page's language: the page's own words for a code when it has
    them, the data's otherwise."""
    gettext = p.gettext
    locale = Locale.parse(p.lang.code)
    text = w.text
    if w.vocabulary in _OPEN:
        text = labels.term(gettext, w.vocabulary, w.code, w.text).text
    elif w.vocabulary == "enum":
        text = labels.enum(gettext, w.code)
    elif w.vocabulary == "language" and w.code:
        text = locale.languages.get(w.code) or w.code
    elif w.vocabulary == "name" and w.code:
        language = locale.languages.get(w.code) or w.code
        extra = f", {gettext(_ORIGINAL)}" if w.detail else ""
        return f"{text} ({language}{extra})"
    elif w.vocabulary == "boolean" and w.code in _YES_NO:
        text = gettext(_YES_NO[w.code])
    elif w.vocabulary == "weekday" and w.code is not None and w.code.isdigit():
        text = str(locale.days["format"]["wide"][int(w.code) % 7]).capitalize()
    return f"{text}: {w.detail}" if w.detail else text


def _rows(p: Page, d: Described) -> list[dict[str, Any]]:
    return [
        {
            "label": p.gettext(FIELDS[f.key]) if f.key in FIELDS else f.key,
            "before": [_line(p, w) for w in f.before],
            "after": [_line(p, w) for w in f.after],
            "changed": f.changed,
        }
        for f in d.fields
    ]


async def _request(p: Page, request_id: int) -> ChangeRequest:
    request = await p.session.get(ChangeRequest, request_id, populate_existing=True)
    if request is None:
        raise PageNotFound("change request", str(request_id))
    return request


async def review_request(
    p: Page,
    *,
    status: int = 200,
    conflict: Conflict | None = None,
    problem: str | None = None,
    invalid: InvalidInput | None = None,
    reason: str = "",
) -> Response:
    if (away := _refused(p)) is not None:
        return away
    await p.session.rollback()  # a fresh snapshot: the values as they stand now
    request = await _request(p, _id(p, "id"))
    state = await p.session.get(Jurisdiction, request.jurisdiction_id)
    changes = [
        {
            "kind": p.gettext(KINDS[d.kind]),
            "subject": ", ".join(_line(p, w) for w in d.subject),
            "rows": _rows(p, d),
        }
        for d in await describe(p.session, request)
    ]
    return p.render(
        "review_request.html",
        status,
        cr=request,
        state=state.code if state else "",
        changes=changes,
        status_name=p.gettext(STATUSES[request.status]),
        pending=request.status is ChangeStatus.PENDING,
        returned=[_returned(p, c) for c in request.conflicts or ()],
        conflict=conflict,
        stale=isinstance(conflict, StaleVersion),
        problem=problem,
        invalid=invalid,
        reason=reason,
    )


def _shown(value: Any) -> str:
    """A stored value of a conflict, in one line."""
    if value is None:
        return "—"
    if isinstance(value, list):
        return "; ".join(_shown(v) for v in value) or "—"
    if isinstance(value, dict):
        return ", ".join(str(v) for v in value.values() if v not in (None, ""))
    return str(value)


def _returned(p: Page, c: dict[str, Any]) -> dict[str, str]:
    """One field of a request returned to its editor: when made, now, proposed."""
    name = c.get("field")
    if name is None:
        return {"label": p.gettext("Removed since"), "base": "—", "current": "—", "proposed": "—"}
    return {
        "label": p.gettext(FIELDS[name]) if name in FIELDS else str(name),
        "base": _shown(c.get("base")),
        "current": _shown(c.get("current")),
        "proposed": _shown(c.get("proposed")),
    }


async def approve_form(p: Page) -> Response:
    if (away := _refused(p)) is not None:
        return away
    form = await _form(p)
    if isinstance(form, Response):
        return form
    request_id = _id(p, "id")
    async with await p.writer() as session:
        try:
            outcome = await approve(session, p.principal, request_id, now=p.now)
        except NotFound:
            raise PageNotFound("change request", str(request_id)) from None
        except Conflict as exc:
            await session.rollback()
            return await review_request(p, status=409, conflict=exc)
        except InvalidInput as exc:
            await session.rollback()
            return await review_request(p, status=400, invalid=exc)
        await session.commit()
    if outcome.status is ChangeStatus.CONFLICT:  # recorded, and back to its editor
        return await review_request(p, status=409)
    return RedirectResponse(p.url(f"/review/{request_id}"), status_code=303)


async def reject_form(p: Page) -> Response:
    if (away := _refused(p)) is not None:
        return away
    form = await _form(p)
    if isinstance(form, Response):
        return form
    request_id = _id(p, "id")
    reason = params.text(_field(form, "reason"), "reason", limit=REASON_MAX) or ""
    async with await p.writer() as session:
        try:
            await reject(session, p.principal, request_id, reason=reason, now=p.now)
        except NotFound:
            raise PageNotFound("change request", str(request_id)) from None
        except Conflict as exc:
            await session.rollback()
            return await review_request(p, status=409, conflict=exc)
        except InvalidInput:
            await session.rollback()
            return await review_request(p, status=400, problem="reason", reason=reason)
        await session.commit()
    return RedirectResponse(p.url(f"/review/{request_id}"), status_code=303)
