"""Designations, channel rules and language rules: targets, validation, application.

A designation belongs to an authority; changing it moves that authority's version. A rule
belongs to a jurisdiction and may hang off one designation; then it, too, is part of that
authority's entry and moves its version. Removing a designation removes its rules, each
with its own revision.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pycountry
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.audit.snapshot import row_snapshot
from directory.authorities.models import (
    ChannelKind,
    ChannelRule,
    Designation,
    LanguageRule,
    Matter,
    ProceduralStage,
)
from directory.editing import inputs as i
from directory.editing import validation as v
from directory.editing.common import (
    Applied,
    Target,
    jurisdiction_by_code,
    jurisdiction_by_id,
    locked_authority,
)
from directory.enums import ChannelPermission, Direction, JurisdictionKind, Verification
from directory.errors import NotFound
from directory.treaties.models import Instrument, Jurisdiction, Provision, Subject

_SUBDIVISION = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
RULE_MODEL = {"channel_rule": ChannelRule, "language_rule": LanguageRule}


async def _get(session: AsyncSession, model: type, kind: str, key: int):
    found = await session.get(model, key)
    if found is None:
        raise NotFound(kind, key)
    return found


async def target(session: AsyncSession, change: i.Change) -> Target:
    match change:
        case i.CreateDesignation():
            authority = await locked_authority(session, change.authority_id)
        case i.UpdateDesignation() | i.RemoveDesignation():
            d = await _get(session, Designation, "designation", change.designation_id)
            authority = await locked_authority(session, d.authority_id)
        case i.CreateChannelRule() | i.CreateLanguageRule():
            j = await jurisdiction_by_code(session, change.jurisdiction)
            d_id = change.fields.designation_id
            return Target(j, await _authority_of(session, d_id) if d_id else None)
        case _:
            model = ChannelRule if "Channel" in type(change).__name__ else LanguageRule
            rule = await _get(session, model, model.__tablename__.replace("_", " "), change.rule_id)
            fields = getattr(change, "fields", None)
            d_id = (fields.designation_id if fields else None) or rule.designation_id
            j = await jurisdiction_by_id(session, rule.jurisdiction_id)
            return Target(j, await _authority_of(session, d_id) if d_id else None)
    return Target(await jurisdiction_by_id(session, authority.jurisdiction_id), authority)


async def _authority_of(session: AsyncSession, designation_id: int):
    d = await _get(session, Designation, "designation", designation_id)
    return await locked_authority(session, d.authority_id)


async def _code(p: v.Problems, session: AsyncSession, path: list, model: type, code: str | None):
    if code is None:
        return None
    if await session.get(model, code) is None:
        known = list(await session.scalars(select(model.code).order_by(model.code)))
        p.add(
            path,
            code,
            f"{path[-1]} {code!r} is unknown: use one of {', '.join(known) or '(none loaded)'}",
        )
    return code


async def _instrument(p: v.Problems, session: AsyncSession, path: list, code: str | None) -> None:
    if (
        code is not None
        and await session.scalar(select(Instrument.id).where(Instrument.code == code)) is None
    ):
        p.add(path, code, f"instrument {code!r} is unknown: use a code such as 'UNTOC'")


def _enum(p: v.Problems, path: list, enum: type, value: object):
    try:
        return enum(value)
    except ValueError:
        p.add(
            path,
            value,
            f"{path[-1]} {value!r} is unknown: use one of {', '.join(m.value for m in enum)}",
        )
        return value


def _designation_in(p: v.Problems, path: list, t: Target, designation: Designation | None) -> None:
    if (
        designation is not None
        and t.authority is not None
        and t.authority.jurisdiction_id != t.jurisdiction.id
    ):
        p.add(
            path,
            designation.id,
            f"designation {designation.id} belongs to another jurisdiction: "
            f"use a designation of {t.jurisdiction.code}",
        )


async def validate_designation(session: AsyncSession, change: i.Change, t: Target) -> i.Change:
    if isinstance(change, i.RemoveDesignation):
        return change
    f: i.DesignationFields = change.fields
    p = v.Problems()
    path = ["fields"]
    await _code(p, session, [*path, "subject"], Subject, f.subject)
    await _code(p, session, [*path, "stage"], ProceduralStage, f.stage)
    await _code(p, session, [*path, "matter"], Matter, f.matter)
    if f.provision_id is not None and await session.get(Provision, f.provision_id) is None:
        p.add(
            [*path, "provision_id"],
            f.provision_id,
            "provision_id names no provision: omit it or use a provision's id",
        )
    if f.territory is not None:
        terr = await session.scalar(
            select(Jurisdiction).where(Jurisdiction.code == f.territory.upper())
        )
        if (
            terr is None
            or terr.kind is not JurisdictionKind.TERRITORY
            or terr.parent_id != t.jurisdiction.id
        ):
            p.add(
                [*path, "territory"],
                f.territory,
                f"territory {f.territory!r} is not a territory of "
                f"{t.jurisdiction.code}: use the alpha-3 of one of its territories, or omit it",
            )
    if f.subdivision is not None:
        sub = f.subdivision.upper()
        if (
            not _SUBDIVISION.match(sub)
            or pycountry.subdivisions.get(code=sub) is None
            or (t.jurisdiction.alpha2 and not sub.startswith(t.jurisdiction.alpha2 + "-"))
        ):
            p.add(
                [*path, "subdivision"],
                f.subdivision,
                f"subdivision {f.subdivision!r} is not an ISO 3166-2 "
                f"code of {t.jurisdiction.code}: use e.g. 'GB-SCT'",
            )
    clean = dataclasses.replace(
        f,
        direction=_enum(p, [*path, "direction"], Direction, f.direction),
        verification=_enum(p, [*path, "verification"], Verification, f.verification),
        priority=v.non_negative(p, [*path, "priority"], f.priority),
        designated_under=v.text(p, [*path, "designated_under"], f.designated_under, 1000),
        notes=v.text(p, [*path, "notes"], f.notes, 2000),
        territory=f.territory.upper() if f.territory else None,
        subdivision=f.subdivision.upper() if f.subdivision else None,
    )
    p.raise_if_any()
    return dataclasses.replace(change, fields=clean)


async def validate_rule(session: AsyncSession, change: i.Change, t: Target) -> i.Change:
    fields = getattr(change, "fields", None)
    if fields is None:
        return change
    p = v.Problems()
    path = ["fields"]
    if fields.designation_id is not None:
        d = await session.get(Designation, fields.designation_id)
        _designation_in(p, [*path, "designation_id"], t, d)
    await _code(p, session, [*path, "subject"], Subject, fields.subject)
    await _instrument(p, session, [*path, "instrument"], fields.instrument)
    common = {
        "verification": _enum(p, [*path, "verification"], Verification, fields.verification),
        "condition": v.text(
            p,
            [*path, "condition"],
            fields.condition,
            2000 if isinstance(fields, i.ChannelRuleFields) else 1000,
        ),
        "preference": v.non_negative(p, [*path, "preference"], fields.preference),
    }
    if isinstance(fields, i.ChannelRuleFields):
        await _code(p, session, [*path, "channel"], ChannelKind, fields.channel)
        common["permission"] = _enum(p, [*path, "permission"], ChannelPermission, fields.permission)
        days = fields.original_within_days
        if days is not None and (not isinstance(days, int) or days < 1):
            p.add(
                [*path, "original_within_days"],
                days,
                "original_within_days must be 1 or more, or omitted",
            )
    else:
        common["language"] = v.language(p, [*path, "language"], fields.language)
    p.raise_if_any()
    return dataclasses.replace(change, fields=dataclasses.replace(fields, **common))


async def _refs(session: AsyncSession, f: object) -> dict[str, object]:
    """Model column values from the codes of an input."""
    out: dict[str, object] = {}
    if hasattr(f, "instrument"):
        code = getattr(f, "instrument", None)
        out["instrument_id"] = (
            await session.scalar(select(Instrument.id).where(Instrument.code == code))
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


def _columns(f: object) -> dict[str, object]:
    data = dataclasses.asdict(f)
    data.pop("instrument", None)
    data.pop("territory", None)
    for old, new in (
        ("subject", "subject_code"),
        ("stage", "stage_code"),
        ("matter", "matter_code"),
        ("channel", "channel_code"),
    ):
        if old in data:
            data[new] = data.pop(old)
    return data


async def apply(
    session: AsyncSession, change: i.Change, t: Target, now: dt.datetime
) -> list[Applied]:
    """Apply a designation or rule change; one Applied per row touched."""
    entity, model = _entity(change)
    if type(change).__name__.startswith("Create"):
        row = model(
            **_columns(change.fields),
            **(await _refs(session, change.fields)),
            created_at=now,
            updated_at=now,
        )
        if model is Designation:
            row.authority_id = change.authority_id
        else:
            row.jurisdiction_id = t.jurisdiction.id
        session.add(row)
        await session.flush()
        return [Applied(entity, row.id, t.authority, None, row_snapshot(row))]
    key = change.designation_id if model is Designation else change.rule_id
    row = await session.get(model, key)
    before = row_snapshot(row)
    if type(change).__name__.startswith("Update"):
        for name, value in {
            **_columns(change.fields),
            **(await _refs(session, change.fields)),
        }.items():
            setattr(row, name, value)
        row.updated_at = now
        await session.flush()
        return [Applied(entity, row.id, t.authority, before, row_snapshot(row))]
    done = []
    if model is Designation:  # its rules go with it, each recorded
        for rule_model in (ChannelRule, LanguageRule):
            for rule in await session.scalars(
                select(rule_model).where(rule_model.designation_id == row.id)
            ):
                done.append(
                    Applied(
                        rule_model.__tablename__, rule.id, t.authority, row_snapshot(rule), None
                    )
                )
                await session.delete(rule)
        await session.flush()  # before the designation, whose delete would cascade to them
    done.append(Applied(entity, row.id, t.authority, before, None))
    await session.delete(row)
    await session.flush()
    return done


def _entity(change: i.Change) -> tuple[str, type]:
    name = type(change).__name__
    if "Designation" in name:
        return "designation", Designation
    if "Channel" in name:
        return "channel_rule", ChannelRule
    return "language_rule", LanguageRule
