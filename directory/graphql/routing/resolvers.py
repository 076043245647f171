"""Root field ``route``: arguments → the routing service → types."""

from __future__ import annotations

from typing import Annotated

import strawberry

from directory.db import utcnow
from directory.graphql.context import Info
from directory.graphql.routing.types import RouteAdvice, RouteInput
from directory.routing.services import route


@strawberry.type
class RoutingQuery:
    @strawberry.field(
        description="Where do I send this request? Authorities, channels, languages, legal "
        "bases and warnings, as of now. Unknown codes are BAD_USER_INPUT errors with "
        "`extensions.field` and `extensions.suggestions`."
    )
    async def route(
        self,
        info: Info,
        input: Annotated[RouteInput, strawberry.argument(description="The request to send.")],
    ) -> RouteAdvice:
        advice = await route(
            info.context.session,
            input.to_request(),
            now=utcnow(),
            stale_after_days=info.context.settings.stale_after_days,
        )
        return RouteAdvice.of(advice)
