"""Every mutation's transaction, in one place: who asks, begin with the write lock, commit or
roll back, and the refusals a client can fix as ``userErrors``.

    return await mutate(
        info,
        lambda session, caller: services.submit(session, caller, change, ...),
        answer=lambda outcome: UpdateAuthorityPayload(status=..., authority=...),
        refused=lambda errors: UpdateAuthorityPayload(user_errors=errors),
    )

The answer to a committed write must say that it succeeded, whatever happens next: a client
told otherwise sends it again and makes a duplicate. So ``answer`` builds the payload from
the rows the write holds (the sessions keep them loaded after commit:
``expire_on_commit=False``), never from a read after the commit; and ``Context.committed``
tells the view that a later failure (a nested field read after the commit, a second
mutation of the same document) must not be answered with a status that asks for a retry.

What comes back as ``userErrors`` (``UserErrorCode``): a bad value (INVALID), an ID that
is not one of the type asked for (INVALID_ID), an ID or code that names nothing
(NOT_FOUND), a version that is not the current one (STALE_VERSION), a write the current
state refuses (CONFLICT). Who may write is not a value to fix: UNAUTHENTICATED and
FORBIDDEN stay errors with their ``extensions.code`` (and ``extensions.permission``).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import Any, TypeVar

import strawberry

from directory.accounts.permissions import Principal
from directory.db import SerialSession
from directory.editing.validation import graphql_path
from directory.errors import (
    Conflict,
    InputErrors,
    InvalidInput,
    NotFound,
    StaleVersion,
    UnknownReference,
)
from directory.graphql.context import Info
from directory.graphql.enums import describe
from directory.graphql.nodes import InvalidId

T = TypeVar("T")
P = TypeVar("P")

# Every refusal a mutation answers in its payload rather than as an error.
Refusal = InvalidInput | NotFound | Conflict
REFUSALS = (InvalidInput, NotFound, Conflict)


class UserErrorCode(StrEnum):
    INVALID = "INVALID"
    INVALID_ID = "INVALID_ID"
    NOT_FOUND = "NOT_FOUND"
    STALE_VERSION = "STALE_VERSION"
    CONFLICT = "CONFLICT"


describe(
    UserErrorCode,
    "Why a value of a mutation's input was refused.",
    {
        UserErrorCode.INVALID: "The value is malformed, out of range, missing or not allowed "
        "here; the message names it and the fix.",
        UserErrorCode.INVALID_ID: "The ID does not decode, or is the ID of an object of another "
        "type: pass an `id` this API returned for that type.",
        UserErrorCode.NOT_FOUND: "The ID or code names nothing the caller may see.",
        UserErrorCode.STALE_VERSION: "`expectedVersion` is not the entry's current version: "
        "someone changed it since it was read; read it again and reapply the change.",
        UserErrorCode.CONFLICT: "The current state refuses the write (a retired authority, a "
        "change request already reviewed).",
    },
)


@strawberry.type(description="A refused value of the input: its path, a code, and the fix.")
class UserError:
    field: list[str] = strawberry.field(
        description="The path of the value in the mutation's arguments, in camelCase "
        '(["input", "names", "0", "name"]); empty when no one value is at fault.'
    )
    code: UserErrorCode = strawberry.field(description="Why it was refused.")
    message: str = strawberry.field(description="What is wrong, naming the value and the fix.")

    @classmethod
    def from_error(cls, error: Refusal) -> UserError:
        # camelCase whatever raised it, and the inputs' names of references: the caller
        # knows the GraphQL names and global IDs only
        path = [_api_name(str(f)) for f in graphql_path(getattr(error, "field", []))]
        message = error.message
        for old, new in _RENAMED.items():
            message = re.sub(rf"\b{old}\b", new, message)
        if isinstance(error, NotFound) and isinstance(error.key, int):
            # a row id the caller never saw (it sent a global ID): name the kind only
            message = (
                f"No {error.kind} has the ID given: pass the `id` of a {error.kind} "
                "returned by this API."
            )
        return cls(field=path, code=code_of(error), message=message)


# The services name a reference by its row id's field; the inputs by the object's name.
_RENAMED = {"designationId": "designation", "provisionId": "provision", "ruleId": "rule"}


def _api_name(name: str) -> str:
    return _RENAMED.get(name, name)


def code_of(error: Refusal) -> UserErrorCode:
    match error:
        case InvalidId():
            return UserErrorCode.INVALID_ID
        case UnknownReference():
            return UserErrorCode.NOT_FOUND
        case InvalidInput():
            return UserErrorCode.INVALID
        case NotFound():
            return UserErrorCode.NOT_FOUND
        case StaleVersion():
            return UserErrorCode.STALE_VERSION
        case _:
            return UserErrorCode.CONFLICT


def user_errors(exc: Refusal) -> list[UserError]:
    """One entry per bad value (an ``InputErrors`` carries several)."""
    problems: list[Refusal] = list(exc.problems) if isinstance(exc, InputErrors) else [exc]
    return [UserError.from_error(p) for p in problems]


async def mutate(
    info: Info,
    work: Callable[[SerialSession, Principal], Awaitable[T]],
    *,
    answer: Callable[[T], P],
    refused: Callable[[list[UserError]], P],
) -> P:
    """Run ``work(session, caller)`` (services that flush, never commit) in one write
    transaction of the request's session, commit it, and return ``answer(result)``.

    The caller is settled before the transaction begins (an unauthenticated request was
    refused by the view; services check permissions first thing, before they write). The
    transaction begins before ``work`` reads anything, with the write lock on SQLite,
    retried while the database is busy and then ServiceUnavailable (nothing was done, so
    the client may send the request again). Reads done earlier by the resolver (a global ID
    to a row id: refused there as ``userErrors`` too, before any lock is taken) are in a
    read transaction that this ends first. On any exception the transaction is rolled
    back: a ``Refusal`` becomes ``refused(userErrors)`` (nothing was written);
    UNAUTHENTICATED and FORBIDDEN stay errors."""
    context = info.context
    session, caller = context.session, context.caller()
    await session.begin_write()
    try:
        result = await work(session, caller)
    except REFUSALS as exc:
        await session.rollback()
        return refused(user_errors(exc))
    except Exception:
        await session.rollback()
        raise
    await session.commit()
    context.committed = True
    return answer(result)


def echo(input: object) -> str | None:
    """The ``clientMutationId`` of a mutation's input, for its payload."""
    value = getattr(input, "client_mutation_id", None)
    return value if isinstance(value, str) else None


CLIENT_MUTATION_ID = (
    "Any string the client chooses; the payload gives it back unchanged, to match an "
    "answer to its request."
)


def input_argument() -> Any:
    """``strawberry.argument`` of a mutation's one ``input``."""
    return strawberry.argument(
        description="What to write. A value the write refuses comes back in the payload's "
        "`userErrors`, naming the input field; then nothing is written."
    )
