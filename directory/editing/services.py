"""The write pipeline: authorize, validate, check the version, then apply or queue.

    submit(change)   a SECRETARIAT write (or any permitted write when the deployment
                     publishes without review) applies at once; a STATE_EDITOR's write
                     becomes a PENDING change request

The review of pending requests (approve, reject, list) is in ``review``; it goes through
this module's ``prepare`` and ``apply``, so an approved change is checked as a direct one.

Every applied change writes its revisions in the same transaction. Services flush and
never commit: the caller owns the transaction (one per request or CLI command).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from directory.accounts.permissions import Permission, Principal, Role
from directory.audit.models import Action, Revision
from directory.audit.services import record
from directory.authorities.models import Authority
from directory.config import Settings
from directory.db import utcnow
from directory.editing import authorities, authority_checks, rule_checks, rules, storable
from directory.editing import inputs as i
from directory.editing import validation as v
from directory.editing.common import Applied, Target, check_active, check_version, touch
from directory.editing.models import ChangeRequest, ChangeStatus

__all__ = [
    "Outcome",
    "apply",
    "prepare",
    "submit",
]


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
    # the authority's row as the write left it (the answer is built from it, not re-read)
    authority: Authority | None = None
    # the row the change created or changed, as the write left it (None: removed, or pending)
    entity: object | None = None


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


async def prepare(
    session: AsyncSession, principal: Principal, change: i.Change, expected: int | None
) -> tuple[i.Change, Target]:
    """Authorize, validate and version-check ``change``: its clean form and its target."""
    if Permission.AUTHORITY_WRITE not in principal.permissions:
        principal.require(Permission.AUTHORITY_WRITE)  # before revealing what exists
    t = await _target(session, change)
    # a rule of an art. 18(14) notification is a treaty fact, the secretariat's to change
    permission = Permission.NOTIFICATION_WRITE if t.notification_id else Permission.AUTHORITY_WRITE
    principal.require(permission, t.jurisdiction.id, jurisdiction_code=t.jurisdiction.code)
    clean = await _validate(session, change, t)
    storable.check(clean)  # at submission, so that no queued change is poisoned
    _check_state(clean, t, expected)
    return clean, t


async def apply(
    session: AsyncSession,
    principal: Principal,
    change: i.Change,
    t: Target,
    *,
    reason: str | None,
    change_request_id: int | None,
    now: dt.datetime,
) -> Outcome:
    """Apply a prepared change and record one revision per row it touched."""
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
                action=applied.action or (action if applied is done[-1] else Action.REMOVE),
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
        authority=last.authority,
        entity=last.row,
    )


def _action(change: i.Change) -> Action:
    """The change's own action (a designation's rules removed with it are REMOVE)."""
    match change:
        case i.CreateAuthority():
            return Action.CREATE
        case i.UpdateAuthority():
            return Action.UPDATE
        case i.RetireAuthority():
            return Action.RETIRE
        case _:
            return rules.KINDS[type(change)].action


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

    Raises PermissionDenied, NotFound, InputErrors (every bad value; a ``reason`` over
    2000 characters), Conflict (stale
    ``expected_version`` or a retired authority). Nothing is written when it raises.
    """
    now = now or utcnow()
    expected = getattr(change, "expected_version", None)
    clean, t = await prepare(session, principal, change, expected)
    reason = v.reason(reason)
    if principal.role is Role.SECRETARIAT or settings.publish_without_review:
        return await apply(
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
        ChangeStatus.PENDING,
        request,
        [],
        request.authority_id,
        request.base_version,
        None,
        authority=t.authority,
    )
