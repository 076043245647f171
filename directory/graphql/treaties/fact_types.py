"""GraphQL types of what a jurisdiction holds under an instrument: its participation
(signature, consent to be bound) and its notifications under the instrument's provisions."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay
from strawberry.types.lazy_type import LazyType

from directory.db import utcnow
from directory.enums import ConsentType, ExtraditionBasis, NotificationStatus, Verification
from directory.graphql.context import Info
from directory.graphql.loaders import referenced
from directory.graphql.nodes import load_rows, pair_key, pair_of
from directory.graphql.pagination import first_argument, paged
from directory.graphql.treaties.types import Instrument, Provision, Source, sources
from directory.pages import RULES
from directory.treaties import models as m
from directory.treaties.services import in_force_on, is_in_force, notification_entry

if TYPE_CHECKING:
    from directory.graphql.authorities.rule_types import LanguageRule

# The authorities' types import this package: their language rules are named lazily (see
# ``jurisdiction_types``), never imported.
_rules = "directory.graphql.authorities.rule_types"
_LanguageRule: LazyType[str, str] = LazyType("LanguageRule", _rules)


@strawberry.type(
    description="A jurisdiction's signature of, and consent to be bound by, one instrument, "
    "as the depositary records them."
)
class Participation(relay.Node):
    node_key: relay.NodeID[int]
    row: strawberry.Private[m.Participation]
    signed_on: dt.date | None = strawberry.field(description="Day of signature; null if none.")
    consent_on: dt.date | None = strawberry.field(
        description="Day its consent to be bound was deposited; null when it has not "
        "consented (or only signed), or when the date is unknown (`partyDateUnknown`)."
    )
    consent_type: ConsentType | None = strawberry.field(
        description="How it consented; null without consent."
    )
    party_date_unknown: bool = strawberry.field(
        description="A party whose consent date the sources do not give (consentOn is null); "
        "routing counts it as a party and warns PARTICIPATION_DATE_UNKNOWN."
    )
    status_as_of: dt.date | None = strawberry.field(
        description="The newest status date among the sources (the depositary's \"status as "
        'at" line); null when no source states one. Older than two years: routing warns '
        "PARTICIPATION_AS_OF."
    )
    territorial_application: str | None = strawberry.field(
        description="Its declaration on the territories the instrument extends to (or not), "
        "as recorded by the depositary."
    )
    verification: Verification = strawberry.field(description="How far these dates are confirmed.")
    notes: str | None = strawberry.field(description="Remarks of the directory's editors.")

    @classmethod
    def from_row(cls, row: m.Participation) -> Participation:
        return cls(
            node_key=row.id,
            row=row,
            signed_on=row.signed_on,
            consent_on=row.consent_on,
            consent_type=row.consent_type,
            party_date_unknown=row.party_date_unknown,
            status_as_of=row.status_as_of,
            territorial_application=row.territorial_application,
            verification=row.verification,
            notes=row.notes,
        )

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Any, required: bool = False) -> list[Any]:
        return await load_rows(cls, info.context.loaders.participation_by_id, node_ids)

    @strawberry.field(description="The instrument signed or consented to.")
    async def instrument(self, info: Info) -> Instrument:
        return Instrument.from_row(
            await referenced(info.context.loaders.instrument_by_id, self.row.instrument_id)
        )

    @strawberry.field(
        description="The day the instrument binds the jurisdiction: its entry into force, or "
        "`daysToEntryIntoForce` days after a later consent. Null without consent or without "
        "an entry-into-force date."
    )
    async def in_force_on(self, info: Info) -> dt.date | None:
        instrument = await referenced(info.context.loaders.instrument_by_id, self.row.instrument_id)
        return in_force_on(self.row, instrument)

    @strawberry.field(
        description="Whether the instrument binds it today (UTC): `inForceOn` is today or "
        "earlier; true for a party whose date is unknown. Null when the data cannot say."
    )
    async def in_force(self, info: Info) -> bool | None:
        instrument = await referenced(info.context.loaders.instrument_by_id, self.row.instrument_id)
        return is_in_force(self.row, instrument, utcnow().date())

    @strawberry.field(description="Where the dates were read.")
    async def sources(self, info: Info) -> list[Source]:
        return sources(await info.context.loaders.sources_of_participation.load(self.row.id))


@strawberry.type(
    description="What a jurisdiction told the depositary under one provision. Status UNKNOWN "
    "(and no other facts) when the directory holds no verified record: absence is never "
    "guessed. Its global ID names the jurisdiction and the provision, so an UNKNOWN entry "
    "has one."
)
class Notification(relay.Node):
    row: strawberry.Private[m.Notification | None]
    jurisdiction_id: strawberry.Private[int]
    provision_id: strawberry.Private[int]
    status: NotificationStatus = strawberry.field(description="Whether it notified.")
    extradition_basis: ExtraditionBasis | None = strawberry.field(
        default=None,
        description="Under an extradition-basis provision (16(5)): its answer; null otherwise.",
    )
    condition: str | None = strawberry.field(
        default=None, description="The condition it set (e.g. reciprocity), in English."
    )
    summary: str | None = strawberry.field(
        default=None, description="What it notified, in a sentence in English."
    )
    notified_on: dt.date | None = strawberry.field(
        default=None,
        description="Day of the notification (or of the instrument of consent that carried it).",
    )
    depositary_reference: str | None = strawberry.field(
        default=None, description="The depositary's reference (e.g. C.N.123.2004.TREATIES-4)."
    )
    verification: Verification = strawberry.field(
        default=Verification.UNKNOWN, description="How far it is confirmed."
    )
    notes: str | None = strawberry.field(
        default=None, description="Remarks of the directory's editors."
    )

    @classmethod
    def from_row(cls, row: m.Notification) -> Notification:
        return cls(
            row=row,
            jurisdiction_id=row.jurisdiction_id,
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
    def unknown(cls, jurisdiction_id: int, provision_id: int) -> Notification:
        return cls(
            row=None,
            jurisdiction_id=jurisdiction_id,
            provision_id=provision_id,
            status=NotificationStatus.UNKNOWN,
        )

    @classmethod
    def resolve_id(cls, root: Notification, *, info: Info) -> str:
        return pair_key(root.jurisdiction_id, root.provision_id)

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Any, required: bool = False) -> list[Any]:
        """The pair's entry in its jurisdiction's `notifications` list, by the same rule
        (``services.notification_entry``): the stored notification, else an UNKNOWN entry
        for a provision of an instrument the jurisdiction takes part in; None otherwise."""
        loaders = info.context.loaders
        pairs = [pair_of(i) for i in node_ids]
        wanted = [p for p in pairs if p is not None]
        jurisdictions = await loaders.jurisdiction_by_id.load_many([j for j, _ in wanted])
        provisions = await loaders.provision_by_id.load_many([p for _, p in wanted])
        stored = await loaders.notifications_of_jurisdiction.load_many([j for j, _ in wanted])
        parts = await loaders.participations_of_jurisdiction.load_many([j for j, _ in wanted])
        found: dict[tuple[int, int], Notification] = {}
        for pair, j, p, rows, of_j in zip(
            wanted, jurisdictions, provisions, stored, parts, strict=True
        ):
            if j is None or p is None:
                continue
            row = next((r for r in rows if r.provision_id == pair[1]), None)
            entry = notification_entry(p, row, of_j)
            if entry is not None:
                found[pair] = cls.from_row(row) if row is not None else cls.unknown(*pair)
        return [found.get(p) if p is not None else None for p in pairs]

    @strawberry.field(description="The provision notified under.")
    async def provision(self, info: Info) -> Provision:
        return Provision.from_row(
            await referenced(info.context.loaders.provision_by_id, self.provision_id)
        )

    @strawberry.field(description="Where it was read; empty when UNKNOWN.")
    async def sources(self, info: Info) -> list[Source]:
        if self.row is None:
            return []
        return sources(await info.context.loaders.sources_of_notification.load(self.row.id))

    @strawberry.field(
        description="The languages notified under this provision (e.g. 18(14)), ISO 639 codes, "
        f"preferred first (at most {RULES.maximum}; `languageRules` has their conditions)."
    )
    async def languages(self, info: Info) -> list[str]:
        if self.row is None:
            return []
        key = (self.row.id, RULES.maximum)
        return [
            r.language for r in await info.context.loaders.language_rules_of_notification.load(key)
        ]

    @paged(RULES, "Languages notified under this provision (e.g. 18(14)), preferred first.")
    async def language_rules(
        self, info: Info, first: Annotated[int, first_argument(RULES)] = RULES.default
    ) -> list[Annotated[LanguageRule, strawberry.lazy(_rules)]]:
        key = RULES.check(first)
        if self.row is None:
            return []
        rows = await info.context.loaders.language_rules_of_notification.load((self.row.id, key))
        return [_LanguageRule.resolve_type().from_row(r) for r in rows]
