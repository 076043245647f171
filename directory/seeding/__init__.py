"""The reference seed: files under ``seed/`` (with their sources) and their loader.

    async with session.begin():
        report = await load_seed(session, progress=print)
    print(report.summary())

``load_seed`` validates every file first and raises ``SeedError`` (one bad record) or
``SeedErrors`` (several; each listed with file, record and reason) before writing anything.
It then writes through ``session`` without committing: the caller owns the transaction.
A second run with the same files changes nothing and says so (``report.changed`` is False).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from directory.resources import seed_dir
from directory.seeding.checks import Checker, SeedErrors
from directory.seeding.facts import check_authorities, check_notifications, check_participation
from directory.seeding.load import write_plan
from directory.seeding.plan import Plan
from directory.seeding.practice import (
    check_measures,
    check_more_instruments,
    check_requirements,
    check_stage_tree,
)
from directory.seeding.reference import (
    check_instruments,
    check_jurisdictions,
    check_sources,
    check_vocabularies,
)
from directory.seeding.report import SeedReport, TableCount

SEED_DIR = seed_dir()

__all__ = ["SEED_DIR", "SeedErrors", "SeedReport", "TableCount", "load_seed", "validate_seed"]


def validate_seed(directory: Path = SEED_DIR, today: dt.date | None = None) -> Plan:
    """Read and check every seed file; raise SeedError/SeedErrors listing every bad record."""
    checker = Checker(directory, today or dt.date.today())
    plan = Plan()
    for check in (
        check_sources,
        check_vocabularies,
        check_stage_tree,
        check_measures,
        check_jurisdictions,
        check_instruments,
        check_more_instruments,
        check_participation,
        check_notifications,
        check_authorities,
        check_requirements,
    ):
        check(checker, plan)
    checker.raise_if_any()
    return plan


async def load_seed(
    session: AsyncSession,
    directory: Path = SEED_DIR,
    progress: Callable[[str], None] | None = None,
    today: dt.date | None = None,
) -> SeedReport:
    """Validate every seed file, then upsert everything through ``session`` (no commit)."""
    say = progress or (lambda _line: None)
    say(f"validating {directory}…")
    plan = validate_seed(directory, today)
    return await write_plan(session, plan, say)
