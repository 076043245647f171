"""Keeping the search index (``models.SearchTerm``) equal to what it is made from.

``reindex_jurisdictions`` and ``reindex_authorities`` read the names, codes, aliases and
cities of the given owners (all when ``ids`` is None), fold each once, and rewrite the terms
of the owners whose terms differ; an owner whose terms are already right is not touched, so
a second seed run writes nothing. The seed writer calls them after writing jurisdictions and
authorities, the editing service after every authority write, so an approved edit is
searchable in the same transaction. A retired authority has no terms.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any, TypeVarTuple

from sqlalchemy import Select, delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from directory.authorities.models import Authority, AuthorityName
from directory.enums import AuthorityStatus
from directory.search.models import SearchTerm
from directory.search.terms import Term, authority_terms, jurisdiction_terms
from directory.treaties.models import Jurisdiction, JurisdictionAlias, JurisdictionName

__all__ = ["Reindexed", "reindex_authorities", "reindex_authority", "reindex_jurisdictions"]

Ts = TypeVarTuple("Ts")
_CHUNK = 500  # ids per IN list: far below every engine's limit on bound parameters


@dataclass
class Reindexed:
    """Terms written: ``created`` and ``deleted`` rows, ``unchanged`` rows left alone."""

    created: int = 0
    deleted: int = 0
    unchanged: int = 0


def _chunks(ids: Collection[int] | None) -> list[list[int] | None]:
    """The ids in IN lists of at most ``_CHUNK``; ``[None]`` (no filter) for all."""
    if ids is None:
        return [None]
    ordered = sorted(ids)
    return [ordered[i : i + _CHUNK] for i in range(0, len(ordered), _CHUNK)]


def _only(
    stmt: Select[*Ts], column: InstrumentedAttribute[Any], chunk: list[int] | None
) -> Select[*Ts]:
    return stmt if chunk is None else stmt.where(column.in_(chunk))


async def reindex_jurisdictions(
    session: AsyncSession, ids: Collection[int] | None = None
) -> Reindexed:
    """Rewrite the terms of the jurisdictions ``ids`` (all when None) that differ."""
    codes: dict[int, tuple[str, str | None]] = {}
    names: dict[int, list[tuple[str, str]]] = defaultdict(list)
    aliases: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for chunk in _chunks(ids):
        j = select(Jurisdiction.id, Jurisdiction.code, Jurisdiction.alpha2)
        for j_id, code, alpha2 in await session.execute(_only(j, Jurisdiction.id, chunk)):
            codes[j_id] = (code, alpha2)
        n = JurisdictionName
        jn = select(n.jurisdiction_id, n.language, n.name)
        for j_id, un_language, name in await session.execute(_only(jn, n.jurisdiction_id, chunk)):
            names[j_id].append((str(un_language), name))
        a = JurisdictionAlias
        ja = select(a.jurisdiction_id, a.kind, a.language, a.alias)
        for j_id, kind, language, alias in await session.execute(
            _only(ja, a.jurisdiction_id, chunk)
        ):
            aliases[j_id].append((str(kind), language, alias))
    wanted = {
        j_id: jurisdiction_terms(code, alpha2, names[j_id], aliases[j_id])
        for j_id, (code, alpha2) in codes.items()
    }
    return await _rewrite(session, SearchTerm.jurisdiction_id, "jurisdiction_id", wanted)


async def reindex_authorities(
    session: AsyncSession, ids: Collection[int] | None = None
) -> Reindexed:
    """Rewrite the terms of the authorities ``ids`` (all when None) that differ; a retired
    authority's terms are removed."""
    cities: dict[int, str | None] = {}
    retired: set[int] = set()
    names: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for chunk in _chunks(ids):
        au = select(Authority.id, Authority.status, Authority.city)
        for a_id, status, city in await session.execute(_only(au, Authority.id, chunk)):
            cities[a_id] = city
            if status != AuthorityStatus.ACTIVE:
                retired.add(a_id)
        n = AuthorityName
        an = select(n.authority_id, n.language, n.name)
        for a_id, language, name in await session.execute(_only(an, n.authority_id, chunk)):
            names[a_id].append((language, name))
    wanted = {
        a_id: set() if a_id in retired else authority_terms(names[a_id], city)
        for a_id, city in cities.items()
    }
    return await _rewrite(session, SearchTerm.authority_id, "authority_id", wanted)


async def reindex_authority(
    session: AsyncSession,
    authority_id: int,
    *,
    active: bool,
    city: str | None,
    names: Iterable[tuple[str, str]],
) -> Reindexed:
    """Rewrite one authority's terms from values the caller already holds (the editing
    service's after-snapshot), reading only its stored terms."""
    wanted = {authority_id: authority_terms(names, city) if active else set()}
    return await _rewrite(session, SearchTerm.authority_id, "authority_id", wanted)


async def _rewrite(
    session: AsyncSession,
    owner: InstrumentedAttribute[int | None],
    owner_key: str,
    wanted: dict[int, set[Term]],
) -> Reindexed:
    done = Reindexed()
    stored: dict[int, set[Term]] = defaultdict(set)
    t = SearchTerm
    for chunk in _chunks(wanted):
        stmt = select(owner, t.kind, t.language, t.text, t.folded, t.rank).where(owner.is_not(None))
        for o_id, kind, language, text, folded, rank in await session.execute(
            _only(stmt, owner, chunk)
        ):
            if o_id is not None:  # the WHERE says so; the type does not
                stored[o_id].add((str(kind), language, text, folded, rank))
    changed = [o_id for o_id, terms in wanted.items() if stored.get(o_id, set()) != terms]
    done.unchanged = sum(len(wanted[o_id]) for o_id in wanted) - sum(
        len(wanted[o_id]) for o_id in changed
    )
    for chunk in _chunks(changed):
        assert chunk is not None
        done.deleted += sum(len(stored.get(o_id, ())) for o_id in chunk)
        await session.execute(delete(SearchTerm).where(owner.in_(chunk)))
    rows = [
        {owner_key: o_id, "kind": k, "language": lang, "text": text, "folded": f, "rank": r}
        for o_id in changed
        for k, lang, text, f, r in sorted(wanted[o_id])
    ]
    for i in range(0, len(rows), 5000):
        await session.execute(insert(SearchTerm), rows[i : i + 5000])
    done.created = len(rows)
    return done
