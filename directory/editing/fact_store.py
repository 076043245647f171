"""Storing a treaty fact: upsert by natural key, replace its sources, record the revision
(used by ``directory.editing.facts`` once the input is valid and authorized)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.accounts.permissions import Principal
from directory.audit.models import Action, Revision
from directory.audit.services import record
from directory.audit.snapshot import row_snapshot
from directory.editing.fact_checks import FactRefs, SourceInput
from directory.editing.sources import store
from directory.treaties import models as tm

Fact = TypeVar("Fact", tm.Notification, tm.Participation)


@dataclass
class FactOutcome(Generic[Fact]):
    """The fact as stored now, and the revision that recorded the change."""

    entity: Fact
    revision: Revision
    created: bool
    sources: list[tm.Source] = field(default_factory=list)


_CITATIONS: dict[type, tuple[Table, str, str]] = {
    tm.Notification: (tm.notification_source, "notification_id", "notification"),
    tm.Participation: (tm.participation_source, "participation_id", "participation"),
}


async def upsert(
    session: AsyncSession,
    principal: Principal,
    model: type[Fact],
    key: dict[str, int],
    values: dict[str, Any],
    sources: list[SourceInput],
    refs: FactRefs,
    reason: str | None,
    now: dt.datetime,
) -> FactOutcome[Fact]:
    citations, fk, entity_type = _CITATIONS[model]
    assert refs.jurisdiction is not None  # the problems were raised: it is known
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
    stored = [await store(session, s) for s in sources]
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


async def _snapshot(
    session: AsyncSession, row: Any, citations: Table, fk: str, refs: FactRefs
) -> dict[str, Any]:
    snap = row_snapshot(row)
    assert refs.jurisdiction is not None and refs.instrument is not None  # as above
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
