"""Test harness: one real database per run (SQLite file, or PostgreSQL), built by Alembic.

Engine choice: ``TEST_DATABASE_URL`` (``postgresql://…``) selects PostgreSQL; unset means a
fresh SQLite file in a temporary directory. Under ``CI=true`` an unreachable PostgreSQL is
a failure, never a skip.

Isolation: the schema is built once with ``upgrade head``; the reference seed is loaded and
committed once, by the ``seeded`` fixture, for tests that read real data. Every test then
runs inside an outer transaction on one connection that is rolled back at the end; the
app's sessions join it through savepoints, so a commit inside the app stays invisible to
the next test.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, async_sessionmaker

from directory.config import Settings, database_url
from directory.db import SerialSession, create_engine
from directory.mail import events as mail_events
from directory.migrations import upgrade

# change requests queue their e-mails in every test, as in the app and the CLI
mail_events.install()


def _test_url(tmp_dir: Path) -> str:
    raw = os.environ.get("TEST_DATABASE_URL")
    if raw:
        return raw
    return f"sqlite:///{tmp_dir / 'test.sqlite3'}"


@pytest.fixture(scope="session")
def database_url_raw(tmp_path_factory: pytest.TempPathFactory) -> str:
    return _test_url(tmp_path_factory.mktemp("db"))


@pytest.fixture(scope="session")
def backend(database_url_raw: str) -> str:
    return database_url(database_url_raw).get_backend_name()


@pytest.fixture(scope="session")
def settings(database_url_raw: str) -> Settings:
    return Settings.from_env({"DATABASE_URL": database_url_raw, "DIRECTORY_GRAPHIQL": "1"})


@pytest.fixture(scope="session")
async def engine(settings: Settings) -> AsyncIterator[AsyncEngine]:
    eng = create_engine(settings.url)
    try:
        async with eng.connect() as conn:
            await conn.exec_driver_sql("SELECT 1")
    except Exception as exc:  # pragma: no cover - depends on the machine
        await eng.dispose()
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"database {settings.url.render_as_string()} unreachable: {exc}")
    await upgrade(eng)
    yield eng
    await eng.dispose()


@pytest.fixture(scope="session")
async def seeded(engine: AsyncEngine) -> dict[str, Any]:
    """Load the reference seed once (committed); returns the seed report."""
    from directory.seeding import load_seed

    factory = async_sessionmaker(engine, class_=SerialSession, expire_on_commit=False)
    async with factory() as session, session.begin():
        report = await load_seed(session)
    return {"report": report}


@pytest.fixture
async def connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    async with engine.connect() as conn:
        outer = await conn.begin()
        try:
            yield conn
        finally:
            if outer.is_active:
                await outer.rollback()


@pytest.fixture
def sessionmaker(connection: AsyncConnection) -> async_sessionmaker[SerialSession]:
    return async_sessionmaker(
        bind=connection,
        class_=SerialSession,
        expire_on_commit=False,
        join_transaction_mode="create_savepoint",
    )


@pytest.fixture
async def session(
    sessionmaker: async_sessionmaker[SerialSession],
) -> AsyncIterator[SerialSession]:
    async with sessionmaker() as s:
        yield s


@pytest.fixture
def app(settings: Settings, engine: AsyncEngine, sessionmaker: async_sessionmaker[SerialSession]):
    from directory.app import create_app

    return create_app(settings, engine=engine, sessionmaker=sessionmaker)


@pytest.fixture
async def client(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://directory.test") as c:
        yield c


@dataclass
class StatementCounter:
    statements: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.statements)

    def reset(self) -> None:
        self.statements.clear()


@pytest.fixture
def sql_counter(engine: AsyncEngine) -> Iterator[StatementCounter]:
    """Counts every SQL statement sent to the database while the test runs."""
    counter = StatementCounter()

    def before_cursor_execute(conn, cursor, statement, parameters, context, executemany):
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK TO")):
            counter.statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", before_cursor_execute)
    try:
        yield counter
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", before_cursor_execute)


@pytest.fixture
async def scratch_url(
    database_url_raw: str, tmp_path: Path, request: pytest.FixtureRequest
) -> AsyncIterator[str]:
    """A URL to a brand-new, empty database on the same engine as the run (dropped after).

    For tests that need real commits or an un-migrated schema (migrations, concurrency).
    """
    url = database_url(database_url_raw)
    if url.get_backend_name() == "sqlite":
        yield f"sqlite:///{tmp_path / 'scratch.sqlite3'}"
        return
    name = f"{url.database}_scratch_{request.node.name}".lower()
    name = "".join(ch if ch.isalnum() or ch == "_" else "_" for ch in name)[:60]
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as conn:
            await conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
            await conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        yield url.set(database=name).render_as_string(hide_password=False)
        async with admin.connect() as conn:
            await conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.dispose()
