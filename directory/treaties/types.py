"""GraphQL types of the treaties domain: jurisdictions, instruments, participations,
provisions, notifications, sources and subjects.

Each type wraps its ORM row (``row``, private) and follows relations through the request's
DataLoaders only, so that a list of N objects costs one statement per relation, not N.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay

from directory.api.context import Info
from directory.enums import (
    ConsentType,
    ExtraditionBasis,
    JurisdictionKind,
    NotificationStatus,
    ProvisionKind,
    RegionalGroup,
    SourceKind,
    UNLanguage,
    UNStatus,
    Verification,
)
from directory.treaties import models as m
from directory.treaties.services import in_force_on

if TYPE_CHECKING:
    from directory.authorities.types import Authority, ChannelRule, LanguageRule

for _enum in (
    ConsentType,
    ExtraditionBasis,
    JurisdictionKind,
    NotificationStatus,
    ProvisionKind,
    RegionalGroup,
    SourceKind,
    UNLanguage,
    UNStatus,
    Verification,
):
    strawberry.enum(_enum)

_authorities = "directory.authorities.types"


@strawberry.type
class Source:
    """Where a fact was read, and when."""

    url: str | None
    document: str | None
    title: str | None
    kind: SourceKind
    seen_on: dt.date

    @classmethod
    def from_row(cls, row: m.Source) -> Source:
        return cls(
            url=row.url, document=row.document, title=row.title, kind=row.kind, seen_on=row.seen_on
        )


def sources(rows: list[m.Source]) -> list[Source]:
    return [Source.from_row(r) for r in rows]


@strawberry.type
class Subject:
    """A kind of cooperation (MLA, extradition, …); see ``subjects`` for the vocabulary."""

    code: str
    name: str
    description: str | None

    @classmethod
    def from_row(cls, row: Any) -> Any:
        return cls(code=row.code, name=row.name, description=row.description)


@strawberry.type
class LocalizedName:
    language: UNLanguage
    name: str


@strawberry.type
class Instrument(relay.Node):
    """A treaty: UNTOC, its Protocols, UNCAC, the 1988 Convention, …"""

    node_key: relay.NodeID[str]
    row: strawberry.Private[m.Instrument]
    code: str
    short_title: str
    title: str
    depositary_chapter: str | None
    adopted_on: dt.date | None
    entry_into_force_on: dt.date | None
    days_to_entry_into_force: int | None

    @classmethod
    def from_row(cls, row: m.Instrument) -> Instrument:
        return cls(
            node_key=row.code,
            row=row,
            code=row.code,
            short_title=row.short_title,
            title=row.title,
            depositary_chapter=row.depositary_chapter,
            adopted_on=row.adopted_on,
            entry_into_force_on=row.entry_into_force_on,
            days_to_entry_into_force=row.days_to_entry_into_force,
        )

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Any, required: bool = False) -> list:
        rows = await info.context.loaders.instrument_by_code.load_many(list(node_ids))
        return [cls.from_row(r) if r is not None else None for r in rows]

    @strawberry.field(description="The convention this protocol supplements.")
    async def supplements(self, info: Info) -> Instrument | None:
        if self.row.supplements_id is None:
            return None
        row = await info.context.loaders.instrument_by_id.load(self.row.supplements_id)
        return Instrument.from_row(row) if row else None

    @strawberry.field
    async def provisions(self, info: Info) -> list[Provision]:
        rows = await info.context.loaders.provisions_of_instrument.load(self.row.id)
        return [Provision(row=r) for r in rows]

    @strawberry.field
    async def sources(self, info: Info) -> list[Source]:
        return sources(await info.context.loaders.sources_of_instrument.load(self.row.id))


@strawberry.type
class Provision:
    """An article States notify under: ``16(5)``, ``18(13)``, ``18(14)``, …"""

    row: strawberry.Private[m.Provision]

    @strawberry.field
    def article(self) -> str:
        return self.row.article

    @strawberry.field
    def kind(self) -> ProvisionKind:
        return self.row.kind

    @strawberry.field
    def summary(self) -> str:
        return self.row.summary

    @strawberry.field
    async def instrument(self, info: Info) -> Instrument:
        return Instrument.from_row(
            await info.context.loaders.instrument_by_id.load(self.row.instrument_id)
        )

    @strawberry.field
    async def subject(self, info: Info) -> Subject | None:
        if self.row.subject_code is None:
            return None
        return Subject.from_row(
            await info.context.loaders.subject_by_code.load(self.row.subject_code)
        )


@strawberry.type
class Participation:
    """A jurisdiction's signature of, and consent to be bound by, one instrument."""

    row: strawberry.Private[m.Participation]
    signed_on: dt.date | None
    consent_on: dt.date | None
    consent_type: ConsentType | None
    territorial_application: str | None
    verification: Verification
    notes: str | None

    @classmethod
    def from_row(cls, row: m.Participation) -> Participation:
        return cls(
            row=row,
            signed_on=row.signed_on,
            consent_on=row.consent_on,
            consent_type=row.consent_type,
            territorial_application=row.territorial_application,
            verification=row.verification,
            notes=row.notes,
        )

    @strawberry.field
    async def instrument(self, info: Info) -> Instrument:
        return Instrument.from_row(
            await info.context.loaders.instrument_by_id.load(self.row.instrument_id)
        )

    @strawberry.field(description="The day the instrument binds the jurisdiction; null if unknown.")
    async def in_force_on(self, info: Info) -> dt.date | None:
        instrument = await info.context.loaders.instrument_by_id.load(self.row.instrument_id)
        return in_force_on(self.row, instrument)

    @strawberry.field(description="Whether the instrument binds it today; null if unknown.")
    async def in_force(self, info: Info) -> bool | None:
        day = await self.in_force_on(info)
        return None if day is None else day <= dt.date.today()

    @strawberry.field
    async def sources(self, info: Info) -> list[Source]:
        return sources(await info.context.loaders.sources_of_participation.load(self.row.id))


@strawberry.type
class Notification:
    """What a jurisdiction told the depositary under one provision. Status UNKNOWN (and no
    other facts) when the directory holds no verified record: absence is never guessed."""

    row: strawberry.Private[m.Notification | None]
    provision_id: strawberry.Private[int]
    status: NotificationStatus
    extradition_basis: ExtraditionBasis | None = None
    condition: str | None = None
    summary: str | None = None
    notified_on: dt.date | None = None
    depositary_reference: str | None = None
    verification: Verification = Verification.UNKNOWN
    notes: str | None = None

    @classmethod
    def from_row(cls, row: m.Notification) -> Notification:
        return cls(
            row=row,
            provision_id=row.provision_id,
            status=row.status,
            extradition_basis=row.extradition_basis,
            condition=row.condition,
            summary=row.summary,
            notified_on=row.notified_on,
            depositary_reference=row.depositary_reference,
            verification=row.verification,
            notes=row.notes,
        )

    @classmethod
    def unknown(cls, provision_id: int) -> Notification:
        return cls(row=None, provision_id=provision_id, status=NotificationStatus.UNKNOWN)

    @strawberry.field
    async def provision(self, info: Info) -> Provision:
        return Provision(row=await info.context.loaders.provision_by_id.load(self.provision_id))

    @strawberry.field
    async def sources(self, info: Info) -> list[Source]:
        if self.row is None:
            return []
        return sources(await info.context.loaders.sources_of_notification.load(self.row.id))

    @strawberry.field(description="Languages notified under this provision (e.g. 18(14)).")
    async def language_rules(
        self, info: Info
    ) -> list[Annotated[LanguageRule, strawberry.lazy(_authorities)]]:
        from directory.authorities.types import LanguageRule

        if self.row is None:
            return []
        rows = await info.context.loaders.language_rules_of_notification.load(self.row.id)
        return [LanguageRule.from_row(r) for r in rows]


@strawberry.type
class Jurisdiction(relay.Node):
    """A State, a territory with its own cooperation system (``parent`` = its State), or a
    regional organization. Its global ID wraps its ISO 3166-1 alpha-3 code."""

    node_key: relay.NodeID[str]
    row: strawberry.Private[m.Jurisdiction]
    code: str
    alpha2: str | None
    m49: str | None
    kind: JurisdictionKind
    un_status: UNStatus
    regional_group: RegionalGroup | None
    parent_designations_apply: bool | None = strawberry.field(
        description="For a territory: whether its State's designations serve it where it has "
        "none of its own (null: the data does not say)."
    )
    notes: str | None

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
    async def resolve_nodes(cls, *, info: Info, node_ids: Any, required: bool = False) -> list:
        rows = await info.context.loaders.jurisdiction_by_code.load_many(list(node_ids))
        return [cls.from_row(r) if r is not None else None for r in rows]

    @strawberry.field(description="Name in a UN language, falling back to English.")
    async def name(self, info: Info, language: UNLanguage = UNLanguage.EN) -> str:
        names = {n.language: n.name for n in await self._names(info)}
        return names.get(language) or names.get(UNLanguage.EN) or self.code

    @strawberry.field(description="Names in the six UN languages (CLDR).")
    async def names(self, info: Info) -> list[LocalizedName]:
        return [LocalizedName(language=n.language, name=n.name) for n in await self._names(info)]

    async def _names(self, info: Info) -> list[m.JurisdictionName]:
        return await info.context.loaders.names_of_jurisdiction.load(self.row.id)

    @strawberry.field(description="The State of a territory.")
    async def parent(self, info: Info) -> Jurisdiction | None:
        if self.row.parent_id is None:
            return None
        row = await info.context.loaders.jurisdiction_by_id.load(self.row.parent_id)
        return Jurisdiction.from_row(row)

    @strawberry.field(description="Territories with their own cooperation system.")
    async def territories(self, info: Info) -> list[Jurisdiction]:
        rows = await info.context.loaders.territories_of_jurisdiction.load(self.row.id)
        return [Jurisdiction.from_row(r) for r in rows]

    @strawberry.field(description="Signatures and consents to be bound, one per instrument.")
    async def participations(self, info: Info) -> list[Participation]:
        rows = await info.context.loaders.participations_of_jurisdiction.load(self.row.id)
        return [Participation.from_row(r) for r in rows]

    @strawberry.field(
        description="One entry per provision of every instrument it takes part in (or "
        "notified under): what it notified, or status UNKNOWN when no record is held."
    )
    async def notifications(self, info: Info, instrument: str | None = None) -> list[Notification]:
        loaders = info.context.loaders
        stored = {
            n.provision_id: n for n in await loaders.notifications_of_jurisdiction.load(self.row.id)
        }
        parts = await loaders.participations_of_jurisdiction.load(self.row.id)
        per_instrument = await loaders.provisions_of_instrument.load_many(
            [p.instrument_id for p in parts]
        )
        provision_ids = {p.id for provisions in per_instrument for p in provisions} | set(stored)
        wanted = None
        if instrument is not None:
            found = await loaders.instrument_by_code.load(instrument.strip().upper())
            if found is None:
                return []
            provisions = await loaders.provision_by_id.load_many(sorted(provision_ids))
            wanted = {p.id for p in provisions if p is not None and p.instrument_id == found.id}
        return [
            Notification.from_row(stored[pid]) if pid in stored else Notification.unknown(pid)
            for pid in sorted(provision_ids)
            if wanted is None or pid in wanted
        ]

    @strawberry.field(description="Its authorities, ordered by key.")
    async def authorities(
        self, info: Info
    ) -> list[Annotated[Authority, strawberry.lazy(_authorities)]]:
        from directory.authorities.types import Authority

        rows = await info.context.loaders.authorities_of_jurisdiction.load(self.row.id)
        return [Authority.from_row(r) for r in rows]

    @strawberry.field(description="Channel rules not narrowed to one designation.")
    async def channel_rules(
        self, info: Info
    ) -> list[Annotated[ChannelRule, strawberry.lazy(_authorities)]]:
        from directory.authorities.types import ChannelRule

        rows = await info.context.loaders.general_channel_rules_of_jurisdiction.load(self.row.id)
        return [ChannelRule.from_row(r) for r in rows]

    @strawberry.field(description="Language rules tied to no designation or notification.")
    async def language_rules(
        self, info: Info
    ) -> list[Annotated[LanguageRule, strawberry.lazy(_authorities)]]:
        from directory.authorities.types import LanguageRule

        rows = await info.context.loaders.general_language_rules_of_jurisdiction.load(self.row.id)
        return [LanguageRule.from_row(r) for r in rows]

    @strawberry.field
    async def sources(self, info: Info) -> list[Source]:
        return sources(await info.context.loaders.sources_of_jurisdiction.load(self.row.id))
