"""Every write × every role × own / other jurisdiction: applied, queued, or the exact error."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.audit.models import Revision
from directory.config import Settings
from directory.editing import inputs as i
from directory.editing.models import ChangeRequest, ChangeStatus
from directory.editing.services import submit
from directory.errors import PermissionDenied, Unauthenticated
from tests.editing.changes import change_of
from tests.editing.factories import World

REVIEWED = Settings(publish_without_review=False)

# (principal attribute, target authority attribute, expected outcome)
CASES = [
    ("public", "fra_authority", Unauthenticated),
    ("practitioner", "fra_authority", PermissionDenied),
    ("editor_fra", "fra_authority", ChangeStatus.PENDING),
    ("editor_fra", "deu_authority", PermissionDenied),
    ("editor_chn", "hkg_authority", ChangeStatus.PENDING),  # a territory of its State
    ("editor_chn", "fra_authority", PermissionDenied),
    ("secretariat", "deu_authority", ChangeStatus.APPLIED),
]


async def _count(session: AsyncSession, model: type) -> int:
    return await session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("kind", list(i.ChangeKind))
@pytest.mark.parametrize(("who", "where", "expected"), CASES)
async def test_write_matrix(
    session: AsyncSession, world: World, kind: i.ChangeKind, who: str, where: str, expected: object
) -> None:
    # given a change of this kind aimed at an authority of some jurisdiction
    authority = getattr(world, where)
    jurisdiction = await session.get(type(world.fra), authority.jurisdiction_id)
    change = await change_of(session, kind, jurisdiction, authority)
    principal = getattr(world, who)
    revisions, requests = await _count(session, Revision), await _count(session, ChangeRequest)

    if expected in (PermissionDenied, Unauthenticated):
        # when a caller without the right submits it, then it is refused naming the permission
        # (the public, with no token at all, is asked to authenticate)
        with pytest.raises(expected) as caught:
            await submit(session, principal, change, settings=REVIEWED)
        assert "directory:authority:write" in caught.value.message
        assert await _count(session, Revision) == revisions
        assert await _count(session, ChangeRequest) == requests
        return

    outcome = await submit(session, principal, change, settings=REVIEWED)
    assert outcome.status is expected
    if expected is ChangeStatus.PENDING:
        # an editor's write waits for review: nothing applied, one request queued
        assert await _count(session, Revision) == revisions
        assert outcome.change_request.kind == kind.value
        assert outcome.change_request.jurisdiction_id == jurisdiction.id
    else:
        # a secretariat write applies at once, with its revisions
        assert await _count(session, Revision) == revisions + len(outcome.revisions)
        assert outcome.revisions and all(r.actor == "secretariat:unodc" for r in outcome.revisions)
        assert await _count(session, ChangeRequest) == requests
