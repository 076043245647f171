"""Filling the coverage report with a fixed number of flat aggregate statements.

Seven statements whatever the number of jurisdictions (a test counts them), each grouped by
jurisdiction in SQL: the jurisdictions and their English names; participation rows; the
UNTOC notifications; active authorities' counts (stale, never confirmed); authorities per
subject; who has an 18(13) central authority or any MLA receiver; the unverified facts.
Python only folds the rows into ``report`` objects and sums the groups.

Rules reused, not restated: "stale" is ``directory.authorities.freshness.is_stale`` (never
confirmed, or confirmed more than ``stale_after_days`` before ``as_of``), written as SQL;
"unverified" is routing's UNVERIFIED_DATA rule (``directory.routing.verification``: any
verification but OFFICIAL), plus a fact citing no source; a receiving authority is one
routing would pick from (``directory.routing.selection``: ACTIVE, direction INCOMING or BOTH).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    Table,
    and_,
    case,
    distinct,
    exists,
    func,
    literal_column,
    or_,
    select,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession

from directory.authorities import models as am
from directory.coverage.report import (
    COVERED_INSTRUMENTS,
    UNTOC,
    UNTOC_PROVISIONS,
    Counts,
    Coverage,
    GroupCoverage,
    Participation,
    StateCoverage,
)
from directory.enums import (
    AuthorityStatus,
    Direction,
    JurisdictionKind,
    NotificationStatus,
    RegionalGroup,
    UNLanguage,
    Verification,
)
from directory.treaties import models as tm

__all__ = ["STATEMENTS", "Scope", "coverage"]

STATEMENTS = 7  # the statement budget of ``coverage``, whatever the number of rows
RECEIVING = (Direction.INCOMING, Direction.BOTH)


@dataclass(frozen=True)
class Scope:
    """Which jurisdictions the report covers: every one by default, or one regional group,
    or the jurisdictions with these alpha-3 codes (both: those of the group among them)."""

    regional_group: RegionalGroup | None = None
    codes: Sequence[str] | None = None


async def coverage(
    session: AsyncSession, *, as_of: dt.date, stale_after_days: int, scope: Scope = Scope()
) -> Coverage:
    """The coverage of ``scope`` on the day ``as_of`` (``Settings.stale_after_days`` decides
    when a confirmation is too old)."""
    ids = _scoped_ids(scope)
    jurisdictions = (await session.execute(_jurisdictions(ids))).all()
    participation = await _participation(session, ids)
    notifications = await _notifications(session, ids)
    counts = await _authority_counts(session, ids, as_of, stale_after_days)
    subjects = await _by_subject(session, ids)
    central, receiving = await _receivers(session, ids)
    unverified = await _unverified(session, ids)

    instruments = _instrument_order({code for rows in participation.values() for code in rows})
    subject_codes = sorted({s for by in subjects.values() for s in by})
    states: list[StateCoverage] = []
    for jid, code, kind, group, name in jurisdictions:
        c = counts.get(jid, Counts())
        c.by_subject = subjects.get(jid, {})
        c.unverified = unverified.get(jid, 0)
        held = participation.get(jid, {})
        states.append(
            StateCoverage(
                code=code,
                name=name or code,
                kind=kind,
                regional_group=group,
                participation={i: held.get(i, Participation.NONE) for i in instruments},
                notifications={a: notifications.get((jid, a)) for a in UNTOC_PROVISIONS},
                central_authority_18_13=jid in central,
                receives_mla=jid in receiving,
                counts=c,
            )
        )
    return _fold(as_of, stale_after_days, instruments, subject_codes, states)


def _scoped_ids(scope: Scope) -> Select[Any]:
    stmt = select(tm.Jurisdiction.id)
    if scope.regional_group is not None:
        stmt = stmt.where(tm.Jurisdiction.regional_group == scope.regional_group)
    if scope.codes is not None:
        stmt = stmt.where(tm.Jurisdiction.code.in_([c.upper() for c in scope.codes]))
    return stmt


def _jurisdictions(
    ids: Select[Any],
) -> Select[int, str, JurisdictionKind, RegionalGroup | None, str]:
    j = tm.Jurisdiction
    name = tm.JurisdictionName
    return (
        select(j.id, j.code, j.kind, j.regional_group, name.name)
        .outerjoin(name, and_(name.jurisdiction_id == j.id, name.language == UNLanguage.EN))
        .where(j.id.in_(ids))
        .order_by(j.code)
    )


async def _participation(
    session: AsyncSession, ids: Select[Any]
) -> dict[int, dict[str, Participation]]:
    p = tm.Participation
    stmt = (
        select(
            p.jurisdiction_id, tm.Instrument.code, p.consent_on, p.party_date_unknown, p.signed_on
        )
        .join(tm.Instrument, tm.Instrument.id == p.instrument_id)
        .where(p.jurisdiction_id.in_(ids))
    )
    held: dict[int, dict[str, Participation]] = {}
    for jid, code, consent_on, date_unknown, signed_on in await session.execute(stmt):
        if consent_on is not None:
            standing = Participation.PARTY
        elif date_unknown:
            standing = Participation.PARTY_DATE_UNKNOWN
        elif signed_on is not None:
            standing = Participation.SIGNATORY
        else:
            standing = Participation.NONE
        held.setdefault(jid, {})[code] = standing
    return held


async def _notifications(
    session: AsyncSession, ids: Select[Any]
) -> dict[tuple[int, str], NotificationStatus]:
    n = tm.Notification
    stmt = (
        select(n.jurisdiction_id, tm.Provision.article, n.status)
        .join(tm.Provision, tm.Provision.id == n.provision_id)
        .join(tm.Instrument, tm.Instrument.id == tm.Provision.instrument_id)
        .where(
            tm.Instrument.code == UNTOC,
            tm.Provision.article.in_(UNTOC_PROVISIONS),
            n.jurisdiction_id.in_(ids),
        )
    )
    return {(jid, article): status for jid, article, status in await session.execute(stmt)}


async def _authority_counts(
    session: AsyncSession, ids: Select[Any], as_of: dt.date, stale_after_days: int
) -> dict[int, Counts]:
    a = am.Authority
    # is_stale: never confirmed, or (as_of - last_confirmed_on).days > stale_after_days
    cutoff = as_of - dt.timedelta(days=stale_after_days)
    never = a.last_confirmed_on.is_(None)
    stale = or_(never, a.last_confirmed_on < cutoff)
    stmt = (
        select(
            a.jurisdiction_id,
            func.count(),
            func.sum(case((stale, 1), else_=0)),
            func.sum(case((never, 1), else_=0)),
        )
        .where(a.status == AuthorityStatus.ACTIVE, a.jurisdiction_id.in_(ids))
        .group_by(a.jurisdiction_id)
    )
    return {
        jid: Counts(authorities=n, stale=int(s or 0), never_confirmed=int(nc or 0))
        for jid, n, s, nc in await session.execute(stmt)
    }


async def _by_subject(session: AsyncSession, ids: Select[Any]) -> dict[int, dict[str, int]]:
    a, d = am.Authority, am.Designation
    stmt = (
        select(a.jurisdiction_id, d.subject_code, func.count(distinct(a.id)))
        .select_from(d)
        .join(a, a.id == d.authority_id)
        .where(a.status == AuthorityStatus.ACTIVE, a.jurisdiction_id.in_(ids))
        .group_by(a.jurisdiction_id, d.subject_code)
    )
    found: dict[int, dict[str, int]] = {}
    for jid, subject, n in await session.execute(stmt):
        found.setdefault(jid, {})[subject] = n
    return found


async def _receivers(session: AsyncSession, ids: Select[Any]) -> tuple[set[int], set[int]]:
    """(jurisdictions with an 18(13) central authority, those with any MLA receiver)."""
    a, d, p = am.Authority, am.Designation, tm.Provision
    under_18_13 = and_(tm.Instrument.code == UNTOC, p.article == "18(13)")
    stmt = (
        select(a.jurisdiction_id, func.max(case((under_18_13, 1), else_=0)))
        .select_from(d)
        .join(a, a.id == d.authority_id)
        .outerjoin(p, p.id == d.provision_id)
        .outerjoin(tm.Instrument, tm.Instrument.id == p.instrument_id)
        .where(
            a.status == AuthorityStatus.ACTIVE,
            d.direction.in_(RECEIVING),
            d.subject_code == "MLA",
            a.jurisdiction_id.in_(ids),
        )
        .group_by(a.jurisdiction_id)
    )
    rows = (await session.execute(stmt)).all()
    return {jid for jid, flag in rows if flag}, {jid for jid, _ in rows}


def _weak(verification: Any, citations: Table, fact_id: Any) -> ColumnElement[bool]:
    """Not confirmed by an official source, or citing none."""
    fact_column = next(c for c in citations.c if c.name != "source_id")
    return or_(
        verification != Verification.OFFICIAL,
        ~exists().where(fact_column == fact_id),
    )


async def _unverified(session: AsyncSession, ids: Select[Any]) -> dict[int, int]:
    a, d = am.Authority, am.Designation
    active = a.status == AuthorityStatus.ACTIVE
    facts = union_all(
        select(a.jurisdiction_id.label("jid")).where(
            active, _weak(a.verification, am.authority_source, a.id)
        ),
        select(a.jurisdiction_id)
        .select_from(d)
        .join(a, a.id == d.authority_id)
        .where(active, _weak(d.verification, am.designation_source, d.id)),
        *(
            select(model.jurisdiction_id).where(_weak(model.verification, citations, model.id))
            for model, citations in (
                (am.ChannelRule, am.channel_rule_source),
                (am.LanguageRule, am.language_rule_source),
                (tm.Participation, tm.participation_source),
                (tm.Notification, tm.notification_source),
            )
        ),
    ).subquery()
    stmt = (
        select(facts.c.jid, func.count(literal_column("*")))
        .where(facts.c.jid.in_(ids))
        .group_by(facts.c.jid)
    )
    return {jid: n for jid, n in await session.execute(stmt)}


def _instrument_order(codes: set[str]) -> list[str]:
    first = [c for c in COVERED_INSTRUMENTS if c in codes or c == UNTOC]
    return first + sorted(codes - set(first))


def _fold(
    as_of: dt.date,
    stale_after_days: int,
    instruments: list[str],
    subjects: list[str],
    states: list[StateCoverage],
) -> Coverage:
    groups: dict[RegionalGroup | None, GroupCoverage] = {
        g: GroupCoverage(regional_group=g) for g in [*RegionalGroup, None]
    }
    totals = GroupCoverage(regional_group=None)
    for row in states:
        groups[row.regional_group].add(row)
        totals.add(row)
    for group in [*groups.values(), totals]:
        for code in instruments:
            group.parties.setdefault(code, 0)
            group.parties_date_unknown.setdefault(code, 0)
        for article in UNTOC_PROVISIONS:
            group.notifications.setdefault(article, {})
    return Coverage(
        as_of=as_of,
        stale_after_days=stale_after_days,
        instruments=instruments,
        subjects=subjects,
        states=states,
        regions=[g for g in groups.values() if g.jurisdictions or g.regional_group is not None],
        totals=totals,
    )
