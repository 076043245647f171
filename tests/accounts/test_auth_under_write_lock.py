"""An authenticated read is served while another writer holds the database's write lock.

Authentication only reads; the token's last-used time is written apart, and a failure of
that write is logged, not returned. The writer is real: on SQLite another ``sqlite3``
connection in ``BEGIN IMMEDIATE`` on the same file; on PostgreSQL another connection holding
``LOCK TABLE api_token IN EXCLUSIVE MODE`` (reads pass, writes to the table wait). The app
runs on its own engine over a scratch database, as in production (real commits).
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import event, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from directory.accounts import http as accounts_http
from directory.accounts.models import ApiToken
from directory.accounts.permissions import Principal, Role
from directory.accounts.tokens import create_token
from directory.app import create_app
from directory.config import Settings, database_url
from directory.db import create_engine, session_factory
from directory.migrations import upgrade

READ = "{ changes(first: 1) { id } }"
SETUP = Principal(role=Role.SECRETARIAT, name="setup")


def _short_busy_timeout(dbapi_connection: Any, _record: Any) -> None:
    # Runs after the engine's own connect hook: a locked write fails after 50 ms instead of
    # 5 s, so the test stays fast (the outcome, not the time, is what it checks).
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=50")
    cursor.close()


@pytest.fixture
async def scratch(scratch_url: str, backend: str) -> AsyncIterator[tuple[AsyncEngine, str]]:
    """A migrated scratch database, its engine, and a committed PRACTITIONER token."""
    settings = Settings(database_url=scratch_url)
    if backend == "sqlite":
        engine = create_engine(settings.url)
        event.listen(engine.sync_engine, "connect", _short_busy_timeout)
    else:
        # a guard: a request stuck behind the lock fails after 5 s instead of hanging
        engine = create_engine(
            settings.url, connect_args={"server_settings": {"lock_timeout": "5000"}}
        )
    try:
        await upgrade(engine)
        async with session_factory(engine)() as s, s.begin():
            issued = await create_token(s, SETUP, name="reader", role=Role.PRACTITIONER)
        yield engine, issued.raw
    finally:
        await engine.dispose()


@contextlib.asynccontextmanager
async def _writer_holding_the_lock(scratch_url: str, backend: str) -> AsyncIterator[None]:
    if backend == "sqlite":
        other = sqlite3.connect(database_url(scratch_url).database, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            other.execute("ROLLBACK")
            other.close()
        return
    holder = create_engine(database_url(scratch_url))
    try:
        async with holder.connect() as conn:
            await conn.execute(text("LOCK TABLE api_token IN EXCLUSIVE MODE"))
            yield
            await conn.rollback()
    finally:
        await holder.dispose()


async def _read(engine: AsyncEngine, scratch_url: str, token: str) -> httpx.Response:
    app = create_app(Settings(database_url=scratch_url), engine=engine)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://directory.test") as c:
        return await c.post(
            "/graphql", json={"query": READ}, headers={"Authorization": f"Bearer {token}"}
        )


async def _last_used(engine: AsyncEngine, token: str) -> Any:
    async with session_factory(engine)() as s:
        return await s.scalar(select(ApiToken.last_used_at).where(ApiToken.prefix == token[:11]))


@pytest.fixture
def short_lock_timeout(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(accounts_http, "LAST_USE_LOCK_TIMEOUT_MS", 50)
    yield


async def test_an_authenticated_read_is_served_while_a_writer_holds_the_lock(
    scratch: tuple[AsyncEngine, str], scratch_url: str, backend: str, caplog: Any
) -> None:
    # given a token used a moment ago (its last use is recorded, so none is due)
    engine, token = scratch
    assert (await _read(engine, scratch_url, token)).status_code == 200
    used = await _last_used(engine, token)
    assert used is not None

    # when it reads while another connection writes
    with caplog.at_level(logging.WARNING, logger="directory.accounts.http"):
        async with _writer_holding_the_lock(scratch_url, backend):
            response = await _read(engine, scratch_url, token)

    # then the read is answered, and nothing tried to write
    assert response.status_code == 200, response.text
    assert response.json()["data"] == {"changes": []}
    assert "errors" not in response.json()
    assert caplog.records == []
    assert await _last_used(engine, token) == used


async def test_a_last_use_that_cannot_be_written_is_logged_and_the_read_served(
    scratch: tuple[AsyncEngine, str],
    scratch_url: str,
    backend: str,
    caplog: Any,
    short_lock_timeout: None,
) -> None:
    # given a token never used (its last use is due) and a writer holding the lock
    engine, token = scratch
    with caplog.at_level(logging.WARNING, logger="directory.accounts.http"):
        async with _writer_holding_the_lock(scratch_url, backend):
            response = await _read(engine, scratch_url, token)

    # then the read is served; the failed bookkeeping write is a warning, not an error
    assert response.status_code == 200, response.text
    assert response.json()["data"] == {"changes": []}
    assert "errors" not in response.json()
    [warning] = caplog.records
    assert warning.levelno == logging.WARNING
    assert "could not record the last use of token" in warning.getMessage()
    assert await _last_used(engine, token) is None

    # and once the writer is done, the next read records it
    assert (await _read(engine, scratch_url, token)).status_code == 200
    assert await _last_used(engine, token) is not None
