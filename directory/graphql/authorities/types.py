"""GraphQL types of the authorities domain: authorities and their designations, and the
vocabularies of a designation's scope (procedural stages, matters).

Channel and language rules are in ``rule_types``; names, contacts and office hours in
``contact_types``, whose ``contacts_of`` is the one path from contact rows to the schema.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry
from strawberry import relay

from directory.authorities import models as m
from directory.authorities import services
from directory.authorities.services import is_stale
from directory.db import utcnow
from directory.enums import AuthorityStatus, ContactKind, Direction, UNLanguage, Verification
from directory.graphql.audit.types import RevisionType
from directory.graphql.authorities.contact_types import (
    AuthorityName,
    Contact,
    OfficeHours,
    contacts_of,
    office_hours_of,
)
from directory.graphql.authorities.rule_types import ChannelRule, LanguageRule
from directory.graphql.context import Info
from directory.graphql.loaders import referenced
from directory.graphql.nodes import load_nodes, row_id
from directory.graphql.pagination import paged
from directory.graphql.treaties.jurisdiction_types import Jurisdiction
from directory.graphql.treaties.types import Provision, Source, Subject, sources, via_loader
from directory.pages import DESIGNATIONS, REVISIONS, RULES

for _enum in (AuthorityStatus, ContactKind, Direction):
    strawberry.enum(_enum)


@strawberry.type
class ProceduralStage(Subject):
    """A stage of proceedings that can change the competent authority."""


@strawberry.type
class Matter(Subject):
    """A kind of case that can change the competent authority (tax, corruption, …)."""


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
    async def resolve_nodes(cls, *, info: Info, node_ids: Any, required: bool = False) -> list[Any]:
        ids = [row_id(i) for i in node_ids]  # None: no row has it, the answer is null
        return await load_nodes(cls, info.context.loaders.designation_by_id, ids)

    @strawberry.field
    def subdivision_name(self) -> str | None:
        return services.subdivision_name(self.subdivision) if self.subdivision else None

    @strawberry.field
    async def authority(self, info: Info) -> Authority:
        return Authority.from_row(
            await referenced(info.context.loaders.authority_by_id, self.row.authority_id)
        )

    @strawberry.field
    async def subject(self, info: Info) -> Subject:
        row = await referenced(info.context.loaders.subject_by_code, self.row.subject_code)
        return Subject.from_row(row)

    @strawberry.field
    async def stage(self, info: Info) -> ProceduralStage | None:
        return await via_loader(
            ProceduralStage.from_row, info.context.loaders.stage_by_code, self.row.stage_code
        )

    @strawberry.field
    async def matter(self, info: Info) -> Matter | None:
        return await via_loader(
            Matter.from_row, info.context.loaders.matter_by_code, self.row.matter_code
        )

    @strawberry.field(description="The territory (e.g. Hong Kong SAR) it is limited to.")
    async def territory(self, info: Info) -> Jurisdiction | None:
        loader = info.context.loaders.jurisdiction_by_id
        return await via_loader(Jurisdiction.from_row, loader, self.row.territory_id)

    @strawberry.field
    async def provision(self, info: Info) -> Provision | None:
        if self.row.provision_id is None:
            return None
        return Provision(
            row=await referenced(info.context.loaders.provision_by_id, self.row.provision_id)
        )

    @paged(RULES, "Channel rules narrowed to this designation.")
    async def channel_rules(self, info: Info, first: int = RULES.default) -> list[ChannelRule]:
        key = (self.row.id, RULES.check(first))
        rows = await info.context.loaders.channel_rules_of_designation.load(key)
        return [ChannelRule.from_row(r) for r in rows]

    @paged(RULES, "Language rules narrowed to this designation.")
    async def language_rules(self, info: Info, first: int = RULES.default) -> list[LanguageRule]:
        key = (self.row.id, RULES.check(first))
        rows = await info.context.loaders.language_rules_of_designation.load(key)
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
    async def resolve_nodes(cls, *, info: Info, node_ids: Any, required: bool = False) -> list[Any]:
        return await load_nodes(cls, info.context.loaders.authority_by_key, node_ids)

    @strawberry.field(description="Name in `language`, else in English, else the original.")
    async def name(self, info: Info, language: UNLanguage = UNLanguage.EN) -> str:
        return services.authority_name(await self._names(info), self.key, language)

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
        row = await referenced(info.context.loaders.jurisdiction_by_id, self.row.jurisdiction_id)
        return Jurisdiction.from_row(row)

    @strawberry.field(description="Phone numbers (E.164).")
    async def phones(self, info: Info) -> list[Contact]:
        return await contacts_of(info, self.row, ContactKind.PHONE)

    @strawberry.field(description="Fax numbers (E.164).")
    async def faxes(self, info: Info) -> list[Contact]:
        return await contacts_of(info, self.row, ContactKind.FAX)

    @strawberry.field
    async def emails(self, info: Info) -> list[Contact]:
        return await contacts_of(info, self.row, ContactKind.EMAIL)

    @strawberry.field(description="Functions or offices to address (never private persons).")
    async def contact_persons(self, info: Info) -> list[Contact]:
        return await contacts_of(info, self.row, ContactKind.CONTACT_PERSON)

    @strawberry.field
    async def office_hours(self, info: Info) -> list[OfficeHours]:
        return await office_hours_of(info, self.row)

    @paged(DESIGNATIONS, "Its designations, preferred first.")
    async def designations(
        self, info: Info, first: int = DESIGNATIONS.default
    ) -> list[Designation]:
        key = (self.row.id, DESIGNATIONS.check(first))
        rows = await info.context.loaders.designations_of_authority.load(key)
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

    @paged(
        REVISIONS,
        "Revisions of this authority and of its designations and rules, newest first; "
        "restricted contact values are redacted for callers not entitled to them.",
    )
    async def history(self, info: Info, first: int = REVISIONS.default) -> list[RevisionType]:
        return await info.context.histories.load((self.row.id, REVISIONS.check(first)))
