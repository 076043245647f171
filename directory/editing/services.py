"""The write pipeline: authorize, validate, check the version, then apply or queue.

    submit(change)   a SECRETARIAT write (or any permitted write when the deployment
                     publishes without review) applies at once; a STATE_EDITOR's write
                     becomes a PENDING change request
    approve(id)      SECRETARIAT: re-validate against today's data, check the version the
                     editor read, apply, mark APPLIED
    reject(id, why)  SECRETARIAT: mark REJECTED with the reason

Every applied change writes its revisions in the same transaction. Services flush and
never commit: the caller owns the transaction (one per request or CLI command).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import replace as dataclasses_replace

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.accounts.permissions import Permission, Principal, Role
from directory.audit.models import Action, Revision
from directory.audit.services import record
from directory.config import Settings
from directory.db import utcnow
from directory.editing import authorities, authority_checks, rule_checks, rules
from directory.editing import inputs as i
from directory.editing.common import Applied, Target, check_active, check_version, touch
from directory.editing.models import ChangeRequest, ChangeStatus
from directory.errors import Conflict, InvalidInput, NotFound

_AUTHORITY_CHANGES = (i.CreateAuthority, i.UpdateAuthority, i.RetireAuthority)
_DESIGNATION_CHANGES = (i.CreateDesignation, i.UpdateDesignation, i.RemoveDesignation)


@dataclass(frozen=True)
class Outcome:
    """``status`` APPLIED (``revisions`` hold what changed) or PENDING (``change_request``)."""

    status: ChangeStatus
    change_request: ChangeRequest | None
    revisions: Sequence[Revision]
    authority_id: int | None
    authority_version: int | None
    entity_id: int | None


async def _target(session: AsyncSession, change: i.Change) -> Target:
    if isinstance(change, _AUTHORITY_CHANGES):
        return await authorities.target(session, change)
    return await rules.target(session, change)


async def _validate(session: AsyncSession, change: i.Change, t: Target) -> i.Change:
    match change:
        case i.CreateAuthority():
            return await authority_checks.validate_create(session, change, t)
        case i.UpdateAuthority():
            return await authority_checks.validate_update(session, change, t)
        case i.RetireAuthority():
            return change
        case _ if isinstance(change, _DESIGNATION_CHANGES):
            return await rule_checks.validate_designation(session, change, t)
        case _:
            return await rule_checks.validate_rule(session, change, t)


def _check_state(change: i.Change, t: Target, expected: int | None) -> None:
    if t.authority is not None:
        check_active(t.authority)
        check_version(t.authority, expected)


async def _prepare(
    session: AsyncSession, principal: Principal, change: i.Change, expected: int | None
) -> tuple[i.Change, Target]:
    if Permission.AUTHORITY_WRITE not in principal.permissions:
        principal.require(Permission.AUTHORITY_WRITE)  # before revealing what exists
    t = await _target(session, change)
    principal.require(Permission.AUTHORITY_WRITE, t.jurisdiction.id)
    clean = await _validate(session, change, t)
    _check_state(clean, t, expected)
    return clean, t


async def _apply(
    session: AsyncSession,
    principal: Principal,
    change: i.Change,
    t: Target,
    *,
    reason: str | None,
    change_request_id: int | None,
    now: dt.datetime,
) -> Outcome:
    match change:
        case i.CreateAuthority():
            done = [await authorities.apply_create(session, change, t, now)]
        case i.UpdateAuthority():
            done = [await authorities.apply_update(session, change, t, now)]
        case i.RetireAuthority():
            done = [await authorities.apply_retire(session, change, t, now)]
        case _:
            done = await rules.apply(session, change, t, now)
            if t.authority is not None:
                touch(t.authority, now)
                await session.flush()
    action = _action(change)
    revisions = []
    for applied in done:
        revisions.append(
            await record(
                session,
                principal,
                action=action if applied is done[-1] else Action.REMOVE,
                entity_type=applied.entity_type,
                entity_id=applied.entity_id,
                jurisdiction_id=t.jurisdiction.id,
                authority_id=applied.authority.id if applied.authority else None,
                before=applied.before,
                after=applied.after,
                reason=reason,
                change_request_id=change_request_id,
                now=now,
            )
        )
    last: Applied = done[-1]
    return Outcome(
        status=ChangeStatus.APPLIED,
        change_request=None,
        revisions=revisions,
        authority_id=last.authority.id if last.authority else None,
        authority_version=last.authority.version if last.authority else None,
        entity_id=last.entity_id,
    )


def _action(change: i.Change) -> Action:
    name = type(change).__name__
    for prefix, action in (
        ("Create", Action.CREATE),
        ("Update", Action.UPDATE),
        ("Retire", Action.RETIRE),
    ):
        if name.startswith(prefix):
            return action
    return Action.REMOVE


async def submit(
    session: AsyncSession,
    principal: Principal,
    change: i.Change,
    *,
    settings: Settings,
    reason: str | None = None,
    now: dt.datetime | None = None,
) -> Outcome:
    """Authorize, validate and version-check ``change``; apply it or queue it for review
    (``settings.publish_without_review`` applies State editors' writes at once).

    Raises PermissionDenied, NotFound, InputErrors (every bad value), Conflict (stale
    ``expected_version`` or a retired authority). Nothing is written when it raises.
    """
    now = now or utcnow()
    expected = getattr(change, "expected_version", None)
    clean, t = await _prepare(session, principal, change, expected)
    if principal.role is Role.SECRETARIAT or settings.publish_without_review:
        return await _apply(
            session, principal, clean, t, reason=reason, change_request_id=None, now=now
        )
    request = ChangeRequest(
        kind=i.KIND_OF[type(clean)].value,
        status=ChangeStatus.PENDING,
        jurisdiction_id=t.jurisdiction.id,
        authority_id=t.authority.id if t.authority else None,
        base_version=t.authority.version if t.authority else None,
        payload=i.to_payload(clean),
        note=reason,
        submitted_by=principal.actor,
        submitted_token_id=principal.token_id,
        submitted_at=now,
    )
    session.add(request)
    await session.flush()
    return Outcome(
        ChangeStatus.PENDING, request, [], request.authority_id, request.base_version, None
    )


async def _pending(session: AsyncSession, principal: Principal, request_id: int) -> ChangeRequest:
    principal.require(Permission.CHANGE_REVIEW)
    request = await session.get(ChangeRequest, request_id, with_for_update=True)
    if request is None:
        raise NotFound("change request", request_id)
    if request.status is not ChangeStatus.PENDING:
        raise Conflict(
            f"change request {request_id} is already {request.status.value} "
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
    change = i.from_payload(request.payload)
    clean, t = await _prepare(session, principal, change, request.base_version)
    outcome = await _apply(
        session,
        principal,
        clean,
        t,
        reason=reason or request.note,
        change_request_id=request.id,
        now=now,
    )
    request.status = ChangeStatus.APPLIED
    request.reviewed_by = principal.actor
    request.reviewed_at = now
    request.review_reason = reason
    await session.flush()
    return dataclasses_replace(outcome, change_request=request)


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
    request.status = ChangeStatus.REJECTED
    request.reviewed_by = principal.actor
    request.reviewed_at = now or utcnow()
    request.review_reason = reason.strip()
    await session.flush()
    return request


async def change_requests(
    session: AsyncSession, principal: Principal, *, status: ChangeStatus | None = None
) -> Sequence[ChangeRequest]:
    """Reviewers see every request; State editors see those of their jurisdictions."""
    stmt = select(ChangeRequest).order_by(ChangeRequest.id)
    if status is not None:
        stmt = stmt.where(ChangeRequest.status == status)
    if not principal.has(Permission.CHANGE_REVIEW):
        if principal.role is not Role.STATE_EDITOR:
            principal.require(Permission.CHANGE_READ)
        stmt = stmt.where(ChangeRequest.jurisdiction_id.in_(principal.scope))
    return (await session.scalars(stmt)).all()
