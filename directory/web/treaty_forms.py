"""The secretariat's forms for a State's treaty facts (``directory.web.treaty_facts``).

    /{lang}/states/{code}/facts/participation   the participation form (``?instrument=``
                                                prefills it from the stored fact)
    /{lang}/states/{code}/facts/notification    the notification form (``?instrument=`` and
                                                ``&article=`` prefill it)

A form posts to its own address and writes through ``directory.editing.facts``, the
services behind the API's ``setParticipation`` and ``setNotification``: the same checks,
the same revision naming the person. Each bad value is shown next to its field and nothing
is written (400); a write sends the reader back to the facts page (303), which shows it.

Secretariat only, with the console's refusals (``directory.web.review``): no person signed
in is sent to the sign-in page, anyone else gets the 403 page; a form without its CSRF
token is refused (403) before anything is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from directory.accounts.permissions import Permission
from directory.editing import facts
from directory.editing.fact_checks import check_sources
from directory.editing.validation import Problems
from directory.enums import (
    ConsentType,
    ExtraditionBasis,
    NotificationStatus,
    SourceKind,
    Verification,
)
from directory.errors import InputErrors, InvalidInput
from directory.treaties import models as tm
from directory.treaties import services as treaties
from directory.web import params
from directory.web.base import Page
from directory.web.fact_fields import (
    NOTIFICATION_FIELDS,
    PARTICIPATION_FIELDS,
    SOURCE_ROWS,
    Field,
    FormValues,
    error_keys,
    fact_values,
    read_fields,
    read_sources,
    source_values,
)
from directory.web.sheets import _sources
from directory.web.treaty_facts import refused, state_of

__all__ = ["notification_form", "participation_form"]

_MAX_FIELDS = 60  # the notification form's fields, its sources' and the CSRF token
_TEXT_REASON = 5000  # the service names the column's limit (2,000) when it is passed


@dataclass
class _Form:
    """What one of the two forms needs to know of its fact."""

    template: str
    permission: Permission
    fields: list[Field]
    citations: Any  # the fact's source table


_PARTICIPATION = _Form(
    "participation_form.html",
    Permission.PARTICIPATION_WRITE,
    PARTICIPATION_FIELDS,
    tm.participation_source,
)
_NOTIFICATION = _Form(
    "notification_form.html",
    Permission.NOTIFICATION_WRITE,
    NOTIFICATION_FIELDS,
    tm.notification_source,
)


async def _posted(p: Page) -> FormData | Response:
    form = await p.request.form(max_files=0, max_fields=_MAX_FIELDS)
    assert p.signed_in is not None  # _refused sent everyone else away
    csrf = form.get("csrf")
    if not p.web.signer.csrf_ok(p.signed_in.nonce, csrf if isinstance(csrf, str) else None):
        return p.render("error.html", 403, csrf_refused=True)
    return form


def _has_field(key: str, values: FormValues) -> bool:
    """Whether the form shows an error under ``key`` by a field (or the sources' boxes)."""
    head, _, row = key.partition(".")
    return key in values or (head == "sources" and (not row or row.isdigit()))


@dataclass(frozen=True)
class _Named:
    """An instrument as a form lists it: plain values, still readable after the page's
    transaction ended for the write (which expires the rows it had loaded)."""

    code: str
    short_title: str


def _render(
    p: Page,
    form: _Form,
    state: str,
    instruments: list[_Named],
    values: FormValues,
    errors: dict[str, list[str]],
    status: int = 200,
) -> Response:
    return p.render(
        form.template,
        status,
        state=state,
        instruments=instruments,
        values=values,
        errors=errors,
        # a problem the form has no field for (the State's code) is shown above it
        general=[m for key, ms in errors.items() if not _has_field(key, values) for m in ms],
        rows=range(SOURCE_ROWS),
        consent_types=list(ConsentType),
        statuses=list(NotificationStatus),
        bases=list(ExtraditionBasis),
        verifications=list(Verification),
        kinds=list(SourceKind),
        action=p.url(p.request.url.path[len(p.lang.code) + 1 :]),
        facts_url=p.url(f"/states/{state}/facts"),
    )


async def _stored(
    p: Page, form: _Form, state: tm.Jurisdiction, instruments: list[tm.Instrument]
) -> FormValues:
    """The form's fields filled from the fact the query names; empty for a new one."""
    code = params.vocabulary_code(p.params, "instrument")
    article = params.text(p.params, "article", limit=20)
    values: FormValues = {"instrument": code or "", "verification": Verification.OFFICIAL.value}
    if form is _NOTIFICATION:
        values["article"] = article or ""
    instrument = next((i for i in instruments if i.code == code), None)
    if instrument is None:
        return values
    row: Any = None
    if form is _PARTICIPATION:
        found = await treaties.participations_for(p.session, [state.id])
        row = next((x for x in found if x.instrument_id == instrument.id), None)
    elif article is not None:
        provisions = await treaties.provisions_for(p.session, [instrument.id])
        provision = next((x for x in provisions if x.article == article), None)
        found_n = await treaties.notifications_for(p.session, [state.id])
        row = next((n for n in found_n if provision and n.provision_id == provision.id), None)
    if row is None:
        return values
    cited = (await _sources(p.session, form.citations, [row.id]))[row.id]
    return {
        **fact_values(row, form.fields),
        **values,
        "verification": row.verification.value,
        **source_values(cited),
    }


async def _handle(p: Page, form: _Form) -> Response:
    if (away := refused(p, form.permission)) is not None:
        return away
    state = await state_of(p)
    rows = list(await treaties.all_instruments(p.session))
    instruments = [_Named(i.code, i.short_title) for i in rows]
    code = state.code
    if p.request.method == "GET":
        values = await _stored(p, form, state, rows)
        return _render(p, form, code, instruments, values, {})
    posted = await _posted(p)
    if isinstance(posted, Response):
        return posted
    raw = {k: v for k, v in posted.items() if isinstance(v, str)}
    problems, values = Problems(), {}
    fields = read_fields(problems, raw, form.fields, values)
    sources, cited = read_sources(problems, raw, values)
    reason = params.text(raw, "reason", limit=_TEXT_REASON)
    values["reason"] = reason or ""
    if form is _NOTIFICATION and fields["status"] is None and not values.get("status"):
        problems.add(
            ["status"], None, "status is missing: choose NOTIFIED, NOT_NOTIFIED or UNKNOWN"
        )
    try:
        if problems.items:
            raise InputErrors(problems.items)
        await _write(p, form, code, fields, sources, reason)
    except InvalidInput as exc:
        errors = error_keys(exc, None if problems.items else cited)
        more = Problems()
        if problems.items:  # the service was not called: still say what is wrong with the
            # sources that could be read, by the check it would have made
            check_sources(more, sources, p.now.date(), required=False)
        if more.items:
            for key, messages in error_keys(InputErrors(more.items), cited).items():
                errors.setdefault(key, []).extend(messages)
        return _render(p, form, code, instruments, values, errors, 400)
    return RedirectResponse(p.url(f"/states/{code}/facts"), status_code=303)


async def _write(
    p: Page,
    form: _Form,
    state: str,
    fields: dict[str, Any],
    sources: list[facts.SourceInput],
    reason: str | None,
) -> None:
    verification = fields.pop("verification") or Verification.OFFICIAL
    async with await p.writer() as session:
        try:
            if form is _PARTICIPATION:
                change_p = facts.SetParticipation(
                    jurisdiction=state,
                    instrument=fields.pop("instrument") or "",
                    sources=sources,
                    verification=verification,
                    **fields,
                )
                await facts.set_participation(
                    session, p.principal, change_p, reason=reason, now=p.now
                )
            else:
                change_n = facts.SetNotification(
                    jurisdiction=state,
                    instrument=fields.pop("instrument") or "",
                    article=fields.pop("article") or "",
                    status=fields.pop("status"),
                    sources=sources,
                    verification=verification,
                    **fields,
                )
                await facts.set_notification(
                    session, p.principal, change_n, reason=reason, now=p.now
                )
        except InvalidInput:
            await session.rollback()
            raise
        await session.commit()


async def participation_form(p: Page) -> Response:
    return await _handle(p, _PARTICIPATION)


async def notification_form(p: Page) -> Response:
    return await _handle(p, _NOTIFICATION)
