"""Root fields ``history`` and ``changes``: the audit trail, as the caller may see it."""

from __future__ import annotations

import strawberry

from directory.audit import services as audit
from directory.graphql.audit.types import RevisionType
from directory.graphql.authorities.resolvers import authority_id_of
from directory.graphql.context import Info
from directory.graphql.pagination import paged
from directory.pages import FEED, HISTORY


@strawberry.type
class AuditQuery:
    @paged(HISTORY, "Revisions of an authority, oldest first (later ones: `changes`).")
    async def history(
        self, info: Info, authority: strawberry.ID, first: int = HISTORY.default
    ) -> list[RevisionType]:
        HISTORY.check(first)
        authority_id = await authority_id_of(info, authority)
        views = await audit.history(
            info.context.session, info.context.caller(), authority_id, first=first
        )
        return [RevisionType.from_view(v) for v in views]

    @paged(FEED, "Every change after a cursor (a revision id), in order.")
    async def changes(
        self, info: Info, after: int | None = None, first: int = FEED.default
    ) -> list[RevisionType]:
        views = await audit.changes(
            info.context.session, info.context.caller(), after=after, first=first
        )
        return [RevisionType.from_view(v) for v in views]
