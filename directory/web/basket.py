"""The focal point's basket: edits gathered on the desk's forms, sent as one change request.

The basket travels with the browser, in a cookie of its own (``dcna_basket``), the way
hidden form fields would but across links as well: each edit is an ``editing.inputs``
change in its JSON form (``to_payload``), with the few words that name it on the desk.
The cookie is compressed and sealed with the session's nonce (``Signer.seal``): a basket
from another session, or one edited by hand, is dropped, never read. Nothing in it is
trusted: every edit is validated when it is added and again, by the same services, when
the basket is submitted. It is ``HttpOnly`` and ``SameSite=Lax`` like the session cookie,
and holds at most ``MAX_EDITS`` edits and ``MAX_COOKIE`` characters (browsers keep about
4,000 per cookie): past that the page asks to submit what is gathered first.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import zlib
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from directory.editing import inputs as i
from directory.web.session import SESSION_SECONDS, SessionData, Signer, clear_cookie, set_cookie

__all__ = ["BASKET_COOKIE", "MAX_COOKIE", "MAX_EDITS", "Edit", "dump", "load", "store"]

BASKET_COOKIE = "dcna_basket"
MAX_EDITS = 10
MAX_COOKIE = 3800
_PURPOSE = "basket"
_MAX_RAW = 64_000


@dataclass(frozen=True)
class Edit:
    """One edit of the basket: the change's payload and what the desk calls it."""

    payload: dict[str, Any]
    what: str  # an authority's name, a rule's channel or language (data, not translated)

    @property
    def change(self) -> i.Change:
        return i.from_payload(self.payload)

    @property
    def kind(self) -> i.ChangeKind:
        return i.ChangeKind(self.payload["kind"])


def dump(signer: Signer, session: SessionData, edits: list[Edit]) -> str:
    raw = json.dumps([[e.payload, e.what] for e in edits], separators=(",", ":"))
    body = base64.urlsafe_b64encode(zlib.compress(raw.encode(), 9)).decode().rstrip("=")
    return f"{body}.{signer.seal(_PURPOSE, session.nonce, body)}"


def load(signer: Signer, session: SessionData | None, request: Request) -> list[Edit]:
    """The basket of this session; empty when absent, sealed for another session, or bad."""
    cookie = request.cookies.get(BASKET_COOKIE)
    if session is None or not cookie or len(cookie) > MAX_COOKIE + 100 or "." not in cookie:
        return []
    body, _, mac = cookie.rpartition(".")
    if not hmac.compare_digest(mac.encode(), signer.seal(_PURPOSE, session.nonce, body).encode()):
        return []
    try:
        packed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        raw = zlib.decompressobj().decompress(packed, _MAX_RAW)  # no bomb: a bounded read
        rows = json.loads(raw)
        edits = [Edit(payload, str(what)) for payload, what in rows][:MAX_EDITS]
        for edit in edits:
            edit.change  # noqa: B018 - a payload that no longer builds drops the basket
    except (ValueError, TypeError, KeyError, binascii.Error, zlib.error):
        return []
    return edits


def fits(signer: Signer, session: SessionData, edits: list[Edit]) -> bool:
    return len(edits) <= MAX_EDITS and len(dump(signer, session, edits)) <= MAX_COOKIE


def store(
    response: Response, request: Request, signer: Signer, session: SessionData, edits: list[Edit]
) -> None:
    if edits:
        value = dump(signer, session, edits)
        set_cookie(response, request, BASKET_COOKIE, value, SESSION_SECONDS)
    else:
        clear_cookie(response, request, BASKET_COOKIE)
