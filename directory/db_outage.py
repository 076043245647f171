"""Which database failures mean "the database cannot answer now": THE one mapping.

``as_unavailable(exc)`` turns such a failure into ``ServiceUnavailable`` (HTTP 503 with
``Retry-After``) and leaves every other exception alone (a bug stays a masked
``INTERNAL_SERVER_ERROR``). The API uses it where the database is first touched (the token
lookup in ``directory.graphql.view``) and for every resolver error (``directory.graphql.errors``).
A busy SQLite database is one case of it, recognised first by ``directory.busy`` (which
retries it where that is safe, and words the answer).

What counts, by PEP 249's own definitions and SQLAlchemy's:

- ``OperationalError`` and ``InterfaceError``: "errors related to the database's operation
  and not necessarily under the control of the programmer" (a refused or lost connection,
  a file that cannot be opened, SQLite's "database is locked", a PostgreSQL server shutting
  down, a lock or statement timeout);
- any ``DBAPIError`` that SQLAlchemy recognised as a disconnect (``connection_invalidated``);
- the pool's ``TimeoutError`` (every connection busy) and ``DisconnectionError``;
- ``OSError`` (connection refused, host unknown, reset; asyncpg raises these raw at connect)
  and asyncpg's connection errors when they arrive unwrapped.

Integrity, data and programming errors are not outages: retrying cannot help.
"""

from __future__ import annotations

from sqlalchemy import exc as sa

from directory.busy import unavailable as busy_unavailable
from directory.errors import ServiceUnavailable

RETRY_AFTER_SECONDS = 5
"""What ``Retry-After`` tells clients: PostgreSQL recovers by itself within a second after
a restart (measured), a busy SQLite database within its busy timeout; 5 s spreads retries."""

_OUTAGES: tuple[type[BaseException], ...] = (
    sa.OperationalError,
    sa.InterfaceError,
    sa.TimeoutError,
    sa.DisconnectionError,
    OSError,
)

try:  # asyncpg is a dependency, but the mapping must not need it to import
    import asyncpg

    _OUTAGES += (
        asyncpg.exceptions.CannotConnectNowError,
        asyncpg.exceptions.ConnectionFailureError,
        asyncpg.exceptions.ConnectionDoesNotExistError,
        asyncpg.exceptions.TooManyConnectionsError,
        asyncpg.exceptions.AdminShutdownError,
        asyncpg.exceptions.CrashShutdownError,
        asyncpg.exceptions.InterfaceError,
    )
except ImportError:  # pragma: no cover - asyncpg is installed with the project
    pass


def as_unavailable(exc: BaseException) -> ServiceUnavailable | None:
    """``ServiceUnavailable`` when ``exc`` means the database cannot answer now, else None.

    The message names the failure's type only: a driver's message may quote the values of
    the statement (PostgreSQL's ``DETAIL: Key (…)=(…)``), and it goes to the client and the
    log.
    """
    if isinstance(exc, ServiceUnavailable):
        return exc
    if (busy := busy_unavailable(exc)) is not None:
        return busy  # SQLite busy past its retries: said so, with its own Retry-After
    if not _is_outage(exc):
        return None
    return ServiceUnavailable(
        f"the database cannot answer now ({type(exc).__name__}): retry in "
        f"{RETRY_AFTER_SECONDS} seconds",
        retry_after=RETRY_AFTER_SECONDS,
    )


def _is_outage(exc: BaseException) -> bool:
    if isinstance(exc, sa.DBAPIError) and exc.connection_invalidated:
        return True
    if isinstance(exc, _OUTAGES):
        return True
    # SQLAlchemy wraps the driver's error; asyncio wraps nothing but may chain it
    cause = getattr(exc, "orig", None) or exc.__cause__
    return cause is not None and cause is not exc and isinstance(cause, _OUTAGES)
