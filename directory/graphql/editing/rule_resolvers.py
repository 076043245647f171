"""Mutations on designations, channel rules and language rules (same contract as
``directory.graphql.editing.resolvers``). Closed vocabularies (direction, permission,
verification) are GraphQL enums, refused by validation before any resolver runs; open ones
(subject, channel, stage, matter: data, not code) travel as codes and are checked by the
services, so a bad one comes back as a ``userErrors`` entry naming the known codes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import strawberry
from strawberry import UNSET

from directory.editing import inputs as i
from directory.enums import BasisCondition, ChannelPermission, Direction, Verification
from directory.errors import NotFound
from directory.graphql.authorities.resolvers import authority_id_of
from directory.graphql.context import Info
from directory.graphql.editing.patches import (
    ChannelRulePatchInput,
    DesignationPatchInput,
    LanguageRulePatchInput,
    channel_rule_patch,
    designation_patch,
    language_rule_patch,
)
from directory.graphql.editing.payloads import (
    CreateChannelRulePayload,
    CreateDesignationPayload,
    CreateLanguageRulePayload,
    RemoveChannelRulePayload,
    RemoveDesignationPayload,
    RemoveLanguageRulePayload,
    UpdateChannelRulePayload,
    UpdateDesignationPayload,
    UpdateLanguageRulePayload,
)
from directory.graphql.editing.resolvers import write
from directory.graphql.editing.sources import (
    SOURCE_IDS,
    SOURCES,
    VERIFICATION,
    FactSourceInput,
    source_ids,
    source_inputs,
)
from directory.graphql.editing.types import WriteStatus, client_mutation_id
from directory.graphql.nodes import key_of, pair_of, row_id_of, to_global_id
from directory.graphql.writes import input_argument

_SUBJECT = "Subject code (MLA, EXTRADITION, …)."
_INSTRUMENT = "Instrument code (e.g. UNTOC): the rule holds for requests made under it only."
_REASON = "Why, for the history."
_VERSION = "The `version` you read of the authority whose entry it is."
_RULE_VERSION = (
    "When the rule hangs (or will hang) off a designation: the `version` you read of that "
    "designation's authority."
)
_PREFERENCE = "Lower = preferred."
_CONDITION = "A condition in words, when the rule holds only under it."
_DESIGNATION = "The `id` of a designation of the jurisdiction to narrow the rule to."
_MEASURE = "Measure code (SERVICE_OF_DOCUMENTS, …): only requests for this measure."
_REQUESTING = "Alpha-3 code of the requesting State it is limited to (not with a group)."
_REQUESTING_GROUP = "Jurisdiction group code (EU, …): only requests from its members."
_BASIS = (
    "When it applies by the pair's legal bases: WHEN_IN_FORCE and UNLESS_IN_FORCE need "
    "`instrument`, NO_TREATY takes none; null with `instrument` reads as WHEN_IN_FORCE."
)
_NOTIFICATION = (
    "The `id` of the jurisdiction's art. 18(14) notification whose language list the rule "
    "belongs to (the secretariat's to write; not with `designation`)."
)


@strawberry.input(description="Every field of a new designation.")
class DesignationFieldsInput:
    subject: str = strawberry.field(description=_SUBJECT)
    direction: Direction = strawberry.field(
        default=Direction.BOTH, description="Requests it receives, sends, or both."
    )
    provision: strawberry.ID | None = strawberry.field(
        default=None, description="The `id` of the provision it was notified under."
    )
    stage: str | None = strawberry.field(default=None, description="Procedural stage code.")
    matter: str | None = strawberry.field(default=None, description="Matter code (TAX, …).")
    territory: str | None = strawberry.field(
        default=None, description="Alpha-3 code of a territory of the authority's State."
    )
    subdivision: str | None = strawberry.field(
        default=None, description="ISO 3166-2 code, e.g. GB-SCT."
    )
    residual: bool = strawberry.field(
        default=False, description="Also serves subjects with no designation."
    )
    priority: int = strawberry.field(default=0, description="Lower = preferred among matches.")
    designated_under: str | None = strawberry.field(
        default=None, description="The national law or act it was designated under."
    )
    notes: str | None = strawberry.field(default=None, description="Free text for senders.")
    measure: str | None = strawberry.field(default=None, description=_MEASURE)
    requesting: str | None = strawberry.field(default=None, description=_REQUESTING)
    requesting_group: str | None = strawberry.field(default=None, description=_REQUESTING_GROUP)
    basis_condition: BasisCondition | None = strawberry.field(default=None, description=_BASIS)
    instrument: str | None = strawberry.field(
        default=None, description="Instrument code (e.g. UNTOC) `basisCondition` is about."
    )
    sources: list[FactSourceInput] | None = strawberry.field(default=None, description=SOURCES)
    source_ids: list[strawberry.ID] | None = strawberry.field(default=None, description=SOURCE_IDS)
    verification: Verification | None = strawberry.field(default=None, description=VERIFICATION)


@strawberry.input(description="Every field of a new channel rule.")
class ChannelRuleFieldsInput:
    channel: str = strawberry.field(description="Channel kind code (DIPLOMATIC, INTERPOL, …).")
    permission: ChannelPermission = strawberry.field(
        default=ChannelPermission.ACCEPTED, description="Accepted, required or refused."
    )
    designation: strawberry.ID | None = strawberry.field(default=None, description=_DESIGNATION)
    subject: str | None = strawberry.field(default=None, description=_SUBJECT)
    instrument: str | None = strawberry.field(default=None, description=_INSTRUMENT)
    urgent_only: bool = strawberry.field(default=False, description="For urgent requests only.")
    prior_agreement_required: bool = strawberry.field(
        default=False, description="Only where the States agreed to it beforehand."
    )
    written_confirmation_required: bool = strawberry.field(
        default=False, description="A request sent this way must be confirmed in writing."
    )
    original_to_follow: bool = strawberry.field(
        default=False, description="The original must follow by post."
    )
    original_within_days: int | None = strawberry.field(
        default=None, description="Within how many days the original must follow."
    )
    preference: int = strawberry.field(default=0, description=_PREFERENCE)
    condition: str | None = strawberry.field(default=None, description=_CONDITION)
    measure: str | None = strawberry.field(default=None, description=_MEASURE)
    requesting: str | None = strawberry.field(default=None, description=_REQUESTING)
    requesting_group: str | None = strawberry.field(default=None, description=_REQUESTING_GROUP)
    basis_condition: BasisCondition | None = strawberry.field(default=None, description=_BASIS)
    sources: list[FactSourceInput] | None = strawberry.field(default=None, description=SOURCES)
    source_ids: list[strawberry.ID] | None = strawberry.field(default=None, description=SOURCE_IDS)
    verification: Verification | None = strawberry.field(default=None, description=VERIFICATION)


@strawberry.input(description="Every field of a new language rule.")
class LanguageRuleFieldsInput:
    language: str = strawberry.field(description="ISO 639 code of the language accepted.")
    designation: strawberry.ID | None = strawberry.field(default=None, description=_DESIGNATION)
    subject: str | None = strawberry.field(default=None, description=_SUBJECT)
    instrument: str | None = strawberry.field(default=None, description=_INSTRUMENT)
    preference: int = strawberry.field(default=0, description=_PREFERENCE)
    condition: str | None = strawberry.field(default=None, description=_CONDITION)
    basis_condition: BasisCondition | None = strawberry.field(default=None, description=_BASIS)
    notification: strawberry.ID | None = strawberry.field(default=None, description=_NOTIFICATION)
    sources: list[FactSourceInput] | None = strawberry.field(default=None, description=SOURCES)
    source_ids: list[strawberry.ID] | None = strawberry.field(default=None, description=SOURCE_IDS)
    verification: Verification | None = strawberry.field(default=None, description=VERIFICATION)


@strawberry.input(description="A new designation of an authority.")
class CreateDesignationInput:
    authority: strawberry.ID = strawberry.field(description="The authority's `id`.")
    expected_version: int = strawberry.field(description=_VERSION)
    fields: DesignationFieldsInput = strawberry.field(description="The designation.")
    reason: str | None = strawberry.field(default=None, description=_REASON)
    client_mutation_id: str | None = client_mutation_id()


@strawberry.input(description="A designation's new fields.")
class UpdateDesignationInput:
    designation: strawberry.ID = strawberry.field(description="The designation's `id`.")
    expected_version: int = strawberry.field(description=_VERSION)
    fields: DesignationPatchInput = strawberry.field(
        description="The fields to change; those left out stay as they are."
    )
    reason: str | None = strawberry.field(default=None, description=_REASON)
    client_mutation_id: str | None = client_mutation_id()


@strawberry.input(description="A designation to remove, with its rules (kept in history).")
class RemoveDesignationInput:
    designation: strawberry.ID = strawberry.field(description="The designation's `id`.")
    expected_version: int = strawberry.field(description=_VERSION)
    reason: str | None = strawberry.field(default=None, description=_REASON)
    client_mutation_id: str | None = client_mutation_id()


@strawberry.input(description="A new channel rule of a jurisdiction.")
class CreateChannelRuleInput:
    jurisdiction: str = strawberry.field(description="ISO 3166-1 alpha-3 code.")
    fields: ChannelRuleFieldsInput = strawberry.field(description="The rule.")
    expected_version: int | None = strawberry.field(default=None, description=_RULE_VERSION)
    reason: str | None = strawberry.field(default=None, description=_REASON)
    client_mutation_id: str | None = client_mutation_id()


@strawberry.input(description="A channel rule's new fields.")
class UpdateChannelRuleInput:
    rule: strawberry.ID = strawberry.field(description="The channel rule's `id`.")
    fields: ChannelRulePatchInput = strawberry.field(
        description="The fields to change; those left out stay as they are."
    )
    expected_version: int | None = strawberry.field(default=None, description=_RULE_VERSION)
    reason: str | None = strawberry.field(default=None, description=_REASON)
    client_mutation_id: str | None = client_mutation_id()


@strawberry.input(description="A new language rule of a jurisdiction.")
class CreateLanguageRuleInput:
    jurisdiction: str = strawberry.field(description="ISO 3166-1 alpha-3 code.")
    fields: LanguageRuleFieldsInput = strawberry.field(description="The rule.")
    expected_version: int | None = strawberry.field(default=None, description=_RULE_VERSION)
    reason: str | None = strawberry.field(default=None, description=_REASON)
    client_mutation_id: str | None = client_mutation_id()


@strawberry.input(description="A language rule's new fields.")
class UpdateLanguageRuleInput:
    rule: strawberry.ID = strawberry.field(description="The language rule's `id`.")
    fields: LanguageRulePatchInput = strawberry.field(
        description="The fields to change; those left out stay as they are."
    )
    expected_version: int | None = strawberry.field(default=None, description=_RULE_VERSION)
    reason: str | None = strawberry.field(default=None, description=_REASON)
    client_mutation_id: str | None = client_mutation_id()


@strawberry.input(description="A channel rule to remove (kept in history).")
class RemoveChannelRuleInput:
    rule: strawberry.ID = strawberry.field(description="The channel rule's `id`.")
    expected_version: int | None = strawberry.field(default=None, description=_RULE_VERSION)
    reason: str | None = strawberry.field(default=None, description=_REASON)
    client_mutation_id: str | None = client_mutation_id()


@strawberry.input(description="A language rule to remove (kept in history).")
class RemoveLanguageRuleInput:
    rule: strawberry.ID = strawberry.field(description="The language rule's `id`.")
    expected_version: int | None = strawberry.field(default=None, description=_RULE_VERSION)
    reason: str | None = strawberry.field(default=None, description=_REASON)
    client_mutation_id: str | None = client_mutation_id()


_FIELDS = ["input", "fields"]


def _designation_id(global_id: str | None, field: list[str | int]) -> int | None:
    if global_id is None:
        return None
    return row_id_of(global_id, "Designation", field, kind="designation")


def _designation(global_id: str) -> int:
    return row_id_of(global_id, "Designation", ["input", "designation"], kind="designation")


def _provenance(
    data: DesignationFieldsInput | ChannelRuleFieldsInput | LanguageRuleFieldsInput,
) -> dict[str, Any]:
    return {
        "verification": data.verification,
        "sources": source_inputs(data.sources),
        "source_ids": source_ids(data.source_ids, [*_FIELDS, "sourceIds"]),
    }


def designation_fields(data: DesignationFieldsInput) -> i.DesignationFields:
    provision = data.provision
    return i.DesignationFields(
        subject=data.subject,
        direction=data.direction,
        provision_id=None
        if provision is None
        else row_id_of(provision, "Provision", [*_FIELDS, "provision"], kind="provision"),
        stage=data.stage,
        matter=data.matter,
        territory=data.territory,
        subdivision=data.subdivision,
        residual=data.residual,
        priority=data.priority,
        designated_under=data.designated_under,
        notes=data.notes,
        measure=data.measure,
        requesting=data.requesting,
        requesting_group=data.requesting_group,
        basis_condition=data.basis_condition,
        instrument=data.instrument,
        **_provenance(data),
    )


def channel_rule_fields(data: ChannelRuleFieldsInput) -> i.ChannelRuleFields:
    return i.ChannelRuleFields(
        channel=data.channel,
        permission=data.permission,
        designation_id=_designation_id(data.designation, [*_FIELDS, "designation"]),
        subject=data.subject,
        instrument=data.instrument,
        urgent_only=data.urgent_only,
        prior_agreement_required=data.prior_agreement_required,
        written_confirmation_required=data.written_confirmation_required,
        original_to_follow=data.original_to_follow,
        original_within_days=data.original_within_days,
        preference=data.preference,
        condition=data.condition,
        measure=data.measure,
        requesting=data.requesting,
        requesting_group=data.requesting_group,
        basis_condition=data.basis_condition,
        **_provenance(data),
    )


async def language_rule_fields(info: Info, data: LanguageRuleFieldsInput) -> i.LanguageRuleFields:
    return i.LanguageRuleFields(
        language=data.language,
        designation_id=_designation_id(data.designation, [*_FIELDS, "designation"]),
        subject=data.subject,
        instrument=data.instrument,
        preference=data.preference,
        condition=data.condition,
        basis_condition=data.basis_condition,
        notification_id=await _notification_id(info, data.notification),
        **_provenance(data),
    )


async def _notification_id(info: Info, global_id: str | None) -> int | None:
    """The stored notification a Notification ID names (its key is the pair jurisdiction,
    provision): NotFound when none is stored, e.g. an UNKNOWN entry."""
    if global_id is None:
        return None
    field = [*_FIELDS, "notification"]
    pair = pair_of(key_of(global_id, "Notification", field))
    rows = await info.context.loaders.notifications_of_jurisdiction.load(pair[0]) if pair else []
    found = next((r for r in rows if pair and r.provision_id == pair[1]), None)
    if found is None:
        raise NotFound("notification", global_id, field=field)
    return int(found.id)


async def patched_notification(info: Info, global_id: str | None) -> Any:
    """A patch's ``notification``: left out (UNSET), cleared (None) or a row id."""
    if global_id is UNSET or global_id is None:
        return global_id
    return await _notification_id(info, global_id)


def _rule_id(type_name: str, global_id: str) -> int:
    kind = "channel rule" if type_name == "ChannelRule" else "language rule"
    return row_id_of(global_id, type_name, ["input", "rule"], kind=kind)


def _existing(change: i.Change) -> int | None:
    """The row id of the designation or rule a change names (None for a creation)."""
    for name in ("designation_id", "rule_id"):
        if hasattr(change, name) and not isinstance(change, i.CreateDesignation):
            found: int = getattr(change, name)
            return found
    return None


P = TypeVar("P")


def _removed(type_name: str, payload: P, change: i.Change, attribute: str) -> P:
    """``payload`` with the removed object's global ID once the removal is applied."""
    if getattr(payload, "status", None) is WriteStatus.APPLIED:
        key = _existing(change)
        setattr(payload, attribute, strawberry.ID(to_global_id(type_name, key)))
    return payload


@strawberry.type
class RuleMutation:
    @strawberry.mutation(description="Designate an authority for a subject, within a scope.")
    async def create_designation(
        self, info: Info, input: Annotated[CreateDesignationInput, input_argument()]
    ) -> CreateDesignationPayload:
        async def change() -> i.Change:
            return i.CreateDesignation(
                authority_id=await authority_id_of(info, input.authority),
                expected_version=input.expected_version,
                fields=designation_fields(input.fields),
            )

        return await write(info, CreateDesignationPayload, change, input, input.reason)

    @strawberry.mutation(description="Change the fields of a designation that are given.")
    async def update_designation(
        self, info: Info, input: Annotated[UpdateDesignationInput, input_argument()]
    ) -> UpdateDesignationPayload:
        async def change() -> i.Change:
            return i.UpdateDesignation(
                designation_id=_designation(input.designation),
                expected_version=input.expected_version,
                fields=designation_patch(input.fields),
            )

        return await write(
            info, UpdateDesignationPayload, change, input, input.reason, existing=_existing
        )

    @strawberry.mutation(description="Remove a designation and its rules (kept in history).")
    async def remove_designation(
        self, info: Info, input: Annotated[RemoveDesignationInput, input_argument()]
    ) -> RemoveDesignationPayload:
        made: list[i.Change] = []

        async def change() -> i.Change:
            made.append(
                i.RemoveDesignation(
                    designation_id=_designation(input.designation),
                    expected_version=input.expected_version,
                )
            )
            return made[0]

        payload = await write(
            info, RemoveDesignationPayload, change, input, input.reason, existing=_existing
        )
        return (
            _removed("Designation", payload, made[0], "removed_designation_id") if made else payload
        )

    @strawberry.mutation(description="Add a channel rule to a jurisdiction or a designation.")
    async def create_channel_rule(
        self, info: Info, input: Annotated[CreateChannelRuleInput, input_argument()]
    ) -> CreateChannelRulePayload:
        async def change() -> i.Change:
            return i.CreateChannelRule(
                jurisdiction=input.jurisdiction,
                fields=channel_rule_fields(input.fields),
                expected_version=input.expected_version,
            )

        return await write(info, CreateChannelRulePayload, change, input, input.reason)

    @strawberry.mutation(description="Change the fields of a channel rule that are given.")
    async def update_channel_rule(
        self, info: Info, input: Annotated[UpdateChannelRuleInput, input_argument()]
    ) -> UpdateChannelRulePayload:
        async def change() -> i.Change:
            return i.UpdateChannelRule(
                rule_id=_rule_id("ChannelRule", input.rule),
                fields=channel_rule_patch(input.fields),
                expected_version=input.expected_version,
            )

        return await write(
            info, UpdateChannelRulePayload, change, input, input.reason, existing=_existing
        )

    @strawberry.mutation(description="Remove a channel rule (kept in history).")
    async def remove_channel_rule(
        self, info: Info, input: Annotated[RemoveChannelRuleInput, input_argument()]
    ) -> RemoveChannelRulePayload:
        return await _remove_rule(
            info, input, RemoveChannelRulePayload, "ChannelRule", i.RemoveChannelRule,
            "removed_channel_rule_id",
        )  # fmt: skip

    @strawberry.mutation(description="Add a language rule to a jurisdiction or a designation.")
    async def create_language_rule(
        self, info: Info, input: Annotated[CreateLanguageRuleInput, input_argument()]
    ) -> CreateLanguageRulePayload:
        async def change() -> i.Change:
            return i.CreateLanguageRule(
                jurisdiction=input.jurisdiction,
                fields=await language_rule_fields(info, input.fields),
                expected_version=input.expected_version,
            )

        return await write(info, CreateLanguageRulePayload, change, input, input.reason)

    @strawberry.mutation(description="Change the fields of a language rule that are given.")
    async def update_language_rule(
        self, info: Info, input: Annotated[UpdateLanguageRuleInput, input_argument()]
    ) -> UpdateLanguageRulePayload:
        async def change() -> i.Change:
            return i.UpdateLanguageRule(
                rule_id=_rule_id("LanguageRule", input.rule),
                fields=language_rule_patch(
                    input.fields, await patched_notification(info, input.fields.notification)
                ),
                expected_version=input.expected_version,
            )

        return await write(
            info, UpdateLanguageRulePayload, change, input, input.reason, existing=_existing
        )

    @strawberry.mutation(description="Remove a language rule (kept in history).")
    async def remove_language_rule(
        self, info: Info, input: Annotated[RemoveLanguageRuleInput, input_argument()]
    ) -> RemoveLanguageRulePayload:
        return await _remove_rule(
            info, input, RemoveLanguageRulePayload, "LanguageRule", i.RemoveLanguageRule,
            "removed_language_rule_id",
        )  # fmt: skip


R = TypeVar("R", RemoveChannelRulePayload, RemoveLanguageRulePayload)


async def _remove_rule(
    info: Info,
    input: RemoveChannelRuleInput | RemoveLanguageRuleInput,
    payload: type[R],
    type_name: str,
    removal: Callable[..., i.Change],
    attribute: str,
) -> R:
    made: list[i.Change] = []

    async def change() -> i.Change:
        made.append(
            removal(
                rule_id=_rule_id(type_name, input.rule), expected_version=input.expected_version
            )
        )
        return made[0]

    answered = await write(info, payload, change, input, input.reason, existing=_existing)
    return _removed(type_name, answered, made[0], attribute) if made else answered
