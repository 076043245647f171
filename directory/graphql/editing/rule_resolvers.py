"""Mutations on designations, channel rules and language rules (same contract as
``directory.graphql.editing.resolvers``). Enumerated values travel as strings and are checked by the
services, so a bad one comes back as a ``userErrors`` entry naming the allowed values."""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

import strawberry
from strawberry.relay import GlobalID

from directory.editing import inputs as i
from directory.errors import InvalidInput, NotFound
from directory.graphql.authorities.resolvers import authority_id_of
from directory.graphql.context import Info
from directory.graphql.editing.resolvers import write
from directory.graphql.editing.types import WritePayload
from directory.graphql.nodes import row_id


@strawberry.input
class DesignationFieldsInput:
    subject: str
    direction: str = "BOTH"
    provision_id: int | None = None
    stage: str | None = None
    matter: str | None = None
    territory: str | None = None
    subdivision: str | None = None
    residual: bool = False
    priority: int = 0
    designated_under: str | None = None
    notes: str | None = None
    verification: str = "OFFICIAL"


@strawberry.input
class ChannelRuleFieldsInput:
    channel: str
    permission: str = "ACCEPTED"
    designation_id: int | None = None
    subject: str | None = None
    instrument: str | None = None
    urgent_only: bool = False
    prior_agreement_required: bool = False
    written_confirmation_required: bool = False
    original_to_follow: bool = False
    original_within_days: int | None = None
    preference: int = 0
    condition: str | None = None
    verification: str = "OFFICIAL"


@strawberry.input
class LanguageRuleFieldsInput:
    language: str
    designation_id: int | None = None
    subject: str | None = None
    instrument: str | None = None
    preference: int = 0
    condition: str | None = None
    verification: str = "OFFICIAL"


@strawberry.input
class CreateDesignationInput:
    authority: strawberry.ID
    expected_version: int
    fields: DesignationFieldsInput
    reason: str | None = None


@strawberry.input
class UpdateDesignationInput:
    designation: strawberry.ID
    expected_version: int
    fields: DesignationFieldsInput
    reason: str | None = None


@strawberry.input
class RemoveDesignationInput:
    designation: strawberry.ID
    expected_version: int
    reason: str | None = None


@strawberry.input
class CreateChannelRuleInput:
    jurisdiction: str
    fields: ChannelRuleFieldsInput
    expected_version: int | None = None
    reason: str | None = None


@strawberry.input
class UpdateChannelRuleInput:
    rule: int
    fields: ChannelRuleFieldsInput
    expected_version: int | None = None
    reason: str | None = None


@strawberry.input
class CreateLanguageRuleInput:
    jurisdiction: str
    fields: LanguageRuleFieldsInput
    expected_version: int | None = None
    reason: str | None = None


@strawberry.input
class UpdateLanguageRuleInput:
    rule: int
    fields: LanguageRuleFieldsInput
    expected_version: int | None = None
    reason: str | None = None


@strawberry.input
class RemoveRuleInput:
    rule: int
    expected_version: int | None = None
    reason: str | None = None


def _designation_id(global_id: str) -> int:
    try:
        parsed = GlobalID.from_id(global_id)
    except Exception:  # any malformed ID is the caller's mistake, whatever it raises
        parsed = None
    if parsed is None or parsed.type_name != "Designation":
        raise InvalidInput(
            f"{global_id!r} is not a designation ID: pass an `id` returned by this API",
            field=["input", "designation"],
        )
    found = row_id(parsed.node_id)
    if found is None:
        raise NotFound("designation", global_id)
    return found


F = TypeVar("F", i.DesignationFields, i.ChannelRuleFields, i.LanguageRuleFields)


def _fields(cls: type[F], data: Any) -> F:
    """The service's fields from a GraphQL input of the same shape (``data`` is a Strawberry
    input: a dataclass at runtime, which mypy does not see through the decorator)."""
    return cls(**dataclasses.asdict(data))


# Channel and language rules share their inputs' shape: one builder per operation.
async def _create_rule(
    info: Info,
    change: type,
    fields: type,
    input: CreateChannelRuleInput | CreateLanguageRuleInput,
) -> WritePayload:
    made = change(
        jurisdiction=input.jurisdiction,
        fields=_fields(fields, input.fields),
        expected_version=input.expected_version,
    )
    return await write(info, made, input.reason)


async def _update_rule(
    info: Info,
    change: type,
    fields: type,
    input: UpdateChannelRuleInput | UpdateLanguageRuleInput,
) -> WritePayload:
    made = change(
        rule_id=input.rule,
        fields=_fields(fields, input.fields),
        expected_version=input.expected_version,
    )
    return await write(info, made, input.reason)


async def _remove_rule(info: Info, change: type, input: RemoveRuleInput) -> WritePayload:
    made = change(rule_id=input.rule, expected_version=input.expected_version)
    return await write(info, made, input.reason)


@strawberry.type
class RuleMutation:
    @strawberry.mutation
    async def create_designation(self, info: Info, input: CreateDesignationInput) -> WritePayload:
        change = i.CreateDesignation(
            authority_id=await authority_id_of(info, input.authority),
            expected_version=input.expected_version,
            fields=_fields(i.DesignationFields, input.fields),
        )
        return await write(info, change, input.reason)

    @strawberry.mutation
    async def update_designation(self, info: Info, input: UpdateDesignationInput) -> WritePayload:
        change = i.UpdateDesignation(
            designation_id=_designation_id(input.designation),
            expected_version=input.expected_version,
            fields=_fields(i.DesignationFields, input.fields),
        )
        return await write(info, change, input.reason)

    @strawberry.mutation(description="Remove a designation and its rules (kept in history).")
    async def remove_designation(self, info: Info, input: RemoveDesignationInput) -> WritePayload:
        change = i.RemoveDesignation(
            designation_id=_designation_id(input.designation),
            expected_version=input.expected_version,
        )
        return await write(info, change, input.reason)

    @strawberry.mutation
    async def create_channel_rule(self, info: Info, input: CreateChannelRuleInput) -> WritePayload:
        return await _create_rule(info, i.CreateChannelRule, i.ChannelRuleFields, input)

    @strawberry.mutation
    async def update_channel_rule(self, info: Info, input: UpdateChannelRuleInput) -> WritePayload:
        return await _update_rule(info, i.UpdateChannelRule, i.ChannelRuleFields, input)

    @strawberry.mutation
    async def remove_channel_rule(self, info: Info, input: RemoveRuleInput) -> WritePayload:
        return await _remove_rule(info, i.RemoveChannelRule, input)

    @strawberry.mutation
    async def create_language_rule(
        self, info: Info, input: CreateLanguageRuleInput
    ) -> WritePayload:
        return await _create_rule(info, i.CreateLanguageRule, i.LanguageRuleFields, input)

    @strawberry.mutation
    async def update_language_rule(
        self, info: Info, input: UpdateLanguageRuleInput
    ) -> WritePayload:
        return await _update_rule(info, i.UpdateLanguageRule, i.LanguageRuleFields, input)

    @strawberry.mutation
    async def remove_language_rule(self, info: Info, input: RemoveRuleInput) -> WritePayload:
        return await _remove_rule(info, i.RemoveLanguageRule, input)
