"""From domain exceptions to ``errors[].extensions.code``, and masking of the unexpected.

Expected failures are ``DirectoryError`` subclasses (see ``directory.errors``): their message
and ``.extensions()`` reach the client as they are. Parse and validation errors stay readable
(with a code). Anything else raised by a resolver is a bug: its message is replaced by
"Unexpected error." (the traceback is still logged by Strawberry), so that SQL or paths
never leak.
"""

from __future__ import annotations

from collections.abc import Iterator

from graphql import GraphQLError, GraphQLSyntaxError
from strawberry.extensions import MaskErrors, SchemaExtension

from directory.db_outage import as_unavailable
from directory.errors import DirectoryError


def _expected(error: GraphQLError) -> DirectoryError | None:
    original = error.original_error
    if isinstance(original, DirectoryError):
        return original
    if original is not None and (unavailable := as_unavailable(original)) is not None:
        # SQLite busy past the retries, or a database that went away under a resolver:
        # SERVICE_UNAVAILABLE, answered 503 (see directory.db_outage)
        return unavailable
    return None


def should_mask(error: GraphQLError) -> bool:
    """Mask resolver exceptions that are not expected outcomes; keep client errors."""
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        return False
    return _expected(error) is None


class ErrorCodes(SchemaExtension):
    """Give every error an ``extensions.code``: the domain exception's own, or
    GRAPHQL_PARSE_FAILED / GRAPHQL_VALIDATION_FAILED / INTERNAL_SERVER_ERROR."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = getattr(result, "errors", None)
        if result is None or not errors:
            return
        result.errors = [self._coded(e) for e in errors]

    @staticmethod
    def _coded(error: GraphQLError) -> GraphQLError:
        expected = _expected(error)
        if expected is not None:
            return GraphQLError(
                expected.message,
                nodes=error.nodes,
                source=error.source,
                positions=error.positions,
                path=error.path,
                original_error=expected,
                extensions=expected.extensions(),
            )
        if (error.extensions or {}).get("code"):
            return error
        if isinstance(error, GraphQLSyntaxError):
            code = "GRAPHQL_PARSE_FAILED"
        elif error.path is not None:
            code = "INTERNAL_SERVER_ERROR"
        else:
            code = "GRAPHQL_VALIDATION_FAILED"
        error.extensions = {**(error.extensions or {}), "code": code}
        return error


def mask_errors() -> MaskErrors:
    return MaskErrors(should_mask_error=should_mask)


def is_expected(error: GraphQLError) -> bool:
    """An outcome the API answers on purpose (bad input, no right, conflict, a document that
    does not parse or validate): the client is told; the server log has nothing to fix."""
    return _expected(error) is not None or error.path is None


def is_unavailable(error: GraphQLError) -> bool:
    """The database could not answer (``SERVICE_UNAVAILABLE``)."""
    original = error.original_error
    return original is not None and as_unavailable(original) is not None


def final_errors(errors: list[GraphQLError]) -> list[GraphQLError]:
    """Every error as the client may see it: coded, and masked unless expected.

    ``ErrorCodes`` and ``MaskErrors`` run when the operation ends normally; an error raised
    inside an extension's hook (the parser's, a limiter's) escapes them and reaches the view
    bare: a syntax error without ``GRAPHQL_PARSE_FAILED``, or a bug with its message. The
    view applies this to every result, so no path misses the contract.
    """
    final = []
    for error in errors:
        if should_mask(error):
            error = GraphQLError(
                "Unexpected error.",
                nodes=error.nodes,
                source=error.source,
                positions=error.positions,
                path=error.path,
            )
        final.append(ErrorCodes._coded(error))
    return final
