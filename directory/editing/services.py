"""The write pipeline: authorize, validate, check the version, then apply or queue.

    submit(change)   a SECRETARIAT write (or any permitted write when the deployment
                     publishes without review) applies at once; a STATE_EDITOR's write
                     becomes a PENDING change request
    propose(changes) several changes as one: applied together, or one change request
                     (checked by applying them in a savepoint rolled back at once)
    run(changes)     apply changes in order, resolving the placeholder ids by which a
                     later change names what an earlier one creates (``inputs.ref``)

The review of pending requests (approve, reject, list) is in ``review``; it goes through
this module's ``prepare`` and ``apply``, so an approved change is checked as a direct one.

Every applied change writes its revisions in the same transaction. Services flush and
never commit: the caller owns the transaction (one per request or CLI command).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from directory.accounts.permissions import Permission, Principal, Role
from directory.audit.models import Action, Revision
from directory.audit.services import record
from directory.authorities.models import Authority
from directory.config import Settings
from directory.db import utcnow
from directory.editing import authorities, authority_checks, merge, rule_checks, rules, storable
from directory.editing import inputs as i
from directory.editing import validation as v
from directory.editing.common import Applied, Target, check_active, check_version, touch
from directory.editing.models import ChangeRequest, ChangeStatus
from directory.errors import Conflict, DirectoryError, InvalidInput

__all__ = [
    "MAX_CHANGES",
    "Conflicted",
    "Outcome",
    "apply",
    "combined",
    "prepare",
    "propose",
    "run",
    "submit",
]

MAX_CHANGES = 100  # in one change request


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
    # (entity type, key) of each object the changes created or changed, in order: an
    # authority by its key (known before approval), any other row by its id (None while
    # pending)
    objects: Sequence[tuple[str, int | str | None]] = field(default_factory=list)
    # a batch: the outcome of each change, in order
    items: Sequence[Outcome] = field(default_factory=list)


class Conflicted(Exception):
    """Raised inside ``run``: a change's fields moved since it was made."""

    def __init__(self, conflicts: list[dict[str, Any]]) -> None:
        super().__init__(f"{len(conflicts)} conflicting field(s)")
        self.conflicts = conflicts


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


@dataclass
class Versions:
    """How ``prepare`` checks versions: ``merging`` (approval of a request that records its
    base values) checks none; otherwise a change names the version its authority had before
    the batch it is part of (``before``), and an authority the batch created (``fresh``)
    needs none."""

    merging: bool = False
    before: dict[int, int] = field(default_factory=dict)
    fresh: set[int] = field(default_factory=set)

    def check(self, t: Target, expected: int | None) -> None:
        a = t.authority
        if a is None:
            return
        check_active(a)
        if self.merging or a.id in self.fresh:
            return
        if a.id in self.before and expected == self.before[a.id]:
            return
        check_version(a, expected)


async def prepare(
    session: AsyncSession,
    principal: Principal,
    change: i.Change,
    expected: int | None,
    versions: Versions | None = None,
) -> tuple[i.Change, Target]:
    """Authorize, validate and version-check ``change``: its clean form (an update filled
    from its row, a new authority with its key) and its target."""
    versions = versions or Versions()
    if Permission.AUTHORITY_WRITE not in principal.permissions:
        principal.require(Permission.AUTHORITY_WRITE)  # before revealing what exists
    change = await merge.fill(session, change)  # what the target is found by, too
    t = await _target(session, change)
    # a rule of an art. 18(14) notification is a treaty fact, the secretariat's to change
    permission = Permission.NOTIFICATION_WRITE if t.notification_id else Permission.AUTHORITY_WRITE
    principal.require(permission, t.jurisdiction.id, jurisdiction_code=t.jurisdiction.code)
    clean = await _validate(session, change, t)
    storable.check(clean)  # at submission, so that no queued change is poisoned
    versions.check(t, expected)
    if isinstance(clean, i.CreateAuthority):
        clean = await _keyed(session, clean, t, replace_taken=versions.merging)
    return clean, t


async def _keyed(
    session: AsyncSession, change: i.CreateAuthority, t: Target, *, replace_taken: bool
) -> i.CreateAuthority:
    """A new authority with its key fixed, so that its global ID is known before approval
    (taken since, at approval: a new one)."""
    if change.key is not None and not (
        replace_taken and await authorities.key_taken(session, change.key)
    ):
        return change
    key = await authorities.unique_key(session, t.jurisdiction, change.names[0].name)
    return dataclasses.replace(change, key=key)


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
    key: int | str | None = last.entity_id
    if last.entity_type == "authority" and last.authority is not None:
        key = last.authority.key
    return Outcome(
        status=ChangeStatus.APPLIED,
        change_request=None,
        revisions=revisions,
        authority_id=last.authority.id if last.authority else None,
        authority_version=last.authority.version if last.authority else None,
        entity_id=last.entity_id,
        authority=last.authority,
        entity=last.row,
        objects=[(last.entity_type, key)],
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
    kept = merge.cut(clean, change)
    base = await merge.base_of(session, kept, t)  # the fields it sets, as they are now
    request = ChangeRequest(
        kind=i.KIND_OF[type(clean)].value,
        status=ChangeStatus.PENDING,
        jurisdiction_id=t.jurisdiction.id,
        authority_id=t.authority.id if t.authority else None,
        base_version=t.authority.version if t.authority else None,
        payload=i.to_payload(kept, base),
        objects=[list(_pending_object(clean, t))],
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
        objects=[_pending_object(clean, t)],
    )


def _pending_object(change: i.Change, t: Target | None) -> tuple[str, int | str | None]:
    """What a pending change will create or change, as far as it is known before approval:
    an authority by its key, another row by its id; None for a row still to be created."""
    if isinstance(change, i.CreateAuthority):
        return "authority", change.key
    found = merge.entity_of(change)
    if found is not None and found[0] == "authority":
        return "authority", t.authority.key if t is not None and t.authority else None
    if found is not None:
        return found
    kind = rules.KINDS.get(type(change))
    return (kind.entity if kind else "authority", None)


def _resolve(change: i.Change, created: dict[int, int], index: int) -> i.Change:
    """``change`` with the placeholder ids of earlier changes' creations replaced by the
    ids they were given (``inputs.ref``)."""

    def real(placeholder: int | None, what: str, path: list[str | int]) -> int | None:
        k = i.ref_index(placeholder)
        if k is None:
            return placeholder
        if k >= index or k not in created:
            raise InvalidInput(
                f"change {index} names the {what} of change {k}, which is not an earlier "
                f"change of the batch creating one: name a {what} created before it",
                field=["input", "changes", index, *path],
            )
        return created[k]

    if isinstance(change, i.CreateDesignation):
        authority_id = real(change.authority_id, "authority", ["authority"])
        assert authority_id is not None
        change = dataclasses.replace(change, authority_id=authority_id)
    fields = getattr(change, "fields", None)
    if isinstance(fields, i.ChannelRuleFields | i.LanguageRuleFields) and i.is_set(
        fields.designation_id
    ):
        d = real(fields.designation_id, "designation", ["fields", "designation"])
        change = i.with_fields(change, dataclasses.replace(fields, designation_id=d))
    return change


def _unresolve(clean: i.Change, given: i.Change) -> i.Change:
    """``clean`` with the placeholder ids ``given`` had put back (stored in the request)."""
    if isinstance(clean, i.CreateDesignation) and isinstance(given, i.CreateDesignation):
        clean = dataclasses.replace(clean, authority_id=given.authority_id)
    fields = getattr(clean, "fields", None)
    given_fields = getattr(given, "fields", None)
    if (
        isinstance(fields, i.ChannelRuleFields | i.LanguageRuleFields)
        and given_fields is not None
        and i.ref_index(getattr(given_fields, "designation_id", None)) is not None
    ):
        clean = i.with_fields(
            clean, dataclasses.replace(fields, designation_id=given_fields.designation_id)
        )
    return clean


@dataclass
class Run:
    """What ``run`` did: each change's outcome and its stored form."""

    outcomes: list[Outcome]
    items: list[dict[str, Any]]
    jurisdiction_id: int | None
    authority_ids: set[int]
    creations: list[bool]  # each change: does it create a row?


async def run(
    session: AsyncSession,
    principal: Principal,
    changes: Sequence[i.Change],
    *,
    bases: Sequence[dict[str, Any] | None] | None = None,
    batch: bool = False,
    reason: str | None,
    change_request_id: int | None,
    now: dt.datetime,
) -> Run:
    """Prepare and apply ``changes`` in order. With ``bases`` (approval of a request that
    recorded them) versions are not checked but each change is merged: Conflicted when a
    field it sets moved since. Without, each change's stored form records its base.
    ``batch``: an error names the change it is about (``input.changes.N.<kind>``)."""
    versions = Versions(merging=bases is not None)
    created: dict[int, int] = {}
    outcomes: list[Outcome] = []
    items: list[dict[str, Any]] = []
    jurisdiction_id: int | None = None
    authority_ids: set[int] = set()
    for index, given in enumerate(changes):
        try:
            outcome, stored, t = await _one(
                session, principal, given, index, created, versions, bases,
                reason=reason, change_request_id=change_request_id, now=now,
            )  # fmt: skip
        except DirectoryError as exc:
            if batch:
                _locate(exc, index, given)
            raise
        authority_ids.update(a.id for a in (t.authority, t.previous_authority) if a is not None)
        jurisdiction_id = jurisdiction_id or t.jurisdiction.id
        if outcome.entity_id is not None:
            created[index] = outcome.entity_id
        if isinstance(given, i.CreateAuthority) and outcome.authority is not None:
            versions.fresh.add(outcome.authority.id)
        outcomes.append(outcome)
        items.append(stored)
    creations = [isinstance(c, i.CreateAuthority | i.Creation) for c in changes]
    return Run(outcomes, items, jurisdiction_id, authority_ids, creations)


async def _one(
    session: AsyncSession,
    principal: Principal,
    given: i.Change,
    index: int,
    created: dict[int, int],
    versions: Versions,
    bases: Sequence[dict[str, Any] | None] | None,
    *,
    reason: str | None,
    change_request_id: int | None,
    now: dt.datetime,
) -> tuple[Outcome, dict[str, Any], Target]:
    """Prepare, merge-check and apply change ``index`` of a run; its stored form."""
    change = _resolve(given, created, index)
    clean, t = await prepare(
        session, principal, change, getattr(change, "expected_version", None), versions
    )
    for a in (t.authority, t.previous_authority):
        if a is not None:  # the version a later change of the batch names
            versions.before.setdefault(a.id, a.version)
    kept = _unresolve(merge.cut(clean, change), given)
    if bases is not None:
        stored = i.to_payload(kept)
        found = await merge.conflicts(session, kept, t, bases[index], stored["input"])
        if found:
            raise Conflicted([{"change": index, **c} for c in found])
    else:
        stored = i.to_payload(kept, await merge.base_of(session, kept, t))
    outcome = await apply(
        session, principal, clean, t, reason=reason, change_request_id=change_request_id, now=now
    )
    return outcome, stored, t


def _locate(exc: DirectoryError, index: int, change: i.Change) -> None:
    """Put the path of change ``index`` of a batch in front of the error's field paths."""
    kind = i.KIND_OF[type(change)].value.lower().split("_")
    name = kind[0] + "".join(w.title() for w in kind[1:])
    for problem in [exc, *getattr(exc, "problems", [])]:
        field = getattr(problem, "field", None)
        if isinstance(field, list) and field[:1] == ["input"] and field[1:2] != ["changes"]:
            problem.field = ["input", "changes", index, name, *field[1:]]
        if isinstance(problem, DirectoryError) and not problem.message.startswith("change "):
            problem.message = f"change {index} ({name}): {problem.message}"
            problem.args = (problem.message,)


def combined(outcomes: Sequence[Outcome], request: ChangeRequest | None = None) -> Outcome:
    """One outcome for a batch applied together."""
    last = outcomes[-1]
    return Outcome(
        ChangeStatus.APPLIED,
        request,
        [r for o in outcomes for r in o.revisions],
        last.authority_id,
        last.authority_version,
        last.entity_id,
        authority=last.authority,
        entity=last.entity,
        objects=[obj for o in outcomes for obj in o.objects],
        items=list(outcomes),
    )


def _check_batch(changes: Sequence[i.Change]) -> None:
    if not changes:
        raise InvalidInput(
            "no change given: send at least one in `changes`", field=["input", "changes"]
        )
    if len(changes) > MAX_CHANGES:
        raise InvalidInput(
            f"{len(changes)} changes in one request: send at most {MAX_CHANGES}, "
            "in several requests",
            field=["input", "changes"],
        )


async def propose(
    session: AsyncSession,
    principal: Principal,
    changes: Sequence[i.Change],
    *,
    settings: Settings,
    reason: str | None = None,
    now: dt.datetime | None = None,
) -> Outcome:
    """Several changes as one: applied together, in order, when the caller's writes apply at
    once; otherwise one PENDING change request holding them all, checked first by applying
    them in a savepoint that is rolled back (so that what a change names of an earlier one —
    ``inputs.ref`` — is checked as approval will). Nothing is written when it raises."""
    now = now or utcnow()
    _check_batch(changes)
    reason = v.reason(reason)
    if principal.role is Role.SECRETARIAT or settings.publish_without_review:
        done = await run(
            session, principal, changes, batch=True, reason=reason, change_request_id=None, now=now
        )
        return combined(done.outcomes)
    savepoint = await session.begin_nested()
    try:
        done = await run(
            session, principal, changes, batch=True, reason=reason, change_request_id=None, now=now
        )
    finally:
        await savepoint.rollback()
    if done.jurisdiction_id is None:
        raise Conflict("the changes name no jurisdiction")
    only = next(iter(done.authority_ids)) if len(done.authority_ids) == 1 else None
    objects = [
        (entity, None if creation and entity != "authority" else key)
        for (entity, key), creation in zip(
            [o.objects[-1] for o in done.outcomes], done.creations, strict=True
        )
    ]
    request = ChangeRequest(
        kind=i.BATCH,
        status=ChangeStatus.PENDING,
        jurisdiction_id=done.jurisdiction_id,
        authority_id=only,
        base_version=None,
        payload=i.batch_payload(done.items),
        objects=[list(o) for o in objects],
        note=reason,
        submitted_by=principal.actor,
        submitted_token_id=principal.token_id,
        submitted_at=now,
    )
    session.add(request)
    await session.flush()
    return Outcome(ChangeStatus.PENDING, request, [], only, None, None, objects=objects)
