"""GraphQL types of routing advice (thin wrappers of ``directory.routing.advice``).

Authorities and jurisdictions in an answer are the API's Relay nodes, fetched through the
request's DataLoaders (one statement per kind, whatever the number of destinations).
"""

from __future__ import annotations

import datetime as dt

import strawberry

from directory.authorities.services import language_name
from directory.enums import ChannelPermission, ExtraditionBasis, NotificationStatus, Verification
from directory.graphql.authorities.rule_types import ChannelKind, Language
from directory.graphql.authorities.types import Authority, Designation
from directory.graphql.context import Info
from directory.graphql.loaders import referenced
from directory.graphql.treaties.jurisdiction_types import Jurisdiction
from directory.graphql.treaties.types import Source
from directory.routing import advice as a

# Registered in place (the annotations below name the classes themselves, which mypy can
# read as types); the schema knows the first as RouteWarningCode.
strawberry.enum(a.WarningCode, name="RouteWarningCode")
strawberry.enum(a.ScopeMatch)
strawberry.enum(a.ChannelConditionCode)
strawberry.enum(a.LanguageLevel)


@strawberry.input(description="A request to send: from which State, to which, about what.")
class RouteInput:
    requesting: str = strawberry.field(description="ISO alpha-3 code of the requesting State.")
    requested: str = strawberry.field(
        description="ISO alpha-3 code of the requested State, or of one of its territories."
    )
    subject: str = strawberry.field(description="Subject code (MLA, EXTRADITION, …).")
    stage: str | None = strawberry.field(default=None, description="Procedural stage code.")
    matter: str | None = strawberry.field(default=None, description="Matter code (TAX, …).")
    place: str | None = strawberry.field(
        default=None,
        description="ISO 3166-2 subdivision (GB-SCT) or territory code (HKG) of the "
        "requested State.",
    )
    urgent: bool = False

    def to_request(self) -> a.RouteRequest:
        return a.RouteRequest(
            self.requesting,
            self.requested,
            self.subject,
            self.stage,
            self.matter,
            self.place,
            self.urgent,
        )


async def _jurisdiction(info: Info, code: str) -> Jurisdiction:
    return Jurisdiction.from_row(await referenced(info.context.loaders.jurisdiction_by_code, code))


@strawberry.type
class ScopeOfMatch:
    stage: a.ScopeMatch
    matter: a.ScopeMatch
    place: a.ScopeMatch


@strawberry.type
class DesignationMatch:
    """Why a designation answers the request."""

    designation_id: strawberry.Private[int]
    provision: str | None
    designated_under: str | None
    scope: ScopeOfMatch
    residual: bool = strawberry.field(description="Chosen as the general authority (fallback).")
    via_parent: bool = strawberry.field(description="Chosen through the territory's State.")
    priority: int
    verification: Verification
    notes: str | None

    @strawberry.field
    async def designation(self, info: Info) -> Designation:
        row = await referenced(info.context.loaders.designation_by_id, self.designation_id)
        return Designation.from_row(row)

    @classmethod
    def of(cls, m: a.DesignationMatch) -> DesignationMatch:
        return cls(
            designation_id=m.designation_id,
            provision=m.provision,
            designated_under=m.designated_under,
            scope=ScopeOfMatch(**m.scope),
            residual=m.residual,
            via_parent=m.via_parent,
            priority=m.priority,
            verification=m.verification,
            notes=m.notes,
        )


@strawberry.type
class OfficeStatus:
    time_zone: str
    local_time: dt.datetime
    open_now: bool
    closes_at: dt.datetime | None
    next_opens_at: dt.datetime | None


@strawberry.type
class Destination:
    authority_id: strawberry.Private[int]
    name: str = strawberry.field(description="English name when stored, else the original.")
    matches: list[DesignationMatch]
    office: OfficeStatus | None = strawberry.field(
        description="Urgent requests only, when the office hours and time zone are known."
    )

    @strawberry.field
    async def authority(self, info: Info) -> Authority:
        return Authority.from_row(
            await referenced(info.context.loaders.authority_by_id, self.authority_id)
        )


@strawberry.type
class ChannelCondition:
    code: a.ChannelConditionCode
    message: str


@strawberry.type
class ChannelAdvice:
    channel: ChannelKind
    permission: ChannelPermission
    preference: int
    conditions: list[ChannelCondition]
    verification: Verification


@strawberry.type
class LanguageAdvice:
    language: Language
    level: a.LanguageLevel
    condition: str | None
    instrument: str | None
    verification: Verification


@strawberry.type
class LegalBasis:
    instrument: str
    title: str
    in_force_for_requesting_on: dt.date | None = strawberry.field(
        description="Null: a party whose date is unknown (warning PARTICIPATION_DATE_UNKNOWN)."
    )
    in_force_for_requested_on: dt.date | None = strawberry.field(
        description="Null: a party whose date is unknown (warning PARTICIPATION_DATE_UNKNOWN)."
    )


@strawberry.type
class ExtraditionPosition:
    instrument: str
    provision: str
    status: NotificationStatus
    basis: ExtraditionBasis | None
    condition: str | None
    treaty_or_law_needed: bool
    message: str


@strawberry.type
class RouteWarning:
    code: a.WarningCode
    message: str


@strawberry.type(description="Where, how, in which language and on which basis to send.")
class RouteAdvice:
    codes: strawberry.Private[tuple[str, str, str]]
    subject: str
    stage: str | None
    matter: str | None
    place: str | None
    urgent: bool
    destinations: list[Destination]
    channels: list[ChannelAdvice]
    languages: list[LanguageAdvice]
    legal_bases: list[LegalBasis]
    extradition: list[ExtraditionPosition]
    warnings: list[RouteWarning]
    sources: list[Source]
    oldest_confirmation_on: dt.date | None

    @strawberry.field
    async def requesting(self, info: Info) -> Jurisdiction:
        return await _jurisdiction(info, self.codes[0])

    @strawberry.field
    async def requested(self, info: Info) -> Jurisdiction:
        return await _jurisdiction(info, self.codes[1])

    @strawberry.field(description="The jurisdiction whose rules answer (a territory if named).")
    async def target(self, info: Info) -> Jurisdiction:
        return await _jurisdiction(info, self.codes[2])

    @classmethod
    def of(cls, x: a.RouteAdvice) -> RouteAdvice:
        return cls(
            codes=(x.requesting, x.requested, x.target),
            subject=x.subject,
            stage=x.stage,
            matter=x.matter,
            place=x.place,
            urgent=x.urgent,
            destinations=[
                Destination(
                    authority_id=d.authority_id,
                    name=d.name,
                    matches=[DesignationMatch.of(m) for m in d.matches],
                    office=OfficeStatus(**vars(d.office)) if d.office else None,
                )
                for d in x.destinations
            ],
            channels=[
                ChannelAdvice(
                    channel=ChannelKind(code=c.channel, name=c.name, description=c.description),
                    permission=c.permission,
                    preference=c.preference,
                    verification=c.verification,
                    conditions=[
                        ChannelCondition(code=k.code, message=k.message) for k in c.conditions
                    ],
                )
                for c in x.channels
            ],
            languages=[
                LanguageAdvice(
                    language=Language(code=lang.language, name=language_name(lang.language)),
                    level=lang.level,
                    condition=lang.condition,
                    instrument=lang.instrument,
                    verification=lang.verification,
                )
                for lang in x.languages
            ],
            legal_bases=[LegalBasis(**vars(b)) for b in x.legal_bases],
            extradition=[ExtraditionPosition(**vars(p)) for p in x.extradition],
            warnings=[RouteWarning(code=w.code, message=w.message) for w in x.warnings],
            sources=[
                Source(
                    url=s.url, document=s.document, title=s.title, kind=s.kind, seen_on=s.seen_on
                )
                for s in x.sources
            ],
            oldest_confirmation_on=x.oldest_confirmation_on,
        )
