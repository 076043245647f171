"""Many writers at once, and a database held by someone else, through HTTP with real commits.

Every answer is a success or HTTP 503 ``SERVICE_UNAVAILABLE`` with ``Retry-After`` (never a
500), and the database holds exactly the writes answered as successful: a client that sends
a write again after a 503 never makes a duplicate, and none is lost. The app runs on its own
engine over a scratch database (as in production), with a short SQLite ``busy_timeout`` so
that waiting for the write lock fails quickly; "someone else" is another connection: on
SQLite a ``sqlite3`` connection in ``BEGIN IMMEDIATE`` (writers wait, readers pass), or in
exclusive locking mode (everyone waits); on PostgreSQL a connection holding a table lock.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker
from sqlalchemy.orm import Session
from sqlalchemy.util import await_only

from directory.accounts.permissions import Principal, Role
from directory.accounts.tokens import create_token
from directory.app import create_app
from directory.authorities.models import AuthorityName
from directory.cli import build_parser
from directory.config import Settings, database_url
from directory.db import SerialSession, create_engine, engine_for, session_factory
from directory.errors import ConfigError
from directory.migrations import upgrade
from tests.editing.factories import jurisdiction
from tests.helpers import gid

WRITERS = 50
BUSY_TIMEOUT_MS = 20
SETUP = Principal(role=Role.SECRETARIAT, name="setup")
CREATE = """
mutation ($input: CreateAuthorityInput!) {
  createAuthority(input: $input) { status authority { key names { name } } userErrors { message } }
}
"""
READ = "{ changes(first: 1) { id } }"


@dataclass
class Scratch:
    settings: Settings
    engine: AsyncEngine
    backend: str
    token: str  # a SECRETARIAT token: its writes apply at once

    @property
    def path(self) -> str:
        return str(database_url(self.settings.database_url).database)


@pytest.fixture
async def scratch(scratch_url: str, backend: str) -> AsyncIterator[Scratch]:
    settings = Settings(database_url=scratch_url, sqlite_busy_timeout_ms=BUSY_TIMEOUT_MS)
    # PostgreSQL: a connection per concurrent request, and a few for last-use bookkeeping
    pool = {"pool_size": WRITERS + 5, "max_overflow": 0} if backend == "postgresql" else {}
    engine = engine_for(settings, **pool)
    try:
        await upgrade(engine)
        async with session_factory(engine)() as s, s.begin():
            await jurisdiction(s, "XLD", "XD")
            issued = await create_token(s, SETUP, name="load", role=Role.SECRETARIAT)
        yield Scratch(settings, engine, backend, issued.raw)
    finally:
        await engine.dispose()


def _client(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://d.test")


async def _create(client: httpx.AsyncClient, token: str, n: int) -> httpx.Response:
    names = [{"language": "en", "name": f"Load writer {n}", "isOriginal": True}]
    variables = {"input": {"jurisdiction": "XLD", "names": names}}
    return await client.post(
        "/graphql",
        json={"query": CREATE, "variables": variables},
        headers={"Authorization": f"Bearer {token}"},
    )


def _outcome(response: httpx.Response, n: int | None = None) -> str:
    """Classify an answer: "applied", or "retry" (a 503 saying when); else fail the test."""
    assert response.status_code != 500, response.text
    body = response.json()
    if response.status_code == 503:
        [error] = body["errors"]
        assert error["extensions"] == {"code": "SERVICE_UNAVAILABLE", "retryAfter": 1}, body
        assert response.headers["retry-after"] == "1"
        return "retry"
    assert response.status_code == 200, response.text
    assert "errors" not in body, body
    payload = body["data"]["createAuthority"]
    assert payload["status"] == "APPLIED", body
    if n is not None:
        assert payload["authority"]["names"] == [{"name": f"Load writer {n}"}]
    return "applied"


async def _stored(engine: AsyncEngine) -> dict[str, int]:
    """How many authorities carry each writer's name."""
    async with session_factory(engine)() as s:
        rows = await s.execute(
            select(AuthorityName.name, func.count())
            .where(AuthorityName.name.like("Load writer %"))
            .group_by(AuthorityName.name)
        )
        return {name: count for name, count in rows.all()}


@contextlib.contextmanager
def _sqlite_holder(path: str, *, exclusive: bool = False) -> Iterator[sqlite3.Connection]:
    """Another connection holding SQLite's write lock (readers pass) or, ``exclusive``, the
    whole database (readers and new connections wait too)."""
    other = sqlite3.connect(path, isolation_level=None)
    try:
        if exclusive:
            other.execute("PRAGMA locking_mode=EXCLUSIVE")
            other.execute("BEGIN EXCLUSIVE")
            other.execute("CREATE TABLE held (x)")  # a write: the lock is kept after it
            other.execute("COMMIT")
        else:
            other.execute("BEGIN IMMEDIATE")
        yield other
    finally:
        with contextlib.suppress(sqlite3.ProgrammingError):  # already let go of
            if other.in_transaction:
                other.execute("ROLLBACK")
        other.close()


async def test_fifty_concurrent_writers_are_applied_or_told_to_retry_never_lost_nor_doubled(
    scratch: Scratch,
) -> None:
    app = create_app(scratch.settings, engine=scratch.engine)
    answers = {"applied": 0, "retry": 0}
    async with _client(app) as client:
        if scratch.backend == "sqlite":
            # given another connection holding the write lock while the 50 writes arrive
            with _sqlite_holder(scratch.path):
                held = await asyncio.gather(
                    *(_create(client, scratch.token, n) for n in range(WRITERS))
                )
            # then each is told to come back later (not a 500), and none was written
            assert [_outcome(r) for r in held] == ["retry"] * WRITERS
            assert await _stored(scratch.engine) == {}

        # when the 50 write at once, each sending again after a 503 as Retry-After asks
        pending, rounds = list(range(WRITERS)), 0
        while pending and rounds < WRITERS:
            rounds += 1
            sent = await asyncio.gather(*(_create(client, scratch.token, n) for n in pending))
            outcomes = [_outcome(r, n) for r, n in zip(sent, pending, strict=True)]
            for o in outcomes:
                answers[o] += 1
            pending = [n for n, o in zip(pending, outcomes, strict=True) if o == "retry"]

    # then every write was answered as applied once, and is stored exactly once
    print(f"\n{WRITERS} writers on {scratch.backend}: {answers} in {rounds} round(s)")
    assert pending == []
    assert answers["applied"] == WRITERS
    assert await _stored(scratch.engine) == {f"Load writer {n}": 1 for n in range(WRITERS)}


class _WritingSession(Session):
    """The app's sessions in the tests below, so that a listener can tell their commits."""


@contextlib.asynccontextmanager
async def _app_locked_after_first_write(scratch: Scratch) -> AsyncIterator[Any]:
    """The app, and another connection that takes the write lock as soon as the app's first
    write commits, and keeps it until the block ends (on PostgreSQL a table lock: writes to
    authority_name wait, reads pass)."""
    held: dict[str, Any] = {}
    holder = create_engine(database_url(scratch.settings.database_url))

    def wrote(session: Session, _flush_context: Any) -> None:
        session.info["wrote"] = True

    def take_lock(session: Session) -> None:
        if not session.info.get("wrote") or held:
            return
        if scratch.backend == "sqlite":
            held["sqlite"] = other = sqlite3.connect(scratch.path, isolation_level=None)
            other.execute("BEGIN IMMEDIATE")
        else:  # runs inside SQLAlchemy's greenlet: it may wait for the async driver
            held["pg"] = conn = await_only(holder.connect())
            await_only(conn.execute(text("LOCK TABLE authority_name IN EXCLUSIVE MODE")))

    event.listen(_WritingSession, "after_flush", wrote)
    event.listen(_WritingSession, "after_commit", take_lock)
    sessions = async_sessionmaker(
        scratch.engine,
        class_=SerialSession,
        sync_session_class=_WritingSession,
        expire_on_commit=False,
    )
    try:
        yield create_app(scratch.settings, engine=scratch.engine, sessionmaker=sessions)
        assert held, "the lock was never taken: the test did not test anything"
    finally:
        event.remove(_WritingSession, "after_flush", wrote)
        event.remove(_WritingSession, "after_commit", take_lock)
        if "sqlite" in held:
            held["sqlite"].execute("ROLLBACK")
            held["sqlite"].close()
        if "pg" in held:
            await held["pg"].rollback()
            await held["pg"].close()
        await holder.dispose()


async def test_a_committed_write_is_answered_from_its_rows_while_another_writer_holds_the_lock(
    scratch: Scratch,
) -> None:
    # given another connection that takes the lock right after the app's write commits
    async with _app_locked_after_first_write(scratch) as app, _client(app) as client:
        # when the answer (the names it wrote included) is built after the commit
        response = await _create(client, scratch.token, 1)

    # then it is answered as applied, with what it wrote, and stored once
    assert _outcome(response, 1) == "applied"
    assert await _stored(scratch.engine) == {"Load writer 1": 1}


TWO_WRITES = """
mutation ($first: CreateAuthorityInput!, $second: CreateAuthorityInput!) {
  first: createAuthority(input: $first) { status }
  second: createAuthority(input: $second) { status }
}
"""


async def test_a_document_whose_first_write_committed_is_never_answered_503(
    scratch: Scratch,
) -> None:
    if scratch.backend != "sqlite":
        pytest.skip("the second write would wait for the table lock: no busy timeout there")
    # given a document of two writes, and another writer that takes the lock between them
    variables = {
        key: {"jurisdiction": "XLD", "names": [{"language": "en", "name": f"Load writer {n}"}]}
        for key, n in (("first", 1), ("second", 2))
    }
    async with _app_locked_after_first_write(scratch) as app, _client(app) as client:
        response = await client.post(
            "/graphql",
            json={"query": TWO_WRITES, "variables": variables},
            headers={"Authorization": f"Bearer {scratch.token}"},
        )

    # then the second is refused as unavailable, but the answer does not ask for the whole
    # document again (that would duplicate the first write): HTTP 200, no Retry-After
    assert response.status_code == 200, response.text
    assert "retry-after" not in response.headers
    [error] = response.json()["errors"]
    assert (error["path"], error["extensions"]["code"]) == (["second"], "SERVICE_UNAVAILABLE")
    assert await _stored(scratch.engine) == {"Load writer 1": 1}


@contextlib.contextmanager
def _release_at_first_failure(engine: AsyncEngine, holder: sqlite3.Connection) -> Iterator[None]:
    """Let go of ``holder``'s lock when the app's first statement fails on it: what follows
    can only succeed by trying again."""
    failures: list[str] = []

    def on_error(context: Any) -> None:
        failures.append(str(context.original_exception))
        if holder.in_transaction:
            holder.execute("ROLLBACK")
        holder.execute("PRAGMA locking_mode=NORMAL")
        holder.execute("SELECT 1")  # the exclusive lock goes at the next access
        holder.close()

    event.listen(engine.sync_engine, "handle_error", on_error)
    try:
        yield
    finally:
        event.remove(engine.sync_engine, "handle_error", on_error)
    assert failures and "database is locked" in failures[0], failures


async def test_a_busy_database_is_retried_for_writes_reads_and_tokens(scratch: Scratch) -> None:
    if scratch.backend != "sqlite":
        pytest.skip("SQLite's single write lock; PostgreSQL's writers wait on row locks")
    app = create_app(scratch.settings, engine=scratch.engine)
    async with _client(app) as client:
        # a write that finds the lock taken is applied once it is free
        with (
            _sqlite_holder(scratch.path) as holder,
            _release_at_first_failure(scratch.engine, holder),
        ):
            assert _outcome(await _create(client, scratch.token, 1), 1) == "applied"

        # so is an authenticated read that finds the whole database held: the pool is
        # emptied first, since a connection cannot hold SQLite exclusively while others
        # are open
        await scratch.engine.dispose()
        with (
            _sqlite_holder(scratch.path, exclusive=True) as holder,
            _release_at_first_failure(scratch.engine, holder),
        ):
            response = await client.post(
                "/graphql",
                json={"query": READ},
                headers={"Authorization": f"Bearer {scratch.token}"},
            )
        assert response.status_code == 200, response.text
        assert response.json()["data"] == {"changes": [{"id": gid("Revision", 1)}]}
    assert await _stored(scratch.engine) == {"Load writer 1": 1}


async def test_a_database_held_past_the_retries_answers_503_to_every_kind_of_request(
    scratch: Scratch,
) -> None:
    if scratch.backend != "sqlite":
        pytest.skip("a database held exclusively: SQLite's locking mode")
    app = create_app(scratch.settings, engine=scratch.engine)
    await scratch.engine.dispose()
    async with _client(app) as client:
        # given another connection holding the whole database
        with _sqlite_holder(scratch.path, exclusive=True):
            anonymous = await client.post("/graphql", json={"query": READ})
            authenticated = await client.post(
                "/graphql",
                json={"query": READ},
                headers={"Authorization": f"Bearer {scratch.token}"},
            )
            write = await _create(client, scratch.token, 1)
            by_get = await client.get("/graphql", params={"query": READ})
        # then each is told to come back later, never a 500
        for response in (anonymous, authenticated, write, by_get):
            assert response.status_code == 503, response.text
            assert response.headers["retry-after"] == "1"
            codes = {e["extensions"]["code"] for e in response.json()["errors"]}
            assert codes == {"SERVICE_UNAVAILABLE"}, response.text
        # and once it is free, the same requests are served
        assert (await client.post("/graphql", json={"query": READ})).status_code == 200
        assert _outcome(await _create(client, scratch.token, 1), 1) == "applied"
    assert await _stored(scratch.engine) == {"Load writer 1": 1}


async def test_the_sqlite_busy_timeout_is_a_setting(scratch: Scratch) -> None:
    with pytest.raises(ConfigError, match="DIRECTORY_SQLITE_BUSY_TIMEOUT_MS=0 is below 1"):
        Settings.from_env({"DIRECTORY_SQLITE_BUSY_TIMEOUT_MS": "0"})
    assert Settings.from_env({}).sqlite_busy_timeout_ms == 5000
    if scratch.backend == "sqlite":  # the engine's connections use it
        async with scratch.engine.connect() as conn:
            timeout = (await conn.exec_driver_sql("PRAGMA busy_timeout")).scalar()
        assert timeout == BUSY_TIMEOUT_MS


def test_serve_parses_workers_and_refuses_a_bad_count(capsys: pytest.CaptureFixture[str]) -> None:
    assert build_parser().parse_args(["serve", "--workers", "3"]).workers == 3
    assert build_parser().parse_args(["serve"]).workers == 1
    for bad in ("0", "two"):
        with pytest.raises(SystemExit) as exit_:
            build_parser().parse_args(["serve", "--workers", bad])
        assert exit_.value.code == 2
        assert "give a whole number from 1, e.g. --workers 4" in capsys.readouterr().err


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_with_two_workers_prepares_once_then_both_serve(
    scratch: Scratch, tmp_path: Path
) -> None:
    """What the README says of ``--workers``: migrations (and the seed) run once, before the
    workers start; on SQLite it warns that writes queue for one lock, and serves."""
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": str(scratch.settings.database_url)}
    log = (tmp_path / "serve.log").open("w+")
    command = [sys.executable, "-m", "directory", "serve", "--port", str(port), "--workers", "2"]
    proc = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline, output = time.monotonic() + 90, ""
        while time.monotonic() < deadline and proc.poll() is None:
            log.seek(0)
            output = log.read()
            if output.count("Application startup complete") == 2:
                break
            time.sleep(0.3)
        assert output.count("Application startup complete") == 2, output
        assert httpx.get(f"{base}/healthz", timeout=10).status_code == 200
        names = [{"language": "en", "name": "Load writer 1", "isOriginal": True}]
        write = httpx.post(
            f"{base}/graphql",
            json={"query": CREATE, "variables": {"input": {"jurisdiction": "XLD", "names": names}}},
            headers={"Authorization": f"Bearer {scratch.token}"},
            timeout=10,
        )
        assert _outcome(write, 1) == "applied"
        read = httpx.post(f"{base}/graphql", json={"query": READ}, timeout=10)
        assert read.json()["data"] == {"changes": [{"id": gid("Revision", 1)}]}
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.seek(0)
        output = log.read()
        log.close()
    # the parent migrated once (nothing to do) and found data, so seeded nothing
    assert output.count("database already at revision") == 1, output
    assert "loading the reference seed" not in output
    workers = set(re.findall(r"Started server process \[(\d+)\]", output))
    assert len(workers) == 2, output
    warned = "warning: 2 workers on SQLite" in output
    assert warned is (scratch.backend == "sqlite"), output
