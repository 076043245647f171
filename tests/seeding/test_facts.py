"""Facts from the shared research data arrive, each with its sources."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from directory.authorities.models import (
    Authority,
    AuthorityName,
    ChannelRule,
    Designation,
    LanguageRule,
    authority_source,
    channel_rule_source,
    designation_source,
    language_rule_source,
)
from directory.treaties.models import (
    Instrument,
    Jurisdiction,
    Notification,
    Participation,
    Provision,
    notification_source,
    participation_source,
)

pytestmark = pytest.mark.usefixtures("seeded")


async def _notification(session, code: str, article: str) -> Notification | None:
    return await session.scalar(
        select(Notification)
        .join(Jurisdiction, Notification.jurisdiction_id == Jurisdiction.id)
        .join(Provision, Notification.provision_id == Provision.id)
        .join(Instrument, Provision.instrument_id == Instrument.id)
        .where(Jurisdiction.code == code, Instrument.code == "UNTOC", Provision.article == article)
    )


async def test_extradition_basis_answers(session):
    bahamas = await _notification(session, "BHS", "16(5)")
    assert bahamas.extradition_basis == "CONDITIONAL"
    assert "reciproc" in bahamas.condition.lower()
    netherlands = await _notification(session, "NLD", "16(5)")
    assert (netherlands.status, netherlands.extradition_basis) == ("NOTIFIED", "YES")
    # what the data does not say is not stored (absence = unknown)
    assert await _notification(session, "FRA", "16(5)") is None


async def test_kiribati_authority_and_english(session):
    authority_notice = await _notification(session, "KIR", "18(13)")
    designation = await session.scalar(
        select(Designation)
        .where(Designation.provision_id == authority_notice.provision_id)
        .join(Authority, Designation.authority_id == Authority.id)
        .where(Authority.jurisdiction_id == authority_notice.jurisdiction_id)
    )
    assert designation.subject_code == "MLA"
    name = await session.scalar(
        select(AuthorityName.name).where(
            AuthorityName.authority_id == designation.authority_id, AuthorityName.language == "en"
        )
    )
    assert name.startswith("Attorney General")
    languages = await _notification(session, "KIR", "18(14)")
    rules = await session.execute(
        select(LanguageRule.language).where(LanguageRule.notification_id == languages.id)
    )
    assert rules.scalars().all() == ["en"]
    germany = await _notification(session, "DEU", "18(13)")
    assert germany.status == "NOTIFIED" and "cut off" in germany.summary


async def test_romania_split_by_stage_and_matter(session):
    rows = await session.execute(
        select(Designation.stage_code, Designation.matter_code)
        .join(Authority, Designation.authority_id == Authority.id)
        .join(Jurisdiction, Authority.jurisdiction_id == Jurisdiction.id)
        .where(Jurisdiction.code == "ROU", Designation.subject_code == "MLA")
    )
    scopes = set(rows.all())
    assert {("INVESTIGATION", "ORGANISED_CRIME_TERRORISM"), ("INVESTIGATION", "CORRUPTION"),
            ("INVESTIGATION", None), ("TRIAL_AND_EXECUTION", None)} <= scopes  # fmt: skip


async def test_hong_kong_authority_sits_in_hong_kong(session):
    codes = await session.execute(
        select(Jurisdiction.code)
        .join(Authority, Authority.jurisdiction_id == Jurisdiction.id)
        .where(Authority.key.like("aut-hkg-%"))
    )
    assert set(codes.scalars()) == {"HKG"}
    extradition = await session.scalar(
        select(Designation.notes)
        .join(Authority, Designation.authority_id == Authority.id)
        .where(Authority.key.like("aut-hkg-%"), Designation.subject_code == "EXTRADITION")
    )
    assert "surrender of fugitive offenders" in extradition


async def test_territorial_application_goes_onto_untoc_participation(session):
    rows = await session.execute(
        select(Jurisdiction.code, Participation.territorial_application)
        .join(Jurisdiction, Participation.jurisdiction_id == Jurisdiction.id)
        .where(Participation.territorial_application.is_not(None))
    )
    assert {code for code, _ in rows} == {"NLD", "DNK", "NZL", "MDA", "AZE"}


@pytest.mark.parametrize(
    ("model", "citations"),
    [
        (Participation, participation_source),
        (Notification, notification_source),
        (Authority, authority_source),
        (Designation, designation_source),
        (ChannelRule, channel_rule_source),
        (LanguageRule, language_rule_source),
    ],
)
async def test_every_fact_cites_a_source(session, model, citations):
    fact_id = citations.c[0]
    uncited = await session.scalar(
        select(func.count()).select_from(model).where(model.id.not_in(select(fact_id)))
    )
    total = await session.scalar(select(func.count()).select_from(model))
    assert total > 0
    assert uncited == 0
