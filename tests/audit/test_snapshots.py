"""The typed ``before`` / ``after`` of revisions: every key a snapshot holds has a typed
field (so a column added to a model cannot vanish from the feed unnoticed), and old or
partial revisions read as nulls where they hold nothing."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.audit.models import Action, Revision
from directory.audit.services import record
from directory.audit.snapshot import row_snapshot
from directory.authorities import models as am
from directory.authorities.requirements import Requirement
from directory.config import Settings
from directory.editing import inputs as i
from directory.editing.facts import (
    SetNotification,
    SetParticipation,
    SourceInput,
    set_notification,
    set_participation,
)
from directory.editing.freshness import confirm_entries
from directory.editing.instruments import (
    CreateInstrument,
    CreateProvision,
    UpdateInstrument,
    create_instrument,
    create_provision,
    update_instrument,
)
from directory.editing.services import submit
from directory.enums import ConsentType, NotificationStatus, ProvisionKind
from directory.graphql.audit.snapshot_types import SNAPSHOT_TYPE, unmapped
from directory.treaties import models as tm
from tests.editing.changes import change_of, provision_16_5
from tests.editing.factories import World
from tests.helpers import SNAPSHOT, gid, gql

APPLY = Settings(publish_without_review=True)
# The model whose columns each kind of revision records (``row_snapshot``).
MODELS = {
    "authority": am.Authority,
    "designation": am.Designation,
    "channel_rule": am.ChannelRule,
    "language_rule": am.LanguageRule,
    "notification": tm.Notification,
    "participation": tm.Participation,
    "instrument": tm.Instrument,
    "provision": tm.Provision,
    "requirement": Requirement,
}
SOURCE = SourceInput(dt.date(2026, 11, 1), document="C.N.9.2026.TREATIES-9")


def test_every_kind_of_revision_has_a_snapshot_type() -> None:
    assert set(SNAPSHOT_TYPE) == set(MODELS)


@pytest.mark.parametrize("entity_type", sorted(MODELS))
def test_every_column_of_a_recorded_model_has_a_typed_field(entity_type: str) -> None:
    # a column added to the model (a designation's measure, a rule's requesting side, …)
    # lands in its revisions' snapshots: the feed's type must show it, or this fails
    columns = row_snapshot(MODELS[entity_type]())
    missing = unmapped(SNAPSHOT_TYPE[entity_type], columns)
    assert missing == [], (
        f"{entity_type} snapshots hold {missing}, which no field of "
        f"{SNAPSHOT_TYPE[entity_type].__name__} shows: add the field(s) to "
        "directory/graphql/audit/snapshot_types.py (typed, described, nullable)"
    )


def test_a_key_without_a_field_is_reported() -> None:
    # the check the tests above rely on: it names a key no field maps, at any depth
    stored = {"subject_code": "MLA", "measure_code": "SEARCH", "evidence_format": "PDF"}
    assert unmapped(SNAPSHOT_TYPE["designation"], stored) == ["evidence_format"]
    nested = {"names": [{"language": "en", "name": "x", "script": "Latn"}]}
    assert unmapped(SNAPSHOT_TYPE["authority"], nested) == ["names.0.script"]


async def test_every_revision_written_maps_every_key(session: AsyncSession, world: World) -> None:
    # given a revision of every kind of change, of both treaty facts and of a confirmation
    kinds = [k for k in i.ChangeKind if k is not i.ChangeKind.RETIRE_AUTHORITY]
    for kind in [*kinds, i.ChangeKind.RETIRE_AUTHORITY]:
        change = await change_of(session, kind, world.fra, world.fra_authority)
        await submit(session, world.secretariat, change, settings=APPLY)
    await provision_16_5(session)
    notified = SetNotification("FRA", "UNTOC", "16(5)", NotificationStatus.NOTIFIED, [SOURCE])
    await set_notification(session, world.secretariat, notified)
    party = SetParticipation("FRA", "UNTOC", [SOURCE], consent_on=dt.date(2002, 10, 29),
                             consent_type=ConsentType.APPROVAL)  # fmt: skip
    await set_participation(session, world.secretariat, party)
    await confirm_entries(session, world.secretariat, "DEU")
    made = await create_instrument(
        session, world.secretariat, CreateInstrument("ETS030", "ETS 030", "ETS 030", [SOURCE])
    )
    await update_instrument(session, world.secretariat, UpdateInstrument("ETS030", title="x"))
    await create_provision(
        session,
        world.secretariat,
        CreateProvision(made.entity.code, "15(1)", ProvisionKind.CHANNEL, "Channels", [SOURCE]),
    )
    # when every snapshot stored is checked against its type
    revisions = (await session.scalars(select(Revision))).all()
    # then all nine kinds are there, and no key of any of them lacks a field
    assert {r.entity_type for r in revisions} == set(MODELS)
    missing = {
        (r.entity_type, key)
        for r in revisions
        for stored in (r.before, r.after)
        if stored is not None
        for key in unmapped(SNAPSHOT_TYPE[r.entity_type], stored)
    }
    assert missing == set(), f"stored keys no snapshot field shows: {sorted(missing)}"


FEED = "{ changes(first: 50) { entityType action before " + SNAPSHOT + " after " + SNAPSHOT + " } }"


async def test_an_old_revision_reads_with_nulls_for_what_it_lacks(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    # given revisions written before some fields existed: a channel rule without its
    # conditions, with a permission since renamed, and a designation whose provision is gone
    await record(
        session, world.secretariat, action=Action.UPDATE, entity_type="channel_rule",
        entity_id=99, jurisdiction_id=world.fra.id, authority_id=None,
        before={"id": 99, "jurisdiction_id": world.fra.id, "channel_code": "FAX",
                "permission": "TOLERATED"},
        after={"id": 99, "jurisdiction_id": world.fra.id, "channel_code": "FAX",
               "permission": "ACCEPTED", "preference": "first"},
    )  # fmt: skip
    await record(
        session, world.secretariat, action=Action.CREATE, entity_type="designation",
        entity_id=98, jurisdiction_id=world.fra.id, authority_id=world.fra_authority.id,
        before=None,
        after={"authority_id": world.fra_authority.id, "subject_code": "MLA",
               "provision_id": None, "direction": "BOTH"},
    )  # fmt: skip
    # when the feed is read
    body = await gql(client, FEED)
    assert "errors" not in body, body
    rule, designation = body["data"]["changes"][-2:]
    # then what they hold is typed, what they lack is null, and a value no longer valid too
    before, after = rule["before"], rule["after"]
    assert before["__typename"] == after["__typename"] == "ChannelRuleSnapshot"
    assert before["channel"] == "FAX" and before["jurisdiction"] == gid("Jurisdiction", "FRA")
    assert before["permission"] is None and after["permission"] == "ACCEPTED"
    assert after["preference"] is None and after["urgentOnly"] is None
    assert before["verification"] is None and before["designation"] is None
    assert designation["before"] is None
    assert designation["after"]["authority"] == gid("Authority", world.fra_authority.key)
    assert designation["after"]["subject"] == "MLA" and designation["after"]["provision"] is None
    assert designation["after"]["direction"] == "BOTH" and designation["after"]["notes"] is None


async def test_a_confirmation_records_only_its_date(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    await confirm_entries(session, world.secretariat, "FRA", today=dt.date(2026, 11, 22))
    feed = (await gql(client, FEED))["data"]["changes"]
    confirmed = [c["after"] for c in feed if c["action"] == "CONFIRM"]
    assert confirmed  # one per active authority of France
    for after in confirmed:
        assert after["__typename"] == "AuthoritySnapshot"
        assert after["lastConfirmedOn"] == "2026-11-22"
        assert after["names"] is None and after["contacts"] is None and after["version"] is None
