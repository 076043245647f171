"""Treaty facts: notifications and participation, written by the secretariat only.

    set_notification(change)   upsert by (jurisdiction, instrument, article)
    set_participation(change)  upsert by (jurisdiction, instrument)

What a State told the depositary is a treaty fact, not an entry it maintains: State editors
cannot change it, not even for their own State (they hold no
``directory:notification:write`` / ``directory:participation:write``). A permitted write
applies at once, replaces the fact's sources, and writes a revision (entity type
``notification`` or ``participation``, before and after) in the same transaction, so it
appears in the change feed. Nothing is written when any value is bad (``InputErrors``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, delete, insert, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.accounts.permissions import Permission, Principal
from directory.audit.models import Action, Revision
from directory.audit.services import record
from directory.audit.snapshot import row_snapshot
from directory.db import utcnow
from directory.editing.fact_checks import FactRefs, check_refs, check_sources
from directory.editing.validation import Problems, text
from directory.enums import (
    ConsentType,
    ExtraditionBasis,
    NotificationStatus,
    SourceKind,
    Verification,
)
from directory.treaties import models as tm


@dataclass
class SourceInput:
    """A URL or a document symbol (at least one), and the day it was read."""

    seen_on: dt.date
    url: str | None = None
    document: str | None = None
    title: str | None = None
    kind: SourceKind = SourceKind.OFFICIAL


@dataclass
class SetNotification:
    jurisdiction: str  # alpha-3
    instrument: str  # e.g. UNTOC
    article: str  # e.g. 16(5)
    status: NotificationStatus
    sources: list[SourceInput]
    extradition_basis: ExtraditionBasis | None = None  # only when NOTIFIED (DB CHECK too)
    condition: str | None = None
    summary: str | None = None
    notified_on: dt.date | None = None
    depositary_reference: str | None = None  # e.g. C.N.123.2004.TREATIES-2
    verification: Verification = Verification.OFFICIAL


@dataclass
class SetParticipation:
    jurisdiction: str
    instrument: str
    sources: list[SourceInput]
    signed_on: dt.date | None = None
    consent_on: dt.date | None = None
    consent_type: ConsentType | None = None
    territorial_application: str | None = None
    verification: Verification = Verification.OFFICIAL


@dataclass
class FactOutcome:
    """The fact as stored now, and the revision that recorded the change."""

    entity: tm.Notification | tm.Participation
    revision: Revision
    created: bool
    sources: list[tm.Source] = field(default_factory=list)


def _not_future(p: Problems, path: str, value: dt.date | None, today: dt.date) -> None:
    if value is not None and value > today:
        p.add(
            [path], value.isoformat(), f"{path} {value} is in the future: give the date of deposit"
        )


async def set_notification(
    session: AsyncSession,
    principal: Principal,
    change: SetNotification,
    *,
    reason: str | None = None,
    now: dt.datetime | None = None,
) -> FactOutcome:
    """Create or replace the notification of ``change.jurisdiction`` under the provision
    (instrument, article). Raises PermissionDenied (anyone but the secretariat) or
    InputErrors (unknown codes, future dates, no source, a basis that is not NOTIFIED)."""
    principal.require(Permission.NOTIFICATION_WRITE)
    now = now or utcnow()
    p = Problems()
    refs = await check_refs(session, p, change.jurisdiction, change.instrument, change.article)
    status = NotificationStatus(change.status)
    basis = ExtraditionBasis(change.extradition_basis) if change.extradition_basis else None
    if basis is not None and status is not NotificationStatus.NOTIFIED:
        p.add(
            ["extradition_basis"],
            basis.value,
            f"extradition_basis is given but status is {status.value}: a basis exists only "
            "for a NOTIFIED notification; drop it or set status NOTIFIED",
        )
    _not_future(p, "notified_on", change.notified_on, now.date())
    values = {
        "status": status,
        "extradition_basis": basis,
        "condition": text(p, ["condition"], change.condition, 1000),
        "summary": text(p, ["summary"], change.summary, 2000),
        "notified_on": change.notified_on,
        "depositary_reference": text(p, ["depositary_reference"], change.depositary_reference, 100),
        "verification": Verification(change.verification),
    }
    check_sources(p, change.sources, now.date())
    p.raise_if_any()
    assert refs.jurisdiction and refs.instrument and refs.provision  # else raised above
    key = {"jurisdiction_id": refs.jurisdiction.id, "provision_id": refs.provision.id}
    return await _upsert(
        session, principal, tm.Notification, key, values, change.sources, refs, reason, now
    )


async def set_participation(
    session: AsyncSession,
    principal: Principal,
    change: SetParticipation,
    *,
    reason: str | None = None,
    now: dt.datetime | None = None,
) -> FactOutcome:
    """Create or replace the participation of ``change.jurisdiction`` in the instrument.
    Raises PermissionDenied (anyone but the secretariat) or InputErrors."""
    principal.require(Permission.PARTICIPATION_WRITE)
    now = now or utcnow()
    p = Problems()
    refs = await check_refs(session, p, change.jurisdiction, change.instrument, None)
    _not_future(p, "signed_on", change.signed_on, now.date())
    _not_future(p, "consent_on", change.consent_on, now.date())
    consent_type = ConsentType(change.consent_type) if change.consent_type else None
    if (change.consent_on is None) != (consent_type is None):
        p.add(
            ["consent_type"],
            consent_type.value if consent_type else None,
            "consent_on and consent_type go together: give both (e.g. 2004-05-12 and "
            "RATIFICATION) or neither",
        )
    values = {
        "signed_on": change.signed_on,
        "consent_on": change.consent_on,
        "consent_type": consent_type,
        "territorial_application": text(
            p, ["territorial_application"], change.territorial_application, 1000
        ),
        "verification": Verification(change.verification),
    }
    check_sources(p, change.sources, now.date())
    p.raise_if_any()
    assert refs.jurisdiction and refs.instrument  # else raised above
    key = {"jurisdiction_id": refs.jurisdiction.id, "instrument_id": refs.instrument.id}
    return await _upsert(
        session, principal, tm.Participation, key, values, change.sources, refs, reason, now
    )


_CITATIONS: dict[type, tuple[Table, str, str]] = {
    tm.Notification: (tm.notification_source, "notification_id", "notification"),
    tm.Participation: (tm.participation_source, "participation_id", "participation"),
}


async def _upsert(
    session: AsyncSession,
    principal: Principal,
    model: type[tm.Notification] | type[tm.Participation],
    key: dict[str, int],
    values: dict[str, Any],
    sources: list[SourceInput],
    refs: FactRefs,
    reason: str | None,
    now: dt.datetime,
) -> FactOutcome:
    citations, fk, entity_type = _CITATIONS[model]
    stmt = select(model).filter_by(**key).with_for_update()
    row = await session.scalar(stmt.execution_options(populate_existing=True))
    before = None
    if row is not None:
        before = await _snapshot(session, row, citations, fk, refs)
    else:
        row = model(**key, **values)
        session.add(row)
    for name, value in values.items():
        setattr(row, name, value)
    row.updated_at = now
    await session.flush()
    stored = [await _source(session, s) for s in sources]
    await session.execute(delete(citations).where(citations.c[fk] == row.id))
    await session.execute(
        insert(citations),
        [{fk: row.id, "source_id": s.id} for s in {s.id: s for s in stored}.values()],
    )
    revision = await record(
        session,
        principal,
        action=Action.UPDATE if before is not None else Action.CREATE,
        entity_type=entity_type,
        entity_id=row.id,
        jurisdiction_id=refs.jurisdiction.id,
        authority_id=None,
        before=before,
        after=await _snapshot(session, row, citations, fk, refs),
        reason=reason,
        now=now,
    )
    return FactOutcome(entity=row, revision=revision, created=before is None, sources=stored)


async def _source(session: AsyncSession, given: SourceInput) -> tm.Source:
    """The stored source with this URL or document symbol (seen again: its date moves
    forward), or a new one."""
    url = given.url.strip() if given.url else None
    document = given.document.strip() if given.document else None
    same = []  # check_sources made sure there is at least one
    if url:
        same.append(tm.Source.url == url)
    if document:
        same.append(tm.Source.document == document)
    found = await session.scalar(select(tm.Source).where(or_(*same)).order_by(tm.Source.id))
    if found is None:
        found = tm.Source(
            url=url,
            document=document,
            title=given.title,
            kind=SourceKind(given.kind),
            seen_on=given.seen_on,
        )
        session.add(found)
    else:
        found.seen_on = max(found.seen_on, given.seen_on)
        found.title = given.title or found.title
    await session.flush()
    return found


async def _snapshot(
    session: AsyncSession, row: Any, citations: Table, fk: str, refs: FactRefs
) -> dict[str, Any]:
    snap = row_snapshot(row)
    snap["jurisdiction"] = refs.jurisdiction.code
    snap["instrument"] = refs.instrument.code
    if refs.provision is not None:
        snap["article"] = refs.provision.article
    cited = await session.scalars(
        select(tm.Source)
        .join(citations, citations.c.source_id == tm.Source.id)
        .where(citations.c[fk] == row.id)
        .order_by(tm.Source.id)
    )
    snap["sources"] = [
        {"url": s.url, "document": s.document, "seen_on": s.seen_on.isoformat()} for s in cited
    ]
    return snap
