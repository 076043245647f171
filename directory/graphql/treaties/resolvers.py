"""Root fields of the treaties domain: arguments → service → types."""

from __future__ import annotations

from typing import Annotated

import strawberry

from directory.enums import JurisdictionKind, RegionalGroup
from directory.graphql.context import Info
from directory.graphql.pagination import (
    Connection,
    after_argument,
    connection,
    decode_cursor,
    first_argument,
)
from directory.graphql.treaties.jurisdiction_types import Jurisdiction
from directory.graphql.treaties.types import Instrument, Subject
from directory.pages import CONNECTION
from directory.treaties import models as m
from directory.treaties import services


@strawberry.input(description="Which jurisdictions to list; every filter given must hold.")
class JurisdictionFilter:
    kind: JurisdictionKind | None = strawberry.field(
        default=None, description="Only States, territories or organizations."
    )
    regional_group: RegionalGroup | None = strawberry.field(
        default=None, description="Only the States of this UN regional group."
    )
    party_to: str | None = strawberry.field(
        default=None,
        description="Instrument code (e.g. UNTOC, any case): only those that consented to "
        "be bound by it (a signature alone does not count).",
    )
    parent: str | None = strawberry.field(
        default=None,
        description="ISO 3166-1 alpha-3 code of a State: only its territories "
        "(BAD_USER_INPUT when not three letters).",
    )


@strawberry.type
class TreatiesQuery:
    @strawberry.field(
        description="The jurisdiction with this ISO 3166-1 alpha-3 code, else alpha-2 code "
        "(FR), else another common code (the IOC's GER for DEU); null when none has it."
    )
    async def jurisdiction(
        self,
        info: Info,
        code: Annotated[
            str,
            strawberry.argument(
                description="ISO 3166-1 alpha-3 code (FRA), else alpha-2 (FR), else another "
                "common code (GER), any case; BAD_USER_INPUT when not two or three letters."
            ),
        ],
    ) -> Jurisdiction | None:
        parsed = services.parse_lookup_code(code)
        row = None
        if len(parsed) == 3:
            row = await info.context.loaders.jurisdiction_by_code.load(parsed)
        if row is None:
            row = await services.jurisdiction_by_other_code(info.context.session, parsed)
        return Jurisdiction.from_row(row) if row is not None else None

    @strawberry.field(
        description="Jurisdictions ordered by code; at most 100 per page.",
        metadata=CONNECTION.metadata,
    )
    async def jurisdictions(
        self,
        info: Info,
        filter: Annotated[
            JurisdictionFilter | None,
            strawberry.argument(description="Which ones; none: every jurisdiction."),
        ] = None,
        first: Annotated[int, first_argument(CONNECTION)] = CONNECTION.default,
        after: Annotated[str | None, after_argument("jurisdiction")] = None,
    ) -> Connection[Jurisdiction]:
        f = filter or JurisdictionFilter()
        query = services.JurisdictionQuery(
            kind=f.kind, regional_group=f.regional_group, party_to=f.party_to, parent=f.parent
        )
        page = await services.list_jurisdictions(
            info.context.session, query, first=first, after=decode_cursor("jurisdiction", after)
        )
        info.context.loaders.prime_jurisdictions(page.rows)
        return connection(
            "jurisdiction", page, key=lambda r: r.code, node=Jurisdiction.from_row, after=after
        )

    @strawberry.field(description="Every instrument, ordered by code.")
    async def instruments(self, info: Info) -> list[Instrument]:
        rows = await services.all_instruments(info.context.session)
        return [Instrument.from_row(r) for r in rows]

    @strawberry.field(description="The instrument with this code; null when none has it.")
    async def instrument(
        self,
        info: Info,
        code: Annotated[str, strawberry.argument(description="Its code, any case (UNTOC).")],
    ) -> Instrument | None:
        row = await info.context.loaders.instrument_by_code.load(code.strip().upper())
        return Instrument.from_row(row) if row is not None else None

    @strawberry.field(
        description="The vocabulary of kinds of cooperation (MLA, EXTRADITION, …), in display "
        "order."
    )
    async def subjects(self, info: Info) -> list[Subject]:
        rows = await services.vocabulary(info.context.session, m.Subject)
        return [Subject.from_row(r) for r in rows]
