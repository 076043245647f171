"""The GraphQL-over-HTTP endpoint: Strawberry's ASGI view with one session per request.

Per request: a ``SerialSession`` (closed once the response is built, whatever happened) and
fresh DataLoaders, both in a typed ``Context``. Queries may come by POST (JSON) or GET;
mutations over GET are refused by Strawberry (400). A client that accepts
``application/graphql-response+json`` gets that media type, and HTTP 400 when the request
could not be executed at all (parse or validation error), as the GraphQL-over-HTTP draft says.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import async_sessionmaker
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.schema import BaseSchema
from strawberry.types.unset import UNSET

from directory.accounts.http import principal_from_header
from directory.accounts.permissions import ANONYMOUS
from directory.api.context import Context
from directory.api.loaders import Loaders
from directory.config import Settings
from directory.db import SerialSession, utcnow
from directory.errors import Unauthenticated

GRAPHQL_RESPONSE = "application/graphql-response+json"


class DirectoryGraphQL(GraphQL[Context, None]):
    def __init__(
        self,
        schema: BaseSchema,
        *,
        settings: Settings,
        sessionmaker: async_sessionmaker[SerialSession],
    ) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.graphiql else None,
            allow_queries_via_get=True,
            multipart_uploads_enabled=False,
        )
        self.settings = settings
        self.sessionmaker = sessionmaker

    async def run(self, request: Any, context: Any = UNSET, root_value: Any = UNSET) -> Any:
        try:
            return await super().run(request, context=context, root_value=root_value)
        finally:
            session = getattr(request.state, "session", None)
            if session is not None:
                await session.close()

    async def get_context(self, request: Request | WebSocket, response: Any) -> Context:
        # Creating a session opens no connection: that happens at its first query.
        session = self.sessionmaker()
        request.state.session = session
        principal, auth_error = ANONYMOUS, None
        header = request.headers.get("authorization")
        if header:
            try:
                principal = await principal_from_header(session, header, utcnow())
                await session.commit()  # the token's last-used time
            except Unauthenticated as exc:
                auth_error = exc
                await session.rollback()
        return Context(
            request=request,  # type: ignore[arg-type]
            response=response,
            session=session,
            settings=self.settings,
            loaders=Loaders(session),
            principal=principal,
            auth_error=auth_error,
        )

    async def get_sub_response(self, request: Request) -> Response:
        sub_response = await super().get_sub_response(request)
        sub_response.graphql_response_json = GRAPHQL_RESPONSE in request.headers.get(  # type: ignore[attr-defined]
            "accept", ""
        )
        return sub_response

    def create_response(
        self,
        response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
        sub_response: Response,
    ) -> Response:
        wants_graphql_response = getattr(sub_response, "graphql_response_json", False)
        request_error = (
            isinstance(response_data, dict)
            and response_data.get("data") is None
            and not any("path" in e for e in response_data.get("errors") or ())
        )
        if wants_graphql_response and request_error:
            # nothing was executed: the draft says no `data` entry and HTTP 400
            response_data = {k: v for k, v in response_data.items() if k != "data"}  # type: ignore[union-attr,assignment]
            sub_response.status_code = 400
        response = super().create_response(response_data, sub_response)
        if wants_graphql_response:
            response.headers["content-type"] = GRAPHQL_RESPONSE
        return response
