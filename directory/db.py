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
from typing import Annotated, Any

from sqlalchemy import JSON, Date, DateTime, MetaData, String, event
from sqlalchemy.engine import URL
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, mapped_column

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


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy reads this class attribute
        dt.datetime: DateTime(timezone=True),
        dt.date: Date(),
        dict[str, Any]: JSON(),
    }

    def __repr__(self) -> str:
        pk = ", ".join(
            f"{c.key}={getattr(self, c.key, None)!r}" for c in self.__mapper__.primary_key
        )
        return f"<{type(self).__name__} {pk}>"


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Python's sqlite3 opens transactions lazily and never for SELECT; hand transaction
    # control to SQLAlchemy (the documented recipe) so reads see one snapshot.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_on_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")


def create_engine(url: URL, **kwargs: Any) -> AsyncEngine:
    """Engine for ``url`` (already normalised by ``directory.config.database_url``)."""
    if url.get_backend_name() == "sqlite":
        engine = create_async_engine(url, **kwargs)
        event.listen(engine.sync_engine, "connect", _sqlite_on_connect)
        event.listen(engine.sync_engine, "begin", _sqlite_on_begin)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_async_engine(url, **kwargs)


class SerialSession(AsyncSession):
    """An AsyncSession whose I/O calls run one at a time (see the module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._io_lock = asyncio.Lock()

    async def execute(self, *args: Any, **kwargs: Any) -> Any:
        async with self._io_lock:
            return await super().execute(*args, **kwargs)

    # ``scalars`` is not overridden: AsyncSession.scalars calls ``self.execute``, which
    # already holds the lock (asyncio.Lock is not re-entrant: overriding both deadlocks).

    async def scalar(self, *args: Any, **kwargs: Any) -> Any:
        async with self._io_lock:
            return await super().scalar(*args, **kwargs)

    async def get(self, *args: Any, **kwargs: Any) -> Any:
        async with self._io_lock:
            return await super().get(*args, **kwargs)

    async def flush(self, *args: Any, **kwargs: Any) -> None:
        async with self._io_lock:
            await super().flush(*args, **kwargs)

    async def refresh(self, *args: Any, **kwargs: Any) -> None:
        async with self._io_lock:
            await super().refresh(*args, **kwargs)

    async def commit(self) -> None:
        async with self._io_lock:
            await super().commit()

    async def rollback(self) -> None:
        async with self._io_lock:
            await super().rollback()


def session_factory(engine: AsyncEngine) -> async_sessionmaker[SerialSession]:
    return async_sessionmaker(engine, class_=SerialSession, expire_on_commit=False)
