"""Change requests: approve (re-validated, version-checked, audited) or reject with a reason."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.audit.models import Revision
from directory.authorities.models import Authority
from directory.config import Settings
from directory.editing import inputs as i
from directory.editing.models import ChangeStatus
from directory.editing.review import approve, change_requests, reject
from directory.editing.services import submit
from directory.errors import ConfigError, Conflict, InvalidInput, PermissionDenied, Unauthenticated
from tests.editing.factories import World

REVIEWED = Settings()


def _update(world: World, city: str, version: int | None = None) -> i.UpdateAuthority:
    a = world.fra_authority
    return i.UpdateAuthority(authority_id=a.id, expected_version=version or a.version, city=city)


async def test_an_approved_request_applies_with_a_revision_naming_it(
    session: AsyncSession, world: World
) -> None:
    # given an editor's pending update
    pending = await submit(session, world.editor_fra, _update(world, "Lyon"), settings=REVIEWED)
    assert (await session.get(Authority, world.fra_authority.id)).city == "Capital"
    # when the secretariat approves it
    outcome = await approve(session, world.secretariat, pending.change_request.id)
    # then it is applied, the version moved, and the revision names the request and editor
    assert outcome.change_request.status is ChangeStatus.APPLIED
    assert outcome.change_request.reviewed_by == "secretariat:unodc"
    assert (await session.get(Authority, world.fra_authority.id)).city == "Lyon"
    assert outcome.authority_version == 2
    (revision,) = outcome.revisions
    assert revision.change_request_id == pending.change_request.id
    assert revision.before["city"] == "Capital" and revision.after["city"] == "Lyon"


async def test_a_rejected_request_keeps_its_reason_and_changes_nothing(
    session: AsyncSession, world: World
) -> None:
    pending = await submit(session, world.editor_fra, _update(world, "Lyon"), settings=REVIEWED)
    with pytest.raises(InvalidInput, match="reason"):
        await reject(session, world.secretariat, pending.change_request.id, reason=" ")
    rejected = await reject(
        session, world.secretariat, pending.change_request.id, reason="Lyon is not the seat"
    )
    assert rejected.status is ChangeStatus.REJECTED
    assert rejected.review_reason == "Lyon is not the seat"
    assert (await session.get(Authority, world.fra_authority.id)).city == "Capital"
    # and a reviewed request cannot be reviewed again
    with pytest.raises(Conflict, match="REJECTED"):
        await approve(session, world.secretariat, pending.change_request.id)


async def test_a_request_on_a_field_moved_since_goes_back_to_its_editor(
    session: AsyncSession, world: World
) -> None:
    first = await submit(session, world.editor_fra, _update(world, "Lyon"), settings=REVIEWED)
    second = await submit(session, world.editor_fra, _update(world, "Nice"), settings=REVIEWED)
    await approve(session, world.secretariat, first.change_request.id)
    outcome = await approve(session, world.secretariat, second.change_request.id)
    # the second is not applied: it is marked CONFLICT with the values it would overwrite
    assert outcome.status is ChangeStatus.CONFLICT
    request = outcome.change_request
    assert request.status is ChangeStatus.CONFLICT
    assert request.conflicts == [
        {
            "change": 0,
            "entity": "authority",
            "entity_id": world.fra_authority.id,
            "field": "city",
            "base": "Capital",
            "current": "Lyon",
            "proposed": "Nice",
        }
    ]
    assert (await session.get(Authority, world.fra_authority.id)).city == "Lyon"
    # and it has left the queue
    pending = await change_requests(session, world.secretariat, status=ChangeStatus.PENDING)
    assert request.id not in [r.id for r in pending]


async def test_two_requests_on_other_fields_of_one_authority_both_apply(
    session: AsyncSession, world: World
) -> None:
    a = world.fra_authority
    city = await submit(session, world.editor_fra, _update(world, "Lyon"), settings=REVIEWED)
    notes = await submit(
        session,
        world.editor_fra,
        i.UpdateAuthority(authority_id=a.id, expected_version=a.version, notes="Urgent: fax"),
        settings=REVIEWED,
    )
    await approve(session, world.secretariat, city.change_request.id)
    outcome = await approve(session, world.secretariat, notes.change_request.id)
    assert outcome.status is ChangeStatus.APPLIED
    row = await session.get(Authority, a.id)
    assert (row.city, row.notes, row.version) == ("Lyon", "Urgent: fax", 3)
    assert outcome.change_request.objects == [["authority", a.key]]


async def test_only_the_secretariat_reviews(session: AsyncSession, world: World) -> None:
    pending = await submit(session, world.editor_fra, _update(world, "Lyon"), settings=REVIEWED)
    for principal in (world.editor_fra, world.practitioner, world.public):
        refused = Unauthenticated if principal is world.public else PermissionDenied
        with pytest.raises(refused, match="directory:change:review"):
            await approve(session, principal, pending.change_request.id)
        with pytest.raises(refused, match="directory:change:review"):
            await reject(session, principal, pending.change_request.id, reason="no")


async def test_editors_see_their_own_requests_and_reviewers_all(
    session: AsyncSession, world: World
) -> None:
    fra = await submit(session, world.editor_fra, _update(world, "Lyon"), settings=REVIEWED)
    hkg = world.hkg_authority
    chn = await submit(
        session,
        world.editor_chn,
        i.UpdateAuthority(authority_id=hkg.id, expected_version=hkg.version, city="Central"),
        settings=REVIEWED,
    )
    mine = {r.id for r in await change_requests(session, world.editor_fra)}
    assert fra.change_request.id in mine and chn.change_request.id not in mine
    every = {r.id for r in await change_requests(session, world.secretariat)}
    assert {fra.change_request.id, chn.change_request.id} <= every
    with pytest.raises(PermissionDenied):
        await change_requests(session, world.practitioner)


async def test_a_deployment_may_publish_editors_writes_without_review(
    session: AsyncSession, world: World
) -> None:
    settings = Settings.from_env({"DIRECTORY_PUBLISH_WITHOUT_REVIEW": "1"})
    outcome = await submit(session, world.editor_fra, _update(world, "Lyon"), settings=settings)
    assert outcome.status is ChangeStatus.APPLIED
    revision = await session.scalar(select(Revision).where(Revision.id == outcome.revisions[0].id))
    assert revision.actor == "state_editor:fra-focal" and revision.change_request_id is None
    assert Settings.from_env({}).publish_without_review is False


def test_a_bad_publish_without_review_value_names_the_fix() -> None:
    with pytest.raises(ConfigError, match=r"DIRECTORY_PUBLISH_WITHOUT_REVIEW='maybe'.*1 or 0"):
        Settings.from_env({"DIRECTORY_PUBLISH_WITHOUT_REVIEW": "maybe"})


async def test_a_retired_authority_takes_no_more_writes(
    session: AsyncSession, world: World
) -> None:
    a = world.fra_authority
    await submit(
        session,
        world.secretariat,
        i.RetireAuthority(authority_id=a.id, expected_version=1),
        settings=REVIEWED,
    )
    retired = await session.get(Authority, a.id)
    assert retired.status.value == "RETIRED"  # retired, still there
    with pytest.raises(Conflict, match="retired"):
        await submit(session, world.secretariat, _update(world, "Lyon", 2), settings=REVIEWED)
