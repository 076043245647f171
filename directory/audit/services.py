"""Recording revisions, an authority's history, and the change feed.

``record`` is called by the write services inside the transaction of the change: the
revision commits or rolls back with it. Readers get revisions through ``history`` and
``changes``, which redact restricted contact values for callers not entitled to them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from directory.accounts.permissions import Principal, can_read_restricted
from directory.audit.models import Action, Revision
from directory.audit.snapshot import redact
from directory.db import utcnow
from directory.errors import InvalidInput
from directory.pages import FEED, first_per

__all__ = [
    "RevisionView",
    "changes",
    "histories",
    "history",
    "record",
    "revision_view",
    "revisions_by_ids",
]


MAX_PAGE = FEED.maximum

# Any constant: the key of the advisory lock that orders revision writes on PostgreSQL.
_FEED_LOCK = 0x64636E61


async def record(
    session: AsyncSession,
    principal: Principal,
    *,
    action: Action,
    entity_type: str,
    entity_id: int,
    jurisdiction_id: int | None,
    authority_id: int | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    reason: str | None = None,
    change_request_id: int | None = None,
    now: dt.datetime | None = None,
) -> Revision:
    """Add a revision to the current transaction (flushed, so it has its id)."""
    if session.get_bind().dialect.name == "postgresql":
        # Sequence values are handed out at INSERT but become visible at COMMIT, so two
        # writers could commit ids out of order and a feed reader at cursor N would skip the
        # smaller one for ever. Holding this lock until commit makes ids grow in commit
        # order. (SQLite already has one writer at a time.)
        await session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _FEED_LOCK})
    revision = Revision(
        occurred_at=now or utcnow(),
        actor=principal.actor,
        token_id=principal.token_id,
        account_id=principal.account_id,
        action=action,
        entity_type=entity_type,
        entity_id=entity_id,
        jurisdiction_id=jurisdiction_id,
        authority_id=authority_id,
        before=before,
        after=after,
        reason=reason,
        change_request_id=change_request_id,
    )
    session.add(revision)
    await session.flush()
    return revision


@dataclass(frozen=True)
class RevisionView:
    """A revision as a given principal may see it."""

    id: int
    occurred_at: dt.datetime
    actor: str
    action: Action
    entity_type: str
    entity_id: int
    authority_id: int | None
    jurisdiction_id: int | None  # None: an instrument's or a provision's revision
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str | None
    change_request_id: int | None


def revision_view(revision: Revision, principal: Principal) -> RevisionView:
    visible = can_read_restricted(principal, revision.jurisdiction_id)
    return RevisionView(
        id=revision.id,
        occurred_at=revision.occurred_at,
        # an actor names a token; the public sees the role only
        actor=revision.actor if principal.is_authenticated else revision.actor.split(":")[0],
        action=revision.action,
        entity_type=revision.entity_type,
        entity_id=revision.entity_id,
        authority_id=revision.authority_id,
        jurisdiction_id=revision.jurisdiction_id,
        before=revision.before if visible else redact(revision.before),
        after=revision.after if visible else redact(revision.after),
        reason=revision.reason,
        change_request_id=revision.change_request_id,
    )


async def history(
    session: AsyncSession,
    principal: Principal,
    authority_id: int,
    *,
    newest_first: bool = False,
    first: int | None = None,
) -> Sequence[RevisionView]:
    """The revisions of an authority and of its designations and rules, oldest first (newest
    first with ``newest_first``); all of them, or the ``first`` ones."""
    found = await histories(
        session, principal, [authority_id], newest_first=newest_first, first=first
    )
    return found[authority_id]


async def histories(
    session: AsyncSession,
    principal: Principal,
    authority_ids: Sequence[int],
    *,
    newest_first: bool = False,
    first: int | None = None,
) -> dict[int, list[RevisionView]]:
    """``history`` of several authorities in one statement (for the per-request loader):
    every id of ``authority_ids`` is a key, with ``[]`` when it has no revision; with
    ``first``, at most that many per authority."""
    order = Revision.id.desc() if newest_first else Revision.id.asc()
    stmt = select(Revision).where(Revision.authority_id.in_(set(authority_ids)))
    if first is not None:
        stmt = first_per(stmt, Revision.authority_id, [order], first, id_column=Revision.id)
    rows = await session.scalars(stmt.order_by(order))
    found: dict[int, list[RevisionView]] = {i: [] for i in authority_ids}
    for row in rows:
        assert row.authority_id is not None  # selected by authority_id IN (...)
        found[row.authority_id].append(revision_view(row, principal))
    return found


async def revisions_by_ids(
    session: AsyncSession, principal: Principal, ids: Sequence[int]
) -> list[RevisionView]:
    """The revisions of ``ids`` as ``principal`` may see them (every revision is public;
    restricted contact values are redacted as in ``changes``)."""
    rows = await session.scalars(select(Revision).where(Revision.id.in_(ids)))
    return [revision_view(r, principal) for r in rows]


async def changes(
    session: AsyncSession, principal: Principal, *, after: int | None = None, first: int = 100
) -> Sequence[RevisionView]:
    """The ``first`` revisions with id > ``after``, in id order: a sync tool stores the last
    id it saw and asks again from there. (Named as the API's argument, which errors name.)"""
    if not 1 <= first <= MAX_PAGE:
        raise InvalidInput(
            f"first {first} is out of range: ask for 1 to {MAX_PAGE} changes per page",
            field=["first"],
            value=first,
        )
    stmt = select(Revision).order_by(Revision.id).limit(first)
    if after is not None:
        stmt = stmt.where(Revision.id > after)
    return [revision_view(r, principal) for r in await session.scalars(stmt)]
