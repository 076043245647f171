"""What every page handler shares: the reader's language, a session, the principal from the
session cookie, rendering, error pages, and the caching headers.

``page(handler)`` wraps a handler ``async (Page) -> Response``: it opens one database session
for the request (closed whatever happens), reads the language from the URL, authenticates
the session cookie, and turns the expected failures into pages in the reader's language:
a bad parameter 400, an unknown code 404, a database that cannot answer 503. A public page
gets ``Cache-Control: public`` and a strong ``ETag`` (a repeated request with
``If-None-Match`` gets 304 and no body); a page for a signed-in reader is ``private,
no-store``, since it may hold restricted contact details.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import async_sessionmaker
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from directory.accounts.permissions import ANONYMOUS, Principal
from directory.accounts.sessions import session_principal as account_session_principal
from directory.accounts.tokens import session_principal
from directory.config import Settings
from directory.db import WRITES, SerialSession, utcnow
from directory.db_outage import as_unavailable
from directory.errors import InvalidInput, ServiceUnavailable, Unauthenticated
from directory.ratelimits import RateLimits
from directory.web.i18n import DEFAULT, Language, from_accept_language, language, translations
from directory.web.params import BadParameter
from directory.web.session import COOKIE, SessionData, Signer, clear_cookie
from directory.web.templating import templates_for

log = logging.getLogger(__name__)

# Pages load only what the app serves: no inline script or style, no other origin.
PAGE_CSP = "; ".join(
    [
        "default-src 'none'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "script-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ]
)
PUBLIC_MAX_AGE = 300  # five minutes: an edit shows within that time


@dataclass(frozen=True)
class Web:
    """The surface's dependencies, built once by ``create_app``."""

    settings: Settings
    sessionmaker: async_sessionmaker[SerialSession]
    rate_limits: RateLimits
    signer: Signer


class PageNotFound(Exception):
    def __init__(self, what: str, value: str) -> None:
        super().__init__(f"{what} {value!r} not found")
        self.what = what
        self.value = value


@dataclass
class Page:
    request: Request
    web: Web
    lang: Language
    session: SerialSession
    principal: Principal
    signed_in: SessionData | None
    now: dt.datetime

    async def writer(self) -> SerialSession:
        """A session for this request's writes (on SQLite ``BEGIN IMMEDIATE``, see
        ``WRITES``), to use in ``async with`` and commit. The page's own read transaction
        is ended first: it never holds a snapshot, or a connection, across the write, and
        what is read afterwards includes what was committed."""
        await self.session.rollback()
        return self.web.sessionmaker(execution_options={WRITES: True})

    def gettext(self, message: str) -> str:
        return translations(self.lang.code).gettext(message)

    @property
    def params(self) -> Any:
        return self.request.query_params

    def url(self, path: str) -> str:
        """``path`` (starting with ``/``) under the page's language."""
        return f"/{self.lang.code}{path}"

    def _context(self, context: dict[str, Any]) -> dict[str, Any]:
        csrf = self.web.signer.csrf(self.signed_in.nonce) if self.signed_in else ""
        return {
            "lang": self.lang,
            "principal": self.principal,
            "csrf": csrf,
            "url": self.url,
            "switch": _switch_links(self.request, self.lang),
            "print_view": self.request.query_params.get("view") == "print",
            **context,
        }

    def render(self, template: str, status_code: int = 200, **context: Any) -> Response:
        return templates_for(self.lang.code).TemplateResponse(
            self.request, template, self._context(context), status_code=status_code
        )

    def html(self, template: str, **context: Any) -> str:
        """``template`` rendered to a string (for a PDF), in the print layout."""
        env = templates_for(self.lang.code).env
        full = {"request": self.request, **self._context(context), "print_view": True}
        return env.get_template(template).render(full)


Handler = Callable[[Page], Awaitable[Response]]


def page(web: Web, handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        lang = language(request.path_params.get("lang", ""))
        if lang is None:
            return await not_found(request)
        try:
            async with web.sessionmaker() as session:
                principal, signed_in, drop = await _principal(web, request, session)
                p = Page(request, web, lang, session, principal, signed_in, utcnow())
                try:
                    response = await handler(p)
                except BadParameter as exc:
                    response = p.render("error.html", 400, bad=exc)
                except PageNotFound as exc:
                    response = p.render("error.html", 404, missing=exc)
                except InvalidInput as exc:
                    response = p.render("error.html", 400, invalid=exc)
        except (ServiceUnavailable, OSError) as exc:
            return _unavailable(request, lang, exc)
        except Exception as exc:
            unavailable = as_unavailable(exc)
            if unavailable is None:
                raise
            return _unavailable(request, lang, unavailable)
        if drop:
            clear_cookie(response, request, COOKIE)
        return cached(request, response, public=principal is ANONYMOUS and signed_in is None)

    return endpoint


async def _principal(
    web: Web, request: Request, session: SerialSession
) -> tuple[Principal, SessionData | None, bool]:
    """The reader: ANONYMOUS without a valid session cookie; the cookie is dropped when it
    is forged, over, its token was revoked or expired, or its account session ended."""
    raw = request.cookies.get(COOKIE)
    if raw is None:
        return ANONYMOUS, None, False
    data = web.signer.loads(raw)
    if data is None:
        return ANONYMOUS, None, True
    try:
        if data.key is not None:
            principal, _row = await account_session_principal(session, data.key, utcnow())
            return principal, data, False
        if data.token_id is None:
            return ANONYMOUS, None, True
        return await session_principal(session, data.token_id, utcnow()), data, False
    except Unauthenticated:
        return ANONYMOUS, None, True


def cached(request: Request, response: Response, *, public: bool) -> Response:
    response.headers.setdefault("content-security-policy", PAGE_CSP)
    response.headers["vary"] = "Cookie"
    # a handler may mark its page private (an invitation's form holds a secret)
    chosen = response.headers.get("cache-control", "").startswith("private")
    private = not public or chosen or "set-cookie" in response.headers
    if private or request.method != "GET" or response.status_code != 200:
        response.headers["cache-control"] = "private, no-store"
        return response
    body = bytes(response.body)
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    response.headers["etag"] = etag
    response.headers["cache-control"] = f"public, max-age={PUBLIC_MAX_AGE}"
    sent = [tag.strip() for tag in request.headers.get("if-none-match", "").split(",")]
    if etag in sent or f"W/{etag}" in sent:
        return Response(
            status_code=304,
            headers={
                k: v
                for k, v in response.headers.items()
                if k in ("etag", "cache-control", "vary", "content-security-policy")
            },
        )
    return response


def _reader_language(request: Request) -> Language:
    first = request.url.path.strip("/").split("/")[0]
    return language(first) or from_accept_language(request.headers.get("accept-language"))


def _switch_links(request: Request, current: Language) -> list[tuple[Language, str]]:
    from directory.web.i18n import LANGUAGES

    rest = request.url.path[len(current.code) + 1 :] or "/"
    query = f"?{request.url.query}" if request.url.query else ""
    return [(lang, f"/{lang.code}{rest}{query}") for lang in LANGUAGES.values()]


async def not_found(request: Request) -> Response:
    """The HTML 404 for a path no page has, in the language of the URL or the browser."""
    lang = _reader_language(request)
    response = templates_for(lang.code).TemplateResponse(
        request,
        "error.html",
        {
            "lang": lang,
            "principal": ANONYMOUS,
            "csrf": "",
            "url": lambda path: f"/{lang.code}{path}",
            "switch": [],
            "print_view": False,
            "missing": PageNotFound("page", request.url.path[:60]),
        },
        status_code=404,
    )
    return cached(request, response, public=False)


def _unavailable(request: Request, lang: Language, exc: ServiceUnavailable | OSError) -> Response:
    log.warning("page %s unavailable: %s", request.url.path[:80], type(exc).__name__)
    response = templates_for(lang.code).TemplateResponse(
        request,
        "error.html",
        {
            "lang": lang,
            "principal": ANONYMOUS,
            "csrf": "",
            "url": lambda path: f"/{lang.code}{path}",
            "switch": [],
            "print_view": False,
            "unavailable": True,
        },
        status_code=503,
    )
    response.headers["retry-after"] = "5"
    return cached(request, response, public=False)


async def root(request: Request) -> Response:
    """``/``: to the home page in the browser's language (Accept-Language)."""
    lang = from_accept_language(request.headers.get("accept-language"))
    response = RedirectResponse(f"/{lang.code}/", status_code=303)
    response.headers["vary"] = "Accept-Language"
    response.headers["cache-control"] = "public, max-age=3600"
    return response


__all__ = ["DEFAULT", "Page", "PageNotFound", "Web", "cached", "not_found", "page", "root"]
