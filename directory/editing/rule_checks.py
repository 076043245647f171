"""Validation of designation and rule changes: every code exists, every value is in its
vocabulary, a territory or subdivision belongs to the jurisdiction, and a rule's designation
is one of the jurisdiction's. Every problem of an input is reported at once (InputErrors).
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pycountry
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.authorities.models import (
    ChannelKind,
    ChannelRule,
    Designation,
    LanguageRule,
    Matter,
    ProceduralStage,
)
from directory.db import utcnow
from directory.editing import inputs as i
from directory.editing import requirements
from directory.editing import validation as v
from directory.editing.common import Target
from directory.editing.fact_checks import check_sources
from directory.editing.scope_checks import code as _code
from directory.editing.scope_checks import enum as _enum
from directory.editing.scope_checks import scope
from directory.enums import (
    ChannelPermission,
    Direction,
    JurisdictionKind,
    ProvisionKind,
    Verification,
)
from directory.treaties.models import Jurisdiction, Notification, Provision, Subject

_DESIGNATION = {f: v.length(Designation.__table__.c[f]) for f in ("designated_under", "notes")}
_SUBDIVISION = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")


def _verification(p: v.Problems, path: v.Path, value: Any) -> Any:
    """None (what the sources support) or a Verification."""
    return None if value is None else _enum(p, [*path, "verification"], Verification, value)


def _designation_in(
    p: v.Problems, path: v.Path, t: Target, designation: Designation | None
) -> None:
    if (
        designation is not None
        and t.authority is not None
        and t.authority.jurisdiction_id != t.jurisdiction.id
    ):
        p.add(
            path,
            designation.id,
            f"the designation belongs to another jurisdiction: "
            f"use a designation of {t.jurisdiction.code}",
        )


async def _notification(
    p: v.Problems, session: AsyncSession, path: v.Path, t: Target, notification_id: int | None
) -> None:
    """A language rule's notification is an art. 18(14)-like (LANGUAGES) notification of the
    rule's own jurisdiction."""
    if notification_id is None:
        return
    found = await session.get(Notification, notification_id)
    provision = None if found is None else await session.get(Provision, found.provision_id)
    if found is None or provision is None:
        p.add(
            path,
            notification_id,
            "no notification has this id: omit notification, or give the id of the "
            "jurisdiction's art. 18(14) notification",
            missing=True,
        )
    elif found.jurisdiction_id != t.jurisdiction.id:
        p.add(
            path,
            notification_id,
            f"the notification is another jurisdiction's: use a notification of "
            f"{t.jurisdiction.code}",
        )
    elif provision.kind is not ProvisionKind.LANGUAGES:
        p.add(
            path,
            notification_id,
            f"the notification is made under art. {provision.article}, which is not about "
            "languages: cite the jurisdiction's art. 18(14) notification",
        )


async def validate_designation(session: AsyncSession, change: i.Change, t: Target) -> i.Change:
    if not isinstance(change, i.CreateDesignation | i.UpdateDesignation):
        return change  # a removal has no fields to check
    f = change.fields
    p = v.Problems()
    path: list[str | int] = ["fields"]
    await _code(p, session, [*path, "subject"], Subject, f.subject)
    await _code(p, session, [*path, "stage"], ProceduralStage, f.stage)
    await _code(p, session, [*path, "matter"], Matter, f.matter)
    if f.provision_id is not None and await session.get(Provision, f.provision_id) is None:
        p.add(
            [*path, "provision_id"],
            f.provision_id,
            "no provision has this id: omit provision_id, or give one of a provision",
            missing=True,
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
    scoped = await scope(p, session, path, f)
    clean = dataclasses.replace(
        f,
        **scoped,
        direction=_enum(p, [*path, "direction"], Direction, f.direction),
        verification=_verification(p, path, f.verification),
        priority=v.non_negative(p, [*path, "priority"], f.priority),
        designated_under=v.text(
            p, [*path, "designated_under"], f.designated_under, _DESIGNATION["designated_under"]
        ),
        notes=v.text(p, [*path, "notes"], f.notes, _DESIGNATION["notes"]),
        territory=f.territory.upper() if f.territory else None,
        subdivision=f.subdivision.upper() if f.subdivision else None,
    )
    check_sources(p, f.sources or [], utcnow().date(), required=False, at=path)
    p.raise_if_any()
    return dataclasses.replace(change, fields=clean)


async def validate_rule(session: AsyncSession, change: i.Change, t: Target) -> i.Change:
    if isinstance(change, i.CreateRequirement | i.UpdateRequirement):
        return await requirements.validate(session, change, t)
    if not isinstance(change, i.RuleCreation | i.RuleUpdate):
        return change  # a removal has no fields to check
    fields = change.fields
    p = v.Problems()
    path: list[str | int] = ["fields"]
    if fields.designation_id is not None:
        d = await session.get(Designation, fields.designation_id)
        if d is None:
            p.add(
                [*path, "designation_id"],
                fields.designation_id,
                "no designation has this id: omit designation_id, or give one of the "
                "jurisdiction's designations",
                missing=True,
            )
        _designation_in(p, [*path, "designation_id"], t, d)
        if t.notification_id is not None:
            # a rule states either an authority's practice or a State's notification
            p.add(
                [*path, "designation_id"],
                fields.designation_id,
                "this language rule belongs to a notification (art. 18(14)): a rule hangs "
                "off a designation or a notification, not both; "
                "omit designation_id, or create a rule on the designation instead",
            )
    await _code(p, session, [*path, "subject"], Subject, fields.subject)
    common: dict[str, Any] = {
        **await scope(p, session, path, fields),  # checks the instrument too
        "verification": _verification(p, path, fields.verification),
        "condition": v.text(
            p,
            [*path, "condition"],
            fields.condition,
            v.length(
                (
                    ChannelRule if isinstance(fields, i.ChannelRuleFields) else LanguageRule
                ).__table__.c.condition
            ),
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
        await _notification(p, session, [*path, "notification_id"], t, fields.notification_id)
    check_sources(p, fields.sources or [], utcnow().date(), required=False, at=path)
    p.raise_if_any()
    clean = dataclasses.replace(fields, **common)
    # each change type carries its own fields type; mypy cannot pair them across the union
    return dataclasses.replace(change, fields=clean)  # type: ignore[arg-type]
