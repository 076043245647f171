"""GraphQL types of the channel and language rules a jurisdiction sets for requests, and of
their vocabularies (channel kinds, languages).

A rule hangs off its jurisdiction, or off one designation; either way it may be narrowed to
one subject or to requests made under one instrument.
"""

from __future__ import annotations

import strawberry

from directory.authorities import models as m
from directory.authorities import services
from directory.enums import ChannelPermission, Verification
from directory.graphql.context import Info
from directory.graphql.loaders import referenced
from directory.graphql.treaties.types import (
    Instrument,
    Source,
    Subject,
    instrument_of,
    sources,
    subject_of,
)

strawberry.enum(ChannelPermission)


@strawberry.type
class ChannelKind(Subject):
    """A way of transmitting a request (central authority direct, diplomatic, Interpol, …)."""


@strawberry.type
class Language:
    code: str = strawberry.field(description="ISO 639-1, or ISO 639-3 when there is no 639-1.")
    name: str | None = strawberry.field(description="English name (ISO 639), null if unknown.")


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
        loader = info.context.loaders.channel_kind_by_code
        row = await referenced(loader, self.row.channel_code)
        return ChannelKind.from_row(row)

    @strawberry.field
    async def subject(self, info: Info) -> Subject | None:
        return await subject_of(info, self.row.subject_code)

    @strawberry.field
    async def instrument(self, info: Info) -> Instrument | None:
        return await instrument_of(info, self.row.instrument_id)

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
        return await subject_of(info, self.row.subject_code)

    @strawberry.field
    async def instrument(self, info: Info) -> Instrument | None:
        return await instrument_of(info, self.row.instrument_id)

    @strawberry.field
    async def sources(self, info: Info) -> list[Source]:
        return sources(await info.context.loaders.sources_of_language_rule.load(self.row.id))
