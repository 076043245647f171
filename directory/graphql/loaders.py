"""DataLoaders for every relation the schema follows, created per request.

Each loader turns the keys collected during one tick of the event loop into ONE call of a
batch service function, then hands the rows back in key order (``None`` or ``[]`` for a
miss). A request's statement count therefore grows with the depth of its query, never with
the number of rows. Loaders live in the request's ``Context`` only: sharing one across
requests would leak cached rows between callers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import TypeVar

from sqlalchemy import Table
from strawberry.dataloader import DataLoader

from directory.authorities import models as am
from directory.authorities import services as authorities
from directory.authorities.requirements import requirement_source
from directory.db import SerialSession
from directory.treaties import models as tm
from directory.treaties import services as treaties

K = TypeVar("K", bound=Hashable)
R = TypeVar("R")
V = TypeVar("V", bound=tm.Vocabulary)

# A batch service function: the rows for some keys (``PagedFetch``: at most ``first`` per key).
Fetch = Callable[[SerialSession, Sequence[K]], Awaitable[Sequence[R]]]
PagedFetch = Callable[[SerialSession, Sequence[K], int], Awaitable[Sequence[R]]]


def _one(
    session: SerialSession, fetch: Fetch[K, R], key: Callable[[R], K]
) -> DataLoader[K, R | None]:
    async def load(keys: list[K]) -> list[R | None]:
        found = {key(row): row for row in await fetch(session, keys)}
        return [found.get(k) for k in keys]

    return DataLoader(load_fn=load)


def _many(
    session: SerialSession, fetch: Fetch[K, R], key: Callable[[R], K]
) -> DataLoader[K, list[R]]:
    async def load(keys: list[K]) -> list[list[R]]:
        groups: dict[K, list[R]] = defaultdict(list)
        for row in await fetch(session, keys):
            groups[key(row)].append(row)
        return [groups.get(k, []) for k in keys]

    return DataLoader(load_fn=load)


def _paged(
    session: SerialSession, fetch: PagedFetch[K, R], key: Callable[[R], K]
) -> DataLoader[tuple[K, int], list[R]]:
    """Like ``_many`` with keys ``(owner, first)``: at most ``first`` rows per owner. Keys
    are grouped by ``first``, so a batch is one statement per distinct page size (one, in
    practice: sibling objects ask with the same arguments)."""

    async def load(keys: list[tuple[K, int]]) -> list[list[R]]:
        groups: dict[tuple[K, int], list[R]] = defaultdict(list)
        for first in sorted({first for _, first in keys}):
            owners = [owner for owner, f in keys if f == first]
            for row in await fetch(session, owners, first):
                groups[(key(row), first)].append(row)
        return [groups.get(k, []) for k in keys]

    return DataLoader(load_fn=load)


def _sources(session: SerialSession, citations: Table) -> DataLoader[int, list[tm.Source]]:
    async def load(keys: list[int]) -> list[list[tm.Source]]:
        groups: dict[int, list[tm.Source]] = defaultdict(list)
        for fact_id, source in await treaties.sources_for(session, citations, keys):
            groups[fact_id].append(source)
        return [groups.get(k, []) for k in keys]

    return DataLoader(load_fn=load)


def _vocabulary(session: SerialSession, model: type[V]) -> DataLoader[str, V | None]:
    async def fetch(s: SerialSession, codes: Sequence[str]) -> Sequence[V]:
        return await treaties.vocabulary_by_codes(s, model, codes)

    return _one(session, fetch, lambda row: row.code)


class Loaders:
    """The request's loaders, one attribute per relation (named ``<thing>_by_<key>`` for
    one row per key, ``<things>_of_<owner>`` for a list per key; the lists that can grow
    take ``(owner, first)`` keys)."""

    def __init__(self, session: SerialSession) -> None:
        s = session
        # treaties
        self.jurisdiction_by_id = _one(s, treaties.jurisdictions_by_ids, lambda r: r.id)
        self.jurisdiction_by_code = _one(s, treaties.jurisdictions_by_codes, lambda r: r.code)
        self.territories_of_jurisdiction = _many(s, treaties.territories_for, lambda r: r.parent_id)
        self.names_of_jurisdiction = _many(s, treaties.names_for, lambda r: r.jurisdiction_id)
        self.participations_of_jurisdiction = _many(
            s, treaties.participations_for, lambda r: r.jurisdiction_id
        )
        self.notifications_of_jurisdiction = _many(
            s, treaties.notifications_for, lambda r: r.jurisdiction_id
        )
        self.participation_by_id = _one(s, treaties.participations_by_ids, lambda r: r.id)
        self.notification_by_id = _one(s, treaties.notifications_by_ids, lambda r: r.id)
        self.source_by_id = _one(s, treaties.sources_by_ids, lambda r: r.id)
        self.instrument_by_id = _one(s, treaties.instruments_by_ids, lambda r: r.id)
        self.instrument_by_code = _one(s, treaties.instruments_by_codes, lambda r: r.code)
        self.provision_by_id = _one(s, treaties.provisions_by_ids, lambda r: r.id)
        self.provisions_of_instrument = _many(s, treaties.provisions_for, lambda r: r.instrument_id)
        self.subject_by_code = _vocabulary(s, tm.Subject)
        self.sources_of_jurisdiction = _sources(s, tm.jurisdiction_source)
        self.sources_of_instrument = _sources(s, tm.instrument_source)
        self.sources_of_participation = _sources(s, tm.participation_source)
        self.sources_of_notification = _sources(s, tm.notification_source)
        # authorities
        self.authority_by_id = _one(s, authorities.authorities_by_ids, lambda r: r.id)
        self.authority_by_key = _one(s, authorities.authorities_by_keys, lambda r: r.key)
        self.authorities_of_jurisdiction = _paged(
            s, authorities.authorities_for, lambda r: r.jurisdiction_id
        )
        self.names_of_authority = _many(s, authorities.names_for, lambda r: r.authority_id)
        self.contacts_of_authority = _many(s, authorities.contacts_for, lambda r: r.authority_id)
        self.office_hours_of_authority = _many(
            s, authorities.office_hours_for, lambda r: r.authority_id
        )
        self.designations_of_authority = _paged(
            s, authorities.designations_for, lambda r: r.authority_id
        )
        self.designation_by_id = _one(s, authorities.designations_by_ids, lambda r: r.id)
        self.channel_rule_by_id = _one(s, authorities.channel_rules_by_ids, lambda r: r.id)
        self.language_rule_by_id = _one(s, authorities.language_rules_by_ids, lambda r: r.id)
        self.channel_rules_of_designation = _paged(
            s, authorities.channel_rules_for_designations, lambda r: r.designation_id
        )
        self.language_rules_of_designation = _paged(
            s, authorities.language_rules_for_designations, lambda r: r.designation_id
        )
        self.language_rules_of_notification = _paged(
            s, authorities.language_rules_for_notifications, lambda r: r.notification_id
        )
        self.general_channel_rules_of_jurisdiction = _paged(
            s, authorities.general_channel_rules_for, lambda r: r.jurisdiction_id
        )
        self.general_language_rules_of_jurisdiction = _paged(
            s, authorities.general_language_rules_for, lambda r: r.jurisdiction_id
        )
        self.channel_kind_by_code = _vocabulary(s, am.ChannelKind)
        self.stage_by_code = _vocabulary(s, am.ProceduralStage)
        self.matter_by_code = _vocabulary(s, am.Matter)
        self.sources_of_authority = _sources(s, am.authority_source)
        self.sources_of_designation = _sources(s, am.designation_source)
        self.sources_of_channel_rule = _sources(s, am.channel_rule_source)
        self.sources_of_language_rule = _sources(s, am.language_rule_source)
        self.requirement_by_id = _one(s, authorities.requirements_by_ids, lambda r: r.id)
        self.requirements_of_jurisdiction = _paged(
            s, authorities.requirement_rows_for, lambda r: r.jurisdiction_id
        )
        self.sources_of_requirement = _sources(s, requirement_source)

    def prime_jurisdictions(self, rows: Sequence[tm.Jurisdiction]) -> None:
        """Remember rows a list query already fetched, so ``node``/``parent`` need no query."""
        for row in rows:
            self.jurisdiction_by_id.prime(row.id, row)
            self.jurisdiction_by_code.prime(row.code, row)

    def prime_authorities(self, rows: Sequence[am.Authority]) -> None:
        for row in rows:
            self.authority_by_id.prime(row.id, row)
            self.authority_by_key.prime(row.key, row)


async def referenced(loader: DataLoader[K, R | None], key: K) -> R:
    """The row a foreign key names, through ``loader``: the database guarantees that it
    exists, so a miss is a broken invariant, not a null for the client."""
    row = await loader.load(key)
    if row is None:
        raise LookupError(f"no row for the reference {key!r}")
    return row
