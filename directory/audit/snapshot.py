"""JSON snapshots of entities for revisions, and their redaction for the public.

An authority's snapshot includes its names, contacts and office hours, so that one revision
shows the whole entry before and after. Restricted contact values are redacted from
revisions shown to callers who may not read them (``redact``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import Enum
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.authorities.models import Authority, AuthorityContact, AuthorityName, OfficeHours

_SKIP = frozenset({"created_at", "updated_at"})


def _json(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return value


def row_snapshot(obj: object) -> dict[str, Any]:
    """Column values of a mapped row, JSON-ready (timestamps left out: revisions carry time)."""
    mapper = inspect(type(obj))
    return {
        attr.key: _json(getattr(obj, attr.key))
        for attr in mapper.column_attrs
        if attr.key not in _SKIP
    }


async def authority_snapshot(
    session: AsyncSession, authority: Authority, *, kept: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The authority's row with its names, contacts and office hours.

    ``kept`` holds child lists already snapshotted in this transaction and not changed
    since (the ``before`` of a write that left them alone): they are reused, not read again.
    """
    kept = kept or {}
    snap = row_snapshot(authority)
    if "names" in kept:
        snap["names"] = kept["names"]
    else:
        names = await session.scalars(
            select(AuthorityName)
            .where(AuthorityName.authority_id == authority.id)
            .order_by(AuthorityName.language)
        )
        snap["names"] = [
            {"language": n.language, "name": n.name, "is_original": n.is_original} for n in names
        ]
    if "contacts" in kept:
        snap["contacts"] = kept["contacts"]
    else:
        contacts = await session.scalars(
            select(AuthorityContact)
            .where(AuthorityContact.authority_id == authority.id)
            .order_by(AuthorityContact.position, AuthorityContact.id)
        )
        snap["contacts"] = [
            {"kind": _json(c.kind), "value": c.value, "label": c.label, "restricted": c.restricted}
            for c in contacts
        ]
    if "office_hours" in kept:
        snap["office_hours"] = kept["office_hours"]
    else:
        hours = await session.scalars(
            select(OfficeHours)
            .where(OfficeHours.authority_id == authority.id)
            .order_by(OfficeHours.weekday, OfficeHours.opens)
        )
        snap["office_hours"] = [
            {"weekday": h.weekday, "opens": _json(h.opens), "closes": _json(h.closes)}
            for h in hours
        ]
    return snap


def redact(snapshot: dict[str, Any] | None) -> dict[str, Any] | None:
    """A copy of ``snapshot`` without restricted contact values (and labels, which may name
    a person)."""
    if not snapshot or "contacts" not in snapshot:
        return snapshot
    out = dict(snapshot)
    out["contacts"] = [
        {**c, "value": None, "label": None, "redacted": True} if c.get("restricted") else c
        for c in snapshot["contacts"]
    ]
    return out
