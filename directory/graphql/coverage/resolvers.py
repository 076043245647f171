"""The ``coverage`` root field: arguments → ``directory.coverage`` → types.

Public: it gives counts only (no contact value, no name of a person)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry

from directory.coverage import Scope, coverage
from directory.db import utcnow
from directory.enums import RegionalGroup
from directory.graphql.context import Info
from directory.graphql.coverage.types import Coverage


@strawberry.type
class CoverageQuery:
    @strawberry.field(
        description="Coverage in numbers: per jurisdiction and per UN regional group, "
        "participation per instrument, UNTOC 16(5)/18(13)/18(14) status, authorities per "
        "subject, and stale, unverified and never-confirmed entries."
    )
    async def coverage(
        self,
        info: Info,
        regional_group: Annotated[
            RegionalGroup | None,
            strawberry.argument(description="Only the jurisdictions of this group."),
        ] = None,
        as_of: Annotated[
            dt.date | None,
            strawberry.argument(
                description="The day freshness is judged on (YYYY-MM-DD); none: today (UTC)."
            ),
        ] = None,
    ) -> Coverage:
        report = await coverage(
            info.context.session,
            as_of=as_of or utcnow().date(),
            stale_after_days=info.context.settings.stale_after_days,
            scope=Scope(regional_group=regional_group),
        )
        return Coverage.from_report(report)
