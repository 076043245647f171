"""The session layer under failure and contention, through HTTP.

1. A failing non-null root field makes graphql-core cancel its siblings, possibly in the
   middle of a statement: the request must still end with its transaction rolled back, no
   connection invalidated, and the next request served.
2. Concurrent mutations on SQLite queue for the write lock (BEGIN IMMEDIATE) instead of
   failing with "database is locked": one wins, the others get the normal STALE_VERSION.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from strawberry.relay import GlobalID

from directory.accounts.permissions import Principal, Role
from directory.accounts.tokens import create_token
from directory.app import create_app
from directory.config import Settings
from directory.db import create_engine, session_factory
from directory.migrations import upgrade
from tests.editing.factories import authority, jurisdiction
from tests.helpers import gql

# `first: 200` is refused before any query; `authorities` is non-null, so its error nulls
# `data` and graphql-core cancels the siblings. In the first document the sibling has just
# sent its first statement; in the second one sibling is mid-statement, the other queued.
FAILS_FIRST = "{ authorities(first: 200) { totalCount } channelKinds { code } }"
FAILS_LAST = "{ channelKinds { code } matters { code } authorities(first: 200) { totalCount } }"
FOLLOW_UP = "{ channelKinds { code } matters { code } }"
UPDATE = """
mutation ($input: UpdateAuthorityInput!) {
  updateAuthority(input: $input) {
    status authority { city version } userErrors { code message }
  }
}
"""
WRITERS = 5


class Invalidations:
    """Connections SQLAlchemy threw away (it does so when a statement is interrupted)."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.errors: list[str] = []
        self._pool = engine.sync_engine.pool

    def _seen(self, _dbapi_connection: Any, _record: Any, exception: BaseException) -> None:
        self.errors.append(type(exception).__name__)

    def __enter__(self) -> Invalidations:
        event.listen(self._pool, "invalidate", self._seen)
        return self

    def __exit__(self, *_exc: object) -> None:
        event.remove(self._pool, "invalidate", self._seen)


def _refused(body: dict[str, Any]) -> None:
    assert body["data"] is None
    (error,) = body["errors"]
    assert error["path"] == ["authorities"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.mark.parametrize("document", [FAILS_FIRST, FAILS_LAST], ids=["fails-first", "fails-last"])
async def test_a_failing_root_field_does_not_poison_the_next_request(
    client: httpx.AsyncClient, engine: AsyncEngine, connection: AsyncConnection, document: str
) -> None:
    # given a request whose non-null root field fails while a sibling is querying
    with Invalidations(engine) as invalidations:
        _refused(await gql(client, document))
        # then its savepoint is rolled back and the shared connection is intact
        assert invalidations.errors == []
        assert not connection.invalidated and not connection.in_nested_transaction()
        # and the next request on the same connection is served
        body = await gql(client, FOLLOW_UP)
    assert "errors" not in body, body
    assert set(body["data"]) == {"channelKinds", "matters"}


@pytest.fixture
async def scratch_engine(scratch_url: str) -> AsyncIterator[AsyncEngine]:
    """A migrated database of its own, for requests that commit for real."""
    eng = create_engine(Settings(database_url=scratch_url).url, pool_size=WRITERS, max_overflow=0)
    try:
        await upgrade(eng)
        yield eng
    finally:
        await eng.dispose()


def _client(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://d.test")


async def test_a_request_whose_resolver_raised_returns_its_connection_clean(
    scratch_url: str, scratch_engine: AsyncEngine
) -> None:
    app = create_app(Settings(database_url=scratch_url), engine=scratch_engine)
    pool = scratch_engine.sync_engine.pool
    with Invalidations(scratch_engine) as invalidations:
        async with _client(app) as client:
            # when a sibling is cancelled mid-statement on a pooled connection
            _refused(await gql(client, FAILS_LAST))
            # then no transaction is left open: the connection is back in the pool, unbroken
            assert pool.checkedout() == 0  # type: ignore[attr-defined]
            assert invalidations.errors == []
            body = await gql(client, FOLLOW_UP)
    assert "errors" not in body, body


async def test_concurrent_mutations_queue_for_the_write_lock(
    scratch_url: str, scratch_engine: AsyncEngine
) -> None:
    # given one committed authority at version 1 and a secretariat token
    async with session_factory(scratch_engine)() as s, s.begin():
        j = await jurisdiction(s, "XCC", "XC")
        a = await authority(s, j, "test-robustness-race")
        issued = await create_token(
            s, Principal(role=Role.SECRETARIAT, name="unodc"), name="race", role=Role.SECRETARIAT
        )
    settings = Settings(database_url=scratch_url, publish_without_review=True)
    app = create_app(settings, engine=scratch_engine)

    async def update(client: httpx.AsyncClient, n: int) -> dict[str, Any]:
        gid = str(GlobalID("Authority", a.key))
        variables = {"input": {"authority": gid, "expectedVersion": 1, "city": f"City {n}"}}
        return await gql(client, UPDATE, variables, token=issued.raw)

    # when several clients update it at once, all naming version 1
    async with _client(app) as client:
        bodies = await asyncio.gather(*(update(client, n) for n in range(WRITERS)))
        final = await gql(
            client,
            "query ($id: ID!) { authority(id: $id) { city version } }",
            {"id": str(GlobalID("Authority", a.key))},
        )

    # then one applies and every other one is the normal STALE_VERSION, never "database is
    # locked"
    assert not [b for b in bodies if b.get("errors")], bodies
    payloads = [b["data"]["updateAuthority"] for b in bodies]
    applied = [p for p in payloads if p["status"] == "APPLIED"]
    conflicts = [p["userErrors"] for p in payloads if p["status"] is None]
    assert len(applied) == 1, bodies
    assert [[e["code"] for e in c] for c in conflicts] == [["STALE_VERSION"]] * (WRITERS - 1)
    assert all("at version 2, not 1" in c[0]["message"] for c in conflicts), conflicts
    assert final["data"]["authority"] == applied[0]["authority"]
    assert final["data"]["authority"]["version"] == 2


async def test_only_transactions_that_may_write_take_the_sqlite_write_lock(
    scratch_url: str, scratch_engine: AsyncEngine, backend: str
) -> None:
    if backend != "sqlite":
        pytest.skip("BEGIN IMMEDIATE is SQLite's; PostgreSQL's writers wait on row locks")
    async with session_factory(scratch_engine)() as s, s.begin():
        issued = await create_token(
            s, Principal(role=Role.SECRETARIAT, name="unodc"), name="lock", role=Role.SECRETARIAT
        )
        a = await authority(s, await jurisdiction(s, "XCL", "XL"), "test-robustness-lock")
    app = create_app(Settings(database_url=scratch_url), engine=scratch_engine)
    begins: list[str] = []

    def on_send(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.startswith("BEGIN"):
            begins.append(statement)

    async def sent(document: str, token: str | None = None, **variables: Any) -> list[str]:
        begins.clear()
        await gql(client, document, variables, token=token)
        return list(begins)

    event.listen(scratch_engine.sync_engine, "before_cursor_execute", on_send)
    try:
        async with _client(app) as client:
            # an anonymous read never takes it
            assert await sent(FOLLOW_UP) == ["BEGIN"]
            # authenticating only reads; the token's first use is then recorded in a short
            # write transaction of its own, after the response
            assert await sent(FOLLOW_UP, issued.raw) == ["BEGIN", "BEGIN", "BEGIN IMMEDIATE"]
            # within the minute there is no use to record: an authenticated read never
            # takes the lock
            assert await sent(FOLLOW_UP, issued.raw) == ["BEGIN", "BEGIN"]
            # a mutation authenticates and reads the ID it names without the lock, then
            # takes it for its write only; one refused before writing never takes it
            gid = str(GlobalID("Authority", "none"))
            change = {"authority": gid, "expectedVersion": 1, "city": "X"}
            assert await sent(UPDATE, issued.raw, input=change) == ["BEGIN", "BEGIN"]
            change["authority"] = str(GlobalID("Authority", a.key))
            mutation = await sent(UPDATE, issued.raw, input=change)
            assert mutation == ["BEGIN", "BEGIN", "BEGIN IMMEDIATE"]
    finally:
        event.remove(scratch_engine.sync_engine, "before_cursor_execute", on_send)
