"""Freshness: confirming a State's entries, and when an entry is stale."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from directory.audit.services import history
from directory.authorities.models import Authority
from directory.authorities.services import is_stale
from directory.config import Settings
from directory.editing import inputs as i
from directory.editing.freshness import confirm_entries
from directory.editing.services import submit
from directory.errors import PermissionDenied, Unauthenticated
from tests.editing.factories import World

TODAY = dt.date(2026, 11, 22)


async def test_a_focal_point_confirms_its_active_entries(
    session: AsyncSession, world: World
) -> None:
    # given a second, retired authority in Hong Kong SAR
    created = await submit(
        session,
        world.secretariat,
        i.CreateAuthority(
            jurisdiction="HKG", names=[i.NameInput(language="en", name="Old office")]
        ),
        settings=Settings(),
    )
    await submit(
        session,
        world.secretariat,
        i.RetireAuthority(authority_id=created.authority_id, expected_version=1),
        settings=Settings(),
    )
    # when China's focal point confirms Hong Kong's entries
    confirmed = await confirm_entries(session, world.editor_chn, "HKG", today=TODAY)
    # then the active one is confirmed today, audited, and the retired one is left alone
    ids = {a.id for a in confirmed}
    assert world.hkg_authority.id in ids and created.authority_id not in ids
    assert all(a.status.value == "ACTIVE" and a.last_confirmed_on == TODAY for a in confirmed)
    assert (await session.get(Authority, world.hkg_authority.id)).last_confirmed_on == TODAY
    (revision,) = await history(session, world.secretariat, world.hkg_authority.id)
    assert revision.action.value == "CONFIRM"
    assert revision.after == {"last_confirmed_on": "2026-11-22"}


@pytest.mark.parametrize("who", ["public", "practitioner", "editor_fra"])
async def test_others_may_not_confirm(session: AsyncSession, world: World, who: str) -> None:
    refused = Unauthenticated if who == "public" else PermissionDenied
    with pytest.raises(refused, match="directory:entries:confirm"):
        await confirm_entries(session, getattr(world, who), "HKG", today=TODAY)


@pytest.mark.parametrize(
    ("confirmed", "stale"),
    [(None, True), (TODAY - dt.timedelta(days=365), False), (TODAY - dt.timedelta(days=366), True)],
)
def test_an_entry_is_stale_after_the_configured_age(confirmed: dt.date | None, stale: bool) -> None:
    assert is_stale(Authority(last_confirmed_on=confirmed), TODAY, 365) is stale
