"""The GraphQL types of the coverage report: counts only, never a contact value."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry

from directory.coverage import report as r
from directory.enums import JurisdictionKind, NotificationStatus, RegionalGroup
from directory.graphql.context import Info
from directory.graphql.enums import describe
from directory.graphql.pagination import (
    Connection,
    after_argument,
    connection,
    decode_cursor,
    first_argument,
)
from directory.graphql.treaties.jurisdiction_types import Jurisdiction
from directory.pages import CONNECTION, PageSize
from directory.treaties.services import Page

describe(
    r.Participation,
    "A jurisdiction's standing towards one instrument, as the directory knows it.",
    {
        r.Participation.PARTY: "Consented to be bound, on a known date.",
        r.Participation.PARTY_DATE_UNKNOWN: "A source says it is a party; the date of its "
        "consent is not known.",
        r.Participation.SIGNATORY: "Signed; no consent to be bound is recorded.",
        r.Participation.NONE: "No participation recorded: not a party, or not known to be one.",
    },
    name="CoverageParticipation",
)

STATES = PageSize(default=CONNECTION.default, maximum=CONNECTION.maximum, items="jurisdictions")


@strawberry.type(description="Active authorities designated for one subject.")
class SubjectCount:
    subject: str = strawberry.field(description="The subject's code (MLA, EXTRADITION, …).")
    authorities: int = strawberry.field(description="Active authorities designated for it.")


@strawberry.type(description="How many jurisdictions of a group are party to one instrument.")
class InstrumentCount:
    instrument: str = strawberry.field(description="The instrument's code (UNTOC, …).")
    parties: int = strawberry.field(description="Jurisdictions party to it (date known or not).")
    parties_date_unknown: int = strawberry.field(
        description="Of those, the parties whose date of consent is not known."
    )


@strawberry.type(description="Jurisdictions of a group by their status under one UNTOC article.")
class ProvisionCount:
    article: str = strawberry.field(description="The UNTOC article: 16(5), 18(13) or 18(14).")
    notified: int = strawberry.field(description="With a notification recorded.")
    not_notified: int = strawberry.field(description="With a verified absence of one.")
    unknown: int = strawberry.field(description="With a status recorded as unknown.")
    missing: int = strawberry.field(description="With no row at all.")


@strawberry.type(description="One jurisdiction's standing towards one instrument.")
class InstrumentStanding:
    instrument: str = strawberry.field(description="The instrument's code (UNTOC, …).")
    standing: r.Participation = strawberry.field(description="Party, signatory or none.")
    party: bool = strawberry.field(description="Party to it, whether the date is known or not.")
    date_known: bool = strawberry.field(description="Party, with a known date of consent.")


@strawberry.type(description="One jurisdiction's status under one UNTOC article.")
class ProvisionStatus:
    article: str = strawberry.field(description="The UNTOC article: 16(5), 18(13) or 18(14).")
    status: NotificationStatus | None = strawberry.field(
        description="The recorded status; null when the directory holds no row."
    )


def _subjects(counts: r.Counts) -> list[SubjectCount]:
    return [SubjectCount(subject=s, authorities=n) for s, n in sorted(counts.by_subject.items())]


@strawberry.type(
    description="What the directory holds for one jurisdiction: participation, UNTOC "
    "notifications, authorities, and the gaps (stale, unverified, never confirmed)."
)
class CoverageState:
    row: strawberry.Private[r.StateCoverage]
    code: str = strawberry.field(description="ISO 3166-1 alpha-3 code.")
    kind: JurisdictionKind = strawberry.field(description="State, territory or organization.")
    regional_group: RegionalGroup | None = strawberry.field(
        description="Its UN regional group; null for territories and organizations."
    )
    central_authority_18_13: bool = strawberry.field(
        description="An active authority receives MLA requests under a designation notified "
        "under UNTOC art. 18(13)."
    )
    receives_mla: bool = strawberry.field(
        description="An active authority receives MLA requests at all (what `route` answers)."
    )
    authorities: int = strawberry.field(description="Active authorities.")
    stale_entries: int = strawberry.field(
        description="Active authorities never confirmed or confirmed too long ago."
    )
    never_confirmed_entries: int = strawberry.field(
        description="Active authorities never confirmed."
    )
    unverified_facts: int = strawberry.field(
        description="Facts (authorities, designations, rules, participation, notifications) "
        "not confirmed by an official source, or citing none."
    )

    @strawberry.field(description="The jurisdiction itself.")
    async def jurisdiction(self, info: Info) -> Jurisdiction | None:
        row = await info.context.loaders.jurisdiction_by_code.load(self.code)
        return Jurisdiction.from_row(row) if row is not None else None

    @strawberry.field(description="Its standing towards every instrument of the report.")
    def participation(self) -> list[InstrumentStanding]:
        return [
            InstrumentStanding(
                instrument=code,
                standing=standing,
                party=standing.is_party,
                date_known=standing is r.Participation.PARTY,
            )
            for code, standing in self.row.participation.items()
        ]

    @strawberry.field(description="Its status under UNTOC arts. 16(5), 18(13) and 18(14).")
    def notifications(self) -> list[ProvisionStatus]:
        return [ProvisionStatus(article=a, status=s) for a, s in self.row.notifications.items()]

    @strawberry.field(description="Active authorities per subject they are designated for.")
    def authorities_by_subject(self) -> list[SubjectCount]:
        return _subjects(self.row.counts)

    @classmethod
    def from_row(cls, row: r.StateCoverage) -> CoverageState:
        return cls(
            row=row,
            code=row.code,
            kind=row.kind,
            regional_group=row.regional_group,
            central_authority_18_13=row.central_authority_18_13,
            receives_mla=row.receives_mla,
            authorities=row.counts.authorities,
            stale_entries=row.counts.stale,
            never_confirmed_entries=row.counts.never_confirmed,
            unverified_facts=row.counts.unverified,
        )


@strawberry.type(
    description="Counts over a group of jurisdictions: a UN regional group, those without "
    "one (territories, organizations), or all of them (`Coverage.totals`)."
)
class CoverageGroup:
    group: strawberry.Private[r.GroupCoverage]
    regional_group: RegionalGroup | None = strawberry.field(
        description="The group; null for jurisdictions without one, and for the totals."
    )
    jurisdictions: int = strawberry.field(description="Jurisdictions in the group.")
    with_authority: int = strawberry.field(description="Those with an active authority.")
    with_central_authority_18_13: int = strawberry.field(
        description="Those with an 18(13) central authority (see `CoverageState`)."
    )
    without_central_authority_18_13: int = strawberry.field(
        description="Those without one: the gap to chase."
    )
    receiving_mla: int = strawberry.field(description="Those with any authority receiving MLA.")
    with_stale: int = strawberry.field(description="Those with at least one stale entry.")
    with_unverified: int = strawberry.field(description="Those with an unverified fact.")
    with_never_confirmed: int = strawberry.field(description="Those with an entry never confirmed.")
    authorities: int = strawberry.field(description="Active authorities, summed.")
    stale_entries: int = strawberry.field(description="Stale entries, summed.")
    never_confirmed_entries: int = strawberry.field(description="Never-confirmed, summed.")
    unverified_facts: int = strawberry.field(description="Unverified facts, summed.")

    @strawberry.field(description="Parties per instrument.")
    def parties(self) -> list[InstrumentCount]:
        return [
            InstrumentCount(
                instrument=code,
                parties=n,
                parties_date_unknown=self.group.parties_date_unknown.get(code, 0),
            )
            for code, n in self.group.parties.items()
        ]

    @strawberry.field(description="Jurisdictions by status under UNTOC 16(5), 18(13), 18(14).")
    def notifications(self) -> list[ProvisionCount]:
        return [
            ProvisionCount(
                article=article,
                notified=by.get(NotificationStatus.NOTIFIED.value, 0),
                not_notified=by.get(NotificationStatus.NOT_NOTIFIED.value, 0),
                unknown=by.get(NotificationStatus.UNKNOWN.value, 0),
                missing=by.get("NONE", 0),
            )
            for article, by in self.group.notifications.items()
        ]

    @strawberry.field(description="Active authorities per subject, summed.")
    def authorities_by_subject(self) -> list[SubjectCount]:
        return _subjects(self.group.counts)

    @classmethod
    def from_group(cls, g: r.GroupCoverage) -> CoverageGroup:
        return cls(
            group=g,
            regional_group=g.regional_group,
            jurisdictions=g.jurisdictions,
            with_authority=g.with_authority,
            with_central_authority_18_13=g.with_central_authority_18_13,
            without_central_authority_18_13=g.without_central_authority_18_13,
            receiving_mla=g.receiving_mla,
            with_stale=g.with_stale,
            with_unverified=g.with_unverified,
            with_never_confirmed=g.with_never_confirmed,
            authorities=g.counts.authorities,
            stale_entries=g.counts.stale,
            never_confirmed_entries=g.counts.never_confirmed,
            unverified_facts=g.counts.unverified,
        )


@strawberry.type(
    description="Coverage in numbers, on one day: what the directory holds per jurisdiction "
    "and per UN regional group, and the gaps the secretariat chases."
)
class Coverage:
    report: strawberry.Private[r.Coverage]
    as_of: dt.date = strawberry.field(description="The day freshness is judged on.")
    stale_after_days: int = strawberry.field(
        description="An entry confirmed longer ago than this is stale."
    )
    instruments: list[str] = strawberry.field(description="The instruments counted, by code.")
    totals: CoverageGroup = strawberry.field(description="Counts over every jurisdiction.")
    regions: list[CoverageGroup] = strawberry.field(
        description="Counts per UN regional group, then (when any) jurisdictions without one."
    )

    @strawberry.field(
        description="One row per jurisdiction, ordered by code; at most 100 per page.",
        metadata=STATES.metadata,
    )
    def states(
        self,
        first: Annotated[int, first_argument(STATES)] = STATES.default,
        after: Annotated[str | None, after_argument("coverage row")] = None,
    ) -> Connection[CoverageState]:
        STATES.check(first)
        start = decode_cursor("coverage", after)
        # Every row is computed anyway (the totals need them, in a fixed number of
        # statements); the page is a keyset over the rows ordered by code, as in SQL.
        rows = [s for s in self.report.states if start is None or s.code > start]
        page = Page(rows=rows[:first], has_next=len(rows) > first, total=len(self.report.states))
        return connection(
            "coverage", page, key=lambda s: s.code, node=CoverageState.from_row, after=after
        )

    @classmethod
    def from_report(cls, report: r.Coverage) -> Coverage:
        return cls(
            report=report,
            as_of=report.as_of,
            stale_after_days=report.stale_after_days,
            instruments=report.instruments,
            totals=CoverageGroup.from_group(report.totals),
            regions=[CoverageGroup.from_group(g) for g in report.regions],
        )
