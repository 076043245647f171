"""GraphQL error bodies for refusals made before (or outside) GraphQL execution.

``{"errors": [{"message": …, "extensions": {"code": …}}]}`` with no ``data`` entry, as the
GraphQL-over-HTTP draft wants for a request that was not executed, in the media type the
client accepts (``application/graphql-response+json`` or ``application/json``).
"""

from __future__ import annotations

from collections.abc import Mapping

import orjson
from starlette.responses import Response
from starlette.types import Scope, Send

GRAPHQL_RESPONSE = "application/graphql-response+json"


def error_body(code: str, message: str, extensions: Mapping[str, object] | None = None) -> bytes:
    return orjson.dumps(
        {"errors": [{"message": message, "extensions": {**(extensions or {}), "code": code}}]}
    )


def media_type(accept: str) -> str:
    return GRAPHQL_RESPONSE if GRAPHQL_RESPONSE in accept else "application/json"


def error_response(
    status: int,
    code: str,
    message: str,
    *,
    accept: str = "",
    headers: Mapping[str, str] | None = None,
    extensions: Mapping[str, object] | None = None,
) -> Response:
    """A Starlette response (for the view)."""
    return Response(
        error_body(code, message, extensions),
        status_code=status,
        media_type=media_type(accept),
        headers=dict(headers or {}),
    )


async def send_error(
    scope: Scope,
    send: Send,
    status: int,
    code: str,
    message: str,
    *,
    headers: Mapping[str, str] | None = None,
) -> None:
    """The same answer sent straight on an ASGI ``send`` (for middleware)."""
    accept = ""
    for name, value in scope.get("headers") or ():
        if name == b"accept":
            accept = value.decode("latin-1")
    response = error_response(status, code, message, accept=accept, headers=headers)
    await response(scope, _no_receive, send)


async def _no_receive() -> dict[str, object]:  # pragma: no cover - a Response never reads
    return {"type": "http.disconnect"}
