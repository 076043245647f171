"""Refusals before any work: oversized requests and tokens put in a query string.

``RequestGuard`` answers, with a GraphQL error body:

- **413 ``PAYLOAD_TOO_LARGE``** for a body over ``max_body_bytes``: at once when the
  ``Content-Length`` says so (nothing is read), and while streaming otherwise (a chunked
  body is counted chunk by chunk and refused at the first byte over the limit, so at most
  the limit plus one chunk is ever held in memory);
- **414 ``PAYLOAD_TOO_LARGE``** for a query string over the same limit (a GET request's
  document and variables travel there; POST has no such bound to bypass);
- **400 ``BAD_REQUEST``** for a query string that carries a credential (``token=``,
  ``access_token=``, the word ``authorization`` anywhere, or a ``dcna_`` value): URLs end up
  in access logs, proxies and browser histories, so such a request is refused before it is
  logged or executed, and the message says to send the token in the Authorization header.

Variables are bounded by the body limit; their nesting is bounded where the JSON is
decoded (``directory.graphql.view``).
"""

from __future__ import annotations

from urllib.parse import unquote_to_bytes

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from directory.edge.responses import send_error

TOKEN_PREFIX = b"dcna_"  # directory.accounts.tokens.TOKEN_PREFIX (the edge imports no domain)
_CREDENTIAL_MARKS = (b"authorization", TOKEN_PREFIX)
_CREDENTIAL_PARAMS = frozenset({b"token", b"access_token", b"api_key", b"apikey"})


class BodyTooLarge(Exception):
    """Raised from ``receive`` when a streamed body passes the limit. Not a ValueError: no
    JSON or body handler on the way up may take it for a malformed body."""


class RequestGuard:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self._refusal(scope)
        if refusal is not None:
            await send_error(scope, send, *refusal)
            return
        started = False

        async def guarded_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, self._counting(receive), guarded_send)
        except BodyTooLarge:
            if started:  # pragma: no cover - the view reads the whole body before answering
                raise
            await send_error(scope, send, *self._too_large())

    def _refusal(self, scope: Scope) -> tuple[int, str, str] | None:
        query = scope.get("query_string") or b""
        if len(query) > self.max_body_bytes:
            return (
                414,
                "PAYLOAD_TOO_LARGE",
                f"the query string is over {self.max_body_bytes} bytes: send the document "
                "by POST with a JSON body",
            )
        if query and _carries_credential(query):
            return (
                400,
                "BAD_REQUEST",
                "a credential was sent in the URL, where logs and browsers keep it: send it "
                "as 'Authorization: Bearer dcna_…' and revoke the token if it was real "
                "(`directory token revoke ID`)",
            )
        length = _content_length(scope)
        if length is not None and not length.isdigit():
            return 400, "BAD_REQUEST", "the Content-Length header is not a whole number"
        if length is not None and int(length) > self.max_body_bytes:
            return self._too_large()
        return None

    def _too_large(self) -> tuple[int, str, str]:
        return (
            413,
            "PAYLOAD_TOO_LARGE",
            f"the request body is over {self.max_body_bytes} bytes: send a smaller document "
            "or fewer variables",
        )

    def _counting(self, receive: Receive) -> Receive:
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    raise BodyTooLarge
            return message

        return counting_receive


def _content_length(scope: Scope) -> bytes | None:
    for name, value in scope.get("headers") or ():
        if name == b"content-length":
            return bytes(value).strip()
    return None


def _carries_credential(query: bytes) -> bool:
    # Decoded twice: a percent-encoded "%2561uthorization" must not pass either
    decoded = unquote_to_bytes(unquote_to_bytes(query.replace(b"+", b" "))).lower()
    if any(mark in decoded for mark in _CREDENTIAL_MARKS):
        return True
    names = (pair.partition(b"=")[0].strip() for pair in decoded.split(b"&"))
    return any(name in _CREDENTIAL_PARAMS for name in names)
