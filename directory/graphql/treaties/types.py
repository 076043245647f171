"""GraphQL types of the treaties domain shared by every other: sources, subjects,
instruments and their provisions (and the treaty enums' registration).

Jurisdictions are in ``jurisdiction_types``; participations and notifications (the facts a
jurisdiction holds under an instrument) in ``fact_types``. Each type wraps its ORM row
(``row``, private) and follows relations through the request's DataLoaders only, so that a
list of N objects costs one statement per relation, not N.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Self, TypeVar

import strawberry
from strawberry import relay
from strawberry.dataloader import DataLoader

from directory.enums import (
    ConsentType,
    ExtraditionBasis,
    JurisdictionKind,
    NotificationStatus,
    ProvisionKind,
    RegionalGroup,
    SourceKind,
    UNLanguage,
    UNStatus,
    Verification,
)
from directory.graphql.context import Info
from directory.graphql.loaders import K, R, referenced
from directory.graphql.nodes import load_nodes
from directory.treaties import models as m

for _enum in (
    ConsentType,
    ExtraditionBasis,
    JurisdictionKind,
    NotificationStatus,
    ProvisionKind,
    RegionalGroup,
    SourceKind,
    UNLanguage,
    UNStatus,
    Verification,
):
    strawberry.enum(_enum)


@strawberry.type
class Source:
    """Where a fact was read, and when."""

    url: str | None
    document: str | None
    title: str | None
    kind: SourceKind
    seen_on: dt.date

    @classmethod
    def from_row(cls, row: m.Source) -> Source:
        return cls(
            url=row.url, document=row.document, title=row.title, kind=row.kind, seen_on=row.seen_on
        )


def sources(rows: list[m.Source]) -> list[Source]:
    return [Source.from_row(r) for r in rows]


@strawberry.type
class Subject:
    """A kind of cooperation (MLA, extradition, …); see ``subjects`` for the vocabulary."""

    code: str
    name: str
    description: str | None

    @classmethod
    def from_row(cls, row: m.Vocabulary) -> Self:
        return cls(code=row.code, name=row.name, description=row.description)


@strawberry.type
class LocalizedName:
    language: UNLanguage
    name: str


@strawberry.type
class Instrument(relay.Node):
    """A treaty: UNTOC, its Protocols, UNCAC, the 1988 Convention, …"""

    node_key: relay.NodeID[str]
    row: strawberry.Private[m.Instrument]
    code: str
    short_title: str
    title: str
    depositary_chapter: str | None
    adopted_on: dt.date | None
    entry_into_force_on: dt.date | None
    days_to_entry_into_force: int | None

    @classmethod
    def from_row(cls, row: m.Instrument) -> Instrument:
        return cls(
            node_key=row.code,
            row=row,
            code=row.code,
            short_title=row.short_title,
            title=row.title,
            depositary_chapter=row.depositary_chapter,
            adopted_on=row.adopted_on,
            entry_into_force_on=row.entry_into_force_on,
            days_to_entry_into_force=row.days_to_entry_into_force,
        )

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Any, required: bool = False) -> list[Any]:
        return await load_nodes(cls, info.context.loaders.instrument_by_code, node_ids)

    @strawberry.field(description="The convention this protocol supplements.")
    async def supplements(self, info: Info) -> Instrument | None:
        if self.row.supplements_id is None:
            return None
        row = await info.context.loaders.instrument_by_id.load(self.row.supplements_id)
        return Instrument.from_row(row) if row else None

    @strawberry.field
    async def provisions(self, info: Info) -> list[Provision]:
        rows = await info.context.loaders.provisions_of_instrument.load(self.row.id)
        return [Provision(row=r) for r in rows]

    @strawberry.field
    async def sources(self, info: Info) -> list[Source]:
        return sources(await info.context.loaders.sources_of_instrument.load(self.row.id))


@strawberry.type
class Provision:
    """An article States notify under: ``16(5)``, ``18(13)``, ``18(14)``, …"""

    row: strawberry.Private[m.Provision]

    @strawberry.field
    def article(self) -> str:
        return self.row.article

    @strawberry.field
    def kind(self) -> ProvisionKind:
        return self.row.kind

    @strawberry.field
    def summary(self) -> str:
        return self.row.summary

    @strawberry.field
    async def instrument(self, info: Info) -> Instrument:
        return Instrument.from_row(
            await referenced(info.context.loaders.instrument_by_id, self.row.instrument_id)
        )

    @strawberry.field
    async def subject(self, info: Info) -> Subject | None:
        return await subject_of(info, self.row.subject_code)


T = TypeVar("T")


async def via_loader(
    from_row: Callable[[R], T], loader: DataLoader[K, R | None], key: K | None
) -> T | None:
    """``from_row`` of the row ``loader`` holds for ``key`` (a vocabulary code, an id);
    None when the key is None: a row's optional reference that is unset."""
    if key is None:
        return None
    return from_row(await referenced(loader, key))


async def subject_of(info: Info, code: str | None) -> Subject | None:
    return await via_loader(Subject.from_row, info.context.loaders.subject_by_code, code)


async def instrument_of(info: Info, instrument_id: int | None) -> Instrument | None:
    return await via_loader(
        Instrument.from_row, info.context.loaders.instrument_by_id, instrument_id
    )
