"""The set-based loads behind one routing answer.

``load_facts`` reads the requested side's designations, rules, requirements, notifications
and both sides' participations (a territory's and its State's) in six statements whatever
the number of rows (provisions and notifications share one), and the stage tree when the
request names a stage (one more); ``load_details`` reads names and office hours of the
chosen authorities (two more); ``load_sources`` reads every source cited by the facts used
(one more). Designations and channel rules scoped to a requesting State or group are kept
only when they name the requesting side or a group it belongs to (a subquery, no statement).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import TypeVarTuple

from sqlalchemy import ColumnElement, Select, and_, or_, select, union
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from directory.authorities.models import (
    Authority,
    AuthorityName,
    ChannelKind,
    ChannelRule,
    Designation,
    LanguageRule,
    OfficeHours,
    StagePart,
    authority_source,
    channel_rule_source,
    designation_source,
    language_rule_source,
)
from directory.authorities.requirements import Requirement, RequirementKind, requirement_source
from directory.enums import AuthorityStatus, Direction
from directory.routing.validation import Resolved
from directory.treaties.models import (
    Instrument,
    JurisdictionGroupMember,
    Notification,
    Participation,
    Provision,
    Source,
    notification_source,
    participation_source,
)


@dataclass
class Facts:
    designations: list[tuple[Designation, Authority]]
    channel_rules: list[tuple[ChannelRule, ChannelKind]]
    language_rules: list[tuple[LanguageRule, int | None]]  # instrument id via its notification
    provisions: list[tuple[Provision, Instrument]]
    participations: list[tuple[Participation, Instrument]]
    notifications: list[Notification]
    requirements: list[tuple[Requirement, RequirementKind]]
    stage_parents: dict[str, str]  # stage → the stage it is part of (when a stage is asked)


async def load_facts(session: AsyncSession, r: Resolved) -> Facts:
    """The facts one answer may use, in six or seven statements run one after the other
    (the session is never shared by two tasks)."""
    requested = sorted({r.target.id, r.state.id})
    both_sides = {r.requesting.id, r.requesting_state.id, *requested}
    designations = await _rows(session, _designations(r, requested))
    channel_rules = await _rows(session, _channel_rules(r, requested))
    language_rules = await _rows(session, _language_rules(requested))
    provision_rows = await _rows(session, _provisions_with_notifications(requested))
    participations = await _rows(session, _participations(both_sides))
    requirements = await _rows(session, _requirements(requested))
    parents: dict[str, str] = {}
    if r.stage is not None:
        parents = {p.stage_code: p.within_code for p in await session.scalars(select(StagePart))}
    provisions = list({p.id: (p, i) for p, i, _ in provision_rows}.values())
    notifications = sorted((n for _, _, n in provision_rows if n is not None), key=lambda n: n.id)
    return Facts(
        designations,
        channel_rules,
        language_rules,
        provisions,
        participations,
        notifications,
        requirements,
        parents,
    )


def _requesting_scope(
    state_column: InstrumentedAttribute[int | None],
    group_column: InstrumentedAttribute[str | None],
    r: Resolved,
) -> ColumnElement[bool]:
    """A row unscoped by requesting side, or scoped to the requesting State (or its State)
    or to a group either belongs to."""
    sides = sorted({r.requesting.id, r.requesting_state.id})
    groups = select(JurisdictionGroupMember.group_code).where(
        JurisdictionGroupMember.jurisdiction_id.in_(sides)
    )
    return and_(
        or_(state_column.is_(None), state_column.in_(sides)),
        or_(group_column.is_(None), group_column.in_(groups)),
    )


Ts = TypeVarTuple("Ts")


async def _rows(session: AsyncSession, statement: Select[*Ts]) -> list[tuple[*Ts]]:
    return list((await session.execute(statement)).all())


def _designations(r: Resolved, requested: list[int]) -> Select[Designation, Authority]:
    """Active incoming designations of the requested side for the subject (or residual),
    with their authorities; a designation may name the territory as its scope."""
    return (
        select(Designation, Authority)
        .join(Authority, Designation.authority_id == Authority.id)
        .where(
            Authority.status == AuthorityStatus.ACTIVE,
            Designation.direction.in_([Direction.INCOMING, Direction.BOTH]),
            or_(Designation.subject_code == r.subject, Designation.residual.is_(True)),
            or_(
                Authority.jurisdiction_id.in_(requested),
                Designation.territory_id == r.target.id,
            ),
            _requesting_scope(Designation.requesting_id, Designation.requesting_group_code, r),
        )
        .order_by(Designation.id)
    )


def _channel_rules(r: Resolved, requested: list[int]) -> Select[ChannelRule, ChannelKind]:
    return (
        select(ChannelRule, ChannelKind)
        .join(ChannelKind, ChannelRule.channel_code == ChannelKind.code)
        .where(
            ChannelRule.jurisdiction_id.in_(requested),
            _requesting_scope(ChannelRule.requesting_id, ChannelRule.requesting_group_code, r),
        )
        .order_by(ChannelRule.id)
    )


def _requirements(requested: list[int]) -> Select[Requirement, RequirementKind]:
    return (
        select(Requirement, RequirementKind)
        .join(RequirementKind, Requirement.kind_code == RequirementKind.code)
        .where(Requirement.jurisdiction_id.in_(requested))
        .order_by(RequirementKind.position, Requirement.id)
    )


def _language_rules(requested: list[int]) -> Select[LanguageRule, int | None]:
    """Language rules with the instrument of the notification they come from, if any."""
    return (
        select(LanguageRule, Provision.instrument_id)
        .outerjoin(Notification, LanguageRule.notification_id == Notification.id)
        .outerjoin(Provision, Notification.provision_id == Provision.id)
        .where(LanguageRule.jurisdiction_id.in_(requested))
        .order_by(LanguageRule.id)
    )


def _provisions_with_notifications(
    requested: list[int],
) -> Select[Provision, Instrument, Notification | None]:
    """Every provision, each with the requested side's notifications of it (outer join):
    one statement for both lists."""
    return (
        select(Provision, Instrument, Notification)
        .join(Instrument, Provision.instrument_id == Instrument.id)
        .outerjoin(
            Notification,
            (Notification.provision_id == Provision.id)
            & Notification.jurisdiction_id.in_(requested),
        )
        .order_by(Instrument.code, Provision.article, Notification.id)
    )


def _participations(jurisdiction_ids: set[int]) -> Select[Participation, Instrument]:
    """Both sides' participations (a territory's and its State's)."""
    return (
        select(Participation, Instrument)
        .join(Instrument, Participation.instrument_id == Instrument.id)
        .where(Participation.jurisdiction_id.in_(jurisdiction_ids))
        .order_by(Participation.id)
    )


async def load_details(
    session: AsyncSession, authority_ids: Collection[int], *, with_hours: bool
) -> tuple[dict[int, dict[str, str]], dict[int, list[tuple[int, dt.time, dt.time]]]]:
    """Names (authority → language → name, the original first) and, when asked, hours."""
    names: dict[int, dict[str, str]] = {}
    hours: dict[int, list[tuple[int, dt.time, dt.time]]] = {}
    if not authority_ids:
        return names, hours
    rows = await session.execute(
        select(AuthorityName)
        .where(AuthorityName.authority_id.in_(authority_ids))
        .order_by(
            AuthorityName.authority_id, AuthorityName.is_original.desc(), AuthorityName.language
        )
    )
    for (name,) in rows:
        names.setdefault(name.authority_id, {})[name.language] = name.name
    if with_hours:
        for h in await session.scalars(
            select(OfficeHours).where(OfficeHours.authority_id.in_(authority_ids))
        ):
            hours.setdefault(h.authority_id, []).append((h.weekday, h.opens, h.closes))
    return names, hours


async def load_sources(session: AsyncSession, used: dict[str, Collection[int]]) -> list[Source]:
    """Sources cited by the facts used; ``used`` maps a fact table name to its row ids."""
    tables = {
        "authority": authority_source,
        "designation": designation_source,
        "channel_rule": channel_rule_source,
        "language_rule": language_rule_source,
        "notification": notification_source,
        "participation": participation_source,
        "requirement": requirement_source,
    }
    parts = [
        select(table.c.source_id).where(table.c[f"{name}_id"].in_(ids))
        for name, table in tables.items()
        if (ids := used.get(name))
    ]
    if not parts:
        return []
    cited = union(*parts).subquery()
    return list(
        await session.scalars(
            select(Source).where(Source.id.in_(select(cited.c.source_id))).order_by(Source.id)
        )
    )
