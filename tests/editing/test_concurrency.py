"""Optimistic concurrency: a write names the version it read; only one of many wins.

The concurrent test commits for real (each writer has its own session and connection), so
it uses its own engine on the test database and removes its rows afterwards.
"""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncSession

from directory.accounts.permissions import Principal, Role
from directory.audit.models import Revision
from directory.authorities.models import Authority, AuthorityContact, AuthorityName
from directory.config import Settings
from directory.db import create_engine, session_factory
from directory.editing import inputs as i
from directory.editing.services import submit
from directory.errors import Conflict
from directory.treaties.models import Jurisdiction
from tests.editing.factories import World, authority, jurisdiction

APPLY = Settings(publish_without_review=True)
SECRETARIAT = Principal(role=Role.SECRETARIAT, name="unodc")


async def test_a_stale_version_conflicts_with_the_current_one(
    session: AsyncSession, world: World
) -> None:
    a = world.fra_authority
    await submit(
        session,
        world.secretariat,
        i.UpdateAuthority(authority_id=a.id, expected_version=1, city="Lyon"),
        settings=APPLY,
    )
    with pytest.raises(Conflict) as caught:
        await submit(
            session,
            world.editor_fra,
            i.CreateDesignation(
                authority_id=a.id, expected_version=1, fields=i.DesignationFields(subject="MLA")
            ),
            settings=APPLY,
        )
    assert caught.value.current_version == 2
    assert caught.value.extensions() == {"code": "CONFLICT", "currentVersion": 2}


async def _race(settings: Settings, writers: int, losers: tuple[type, ...] = (Conflict,)) -> None:
    engine = create_engine(settings.url, pool_size=writers, max_overflow=0)
    sessions = session_factory(engine)
    try:
        # given one committed authority at version 1
        async with sessions() as s, s.begin():
            j = await jurisdiction(s, "XCC", "")
            j.alpha2 = None
            a = await authority(s, j, "test-concurrency-race")
            authority_id, jurisdiction_id = a.id, j.id

        async def write(n: int) -> int:
            async with sessions() as s, s.begin():
                change = i.UpdateAuthority(
                    authority_id=authority_id, expected_version=1, city=f"City {n}"
                )
                await submit(s, SECRETARIAT, change, settings=APPLY)
                return n

        # when many writers update it at once, all having read version 1
        results = await asyncio.gather(*(write(n) for n in range(writers)), return_exceptions=True)

        # then exactly one applies, every other conflicts, and nothing is lost
        winners = [r for r in results if isinstance(r, int)]
        refused = [r for r in results if isinstance(r, losers)]
        assert len(winners) == 1, results
        assert len(refused) == writers - 1, results
        assert {c.current_version for c in refused if isinstance(c, Conflict)} <= {2}
        async with sessions() as s:
            final = await s.get(Authority, authority_id)
            assert final.version == 2 and final.city == f"City {winners[0]}"
            revisions = await s.scalar(
                select(func.count()).where(Revision.authority_id == authority_id)
            )
            assert revisions == len(winners)
    finally:
        async with sessions() as s, s.begin():
            await s.execute(delete(Revision).where(Revision.jurisdiction_id == jurisdiction_id))
            for model in (AuthorityName, AuthorityContact):
                await s.execute(delete(model).where(model.authority_id == authority_id))
            await s.execute(delete(Authority).where(Authority.id == authority_id))
            await s.execute(delete(Jurisdiction).where(Jurisdiction.id == jurisdiction_id))
        await engine.dispose()


@pytest.mark.postgres_only
async def test_twenty_concurrent_writers_one_wins_on_postgresql(
    settings: Settings, engine: object, backend: str
) -> None:
    if backend != "postgresql":
        pytest.skip("row locks between concurrent writers: PostgreSQL only")
    await _race(settings, 20)


async def test_concurrent_writers_one_wins_on_sqlite(
    settings: Settings, engine: object, backend: str
) -> None:
    if backend != "sqlite":
        pytest.skip("the SQLite variant of the race")
    # SQLite's deferred transactions refuse a second writer outright ("database is locked")
    # rather than queueing it; the property that matters still holds: one winner, no lost
    # update, one revision.
    await _race(settings, 5, losers=(Conflict, OperationalError))
