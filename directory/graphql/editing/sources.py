"""The provenance inputs every write shares: new sources, stored ones by `id`, and the
verification claimed (``directory.editing.sources`` decides what is stored)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import strawberry

from directory.editing.fact_checks import SourceInput
from directory.enums import SourceKind
from directory.graphql.nodes import row_id_of

SOURCES = (
    "New sources of the fact (each stored once: one with a URL or document symbol the "
    "directory holds is reused). On an update, null keeps what the fact cites and a list "
    "(with `sourceIds`) replaces it."
)
SOURCE_IDS = "The `id`s of sources the directory already holds, cited again."
VERIFICATION = (
    "How the fact was verified. Null: what its sources support (OFFICIAL with an official "
    "or depositary source, SECONDARY otherwise). A fact that cites no source is stored "
    "UNKNOWN, and `route` lists it in its UNVERIFIED_DATA warning."
)


@strawberry.input(description="Where the fact was read: a URL or a document symbol, or both.")
class FactSourceInput:
    seen_on: dt.date = strawberry.field(description="The day the source was read.")
    url: str | None = strawberry.field(
        default=None,
        description="Where the source can be read (http or https); give it or `document`.",
    )
    document: str | None = strawberry.field(
        default=None, description="E.g. the depositary notification C.N.123.2004.TREATIES-2."
    )
    title: str | None = strawberry.field(
        default=None, description="The source's own title, as it gives it."
    )
    kind: SourceKind = strawberry.field(
        default=SourceKind.OFFICIAL,
        description="OFFICIAL for the State's own record, DEPOSITARY for the depositary's; "
        "SECONDARY for anyone else's copy or account, PRESS for a press report.",
    )
    stated_on: dt.date | None = strawberry.field(
        default=None,
        description="The date the source itself states (its date of issue, its 'status as "
        "at' line); not after `seenOn`.",
    )


def source_inputs(items: Sequence[FactSourceInput] | None) -> list[SourceInput] | None:
    """The services' form of ``items`` (None stays None: "unchanged" on an update)."""
    if items is None:
        return None
    return [
        SourceInput(
            seen_on=s.seen_on,
            url=s.url,
            document=s.document,
            title=s.title,
            kind=s.kind,
            stated_on=s.stated_on,
        )
        for s in items
    ]


def source_ids(ids: Sequence[strawberry.ID] | None, field: Sequence[str | int]) -> list[int] | None:
    """The row ids of the Source global IDs in ``ids`` (InvalidId/NotFound on ``field``)."""
    if ids is None:
        return None
    return [row_id_of(g, "Source", [*field, n], kind="source") for n, g in enumerate(ids)]
