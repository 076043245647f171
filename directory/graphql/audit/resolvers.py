"""Root fields ``history`` and ``changes``: the audit trail, as the caller may see it."""

from __future__ import annotations

from typing import Annotated

import strawberry

from directory.audit import services as audit
from directory.errors import InvalidInput
from directory.graphql.audit.types import FEED_CURSOR, Revision
from directory.graphql.authorities.resolvers import authority_id_of
from directory.graphql.context import Info
from directory.graphql.nodes import row_id
from directory.graphql.pagination import decode_cursor, first_argument, paged
from directory.pages import FEED, HISTORY


def feed_position(after: str | None) -> int | None:
    """The revision id inside a cursor of the ``changes`` feed (None: from the start)."""
    key = decode_cursor(FEED_CURSOR, after)
    if key is None:
        return None
    position = row_id(key)
    if position is None:
        raise InvalidInput(
            f"after={after!r} is not a cursor of the changes feed: pass the `cursor` of a "
            "revision it returned",
            field=["after"],
            value=after,
        )
    return position


@strawberry.type
class AuditQuery:
    @paged(HISTORY, "Revisions of an authority, oldest first (later ones: `changes`).")
    async def history(
        self,
        info: Info,
        authority: Annotated[
            strawberry.ID, strawberry.argument(description="The authority's `id`.")
        ],
        first: Annotated[int, first_argument(HISTORY)] = HISTORY.default,
    ) -> list[Revision]:
        HISTORY.check(first)
        authority_id = await authority_id_of(info, authority, field=["authority"])
        views = await audit.history(
            info.context.session, info.context.caller(), authority_id, first=first
        )
        return [Revision.from_view(v) for v in views]

    @paged(
        FEED,
        "Every change after a cursor, in the order it was applied: a sync tool keeps the "
        "`cursor` of the last revision it read and asks again from there.",
    )
    async def changes(
        self,
        info: Info,
        after: Annotated[
            str | None,
            strawberry.argument(
                description="The `cursor` of the last revision already read; none: from "
                "the first change."
            ),
        ] = None,
        first: Annotated[int, first_argument(FEED)] = FEED.default,
    ) -> list[Revision]:
        views = await audit.changes(
            info.context.session,
            info.context.caller(),
            after=feed_position(after),
            first=first,
        )
        return [Revision.from_view(v) for v in views]
