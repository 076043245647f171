"""The GraphQL ``Jurisdiction``: a State, a territory or a regional organization, with its
names, territories, participations, notifications, authorities and general rules."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay
from strawberry.types.lazy_type import LazyType

from directory.enums import JurisdictionKind, RegionalGroup, UNLanguage, UNStatus
from directory.graphql.context import Info
from directory.graphql.loaders import referenced
from directory.graphql.nodes import load_nodes
from directory.graphql.pagination import first_argument, paged
from directory.graphql.treaties.fact_types import Notification, Participation
from directory.graphql.treaties.types import LocalizedName, Source, sources
from directory.pages import AUTHORITIES, RULES
from directory.treaties import models as m
from directory.treaties import services

if TYPE_CHECKING:
    from directory.graphql.authorities.requirement_types import Requirement
    from directory.graphql.authorities.rule_types import ChannelRule, LanguageRule
    from directory.graphql.authorities.types import Authority

# The authorities' types import this module (an authority names its jurisdiction), so this
# one never imports theirs: it names them lazily, in its annotations and where it builds them
# (``resolve_type`` imports the module on first use, when every module is loaded).
_authorities = "directory.graphql.authorities.types"
_rules = "directory.graphql.authorities.rule_types"
_Authority: LazyType[str, str] = LazyType("Authority", _authorities)
_ChannelRule: LazyType[str, str] = LazyType("ChannelRule", _rules)
_LanguageRule: LazyType[str, str] = LazyType("LanguageRule", _rules)
_requirements = "directory.graphql.authorities.requirement_types"
_Requirement: LazyType[str, str] = LazyType("Requirement", _requirements)


@strawberry.type(
    description="A State, a territory with its own system of cooperation (`parent` is its "
    "State), or a regional organization party to treaties. Its global ID wraps its ISO "
    "3166-1 alpha-3 code."
)
class Jurisdiction(relay.Node):
    node_key: relay.NodeID[str]
    row: strawberry.Private[m.Jurisdiction]
    code: str = strawberry.field(
        description="ISO 3166-1 alpha-3 code in upper case (FRA, HKG; EUU for the European "
        "Union): what `code` and `jurisdiction` arguments take."
    )
    alpha2: str | None = strawberry.field(description="ISO 3166-1 alpha-2 code, if it has one.")
    m49: str | None = strawberry.field(
        description="UN M49 numeric code (three digits, e.g. 250), if it has one."
    )
    kind: JurisdictionKind = strawberry.field(description="State, territory or organization.")
    un_status: UNStatus = strawberry.field(description="Its standing at the United Nations.")
    regional_group: RegionalGroup | None = strawberry.field(
        description="Its UN regional group; null for territories and organizations."
    )
    parent_designations_apply: bool | None = strawberry.field(
        description="For a territory: whether its State's designations serve it where it has "
        "none of its own (null: the data does not say)."
    )
    notes: str | None = strawberry.field(description="Remarks of the directory's editors.")

    @classmethod
    def from_row(cls, row: m.Jurisdiction) -> Jurisdiction:
        return cls(
            node_key=row.code,
            row=row,
            code=row.code,
            alpha2=row.alpha2,
            m49=row.m49,
            kind=row.kind,
            un_status=row.un_status,
            regional_group=row.regional_group,
            parent_designations_apply=row.parent_designations_apply,
            notes=row.notes,
        )

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Any, required: bool = False) -> list[Any]:
        return await load_nodes(cls, info.context.loaders.jurisdiction_by_code, node_ids)

    @strawberry.field(description="Its short name in `language`, else in English, else its code.")
    async def name(
        self,
        info: Info,
        language: Annotated[
            UNLanguage, strawberry.argument(description="The language to show it in.")
        ] = UNLanguage.EN,
    ) -> str:
        return services.jurisdiction_name(await self._names(info), self.code, language)

    @strawberry.field(description="Its short names in the six UN languages (CLDR), by language.")
    async def names(self, info: Info) -> list[LocalizedName]:
        return [LocalizedName(language=n.language, name=n.name) for n in await self._names(info)]

    async def _names(self, info: Info) -> list[m.JurisdictionName]:
        return await info.context.loaders.names_of_jurisdiction.load(self.row.id)

    @strawberry.field(description="The State of a territory; null for a State.")
    async def parent(self, info: Info) -> Jurisdiction | None:
        if self.row.parent_id is None:
            return None
        row = await referenced(info.context.loaders.jurisdiction_by_id, self.row.parent_id)
        return Jurisdiction.from_row(row)

    @strawberry.field(description="Its territories with their own system of cooperation, by code.")
    async def territories(self, info: Info) -> list[Jurisdiction]:
        rows = await info.context.loaders.territories_of_jurisdiction.load(self.row.id)
        return [Jurisdiction.from_row(r) for r in rows]

    @strawberry.field(
        description="Its signatures and consents to be bound, one per instrument; an "
        "instrument it has no entry for is not known to the directory (never 'not a party')."
    )
    async def participations(self, info: Info) -> list[Participation]:
        rows = await info.context.loaders.participations_of_jurisdiction.load(self.row.id)
        return [Participation.from_row(r) for r in rows]

    @strawberry.field(
        description="One entry per provision of every instrument it takes part in (or "
        "notified under), by provision: what it notified, or status UNKNOWN when no record "
        "is held."
    )
    async def notifications(
        self,
        info: Info,
        instrument: Annotated[
            str | None,
            strawberry.argument(
                description="Only this instrument's provisions (its code, e.g. UNTOC, any "
                "case); an unknown code gives an empty list."
            ),
        ] = None,
    ) -> list[Notification]:
        loaders = info.context.loaders
        wanted = None
        if instrument is not None:
            found = await loaders.instrument_by_code.load(instrument.strip().upper())
            if found is None:
                return []
            wanted = found.id
        stored = await loaders.notifications_of_jurisdiction.load(self.row.id)
        parts = await loaders.participations_of_jurisdiction.load(self.row.id)
        per_instrument = await loaders.provisions_of_instrument.load_many(
            [p.instrument_id for p in parts]
        )
        provisions = [p for of_instrument in per_instrument for p in of_instrument]
        known = {p.id for p in provisions}
        # a notification under an instrument it no longer takes part in (rare): its provision
        if missing := [n.provision_id for n in stored if n.provision_id not in known]:
            rows = await loaders.provision_by_id.load_many(missing)
            provisions += [p for p in rows if p is not None]
        entries = services.complete_notifications(stored, provisions, instrument_id=wanted)
        return [
            Notification.unknown(self.row.id, e.provision.id)
            if e.notification is None
            else Notification.from_row(e.notification)
            for e in entries
        ]

    @paged(AUTHORITIES, "Its authorities (active and retired), ordered by key.")
    async def authorities(
        self, info: Info, first: Annotated[int, first_argument(AUTHORITIES)] = AUTHORITIES.default
    ) -> list[Annotated[Authority, strawberry.lazy(_authorities)]]:
        key = (self.row.id, AUTHORITIES.check(first))
        rows = await info.context.loaders.authorities_of_jurisdiction.load(key)
        return [_Authority.resolve_type().from_row(r) for r in rows]

    @paged(RULES, "Its channel rules not narrowed to one designation, preferred first.")
    async def channel_rules(
        self, info: Info, first: Annotated[int, first_argument(RULES)] = RULES.default
    ) -> list[Annotated[ChannelRule, strawberry.lazy(_rules)]]:
        key = (self.row.id, RULES.check(first))
        rows = await info.context.loaders.general_channel_rules_of_jurisdiction.load(key)
        return [_ChannelRule.resolve_type().from_row(r) for r in rows]

    @paged(RULES, "Its language rules tied to no designation or notification, preferred first.")
    async def language_rules(
        self, info: Info, first: Annotated[int, first_argument(RULES)] = RULES.default
    ) -> list[Annotated[LanguageRule, strawberry.lazy(_rules)]]:
        key = (self.row.id, RULES.check(first))
        rows = await info.context.loaders.general_language_rules_of_jurisdiction.load(key)
        return [_LanguageRule.resolve_type().from_row(r) for r in rows]

    @paged(RULES, "Its legal requirements (dual criminality, assurances, form, …), as stored.")
    async def requirements(
        self, info: Info, first: Annotated[int, first_argument(RULES)] = RULES.default
    ) -> list[Annotated[Requirement, strawberry.lazy(_requirements)]]:
        key = (self.row.id, RULES.check(first))
        rows = await info.context.loaders.requirements_of_jurisdiction.load(key)
        return [_Requirement.resolve_type().from_row(r) for r in rows]

    @strawberry.field(description="Where its facts (codes, status, parent) were read.")
    async def sources(self, info: Info) -> list[Source]:
        return sources(await info.context.loaders.sources_of_jurisdiction.load(self.row.id))
