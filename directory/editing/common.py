"""What every write handler shares: finding and locking the target, checking versions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.audit.models import Action
from directory.authorities.models import Authority
from directory.enums import AuthorityStatus
from directory.errors import Conflict, InvalidInput, NotFound, StaleVersion
from directory.treaties.models import Jurisdiction


@dataclass
class Target:
    """The jurisdiction a write is about (its permission scope) and, when the write touches
    an authority or what hangs off it, that authority (locked, current)."""

    jurisdiction: Jurisdiction
    authority: Authority | None = None
    # A rule of a State's art. 18(14) notification: a treaty fact, so writing it needs
    # directory:notification:write, not the entry editor's authority:write.
    notification_id: int | None = None
    # A rule moved to another authority's designation: the authority it leaves (locked too;
    # its version moves and its history records the rule leaving).
    previous_authority: Authority | None = None


@dataclass
class Applied:
    """What a handler did, for the revision: the entity and its state before and after."""

    entity_type: str
    entity_id: int
    authority: Authority | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    action: Action | None = None  # None: the change's own (the last Applied) or REMOVE
    # the row as the write left it (None when removed): the API answers from it
    row: object | None = None


async def jurisdiction_by_code(session: AsyncSession, code: str) -> Jurisdiction:
    found = await session.scalar(
        select(Jurisdiction).where(Jurisdiction.code == (code or "").upper())
    )
    if found is None:
        raise NotFound("jurisdiction", code, field=["input", "jurisdiction"])
    return found


async def jurisdiction_by_id(session: AsyncSession, jurisdiction_id: int) -> Jurisdiction:
    found = await session.get(Jurisdiction, jurisdiction_id)
    if found is None:
        raise NotFound("jurisdiction", jurisdiction_id)
    return found


async def locked_authority(session: AsyncSession, authority_id: int) -> Authority:
    """The authority's current row, locked until commit on PostgreSQL (SQLite has one writer
    at a time anyway), so a version check and the write that follows cannot interleave with
    another writer's."""
    stmt = (
        select(Authority)
        .where(Authority.id == authority_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    found = await session.scalar(stmt)
    if found is None:
        raise NotFound("authority", authority_id)
    return found


def check_version(authority: Authority, expected: int | None) -> None:
    if expected is None:
        raise InvalidInput(
            f"expectedVersion is missing: send the version of authority {authority.key} you "
            f"read (it is {authority.version} now)",
            field=["input", "expectedVersion"],
        )
    if expected != authority.version:
        raise StaleVersion(
            f"authority {authority.key} is at version {authority.version}, not {expected}: "
            "someone changed it since you read it; read it again and reapply your change",
            current_version=authority.version,
        )


def check_active(authority: Authority) -> None:
    if authority.status is AuthorityStatus.RETIRED:
        raise Conflict(
            f"authority {authority.key} is retired: create a new authority instead of "
            "changing a retired one",
            current_version=authority.version,
        )


def touch(authority: Authority, now: dt.datetime) -> None:
    """Mark the authority changed so its version moves (a designation or rule changed):
    the UPDATE carries ``WHERE version = <read>``, the second line of defence."""
    authority.updated_at = now
