"""What a write reads: the authority row once, and nothing it already holds a second time."""

from __future__ import annotations

import re
from collections import Counter

from sqlalchemy.ext.asyncio import AsyncSession

from directory.config import Settings
from directory.editing import inputs as i
from directory.editing.services import submit
from tests.editing.factories import World

APPLY = Settings(publish_without_review=True)


def _reads(statements: list[str]) -> Counter[str]:
    """SELECTs by the table they read from."""
    return Counter(
        m.group(1)
        for s in statements
        if s.lstrip().upper().startswith("SELECT") and (m := re.search(r"\bFROM (\w+)", s))
    )


async def test_an_update_reads_the_authority_once_and_its_children_before_only(
    session: AsyncSession, world: World, sql_counter
) -> None:
    a = world.fra_authority
    sql_counter.reset()
    outcome = await submit(
        session,
        world.secretariat,
        i.UpdateAuthority(authority_id=a.id, expected_version=1, city="Lyon"),
        settings=APPLY,
    )
    reads = _reads(sql_counter.statements)
    assert reads["authority"] == 1  # locked once; the answer is built from that row
    # names, contacts and hours are read for the before-snapshot; the change left them
    # alone, so the after-snapshot reuses them
    assert (reads["authority_name"], reads["authority_contact"], reads["office_hours"]) == (
        1,
        1,
        1,
    )
    [revision] = outcome.revisions
    assert revision.after["city"] == "Lyon" and revision.after["version"] == 2
    assert revision.after["names"] == revision.before["names"]


async def test_a_designation_write_reads_the_authority_once(
    session: AsyncSession, world: World, sql_counter
) -> None:
    a = world.fra_authority
    sql_counter.reset()
    await submit(
        session,
        world.secretariat,
        i.CreateDesignation(
            authority_id=a.id, expected_version=1, fields=i.DesignationFields(subject="MLA")
        ),
        settings=APPLY,
    )
    assert _reads(sql_counter.statements)["authority"] == 1
