"""The GraphQL type of a legal requirement a jurisdiction sets for requests
(``directory.authorities.requirements``), as its editors write it (``route`` answers with
``RequirementAdvice``, built from the same rows)."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry import relay

from directory.authorities.requirements import Requirement as RequirementRow
from directory.enums import BasisCondition, RequirementStatus, Verification
from directory.graphql.context import Info
from directory.graphql.loaders import referenced
from directory.graphql.nodes import load_rows
from directory.graphql.treaties.jurisdiction_types import Jurisdiction
from directory.graphql.treaties.types import Instrument, Source, instrument_of, sources


@strawberry.type(
    description="What a request to a jurisdiction must satisfy (dual criminality, an "
    "assurance, a form, …), with its text and sources."
)
class Requirement(relay.Node):
    row: strawberry.Private[RequirementRow]
    kind: str = strawberry.field(description="Requirement kind code (DUAL_CRIMINALITY, …).")
    status: RequirementStatus = strawberry.field(description="What the State says of it.")
    subject: str | None = strawberry.field(description="Subject code it is for; null: all.")
    measure: str | None = strawberry.field(description="Measure code it is for; null: all.")
    basis_condition: BasisCondition | None = strawberry.field(
        description="When it applies by the pair's legal bases, about `instrument`."
    )
    text: str | None = strawberry.field(description="What it says, in English.")
    url: str | None = strawberry.field(description="National legislation or a guide.")
    verification: Verification = strawberry.field(description="How far it is confirmed.")

    @classmethod
    def from_row(cls, row: RequirementRow) -> Requirement:
        return cls(
            row=row,
            kind=row.kind_code,
            status=row.status,
            subject=row.subject_code,
            measure=row.measure_code,
            basis_condition=row.basis_condition,
            text=row.text,
            url=row.url,
            verification=row.verification,
        )

    @classmethod
    def resolve_id(cls, root: Requirement, *, info: Info) -> str:
        return str(root.row.id)

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Any, required: bool = False) -> list[Any]:
        return await load_rows(cls, info.context.loaders.requirement_by_id, node_ids)

    @strawberry.field(description="The jurisdiction whose requirement it is.")
    async def jurisdiction(self, info: Info) -> Jurisdiction:
        loader = info.context.loaders.jurisdiction_by_id
        return Jurisdiction.from_row(await referenced(loader, self.row.jurisdiction_id))

    @strawberry.field(description="The instrument its condition on the legal basis names.")
    async def instrument(self, info: Info) -> Instrument | None:
        return await instrument_of(info, self.row.instrument_id)

    @strawberry.field(description="Where it was read.")
    async def sources(self, info: Info) -> list[Source]:
        return sources(await info.context.loaders.sources_of_requirement.load(self.row.id))
