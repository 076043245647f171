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
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.schema import BaseSchema
from strawberry.types.unset import UNSET

from directory.accounts.http import authenticate_header, record_last_use
from directory.accounts.permissions import ANONYMOUS
from directory.api.context import Context
from directory.api.loaders import Loaders
from directory.api.ratelimits import client_address
from directory.config import Settings
from directory.db import SerialSession, utcnow
from directory.errors import ServiceUnavailable, Unauthenticated
from directory.ratelimits import RateLimits

GRAPHQL_RESPONSE = "application/graphql-response+json"

# Outcomes that pass with time: their HTTP status, whatever the media type asked for, and a
# Retry-After header taken from the error's ``extensions.retryAfter`` (see
# ``directory.errors._RetryLater``). A client or proxy that reads only the status still
# learns to come back later instead of treating the answer as a server failure.
RETRY_STATUS = {"SERVICE_UNAVAILABLE": 503, "RATE_LIMITED": 429}


class DirectoryGraphQL(GraphQL[Context, None]):
    def __init__(
        self,
        schema: BaseSchema,
        *,
        settings: Settings,
        sessionmaker: async_sessionmaker[SerialSession],
        rate_limits: RateLimits | None = None,
    ) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if settings.graphiql else None,
            allow_queries_via_get=True,
            multipart_uploads_enabled=False,
        )
        self.settings = settings
        self.sessionmaker = sessionmaker
        self.rate_limits = rate_limits

    async def run(self, request: Any, context: Any = UNSET, root_value: Any = UNSET) -> Any:
        try:
            return await super().run(request, context=context, root_value=root_value)
        except ServiceUnavailable as exc:
            # raised before execution (the token could not be read): nothing ran
            return _unavailable(exc)
        finally:
            session = getattr(request.state, "session", None)
            if session is not None:
                await session.close()

    async def get_context(self, request: Request | WebSocket, response: Any) -> Context:
        # Creating a session opens no connection: that happens at its first query. A
        # mutation begins its own write transaction (directory.api.writes).
        session = self.sessionmaker()
        request.state.session = session
        principal, auth_error = ANONYMOUS, None
        header = request.headers.get("authorization")
        if header and self.rate_limits is not None:
            # past its failed authentications, an address's tokens are not even looked up
            address = client_address(request, self.settings.trusted_proxies)
            auth_error = await self.rate_limits.auth_refusal(address)
        if header and auth_error is None:
            # Authenticating only reads, in a short read transaction of its own, ended before
            # the request's work begins: it never takes, nor waits for, the write lock that a
            # mutation takes next, and a busy database is retried there (directory.busy),
            # then answered 503 (see ``run``). The token's last-used time is written apart,
            # at most once a minute, in a short transaction of its own, after the response
            # is sent, and its failure is only logged: a read must never wait for, nor fail
            # on, the write lock that a long writer (a seed run) may hold.
            now = utcnow()
            try:
                async with self.sessionmaker() as reading:
                    auth = await authenticate_header(reading, header, now)
                principal = auth.principal
            except Unauthenticated as exc:
                auth_error, auth = exc, None
                if self.rate_limits is not None:
                    await self.rate_limits.auth_failed(address)
            if auth is not None and auth.last_use_due and isinstance(response, Response):
                response.background = BackgroundTask(
                    record_last_use, self.sessionmaker, principal, now
                )
        return Context(
            request=request,  # type: ignore[arg-type]
            response=response,
            session=session,
            settings=self.settings,
            loaders=Loaders(session),
            principal=principal,
            auth_error=auth_error,
            rate_limits=self.rate_limits,
        )

    async def execute_operation(self, **kwargs: Any) -> Any:
        result = await super().execute_operation(**kwargs)
        # for create_response, which sees only the sub-response
        kwargs["sub_response"].committed = kwargs["context"].committed
        return result

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
        retry = _retry_error(response_data)
        # Never "come back later" once a write of this request was committed: the client
        # would send it again and make a duplicate. The data says what was applied.
        if retry is not None and not getattr(sub_response, "committed", False):
            sub_response.status_code = RETRY_STATUS[retry["code"]]
            sub_response.headers["retry-after"] = str(retry.get("retryAfter", 1))
        response = super().create_response(response_data, sub_response)
        if wants_graphql_response:
            response.headers["content-type"] = GRAPHQL_RESPONSE
        return response


def _retry_error(
    response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
) -> dict[str, Any] | None:
    """The extensions of the first error whose code means "come back later", if any."""
    for item in response_data if isinstance(response_data, list) else [response_data]:
        for error in item.get("errors") or ():
            extensions = error.get("extensions") or {}
            if extensions.get("code") in RETRY_STATUS:
                return extensions
    return None


def _unavailable(exc: ServiceUnavailable) -> Response:
    body = {"data": None, "errors": [{"message": exc.message, "extensions": exc.extensions()}]}
    return JSONResponse(body, status_code=503, headers={"retry-after": str(exc.retry_after)})
