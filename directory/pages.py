"""Page sizes of the lists that can grow, and "the first N rows per owner" in one statement.

Every list a client can make long (an authority's designations, a jurisdiction's rules, the
audit trail, the review queue) takes ``first``: a default when omitted, a maximum it may not
exceed. The same ``PageSize`` is read by the service that limits the rows in SQL and, through
the field's metadata, by the API's cost estimate (``directory.graphql.cost``), so the bound that
is enforced is the bound that is charged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select

from directory.errors import InvalidInput


@dataclass(frozen=True)
class PageSize:
    """``first`` of one list: ``default`` when omitted, at most ``maximum``, at least
    ``minimum``; ``items`` names what is counted, for the message."""

    default: int
    maximum: int
    items: str = "items"
    minimum: int = 0
    # the argument that sets the page: ``first``, or a list whose length is the page
    argument: str = "first"

    def check(self, first: int) -> int:
        """``first`` itself, or InvalidInput naming the value and the range."""
        if not self.minimum <= first <= self.maximum:
            raise InvalidInput(
                f"first={first} is out of range: ask for {self.minimum} to {self.maximum} "
                f"{self.items} (default {self.default})",
                field=["first"],
                value=first,
            )
        return first

    @property
    def metadata(self) -> dict[str, PageSize]:
        """For ``strawberry.field(metadata=...)``: how the cost estimate finds the page."""
        return {PAGE_METADATA: self}


PAGE_METADATA = "directory.page"

# Nested lists: the seed's largest are 5 designations per authority, 5 authorities per
# jurisdiction and 36 language rules per designation; 20 covers nearly all in one page.
NESTED = PageSize(default=20, maximum=100)
AUTHORITIES = PageSize(default=20, maximum=100, items="authorities")
DESIGNATIONS = PageSize(default=20, maximum=100, items="designations")
RULES = PageSize(default=20, maximum=100, items="rules")
REVISIONS = PageSize(default=20, maximum=100, items="revisions")
# Root feeds a tool pages through; the same bound as ``changes`` has always had.
FEED = PageSize(default=100, maximum=500, items="revisions", minimum=1)
# Root connections (their services check `first` themselves; these tell the cost estimate).
CONNECTION = PageSize(default=50, maximum=100)
SEARCH = PageSize(default=20, maximum=100, items="hits", minimum=1)
HISTORY = PageSize(default=100, maximum=500, items="revisions")
CHANGE_REQUESTS = PageSize(default=100, maximum=500, items="change requests")
# ``nodes(ids:)``: one node per ID, at most 100 (checked by the resolver).
NODES = PageSize(default=100, maximum=100, items="IDs", argument="ids")


def first_per(
    stmt: Select[Any], owner: Any, order_by: Sequence[Any], first: int, *, id_column: Any
) -> Select[Any]:
    """``stmt`` limited to its first ``first`` rows per value of ``owner`` (in ``order_by``
    order; the caller still orders the result), still ONE statement: a ROW_NUMBER() window
    over the matching ids (SQLite 3.25+ and PostgreSQL), so a DataLoader batch of many
    owners stays one query."""
    ranked = (
        stmt.with_only_columns(
            id_column,
            func.row_number().over(partition_by=owner, order_by=list(order_by)).label("n"),
        )
        .order_by(None)
        .subquery()
    )
    kept = select(ranked.c[0]).where(ranked.c.n <= first)
    return stmt.where(id_column.in_(kept))
