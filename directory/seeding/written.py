"""What one seed run carries from phase to phase: the plan, the report, what the API edited,
and the database ids of the rows written so far (by natural key), so that a later phase
never reads back a row an earlier one wrote."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from directory.seeding.kept import Edited
from directory.seeding.plan import Plan, Row
from directory.seeding.report import SeedReport

Progress = Callable[[str], None]


def columns(row: Row, *drop: str) -> Row:
    """``row`` without the plan-only keys ``drop`` (codes resolved to ids elsewhere)."""
    return {k: v for k, v in row.items() if k not in drop}


@dataclass
class Written:
    session: AsyncSession
    plan: Plan
    report: SeedReport
    kept: Edited
    progress: Progress
    source_ids: dict[str, int] = field(default_factory=dict)  # url or document → id
    jurisdiction_ids: dict[str, int] = field(default_factory=dict)  # code → id
    instrument_ids: dict[str, int] = field(default_factory=dict)  # code → id
    provision_ids: dict[tuple[int, str], int] = field(default_factory=dict)  # (instrument, art.)

    def step(self, name: str, n: int) -> None:
        self.progress(f"{name}: {n} records…")

    def sources(self, refs: list[str]) -> set[int]:
        """Ids of the sources ``refs`` cite."""
        return {self.source_ids[s] for s in refs}

    def provision_id(self, ref: tuple[str, str] | None) -> int | None:
        """The id of provision ``(instrument code, article)``, None for no provision."""
        if ref is None:
            return None
        return self.provision_ids[(self.instrument_ids[ref[0]], ref[1])]
