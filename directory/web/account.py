"""A person's own page: who they are, their sessions (listed, ended), their API tokens
(created here and shown once, revoked), and the accounts the secretariat manages.

Every page needs a session opened with an account (a token's session has no person behind
it): without one the reader is sent to the sign-in page. Every form carries the session's
CSRF token; a form without it is refused (403) before anything is read or written.
"""

from __future__ import annotations

from typing import Any

from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from directory.accounts.errors import AccountInputError
from directory.accounts.models import EMAIL_MAX, Account
from directory.accounts.people import create_account, invite, list_accounts
from directory.accounts.permissions import Permission, Role
from directory.accounts.sessions import end_session, list_sessions
from directory.accounts.tokens import (
    MAX_EXPIRES_IN_DAYS,
    create_own_token,
    own_tokens,
    revoke_own_token,
)
from directory.errors import NotFound
from directory.treaties.models import Jurisdiction
from directory.web import params
from directory.web.base import Page, PageNotFound
from directory.web.params import BadParameter
from directory.web.signin import _field

__all__ = [
    "account_page",
    "accounts_page",
    "create_token_form",
    "end_session_form",
    "invite_form",
    "revoke_token_form",
]


def _signed_out(p: Page) -> Response | None:
    if p.principal.account_id is None or p.signed_in is None:
        return RedirectResponse(p.url("/sign-in"), status_code=303)
    return None


async def _form(p: Page) -> FormData | Response:
    """The posted form, or the 403 page when its CSRF token is missing or wrong."""
    form = await p.request.form(max_files=0, max_fields=12)
    assert p.signed_in is not None
    if not p.web.signer.csrf_ok(p.signed_in.nonce, _field(form, "csrf").get("csrf")):
        return p.render("error.html", 403, csrf_refused=True)
    return form


def _id(p: Page, name: str) -> int:
    raw = p.request.path_params[name]
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 12):
        raise BadParameter(name, raw, "bad_code")
    return int(raw)


async def account_page(
    p: Page,
    *,
    issued: str | None = None,
    status: int = 200,
    error: AccountInputError | BadParameter | None = None,
) -> Response:
    if (away := _signed_out(p)) is not None:
        return away
    await p.session.rollback()  # a fresh snapshot: see what a write of this request committed
    account = await p.session.get(Account, p.principal.account_id)
    assert account is not None
    return p.render(
        "account.html",
        status,
        account=account,
        sessions=await list_sessions(p.session, p.principal, p.now),
        current_key=p.signed_in.key if p.signed_in else None,
        tokens=await own_tokens(p.session, p.principal),
        issued=issued,
        error=error,
        max_days=MAX_EXPIRES_IN_DAYS,
    )


async def _end_own(p: Page, what: str, end: Any) -> Response:
    """End one of the reader's own sessions or tokens (``end``), named by the form's id."""
    if (away := _signed_out(p)) is not None:
        return away
    form = await _form(p)
    if isinstance(form, Response):
        return form
    async with await p.writer() as session:
        try:
            await end(session, p.principal, _id(p, "id"), p.now)
        except NotFound as exc:
            raise PageNotFound(what, str(exc.key)) from None
        await session.commit()
    return RedirectResponse(p.url("/account"), status_code=303)


async def end_session_form(p: Page) -> Response:
    return await _end_own(p, "session", end_session)


async def create_token_form(p: Page) -> Response:
    if (away := _signed_out(p)) is not None:
        return away
    form = await _form(p)
    if isinstance(form, Response):
        return form
    try:
        name = params.text(_field(form, "name"), "name", required=True)
        days_raw = params.text(_field(form, "days"), "days", limit=10)
        days = None
        if days_raw is not None:
            if not (days_raw.isascii() and days_raw.isdigit()):
                raise BadParameter("days", days_raw, "bad_code")
            days = int(days_raw)
            if not 1 <= days <= MAX_EXPIRES_IN_DAYS:
                raise BadParameter("days", days_raw, "bad_days")
    except BadParameter as exc:
        return await account_page(p, status=400, error=exc)
    assert name is not None
    async with await p.writer() as session:
        issued = await create_own_token(session, p.principal, name=name, expires_in_days=days)
        await session.commit()
    return await account_page(p, issued=issued.raw)


async def revoke_token_form(p: Page) -> Response:
    return await _end_own(p, "token", revoke_own_token)


# -- the secretariat's accounts ---------------------------------------------------------


def _secretariat_only(p: Page) -> Response | None:
    if (away := _signed_out(p)) is not None:
        return away
    if not p.principal.has(Permission.ACCOUNT_MANAGE):
        return p.render("error.html", 403, forbidden=True)
    return None


async def accounts_page(
    p: Page,
    *,
    status: int = 200,
    error: AccountInputError | BadParameter | None = None,
    link: str | None = None,
    values: dict[str, str] | None = None,
) -> Response:
    if (away := _secretariat_only(p)) is not None:
        return away
    if p.request.method == "POST" and error is None and link is None:
        return await _create_account(p)
    await p.session.rollback()  # a fresh snapshot: see what a write of this request committed
    accounts = await list_accounts(p.session, p.principal)
    ids = {a.jurisdiction_id for a in accounts if a.jurisdiction_id is not None}
    codes = {
        row.id: row.code
        for row in await p.session.execute(
            Jurisdiction.__table__.select().where(Jurisdiction.id.in_(ids))
        )
    }
    return p.render(
        "accounts.html",
        status,
        accounts=accounts,
        codes=codes,
        roles=[r for r in Role if r is not Role.PUBLIC],
        error=error,
        link=link,
        values=values or {},
    )


async def _create_account(p: Page) -> Response:
    form = await _form(p)
    if isinstance(form, Response):
        return form
    values: dict[str, str] = {}
    try:
        for name, limit in (("name", 200), ("email", EMAIL_MAX), ("role", 40), ("language", 10)):
            values[name] = params.text(_field(form, name), name, limit=limit) or ""
        values["jurisdiction"] = params.code(_field(form, "jurisdiction"), "jurisdiction") or ""
    except BadParameter as exc:
        return await accounts_page(p, status=400, error=exc, values=values)
    async with await p.writer() as session:
        try:
            account = await create_account(
                session,
                p.principal,
                name=values["name"],
                email=values["email"],
                role=values["role"],
                jurisdiction=values["jurisdiction"] or None,
                language=values["language"] or "en",
                now=p.now,
            )
            issued = await invite(
                session, p.principal, account.id, link_base=p.web.settings.public_url, now=p.now
            )
        except AccountInputError as exc:
            return await accounts_page(p, status=400, error=exc, values=values)
        await session.commit()
        link = f"{p.web.settings.public_url}/{account.language}/invitation/{issued.raw}"
    return await accounts_page(p, link=link)


async def invite_form(p: Page) -> Response:
    if (away := _secretariat_only(p)) is not None:
        return away
    form = await _form(p)
    if isinstance(form, Response):
        return form
    async with await p.writer() as session:
        try:
            issued = await invite(
                session, p.principal, _id(p, "id"), link_base=p.web.settings.public_url, now=p.now
            )
        except AccountInputError:
            raise PageNotFound("account", p.request.path_params["id"]) from None
        account = await session.get(Account, issued.invitation.account_id)
        assert account is not None
        await session.commit()
        link = f"{p.web.settings.public_url}/{account.language}/invitation/{issued.raw}"
    return await accounts_page(p, link=link)
