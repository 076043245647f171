"""Signing in as a person (e-mail, password, second factor) and accepting an invitation.

Sign-in: the form shares the token form's CSRF nonce (``signin``). Before any hash is
computed, two budgets are asked (``directory.ratelimits``): failures from the client's
address (the token sign-in's budget, so both forms count together) and failures for the
e-mail address typed, which locks that account for a while once spent. A success opens a
server-side session (``accounts.sessions``) whose key the signed cookie carries.

Invitation: ``/{lang}/invitation/{secret}`` shows whom it invites and a form for the
password and the second factor; the TOTP seed it proposes travels in the form, signed, so
the server keeps nothing until the form comes back. Every form value is read through
``params`` (bounded, no control characters): a hostile one gets the 400 page.
"""

from __future__ import annotations

import time

from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from directory.accounts.credentials import PASSWORD_MAX, new_totp_secret, totp_uri
from directory.accounts.errors import AccountInputError, SignInRefused
from directory.accounts.models import EMAIL_MAX
from directory.accounts.people import accept_invitation, invitation_account
from directory.accounts.permissions import Role
from directory.accounts.sessions import check_sign_in, open_session
from directory.web import params
from directory.web.base import Page
from directory.web.session import (
    COOKIE,
    PRE_COOKIE,
    SessionData,
    clear_cookie,
    new_nonce,
    set_cookie,
)
from directory.web.signin import _address, _field, _form

__all__ = ["invitation_page", "sign_in_account"]

CODE_MAX = 10


def _value(form: FormData, name: str, limit: int) -> str:
    return params.text(_field(form, name), name, limit=limit) or ""


async def sign_in_account(p: Page) -> Response:
    nonce = p.request.cookies.get(PRE_COOKIE) or ""
    if len(nonce) > 64:
        nonce = ""
    form = await p.request.form(max_files=0, max_fields=8)
    if not p.web.signer.csrf_ok(nonce, _field(form, "csrf").get("csrf")):
        return _form(p, new_nonce(), "csrf", 403)
    email = _value(form, "email", EMAIL_MAX)
    password = _value(form, "password", PASSWORD_MAX)
    code = _value(form, "code", CODE_MAX)
    if not email or not password:
        return _form(p, nonce, "account_missing", 400)
    refusal = await p.web.rate_limits.auth_refusal(_address(p))
    if refusal is not None:
        response = _form(p, nonce, "throttled", 429)
        response.headers["retry-after"] = str(refusal.retry_after)
        return response
    locked = await p.web.rate_limits.account_locked(email)
    if locked is not None:
        response = _form(p, nonce, "locked", 429, minutes=max(1, -(-locked // 60)))
        response.headers["retry-after"] = str(locked)
        return response
    async with await p.writer() as session:
        try:
            account = await check_sign_in(session, email, password, code, p.now)
        except SignInRefused:
            await session.rollback()
            await p.web.rate_limits.auth_failed(_address(p))
            await p.web.rate_limits.account_failed(email)
            return _form(p, nonce, "account_refused", 401)
        opened = await open_session(
            session, account, user_agent=p.request.headers.get("user-agent"), now=p.now
        )
        await session.commit()
    expires = int(opened.row.expires_at.timestamp())
    cookie = p.web.signer.dumps(SessionData(None, expires, new_nonce(), key=opened.key))
    response = RedirectResponse(p.url("/account"), status_code=303)
    set_cookie(response, p.request, COOKIE, cookie, max(expires - int(time.time()), 0))
    clear_cookie(response, p.request, PRE_COOKIE)
    return response


def _seed_mac(p: Page, secret: str, raw: str) -> str:
    # binds the proposed seed to this invitation: a form cannot bring a seed of its choosing
    return p.web.signer.csrf(f"totp\x00{raw}\x00{secret}")


async def invitation_page(p: Page) -> Response:
    response = await _invitation(p)
    response.headers["cache-control"] = "private, no-store"  # the link is a secret
    return response


async def _invitation(p: Page) -> Response:
    raw = p.request.path_params["secret"]
    if p.request.method == "GET":
        try:
            account = await invitation_account(p.session, raw, p.now)
        except SignInRefused as exc:
            return p.render("invitation.html", 404, refused=exc.code)
        return _invitation_form(
            p, raw, account.email, account.name, account.role, new_totp_secret()
        )
    form = await p.request.form(max_files=0, max_fields=8)
    secret = _value(form, "seed", 64)
    if not p.web.signer.csrf_ok(f"totp\x00{raw}\x00{secret}", _field(form, "seal").get("seal")):
        return p.render("error.html", 403, csrf_refused=True)
    password = params.text(_field(form, "password"), "password", limit=PASSWORD_MAX) or ""
    repeat = params.text(_field(form, "repeat"), "repeat", limit=PASSWORD_MAX) or ""
    code = _value(form, "code", CODE_MAX)
    async with await p.writer() as session:
        try:
            await accept_invitation(
                session,
                raw,
                password=password,
                repeat=repeat,
                totp_secret=secret,
                totp_code=code,
                now=p.now,
            )
        except SignInRefused as exc:
            return p.render("invitation.html", 404, refused=exc.code)
        except AccountInputError as exc:
            account = await invitation_account(session, raw, p.now)
            return _invitation_form(
                p, raw, account.email, account.name, account.role, secret, error=exc, status=400
            )
        await session.commit()
    return RedirectResponse(p.url("/sign-in?welcome=1"), status_code=303)


def _invitation_form(
    p: Page,
    raw: str,
    email: str,
    name: str,
    role: Role,
    secret: str,
    *,
    error: AccountInputError | None = None,
    status: int = 200,
) -> Response:
    return p.render(
        "invitation.html",
        status,
        invited_email=email,
        invited_name=name,
        totp_required=role is Role.SECRETARIAT,
        seed=secret,
        seal=_seed_mac(p, secret, raw),
        otpauth=totp_uri(secret, email),
        action=p.url(f"/invitation/{raw}"),
        error=error,
    )
