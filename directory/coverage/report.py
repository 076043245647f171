"""The coverage report as plain data: one row per jurisdiction, one per regional group, totals.

A jurisdiction's row says what the directory holds for it; a group's row (and the totals)
counts the jurisdictions in it with each fact, and sums their entries' counts. Everything is
read at one ``as_of`` day, given by the caller (never the clock).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from directory.enums import JurisdictionKind, NotificationStatus, RegionalGroup

# The UNTOC provisions whose notification status every row shows (article → label).
UNTOC = "UNTOC"
UNTOC_PROVISIONS = ("16(5)", "18(13)", "18(14)")
# Instruments shown first, in this order; any other instrument with participation follows.
COVERED_INSTRUMENTS = (
    "UNTOC",
    "TIP_PROTOCOL",
    "SOM_PROTOCOL",
    "FIREARMS_PROTOCOL",
    "UNCAC",
    "DRUGS_1988",
)


class Participation(StrEnum):
    """A jurisdiction's standing towards one instrument, as the directory knows it."""

    PARTY = "PARTY"  # consented to be bound, on a known date
    PARTY_DATE_UNKNOWN = "PARTY_DATE_UNKNOWN"  # a source says party, no date of consent
    SIGNATORY = "SIGNATORY"  # signed, no consent recorded
    NONE = "NONE"  # no participation recorded (not a party, or not known to be one)

    @property
    def is_party(self) -> bool:
        return self in (Participation.PARTY, Participation.PARTY_DATE_UNKNOWN)


@dataclass
class Counts:
    """What is summed over a jurisdiction's entries (and over a group's jurisdictions)."""

    authorities: int = 0  # active authorities
    stale: int = 0  # active authorities confirmed too long ago, or never
    never_confirmed: int = 0  # active authorities never confirmed at all
    # facts (authorities, designations, channel and language rules, participations,
    # notifications) not confirmed by an official source, or citing no source: routing's
    # UNVERIFIED_DATA rule (``directory.routing.verification``), counted ahead of any route
    unverified: int = 0
    # subject code → active authorities designated for it
    by_subject: dict[str, int] = field(default_factory=dict)

    def add(self, other: Counts) -> None:
        self.authorities += other.authorities
        self.stale += other.stale
        self.never_confirmed += other.never_confirmed
        self.unverified += other.unverified
        for subject, n in other.by_subject.items():
            self.by_subject[subject] = self.by_subject.get(subject, 0) + n


@dataclass
class StateCoverage:
    """One jurisdiction (a State, a territory, an organization)."""

    code: str
    name: str  # English name, for tables; the API gives the jurisdiction itself
    kind: JurisdictionKind
    regional_group: RegionalGroup | None
    # instrument code → standing (every instrument of the report, NONE when nothing known)
    participation: dict[str, Participation]
    # UNTOC article → notification status; None when the directory holds no row
    notifications: dict[str, NotificationStatus | None]
    # an active authority receives MLA requests under a designation notified under UNTOC
    # art. 18(13) (the designation's provision)
    central_authority_18_13: bool
    # an active authority receives MLA requests at all (what ``route`` would answer with)
    receives_mla: bool
    counts: Counts

    @property
    def party_to_untoc(self) -> bool:
        return self.participation.get(UNTOC, Participation.NONE).is_party


@dataclass
class GroupCoverage:
    """A regional group (``None``: jurisdictions without one) or all jurisdictions."""

    regional_group: RegionalGroup | None
    jurisdictions: int = 0
    # instrument code → jurisdictions party to it / of which the date of consent is unknown
    parties: dict[str, int] = field(default_factory=dict)
    parties_date_unknown: dict[str, int] = field(default_factory=dict)
    # UNTOC article → NotificationStatus value (or "NONE": no row) → jurisdictions
    notifications: dict[str, dict[str, int]] = field(default_factory=dict)
    with_authority: int = 0
    with_central_authority_18_13: int = 0
    receiving_mla: int = 0
    with_stale: int = 0
    with_unverified: int = 0
    with_never_confirmed: int = 0
    counts: Counts = field(default_factory=Counts)

    @property
    def without_central_authority_18_13(self) -> int:
        return self.jurisdictions - self.with_central_authority_18_13

    def add(self, row: StateCoverage) -> None:
        self.jurisdictions += 1
        for code, standing in row.participation.items():
            self.parties.setdefault(code, 0)
            self.parties_date_unknown.setdefault(code, 0)
            if standing.is_party:
                self.parties[code] += 1
            if standing is Participation.PARTY_DATE_UNKNOWN:
                self.parties_date_unknown[code] += 1
        for article, status in row.notifications.items():
            by_status = self.notifications.setdefault(article, {})
            key = status.value if status is not None else "NONE"
            by_status[key] = by_status.get(key, 0) + 1
        self.with_authority += row.counts.authorities > 0
        self.with_central_authority_18_13 += row.central_authority_18_13
        self.receiving_mla += row.receives_mla
        self.with_stale += row.counts.stale > 0
        self.with_unverified += row.counts.unverified > 0
        self.with_never_confirmed += row.counts.never_confirmed > 0
        self.counts.add(row.counts)


@dataclass
class Coverage:
    """The whole report: rows ordered by code, groups in enum order (no group last)."""

    as_of: dt.date
    stale_after_days: int
    instruments: list[str]
    subjects: list[str]
    states: list[StateCoverage]
    regions: list[GroupCoverage]
    totals: GroupCoverage
