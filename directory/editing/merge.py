"""Several pending changes on one entry: partial updates and the three-way merge.

A designation or rule update sets some fields and leaves the others ``UNSET``. Before it is
validated it is filled from the row (``fill``), so that the checks see the row as it will
be; it is stored cut back to the fields it sets (``cut``), with the values those fields had
when the editor made it (``base_of``). Approval fills it again from the row as it is then:
fields changed by other, already applied, requests are kept. It conflicts only when one of
the fields it sets has moved since (``conflicts``); a removal conflicts when anything of the
row moved. Authority updates are partial already (``None`` = unchanged) and merge the same
way, field by field, over the authority's snapshot (its text fields, names, contacts,
office hours).

Sources are not merged: a change that cites sources replaces the row's citations.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from directory.audit.snapshot import authority_snapshot, row_snapshot
from directory.authorities.models import ChannelRule, Designation, LanguageRule
from directory.authorities.requirements import Requirement
from directory.editing import inputs as i
from directory.editing.common import Target
from directory.treaties.models import Instrument, Jurisdiction

Row = Designation | ChannelRule | LanguageRule | Requirement

_MODEL: dict[type, type[Row]] = {
    i.UpdateDesignation: Designation,
    i.RemoveDesignation: Designation,
    i.UpdateChannelRule: ChannelRule,
    i.RemoveChannelRule: ChannelRule,
    i.UpdateLanguageRule: LanguageRule,
    i.RemoveLanguageRule: LanguageRule,
    i.UpdateRequirement: Requirement,
    i.RemoveRequirement: Requirement,
}
# input fields that name a row by its code; the row holds its id
_CODED: dict[str, type[Instrument] | type[Jurisdiction]] = {
    "instrument": Instrument,
    "territory": Jurisdiction,
    "requesting": Jurisdiction,
}
_PROVENANCE = ("sources", "source_ids", "verification")  # kept by the write unless given
_AUTHORITY_FIELDS = (
    "names",
    "street_address",
    "city",
    "postal_code",
    "website",
    "time_zone",
    "office_hours",
    "contacts",
    "notes",
)


def entity_of(change: i.Change) -> tuple[str, int] | None:
    """The entity type and id of the stored row ``change`` changes; None for a creation."""
    match change:
        case i.UpdateAuthority() | i.RetireAuthority():
            return "authority", change.authority_id
        case i.UpdateDesignation() | i.RemoveDesignation():
            return "designation", change.designation_id
        case i.UpdateChannelRule() | i.RemoveChannelRule():
            return "channel_rule", change.rule_id
        case i.UpdateLanguageRule() | i.RemoveLanguageRule():
            return "language_rule", change.rule_id
        case i.UpdateRequirement() | i.RemoveRequirement():
            return "requirement", change.requirement_id
    return None


def column_of(row: object, name: str) -> str | None:
    """The row's column an input field is stored in (``subject`` → ``subject_code``)."""
    for candidate in (name, f"{name}_code", f"{name}_id"):
        if candidate in row.__table__.c:  # type: ignore[attr-defined]
            return candidate
    return None


async def _row(session: AsyncSession, change: i.Change) -> Row | None:
    model = _MODEL.get(type(change))
    found = entity_of(change)
    if model is None or found is None:
        return None
    return await session.get(model, found[1])


async def _stored_value(session: AsyncSession, row: Row, name: str) -> Any:
    column = column_of(row, name)
    if column is None:
        return None
    value = getattr(row, column)
    coded = _CODED.get(name)
    if coded is not None and column.endswith("_id"):
        if value is None:
            return None
        referenced = await session.get(coded, value)
        code: str | None = getattr(referenced, "code", None)
        return code
    return value


async def fill(session: AsyncSession, change: i.Change) -> i.Change:
    """A designation or rule update with every UNSET field taken from the row (its
    provenance fields become None: kept by the write). Other changes come back as given."""
    if not isinstance(change, i.Update):
        return change
    row = await _row(session, change)
    if row is None:  # the target's check names the missing row
        return change
    values: dict[str, Any] = {}
    for f in dataclasses.fields(change.fields):
        given = getattr(change.fields, f.name)
        if i.is_set(given):
            values[f.name] = given
        elif f.name in _PROVENANCE:
            values[f.name] = None
        else:
            values[f.name] = await _stored_value(session, row, f.name)
    return i.with_fields(change, type(change.fields)(**values))


def cut(clean: i.Change, given: i.Change) -> i.Change:
    """``clean`` (filled and validated) with only the fields ``given`` sets."""
    if not isinstance(clean, i.Update) or not isinstance(given, i.Update):
        return clean
    keep = set(i.set_fields(given.fields))
    values = {
        f.name: getattr(clean.fields, f.name) if f.name in keep else i.UNSET
        for f in dataclasses.fields(clean.fields)
    }
    return i.with_fields(clean, type(clean.fields)(**values))


def _touched(change: i.Change) -> list[str] | None:
    """The input fields a change sets; None: the whole row (a removal)."""
    match change:
        case i.UpdateAuthority():
            return [f for f in _AUTHORITY_FIELDS if getattr(change, f) is not None]
        case _ if isinstance(change, i.Update):
            return [f for f in i.set_fields(change.fields) if f not in _PROVENANCE]
    return None


async def _values(
    session: AsyncSession, change: i.Change, t: Target, fields: list[str] | None
) -> dict[str, Any] | None:
    """The stored values of ``fields`` (every column when None) of what ``change`` changes;
    None when it no longer exists."""
    if isinstance(change, i.UpdateAuthority):
        if t.authority is None:
            return None
        snap = await authority_snapshot(session, t.authority)
        return {f: snap.get(f) for f in fields or ()}
    row = await _row(session, change)
    if row is None:
        return None
    snap = row_snapshot(row)
    if fields is None:
        return snap
    out: dict[str, Any] = {}
    for f in fields:
        column = column_of(row, f)
        if column is not None:
            out[f] = snap.get(column)
    return out


def _mergeable(change: i.Change) -> bool:
    return isinstance(change, i.UpdateAuthority | i.Update | i.Removal)


async def base_of(session: AsyncSession, change: i.Change, t: Target) -> dict[str, Any] | None:
    """What the fields ``change`` sets hold now: what approval compares against."""
    if not _mergeable(change):
        return None
    return await _values(session, change, t, _touched(change))


async def conflicts(
    session: AsyncSession,
    change: i.Change,
    t: Target,
    base: dict[str, Any] | None,
    proposed: dict[str, Any],
) -> list[dict[str, Any]]:
    """The fields ``change`` sets that moved since ``base`` was read: each with its base,
    current and proposed value (``field`` None: the row is gone)."""
    if base is None or not _mergeable(change):
        return []
    entity = entity_of(change)
    assert entity is not None
    now = await _values(session, change, t, list(base) if _touched(change) is not None else None)
    if now is None:
        return [
            {"entity": entity[0], "entity_id": entity[1], "field": None, "base": None,
             "current": None, "proposed": None}
        ]  # fmt: skip
    fields = proposed.get("fields", proposed)
    return [
        {
            "entity": entity[0],
            "entity_id": entity[1],
            "field": name,
            "base": value,
            "current": now.get(name),
            "proposed": fields.get(name) if isinstance(fields, dict) else None,
        }
        for name, value in base.items()
        if now.get(name) != value
    ]
