"""Provenance of a write: the sources it cites, stored once, and the verification it earns.

    store(given)            the stored source with the same URL or document symbol (seen
                            again: its dates move forward), or a new one
    resolve(given, ids)     the sources of a write: new ones stored, reused ones by id
    cite(table, fk, id, s)  replace what a fact cites
    provenance(...)         for one written row: its verification, and what it will cite
    verification_of(...)    what a fact may claim: a fact that cites nothing is UNKNOWN (the
                            route's UNVERIFIED_DATA warning says so), one citing only
                            secondary sources or press reports SECONDARY; a claim the
                            sources support is kept

Services flush and never commit: the caller owns the transaction.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Table, delete, insert, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.editing.fact_checks import SourceInput
from directory.enums import SourceKind, Verification
from directory.errors import NotFound
from directory.treaties import models as tm

__all__ = ["cite", "cited", "provenance", "resolve", "store", "verification_of"]

# kinds whose word makes a fact OFFICIAL
_OFFICIAL_KINDS = frozenset({SourceKind.OFFICIAL, SourceKind.DEPOSITARY})


async def store(session: AsyncSession, given: SourceInput) -> tm.Source:
    """The stored source with this URL or document symbol (seen again: its dates move
    forward), or a new one."""
    url = given.url.strip() if given.url else None
    document = given.document.strip() if given.document else None
    same = []  # check_sources made sure there is at least one
    if url:
        same.append(tm.Source.url == url)
    if document:
        same.append(tm.Source.document == document)
    found = await session.scalar(select(tm.Source).where(or_(*same)).order_by(tm.Source.id))
    if found is None:
        found = tm.Source(
            url=url,
            document=document,
            title=given.title,
            kind=SourceKind(given.kind),
            stated_on=given.stated_on,
            seen_on=given.seen_on,
        )
        session.add(found)
    else:
        found.seen_on = max(found.seen_on, given.seen_on)
        found.title = given.title or found.title
        if given.stated_on is not None and (
            found.stated_on is None or given.stated_on > found.stated_on
        ):
            found.stated_on = given.stated_on
    await session.flush()
    return found


async def resolve(
    session: AsyncSession,
    given: Sequence[SourceInput],
    ids: Sequence[int],
    field: list[str | int],
) -> list[tm.Source]:
    """The sources of a write, each once: ``given`` stored (or found again), ``ids`` reused
    (NotFound on ``field`` for an id that names no source)."""
    out = {s.id: s for s in [await store(session, g) for g in given]}
    for n, key in enumerate(ids):
        found = await session.get(tm.Source, key)
        if found is None:
            raise NotFound("source", key, field=[*field, n])
        out[found.id] = found
    return list(out.values())


async def cite(
    session: AsyncSession, citations: Table, fk: str, row_id: int, sources: Sequence[tm.Source]
) -> None:
    """Make ``sources`` what the fact ``row_id`` cites (its earlier citations are dropped)."""
    await session.execute(delete(citations).where(citations.c[fk] == row_id))
    if sources:
        await session.execute(insert(citations), [{fk: row_id, "source_id": s.id} for s in sources])


async def cited(session: AsyncSession, citations: Table, fk: str, row_id: int) -> list[tm.Source]:
    """What the fact ``row_id`` cites now."""
    rows = await session.scalars(
        select(tm.Source)
        .join(citations, citations.c.source_id == tm.Source.id)
        .where(citations.c[fk] == row_id)
        .order_by(tm.Source.id)
    )
    return list(rows)


def verification_of(claimed: Verification | None, sources: Sequence[tm.Source]) -> Verification:
    """The verification a fact citing ``sources`` is stored with.

    No source: UNKNOWN, whatever was claimed (a fact nobody can check is not OFFICIAL).
    Otherwise the claim, capped at what the sources support: OFFICIAL needs an official or
    depositary source; with none claimed, the best the sources support."""
    if not sources:
        return Verification.UNKNOWN
    supported = (
        Verification.OFFICIAL
        if any(s.kind in _OFFICIAL_KINDS for s in sources)
        else Verification.SECONDARY
    )
    if claimed is None:
        return supported
    if claimed is Verification.OFFICIAL and supported is not Verification.OFFICIAL:
        return supported
    return claimed


async def provenance(
    session: AsyncSession,
    citations: Table,
    fk: str,
    row_id: int | None,
    *,
    given: Sequence[SourceInput] | None,
    ids: Sequence[int] | None,
    claimed: Verification | None,
    field: list[str | int],
) -> tuple[Verification, list[tm.Source] | None]:
    """The verification a written row is stored with (``verification_of`` its sources),
    and the sources to ``cite`` once the row is written: None when the write names none
    (``given`` and ``ids`` both None), so the row ``row_id`` keeps what it cites.

    Read before the row is changed, so that the row is flushed once (an authority's
    version moves once per write)."""
    if given is None and ids is None:
        kept = await cited(session, citations, fk, row_id) if row_id is not None else []
        return verification_of(claimed, kept), None
    named = await resolve(session, given or [], ids or [], [*field, "sourceIds"])
    return verification_of(claimed, named), named
