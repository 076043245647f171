"""Sign-in with an API token (until the console's accounts exist), and sign-out.

The token is checked once, like a bearer token (``accounts.tokens.valid_token``), and then
forgotten: the session cookie names only its id (see ``session``). Failed attempts count
against the same per-address budget as failed bearer tokens
(``DIRECTORY_AUTH_FAILURE_LIMIT``); past it the form answers 429 until the minute is over.
Both forms carry a CSRF token.
"""

from __future__ import annotations

import time

from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from directory.accounts.sessions import end_session_by_key
from directory.accounts.tokens import valid_token
from directory.edge.clients import client_address
from directory.errors import Unauthenticated
from directory.web import params
from directory.web.base import Page
from directory.web.session import (
    COOKIE,
    PRE_COOKIE,
    SESSION_SECONDS,
    SessionData,
    clear_cookie,
    new_nonce,
    set_cookie,
)

__all__ = ["sign_in", "sign_out"]

TOKEN_MAX = 100  # a directory token is 48 characters


def _address(p: Page) -> str:
    # the API's rule (proxy-aware, IPv6 per /64), so one budget counts both surfaces' failures
    return client_address(p.request, p.web.settings.trusted_proxies)


def _field(form: FormData, name: str) -> dict[str, str]:
    value = form.get(name)
    return {name: value} if isinstance(value, str) else {}


async def sign_in(p: Page) -> Response:
    nonce = p.request.cookies.get(PRE_COOKIE) or ""
    if len(nonce) > 64:
        nonce = ""
    if p.request.method == "GET":
        return _form(p, nonce or new_nonce(), None, 200)
    form = await p.request.form(max_files=0, max_fields=5)
    if not p.web.signer.csrf_ok(nonce, _field(form, "csrf").get("csrf")):
        return _form(p, new_nonce(), "csrf", 403)
    refusal = await p.web.rate_limits.auth_refusal(_address(p))
    if refusal is not None:
        response = _form(p, nonce, "throttled", 429)
        response.headers["retry-after"] = str(refusal.retry_after)
        return response
    raw = params.text(_field(form, "token"), "token", limit=TOKEN_MAX)
    if raw is None:
        return _form(p, nonce, "missing", 400)
    try:
        token = await valid_token(p.session, raw, p.now)
    except Unauthenticated:
        await p.web.rate_limits.auth_failed(_address(p))
        return _form(p, nonce, "refused", 401)
    expires = int(time.time()) + SESSION_SECONDS
    if token.expires_at is not None:
        expires = min(expires, int(token.expires_at.timestamp()))
    cookie = p.web.signer.dumps(SessionData(token.id, expires, new_nonce()))
    response = RedirectResponse(p.url("/"), status_code=303)
    set_cookie(response, p.request, COOKIE, cookie, max(expires - int(time.time()), 0))
    clear_cookie(response, p.request, PRE_COOKIE)
    return response


def _form(p: Page, nonce: str, problem: str | None, status: int, **context: object) -> Response:
    response = p.render(
        "signin.html",
        status,
        sign_in_csrf=p.web.signer.csrf(nonce),
        problem=problem,
        welcome=p.request.query_params.get("welcome") == "1",
        **context,
    )
    set_cookie(response, p.request, PRE_COOKIE, nonce, 3600)
    return response


async def sign_out(p: Page) -> Response:
    form = await p.request.form(max_files=0, max_fields=5)
    nonce = p.signed_in.nonce if p.signed_in else None
    if nonce is not None and not p.web.signer.csrf_ok(nonce, _field(form, "csrf").get("csrf")):
        return p.render("error.html", 403, csrf_refused=True)
    if p.signed_in is not None and p.signed_in.key is not None:
        # an account's session ends on the server too, not only in this browser
        async with await p.writer() as session:
            await end_session_by_key(session, p.signed_in.key, p.now)
            await session.commit()
    response = RedirectResponse(p.url("/"), status_code=303)
    clear_cookie(response, p.request, COOKIE)
    return response
