"""GraphQL types of the authorities domain: authorities and their designations, and the
vocabularies of a designation's scope (procedural stages, matters).

Channel and language rules are in ``rule_types``; names, contacts and office hours in
``contact_types``, whose ``contacts_of`` is the one path from contact rows to the schema.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import strawberry
from strawberry import relay

import directory.graphql.authorities.enums  # noqa: F401  # registers the authorities' enums
from directory.authorities import models as m
from directory.authorities import services
from directory.authorities.services import is_stale
from directory.db import utcnow
from directory.enums import AuthorityStatus, ContactKind, Direction, UNLanguage, Verification
from directory.graphql.audit.types import Revision
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
from directory.graphql.pagination import first_argument, paged
from directory.graphql.treaties.jurisdiction_types import Jurisdiction
from directory.graphql.treaties.types import Provision, Source, Subject, sources, via_loader
from directory.pages import DESIGNATIONS, REVISIONS, RULES


@strawberry.type(
    description="A stage of proceedings that can change the competent authority "
    "(investigation, trial, execution, …): a term of a seeded vocabulary, listed by "
    "`proceduralStages`."
)
class ProceduralStage(Subject):
    pass


@strawberry.type(
    description="A kind of case that can change the competent authority (tax, corruption, "
    "…): a term of a seeded vocabulary, listed by `matters`."
)
class Matter(Subject):
    pass


@strawberry.type(
    description="An authority designated for one subject, within a scope (procedural stage, "
    "matter, territory, subdivision, direction), optionally under one provision. A scope "
    "left null is not restricted."
)
class Designation(relay.Node):
    node_key: relay.NodeID[int]
    row: strawberry.Private[m.Designation]
    subdivision: str | None = strawberry.field(
        description="ISO 3166-2 code of the part of its State it is limited to (GB-SCT); "
        "null: the whole State."
    )
    direction: Direction = strawberry.field(
        description="Whether it receives requests, sends its State's own, or both."
    )
    residual: bool = strawberry.field(
        description="It also serves subjects that have no designation of their own (a "
        "general central authority); true only when the data says so."
    )
    priority: int = strawberry.field(
        description="Lower = preferred when several designations match one request."
    )
    designated_under: str | None = strawberry.field(
        description="The legal basis of the designation as the State gives it (treaties, "
        "national law), in its words."
    )
    notes: str | None = strawberry.field(description="Remarks of the directory's editors.")
    verification: Verification = strawberry.field(description="How far it is confirmed.")

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

    @strawberry.field(description="English name of `subdivision` (ISO 3166-2: Scotland).")
    def subdivision_name(self) -> str | None:
        return services.subdivision_name(self.subdivision) if self.subdivision else None

    @strawberry.field(description="The authority designated.")
    async def authority(self, info: Info) -> Authority:
        return Authority.from_row(
            await referenced(info.context.loaders.authority_by_id, self.row.authority_id)
        )

    @strawberry.field(description="The kind of cooperation it is designated for.")
    async def subject(self, info: Info) -> Subject:
        row = await referenced(info.context.loaders.subject_by_code, self.row.subject_code)
        return Subject.from_row(row)

    @strawberry.field(description="The procedural stage it is limited to; null: any stage.")
    async def stage(self, info: Info) -> ProceduralStage | None:
        return await via_loader(
            ProceduralStage.from_row, info.context.loaders.stage_by_code, self.row.stage_code
        )

    @strawberry.field(description="The kind of case it is limited to; null: any.")
    async def matter(self, info: Info) -> Matter | None:
        return await via_loader(
            Matter.from_row, info.context.loaders.matter_by_code, self.row.matter_code
        )

    @strawberry.field(
        description="The territory (e.g. Hong Kong SAR) it is limited to; null: none."
    )
    async def territory(self, info: Info) -> Jurisdiction | None:
        loader = info.context.loaders.jurisdiction_by_id
        return await via_loader(Jurisdiction.from_row, loader, self.row.territory_id)

    @strawberry.field(
        description="The provision it was notified under (UNTOC 18(13), …); null when it "
        "was not notified to a depositary."
    )
    async def provision(self, info: Info) -> Provision | None:
        if self.row.provision_id is None:
            return None
        return Provision(
            row=await referenced(info.context.loaders.provision_by_id, self.row.provision_id)
        )

    @paged(RULES, "Channel rules narrowed to this designation, preferred first.")
    async def channel_rules(
        self, info: Info, first: Annotated[int, first_argument(RULES)] = RULES.default
    ) -> list[ChannelRule]:
        key = (self.row.id, RULES.check(first))
        rows = await info.context.loaders.channel_rules_of_designation.load(key)
        return [ChannelRule.from_row(r) for r in rows]

    @paged(RULES, "Language rules narrowed to this designation, preferred first.")
    async def language_rules(
        self, info: Info, first: Annotated[int, first_argument(RULES)] = RULES.default
    ) -> list[LanguageRule]:
        key = (self.row.id, RULES.check(first))
        rows = await info.context.loaders.language_rules_of_designation.load(key)
        return [LanguageRule.from_row(r) for r in rows]

    @strawberry.field(description="Where the designation was read.")
    async def sources(self, info: Info) -> list[Source]:
        return sources(await info.context.loaders.sources_of_designation.load(self.row.id))


@strawberry.type(
    description="A body (never a person) in a jurisdiction that receives or sends requests. "
    "Its global ID wraps its stable `key`. Phones, faxes, e-mails and contact persons marked "
    "restricted are shown only to practitioners, the secretariat and its State's editors."
)
class Authority(relay.Node):
    node_key: relay.NodeID[str]
    row: strawberry.Private[m.Authority]
    key: str = strawberry.field(
        description="Stable key (aut-fra-…), kept across renames and exports."
    )
    street_address: str | None = strawberry.field(
        description="Postal address, without city and postal code (lines separated by newlines)."
    )
    city: str | None = strawberry.field(description="City of the postal address.")
    postal_code: str | None = strawberry.field(description="Postal code.")
    website: str | None = strawberry.field(description="Its website (http or https URL).")
    time_zone: str | None = strawberry.field(
        description="IANA time zone of its office hours, e.g. Europe/Paris."
    )
    notes: str | None = strawberry.field(description="Remarks of the directory's editors.")
    status: AuthorityStatus = strawberry.field(description="Active or retired.")
    verification: Verification = strawberry.field(description="How far it is confirmed.")
    last_confirmed_on: dt.date | None = strawberry.field(
        description="When its State (or the secretariat) last confirmed the entry; null: never."
    )
    version: int = strawberry.field(
        description="Incremented by every change: pass it as `expectedVersion` to a write, "
        "which is refused (CONFLICT) when the entry changed since."
    )

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

    @strawberry.field(
        description="Its name in `language`, else in English, else its original name, else its key."
    )
    async def name(
        self,
        info: Info,
        language: Annotated[
            UNLanguage, strawberry.argument(description="The language to show it in.")
        ] = UNLanguage.EN,
    ) -> str:
        return services.authority_name(await self._names(info), self.key, language)

    @strawberry.field(description="All its names, by language code.")
    async def names(self, info: Info) -> list[AuthorityName]:
        return [
            AuthorityName(language=n.language, name=n.name, is_original=n.is_original)
            for n in await self._names(info)
        ]

    async def _names(self, info: Info) -> list[m.AuthorityName]:
        return await info.context.loaders.names_of_authority.load(self.row.id)

    @strawberry.field(description="The jurisdiction it belongs to.")
    async def jurisdiction(self, info: Info) -> Jurisdiction:
        row = await referenced(info.context.loaders.jurisdiction_by_id, self.row.jurisdiction_id)
        return Jurisdiction.from_row(row)

    @strawberry.field(description="Phone numbers (E.164) the caller may see.")
    async def phones(self, info: Info) -> list[Contact]:
        return await contacts_of(info, self.row, ContactKind.PHONE)

    @strawberry.field(description="Fax numbers (E.164) the caller may see.")
    async def faxes(self, info: Info) -> list[Contact]:
        return await contacts_of(info, self.row, ContactKind.FAX)

    @strawberry.field(description="E-mail addresses the caller may see.")
    async def emails(self, info: Info) -> list[Contact]:
        return await contacts_of(info, self.row, ContactKind.EMAIL)

    @strawberry.field(
        description="Functions or offices to address (never private persons) the caller may see."
    )
    async def contact_persons(self, info: Info) -> list[Contact]:
        return await contacts_of(info, self.row, ContactKind.CONTACT_PERSON)

    @strawberry.field(
        description="Its office hours in `timeZone`, by weekday and opening time; empty when "
        "unknown."
    )
    async def office_hours(self, info: Info) -> list[OfficeHours]:
        return await office_hours_of(info, self.row)

    @paged(DESIGNATIONS, "Its designations, preferred first (by priority).")
    async def designations(
        self,
        info: Info,
        first: Annotated[int, first_argument(DESIGNATIONS)] = DESIGNATIONS.default,
    ) -> list[Designation]:
        key = (self.row.id, DESIGNATIONS.check(first))
        rows = await info.context.loaders.designations_of_authority.load(key)
        return [Designation.from_row(r) for r in rows]

    @strawberry.field(description="Where its entry was read.")
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
    async def history(
        self, info: Info, first: Annotated[int, first_argument(REVISIONS)] = REVISIONS.default
    ) -> list[Revision]:
        views = await info.context.histories.load((self.row.id, REVISIONS.check(first)))
        return [Revision.from_view(v) for v in views]
