"""Revisions, an authority's history, the change feed, and what the public may see of them."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from directory.audit.models import Action
from directory.audit.services import changes, history
from directory.config import Settings
from directory.editing import inputs as i
from directory.editing.services import submit
from directory.enums import ContactKind
from directory.errors import InvalidInput
from tests.editing.factories import SECRET_EMAIL, World

APPLY = Settings(publish_without_review=True)
NEW_EMAIL = "new.focal.point@justice.example"


async def _two_changes(session: AsyncSession, world: World) -> None:
    a = world.fra_authority
    await submit(
        session,
        world.editor_fra,
        i.UpdateAuthority(
            authority_id=a.id,
            expected_version=1,
            contacts=[i.ContactInput(kind=ContactKind.EMAIL, value=NEW_EMAIL)],
        ),
        settings=APPLY,
        reason="focal point changed",
    )
    await submit(
        session,
        world.secretariat,
        i.CreateDesignation(
            authority_id=a.id, expected_version=2, fields=i.DesignationFields(subject="MLA")
        ),
        settings=APPLY,
    )


async def test_history_lists_every_change_in_order_with_actor_and_reason(
    session: AsyncSession, world: World
) -> None:
    await _two_changes(session, world)
    revisions = await history(session, world.secretariat, world.fra_authority.id)
    assert [(r.action, r.entity_type) for r in revisions] == [
        (Action.UPDATE, "authority"),
        (Action.CREATE, "designation"),
    ]
    first = revisions[0]
    assert first.actor == "state_editor:fra-focal" and first.reason == "focal point changed"
    assert first.before["contacts"][0]["value"] == SECRET_EMAIL
    assert first.after["contacts"][0]["value"] == NEW_EMAIL
    assert first.before["version"] == 1 and first.after["version"] == 2


@pytest.mark.parametrize("who", ["public", "editor_chn"])
async def test_restricted_values_never_reach_those_not_entitled(
    session: AsyncSession, world: World, who: str
) -> None:
    await _two_changes(session, world)
    principal = getattr(world, who)
    shown = [*await history(session, principal, world.fra_authority.id)]
    shown += await changes(session, principal, first=500)
    text = repr(shown)
    assert SECRET_EMAIL not in text and NEW_EMAIL not in text
    assert shown[0].after["contacts"][0] == {
        "kind": "EMAIL",
        "value": None,
        "label": None,
        "restricted": True,
        "redacted": True,
    }


async def test_the_feed_pages_in_id_order_from_a_cursor(
    session: AsyncSession, world: World
) -> None:
    start = [r.id for r in await changes(session, world.secretariat, first=500)]
    after = start[-1] if start else None
    await _two_changes(session, world)
    page1 = await changes(session, world.secretariat, after=after, first=1)
    page2 = await changes(session, world.secretariat, after=page1[-1].id, first=10)
    assert [r.entity_type for r in [*page1, *page2]] == ["authority", "designation"]
    assert page1[0].id < page2[0].id
    assert await changes(session, world.secretariat, after=page2[-1].id) == []
    with pytest.raises(InvalidInput, match="1 to 500"):
        await changes(session, world.secretariat, first=0)
    assert isinstance(page1[0].occurred_at, dt.datetime)
