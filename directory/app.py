"""The HTTP application: ``/graphql`` (GraphiQL's files under ``/graphiql/``), ``/healthz``
and the pages (``directory.web``).

``create_app`` creates the engine eagerly (``httpx.ASGITransport`` runs no lifespan), and the
lifespan disposes of it only when ``create_app`` created it: an engine passed in belongs to
the caller (tests, the CLI).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from directory import __version__
from directory.config import Settings
from directory.db import SerialSession, engine_for, session_factory
from directory.edge.headers import SecurityHeaders, cors
from directory.edge.limits import RequestGuard
from directory.edge.logs import RequestLog, install_filters
from directory.edge.responses import error_response
from directory.graphql.graphiql import graphiql_assets
from directory.graphql.schema import schema
from directory.graphql.view import DirectoryGraphQL
from directory.mail import events as mail_events
from directory.mail.delivery import run_worker
from directory.mail.smtp import smtp_settings
from directory.migrations import head_revision
from directory.ratelimits import RateLimits
from directory.web import Web, not_found, web_routes
from directory.web.mails import render as render_mail
from directory.web.session import Signer


def create_app(
    settings: Settings | None = None,
    *,
    engine: AsyncEngine | None = None,
    sessionmaker: async_sessionmaker[SerialSession] | None = None,
    rate_limits: RateLimits | None = None,
) -> Starlette:
    """The Starlette app. ``settings`` default to ``Settings.from_env()``; ``sessionmaker``
    defaults to one over ``engine`` (tests pass one bound to a rolled-back connection);
    ``rate_limits`` to the settings' (tests pass their own, and close them)."""
    settings = settings or Settings.from_env()
    owns_engine = engine is None
    owns_rate_limits = rate_limits is None
    rate_limits = rate_limits or RateLimits.from_settings(settings)
    engine = engine if engine is not None else engine_for(settings)
    sessionmaker = sessionmaker or session_factory(engine)

    async def healthz(_request: Request) -> JSONResponse:
        return await _health(sessionmaker, engine.url.get_backend_name())

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        mailer = _mail_worker(settings, sessionmaker)
        try:
            yield
        finally:
            if mailer is not None:
                mailer.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await mailer
            if owns_engine:
                await engine.dispose()
            if owns_rate_limits:
                await rate_limits.aclose()

    graphql = DirectoryGraphQL(
        schema, settings=settings, sessionmaker=sessionmaker, rate_limits=rate_limits
    )
    web = Web(settings, sessionmaker, rate_limits, Signer(settings.session_secret.encode()))
    install_filters()
    mail_events.install()
    return Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/healthz", healthz, methods=["GET"]),
            *([graphiql_assets()] if settings.graphiql else []),
            *web_routes(web),
        ],
        # outermost first: see directory.edge
        middleware=[
            Middleware(SecurityHeaders, hsts=settings.hsts),
            Middleware(RequestLog),
            *cors(settings),
            Middleware(RequestGuard, max_body_bytes=settings.max_body_bytes),
        ],
        # the router's own refusals (404 unknown path, 405 PUT /graphql …) as GraphQL errors
        exception_handlers={HTTPException: _http_refusal},
        lifespan=lifespan,
    )


def _mail_worker(
    settings: Settings, sessionmaker: async_sessionmaker[SerialSession]
) -> asyncio.Task[None] | None:
    """The outbox's delivery as a task of this process (``DIRECTORY_MAIL_WORKER=1`` and an
    SMTP host set); None otherwise (``directory mail deliver`` from cron does the same)."""
    smtp = smtp_settings(settings)
    if not settings.mail_worker or smtp is None:
        return None
    return asyncio.create_task(
        run_worker(
            sessionmaker,
            smtp,
            render_mail,
            interval=settings.mail_interval_seconds,
            stale_after_days=settings.stale_after_days,
        ),
        name="mail-outbox",
    )


async def _http_refusal(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if _wants_page(request) and exc.status_code == 404:
        return await not_found(request)
    return error_response(
        exc.status_code,
        "BAD_REQUEST",
        f"{exc.detail}: the API is POST or GET /graphql",
        accept=request.headers.get("accept", ""),
        headers=exc.headers,
    )


def _wants_page(request: Request) -> bool:
    """A browser asking for a page (not a client of the API): answered in HTML."""
    return request.url.path != "/graphql" and "text/html" in request.headers.get("accept", "")


async def _health(sessionmaker: async_sessionmaker[SerialSession], backend: str) -> JSONResponse:
    """200 when the database answers and is migrated to head; 503 with the reason otherwise."""
    head = head_revision()
    try:
        async with sessionmaker() as session:
            await session.execute(text("SELECT 1"))
            connection = await session.connection()
            current = await connection.run_sync(
                lambda c: MigrationContext.configure(c).get_current_revision()
            )
    except (SQLAlchemyError, OSError) as exc:
        return JSONResponse(
            {
                "status": "unavailable",
                "reason": f"the {backend} database does not answer ({type(exc).__name__}): "
                "check DATABASE_URL and that the server is up",
            },
            status_code=503,
        )
    if current != head:
        return JSONResponse(
            {
                "status": "outdated",
                "reason": f"database schema at revision {current!r}, the code needs {head!r}: "
                "run `directory migrate`",
            },
            status_code=503,
        )
    return JSONResponse(
        {"status": "ok", "version": __version__, "database": backend, "revision": current}
    )
