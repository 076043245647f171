"""A busy database: recognised, retried where that is safe, then answered "come back later".

SQLite has one writer at a time. A connection that wants the write lock (``BEGIN IMMEDIATE``,
see ``directory.db.WRITES``) or, rarely, a read snapshot while another connection holds the
database, waits up to ``busy_timeout`` and then fails with "database is locked" (SQLITE_BUSY,
SQLITE_LOCKED and their extended codes). That is not a bug of the request but a queue that
was too long: the request is retried a few times with backoff, and then the caller is told
``SERVICE_UNAVAILABLE`` with ``Retry-After`` (HTTP 503), never an internal error.

Retrying is safe only where nothing has been read or written yet: at the start of a
transaction (``directory.db.SerialSession`` retries the call that opens one). A busy error
later in a transaction fails the request with the same 503 (its transaction is rolled back,
so nothing of it was committed and the client may send it again).

``unavailable(exc)`` is the one mapping from a driver error to ``ServiceUnavailable`` for a
busy database; the API layer calls it for any error a resolver raised.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from typing import TypeVar

from directory.errors import ServiceUnavailable

T = TypeVar("T")

# Attempts in all (the first try and the retries), and the pause before the n-th retry:
# BACKOFF_S * 2**n, with jitter so that writers who failed together do not retry together.
# Each attempt already waited busy_timeout inside SQLite (5 s by default: a request gives up
# after about 15 s); the retries are for the failures SQLite returns without waiting.
ATTEMPTS = 3
BACKOFF_S = 0.05
RETRY_AFTER_S = 1

# SQLite's primary result codes (the extended ones keep them in the low byte):
# SQLITE_BUSY (another connection holds the lock) and SQLITE_LOCKED (a conflict
# inside a shared cache or the same connection).
_BUSY_CODES = {5, 6}
_BUSY_MESSAGES = ("database is locked", "database is busy", "database table is locked")


def is_busy(exc: BaseException) -> bool:
    """Whether ``exc`` (a SQLAlchemy error or the driver's own) says the SQLite database is
    busy or locked by another connection."""
    for error in (exc, getattr(exc, "orig", None)):
        if error is None:
            continue
        code = getattr(error, "sqlite_errorcode", None)
        if isinstance(code, int) and code & 0xFF in _BUSY_CODES:
            return True
        if type(error).__name__ == "OperationalError" and any(
            m in str(error).lower() for m in _BUSY_MESSAGES
        ):
            return True
    return False


def unavailable(exc: BaseException) -> ServiceUnavailable | None:
    """``ServiceUnavailable`` for a busy database, None for any other error."""
    if not is_busy(exc):
        return None
    return ServiceUnavailable(
        "the database is busy with other writes and could not serve this operation in time "
        f"(nothing of it was done): send it again in {RETRY_AFTER_S} s",
        retry_after=RETRY_AFTER_S,
    )


async def retrying(call: Callable[[], Awaitable[T]]) -> T:
    """``call()``, tried again while the database is busy (``ATTEMPTS`` in all, with backoff);
    then ServiceUnavailable. Only for calls that may run twice: nothing read nor written yet."""
    for attempt in range(ATTEMPTS):
        try:
            return await call()
        except Exception as exc:
            busy = unavailable(exc)
            if busy is None:
                raise
            if attempt == ATTEMPTS - 1:
                raise busy from exc
        # not cryptographic: jitter only spreads the retries of writers who failed together
        await asyncio.sleep(BACKOFF_S * 2**attempt * random.uniform(0.5, 1.5))
    raise AssertionError("unreachable")  # pragma: no cover
