"""Re-seeding never undoes an edit applied through the API: the edited entry is kept whole,
and the report says how many were kept and why."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from directory.accounts.permissions import Principal, Role
from directory.authorities.models import Authority, ChannelRule, Designation
from directory.authorities.requirements import Requirement
from directory.config import Settings
from directory.editing import inputs as i
from directory.editing.fact_checks import SourceInput
from directory.editing.facts import SetNotification, set_notification
from directory.editing.services import submit
from directory.seeding import load_seed
from directory.treaties.models import Jurisdiction, Notification

SECRETARIAT = Principal(role=Role.SECRETARIAT, name="unodc")
APPLY = Settings(publish_without_review=True)
KIR = "aut-kir-attorney-general"


async def test_reseeding_keeps_an_authority_edited_through_the_api(seeded, session) -> None:
    # given Kiribati's authority edited (city) and one of its designations removed
    kir = await session.scalar(select(Authority).where(Authority.key == KIR))
    await submit(
        session,
        SECRETARIAT,
        i.UpdateAuthority(authority_id=kir.id, expected_version=kir.version, city="Betio"),
        settings=APPLY,
    )
    designations = (
        await session.scalars(select(Designation).where(Designation.authority_id == kir.id))
    ).all()
    removed = designations[0].id
    await submit(
        session,
        SECRETARIAT,
        i.RemoveDesignation(designation_id=removed, expected_version=kir.version),
        settings=APPLY,
    )
    # when the seed runs again
    report = await load_seed(session)
    # then the edit survives, the designation stays removed, and the report says why
    await session.refresh(kir)
    assert kir.city == "Betio"
    left = (
        await session.scalars(select(Designation.id).where(Designation.authority_id == kir.id))
    ).all()
    assert removed not in left and len(left) == len(designations) - 1
    assert report.tables["authority"].kept == 1
    assert "authority: 0 created" in report.summary()
    assert "1 kept (edited through the API since seeding)" in report.summary()
    assert report.tables["designation"].deleted == 0


async def test_reseeding_keeps_edited_rules_and_notifications(seeded, session) -> None:
    # given a channel rule of Austria removed and Germany's 18(13) notification re-summarised
    aut = await session.scalar(select(Jurisdiction).where(Jurisdiction.code == "AUT"))
    rules = (
        await session.scalars(
            select(ChannelRule).where(
                ChannelRule.jurisdiction_id == aut.id, ChannelRule.designation_id.is_(None)
            )
        )
    ).all()
    await submit(session, SECRETARIAT, i.RemoveChannelRule(rule_id=rules[0].id), settings=APPLY)
    await set_notification(
        session,
        SECRETARIAT,
        SetNotification(
            jurisdiction="DEU",
            instrument="UNTOC",
            article="18(13)",
            status="NOTIFIED",
            summary="Federal Office of Justice, as confirmed by its focal point.",
            sources=[
                SourceInput(url="https://www.bundesjustizamt.de", seen_on=dt.date(2024, 5, 1))
            ],
        ),
    )
    # when the seed runs again
    report = await load_seed(session)
    # then neither edit is undone
    left = (
        await session.scalars(
            select(ChannelRule.id).where(
                ChannelRule.jurisdiction_id == aut.id, ChannelRule.designation_id.is_(None)
            )
        )
    ).all()
    assert len(left) == len(rules) - 1
    deu = await session.scalar(
        select(Notification.summary)
        .join(Jurisdiction, Notification.jurisdiction_id == Jurisdiction.id)
        .where(Jurisdiction.code == "DEU", Notification.summary.like("%focal point%"))
    )
    assert deu is not None
    assert report.tables["channel_rule"].kept == len(rules)
    assert report.tables["notification"].kept == 1


async def test_reseeding_keeps_requirements_edited_through_the_api(seeded, session) -> None:
    # given one of a State's seeded requirements removed through the API
    row = await session.scalar(select(Requirement).order_by(Requirement.id))
    assert row is not None, "the seed holds requirements"
    own = (
        await session.scalars(
            select(Requirement.id).where(Requirement.jurisdiction_id == row.jurisdiction_id)
        )
    ).all()
    await submit(session, SECRETARIAT, i.RemoveRequirement(requirement_id=row.id), settings=APPLY)
    # when the seed runs again, then the requirement stays removed and the rest are kept
    report = await load_seed(session)
    left = (
        await session.scalars(
            select(Requirement.id).where(Requirement.jurisdiction_id == row.jurisdiction_id)
        )
    ).all()
    assert sorted(left) == sorted(set(own) - {row.id})
    assert report.tables["requirement"].kept == len(own)
