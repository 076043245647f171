"""Root field ``search``: arguments → the search service → types."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import relay

from directory.graphql.context import Info
from directory.graphql.pagination import Connection, Edge, after_argument, first_argument
from directory.graphql.search.types import SearchHit
from directory.pages import SEARCH
from directory.search import services as search_services


@strawberry.type
class SearchQuery:
    @strawberry.field(
        description="Jurisdictions and authorities whose names (any language), codes or city "
        "match `text`, accents and case ignored; best match first; at most 100 per page.",
        metadata=SEARCH.metadata,
    )
    async def search(
        self,
        info: Info,
        text: Annotated[
            str,
            strawberry.argument(
                description="What to look for: part of a name or city, or a code; "
                "BAD_USER_INPUT when it has no letter or digit."
            ),
        ],
        first: Annotated[int | None, first_argument(SEARCH)] = None,
        after: Annotated[str | None, after_argument("hit")] = None,
    ) -> Connection[SearchHit]:
        page = await search_services.search(info.context.session, text, first=first, after=after)
        offset = search_services.decode_cursor(page.start_cursor) if page.start_cursor else 0
        edges = [
            Edge(cursor=search_services.encode_cursor(offset + i), node=SearchHit.of(h))
            for i, h in enumerate(page.hits)
        ]
        return Connection(
            edges=edges,
            page_info=relay.PageInfo(
                has_next_page=page.has_next_page,
                has_previous_page=page.has_previous_page,
                start_cursor=page.start_cursor,
                end_cursor=page.end_cursor,
            ),
            total_count=page.total_count,
        )
