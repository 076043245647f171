"""Set-based writes keyed on natural keys: read what is stored once, write only differences.

``upsert`` handles rows with a natural key (ORM objects, so ``Authority.version`` moves only
when a column really changes). ``replace_sets`` handles child rows without one (names,
designations, rules): per owner, the desired set is compared with the stored set, and the
owner's rows are rewritten only when the two differ.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from typing import Any, TypeVar

from sqlalchemy import Select, Table, delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.seeding.report import TableCount

K = TypeVar("K", bound=Hashable)
Obj = TypeVar("Obj")


async def upsert(
    session: AsyncSession,
    model: type[Obj],
    key: Callable[[Obj], object],
    rows: dict[K, dict[str, Any]],
    count: TableCount,
) -> tuple[dict[K, Obj], set[K]]:
    """Create or update ``rows`` (natural key -> columns); returns objects by key and the
    keys that changed (so citations can mark them updated without double counting).
    ``key`` gives a stored object's natural key, in the type of the keys of ``rows``."""
    stored: dict[object, Obj] = {
        key(obj): obj for obj in (await session.execute(select(model))).scalars().all()
    }
    objects: dict[K, Obj] = {}
    touched: set[K] = set()
    for k, columns in rows.items():
        obj = stored.get(k)
        if obj is None:
            obj = model(**columns)
            session.add(obj)
            count.created += 1
            touched.add(k)
        else:
            diff = {c: v for c, v in columns.items() if getattr(obj, c) != v}
            for column, value in diff.items():
                setattr(obj, column, value)
            if diff:
                count.updated += 1
                touched.add(k)
        objects[k] = obj
    await session.flush()
    count.unchanged += len(rows) - len(touched)
    return objects, touched


async def cite(
    session: AsyncSession,
    table: Table,
    wanted: dict[K, set[int]],
    count: TableCount,
    already_counted: set[K],
) -> None:
    """Make the citations of each fact key in ``wanted`` (its id, or its code for a
    vocabulary row) exactly its set of source ids."""
    fact_col, source_col = table.c[0], table.c[1]
    stored: dict[K, set[int]] = defaultdict(set)
    rows = await session.execute(select(fact_col, source_col).where(fact_col.in_(list(wanted))))
    for fact_id, source_id in rows:
        stored[fact_id].add(source_id)
    added, removed = [], []
    for fact_id, sources in wanted.items():
        have = stored.get(fact_id, set())
        added += [{fact_col.key: fact_id, source_col.key: s} for s in sources - have]
        removed += [(fact_id, s) for s in have - sources]
        if sources != have and fact_id not in already_counted:
            count.updated += 1
            count.unchanged -= 1
            already_counted.add(fact_id)
    if added:
        await session.execute(insert(table), added)
    for fact_id, source_id in removed:
        await session.execute(delete(table).where(fact_col == fact_id, source_col == source_id))


async def replace_sets(
    session: AsyncSession,
    model: type,
    owner_column: str,
    columns: Sequence[str],
    wanted: dict[int, list[dict[str, Any]]],
    count: TableCount,
    *,
    scope: Any = None,
    citations: Table | None = None,
) -> None:
    """Per owner id, make the stored rows (``columns`` plus their cited sources) equal the
    wanted rows; rows carry ``_sources`` (set of source ids) when ``citations`` is given."""
    owner = getattr(model, owner_column)
    query: Select[Any] = select(model).where(owner.in_(list(wanted)))
    if scope is not None:
        query = query.where(scope)
    stored_rows = (await session.execute(query)).scalars().all()
    stored_sources: dict[Any, frozenset[int]] = defaultdict(frozenset)
    if citations is not None and stored_rows:
        fact_col, source_col = citations.c[0], citations.c[1]
        ids = [r.id for r in stored_rows]
        for fact_id, source_id in await session.execute(
            select(fact_col, source_col).where(fact_col.in_(ids))
        ):
            stored_sources[fact_id] = stored_sources[fact_id] | {source_id}
    by_owner: dict[int, list[Any]] = defaultdict(list)
    for row in stored_rows:
        by_owner[getattr(row, owner_column)].append(row)

    def signature(values: dict[str, Any], sources: frozenset[int]) -> tuple[Any, ...]:
        return (*(_plain(values[c]) for c in columns), tuple(sorted(sources)))

    new_objects: list[tuple[Any, frozenset[int]]] = []
    for owner_id, rows in wanted.items():
        have = sorted(
            signature({c: getattr(r, c) for c in columns}, stored_sources[getattr(r, "id", None)])
            for r in by_owner.get(owner_id, [])
        )
        want = sorted(signature(r, frozenset(r.get("_sources", ()))) for r in rows)
        if have == want:
            count.unchanged += len(rows)
            continue
        for old in by_owner.get(owner_id, []):
            await session.delete(old)
        count.deleted += len(by_owner.get(owner_id, []))
        await session.flush()
        for r in rows:
            obj = model(**{owner_column: owner_id, **{c: r[c] for c in columns}})
            session.add(obj)
            new_objects.append((obj, frozenset(r.get("_sources", ()))))
        count.created += len(rows)
    await session.flush()
    if citations is not None:
        links = [
            {citations.c[0].key: obj.id, citations.c[1].key: s}
            for obj, sources in new_objects
            for s in sources
        ]
        if links:
            await session.execute(insert(citations), links)


def _plain(value: Any) -> Any:
    # StrEnum members and their string values must compare equal and sort together
    return "" if value is None else str(value)
