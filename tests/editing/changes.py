"""One valid change of every kind, aimed at a given authority (test helper)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.authorities.models import Authority, ChannelRule, Designation, LanguageRule
from directory.authorities.requirements import Requirement, RequirementKind
from directory.editing import inputs as i
from directory.enums import (
    ChannelPermission,
    ContactKind,
    NotificationStatus,
    ProvisionKind,
    RequirementStatus,
    Verification,
)
from directory.treaties.models import Instrument, Jurisdiction, Notification, Provision


async def designation_of(session: AsyncSession, a: Authority) -> Designation:
    d = Designation(authority_id=a.id, subject_code="MLA", verification=Verification.OFFICIAL)
    session.add(d)
    await session.flush()
    return d


async def rules_of(
    session: AsyncSession, j: Jurisdiction, d: Designation
) -> tuple[ChannelRule, LanguageRule]:
    c = ChannelRule(
        jurisdiction_id=j.id,
        designation_id=d.id,
        channel_code="DIPLOMATIC",
        verification=Verification.OFFICIAL,
    )
    lang = LanguageRule(
        jurisdiction_id=j.id, designation_id=d.id, language="en", verification=Verification.OFFICIAL
    )
    session.add_all([c, lang])
    await session.flush()
    return c, lang


async def requirement_of(session: AsyncSession, j: Jurisdiction) -> Requirement:
    """A dual criminality requirement of ``j``, with the kinds it and its changes use."""
    for code in ("DUAL_CRIMINALITY", "RECIPROCITY"):
        if await session.get(RequirementKind, code) is None:
            session.add(RequirementKind(code=code, name=code.title()))
    found = Requirement(
        jurisdiction_id=j.id,
        kind_code="DUAL_CRIMINALITY",
        status=RequirementStatus.NOT_REQUIRED,
        verification=Verification.OFFICIAL,
    )
    session.add(found)
    await session.flush()
    return found


async def change_of(
    session: AsyncSession, kind: i.ChangeKind, j: Jurisdiction, a: Authority
) -> i.Change:
    d = await designation_of(session, a)
    c, lang = await rules_of(session, j, d)
    v = a.version
    dfields = i.DesignationFields(subject="EXTRADITION", priority=1)
    cfields = i.ChannelRuleFields(
        channel="INTERPOL", designation_id=d.id, urgent_only=True, instrument="UNTOC"
    )
    lfields = i.LanguageRuleFields(language="fr", designation_id=d.id, preference=1)
    r = await requirement_of(session, j)
    rfields = i.RequirementFields(
        kind="RECIPROCITY", status=RequirementStatus.REQUIRED, text="Reciprocity is required."
    )
    K = i.ChangeKind
    return {
        K.CREATE_AUTHORITY: lambda: i.CreateAuthority(
            jurisdiction=j.code,
            names=[i.NameInput(language="en", name="Office of the Prosecutor General")],
            contacts=[i.ContactInput(kind=ContactKind.EMAIL, value="mla@justice.example")],
            time_zone="Europe/Paris",
            website="https://justice.example",
        ),
        K.UPDATE_AUTHORITY: lambda: i.UpdateAuthority(
            authority_id=a.id, expected_version=v, city="New Capital"
        ),
        K.RETIRE_AUTHORITY: lambda: i.RetireAuthority(authority_id=a.id, expected_version=v),
        K.CREATE_DESIGNATION: lambda: i.CreateDesignation(
            authority_id=a.id, expected_version=v, fields=dfields
        ),
        K.UPDATE_DESIGNATION: lambda: i.UpdateDesignation(
            designation_id=d.id, expected_version=v, fields=dfields
        ),
        K.REMOVE_DESIGNATION: lambda: i.RemoveDesignation(designation_id=d.id, expected_version=v),
        K.CREATE_CHANNEL_RULE: lambda: i.CreateChannelRule(
            jurisdiction=j.code, fields=cfields, expected_version=v
        ),
        K.UPDATE_CHANNEL_RULE: lambda: i.UpdateChannelRule(
            rule_id=c.id,
            expected_version=v,
            fields=i.ChannelRuleFields(
                channel="DIPLOMATIC",
                designation_id=d.id,
                permission=ChannelPermission.REQUIRED,
            ),
        ),
        K.REMOVE_CHANNEL_RULE: lambda: i.RemoveChannelRule(rule_id=c.id, expected_version=v),
        K.CREATE_LANGUAGE_RULE: lambda: i.CreateLanguageRule(
            jurisdiction=j.code, fields=lfields, expected_version=v
        ),
        K.UPDATE_LANGUAGE_RULE: lambda: i.UpdateLanguageRule(
            rule_id=lang.id, expected_version=v, fields=lfields
        ),
        K.REMOVE_LANGUAGE_RULE: lambda: i.RemoveLanguageRule(rule_id=lang.id, expected_version=v),
        K.CREATE_REQUIREMENT: lambda: i.CreateRequirement(jurisdiction=j.code, fields=rfields),
        K.UPDATE_REQUIREMENT: lambda: i.UpdateRequirement(requirement_id=r.id, fields=rfields),
        K.REMOVE_REQUIREMENT: lambda: i.RemoveRequirement(requirement_id=r.id),
    }[kind]()


async def provision_16_5(session: AsyncSession) -> Provision:
    """UNTOC art. 16(5), from the seed when it is there, created otherwise."""
    untoc = await session.scalar(select(Instrument).where(Instrument.code == "UNTOC"))
    found = await session.scalar(
        select(Provision).where(Provision.instrument_id == untoc.id, Provision.article == "16(5)")
    )
    if found is None:
        found = Provision(
            instrument_id=untoc.id,
            article="16(5)",
            kind=ProvisionKind.EXTRADITION_BASIS,
            summary="Convention as the legal basis for extradition",
        )
        session.add(found)
        await session.flush()
    return found


async def notification_language_rule(session: AsyncSession, j: Jurisdiction) -> LanguageRule:
    """A language rule of ``j``'s UNTOC art. 18(14) notification (a treaty fact, not an
    entry), with the provision and the notification fetched or created."""
    untoc = await session.scalar(select(Instrument).where(Instrument.code == "UNTOC"))
    provision = await session.scalar(
        select(Provision).where(Provision.instrument_id == untoc.id, Provision.article == "18(14)")
    )
    if provision is None:
        provision = Provision(
            instrument_id=untoc.id,
            article="18(14)",
            kind=ProvisionKind.LANGUAGES,
            summary="Languages acceptable for requests",
        )
        session.add(provision)
        await session.flush()
    notification = await session.scalar(
        select(Notification).where(
            Notification.jurisdiction_id == j.id, Notification.provision_id == provision.id
        )
    )
    if notification is None:
        notification = Notification(
            jurisdiction_id=j.id,
            provision_id=provision.id,
            status=NotificationStatus.NOTIFIED,
            verification=Verification.OFFICIAL,
        )
        session.add(notification)
        await session.flush()
    rule = LanguageRule(
        jurisdiction_id=j.id,
        notification_id=notification.id,
        language="fr",
        verification=Verification.OFFICIAL,
    )
    session.add(rule)
    await session.flush()
    return rule
