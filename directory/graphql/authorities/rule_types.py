"""GraphQL types of the channel and language rules a jurisdiction sets for requests, and of
their vocabularies (channel kinds, languages).

A rule hangs off its jurisdiction, or off one designation; either way it may be narrowed to
one subject or to requests made under one instrument.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay
from strawberry.types.lazy_type import LazyType

import directory.graphql.authorities.enums  # noqa: F401  # registers the authorities' enums
from directory.authorities import models as m
from directory.authorities import services
from directory.enums import ChannelPermission, Verification
from directory.graphql.context import Info
from directory.graphql.loaders import referenced
from directory.graphql.nodes import load_rows
from directory.graphql.treaties.jurisdiction_types import Jurisdiction
from directory.graphql.treaties.types import (
    Instrument,
    Source,
    Subject,
    instrument_of,
    sources,
    subject_of,
)

if TYPE_CHECKING:
    from directory.graphql.authorities.types import Designation

# The designation's type lists its rules (it imports this module): named lazily here.
_types = "directory.graphql.authorities.types"
_Designation: LazyType[str, str] = LazyType("Designation", _types)


@strawberry.type
class _Owned:
    """The fields both kinds of rule share: where the rule hangs. Its global ID wraps its
    row id. (Not in the schema itself: only its subclasses are.)"""

    row: strawberry.Private[m.ChannelRule | m.LanguageRule]

    @classmethod
    def resolve_id(cls, root: Any, *, info: Info) -> str:
        return str(root.row.id)

    @strawberry.field(description="The jurisdiction whose rule it is.")
    async def jurisdiction(self, info: Info) -> Jurisdiction:
        loader = info.context.loaders.jurisdiction_by_id
        return Jurisdiction.from_row(await referenced(loader, self.row.jurisdiction_id))

    @strawberry.field(
        description="The designation it is narrowed to; null when it applies to the whole "
        "jurisdiction."
    )
    async def designation(
        self, info: Info
    ) -> Annotated[Designation, strawberry.lazy(_types)] | None:
        if self.row.designation_id is None:
            return None
        loader = info.context.loaders.designation_by_id
        row = await referenced(loader, self.row.designation_id)
        return _Designation.resolve_type().from_row(row)  # type: ignore[no-any-return]


@strawberry.type(
    description="A way of transmitting a request (central authority to central authority, "
    "diplomatic channel, Interpol, e-mail, …): a term of a seeded vocabulary, listed by "
    "`channelKinds`, not an enum, so that a new channel needs no change of the schema."
)
class ChannelKind(Subject):
    pass


@strawberry.type(description="A language (any ISO 639 language, not only the UN six).")
class Language:
    code: str = strawberry.field(
        description="ISO 639-1 code, or ISO 639-3 when there is no 639-1 (lower case)."
    )
    name: str | None = strawberry.field(description="English name (ISO 639), null if unknown.")


@strawberry.type(
    description="A channel the jurisdiction accepts, requires or refuses for requests, with "
    "its conditions. It hangs off the jurisdiction, or off one of its designations, and may "
    "be narrowed to one subject or to requests made under one instrument. `route` applies "
    "these rules to one request."
)
class ChannelRule(_Owned, relay.Node):
    row: strawberry.Private[m.ChannelRule]
    permission: ChannelPermission = strawberry.field(
        description="Whether the channel is accepted, required or refused."
    )
    urgent_only: bool = strawberry.field(description="Only for urgent requests.")
    prior_agreement_required: bool = strawberry.field(
        description="Only where the two States have agreed to it (UNTOC art. 18(13): "
        "Interpol in urgent cases, where agreed)."
    )
    written_confirmation_required: bool = strawberry.field(
        description="A request sent this way must be confirmed in writing promptly."
    )
    original_to_follow: bool = strawberry.field(
        description="The signed original must follow through a formal channel."
    )
    original_within_days: int | None = strawberry.field(
        description="Days within which the original must follow; null when not set."
    )
    preference: int = strawberry.field(description="Lower = preferred (0 first).")
    condition: str | None = strawberry.field(description="A further condition, in English.")
    verification: Verification = strawberry.field(description="How far it is confirmed.")

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

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Any, required: bool = False) -> list[Any]:
        return await load_rows(cls, info.context.loaders.channel_rule_by_id, node_ids)

    @strawberry.field(description="The channel the rule is about.")
    async def channel(self, info: Info) -> ChannelKind:
        loader = info.context.loaders.channel_kind_by_code
        row = await referenced(loader, self.row.channel_code)
        return ChannelKind.from_row(row)

    @strawberry.field(description="The only subject it applies to; null: every subject.")
    async def subject(self, info: Info) -> Subject | None:
        return await subject_of(info, self.row.subject_code)

    @strawberry.field(
        description="It applies only to requests made under this instrument; null: under any."
    )
    async def instrument(self, info: Info) -> Instrument | None:
        return await instrument_of(info, self.row.instrument_id)

    @strawberry.field(description="Where the rule was read.")
    async def sources(self, info: Info) -> list[Source]:
        return sources(await info.context.loaders.sources_of_channel_rule.load(self.row.id))


@strawberry.type(
    description="A language acceptable for requests, in an order of preference, with a "
    "condition. It hangs off the jurisdiction, one of its designations, or a notification "
    "(UNTOC art. 18(14)), and may be narrowed to one subject or instrument."
)
class LanguageRule(_Owned, relay.Node):
    row: strawberry.Private[m.LanguageRule]
    language: Language = strawberry.field(description="The language accepted.")
    preference: int = strawberry.field(description="Lower = preferred (0 first).")
    condition: str | None = strawberry.field(
        description="When it is accepted (e.g. 'urgent requests, followed by a translation'), "
        "in English; null: always."
    )
    verification: Verification = strawberry.field(description="How far it is confirmed.")

    @classmethod
    def from_row(cls, row: m.LanguageRule) -> LanguageRule:
        return cls(
            row=row,
            language=Language(code=row.language, name=services.language_name(row.language)),
            preference=row.preference,
            condition=row.condition,
            verification=row.verification,
        )

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Any, required: bool = False) -> list[Any]:
        return await load_rows(cls, info.context.loaders.language_rule_by_id, node_ids)

    @strawberry.field(description="The only subject it applies to; null: every subject.")
    async def subject(self, info: Info) -> Subject | None:
        return await subject_of(info, self.row.subject_code)

    @strawberry.field(
        description="It applies only to requests made under this instrument; null: under any."
    )
    async def instrument(self, info: Info) -> Instrument | None:
        return await instrument_of(info, self.row.instrument_id)

    @strawberry.field(description="Where the rule was read.")
    async def sources(self, info: Info) -> list[Source]:
        return sources(await info.context.loaders.sources_of_language_rule.load(self.row.id))
