"""A mutation's transaction: begun with the write lock, committed, and from then on final.

The answer to a committed write must say that it succeeded, whatever happens next: a client
told otherwise sends it again and makes a duplicate. So a mutation builds its payload from
the rows its write holds (the sessions keep them loaded after commit:
``expire_on_commit=False``), never from a read after the commit; and ``Context.committed``
tells the view that a later failure (a nested field read after the commit, a second
mutation of the same document) must not be answered with a status that asks for a retry.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from directory.graphql.context import Context

T = TypeVar("T")


async def committed(context: Context, work: Callable[[], Awaitable[T]]) -> T:
    """Run ``work`` (services that flush, never commit) in one write transaction of the
    request's session and commit it; on any exception roll it back and re-raise.

    The transaction begins before ``work`` reads anything, with the write lock on SQLite,
    retried while the database is busy and then ServiceUnavailable (nothing was done, so
    the client may send the request again). Reads done earlier by the resolver (a global
    ID to a row id) are in a read transaction that this ends first."""
    session = context.session
    await session.begin_write()
    try:
        result = await work()
    except Exception:
        await session.rollback()
        raise
    await session.commit()
    context.committed = True
    return result
