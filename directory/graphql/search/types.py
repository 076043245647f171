"""GraphQL types of search results: a jurisdiction or an authority whose name, code or
city matched, and how it matched."""

from __future__ import annotations

from enum import StrEnum

import strawberry
from strawberry import relay

from directory.graphql.authorities.types import Authority
from directory.graphql.context import Info
from directory.graphql.loaders import referenced
from directory.graphql.treaties.jurisdiction_types import Jurisdiction
from directory.search import services

strawberry.enum(services.SearchHitKind)


@strawberry.enum
class SearchMatch(StrEnum):
    EXACT_CODE = "EXACT_CODE"
    EXACT_NAME = "EXACT_NAME"
    PREFIX = "PREFIX"
    WORD_PREFIX = "WORD_PREFIX"
    SUBSTRING = "SUBSTRING"


@strawberry.type
class SearchHit:
    hit: strawberry.Private[services.SearchHit]
    kind: services.SearchHitKind
    code: str = strawberry.field(description="Alpha-3 code, or the authority's key.")
    name: str
    matched: str = strawberry.field(description="The name, code or city that matched.")
    language: str | None
    match: SearchMatch

    @strawberry.field(description="The jurisdiction or authority found.")
    async def node(self, info: Info) -> relay.Node:
        if self.hit.kind == services.SearchHitKind.JURISDICTION:
            row = await referenced(info.context.loaders.jurisdiction_by_id, self.hit.id)
            return Jurisdiction.from_row(row)
        return Authority.from_row(
            await referenced(info.context.loaders.authority_by_id, self.hit.id)
        )

    @classmethod
    def of(cls, h: services.SearchHit) -> SearchHit:
        return cls(
            hit=h,
            kind=h.kind,
            code=h.code,
            name=h.name,
            matched=h.matched,
            language=h.language,
            match=SearchMatch(h.match.name),
        )
