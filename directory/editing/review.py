"""The secretariat's review of pending change requests.

    approve(id)      SECRETARIAT: re-validate against today's data and apply, mark APPLIED;
                     the fields it changes are merged onto the entry as it is now, and
                     when one of them moved since the request was made it is marked
                     CONFLICT, with the current values, and goes back to the editor
                     (requests made before merging existed check the version instead)
    reject(id, why)  SECRETARIAT: mark REJECTED with the reason
    change_requests  reviewers see every request; State editors those of their States
    change_requests_by_ids  the same gate, for requests named by id (nothing is refused:
                     what the caller may not see is left out)

Services flush and never commit: the caller owns the transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace as dataclasses_replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.accounts.permissions import Permission, Principal, Role
from directory.db import utcnow
from directory.editing import inputs as i
from directory.editing import validation as v
from directory.editing.models import ChangeRequest, ChangeStatus
from directory.editing.services import Conflicted, Outcome, apply, combined, prepare, run
from directory.errors import Conflict, InvalidInput, NotFound


async def _pending(session: AsyncSession, principal: Principal, request_id: int) -> ChangeRequest:
    principal.require(Permission.CHANGE_REVIEW)
    request = await session.get(ChangeRequest, request_id, with_for_update=True)
    if request is None:
        raise NotFound("change request", request_id, field=["input", "change_request"])
    if request.status is not ChangeStatus.PENDING:
        raise Conflict(
            f"the change request is already {request.status.value} "
            f"by {request.reviewed_by}: only PENDING requests can be reviewed"
        )
    return request


async def approve(
    session: AsyncSession,
    principal: Principal,
    request_id: int,
    *,
    reason: str | None = None,
    now: dt.datetime | None = None,
) -> Outcome:
    """Apply a pending change request as of today: re-validated, and Conflict if its
    authority moved since the editor read it (the editor resubmits on the new version)."""
    now = now or utcnow()
    request = await _pending(session, principal, request_id)
    reason = v.reason(reason)
    items = i.payload_items(request.payload)
    if len(items) > 1 or "base" in items[0]:
        return await _merged(session, principal, request, items, reason=reason, now=now)
    change = i.from_payload(request.payload)
    clean, t = await prepare(session, principal, change, request.base_version)
    outcome = await apply(
        session,
        principal,
        clean,
        t,
        reason=reason or request.note,
        change_request_id=request.id,
        now=now,
    )
    _reviewed(request, principal, ChangeStatus.APPLIED, reason, now)
    request.objects = [list(o) for o in outcome.objects]
    await session.flush()
    return dataclasses_replace(outcome, change_request=request)


def _reviewed(
    request: ChangeRequest,
    principal: Principal,
    status: ChangeStatus,
    reason: str | None,
    now: dt.datetime,
) -> None:
    request.status = status
    request.reviewed_by = principal.actor
    request.reviewed_at = now
    request.review_reason = reason


async def _merged(
    session: AsyncSession,
    principal: Principal,
    request: ChangeRequest,
    items: list[dict[str, Any]],
    *,
    reason: str | None,
    now: dt.datetime,
) -> Outcome:
    """Apply every change of ``request`` in order, each merged onto its entry as it is now
    (a savepoint holds them: all apply, or none). A moved field marks the request CONFLICT
    instead, with what moved, and nothing of it is applied."""
    changes = [i.from_payload(item) for item in items]
    savepoint = await session.begin_nested()
    try:
        done = await run(
            session,
            principal,
            changes,
            bases=[item.get("base") for item in items],
            reason=reason or request.note,
            change_request_id=request.id,
            now=now,
        )
    except Conflicted as conflicted:
        await savepoint.rollback()
        _reviewed(request, principal, ChangeStatus.CONFLICT, reason, now)
        request.conflicts = conflicted.conflicts
        await session.flush()
        return Outcome(ChangeStatus.CONFLICT, request, [], request.authority_id, None, None)
    except BaseException:
        await savepoint.rollback()
        raise
    await savepoint.commit()
    outcome = combined(done.outcomes, request)
    _reviewed(request, principal, ChangeStatus.APPLIED, reason, now)
    request.objects = [list(o) for o in outcome.objects]
    await session.flush()
    return outcome


async def reject(
    session: AsyncSession,
    principal: Principal,
    request_id: int,
    *,
    reason: str,
    now: dt.datetime | None = None,
) -> ChangeRequest:
    if not (reason or "").strip():
        raise InvalidInput(
            "a rejection needs a reason: tell the editor what to fix",
            field=["input", "reason"],
        )
    request = await _pending(session, principal, request_id)
    reason = v.reason(reason) or ""
    request.status = ChangeStatus.REJECTED
    request.reviewed_by = principal.actor
    request.reviewed_at = now or utcnow()
    request.review_reason = reason.strip()
    await session.flush()
    return request


async def change_requests(
    session: AsyncSession,
    principal: Principal,
    *,
    status: ChangeStatus | None = None,
    first: int | None = None,
) -> Sequence[ChangeRequest]:
    """Reviewers see every request; State editors see those of their jurisdictions; oldest
    first, all of them or the ``first`` ones."""
    stmt = select(ChangeRequest).order_by(ChangeRequest.id).limit(first)
    if status is not None:
        stmt = stmt.where(ChangeRequest.status == status)
    if not principal.has(Permission.CHANGE_REVIEW):
        if principal.role is not Role.STATE_EDITOR:
            principal.require(Permission.CHANGE_READ)
        stmt = stmt.where(ChangeRequest.jurisdiction_id.in_(principal.scope))
    return (await session.scalars(stmt)).all()


def may_see(principal: Principal, request: ChangeRequest) -> bool:
    """Reviewers see every change request; State editors those of their jurisdictions (and
    territories); nobody else sees any."""
    return principal.has(Permission.CHANGE_REVIEW) or principal.has(
        Permission.CHANGE_READ, request.jurisdiction_id
    )


async def change_requests_by_ids(
    session: AsyncSession, principal: Principal, ids: Sequence[int]
) -> Sequence[ChangeRequest]:
    """The change requests of ``ids`` that ``principal`` may see (``may_see``)."""
    if not (principal.has(Permission.CHANGE_REVIEW) or principal.scope):
        return []  # no query for a caller who can see none
    rows = await session.scalars(select(ChangeRequest).where(ChangeRequest.id.in_(ids)))
    return [r for r in rows if may_see(principal, r)]
