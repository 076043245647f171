"""What the seed must leave alone: entries edited through the API since they were seeded.

A State's focal point or the secretariat corrects an entry through the API; a later
``directory seed`` must not silently undo that (overwrite columns, delete and recreate
designations and rules, all without a revision). Every applied edit leaves a ``revision``
row, so the seed reads them once and keeps, whole:

- an authority with a revision (its columns, citations, names and designations, and the
  rules hanging off its designations): ``authority_ids``;
- a jurisdiction's own channel or language rules once any of them has a revision:
  ``channel_jurisdictions`` / ``language_jurisdictions`` (for language rules this includes
  those under its notifications, which share the jurisdiction);
- a notification or participation set through the API: ``notification_ids`` /
  ``participation_ids``;
- a jurisdiction's legal requirements once any of them has a revision:
  ``requirement_jurisdictions``.

Instruments and provisions written through the API are upserted by the seed like any other
(by code; by instrument and article): the seed's own values win for the ones it names.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.audit.models import Revision
from directory.seeding.report import TableCount


@dataclass
class Edited:
    authority_ids: set[int] = field(default_factory=set)
    channel_jurisdictions: set[int] = field(default_factory=set)
    language_jurisdictions: set[int] = field(default_factory=set)
    notification_ids: set[int] = field(default_factory=set)
    participation_ids: set[int] = field(default_factory=set)
    requirement_jurisdictions: set[int] = field(default_factory=set)


async def edited(session: AsyncSession) -> Edited:
    """Everything revisions say was changed through the API (one statement)."""
    found = Edited()
    rows = await session.execute(
        select(
            Revision.entity_type,
            Revision.entity_id,
            Revision.authority_id,
            Revision.jurisdiction_id,
        ).distinct()
    )
    for entity_type, entity_id, authority_id, jurisdiction_id in rows:
        if authority_id is not None:
            found.authority_ids.add(authority_id)
        elif entity_type == "channel_rule" and jurisdiction_id is not None:
            found.channel_jurisdictions.add(jurisdiction_id)
        elif entity_type == "language_rule" and jurisdiction_id is not None:
            found.language_jurisdictions.add(jurisdiction_id)
        elif entity_type == "notification":
            found.notification_ids.add(entity_id)
        elif entity_type == "participation":
            found.participation_ids.add(entity_id)
        elif entity_type == "requirement" and jurisdiction_id is not None:
            found.requirement_jurisdictions.add(jurisdiction_id)
    return found


# a natural key of two ids (a notification's provision may be none)
NaturalKey = TypeVar("NaturalKey", tuple[int, int], tuple[int, int | None])


async def unedited(
    session: AsyncSession,
    key: tuple[Any, Any],
    rows: dict[NaturalKey, Any],
    edited_ids: Collection[int],
    count: TableCount,
) -> dict[NaturalKey, Any]:
    """``rows`` (natural key → record) without those whose stored row has a revision, which
    are counted as kept. ``key`` = the two model columns of the natural key."""
    if not edited_ids:
        return rows
    model = key[0].class_
    stored = {tuple(r) for r in await session.execute(select(*key).where(model.id.in_(edited_ids)))}
    count.kept += len([k for k in rows if k in stored])
    return {k: row for k, row in rows.items() if k not in stored}
