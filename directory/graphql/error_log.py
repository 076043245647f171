"""What the server log says about a GraphQL request: the operation's name and its failures.

Strawberry logs every error it did not expect with ``logger.error(error, exc_info=…)``: the
message and the traceback's exception text. A database error's message quotes the values
of the statement (phones, e-mails, contact persons of a change), so ``log_errors`` replaces
that: one line per unexpected error with its type, its path in the response, the request
id and the traceback's frames, never a message (see ``directory.edge.logs``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from directory.edge.logs import current_request, error_log, log_exception

_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]{0,99}")


def log_errors(unexpected: list[GraphQLError], unavailable: list[GraphQLError]) -> None:
    """Unexpected errors (bugs) at ERROR, a database that cannot answer at WARNING."""
    for error in unexpected:
        original: BaseException = error.original_error or error
        log_exception(error_log, "unexpected error in a resolver", original, path=_path(error))
    for error in unavailable:
        original = error.original_error or error
        info = current_request()
        error_log.warning(
            f"database unavailable ({type(original).__name__})",
            extra={
                "fields": {
                    "request_id": info.request_id if info else "-",
                    "error": type(original).__name__,
                    "path": _path(error),
                }
            },
        )


def _path(error: GraphQLError) -> str | None:
    return ".".join(str(p) for p in error.path) if error.path else None


class RecordOperation(SchemaExtension):
    """Gives the access line the operation's name: only once the document has parsed and
    the name is one the document defines (``operationName`` in the body is arbitrary text,
    which could be anything a client pastes, a token included)."""

    def on_execute(self) -> Iterator[None]:
        info = current_request()
        name: Any = self.execution_context.operation_name
        if info is not None and isinstance(name, str) and _NAME.fullmatch(name):
            info.operation = name
        yield
