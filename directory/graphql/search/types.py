"""GraphQL types of search results: a jurisdiction or an authority whose name, code or
city matched, and how it matched."""

from __future__ import annotations

from enum import StrEnum

import strawberry
from strawberry import relay

from directory.graphql.authorities.types import Authority
from directory.graphql.context import Info
from directory.graphql.enums import describe
from directory.graphql.loaders import referenced
from directory.graphql.treaties.jurisdiction_types import Jurisdiction
from directory.search import services

describe(
    services.SearchHitKind,
    "What a search hit is.",
    {
        services.SearchHitKind.JURISDICTION: "A jurisdiction; `code` is its alpha-3 code.",
        services.SearchHitKind.AUTHORITY: "An active authority; `code` is its key.",
    },
)


class SearchMatch(StrEnum):
    EXACT_CODE = "EXACT_CODE"
    EXACT_NAME = "EXACT_NAME"
    PREFIX = "PREFIX"
    WORD_PREFIX = "WORD_PREFIX"
    SUBSTRING = "SUBSTRING"


describe(
    SearchMatch,
    "How a hit matched the search text (accents, case and punctuation ignored), best first.",
    {
        SearchMatch.EXACT_CODE: "The text is its alpha-3 or alpha-2 code.",
        SearchMatch.EXACT_NAME: "The text is one of its names.",
        SearchMatch.PREFIX: "A name (or city) starts with it.",
        SearchMatch.WORD_PREFIX: "A word of a name (or city) starts with it.",
        SearchMatch.SUBSTRING: "A name (or city) contains it.",
    },
)


@strawberry.type(
    description="A jurisdiction or an authority whose name, code or city matched, and how."
)
class SearchHit:
    hit: strawberry.Private[services.SearchHit]
    kind: services.SearchHitKind = strawberry.field(description="Jurisdiction or authority.")
    code: str = strawberry.field(description="Alpha-3 code, or the authority's key.")
    name: str = strawberry.field(
        description="Its name in English, else its original, else its code (as the `name` "
        "of `node`)."
    )
    matched: str = strawberry.field(description="The name, code or city that matched.")
    language: str | None = strawberry.field(
        description="ISO 639 code of the name that matched; null for codes and cities."
    )
    match: SearchMatch = strawberry.field(description="How it matched.")

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
