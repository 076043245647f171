"""Optimistic concurrency through the real stack: 20 ``updateAuthority`` HTTP requests at
once, all naming the version they read, against a real engine on a scratch database.

Exactly one applies; the 19 others get a STALE_VERSION user error naming the current
version; the stored value
is the winner's (no lost update); there is one revision per applied write. The data is
built with real commits, since each request has its own session and connection.
"""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest
from sqlalchemy import func, select
from strawberry.relay import GlobalID

from directory.accounts.permissions import Principal, Role
from directory.accounts.tokens import create_token
from directory.app import create_app
from directory.audit.models import Revision
from directory.authorities.models import Authority
from directory.config import Settings
from directory.db import create_engine, session_factory
from directory.migrations import upgrade
from tests.editing.factories import authority, jurisdiction

WRITERS = 20
SETUP = Principal(role=Role.SECRETARIAT, name="setup")
UPDATE = """
mutation ($input: UpdateAuthorityInput!) {
  updateAuthority(input: $input) {
    status authority { city version } userErrors { code message }
  }
}
"""


async def test_twenty_concurrent_http_writers_one_wins_on_postgresql(
    scratch_url: str, backend: str
) -> None:
    if backend != "postgresql":
        pytest.skip("concurrent writers queueing on row locks: PostgreSQL only")
    settings = Settings(database_url=scratch_url)
    # a connection per concurrent request, and a few for the token's last-used update
    engine = create_engine(settings.url, pool_size=WRITERS + 5, max_overflow=0)
    try:
        # given a migrated database with one committed authority at version 1, and a token
        await upgrade(engine)
        sessions = session_factory(engine)
        async with sessions() as s, s.begin():
            a = await authority(s, await jurisdiction(s, "FRA", "FR"), "race-fra-moj")
            issued = await create_token(
                s,
                Principal(role=Role.SECRETARIAT, name="setup"),
                name="race",
                role=Role.SECRETARIAT,
            )
            authority_id, token = a.id, issued.raw
        app = create_app(settings, engine=engine)
        target = str(GlobalID("Authority", "race-fra-moj"))

        # when 20 clients send their update at once, all having read version 1
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://directory.test") as c:

            async def write(n: int) -> dict:
                variables = {"input": {"authority": target, "expectedVersion": 1, "city": f"C{n}"}}
                response = await c.post(
                    "/graphql",
                    json={"query": UPDATE, "variables": variables},
                    headers={"Authorization": f"Bearer {token}"},
                )
                return {"n": n, **response.json()}

            started = time.perf_counter()
            bodies = await asyncio.gather(*(write(n) for n in range(WRITERS)))
            elapsed = time.perf_counter() - started

        # then exactly one applies and every other one is stale, naming the new version
        assert [b for b in bodies if "errors" in b] == []
        applied = [b for b in bodies if b["data"]["updateAuthority"]["status"] == "APPLIED"]
        conflicts = [b for b in bodies if b["data"]["updateAuthority"]["status"] is None]
        codes = [
            (e["code"], "at version 2, not 1" in e["message"])
            for b in conflicts
            for e in b["data"]["updateAuthority"]["userErrors"]
        ]
        async with sessions() as s:
            final = await s.get(Authority, authority_id)
            revisions = await s.scalar(
                select(func.count()).where(Revision.authority_id == authority_id)
            )
        print(
            f"\n{WRITERS} concurrent HTTP writers: applied={len(applied)} "
            f"conflicts={len(conflicts)} revisions={revisions} elapsed={elapsed:.2f}s"
        )
        assert len(applied) == 1, bodies
        assert codes == [("STALE_VERSION", True)] * (WRITERS - 1), codes
        (winner,) = applied
        assert winner["data"]["updateAuthority"]["status"] == "APPLIED"
        # no lost update: the stored value is the winner's, at the winner's version
        assert (final.city, final.version) == (f"C{winner['n']}", 2)
        assert winner["data"]["updateAuthority"]["authority"] == {"city": final.city, "version": 2}
        assert revisions == len(applied)
    finally:
        await engine.dispose()
