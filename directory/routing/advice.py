"""The shapes of a routing question and its answer (plain dataclasses, no ORM objects).

``RouteRequest`` is what a practitioner asks; ``RouteAdvice`` is what ``route()`` answers.
Every part of the answer says why it is there (``reasons``, ``conditions``) and every
warning carries a stable ``WarningCode`` so that clients can react without parsing text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from directory.enums import (
    ChannelPermission,
    ExtraditionBasis,
    NotificationStatus,
    RequirementStatus,
    SourceKind,
    Verification,
)


@dataclass(frozen=True)
class RouteRequest:
    """Codes as the caller typed them; ``route()`` normalises and validates them.

    ``requesting`` and ``requested`` are ISO 3166-1 alpha-3 codes (the requested one may be
    a territory such as HKG); ``place`` is an ISO 3166-2 subdivision (GB-SCT) or a territory
    code (HKG) of the requested State.
    """

    requesting: str
    requested: str
    subject: str
    stage: str | None = None
    matter: str | None = None
    place: str | None = None
    urgent: bool = False
    measure: str | None = None


class WarningCode(StrEnum):
    REQUESTED_NOT_PARTY = "REQUESTED_NOT_PARTY"
    REQUESTING_NOT_PARTY = "REQUESTING_NOT_PARTY"
    PARTICIPATION_UNKNOWN = "PARTICIPATION_UNKNOWN"  # no participation row: not known
    # a party whose consent date is unknown: counted as a legal basis, date left empty
    PARTICIPATION_DATE_UNKNOWN = "PARTICIPATION_DATE_UNKNOWN"
    # the newest source of a participation states a status more than two years old
    PARTICIPATION_AS_OF = "PARTICIPATION_AS_OF"
    NOT_YET_IN_FORCE = "NOT_YET_IN_FORCE"  # consent given, the treaty binds the State later
    NO_COMMON_LEGAL_BASIS = "NO_COMMON_LEGAL_BASIS"
    EXTRADITION_BASIS_NEEDED = "EXTRADITION_BASIS_NEEDED"  # 16(5) NO / not notified / unknown
    NO_AUTHORITY = "NO_AUTHORITY"
    SEVERAL_AUTHORITIES = "SEVERAL_AUTHORITIES"
    DIPLOMATIC_CHANNEL_REQUIRED = "DIPLOMATIC_CHANNEL_REQUIRED"
    CHANNEL_REQUIRED = "CHANNEL_REQUIRED"  # another channel kind is the only one accepted
    NO_CHANNEL_RULE = "NO_CHANNEL_RULE"
    NO_LANGUAGE_RULE = "NO_LANGUAGE_RULE"
    STALE_ENTRY = "STALE_ENTRY"
    UNVERIFIED_DATA = "UNVERIFIED_DATA"
    TERRITORY_FALLBACK = "TERRITORY_FALLBACK"
    TERRITORY_FALLBACK_UNKNOWN = "TERRITORY_FALLBACK_UNKNOWN"  # the data does not say
    # a territory is bound only through its State's participation: extension not recorded
    TERRITORIAL_APPLICATION = "TERRITORIAL_APPLICATION"
    RESIDUAL_FALLBACK = "RESIDUAL_FALLBACK"
    CLOSED_NOW = "CLOSED_NOW"  # urgent request, every destination with known hours is closed
    # stored facts the answer does not use, each with the reason (participation unknown,
    # instrument not in force, a condition on the legal basis that does not hold)
    FACTS_SET_ASIDE = "FACTS_SET_ASIDE"
    # a designation or rule applies only if a condition on the legal basis holds, and the
    # directory cannot tell whether it does
    LEGAL_BASIS_CONDITION_UNKNOWN = "LEGAL_BASIS_CONDITION_UNKNOWN"


@dataclass(frozen=True)
class RouteWarning:
    code: WarningCode
    message: str
    # what the message names, for clients that word it themselves (the pages, in six
    # languages): the date a status is known as of (PARTICIPATION_AS_OF), and the facts set
    # aside, each (what, why) in the route's words (FACTS_SET_ASIDE)
    on: dt.date | None = None
    items: tuple[tuple[str, str], ...] = ()


class ScopeMatch(StrEnum):
    """How one scope dimension of a designation met the request."""

    EXACT = "EXACT"  # the designation names the value the request gives
    # the designation names a stage that contains the one asked (TRIAL_AND_EXECUTION for
    # TRIAL): it applies
    BROADER = "BROADER"
    GENERAL = "GENERAL"  # the designation does not restrict this dimension
    OPEN = "OPEN"  # the designation restricts it, the request leaves it open
    # the designation names a part of the stage asked (TRIAL for TRIAL_AND_EXECUTION): it
    # may apply, depending on which part the case is in
    NARROWER = "NARROWER"


@dataclass(frozen=True)
class DesignationMatch:
    """Why one designation answers the request."""

    designation_id: int
    subject: str
    provision: str | None  # "UNTOC 18(13)" when the designation was notified under one
    designated_under: str | None
    stage: str | None
    matter: str | None
    subdivision: str | None
    territory: str | None  # alpha-3 of the territory the designation is scoped to
    measure: str | None
    requesting: str | None  # the requesting State's code or the group's code it is scoped to
    basis: str | None  # why its condition on the legal basis holds (or may hold)
    # "stage" | "matter" | "measure" | "place" | "requesting" | "basis" → how it matched
    scope: dict[str, ScopeMatch]
    residual: bool  # chosen as the general authority for a subject without its own
    via_parent: bool  # chosen through the territory's State (TERRITORY_FALLBACK)
    priority: int
    verification: Verification
    notes: str | None


@dataclass(frozen=True)
class OfficeStatus:
    """Office hours read in the authority's own time zone at the request's ``now``."""

    time_zone: str
    local_time: dt.datetime
    open_now: bool
    closes_at: dt.datetime | None  # when open: end of the current (possibly overnight) opening
    next_opens_at: dt.datetime | None  # when closed: the next opening, in the local zone
    # the authority has no zone of its own: its country's only zone (tz database) is used
    time_zone_is_default: bool = False


@dataclass(frozen=True)
class Destination:
    authority_id: int
    authority_key: str
    jurisdiction: str  # alpha-3 of the authority's jurisdiction
    name: str  # English name when stored, else the original
    names: dict[str, str]
    city: str | None
    website: str | None
    time_zone: str | None
    verification: Verification
    last_confirmed_on: dt.date | None
    matches: list[DesignationMatch]
    office: OfficeStatus | None  # only for urgent requests with known hours


class ChannelConditionCode(StrEnum):
    """What a channel's advice asks of the sender, one per condition of its deciding rule."""

    REQUIRED = "REQUIRED"  # the only channel the requested State accepts
    URGENT_ONLY = "URGENT_ONLY"  # the channel serves urgent requests only
    PRIOR_AGREEMENT_REQUIRED = "PRIOR_AGREEMENT_REQUIRED"  # only where the States agreed to it
    WRITTEN_CONFIRMATION_REQUIRED = "WRITTEN_CONFIRMATION_REQUIRED"
    ORIGINAL_TO_FOLLOW = "ORIGINAL_TO_FOLLOW"  # the signed original follows formally
    CONDITION = "CONDITION"  # a condition in the rule's own words (``message``)
    LEGAL_BASIS = "LEGAL_BASIS"  # the rule applies because its legal-basis condition holds
    MEASURE = "MEASURE"  # a rule for one measure, when the request names none


@dataclass(frozen=True)
class ChannelCondition:
    code: ChannelConditionCode
    message: str


@dataclass(frozen=True)
class ChannelAdvice:
    channel: str  # code of the channel kind (an open vocabulary: rows, not an enum)
    name: str  # the channel kind's name
    description: str | None  # and its description
    permission: ChannelPermission
    preference: int
    conditions: list[ChannelCondition]
    rule_ids: list[int]
    verification: Verification


class LanguageLevel(StrEnum):
    """Where the rule that accepts a language is set, most specific first."""

    DESIGNATION = "DESIGNATION"  # a rule of one of the chosen designations
    NOTIFICATION = "NOTIFICATION"  # notified under a provision (UNTOC 18(14), …)
    JURISDICTION = "JURISDICTION"  # a general rule of the answering jurisdiction


@dataclass(frozen=True)
class LanguageAdvice:
    language: str  # ISO 639 code
    name: str  # English name (pycountry), or the code when unknown
    level: LanguageLevel
    condition: str | None
    instrument: str | None
    rule_id: int
    verification: Verification
    basis: str | None = None  # why its condition on the legal basis holds


@dataclass(frozen=True)
class RequirementAdvice:
    """A legal requirement of the requested side that applies to this request."""

    requirement_id: int
    kind: str
    kind_name: str
    status: RequirementStatus
    text: str | None
    url: str | None
    subject: str | None
    measure: str | None  # set: it concerns that measure only
    basis: str | None  # why its condition on the legal basis holds (or may hold)
    verification: Verification
    basis_unknown: bool = False  # whether its condition holds cannot be told


@dataclass(frozen=True)
class LegalBasis:
    instrument: str
    title: str
    # None: a party whose date is unknown (PARTICIPATION_DATE_UNKNOWN)
    in_force_for_requesting_on: dt.date | None
    in_force_for_requested_on: dt.date | None


@dataclass(frozen=True)
class ExtraditionPosition:
    """The requested State's answer under an EXTRADITION_BASIS provision (UNTOC 16(5), …)."""

    instrument: str
    provision: str
    status: NotificationStatus
    basis: ExtraditionBasis | None
    condition: str | None
    treaty_or_law_needed: bool
    message: str


@dataclass(frozen=True)
class SourceRef:
    id: int
    url: str | None
    document: str | None
    title: str | None
    kind: SourceKind
    seen_on: dt.date
    stated_on: dt.date | None = None


@dataclass
class RouteAdvice:
    requesting: str
    requested: str  # the State (or territory) asked, normalised
    target: str  # the jurisdiction whose rules answer (a territory when one was named)
    subject: str
    stage: str | None
    matter: str | None
    place: str | None
    urgent: bool
    measure: str | None = None
    destinations: list[Destination] = field(default_factory=list)
    channels: list[ChannelAdvice] = field(default_factory=list)
    languages: list[LanguageAdvice] = field(default_factory=list)
    legal_bases: list[LegalBasis] = field(default_factory=list)
    extradition: list[ExtraditionPosition] = field(default_factory=list)
    requirements: list[RequirementAdvice] = field(default_factory=list)
    warnings: list[RouteWarning] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)
    oldest_confirmation_on: dt.date | None = None

    def warning_codes(self) -> list[WarningCode]:
        return [w.code for w in self.warnings]
