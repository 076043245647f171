"""The practitioners' session: an API token, checked once, turned into a signed cookie.

The cookie holds no secret of the token: only its id (or, for a person signed in with an
account, the key of the session's server-side row), the session's expiry and a CSRF
nonce, signed with HMAC-SHA256 under ``DIRECTORY_SESSION_SECRET``. It is ``HttpOnly``
(scripts cannot read it), ``SameSite=Lax`` (other sites' forms do not send it with a POST)
and ``Secure`` when the request came over HTTPS. On every request the token is looked up
again by id (``accounts.tokens.session_principal``), so revoking the token ends its
sessions at once, and the session never outlives the token's own expiry.

CSRF: every form carries ``csrf``, an HMAC of the session's nonce (or, before sign-in, of a
nonce kept in a separate short cookie), compared in constant time; SameSite is the first
line, the token the second.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

__all__ = ["COOKIE", "PRE_COOKIE", "SESSION_SECONDS", "SessionData", "Signer"]

COOKIE = "dcna_session"
PRE_COOKIE = "dcna_csrf"  # the nonce a sign-in form is bound to, before any session exists
SESSION_SECONDS = 8 * 3600  # a working day
_MAX_COOKIE = 512


@dataclass(frozen=True)
class SessionData:
    """A token's session (``token_id``) or an account's (``key``, its server-side row's
    secret: ``accounts.sessions``); exactly one of the two is set."""

    token_id: int | None
    expires: int  # unix time
    nonce: str
    key: str | None = None


class Signer:
    def __init__(self, secret: bytes) -> None:
        self._key = hashlib.sha256(b"directory.web.session\x00" + secret).digest()

    def _mac(self, payload: bytes) -> str:
        digest = hmac.new(self._key, payload, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    def dumps(self, data: SessionData) -> str:
        ref = data.key if data.key is not None else data.token_id
        body = json.dumps([ref, data.expires, data.nonce], separators=(",", ":"))
        payload = base64.urlsafe_b64encode(body.encode()).decode().rstrip("=")
        return f"{payload}.{self._mac(payload.encode())}"

    def loads(self, cookie: str | None, now: float | None = None) -> SessionData | None:
        """The session in ``cookie``, or None when it is absent, forged, malformed or over."""
        if not cookie or len(cookie) > _MAX_COOKIE or "." not in cookie:
            return None
        payload, _, mac = cookie.partition(".")
        if not hmac.compare_digest(mac.encode(), self._mac(payload.encode()).encode()):
            return None
        try:
            raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
            ref, expires, nonce = json.loads(raw)
        except (ValueError, TypeError):
            return None
        if not (isinstance(ref, int | str) and isinstance(expires, int) and isinstance(nonce, str)):
            return None
        if isinstance(ref, bool) or expires <= (time.time() if now is None else now):
            return None
        if isinstance(ref, str):
            return SessionData(None, expires, nonce, key=ref)
        return SessionData(ref, expires, nonce)

    def seal(self, purpose: str, nonce: str, payload: str) -> str:
        """A MAC binding ``payload`` to one session (its nonce) and one use (``purpose``)."""
        return self._mac(f"{purpose}\x00{nonce}\x00{payload}".encode())

    def csrf(self, nonce: str) -> str:
        return self._mac(b"csrf\x00" + nonce.encode())

    def csrf_ok(self, nonce: str | None, sent: str | None) -> bool:
        if not nonce or not sent or len(sent) > 100:
            return False
        return hmac.compare_digest(sent.encode(), self.csrf(nonce).encode())


def new_nonce() -> str:
    return secrets.token_urlsafe(16)


def set_cookie(response: Response, request: Request, name: str, value: str, max_age: int) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


def clear_cookie(response: Response, request: Request, name: str) -> None:
    response.delete_cookie(
        name, path="/", httponly=True, samesite="lax", secure=request.url.scheme == "https"
    )
