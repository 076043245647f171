"""Validation: every bad value reported with its path and fix; nothing written."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.authorities.models import Authority, AuthorityContact
from directory.config import Settings
from directory.editing import inputs as i
from directory.editing.services import submit
from directory.enums import ContactKind
from directory.errors import InputErrors
from tests.editing.factories import World

APPLY = Settings(publish_without_review=True)


async def test_every_bad_value_is_reported_and_nothing_is_written(
    session: AsyncSession, world: World
) -> None:
    # given an input with six bad values
    change = i.CreateAuthority(
        jurisdiction="FRA",
        names=[i.NameInput(language="xx", name="Parquet")],
        website="ftp://justice.example",
        time_zone="Europe/Atlantis",
        contacts=[
            i.ContactInput(kind=ContactKind.PHONE, value="12"),
            i.ContactInput(kind=ContactKind.EMAIL, value="not-an-address"),
        ],
        office_hours=[i.OfficeHoursInput(weekday=0, opens="18:00", closes="09:00")],
    )
    before = await session.scalar(select(func.count()).select_from(Authority))
    # when it is submitted
    with pytest.raises(InputErrors) as caught:
        await submit(session, world.secretariat, change, settings=APPLY)
    # then each is named with its path, and the fix
    problems = {tuple(p.field): p.message for p in caught.value.problems}
    assert set(problems) == {
        ("input", "names", 0, "language"),
        ("input", "website"),
        ("input", "timeZone"),
        ("input", "contacts", 0, "value"),
        ("input", "contacts", 1, "value"),
        ("input", "officeHours", 0, "closes"),
    }
    assert (
        "'xx' is not an ISO 639 code: use e.g. 'en'" in problems[("input", "names", 0, "language")]
    )
    assert "Europe/Atlantis" in problems[("input", "timeZone")]
    assert caught.value.code == "BAD_USER_INPUT"
    assert await session.scalar(select(func.count()).select_from(Authority)) == before


async def test_phones_become_e164_in_the_states_region_and_emails_are_normalised(
    session: AsyncSession, world: World
) -> None:
    change = i.CreateAuthority(
        jurisdiction="FRA",
        names=[i.NameInput(language="fra", name="Bureau de l'entraide pénale internationale")],
        contacts=[
            i.ContactInput(kind=ContactKind.PHONE, value="01 44 77 61 15"),
            i.ContactInput(kind=ContactKind.EMAIL, value="Entraide@Justice.example"),
        ],
    )
    outcome = await submit(session, world.secretariat, change, settings=APPLY)
    values = list(
        await session.scalars(
            select(AuthorityContact.value)
            .where(AuthorityContact.authority_id == outcome.authority_id)
            .order_by(AuthorityContact.position)
        )
    )
    assert values == ["+33144776115", "Entraide@justice.example"]
    authority = await session.get(Authority, outcome.authority_id)
    assert authority.key.startswith("aut-fra-bureau-de-l-entraide")
    assert outcome.revisions[0].after["names"][0]["language"] == "fr"  # 639-3 → 639-1


async def test_unknown_codes_in_a_rule_are_reported_with_the_known_ones(
    session: AsyncSession, world: World
) -> None:
    change = i.CreateChannelRule(
        jurisdiction="FRA",
        fields=i.ChannelRuleFields(channel="PIGEON", subject="NOPE", original_within_days=0),
    )
    with pytest.raises(InputErrors) as caught:
        await submit(session, world.secretariat, change, settings=APPLY)
    fields = [p.field[-1] for p in caught.value.problems]
    # named as the caller sent them (GraphQL's camelCase), in the path and the message
    assert fields == ["subject", "channel", "originalWithinDays"]
    assert caught.value.problems[2].message.startswith("originalWithinDays must be 1 or more")
    assert "DIPLOMATIC" in caught.value.problems[1].message


async def test_a_territory_outside_the_state_is_refused(
    session: AsyncSession, world: World
) -> None:
    a = world.fra_authority
    change = i.CreateDesignation(
        authority_id=a.id,
        expected_version=a.version,
        fields=i.DesignationFields(subject="MLA", territory="HKG", subdivision="GB-SCT"),
    )
    with pytest.raises(InputErrors) as caught:
        await submit(session, world.secretariat, change, settings=APPLY)
    assert [p.field[-1] for p in caught.value.problems] == ["territory", "subdivision"]
