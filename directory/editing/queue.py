"""The secretariat's review queue: change requests filtered, counted and paged, oldest first.

    queue(session, principal, status=, jurisdiction=, older_than_days=, offset=, limit=)
        one flat query for the page of rows (each with its State's code) and one for the
        count of every row the filters match; SECRETARIAT only (directory:change:review)

Nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.accounts.permissions import Permission, Principal
from directory.db import utcnow
from directory.editing.models import ChangeRequest, ChangeStatus
from directory.errors import InvalidInput
from directory.treaties.models import Jurisdiction

__all__ = ["MAX_LIMIT", "QueuePage", "QueueRow", "queue"]

MAX_LIMIT = 100
MAX_DAYS = 36_500


@dataclass(frozen=True)
class QueueRow:
    id: int
    kind: str
    status: ChangeStatus
    jurisdiction: str  # alpha-3 code
    authority_id: int | None
    submitted_by: str
    submitted_at: dt.datetime
    note: str | None
    reviewed_by: str | None
    review_reason: str | None


@dataclass(frozen=True)
class QueuePage:
    rows: Sequence[QueueRow]
    total: int  # every row the filters match, over all pages
    offset: int
    limit: int

    @property
    def has_next(self) -> bool:
        return self.offset + len(self.rows) < self.total


async def queue(
    session: AsyncSession,
    principal: Principal,
    *,
    status: ChangeStatus | None = ChangeStatus.PENDING,
    jurisdiction: str | None = None,
    older_than_days: int | None = None,
    offset: int = 0,
    limit: int = 25,
    now: dt.datetime | None = None,
) -> QueuePage:
    """Change requests of ``status`` (None: all), of one State (alpha-3), submitted more
    than ``older_than_days`` days ago; ``limit`` of them from ``offset``, oldest first.

    Raises PermissionDenied for a caller who does not review, InvalidInput for an unknown
    State, a negative offset or age, or a limit outside 1..100."""
    principal.require(Permission.CHANGE_REVIEW)
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(
            f"limit {limit} is out of range: ask for 1 to {MAX_LIMIT} requests a page",
            field=["limit"],
        )
    if offset < 0:
        raise InvalidInput(f"offset {offset} is negative: start at 0", field=["offset"])
    where: list[ColumnElement[bool]] = []
    if status is not None:
        where.append(ChangeRequest.status == status)
    if jurisdiction is not None:
        found = await session.scalar(
            select(Jurisdiction.id).where(Jurisdiction.code == jurisdiction.upper())
        )
        if found is None:
            raise InvalidInput(
                f"no State or territory has the code {jurisdiction!r}: use its ISO 3166-1 "
                "alpha-3 code (FRA, DEU, …)",
                field=["state"],
            )
        where.append(ChangeRequest.jurisdiction_id == found)
    if older_than_days is not None:
        if not 0 <= older_than_days <= MAX_DAYS:
            raise InvalidInput(
                f"age {older_than_days} is out of range: give a number of days from 0 to "
                f"{MAX_DAYS}",
                field=["older_than"],
            )
        cutoff = (now or utcnow()) - dt.timedelta(days=older_than_days)
        where.append(ChangeRequest.submitted_at < cutoff)
    total = await session.scalar(select(func.count(ChangeRequest.id)).where(*where))
    stmt = (
        select(
            ChangeRequest.id,
            ChangeRequest.kind,
            ChangeRequest.status,
            Jurisdiction.code.label("jurisdiction"),
            ChangeRequest.authority_id,
            ChangeRequest.submitted_by,
            ChangeRequest.submitted_at,
            ChangeRequest.note,
            ChangeRequest.reviewed_by,
            ChangeRequest.review_reason,
        )
        .join(Jurisdiction, Jurisdiction.id == ChangeRequest.jurisdiction_id)
        .where(*where)
        .order_by(ChangeRequest.submitted_at, ChangeRequest.id)
        .offset(offset)
        .limit(limit)
    )
    rows = [QueueRow(**r._asdict()) for r in await session.execute(stmt)]
    return QueuePage(rows, total or 0, offset, limit)
