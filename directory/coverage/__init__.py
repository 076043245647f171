"""Coverage in numbers: what the directory knows, and lacks, per State and regional group.

    report.py    the plain-data answer (a row per jurisdiction, per regional group, totals)
    services.py  the few flat aggregate statements that fill it (never one per State)
    formats.py   the report as flat rows, a text table, CSV and JSON (the CLI, the CSV page)

The secretariat uses it to chase gaps: States with no 18(13) central authority, stale
entries, facts no official source confirms, entries never confirmed.
"""

from directory.coverage.report import (
    COVERED_INSTRUMENTS,
    UNTOC_PROVISIONS,
    Counts,
    Coverage,
    GroupCoverage,
    Participation,
    StateCoverage,
)
from directory.coverage.services import Scope, coverage

__all__ = [
    "COVERED_INSTRUMENTS",
    "UNTOC_PROVISIONS",
    "Counts",
    "Coverage",
    "GroupCoverage",
    "Participation",
    "Scope",
    "StateCoverage",
    "coverage",
]
