"""Checks of the codes a write names, and of a row's scope: measure, requesting side and
the condition on the legal basis (shared by designations, rules and requirements).

Every problem is collected in ``Problems`` with the value and the fix; nothing raises here.
The scope rules mirror the model's CHECK constraints (``directory.authorities.models``):
a requesting State or a group, never both; WHEN_IN_FORCE and UNLESS_IN_FORCE name an
instrument, NO_TREATY names none.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.authorities.models import Measure
from directory.editing import validation as v
from directory.enums import BasisCondition
from directory.treaties.models import Instrument, Jurisdiction, JurisdictionGroup, Vocabulary

__all__ = ["basis", "code", "enum", "instrument", "requesting", "scope"]


async def code(
    p: v.Problems, session: AsyncSession, path: v.Path, model: type[Vocabulary], value: str | None
) -> str | None:
    """``value`` when it is a code of the vocabulary ``model`` (a problem otherwise)."""
    if value is None:
        return None
    if await session.get(model, value) is None:
        known = list(await session.scalars(select(model.code).order_by(model.code)))
        p.add(
            path,
            value,
            f"{path[-1]} {value!r} is unknown: use one of {', '.join(known) or '(none loaded)'}",
        )
    return value


async def instrument(p: v.Problems, session: AsyncSession, path: v.Path, value: str | None) -> None:
    if (
        value is not None
        and await session.scalar(select(Instrument.id).where(Instrument.code == value)) is None
    ):
        p.add(path, value, f"instrument {value!r} is unknown: use a code such as 'UNTOC'")


def enum(p: v.Problems, path: v.Path, kind: type[StrEnum], value: Any) -> Any:
    """The member of ``kind`` for ``value``; the value as given when it names none (then a
    problem is recorded, and ``raise_if_any`` stops the write before it is used)."""
    try:
        return kind(value)
    except ValueError:
        p.add(
            path,
            value,
            f"{path[-1]} {value!r} is unknown: use one of {', '.join(m.value for m in kind)}",
        )
        return value


async def requesting(
    p: v.Problems, session: AsyncSession, path: v.Path, state: str | None, group: str | None
) -> str | None:
    """The requesting State's code, upper-cased; checks that it exists and that the scope
    names a State or a group, not both."""
    if state is not None and group is not None:
        p.add(
            [*path, "requesting_group"],
            group,
            "a scope names a requesting State or a requesting group, not both: "
            "drop requesting or requesting_group",
        )
    if state is None:
        return None
    found = await session.scalar(select(Jurisdiction.id).where(Jurisdiction.code == state.upper()))
    if found is None:
        p.add(
            [*path, "requesting"],
            state,
            f"requesting {state!r} is not a jurisdiction of the directory: "
            "use an ISO 3166-1 alpha-3 code such as 'FRA'",
        )
    return state.upper()


def basis(p: v.Problems, path: v.Path, condition: Any, named: str | None) -> Any:
    """The BasisCondition (or None), checked against the instrument it needs."""
    if condition is None:
        return None
    member = enum(p, [*path, "basis_condition"], BasisCondition, condition)
    if member is BasisCondition.NO_TREATY and named is not None:
        p.add(
            [*path, "instrument"],
            named,
            "basis_condition NO_TREATY names no instrument (it holds when no treaty binds "
            "both States): drop instrument, or use WHEN_IN_FORCE or UNLESS_IN_FORCE",
        )
    elif member in (BasisCondition.WHEN_IN_FORCE, BasisCondition.UNLESS_IN_FORCE) and not named:
        p.add(
            [*path, "basis_condition"],
            member.value,
            f"basis_condition {member.value} needs the instrument it is about: "
            "give instrument (e.g. 'UNTOC'), or use NO_TREATY",
        )
    return member


async def scope(p: v.Problems, session: AsyncSession, path: v.Path, f: Any) -> dict[str, Any]:
    """Checks the scope fields ``f`` has (measure, requesting, requesting_group,
    basis_condition with instrument); the clean values to put back."""
    out: dict[str, Any] = {}
    if hasattr(f, "measure"):
        await code(p, session, [*path, "measure"], Measure, f.measure)
    if hasattr(f, "requesting"):
        await code(p, session, [*path, "requesting_group"], JurisdictionGroup, f.requesting_group)
        out["requesting"] = await requesting(p, session, path, f.requesting, f.requesting_group)
    if hasattr(f, "basis_condition"):
        await instrument(p, session, [*path, "instrument"], f.instrument)
        out["basis_condition"] = basis(p, path, f.basis_condition, f.instrument)
    return out
