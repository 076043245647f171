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

import directory.graphql.treaties.enums  # noqa: F401  # registers the treaty enums
from directory.enums import ProvisionKind, SourceKind, UNLanguage
from directory.graphql.context import Info
from directory.graphql.loaders import K, R, referenced
from directory.graphql.nodes import load_nodes, load_rows
from directory.treaties import models as m


@strawberry.type(description="Where a fact was read, and when. Every fact has at least one.")
class Source(relay.Node):
    node_key: relay.NodeID[int]
    url: str | None = strawberry.field(
        description="Where to read it (http or https); null "
        "when the source is a document without a public address."
    )
    document: str | None = strawberry.field(
        description="The document's symbol or reference (e.g. a depositary notification "
        "C.N.123.2004.TREATIES-4), when it has one."
    )
    title: str | None = strawberry.field(description="The source's title.")
    kind: SourceKind = strawberry.field(description="Who published it.")
    stated_on: dt.date | None = strawberry.field(
        description="The date the source itself states (its date of issue, its 'status as "
        "at' line); null when it states none."
    )
    seen_on: dt.date = strawberry.field(
        description="When the directory last read it: the fact was true then."
    )

    @classmethod
    def from_row(cls, row: m.Source) -> Source:
        return cls(
            node_key=row.id,
            url=row.url,
            document=row.document,
            title=row.title,
            kind=row.kind,
            stated_on=row.stated_on,
            seen_on=row.seen_on,
        )

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Any, required: bool = False) -> list[Any]:
        return await load_rows(cls, info.context.loaders.source_by_id, node_ids)


def sources(rows: list[m.Source]) -> list[Source]:
    return [Source.from_row(r) for r in rows]


@strawberry.type(
    description="A kind of cooperation (mutual legal assistance, extradition, …): a term of "
    "a seeded vocabulary; `subjects` lists them all."
)
class Subject:
    code: str = strawberry.field(
        description="Stable code of the term in UPPER_SNAKE (MLA, DIPLOMATIC, TAX, …): what "
        "inputs and filters take."
    )
    name: str = strawberry.field(description="Name in English.")
    description: str | None = strawberry.field(description="What the term covers, in English.")

    @classmethod
    def from_row(cls, row: m.Vocabulary) -> Self:
        return cls(code=row.code, name=row.name, description=row.description)


@strawberry.type(description="A name in one of the six UN languages.")
class LocalizedName:
    language: UNLanguage = strawberry.field(description="The language of `name`.")
    name: str = strawberry.field(description="The name (CLDR for jurisdictions).")


@strawberry.type(
    description="A treaty States take part in and notify under: UNTOC, its three Protocols, "
    "UNCAC, the 1988 Drug Convention, …. Its global ID wraps its code."
)
class Instrument(relay.Node):
    node_key: relay.NodeID[str]
    row: strawberry.Private[m.Instrument]
    code: str = strawberry.field(
        description="Stable code in upper case (UNTOC, UNCAC, …): what `instrument` "
        "arguments and filters take."
    )
    short_title: str = strawberry.field(description="Short English title.")
    title: str = strawberry.field(description="Full English title.")
    depositary_chapter: str | None = strawberry.field(
        description="Its place in the UN Treaty Collection (e.g. XVIII-12), when deposited "
        "with the Secretary-General."
    )
    adopted_on: dt.date | None = strawberry.field(description="Day of adoption.")
    entry_into_force_on: dt.date | None = strawberry.field(
        description="Day it entered into force; null when not (yet) known."
    )
    days_to_entry_into_force: int | None = strawberry.field(
        description="Days after a later consent until it binds that party (UNTOC art. 38(2): "
        "30); null when the instrument does not say."
    )

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

    @strawberry.field(description="Its provisions that States notify under.")
    async def provisions(self, info: Info) -> list[Provision]:
        rows = await info.context.loaders.provisions_of_instrument.load(self.row.id)
        return [Provision(row=r) for r in rows]

    @strawberry.field(description="Where its facts were read.")
    async def sources(self, info: Info) -> list[Source]:
        return sources(await info.context.loaders.sources_of_instrument.load(self.row.id))


@strawberry.type(
    description="An article of an instrument that States notify under: UNTOC `16(5)`, "
    "`18(13)`, `18(14)`, …"
)
class Provision(relay.Node):
    row: strawberry.Private[m.Provision]

    @classmethod
    def from_row(cls, row: m.Provision) -> Provision:
        return cls(row=row)

    @classmethod
    def resolve_id(cls, root: Provision, *, info: Info) -> str:
        return str(root.row.id)

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Any, required: bool = False) -> list[Any]:
        return await load_rows(cls, info.context.loaders.provision_by_id, node_ids)

    @strawberry.field(description="Article and paragraph as cited: `18(13)`.")
    def article(self) -> str:
        return self.row.article

    @strawberry.field(description="What States notify under it.")
    def kind(self) -> ProvisionKind:
        return self.row.kind

    @strawberry.field(description="What the provision asks of States, in English.")
    def summary(self) -> str:
        return self.row.summary

    @strawberry.field(description="The instrument it belongs to.")
    async def instrument(self, info: Info) -> Instrument:
        return Instrument.from_row(
            await referenced(info.context.loaders.instrument_by_id, self.row.instrument_id)
        )

    @strawberry.field(description="The kind of cooperation it concerns; null when general.")
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
