"""GraphQL types of the authorities domain: authorities, designations, contacts, office
hours, channel and language rules, and their vocabularies.

Contacts (phones, faxes, e-mails, contact persons) reach the schema through ONE path:
``Authority._contacts`` → ``services.visible_contacts``; no other resolver reads them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry
from strawberry import relay

from directory.api.context import Info
from directory.audit.types import RevisionType
from directory.authorities import models as m
from directory.authorities import services
from directory.db import utcnow
from directory.editing.freshness import is_stale
from directory.enums import AuthorityStatus, ChannelPermission, ContactKind, Direction, Verification
from directory.treaties.jurisdiction_types import Jurisdiction
from directory.treaties.types import Instrument, Provision, Source, Subject, sources

for _enum in (AuthorityStatus, ChannelPermission, ContactKind, Direction):
    strawberry.enum(_enum)


@strawberry.type
class ChannelKind(Subject):
    """A way of transmitting a request (central authority direct, diplomatic, Interpol, …)."""


@strawberry.type
class ProceduralStage(Subject):
    """A stage of proceedings that can change the competent authority."""


@strawberry.type
class Matter(Subject):
    """A kind of case that can change the competent authority (tax, corruption, …)."""


@strawberry.type
class Language:
    code: str = strawberry.field(description="ISO 639-1, or ISO 639-3 when there is no 639-1.")
    name: str | None = strawberry.field(description="English name (ISO 639), null if unknown.")


@strawberry.type
class AuthorityName:
    language: str
    name: str
    is_original: bool


@strawberry.type
class Contact:
    value: str = strawberry.field(description="E.164 for phones and faxes.")
    label: str | None


@strawberry.type
class OfficeHours:
    weekday: int = strawberry.field(description="0 = Monday … 6 = Sunday.")
    opens: dt.time
    closes: dt.time


async def _instrument(info: Info, instrument_id: int | None) -> Instrument | None:
    if instrument_id is None:
        return None
    return Instrument.from_row(await info.context.loaders.instrument_by_id.load(instrument_id))


async def _subject(info: Info, code: str | None) -> Subject | None:
    if code is None:
        return None
    return Subject.from_row(await info.context.loaders.subject_by_code.load(code))


@strawberry.type
class ChannelRule:
    """A channel the jurisdiction accepts, requires or refuses, with its conditions. It may be
    narrowed to one subject or to requests made under one instrument."""

    row: strawberry.Private[m.ChannelRule]
    permission: ChannelPermission
    urgent_only: bool
    prior_agreement_required: bool
    written_confirmation_required: bool
    original_to_follow: bool
    original_within_days: int | None
    preference: int = strawberry.field(description="Lower = preferred.")
    condition: str | None
    verification: Verification

    @classmethod
    def from_row(cls, row: m.ChannelRule) -> ChannelRule:
        return cls(
            row=row,
            permission=row.permission,
            urgent_only=row.urgent_only,
            prior_agreement_required=row.prior_agreement_required,
            written_confirmation_required=row.written_confirmation_required,
            original_to_follow=row.original_to_follow,
            original_within_days=row.original_within_days,
            preference=row.preference,
            condition=row.condition,
            verification=row.verification,
        )

    @strawberry.field
    async def channel(self, info: Info) -> ChannelKind:
        row = await info.context.loaders.channel_kind_by_code.load(self.row.channel_code)
        return ChannelKind.from_row(row)

    @strawberry.field
    async def subject(self, info: Info) -> Subject | None:
        return await _subject(info, self.row.subject_code)

    @strawberry.field
    async def instrument(self, info: Info) -> Instrument | None:
        return await _instrument(info, self.row.instrument_id)

    @strawberry.field
    async def sources(self, info: Info) -> list[Source]:
        return sources(await info.context.loaders.sources_of_channel_rule.load(self.row.id))


@strawberry.type
class LanguageRule:
    """A language acceptable for requests, in an order of preference, with a condition."""

    row: strawberry.Private[m.LanguageRule]
    language: Language
    preference: int = strawberry.field(description="Lower = preferred.")
    condition: str | None
    verification: Verification

    @classmethod
    def from_row(cls, row: m.LanguageRule) -> LanguageRule:
        return cls(
            row=row,
            language=Language(code=row.language, name=services.language_name(row.language)),
            preference=row.preference,
            condition=row.condition,
            verification=row.verification,
        )

    @strawberry.field
    async def subject(self, info: Info) -> Subject | None:
        return await _subject(info, self.row.subject_code)

    @strawberry.field
    async def instrument(self, info: Info) -> Instrument | None:
        return await _instrument(info, self.row.instrument_id)

    @strawberry.field
    async def sources(self, info: Info) -> list[Source]:
        return sources(await info.context.loaders.sources_of_language_rule.load(self.row.id))


@strawberry.type
class Designation(relay.Node):
    """An authority designated for one subject, within a scope (stage, matter, territory,
    subdivision, direction), optionally under one provision."""

    node_key: relay.NodeID[int]
    row: strawberry.Private[m.Designation]
    subdivision: str | None = strawberry.field(description="ISO 3166-2 code, e.g. GB-SCT.")
    direction: Direction
    residual: bool = strawberry.field(description="Also serves subjects with no designation.")
    priority: int = strawberry.field(description="Lower = preferred among matches.")
    designated_under: str | None
    notes: str | None
    verification: Verification

    @classmethod
    def from_row(cls, row: m.Designation) -> Designation:
        return cls(
            node_key=row.id,
            row=row,
            subdivision=row.subdivision,
            direction=row.direction,
            residual=row.residual,
            priority=row.priority,
            designated_under=row.designated_under,
            notes=row.notes,
            verification=row.verification,
        )

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Any, required: bool = False) -> list:
        ids = [int(i) if str(i).isdigit() else -1 for i in node_ids]
        rows = await info.context.loaders.designation_by_id.load_many(ids)
        return [cls.from_row(r) if r is not None else None for r in rows]

    @strawberry.field
    def subdivision_name(self) -> str | None:
        return services.subdivision_name(self.subdivision) if self.subdivision else None

    @strawberry.field
    async def authority(self, info: Info) -> Authority:
        return Authority.from_row(
            await info.context.loaders.authority_by_id.load(self.row.authority_id)
        )

    @strawberry.field
    async def subject(self, info: Info) -> Subject:
        return Subject.from_row(
            await info.context.loaders.subject_by_code.load(self.row.subject_code)
        )

    @strawberry.field
    async def stage(self, info: Info) -> ProceduralStage | None:
        if self.row.stage_code is None:
            return None
        return ProceduralStage.from_row(
            await info.context.loaders.stage_by_code.load(self.row.stage_code)
        )

    @strawberry.field
    async def matter(self, info: Info) -> Matter | None:
        if self.row.matter_code is None:
            return None
        return Matter.from_row(await info.context.loaders.matter_by_code.load(self.row.matter_code))

    @strawberry.field(description="The territory (e.g. Hong Kong SAR) it is limited to.")
    async def territory(self, info: Info) -> Jurisdiction | None:
        if self.row.territory_id is None:
            return None
        row = await info.context.loaders.jurisdiction_by_id.load(self.row.territory_id)
        return Jurisdiction.from_row(row)

    @strawberry.field
    async def provision(self, info: Info) -> Provision | None:
        if self.row.provision_id is None:
            return None
        return Provision(row=await info.context.loaders.provision_by_id.load(self.row.provision_id))

    @strawberry.field(description="Channel rules narrowed to this designation.")
    async def channel_rules(self, info: Info) -> list[ChannelRule]:
        rows = await info.context.loaders.channel_rules_of_designation.load(self.row.id)
        return [ChannelRule.from_row(r) for r in rows]

    @strawberry.field(description="Language rules narrowed to this designation.")
    async def language_rules(self, info: Info) -> list[LanguageRule]:
        rows = await info.context.loaders.language_rules_of_designation.load(self.row.id)
        return [LanguageRule.from_row(r) for r in rows]

    @strawberry.field
    async def sources(self, info: Info) -> list[Source]:
        return sources(await info.context.loaders.sources_of_designation.load(self.row.id))


@strawberry.type
class Authority(relay.Node):
    """A body (never a person) in a jurisdiction. Its global ID wraps its stable ``key``."""

    node_key: relay.NodeID[str]
    row: strawberry.Private[m.Authority]
    key: str
    street_address: str | None
    city: str | None
    postal_code: str | None
    website: str | None
    time_zone: str | None = strawberry.field(description="IANA time zone, e.g. Europe/Paris.")
    notes: str | None
    status: AuthorityStatus
    verification: Verification
    last_confirmed_on: dt.date | None
    version: int

    @classmethod
    def from_row(cls, row: m.Authority) -> Authority:
        return cls(
            node_key=row.key,
            row=row,
            key=row.key,
            street_address=row.street_address,
            city=row.city,
            postal_code=row.postal_code,
            website=row.website,
            time_zone=row.time_zone,
            notes=row.notes,
            status=row.status,
            verification=row.verification,
            last_confirmed_on=row.last_confirmed_on,
            version=row.version,
        )

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Any, required: bool = False) -> list:
        rows = await info.context.loaders.authority_by_key.load_many(list(node_ids))
        return [cls.from_row(r) if r is not None else None for r in rows]

    @strawberry.field(
        description="Name in `language` (ISO 639), else in English, else the original."
    )
    async def name(self, info: Info, language: str | None = None) -> str:
        found = services.pick_name(await self._names(info), language)
        return found.name if found is not None else self.key

    @strawberry.field
    async def names(self, info: Info) -> list[AuthorityName]:
        return [
            AuthorityName(language=n.language, name=n.name, is_original=n.is_original)
            for n in await self._names(info)
        ]

    async def _names(self, info: Info) -> list[m.AuthorityName]:
        return await info.context.loaders.names_of_authority.load(self.row.id)

    @strawberry.field
    async def jurisdiction(self, info: Info) -> Jurisdiction:
        row = await info.context.loaders.jurisdiction_by_id.load(self.row.jurisdiction_id)
        return Jurisdiction.from_row(row)

    async def _contacts(self, info: Info, kind: ContactKind) -> list[Contact]:
        # The one path from AuthorityContact rows to the schema: through the service gate.
        rows = await info.context.loaders.contacts_of_authority.load(self.row.id)
        visible = services.visible_contacts(info.context, rows, self.row.jurisdiction_id)
        return [Contact(value=c.value, label=c.label) for c in visible if c.kind == kind]

    @strawberry.field(description="Phone numbers (E.164).")
    async def phones(self, info: Info) -> list[Contact]:
        return await self._contacts(info, ContactKind.PHONE)

    @strawberry.field(description="Fax numbers (E.164).")
    async def faxes(self, info: Info) -> list[Contact]:
        return await self._contacts(info, ContactKind.FAX)

    @strawberry.field
    async def emails(self, info: Info) -> list[Contact]:
        return await self._contacts(info, ContactKind.EMAIL)

    @strawberry.field(description="Functions or offices to address (never private persons).")
    async def contact_persons(self, info: Info) -> list[Contact]:
        return await self._contacts(info, ContactKind.CONTACT_PERSON)

    @strawberry.field
    async def office_hours(self, info: Info) -> list[OfficeHours]:
        rows = await info.context.loaders.office_hours_of_authority.load(self.row.id)
        return [OfficeHours(weekday=r.weekday, opens=r.opens, closes=r.closes) for r in rows]

    @strawberry.field
    async def designations(self, info: Info) -> list[Designation]:
        rows = await info.context.loaders.designations_of_authority.load(self.row.id)
        return [Designation.from_row(r) for r in rows]

    @strawberry.field
    async def sources(self, info: Info) -> list[Source]:
        return sources(await info.context.loaders.sources_of_authority.load(self.row.id))

    @strawberry.field(
        description="True when never confirmed, or last confirmed more than "
        "DIRECTORY_STALE_AFTER_DAYS days ago (default 365): check its contacts before use."
    )
    def stale(self, info: Info) -> bool:
        today = utcnow().date()
        return is_stale(self.row, today, info.context.settings.stale_after_days)

    @strawberry.field(
        description="Revisions of this authority and of its designations and rules, newest "
        "first; restricted contact values are redacted for callers not entitled to them."
    )
    async def history(self, info: Info) -> list[RevisionType]:
        return await info.context.histories.load(self.row.id)
