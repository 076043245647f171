"""Every mutation's transaction, in one place: who asks, begin with the write lock, commit or
roll back, and bad input values as ``userErrors``.

    return await mutate(
        info,
        lambda session, caller: services.submit(session, caller, change, ...),
        answer=lambda outcome: WritePayload(status=..., authority=...),
        refused=lambda errors: WritePayload(user_errors=errors),
    )

The answer to a committed write must say that it succeeded, whatever happens next: a client
told otherwise sends it again and makes a duplicate. So ``answer`` builds the payload from
the rows the write holds (the sessions keep them loaded after commit:
``expire_on_commit=False``), never from a read after the commit; and ``Context.committed``
tells the view that a later failure (a nested field read after the commit, a second
mutation of the same document) must not be answered with a status that asks for a retry.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

import strawberry

from directory.accounts.permissions import Principal
from directory.db import SerialSession
from directory.editing.validation import graphql_path
from directory.errors import InputErrors, InvalidInput
from directory.graphql.context import Info

T = TypeVar("T")
P = TypeVar("P")


@strawberry.type
class UserError:
    """A bad value in the input: its path, a code, and how to fix it."""

    field: list[str]
    code: str
    message: str

    @classmethod
    def from_error(cls, error: InvalidInput) -> UserError:
        # camelCase whatever raised it: the caller knows the GraphQL names only
        path = graphql_path(error.field)
        return cls(field=[str(f) for f in path], code=error.code, message=error.message)


def user_errors(exc: InvalidInput) -> list[UserError]:
    """One entry per bad value (an ``InputErrors`` carries several)."""
    problems = exc.problems if isinstance(exc, InputErrors) else [exc]
    return [UserError.from_error(p) for p in problems]


async def mutate(
    info: Info,
    work: Callable[[SerialSession, Principal], Awaitable[T]],
    *,
    answer: Callable[[T], P],
    refused: Callable[[list[UserError]], P] | None,
) -> P:
    """Run ``work(session, caller)`` (services that flush, never commit) in one write
    transaction of the request's session, commit it, and return ``answer(result)``.

    The caller is settled before the transaction begins (an unauthenticated request was
    refused by the view; services check permissions first thing, before they write). The
    transaction begins before ``work`` reads anything, with the write lock on SQLite,
    retried while the database is busy and then ServiceUnavailable (nothing was done, so
    the client may send the request again). Reads done earlier by the resolver (a global ID
    to a row id) are in a read transaction that this ends first. On any exception the
    transaction is rolled back: an ``InvalidInput`` becomes ``refused(userErrors)`` (nothing
    was written); with ``refused=None`` it stays an error (``BAD_USER_INPUT``), as do
    refusals (UNAUTHENTICATED, FORBIDDEN, CONFLICT, NOT_FOUND)."""
    context = info.context
    session, caller = context.session, context.caller()
    await session.begin_write()
    try:
        result = await work(session, caller)
    except InvalidInput as exc:
        await session.rollback()
        if refused is None:
            raise
        return refused(user_errors(exc))
    except Exception:
        await session.rollback()
        raise
    await session.commit()
    context.committed = True
    return answer(result)
