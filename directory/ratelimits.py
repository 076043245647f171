"""Rate limits: cost points per caller per minute, and failed authentications per address.

Three budgets, all counted by the ``limits`` library in a fixed one-minute window:

- **cost points**: every GraphQL operation charges ``OPERATION_POINTS`` plus its estimated
  cost to its caller: the token when the request authenticated, else the client address. A caller
  whose points for the minute are spent is refused with ``RateLimited`` until the window
  resets (``retry_after``), while every other caller is served as before.
- **failed sign-ins per e-mail address** (the console's accounts): a small budget in a
  15-minute window; once spent, that account cannot sign in from anywhere until the window
  resets (a temporary lock-out; the per-address budget above still slows each guesser).
- **failed authentications** per client address: a smaller budget, charged by each
  ``UNAUTHENTICATED`` token. Once spent, tokens from that address are not even looked up
  until the window resets, so guessing is slowed to the budget.

Why a fixed window: one counter per caller (``limits``' moving window keeps one timestamp
per point, so a 5,000-point query would store 5,000 entries), and an exact ``Retry-After``:
when the window resets, the whole budget is back. Its known flaw, a burst of up to twice the
budget across a window boundary, is bounded and was allowed for when sizing the defaults.
A refused operation's points are counted too (the counter only grows within a window), so a
caller that keeps asking past its budget stays refused until the reset, never longer.

The counters live in memory (one budget per worker process) or in Redis (one budget shared
by every worker that names the same Redis). A store that cannot be reached **fails open**:
the rate limit protects capacity, it grants nothing, so during an outage requests are
served unlimited (authentication, permissions, the cost budget and the size limits still
apply) and a warning is logged; failing closed would turn a Redis outage into an outage of
the whole API. The store is then left alone for ``STORE_RETRY_SECONDS``, so that an
unreachable Redis costs each request nothing.
"""

from __future__ import annotations

import logging
import math
import time
from typing import Any

import coredis
from limits import RateLimitItemPerMinute
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import FixedWindowRateLimiter
from limits.errors import StorageError

from directory.config import Settings
from directory.errors import RateLimited

log = logging.getLogger(__name__)

WINDOW_SECONDS = 60
# After a store error, how long requests are served without asking the store again.
STORE_RETRY_SECONDS = 5.0
# A store slower than this counts as down: the limiter must never hold a request up.
STORE_TIMEOUT_SECONDS = 0.5
_STORE_ERRORS = (StorageError, OSError, TimeoutError)
# What every operation charges before its cost: the fixed work of a request (HTTP, parse,
# validation, a session) is about that of 20 returned objects (measured: ~6 ms for a trivial
# query, ~0.3 ms per returned object). Without it a trivial query cost one point, and one
# caller within the default budget could send more trivial queries than a core can answer.
OPERATION_POINTS = 20
# How long an account stays locked after its failed sign-ins (DIRECTORY_ACCOUNT_LOCK_FAILURES
# within this window): long enough to make guessing hopeless (5 tries per 15 minutes is
# under 500 a day), short enough that a person who mistyped waits a coffee, not a ticket.
ACCOUNT_LOCK_MINUTES = 15


def open_storage(url: str, key_prefix: str = "directory") -> tuple[Storage, Any]:
    """``memory://`` or ``redis://host:port/db`` (``rediss://`` for TLS) as a ``limits``
    async storage, and the connection pool to close (None for memory). Settings have
    validated the URL; store errors surface as StorageError."""
    if url.startswith("memory://"):
        return MemoryStorage(), None
    # our own pool, so that we can close it (and bound its timeouts) through coredis' API
    pool = coredis.ConnectionPool.from_url(
        url, connect_timeout=STORE_TIMEOUT_SECONDS, stream_timeout=STORE_TIMEOUT_SECONDS
    )
    storage = RedisStorage(
        f"async+{url}",
        wrap_exceptions=True,
        key_prefix=key_prefix,
        # limits types its storage options as scalars; coredis takes a pool object here
        connection_pool=pool,  # type: ignore[arg-type]
    )
    return storage, pool


class RateLimits:
    """The two budgets over one store. ``points_per_minute`` or ``auth_failures_per_minute``
    at 0 turns that budget off. ``key_prefix`` separates deployments sharing one Redis."""

    def __init__(
        self,
        *,
        points_per_minute: int,
        auth_failures_per_minute: int,
        storage_url: str = "memory://",
        key_prefix: str = "directory",
        account_lock_failures: int = 5,
    ) -> None:
        self.points = RateLimitItemPerMinute(points_per_minute) if points_per_minute else None
        self.auth_failures = (
            RateLimitItemPerMinute(auth_failures_per_minute, namespace="AUTH")
            if auth_failures_per_minute
            else None
        )
        # failed sign-ins per e-mail address: past them the account is locked until the
        # window (ACCOUNT_LOCK_MINUTES) resets, from every address at once
        self.account_failures = (
            RateLimitItemPerMinute(
                account_lock_failures, multiples=ACCOUNT_LOCK_MINUTES, namespace="LOCK"
            )
            if account_lock_failures
            else None
        )
        self.storage, self._pool = open_storage(storage_url, key_prefix)
        self._limiter = FixedWindowRateLimiter(self.storage)
        self._store_down_until = 0.0

    @classmethod
    def from_settings(cls, settings: Settings) -> RateLimits:
        return cls(
            points_per_minute=settings.rate_limit,
            auth_failures_per_minute=settings.auth_failure_limit,
            storage_url=settings.rate_limit_storage,
            account_lock_failures=settings.account_lock_failures,
        )

    async def charge(self, caller: str, cost: int, *, who: str) -> None:
        """Charge ``OPERATION_POINTS + cost`` to ``caller`` (``token:7``, ``address:…``), or raise
        RateLimited when its points for the window are spent. ``who`` names the caller in the
        message ("this token"). An operation is charged at most the whole budget, so any
        operation the cost budget accepts can run once per window."""
        if self.points is None:
            return
        points = min(OPERATION_POINTS + max(0, cost), self.points.amount)
        if await self._hit(self.points, caller, points):
            return
        retry_after = await self._retry_after(self.points, caller)
        raise RateLimited(
            f"{who} has spent its {self.points.amount} cost points for this minute (this "
            f"operation costs {points}): retry after {retry_after} s, or ask for less "
            "(smaller `first`, fewer fields)",
            retry_after=retry_after,
            limit=self.points.amount,
            cost=points,
        )

    async def auth_refusal(self, address: str) -> RateLimited | None:
        """RateLimited when ``address`` has spent its failed authentications for the window
        (its token is then not looked up at all); None otherwise."""
        if self.auth_failures is None or await self._test(self.auth_failures, address):
            return None
        retry_after = await self._retry_after(self.auth_failures, address)
        return RateLimited(
            f"too many failed token authentications from this client address (at most "
            f"{self.auth_failures.amount} a minute): retry after {retry_after} s with a "
            "valid token, or without a token for public data",
            retry_after=retry_after,
            limit=self.auth_failures.amount,
            cost=1,
        )

    async def auth_failed(self, address: str) -> None:
        """Count one failed token authentication from ``address``."""
        if self.auth_failures is not None:
            await self._hit(self.auth_failures, address, 1)

    async def account_locked(self, email: str) -> int | None:
        """Seconds until the account of ``email`` may be tried again, or None when it is not
        locked. Keyed on the address typed (lower-cased), whether an account has it or not,
        so a lock says nothing about which addresses exist."""
        key = email.strip().lower()[:254]
        if self.account_failures is None or await self._test(self.account_failures, key):
            return None
        return await self._retry_after(self.account_failures, key)

    async def account_failed(self, email: str) -> None:
        """Count one failed sign-in for ``email``."""
        if self.account_failures is not None:
            await self._hit(self.account_failures, email.strip().lower()[:254], 1)

    async def aclose(self) -> None:
        """Close the store's connections (Redis); the memory store has none."""
        if self._pool is not None:
            self._pool.disconnect()

    # -- the store, failing open ------------------------------------------------------

    async def _hit(self, item: RateLimitItemPerMinute, key: str, cost: int) -> bool:
        if self._store_is_down():
            return True
        try:
            allowed = await self._limiter.hit(item, key, cost=cost)
        except _STORE_ERRORS as exc:
            self._store_failed(exc)
            return True
        self._store_answered()
        return allowed

    async def _test(self, item: RateLimitItemPerMinute, key: str) -> bool:
        if self._store_is_down():
            return True
        try:
            allowed = await self._limiter.test(item, key)
        except _STORE_ERRORS as exc:
            self._store_failed(exc)
            return True
        self._store_answered()
        return allowed

    async def _retry_after(self, item: RateLimitItemPerMinute, key: str) -> int:
        """Whole seconds until the caller's window resets (the window, if the store fails)."""
        try:
            stats = await self._limiter.get_window_stats(item, key)
        except _STORE_ERRORS as exc:
            self._store_failed(exc)
            return WINDOW_SECONDS
        return max(1, math.ceil(stats.reset_time - time.time()))

    def _store_is_down(self) -> bool:
        return time.monotonic() < self._store_down_until

    def _store_failed(self, exc: BaseException) -> None:
        self._store_down_until = time.monotonic() + STORE_RETRY_SECONDS
        log.warning(
            "rate-limit store unreachable (%s: %s): serving requests without rate limits, "
            "next try in %.0f s; check DIRECTORY_RATE_LIMIT_STORAGE and that Redis is up",
            type(exc).__name__,
            exc,
            STORE_RETRY_SECONDS,
        )

    def _store_answered(self) -> None:
        if self._store_down_until:
            self._store_down_until = 0.0
            log.warning("rate-limit store reachable again: rate limits apply again")
