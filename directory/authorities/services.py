"""Read services for authorities, their designations, contacts, and channel / language rules.

Same contract as ``directory.treaties.services``: sessions in, ORM rows out; batch functions
return the rows for many keys in one statement; malformed arguments raise ``InvalidInput``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pycountry
from sqlalchemy import ColumnElement, Select, and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.accounts.permissions import Principal, can_read_restricted
from directory.authorities.freshness import is_stale
from directory.authorities.models import (
    Authority,
    AuthorityContact,
    AuthorityName,
    ChannelRule,
    Designation,
    LanguageRule,
    OfficeHours,
)
from directory.authorities.requirements import Requirement, RequirementKind
from directory.enums import AuthorityStatus, ChannelPermission, UNLanguage
from directory.pages import first_per
from directory.treaties.models import Instrument, Jurisdiction, Participation, Provision
from directory.treaties.names import display_name
from directory.treaties.services import Page, check_page_size, paginate, parse_jurisdiction_code

__all__ = [
    "AuthorityQuery",
    "authorities_by_ids",
    "authorities_by_keys",
    "authorities_for",
    "authority_name",
    "channel_rules_by_ids",
    "channel_rules_for_designations",
    "contacts_for",
    "designations_by_ids",
    "designations_for",
    "general_channel_rules_for",
    "general_language_rules_for",
    "is_stale",
    "language_name",
    "language_rules_by_ids",
    "language_rules_for_designations",
    "language_rules_for_notifications",
    "list_authorities",
    "names_for",
    "office_hours_for",
    "requirement_rows_for",
    "requirements_by_ids",
    "requirements_for",
    "subdivision_name",
    "visible_contacts",
]


@dataclass(frozen=True)
class AuthorityQuery:
    """Filters of ``authorities``; every one given must hold (AND)."""

    jurisdiction: str | None = None  # ISO alpha-3
    include_territories: bool = False  # with ``jurisdiction``: also its territories' authorities
    subject: str | None = None  # designated for this subject
    instrument: str | None = None  # designated under it, or its State consented to it
    language: str | None = None  # ISO 639 code accepted by a language rule
    channel: str | None = None  # a channel rule of this kind that is not NOT_ACCEPTED
    status: AuthorityStatus | None = None


def _applies_to_authority(rule: type[ChannelRule] | type[LanguageRule]) -> ColumnElement[bool]:
    """A rule of the authority's jurisdiction, general or narrowed to one of its designations."""
    # correlate explicitly: auto-correlation only reaches the immediately enclosing SELECT
    own_designations = (
        select(Designation.id).where(Designation.authority_id == Authority.id).correlate(Authority)
    )
    return and_(
        rule.jurisdiction_id == Authority.jurisdiction_id,
        or_(rule.designation_id.is_(None), rule.designation_id.in_(own_designations)),
    )


async def list_authorities(
    session: AsyncSession, query: AuthorityQuery, *, first: int, after: str | None
) -> Page[Authority]:
    """Authorities matching ``query``, ordered by their stable ``key``."""
    check_page_size(first)
    stmt = select(Authority)
    if query.jurisdiction is not None:
        code = parse_jurisdiction_code(query.jurisdiction, field="jurisdiction")
        target = select(Jurisdiction.id).where(Jurisdiction.code == code)
        if query.include_territories:
            parent = select(Jurisdiction.id).where(Jurisdiction.code == code).scalar_subquery()
            target = select(Jurisdiction.id).where(
                or_(Jurisdiction.code == code, Jurisdiction.parent_id == parent)
            )
        stmt = stmt.where(Authority.jurisdiction_id.in_(target.scalar_subquery()))
    if query.subject is not None:
        designated = select(Designation.authority_id).where(
            Designation.subject_code == query.subject.strip().upper()
        )
        stmt = stmt.where(Authority.id.in_(designated.scalar_subquery()))
    if query.instrument is not None:
        stmt = stmt.where(_under_instrument(query.instrument.strip().upper()))
    if query.language is not None:
        accepted = select(LanguageRule.id).where(
            LanguageRule.language == query.language.strip().lower(),
            _applies_to_authority(LanguageRule),
        )
        stmt = stmt.where(accepted.exists())
    if query.channel is not None:
        allowed = select(ChannelRule.id).where(
            ChannelRule.channel_code == query.channel.strip().upper(),
            ChannelRule.permission != ChannelPermission.NOT_ACCEPTED,
            _applies_to_authority(ChannelRule),
        )
        stmt = stmt.where(allowed.exists())
    if query.status is not None:
        stmt = stmt.where(Authority.status == query.status)
    return await paginate(session, stmt, Authority.key, first=first, after=after)


def _under_instrument(code: str) -> ColumnElement[bool]:
    instrument = select(Instrument.id).where(Instrument.code == code).scalar_subquery()
    designated_under = (
        select(Designation.authority_id)
        .join(Provision, Provision.id == Designation.provision_id)
        .where(Provision.instrument_id == instrument)
    )
    consented = select(Participation.jurisdiction_id).where(
        Participation.instrument_id == instrument, Participation.consent_on.is_not(None)
    )
    parent_of_authority = (
        select(Jurisdiction.parent_id)
        .where(Jurisdiction.id == Authority.jurisdiction_id)
        .scalar_subquery()
    )
    return or_(
        Authority.id.in_(designated_under.scalar_subquery()),
        Authority.jurisdiction_id.in_(consented.scalar_subquery()),
        parent_of_authority.in_(consented.scalar_subquery()),
    )


async def authorities_by_ids(session: AsyncSession, ids: Sequence[int]) -> Sequence[Authority]:
    return (await session.scalars(select(Authority).where(Authority.id.in_(ids)))).all()


async def authorities_by_keys(session: AsyncSession, keys: Sequence[str]) -> Sequence[Authority]:
    return (await session.scalars(select(Authority).where(Authority.key.in_(keys)))).all()


async def authorities_for(
    session: AsyncSession, jurisdiction_ids: Sequence[int], first: int | None = None
) -> Sequence[Authority]:
    """The jurisdictions' authorities by key; with ``first``, at most that many each."""
    stmt = select(Authority).where(Authority.jurisdiction_id.in_(jurisdiction_ids))
    return await _first_per(session, stmt, Authority, Authority.jurisdiction_id, first, "key")


async def names_for(session: AsyncSession, ids: Sequence[int]) -> Sequence[AuthorityName]:
    stmt = select(AuthorityName).where(AuthorityName.authority_id.in_(ids))
    return (await session.scalars(stmt.order_by(AuthorityName.language))).all()


async def contacts_for(session: AsyncSession, ids: Sequence[int]) -> Sequence[AuthorityContact]:
    stmt = select(AuthorityContact).where(AuthorityContact.authority_id.in_(ids))
    return (
        await session.scalars(stmt.order_by(AuthorityContact.position, AuthorityContact.id))
    ).all()


async def office_hours_for(session: AsyncSession, ids: Sequence[int]) -> Sequence[OfficeHours]:
    stmt = select(OfficeHours).where(OfficeHours.authority_id.in_(ids))
    return (await session.scalars(stmt.order_by(OfficeHours.weekday, OfficeHours.opens))).all()


async def designations_for(
    session: AsyncSession, authority_ids: Sequence[int], first: int | None = None
) -> Sequence[Designation]:
    stmt = select(Designation).where(Designation.authority_id.in_(authority_ids))
    return await _first_per(
        session, stmt, Designation, Designation.authority_id, first, "priority", "id"
    )


async def designations_by_ids(session: AsyncSession, ids: Sequence[int]) -> Sequence[Designation]:
    return (await session.scalars(select(Designation).where(Designation.id.in_(ids)))).all()


async def channel_rules_by_ids(session: AsyncSession, ids: Sequence[int]) -> Sequence[ChannelRule]:
    return (await session.scalars(select(ChannelRule).where(ChannelRule.id.in_(ids)))).all()


async def language_rules_by_ids(
    session: AsyncSession, ids: Sequence[int]
) -> Sequence[LanguageRule]:
    return (await session.scalars(select(LanguageRule).where(LanguageRule.id.in_(ids)))).all()


async def channel_rules_for_designations(
    session: AsyncSession, ids: Sequence[int], first: int | None = None
) -> Sequence[ChannelRule]:
    stmt = select(ChannelRule).where(ChannelRule.designation_id.in_(ids))
    return await _rules(session, stmt, ChannelRule, ChannelRule.designation_id, first)


async def general_channel_rules_for(
    session: AsyncSession, jurisdiction_ids: Sequence[int], first: int | None = None
) -> Sequence[ChannelRule]:
    """Channel rules of the jurisdictions that are not narrowed to one designation."""
    stmt = select(ChannelRule).where(
        ChannelRule.jurisdiction_id.in_(jurisdiction_ids), ChannelRule.designation_id.is_(None)
    )
    return await _rules(session, stmt, ChannelRule, ChannelRule.jurisdiction_id, first)


async def language_rules_for_designations(
    session: AsyncSession, ids: Sequence[int], first: int | None = None
) -> Sequence[LanguageRule]:
    stmt = select(LanguageRule).where(LanguageRule.designation_id.in_(ids))
    return await _rules(session, stmt, LanguageRule, LanguageRule.designation_id, first)


async def language_rules_for_notifications(
    session: AsyncSession, ids: Sequence[int], first: int | None = None
) -> Sequence[LanguageRule]:
    stmt = select(LanguageRule).where(LanguageRule.notification_id.in_(ids))
    return await _rules(session, stmt, LanguageRule, LanguageRule.notification_id, first)


async def general_language_rules_for(
    session: AsyncSession, jurisdiction_ids: Sequence[int], first: int | None = None
) -> Sequence[LanguageRule]:
    """Language rules of the jurisdictions tied to neither a designation nor a notification."""
    stmt = select(LanguageRule).where(
        LanguageRule.jurisdiction_id.in_(jurisdiction_ids),
        LanguageRule.designation_id.is_(None),
        LanguageRule.notification_id.is_(None),
    )
    return await _rules(session, stmt, LanguageRule, LanguageRule.jurisdiction_id, first)


async def _rules(
    session: AsyncSession, stmt: Select[Any], model: Any, owner: Any, first: int | None
) -> Sequence[Any]:
    return await _first_per(session, stmt, model, owner, first, "preference", "id")


async def _first_per(
    session: AsyncSession,
    stmt: Select[Any],
    model: Any,
    owner: Any,
    first: int | None,
    *order: str,
) -> Sequence[Any]:
    """``stmt``'s rows in ``order`` (column names of ``model``); with ``first``, at most that
    many per ``owner``, still one statement."""
    order_by = [getattr(model, name) for name in order]
    if first is not None:
        stmt = first_per(stmt, owner, order_by, first, id_column=model.id)
    return (await session.scalars(stmt.order_by(*order_by))).all()


def visible_contacts(
    principal: Principal, contacts: Sequence[AuthorityContact], jurisdiction_id: int | None = None
) -> Sequence[AuthorityContact]:
    """The contacts ``principal`` may see. THE one gate for contact fields, for every surface.

    Restricted rows go only to practitioners, the secretariat, and the editors of
    ``jurisdiction_id`` (the authority's) and its State. An anonymous caller is
    ``ANONYMOUS``, never None; a bad token never gets here: a surface refuses its whole
    request."""
    if can_read_restricted(principal, jurisdiction_id):
        return contacts
    return [c for c in contacts if not c.restricted]


def authority_name(
    names: Sequence[AuthorityName], key: str, language: UNLanguage = UNLanguage.EN
) -> str:
    """An authority's name in ``language``, else in English, else its original (the one
    marked ``is_original``, else the first by language code), else its ``key``: the rule of
    ``directory.treaties.names.display_name``."""
    original = next((n for n in names if n.is_original), names[0] if names else None)
    return display_name(
        {n.language: n.name for n in names},
        language,
        original=original.name if original is not None else None,
        default=key,
    )


def language_name(code: str) -> str | None:
    """English name of an ISO 639-1 or 639-3 language code, None when unknown."""
    found = (
        pycountry.languages.get(alpha_2=code)
        if len(code) == 2
        else pycountry.languages.get(alpha_3=code)
    )
    return found.name if found is not None else None


def subdivision_name(code: str) -> str | None:
    """Name of an ISO 3166-2 subdivision (``GB-SCT`` → ``Scotland``), None when unknown."""
    found = pycountry.subdivisions.get(code=code)
    return found.name if found is not None else None


async def requirements_for(
    session: AsyncSession, jurisdiction_ids: Sequence[int]
) -> Sequence[tuple[Requirement, RequirementKind]]:
    """The legal requirements of the jurisdictions, each with its kind, in the kinds' order."""
    if not jurisdiction_ids:
        return []
    stmt = (
        select(Requirement, RequirementKind)
        .join(RequirementKind, Requirement.kind_code == RequirementKind.code)
        .where(Requirement.jurisdiction_id.in_(jurisdiction_ids))
        .order_by(Requirement.jurisdiction_id, RequirementKind.position, Requirement.id)
    )
    return [(q, k) for q, k in (await session.execute(stmt)).all()]


async def requirements_by_ids(session: AsyncSession, ids: Sequence[int]) -> Sequence[Requirement]:
    return (await session.scalars(select(Requirement).where(Requirement.id.in_(ids)))).all()


async def requirement_rows_for(
    session: AsyncSession, jurisdiction_ids: Sequence[int], first: int | None = None
) -> Sequence[Requirement]:
    """At most ``first`` legal requirements per jurisdiction, oldest first (the rows only)."""
    stmt = select(Requirement).where(Requirement.jurisdiction_id.in_(jurisdiction_ids))
    return await _first_per(session, stmt, Requirement, Requirement.jurisdiction_id, first, "id")
