"""Cursor connections (Relay) over keyset pages computed in SQL.

A service returns a ``Page`` (rows, has_next, total); ``connection`` wraps it with opaque
cursors. A cursor encodes the row's unique ordering key (``jurisdiction:FRA``), so the
next page is ``WHERE key > :after ORDER BY key LIMIT :first`` — no OFFSET, no slicing in
Python, and stable while rows are added.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import strawberry
from strawberry import relay

from directory.errors import InvalidInput
from directory.pages import PageSize
from directory.treaties.services import Page

T = TypeVar("T")


@strawberry.type(description="One item of a page, with the cursor that points at it.")
class Edge(Generic[T]):
    cursor: str = strawberry.field(
        description="Opaque: pass it as `after` to continue after this item."
    )
    node: T = strawberry.field(description="The item.")


@strawberry.type(
    description="One page of a list (a Relay cursor connection): `first` items after the "
    "cursor `after`; follow `pageInfo.endCursor` while `pageInfo.hasNextPage`."
)
class Connection(Generic[T]):
    edges: list[Edge[T]] = strawberry.field(description="The page's items with their cursors.")
    page_info: relay.PageInfo = strawberry.field(
        description="Where the page sits in the list, and the cursors to move on."
    )
    total_count: int = strawberry.field(description="Items matching the filter, on all pages.")

    @strawberry.field(description="The nodes of `edges`, for clients that need no cursor.")
    def nodes(self) -> list[T]:
        return [edge.node for edge in self.edges]


def encode_cursor(kind: str, key: str) -> str:
    return base64.urlsafe_b64encode(f"{kind}:{key}".encode()).decode()


def decode_cursor(kind: str, cursor: str | None) -> str | None:
    """The key inside ``cursor`` (None for None), or InvalidInput naming the cursor."""
    if cursor is None:
        return None
    try:
        prefix, _, key = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        prefix, key = "", ""
    if prefix != kind or not key:
        raise InvalidInput(
            f"after={cursor!r} is not a cursor of this list: pass a pageInfo.endCursor "
            f"or an edge cursor returned by the same field",
            field=["after"],
            value=cursor,
        )
    return key


def connection(
    kind: str,
    page: Page[Any],
    *,
    key: Callable[[Any], str],
    node: Callable[[Any], T],
    after: str | None,
) -> Connection[T]:
    edges = [Edge(cursor=encode_cursor(kind, key(row)), node=node(row)) for row in page.rows]
    return Connection(
        edges=edges,
        page_info=relay.PageInfo(
            has_next_page=page.has_next,
            has_previous_page=after is not None,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total_count=page.total,
    )


def first_argument(page: PageSize) -> Any:
    """``strawberry.argument`` of a list's ``first``: its default and its bounds."""
    return strawberry.argument(
        description=f"How many {page.items} to return: {page.minimum} to {page.maximum}, "
        f"{page.default} by default. Outside the range: BAD_USER_INPUT."
    )


def after_argument(kind: str) -> Any:
    """``strawberry.argument`` of a connection's ``after``."""
    return strawberry.argument(
        description=f"Cursor of the {kind} to start after (`pageInfo.endCursor` or an edge's "
        "`cursor` of this field); none: from the start."
    )


def paged(page: PageSize, description: str) -> Any:
    """``strawberry.field`` of a list that takes ``first``: its description states the page
    size, and its metadata carries it to the cost estimate (``directory.graphql.cost``)."""
    return strawberry.field(
        description=f"{description} `first`: {page.default} by default, at most {page.maximum}.",
        metadata=page.metadata,
    )
