"""A change request in words: the entity, and each field it changes before and after."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.config import Settings
from directory.editing import inputs as i
from directory.editing.describe import Word, changes_of, describe
from directory.editing.fact_checks import SourceInput
from directory.editing.services import submit
from directory.enums import BasisCondition, ContactKind, RequirementStatus
from directory.treaties.models import Instrument
from tests.editing.changes import requirement_of
from tests.editing.factories import SECRET_EMAIL, World

REVIEWED = Settings()


async def _pending(session: AsyncSession, world: World, change: i.Change) -> object:
    outcome = await submit(session, world.editor_fra, change, settings=REVIEWED)
    assert outcome.change_request is not None
    return outcome.change_request


def _fields(described) -> dict[str, tuple[tuple[Word, ...], tuple[Word, ...]]]:
    return {f.key: (f.before, f.after) for f in described.fields}


async def test_an_update_names_the_authority_and_only_the_fields_it_changes(
    session: AsyncSession, world: World
) -> None:
    change = i.UpdateAuthority(
        authority_id=world.fra_authority.id,
        expected_version=1,
        city="Lyon",
        contacts=[i.ContactInput(kind=ContactKind.PHONE, value="+33 1 44 77 60 60")],
    )
    request = await _pending(session, world, change)
    # the one reader of the payload gives the kind and the input
    ((kind, data),) = changes_of(request)
    assert kind is i.ChangeKind.UPDATE_AUTHORITY and data["city"] == "Lyon"
    (described,) = await describe(session, request)
    assert described.entity == "authority" and described.action == "update"
    assert [w.text for w in described.subject] == ["Ministry of Justice"]
    fields = _fields(described)
    assert set(fields) == {"city", "contacts"}  # names, website, … untouched: not shown
    assert fields["city"] == ((Word("Capital"),), (Word("Lyon"),))
    before, after = fields["contacts"]
    assert before == (Word("EMAIL", "enum", "EMAIL", detail=SECRET_EMAIL),)
    assert after[0].code == "PHONE" and after[0].detail.startswith("+33")


async def test_a_new_designation_shows_its_subject_and_authority(
    session: AsyncSession, world: World
) -> None:
    change = i.CreateDesignation(
        authority_id=world.fra_authority.id,
        expected_version=1,
        fields=i.DesignationFields(
            subject="EXTRADITION",
            sources=[SourceInput(seen_on=dt.date(2026, 1, 5), url="https://justice.example/x")],
        ),
    )
    request = await _pending(session, world, change)
    (described,) = await describe(session, request)
    assert described.entity == "designation" and described.action == "create"
    (subject,) = described.subject
    assert (subject.vocabulary, subject.code, subject.detail) == (
        "subject",
        "EXTRADITION",
        "Ministry of Justice",
    )
    fields = _fields(described)
    assert fields["subject"][0] == () and fields["subject"][1][0].code == "EXTRADITION"
    assert fields["direction"][1] == (Word("BOTH", "enum", "BOTH"),)
    assert fields["sources"][1][0].text == "https://justice.example/x"
    # a creation shows every field it sets, defaults included
    assert fields["residual"] == ((), (Word("no", "boolean", "false"),))


async def test_a_channel_rule_shows_its_channel_and_instrument_by_name(
    session: AsyncSession, world: World
) -> None:
    change = i.CreateChannelRule(
        jurisdiction="FRA",
        fields=i.ChannelRuleFields(
            channel="INTERPOL",
            instrument="UNTOC",
            urgent_only=True,
            sources=[SourceInput(seen_on=dt.date(2026, 1, 5), url="https://justice.example/c")],
        ),
    )
    request = await _pending(session, world, change)
    (described,) = await describe(session, request)
    assert described.entity == "channel_rule"
    assert described.subject[0].code == "INTERPOL" and described.subject[0].detail == "FRA"
    fields = _fields(described)
    untoc = await session.scalar(select(Instrument).where(Instrument.code == "UNTOC"))
    assert fields["instrument"][1] == (Word(untoc.short_title),)  # its name, not its code
    assert fields["urgent_only"][1] == (Word("yes", "boolean", "true"),)
    assert fields["permission"][1][0].code == "ACCEPTED"


async def test_a_retirement_shows_what_the_entry_had(session: AsyncSession, world: World) -> None:
    change = i.RetireAuthority(authority_id=world.fra_authority.id, expected_version=1)
    request = await _pending(session, world, change)
    (described,) = await describe(session, request)
    assert described.action == "remove"
    fields = _fields(described)
    assert fields["city"] == ((Word("Capital"),), ())
    assert fields["names"][0][0].text == "Ministry of Justice"


async def test_a_requirement_change_shows_its_kind_status_and_scope(
    session: AsyncSession, world: World
) -> None:
    # given France's dual criminality rule, then a focal point's update of it
    stored = await requirement_of(session, world.fra)
    change = i.UpdateRequirement(
        requirement_id=stored.id,
        fields=i.RequirementFields(
            kind="DUAL_CRIMINALITY",
            status=RequirementStatus.CONDITIONAL,
            basis_condition=BasisCondition.NO_TREATY,
            text="Required for coercive measures only.",
        ),
    )
    request = await _pending(session, world, change)
    (described,) = await describe(session, request)
    # then the reviewer reads which requirement, and what changes in it
    assert described.entity == "requirement" and described.action == "update"
    assert [w.code for w in described.subject] == ["DUAL_CRIMINALITY"]
    fields = _fields(described)
    assert set(fields) >= {"status", "basis_condition", "text"}
    assert fields["status"][1][0].code == "CONDITIONAL"
