"""The GraphQL-over-HTTP endpoint: Strawberry's ASGI view with one session per request.

Per request: a ``SerialSession`` (closed once the response is built, whatever happened) and
fresh DataLoaders, both in a typed ``Context``. Queries may come by POST (JSON) or GET;
mutations over GET are refused by Strawberry (400). A client that accepts
``application/graphql-response+json`` gets that media type, and HTTP 400 when the request
could not be executed at all (parse or validation error), as the GraphQL-over-HTTP draft says.

A request refused before execution is a GraphQL error body too (``run``): a body that is not
a GraphQL request 400 ``BAD_REQUEST`` (decoding: ``directory.graphql.request_body``), a bad token
401 ``UNAUTHENTICATED`` whatever the operation, an address past its failed authentications
429 ``RATE_LIMITED``, a database that cannot answer 503 ``SERVICE_UNAVAILABLE``.
"""

from __future__ import annotations

from typing import Any

from cross_web import HTTPException
from sqlalchemy.ext.asyncio import async_sessionmaker
from starlette.background import BackgroundTask
from starlette.requests import HTTPConnection, Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.schema import BaseSchema
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET

from directory.accounts.http import authenticate_header, record_last_use
from directory.accounts.permissions import ANONYMOUS, Principal
from directory.config import Settings
from directory.db import SerialSession, utcnow
from directory.db_outage import as_unavailable
from directory.edge.clients import client_address
from directory.edge.logs import error_log, log_exception
from directory.edge.responses import GRAPHQL_RESPONSE, error_response
from directory.errors import RateLimited, ServiceUnavailable, Unauthenticated
from directory.graphql.context import Context
from directory.graphql.errors import final_errors
from directory.graphql.graphiql import graphiql_page
from directory.graphql.loaders import Loaders
from directory.graphql.request_body import decode_request_json
from directory.ratelimits import RateLimits

INVALID_TOKEN = 'Bearer realm="directory", error="invalid_token"'

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
        except HTTPException as exc:
            # Strawberry's refusals (bad body, no query, mutation over GET, …) and ours
            return refusal(request, exc.status_code, "BAD_REQUEST", exc.reason)
        except Unauthenticated as exc:
            # RFC 6750: an invalid token is 401 with a challenge, for every operation
            return refusal(request, 401, exc.code, exc.message, {"www-authenticate": INVALID_TOKEN})
        except (ServiceUnavailable, RateLimited) as exc:
            # raised before execution (the token could not be read, or its address spent
            # its failed authentications): nothing ran
            retry = {"retry-after": str(exc.retry_after)}
            status = RETRY_STATUS[exc.code]
            return refusal(request, status, exc.code, exc.message, retry, exc.extensions())
        finally:
            session = getattr(request.state, "session", None)
            if session is not None:
                await _close(session)

    async def process_result(self, request: Request, result: ExecutionResult) -> Any:
        if result.errors:
            result.errors = final_errors(result.errors)
        return await super().process_result(request, result)

    def decode_json(self, data: str | bytes) -> object:
        return decode_request_json(data)

    async def render_graphql_ide(self, request: Request) -> Response:
        return graphiql_page()

    async def get_context(self, request: Request | WebSocket, response: Any) -> Context:
        # Creating a session opens no connection: that happens at its first query. A
        # mutation begins its own write transaction (directory.graphql.writes).
        session = self.sessionmaker()
        request.state.session = session
        principal = ANONYMOUS
        header = request.headers.get("authorization")
        if header:
            principal = await self._authenticate(request, response, header)
        return Context(
            # HTTP only: the app mounts no WebSocket route, so this is always a Request
            request=request,  # type: ignore[arg-type]
            response=response,
            session=session,
            settings=self.settings,
            loaders=Loaders(session),
            principal=principal,
            rate_limits=self.rate_limits,
        )

    async def _authenticate(self, request: HTTPConnection, response: Any, header: str) -> Principal:
        """The header's principal, or the refusal of the whole request (see ``run``): a bad,
        expired or revoked token is 401 (never served as the public, whatever it asks), an
        address past its failed authentications 429 (its token is not even looked up), a
        database that cannot answer 503."""
        address = None
        if self.rate_limits is not None:
            address = client_address(request, self.settings.trusted_proxies)
            refusal = await self.rate_limits.auth_refusal(address)
            if refusal is not None:
                raise refusal
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
        except Unauthenticated:
            if self.rate_limits is not None and address is not None:
                await self.rate_limits.auth_failed(address)
            raise
        except Exception as exc:
            if (unavailable := as_unavailable(exc)) is not None:
                raise unavailable from None
            raise
        if auth.last_use_due and isinstance(response, Response):
            response.background = BackgroundTask(
                record_last_use, self.sessionmaker, auth.principal, now
            )
        return auth.principal

    # strawberry passes these by keyword; they go on to the base class unchanged
    async def execute_operation(self, **kwargs: Any) -> Any:  # type: ignore[override]
        result = await super().execute_operation(**kwargs)
        # for create_response, which sees only the sub-response
        kwargs["sub_response"].committed = kwargs["context"].committed
        return result

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        sub_response = await super().get_sub_response(request)
        # an attribute of our own on the sub-response, read back in create_response
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
            and not any(
                isinstance(e, dict) and "path" in e for e in response_data.get("errors") or ()
            )
        )
        if wants_graphql_response and request_error:
            # nothing was executed: the draft says no `data` entry and HTTP 400 (a dict:
            # request_error checked it, but mypy does not carry that through the bool)
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
            if not isinstance(error, dict):  # formatted errors are dicts; never else
                continue
            extensions = error.get("extensions") or {}
            if extensions.get("code") in RETRY_STATUS:
                return extensions
    return None


def refusal(
    request: Request,
    status: int,
    code: str,
    message: str,
    headers: dict[str, str] | None = None,
    extensions: dict[str, object] | None = None,
) -> Response:
    """A request refused before execution, as a GraphQL error body with its status."""
    accept = request.headers.get("accept", "")
    return error_response(
        status, code, message, accept=accept, headers=headers, extensions=extensions
    )


async def _close(session: SerialSession) -> None:
    """Close the request's session; a failure to (the database went away) is logged, never
    answered: the response is already built."""
    try:
        await session.close()
    except Exception as exc:
        log_exception(error_log, "could not close the request's session", exc)
