"""Security headers on every response, and the CORS allowlist.

Every answer is JSON or the GraphiQL page, so the default policy allows nothing:
``default-src 'none'; frame-ancestors 'none'`` (no page may frame the API, nothing a JSON
answer could be tricked into loading runs). The GraphiQL page sends its own, narrower
``Content-Security-Policy`` (see ``directory.graphql.graphiql``), which is kept. With it:
``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer``, ``X-Frame-Options:
DENY`` (for browsers that predate ``frame-ancestors``), and ``Strict-Transport-Security``
only when ``DIRECTORY_HSTS=1`` (set it when the service is reached over HTTPS only: a
browser that saw it refuses plain HTTP to the host for a year).

CORS is closed by default: no ``Access-Control-Allow-Origin`` is ever sent, so browsers keep
other sites' pages from reading answers. ``DIRECTORY_CORS_ORIGINS`` lists the origins that
may; credentials (cookies) are never allowed, since the API authenticates by bearer token.
"""

from __future__ import annotations

from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from directory.config import Settings

DEFAULT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
HSTS = "max-age=31536000; includeSubDomains"

_ALWAYS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)


class SecurityHeaders:
    def __init__(self, app: ASGIApp, *, hsts: bool) -> None:
        self.app = app
        self.extra = [*_ALWAYS, *([(b"strict-transport-security", HSTS.encode())] if hsts else [])]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                names = {name.lower() for name, _ in headers}
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", DEFAULT_CSP.encode()))
                headers += [(n, v) for n, v in self.extra if n not in names]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def cors(settings: Settings) -> list[Middleware]:
    """Starlette's CORSMiddleware for the configured origins; nothing when there are none."""
    if not settings.cors_origins:
        return []
    return [
        Middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["authorization", "content-type", "accept", "x-request-id"],
            expose_headers=["x-request-id", "retry-after"],
            allow_credentials=False,
            max_age=600,
        )
    ]
