"""Declarative base, engine and session factories.

Why async SQLAlchemy: the app serves GraphQL under ASGI, and a blocking query in a resolver
would stall every other request on the event loop. SQLite runs through aiosqlite (a thread
per connection), PostgreSQL through asyncpg.

One session per request, never used by two tasks at once: Strawberry resolves sibling
fields concurrently, and an ``AsyncSession`` is not safe for that. ``SerialSession`` holds an
``asyncio.Lock`` around every call that touches the connection, so concurrent resolvers
queue for the session instead of interleaving on it. DataLoaders keep the queue short: a
batch is one statement whatever the number of rows.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable
from functools import partial
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from sqlalchemy import JSON, Date, DateTime, MetaData, String, TypeDecorator, event
from sqlalchemy.engine import URL
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, mapped_column

from directory.busy import retrying
from directory.config import DEFAULT_BUSY_TIMEOUT_MS

if TYPE_CHECKING:
    from directory.config import Settings

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

intpk = Annotated[int, mapped_column(primary_key=True)]
code = Annotated[str, mapped_column(String(32))]
text = Annotated[str, mapped_column(String)]
lang = Annotated[str, mapped_column(String(8))]

T = TypeVar("T")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timestamp stored in UTC and always read back as an aware UTC datetime.

    PostgreSQL keeps the offset (timestamptz); SQLite stores text and hands back naive
    values. Without this, the API would print ``…T06:14:39+00:00`` on one engine and
    ``…T06:14:39`` on the other: a contract that differs by deployment.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(
                f"timestamp {value.isoformat()} has no time zone: pass an aware UTC time"
            )
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy reads this class attribute
        dt.datetime: UTCDateTime(),
        dt.date: Date(),
        dict[str, Any]: JSON(),
    }

    def __repr__(self) -> str:
        pk = ", ".join(
            f"{c.key}={getattr(self, str(c.key), None)!r}" for c in self.__mapper__.primary_key
        )
        return f"<{type(self).__name__} {pk}>"


def _sqlite_on_connect(dbapi_connection: Any, _record: Any, *, busy_timeout_ms: int) -> None:
    # Python's sqlite3 opens transactions lazily and never for SELECT; hand transaction
    # control to SQLAlchemy (the documented recipe) so reads see one snapshot.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # first: the pragmas below may themselves wait for a connection that holds the database
    cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


WRITES = "directory_writes"
"""Execution option (on a session, a connection, or one transaction through
``SerialSession.begin_write``): its transactions will write.

On SQLite they then start with ``BEGIN IMMEDIATE``. A plain (deferred) transaction takes the
write lock only at its first write; if another writer holds it, or committed since this
transaction's first read, SQLite answers "database is locked" at once instead of waiting
for ``busy_timeout``, because waiting could not help: the reads already done are stale.
``IMMEDIATE`` takes the write lock before the first read, so concurrent writers queue on
``busy_timeout`` and then read what the previous one committed. Readers keep plain
``BEGIN``: under WAL they never wait for a writer, nor for each other. PostgreSQL ignores
the option (row locks and MVCC already make its writers wait).
"""


def _sqlite_on_begin(conn: Any) -> None:
    immediate = conn.get_execution_options().get(WRITES, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def create_engine(
    url: URL, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS, **kwargs: Any
) -> AsyncEngine:
    """Engine for ``url`` (already normalised by ``directory.config.database_url``).

    ``busy_timeout_ms``: on SQLite, how long a connection waits for another one's lock
    before "database is locked" (then ``directory.busy`` retries, or answers 503).
    ``hide_parameters``: an error's message and SQLAlchemy's own log lines then name the
    statement but never its values, which may be restricted contact details or a token hash.
    """
    kwargs.setdefault("hide_parameters", True)
    if url.get_backend_name() == "sqlite":
        engine = create_async_engine(url, **kwargs)
        on_connect = partial(_sqlite_on_connect, busy_timeout_ms=busy_timeout_ms)
        event.listen(engine.sync_engine, "connect", on_connect)
        event.listen(engine.sync_engine, "begin", _sqlite_on_begin)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_async_engine(url, **kwargs)


def engine_for(settings: Settings, **kwargs: Any) -> AsyncEngine:
    """The engine that ``settings`` describe (URL, SQLite busy timeout); ``kwargs`` go to
    SQLAlchemy (pool sizes)."""
    return create_engine(settings.url, busy_timeout_ms=settings.sqlite_busy_timeout_ms, **kwargs)


class SerialSession(AsyncSession):
    """An AsyncSession whose I/O calls run one at a time and run to completion.

    Serial: see the module docstring. To completion: graphql-core cancels the sibling
    resolvers of a non-null field that failed (``gather_with_cancel``). A resolver cancelled
    in the middle of a statement would raise ``CancelledError`` inside SQLAlchemy, which
    takes any non-``Exception`` for a lost connection and invalidates it: the pooled
    connection is thrown away (asyncpg terminates it), and in the tests, where sessions
    share one connection through savepoints, every later request fails with
    PendingRollbackError. So each call runs in its own task under ``asyncio.shield``: the
    cancelled resolver stops waiting, the statement finishes, and ``close`` (which queues
    on the same lock) rolls it back cleanly. Waiting for the lock stays cancellable:
    nothing has reached the database yet.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._io_lock = asyncio.Lock()

    async def _serially(self, call: Callable[[], Awaitable[T]]) -> T:
        await self._io_lock.acquire()
        try:
            # The call that opens a transaction (and with it a connection, a read snapshot or
            # SQLite's write lock) is retried while the database is busy: nothing has been
            # read or written in the transaction yet. Not with unflushed changes: their
            # autoflush would be a write that a failure leaves needing a rollback.
            sync = self.sync_session
            opening = not sync.in_transaction() and not (sync.new or sync.dirty or sync.deleted)
            task = asyncio.ensure_future(retrying(call) if opening else call())
        except BaseException:
            self._io_lock.release()
            raise
        task.add_done_callback(self._io_done)
        return await asyncio.shield(task)

    def _io_done(self, task: asyncio.Future[Any]) -> None:
        self._io_lock.release()
        if not task.cancelled():
            # Fetch the outcome so that a call whose caller was cancelled does not log
            # "exception was never retrieved"; a caller still waiting gets it from shield.
            task.exception()

    # These three keep AsyncSession's signatures (overloads typed by the statement or the
    # model), so the type checker reads the base class's: the wrappers change no type.
    if not TYPE_CHECKING:

        async def execute(self, *args: Any, **kwargs: Any) -> Any:
            return await self._serially(partial(super().execute, *args, **kwargs))

        # ``scalars`` is not overridden: AsyncSession.scalars calls ``self.execute``, which
        # already holds the lock (asyncio.Lock is not re-entrant: overriding both deadlocks).

        async def scalar(self, *args: Any, **kwargs: Any) -> Any:
            return await self._serially(partial(super().scalar, *args, **kwargs))

        async def get(self, *args: Any, **kwargs: Any) -> Any:
            return await self._serially(partial(super().get, *args, **kwargs))

    async def delete(self, instance: object) -> None:
        await self._serially(partial(super().delete, instance))

    async def flush(self, *args: Any, **kwargs: Any) -> None:
        await self._serially(partial(super().flush, *args, **kwargs))

    async def refresh(self, *args: Any, **kwargs: Any) -> None:
        await self._serially(partial(super().refresh, *args, **kwargs))

    async def connection(self, *args: Any, **kwargs: Any) -> Any:
        return await self._serially(partial(super().connection, *args, **kwargs))

    async def begin_write(self) -> None:
        """Begin a transaction that writes (on SQLite: ``BEGIN IMMEDIATE``, see ``WRITES``),
        retried while the database is busy (see ``directory.busy``). A read transaction in
        progress is committed first: it wrote nothing, and a commit expires no row in hand.
        Call it before the first read of a write, with no unflushed changes."""
        if self.in_transaction():
            await self.commit()
        await self.connection(execution_options={WRITES: True})

    async def commit(self) -> None:
        await self._serially(super().commit)

    async def rollback(self) -> None:
        await self._serially(super().rollback)

    async def close(self) -> None:
        # Waits for a statement still running for a cancelled resolver, then rolls back.
        await self._serially(super().close)


def session_factory(
    engine: AsyncEngine, *, writes: bool = False
) -> async_sessionmaker[SerialSession]:
    """Sessions over ``engine``; ``writes=True`` for sessions whose transactions write (see
    ``WRITES``). One session can also ask for it: ``factory(execution_options={WRITES: True})``.
    """
    options = {WRITES: True} if writes else {}
    return async_sessionmaker(
        engine, class_=SerialSession, expire_on_commit=False, execution_options=options
    )
