"""GraphQL types of routing advice (thin wrappers of ``directory.routing.advice``).

Authorities and jurisdictions in an answer are the API's Relay nodes, fetched through the
request's DataLoaders (one statement per kind, whatever the number of destinations).
"""

from __future__ import annotations

import datetime as dt

import strawberry

from directory.authorities.services import language_name
from directory.enums import (
    ChannelPermission,
    ExtraditionBasis,
    NotificationStatus,
    RequirementStatus,
    Verification,
)
from directory.graphql.authorities.rule_types import ChannelKind, Language
from directory.graphql.authorities.types import Authority, Designation
from directory.graphql.context import Info
from directory.graphql.enums import describe
from directory.graphql.loaders import referenced
from directory.graphql.treaties.jurisdiction_types import Jurisdiction
from directory.graphql.treaties.types import Source
from directory.routing import advice as a

# Registered in place (the annotations below name the classes themselves, which mypy can
# read as types); the schema knows the first as RouteWarningCode.
W = a.WarningCode
describe(
    W,
    "Why an answer of `route` needs the sender's attention; stable codes a client can act "
    "on without reading `message`.",
    {
        W.REQUESTED_NOT_PARTY: "The requested State is not bound (or not yet) by an "
        "instrument that governs the subject.",
        W.REQUESTING_NOT_PARTY: "The requesting State is not bound (or not yet) by an "
        "instrument that governs the subject.",
        W.PARTICIPATION_UNKNOWN: "The directory holds no participation of one State in an "
        "instrument: not known, never read as 'not a party'.",
        W.PARTICIPATION_DATE_UNKNOWN: "A State is a party whose consent date the sources do "
        "not give: counted as a legal basis, its date left empty.",
        W.PARTICIPATION_AS_OF: "The newest source of a participation states a status more "
        "than two years old: check the depositary's current status.",
        W.NOT_YET_IN_FORCE: "A State consented, but the instrument binds it only later.",
        W.NO_COMMON_LEGAL_BASIS: "No instrument recorded is in force for both States today: "
        "rely on a bilateral treaty, domestic law or reciprocity.",
        W.EXTRADITION_BASIS_NEEDED: "The requested State is not known to take a common "
        "instrument as a legal basis for extradition (16(5) NO, not notified or unknown).",
        W.NO_AUTHORITY: "No authority of the requested side is designated for this request.",
        W.SEVERAL_AUTHORITIES: "Several authorities match: `message` says how to choose.",
        W.DIPLOMATIC_CHANNEL_REQUIRED: "The requested State accepts such requests through "
        "the diplomatic channel only.",
        W.CHANNEL_REQUIRED: "The requested State accepts such requests through one other "
        "channel only (see `channels`).",
        W.NO_CHANNEL_RULE: "The directory records no channel for this request: ask the "
        "authority before sending.",
        W.NO_LANGUAGE_RULE: "The directory records no acceptable language for this request.",
        W.STALE_ENTRY: "A destination was never confirmed by its State, or not within "
        "DIRECTORY_STALE_AFTER_DAYS days (365 by default): check its contacts.",
        W.UNVERIFIED_DATA: "Some facts used are not confirmed by an official source.",
        W.TERRITORY_FALLBACK: "The territory has no authority of its own for the subject; "
        "its State's designations serve it, as the data records.",
        W.TERRITORY_FALLBACK_UNKNOWN: "The territory has no authority of its own for the "
        "subject and the data does not say whether its State's serve it: no destination.",
        W.TERRITORIAL_APPLICATION: "A territory is counted as bound through its State's "
        "participation; whether the instrument extends to it is not recorded.",
        W.RESIDUAL_FALLBACK: "No authority is designated for the subject in this scope; the "
        "general central authority is given instead.",
        W.CLOSED_NOW: "An urgent request, and every destination with known office hours is "
        "closed now.",
        W.FACTS_SET_ASIDE: "Facts the directory holds that this answer does not use (a 16(5) "
        "answer or an 18(14) language list of an instrument not in force between the two, a "
        "rule whose legal-basis condition fails), each with the reason.",
        W.LEGAL_BASIS_CONDITION_UNKNOWN: "A destination or requirement applies only if a "
        "condition on the legal basis holds, which the directory cannot tell (participation "
        "not recorded).",
    },
    name="RouteWarningCode",
)
describe(
    a.ScopeMatch,
    "How one scope dimension (stage, matter, measure, place, requesting side, legal basis) "
    "of a designation met the request.",
    {
        a.ScopeMatch.EXACT: "The designation names the value the request gives.",
        a.ScopeMatch.BROADER: "The designation names a stage that contains the one asked "
        "(TRIAL_AND_EXECUTION for TRIAL): it applies.",
        a.ScopeMatch.NARROWER: "The designation names a part of the stage asked (TRIAL for "
        "TRIAL_AND_EXECUTION): it may apply, depending on which part the case is in.",
        a.ScopeMatch.GENERAL: "The designation does not restrict this dimension.",
        a.ScopeMatch.OPEN: "The designation restricts it and the request leaves it open: "
        "check that it fits.",
    },
)
C = a.ChannelConditionCode
describe(
    C,
    "What a channel's advice asks of the sender.",
    {
        C.REQUIRED: "This is the only channel the requested State accepts.",
        C.URGENT_ONLY: "The channel serves urgent requests only (this one is urgent).",
        C.PRIOR_AGREEMENT_REQUIRED: "Only where the two States have agreed to it: check "
        "that they have.",
        C.WRITTEN_CONFIRMATION_REQUIRED: "Confirm the request in writing promptly.",
        C.ORIGINAL_TO_FOLLOW: "Send the signed original through a formal channel (within "
        "the days `message` gives, if any).",
        C.CONDITION: "A condition in the rule's own words, in `message`.",
        C.LEGAL_BASIS: "The rule applies because its condition on the legal basis holds; "
        "`message` says which.",
        C.MEASURE: "A rule for one measure (the request names none): `message` says what the "
        "State accepts for it.",
    },
)
describe(
    a.LanguageLevel,
    "Where the rule that accepts a language is set; more specific levels come first.",
    {
        a.LanguageLevel.DESIGNATION: "A rule of one of the chosen designations.",
        a.LanguageLevel.NOTIFICATION: "Notified under a provision (UNTOC art. 18(14), …) of "
        "an instrument in force between the two States.",
        a.LanguageLevel.JURISDICTION: "A general rule of the answering jurisdiction.",
    },
)


@strawberry.input(
    description="A request to send: from which State, to which, about what. Codes are "
    "case-insensitive; an unknown one is BAD_USER_INPUT naming the field, with close matches "
    "in `extensions.suggestions`."
)
class RouteInput:
    requesting: str = strawberry.field(
        description="ISO 3166-1 alpha-3 code of the requesting State (DEU)."
    )
    requested: str = strawberry.field(
        description="ISO 3166-1 alpha-3 code of the requested State, or of one of its "
        "territories (HKG)."
    )
    subject: str = strawberry.field(
        description="Subject code (MLA, EXTRADITION, …; see `subjects`)."
    )
    stage: str | None = strawberry.field(
        default=None,
        description="Procedural stage code (see `proceduralStages`); none: not known yet.",
    )
    matter: str | None = strawberry.field(
        default=None, description="Matter code (TAX, …; see `matters`); none: any."
    )
    place: str | None = strawberry.field(
        default=None,
        description="Where in the requested State the request is to be executed: an ISO "
        "3166-2 subdivision (GB-SCT) or a territory code (HKG).",
    )
    urgent: bool = strawberry.field(
        default=False,
        description="An urgent request (default false): urgent-only channels apply, and "
        "office hours are read.",
    )
    measure: str | None = strawberry.field(
        default=None,
        description="Measure code (SERVICE_OF_DOCUMENTS, SEARCH_AND_SEIZURE, …; see "
        "seed/measures.json): designations, channel rules and requirements for that measure "
        "answer. None: those of single measures are named as such.",
    )

    def to_request(self) -> a.RouteRequest:
        return a.RouteRequest(
            self.requesting,
            self.requested,
            self.subject,
            self.stage,
            self.matter,
            self.place,
            self.urgent,
            self.measure,
        )


async def _jurisdiction(info: Info, code: str) -> Jurisdiction:
    return Jurisdiction.from_row(await referenced(info.context.loaders.jurisdiction_by_code, code))


@strawberry.type(description="How each scope dimension of a designation met the request.")
class ScopeOfMatch:
    stage: a.ScopeMatch = strawberry.field(description="The procedural stage.")
    matter: a.ScopeMatch = strawberry.field(description="The matter.")
    place: a.ScopeMatch = strawberry.field(description="The subdivision or territory.")
    measure: a.ScopeMatch = strawberry.field(description="The measure.")
    requesting: a.ScopeMatch = strawberry.field(
        description="EXACT when the designation is limited to the requesting State or a group "
        "it belongs to; GENERAL when it is not limited by requesting side."
    )
    basis: a.ScopeMatch = strawberry.field(
        description="Its condition on the legal basis: EXACT (holds), OPEN (the directory "
        "cannot tell), GENERAL (none)."
    )


@strawberry.type(description="A designation that answers the request, and why.")
class DesignationMatch:
    designation_id: strawberry.Private[int]
    provision: str | None = strawberry.field(
        description="The provision it was notified under, as 'UNTOC 18(13)'; null when none."
    )
    designated_under: str | None = strawberry.field(
        description="Its legal basis in the State's words."
    )
    scope: ScopeOfMatch = strawberry.field(description="How its scope met the request.")
    residual: bool = strawberry.field(description="Chosen as the general authority (fallback).")
    via_parent: bool = strawberry.field(description="Chosen through the territory's State.")
    priority: int = strawberry.field(description="Its priority (lower = preferred).")
    verification: Verification = strawberry.field(description="How far it is confirmed.")
    notes: str | None = strawberry.field(description="Remarks of the directory's editors.")
    measure: str | None = strawberry.field(
        description="The measure it is limited to; null when none."
    )
    requesting: str | None = strawberry.field(
        description="The requesting State (alpha-3) or group code it is limited to; null when none."
    )
    basis: str | None = strawberry.field(
        description="Why its condition on the legal basis holds, or may hold; null when it "
        "has none."
    )

    @strawberry.field(description="The designation itself.")
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
            measure=m.measure,
            requesting=m.requesting,
            basis=m.basis,
        )


@strawberry.type(
    description="Whether an authority's office is open at the time of the request, read in "
    "its own time zone, or in its country's only zone when it has none (`timeZoneIsDefault`)."
)
class OfficeStatus:
    time_zone: str = strawberry.field(description="Its IANA time zone (Asia/Hong_Kong).")
    local_time: dt.datetime = strawberry.field(
        description="The time of the request in that zone, with its offset."
    )
    open_now: bool = strawberry.field(description="Whether it is open at that time.")
    closes_at: dt.datetime | None = strawberry.field(
        description="When open: when the current opening ends (overnight openings chained)."
    )
    next_opens_at: dt.datetime | None = strawberry.field(
        description="When closed: when it next opens, in its zone."
    )
    time_zone_is_default: bool = strawberry.field(
        description="True when the authority has no time zone of its own and its country's "
        "only zone (tz database) was used: a default, not a fact the State entered."
    )


@strawberry.type(description="An authority to send the request to, and why.")
class Destination:
    authority_id: strawberry.Private[int]
    name: str = strawberry.field(
        description="Its name in English, else its original name (as `Authority.name`)."
    )
    matches: list[DesignationMatch] = strawberry.field(
        description="Its designations that answer the request."
    )
    office: OfficeStatus | None = strawberry.field(
        description="Urgent requests only, when the office hours are known, read in the "
        "authority's time zone or, when it has none, its country's only zone."
    )

    @strawberry.field(description="The authority, with its contacts and entries.")
    async def authority(self, info: Info) -> Authority:
        return Authority.from_row(
            await referenced(info.context.loaders.authority_by_id, self.authority_id)
        )


@strawberry.type(description="One condition of a channel for this request.")
class ChannelCondition:
    code: a.ChannelConditionCode = strawberry.field(description="What is asked, as a code.")
    message: str = strawberry.field(description="The same for a reader, in English.")


@strawberry.type(
    description="A channel the request may (or must) be sent through, its deciding rule "
    "applied to this request."
)
class ChannelAdvice:
    channel: ChannelKind = strawberry.field(description="The channel.")
    permission: ChannelPermission = strawberry.field(
        description="ACCEPTED or REQUIRED (refused channels are left out)."
    )
    preference: int = strawberry.field(description="Lower = preferred; REQUIRED comes first.")
    conditions: list[ChannelCondition] = strawberry.field(
        description="What sending this way asks of the sender."
    )
    verification: Verification = strawberry.field(description="How far the rule is confirmed.")


@strawberry.type(
    description="A language the request may be written in, in order of preference: "
    "designation rules first, then notified ones, then general ones; each language once."
)
class LanguageAdvice:
    language: Language = strawberry.field(description="The language.")
    level: a.LanguageLevel = strawberry.field(description="Where the deciding rule is set.")
    condition: str | None = strawberry.field(
        description="When it is accepted, in English; null: always."
    )
    instrument: str | None = strawberry.field(
        description="Code of the instrument it was notified under (NOTIFICATION level)."
    )
    verification: Verification = strawberry.field(description="How far the rule is confirmed.")
    basis: str | None = strawberry.field(
        description="Why its condition on the legal basis holds; null when it has none."
    )


@strawberry.type(description="A legal requirement of the requested State that applies.")
class RequirementAdvice:
    kind: str = strawberry.field(description="Requirement kind code (DUAL_CRIMINALITY, …).")
    kind_name: str = strawberry.field(description="The kind in words.")
    status: RequirementStatus = strawberry.field(description="What the State requires.")
    text: str | None = strawberry.field(description="The condition or detail, in words.")
    url: str | None = strawberry.field(
        description="A link to the legislation, guide or form it refers to."
    )
    subject: str | None = strawberry.field(description="The subject it is limited to, if any.")
    measure: str | None = strawberry.field(description="The measure it is limited to, if any.")
    basis: str | None = strawberry.field(
        description="Why its condition on the legal basis holds, or may hold; null when none."
    )
    verification: Verification = strawberry.field(description="How far a source confirms it.")


@strawberry.type(description="An instrument in force for both States today.")
class LegalBasis:
    instrument: str = strawberry.field(description="Its code (UNTOC).")
    title: str = strawberry.field(description="Its short title.")
    in_force_for_requesting_on: dt.date | None = strawberry.field(
        description="Since when it binds the requesting State; null: a party whose date is "
        "unknown (warning PARTICIPATION_DATE_UNKNOWN)."
    )
    in_force_for_requested_on: dt.date | None = strawberry.field(
        description="Since when it binds the requested State; null: a party whose date is "
        "unknown (warning PARTICIPATION_DATE_UNKNOWN)."
    )


@strawberry.type(
    description="Extradition requests: the requested State's answer under an extradition-"
    "basis provision (UNTOC art. 16(5), …) of an instrument in force between the two."
)
class ExtraditionPosition:
    instrument: str = strawberry.field(description="The instrument's code.")
    provision: str = strawberry.field(description="The article (16(5)).")
    status: NotificationStatus = strawberry.field(description="Whether it notified.")
    basis: ExtraditionBasis | None = strawberry.field(
        description="Its answer when it notified; null otherwise."
    )
    condition: str | None = strawberry.field(description="Its condition, in English.")
    treaty_or_law_needed: bool = strawberry.field(
        description="False when the State takes the instrument as a legal basis (basis YES "
        "or CONDITIONAL); else true: a bilateral treaty or its domestic law is needed."
    )
    message: str = strawberry.field(description="The position for a reader, in English.")


@strawberry.type(description="A point the sender must check, with a stable code.")
class RouteWarning:
    code: a.WarningCode = strawberry.field(description="What it is about.")
    message: str = strawberry.field(
        description="What to do, naming the States and entries concerned, in English."
    )


@strawberry.type(
    description="Where, how, in which language and on which basis to send one request, as of now."
)
class RouteAdvice:
    codes: strawberry.Private[tuple[str, str, str]]
    subject: str = strawberry.field(description="The subject code, normalised.")
    stage: str | None = strawberry.field(description="The stage code given, normalised.")
    matter: str | None = strawberry.field(description="The matter code given, normalised.")
    place: str | None = strawberry.field(description="The place given, normalised.")
    urgent: bool = strawberry.field(description="Whether the request is urgent.")
    destinations: list[Destination] = strawberry.field(
        description="The authorities to send to, best first; empty when none is known."
    )
    channels: list[ChannelAdvice] = strawberry.field(
        description="The channels allowed for this request, REQUIRED first, then by preference."
    )
    languages: list[LanguageAdvice] = strawberry.field(
        description="The acceptable languages, most specific rule first, then by preference."
    )
    legal_bases: list[LegalBasis] = strawberry.field(
        description="Instruments governing the subject in force for both States today."
    )
    extradition: list[ExtraditionPosition] = strawberry.field(
        description="For extradition: the requested State's position under each such "
        "instrument; empty for other subjects."
    )
    requirements: list[RequirementAdvice] = strawberry.field(
        description="The requested State's legal requirements for this request (dual "
        "criminality, reciprocity, assurances, form, translation, links to legislation and "
        "guides), each with its sources among `sources`."
    )
    measure: str | None = strawberry.field(description="The measure given, normalised.")
    warnings: list[RouteWarning] = strawberry.field(
        description="What the sender must check before relying on the answer."
    )
    sources: list[Source] = strawberry.field(
        description="Every source cited by the facts the answer uses."
    )
    oldest_confirmation_on: dt.date | None = strawberry.field(
        description="The oldest date among the facts used (confirmations, sources seen): "
        "how far to trust the answer."
    )

    @strawberry.field(description="The requesting State.")
    async def requesting(self, info: Info) -> Jurisdiction:
        return await _jurisdiction(info, self.codes[0])

    @strawberry.field(description="The State (or territory) asked.")
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
                    basis=lang.basis,
                )
                for lang in x.languages
            ],
            legal_bases=[LegalBasis(**vars(b)) for b in x.legal_bases],
            extradition=[ExtraditionPosition(**vars(p)) for p in x.extradition],
            requirements=[
                RequirementAdvice(
                    kind=q.kind,
                    kind_name=q.kind_name,
                    status=q.status,
                    text=q.text,
                    url=q.url,
                    subject=q.subject,
                    measure=q.measure,
                    basis=q.basis,
                    verification=q.verification,
                )
                for q in x.requirements
            ],
            measure=x.measure,
            warnings=[RouteWarning(code=w.code, message=w.message) for w in x.warnings],
            sources=[
                Source(
                    node_key=s.id,
                    url=s.url,
                    document=s.document,
                    title=s.title,
                    kind=s.kind,
                    stated_on=s.stated_on,
                    seen_on=s.seen_on,
                )
                for s in x.sources
            ],
            oldest_confirmation_on=x.oldest_confirmation_on,
        )
