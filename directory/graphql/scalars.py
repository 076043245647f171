"""The date and time scalars, with their formats and ``@specifiedBy``.

Strawberry's own ``Date``, ``DateTime`` and ``Time`` serialize with ``isoformat``; these keep
that behaviour and say what it is, so that generated clients (TypeScript codegen, …) map
them to a date type instead of ``unknown``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from strawberry.schema.types.base_scalars import (
    DateDefinition,
    DateTimeDefinition,
    TimeDefinition,
)
from strawberry.types.scalar import ScalarDefinition

RFC3339 = "https://datatracker.ietf.org/doc/html/rfc3339#section-5.6"

SCALARS: dict[object, ScalarDefinition] = {
    dt.date: dataclasses.replace(
        DateDefinition,
        description="A calendar day, RFC 3339 `full-date` (ISO 8601 extended): `2003-09-29`.",
        specified_by_url=RFC3339,
    ),
    dt.datetime: dataclasses.replace(
        DateTimeDefinition,
        description="An instant, RFC 3339 `date-time` with its UTC offset: "
        "`2026-11-01T09:30:00+00:00` (UTC for times the directory records; the local offset "
        "for an office's local time), with fractions of a second when they are not zero.",
        specified_by_url=RFC3339,
    ),
    dt.time: dataclasses.replace(
        TimeDefinition,
        description="A wall-clock time of day without a zone, RFC 3339 `partial-time`: "
        "`09:30:00`; the zone it is read in is given beside it (e.g. an authority's "
        "`timeZone`).",
        specified_by_url=RFC3339,
    ),
}
