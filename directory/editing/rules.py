"""Designations, channel rules and language rules: targets and application (their
validation is in ``rule_checks``).

A designation belongs to an authority; changing it moves that authority's version. A rule
belongs to a jurisdiction and may hang off one designation; then it, too, is part of that
authority's entry and moves its version. Removing a designation removes its rules, each
with its own revision.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.audit.models import Action
from directory.audit.snapshot import row_snapshot
from directory.authorities.models import (
    Authority,
    ChannelRule,
    Designation,
    LanguageRule,
    channel_rule_source,
    designation_source,
    language_rule_source,
)
from directory.authorities.requirements import Requirement, requirement_source
from directory.editing import inputs as i
from directory.editing import sources
from directory.editing.common import (
    Applied,
    Target,
    jurisdiction_by_code,
    jurisdiction_by_id,
    locked_authority,
    touch,
)
from directory.enums import Verification
from directory.errors import NotFound
from directory.treaties.models import Instrument, Jurisdiction, Source

Row = Designation | ChannelRule | LanguageRule | Requirement
_R = TypeVar("_R", bound=Designation | ChannelRule | LanguageRule | Requirement)


@dataclass(frozen=True)
class Kind:
    """What a designation or rule change touches: the revision's entity type, the model of
    the row, and the change's own action."""

    entity: str
    model: type[Row]
    action: Action


# a registry keyed by the change's type: the one place that says what each change is
KINDS: dict[type, Kind] = {
    i.CreateDesignation: Kind("designation", Designation, Action.CREATE),
    i.UpdateDesignation: Kind("designation", Designation, Action.UPDATE),
    i.RemoveDesignation: Kind("designation", Designation, Action.REMOVE),
    i.CreateChannelRule: Kind("channel_rule", ChannelRule, Action.CREATE),
    i.UpdateChannelRule: Kind("channel_rule", ChannelRule, Action.UPDATE),
    i.RemoveChannelRule: Kind("channel_rule", ChannelRule, Action.REMOVE),
    i.CreateLanguageRule: Kind("language_rule", LanguageRule, Action.CREATE),
    i.UpdateLanguageRule: Kind("language_rule", LanguageRule, Action.UPDATE),
    i.RemoveLanguageRule: Kind("language_rule", LanguageRule, Action.REMOVE),
    # a legal requirement: a fact of the whole jurisdiction, edited like a general rule
    i.CreateRequirement: Kind("requirement", Requirement, Action.CREATE),
    i.UpdateRequirement: Kind("requirement", Requirement, Action.UPDATE),
    i.RemoveRequirement: Kind("requirement", Requirement, Action.REMOVE),
}


_DESIGNATION = ["input", "designation"]
_RULE = ["input", "rule"]
_REQUIREMENT = ["input", "requirement"]
_RULE_DESIGNATION = ["input", "fields", "designation"]  # the designation a rule hangs off


async def _get(
    session: AsyncSession, model: type[_R], kind: str, key: int, field: list[str] | None = None
) -> _R:
    found = await session.get(model, key)
    if found is None:
        raise NotFound(kind, key, field=field or [])
    return found


async def target(session: AsyncSession, change: i.Change) -> Target:
    match change:
        case i.CreateDesignation():
            authority = await locked_authority(session, change.authority_id)
        case i.UpdateDesignation() | i.RemoveDesignation():
            d = await _get(session, Designation, "designation", change.designation_id, _DESIGNATION)
            authority = await locked_authority(session, d.authority_id)
        case i.CreateChannelRule() | i.CreateLanguageRule():
            j = await jurisdiction_by_code(session, change.jurisdiction)
            d_id = change.fields.designation_id
            return Target(
                j,
                await _authority_of(session, d_id) if d_id is not None else None,
                notification_id=getattr(change.fields, "notification_id", None),
            )
        case i.UpdateChannelRule() | i.RemoveChannelRule():
            return await _existing_rule_target(session, change, ChannelRule)
        case i.UpdateLanguageRule() | i.RemoveLanguageRule():
            return await _existing_rule_target(session, change, LanguageRule)
        case i.CreateRequirement():
            return Target(await jurisdiction_by_code(session, change.jurisdiction))
        case i.UpdateRequirement() | i.RemoveRequirement():
            found = await _get(
                session, Requirement, "requirement", change.requirement_id, _REQUIREMENT
            )
            return Target(await jurisdiction_by_id(session, found.jurisdiction_id))
        case _:
            raise TypeError(f"not a designation or rule change: {type(change).__name__}")
    return Target(await jurisdiction_by_id(session, authority.jurisdiction_id), authority)


async def _existing_rule_target(
    session: AsyncSession, change: i.RuleEdit, model: type[ChannelRule] | type[LanguageRule]
) -> Target:
    rule: ChannelRule | LanguageRule = await _get(
        session, model, model.__tablename__.replace("_", " "), change.rule_id, _RULE
    )
    fields = getattr(change, "fields", None)
    j = await jurisdiction_by_id(session, rule.jurisdiction_id)
    return await _rule_target(
        session,
        j,
        current=rule.designation_id,
        wanted=fields.designation_id if fields else None,
        # a rule that is, or will become, part of a notification's list is a treaty fact
        notification_id=getattr(fields, "notification_id", None)
        or getattr(rule, "notification_id", None),
    )


async def _authority_of(session: AsyncSession, designation_id: int) -> Authority:
    d = await _get(session, Designation, "designation", designation_id, _RULE_DESIGNATION)
    return await locked_authority(session, d.authority_id)


async def _rule_target(
    session: AsyncSession,
    j: Jurisdiction,
    *,
    current: int | None,
    wanted: int | None,
    notification_id: int | None,
) -> Target:
    """The target of a change to an existing rule: the authority of the designation it will
    hang off (its current one when the input names none).

    A rule moved to another authority's designation changes two entries. Both are locked
    (in id order, so that two opposite moves cannot deadlock), both versions move, and
    each history gets a revision: the old entry's shows the rule leaving, the new one's it
    arriving. Refusing the move (remove and recreate) would also keep the entries honest,
    but would cut the rule's own history in two; recording both sides keeps it whole."""
    d_id = wanted if wanted is not None else current
    if d_id is None:
        return Target(j, None, notification_id=notification_id)
    field = _RULE_DESIGNATION if wanted is not None else None
    new_id = (await _get(session, Designation, "designation", d_id, field)).authority_id
    old_id = None
    if current is not None and wanted is not None and current != wanted:
        old_id = (await _get(session, Designation, "designation", current)).authority_id
    if old_id is None or old_id == new_id:
        authority = await locked_authority(session, new_id)
        return Target(j, authority, notification_id=notification_id)
    locked = {a: await locked_authority(session, a) for a in sorted((old_id, new_id))}
    return Target(
        j, locked[new_id], notification_id=notification_id, previous_authority=locked[old_id]
    )


async def _refs(session: AsyncSession, f: i.RuleFields) -> dict[str, object]:
    """Model column values from the codes of an input."""
    out: dict[str, object] = {}
    if hasattr(f, "instrument"):
        code = getattr(f, "instrument", None)
        out["instrument_id"] = (
            await session.scalar(select(Instrument.id).where(Instrument.code == code))
            if code
            else None
        )
    if hasattr(f, "requesting"):
        code = getattr(f, "requesting", None)
        out["requesting_id"] = (
            await session.scalar(select(Jurisdiction.id).where(Jurisdiction.code == code))
            if code
            else None
        )
    if isinstance(f, i.DesignationFields):
        out["territory_id"] = (
            await session.scalar(select(Jurisdiction.id).where(Jurisdiction.code == f.territory))
            if f.territory
            else None
        )
    return out


_CITATIONS: dict[type, tuple[Table, str]] = {
    Designation: (designation_source, "designation_id"),
    ChannelRule: (channel_rule_source, "channel_rule_id"),
    LanguageRule: (language_rule_source, "language_rule_id"),
    Requirement: (requirement_source, "requirement_id"),
}


async def _provenance(
    session: AsyncSession,
    model: type[Row],
    row_id: int | None,
    f: i.RuleFields,
    claimed: Verification | None,
) -> tuple[Verification, list[Source] | None]:
    """The verification the row will have, and the sources to cite (None: keep them)."""
    citations, fk = _CITATIONS[model]
    return await sources.provenance(
        session,
        citations,
        fk,
        row_id,
        given=f.sources,
        ids=f.source_ids,
        claimed=claimed,
        field=["input", "fields"],
    )


async def _cite(session: AsyncSession, row: Row, named: list[Source] | None) -> None:
    if named is not None:
        citations, fk = _CITATIONS[type(row)]
        await sources.cite(session, citations, fk, row.id, named)


def _columns(f: i.RuleFields) -> dict[str, Any]:
    data = dataclasses.asdict(f)
    for provenance in ("sources", "source_ids", "verification"):  # set by _provenance
        data.pop(provenance)
    for ref in ("instrument", "territory", "requesting"):  # set by _refs
        data.pop(ref, None)
    for old, new in (
        ("subject", "subject_code"),
        ("stage", "stage_code"),
        ("matter", "matter_code"),
        ("channel", "channel_code"),
        ("measure", "measure_code"),
        ("requesting_group", "requesting_group_code"),
        ("kind", "kind_code"),
    ):
        if old in data:
            data[new] = data.pop(old)
    return data


async def apply(
    session: AsyncSession, change: i.Change, t: Target, now: dt.datetime
) -> list[Applied]:
    """Apply a designation or rule change; one Applied per row touched."""
    kind = KINDS[type(change)]
    match kind.action:
        case Action.CREATE:
            assert isinstance(change, i.Creation)  # what KINDS says of its type
            return await _create(session, change, kind, t, now)
        case Action.UPDATE:
            assert isinstance(change, i.Update)
            return await _update(session, change, kind, t, now)
        case _:
            assert isinstance(change, i.Removal)
            return await _remove(session, change, kind, t)


def _key(change: i.Update | i.Removal) -> int:
    if isinstance(change, i.UpdateDesignation | i.RemoveDesignation):
        return change.designation_id
    if isinstance(change, i.UpdateRequirement | i.RemoveRequirement):
        return change.requirement_id
    return change.rule_id


async def _create(
    session: AsyncSession, change: i.Creation, kind: Kind, t: Target, now: dt.datetime
) -> list[Applied]:
    verification, named = await _provenance(
        session, kind.model, None, change.fields, change.fields.verification
    )
    row = kind.model(
        **_columns(change.fields),
        **(await _refs(session, change.fields)),
        verification=verification,
        created_at=now,
        updated_at=now,
    )
    if isinstance(change, i.CreateDesignation):
        assert isinstance(row, Designation)
        row.authority_id = change.authority_id
    else:
        assert not isinstance(row, Designation)
        row.jurisdiction_id = t.jurisdiction.id
    session.add(row)
    await session.flush()
    await _cite(session, row, named or [])
    return [Applied(kind.entity, row.id, t.authority, None, row_snapshot(row), row=row)]


async def _update(
    session: AsyncSession, change: i.Update, kind: Kind, t: Target, now: dt.datetime
) -> list[Applied]:
    row = await _get(session, kind.model, kind.entity, _key(change))
    before = row_snapshot(row)
    verification, named = await _provenance(
        session, kind.model, row.id, change.fields, change.fields.verification or row.verification
    )
    columns = _columns(change.fields)
    if columns.get("notification_id", 0) is None:
        # an update that names no notification keeps the one the rule belongs to (moving
        # a rule out of a notification's list is removing it there: setNotification)
        del columns["notification_id"]
    for name, value in {**columns, **(await _refs(session, change.fields))}.items():
        setattr(row, name, value)
    row.verification = verification
    await _cite(session, row, named)
    row.updated_at = now
    await session.flush()
    after = row_snapshot(row)
    done = [Applied(kind.entity, row.id, t.authority, before, after, row=row)]
    if t.previous_authority is not None:  # moved: the entry it left changed too
        touch(t.previous_authority, now)
        await session.flush()
        done.insert(
            0, Applied(kind.entity, row.id, t.previous_authority, before, after, Action.UPDATE)
        )
    return done


async def _remove(session: AsyncSession, change: i.Removal, kind: Kind, t: Target) -> list[Applied]:
    row = await _get(session, kind.model, kind.entity, _key(change))
    before = row_snapshot(row)
    done: list[Applied] = []
    if kind.model is Designation:  # its rules go with it, each recorded
        rules: list[ChannelRule | LanguageRule] = [
            *await session.scalars(select(ChannelRule).where(ChannelRule.designation_id == row.id)),
            *await session.scalars(
                select(LanguageRule).where(LanguageRule.designation_id == row.id)
            ),
        ]
        for rule in rules:
            done.append(Applied(rule.__tablename__, rule.id, t.authority, row_snapshot(rule), None))
            await session.delete(rule)
        await session.flush()  # before the designation, whose delete would cascade to them
    done.append(Applied(kind.entity, row.id, t.authority, before, None))
    await session.delete(row)
    await session.flush()
    return done
