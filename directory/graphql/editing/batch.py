"""``proposeChanges``: several writes to a State's entries in one change request.

Each change is one of the single mutations' inputs (their ``reason`` and
``clientMutationId`` are the batch's, theirs are ignored). A change names an object created
by an earlier change of the same batch as ``change:N`` (N the index of that change, 0
first) wherever it would give that object's ID: the authority of a new designation, the
designation a new rule hangs off. ``expectedVersion`` names the version an authority had
before the batch (any value for an authority the batch creates). Everything applies
together or nothing does: at once for the secretariat, after one approval for a State
editor (the whole batch is checked when it is submitted, as approval will apply it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Annotated, Any

import strawberry
from strawberry import UNSET

from directory.editing import inputs as i
from directory.editing import services
from directory.errors import InvalidInput
from directory.graphql.authorities.resolvers import authority_id_of
from directory.graphql.context import Info
from directory.graphql.editing.patches import (
    channel_rule_patch,
    designation_patch,
    language_rule_patch,
)
from directory.graphql.editing.payloads import Payload
from directory.graphql.editing.resolvers import (
    _contacts,
    _names,
    update_authority_change,
)
from directory.graphql.editing.rule_resolvers import (
    CreateChannelRuleInput,
    CreateDesignationInput,
    CreateLanguageRuleInput,
    RemoveChannelRuleInput,
    RemoveDesignationInput,
    RemoveLanguageRuleInput,
    UpdateChannelRuleInput,
    UpdateDesignationInput,
    UpdateLanguageRuleInput,
    channel_rule_fields,
    designation_fields,
    language_rule_fields,
    patched_notification,
)
from directory.graphql.editing.sources import source_ids, source_inputs
from directory.graphql.editing.types import (
    CreateAuthorityInput,
    RetireAuthorityInput,
    UpdateAuthorityInput,
    client_mutation_id,
    object_id,
)
from directory.graphql.nodes import row_id_of
from directory.graphql.writes import REFUSALS, echo, input_argument, mutate, user_errors

_REF = re.compile(r"change:(\d{1,3})")


@strawberry.input(
    one_of=True,
    description="One change of `proposeChanges`: exactly one of its fields, the input of the "
    "mutation of that name.",
)
class ChangeInput:
    create_authority: CreateAuthorityInput | None = strawberry.field(
        default=UNSET, description="The input of `createAuthority`."
    )
    update_authority: UpdateAuthorityInput | None = strawberry.field(
        default=UNSET, description="The input of `updateAuthority`."
    )
    retire_authority: RetireAuthorityInput | None = strawberry.field(
        default=UNSET, description="The input of `retireAuthority`."
    )
    create_designation: CreateDesignationInput | None = strawberry.field(
        default=UNSET, description="The input of `createDesignation`."
    )
    update_designation: UpdateDesignationInput | None = strawberry.field(
        default=UNSET, description="The input of `updateDesignation`."
    )
    remove_designation: RemoveDesignationInput | None = strawberry.field(
        default=UNSET, description="The input of `removeDesignation`."
    )
    create_channel_rule: CreateChannelRuleInput | None = strawberry.field(
        default=UNSET, description="The input of `createChannelRule`."
    )
    update_channel_rule: UpdateChannelRuleInput | None = strawberry.field(
        default=UNSET, description="The input of `updateChannelRule`."
    )
    remove_channel_rule: RemoveChannelRuleInput | None = strawberry.field(
        default=UNSET, description="The input of `removeChannelRule`."
    )
    create_language_rule: CreateLanguageRuleInput | None = strawberry.field(
        default=UNSET, description="The input of `createLanguageRule`."
    )
    update_language_rule: UpdateLanguageRuleInput | None = strawberry.field(
        default=UNSET, description="The input of `updateLanguageRule`."
    )
    remove_language_rule: RemoveLanguageRuleInput | None = strawberry.field(
        default=UNSET, description="The input of `removeLanguageRule`."
    )


@strawberry.input(description="Several changes to a State's entries, as one change request.")
class ProposeChangesInput:
    changes: list[ChangeInput] = strawberry.field(
        description=f"The changes, applied in this order (at most {services.MAX_CHANGES}); "
        "a later one names what an earlier one creates as `change:N`."
    )
    reason: str | None = strawberry.field(default=None, description="Why, for the history.")
    client_mutation_id: str | None = client_mutation_id()


@strawberry.type(description="The answer of `proposeChanges`.")
class ProposeChangesPayload(Payload):
    object_ids: list[strawberry.ID | None] = strawberry.field(
        default_factory=list,
        description="Global ID of what each change created or changed, in order; null for a "
        "designation or rule a pending request will create (its change request's "
        "`objectIds` has them once approved).",
    )


def _placeholder(value: str | None, index: int, path: list[str | int]) -> int | None:
    """``change:N`` as the placeholder id of change N's creation; None for another ID."""
    if value is None:
        return None
    found = _REF.fullmatch(value)
    if found is None:
        return None
    n = int(found.group(1))
    if n >= index:
        raise InvalidInput(
            f"change {index} names {value!r}, which is not an earlier change: a change can "
            f"only name what a change before it creates (change:0 … change:{index - 1})",
            field=["input", "changes", index, *path],
        )
    return i.ref(n)


def _prefixed(exc: Exception, index: int, name: str) -> Exception:
    """The error of a change's own conversion, its field path under ``changes[index]``."""
    field = getattr(exc, "field", None)
    if isinstance(field, list) and field[:1] == ["input"] and field[1:2] != ["changes"]:
        exc.field = ["input", "changes", index, name, *field[1:]]  # type: ignore[attr-defined]
    return exc


async def _designation_change(
    info: Info, data: CreateDesignationInput, index: int
) -> i.CreateDesignation:
    placeholder = _placeholder(data.authority, index, ["createDesignation", "authority"])
    return i.CreateDesignation(
        authority_id=placeholder
        if placeholder is not None
        else await authority_id_of(info, data.authority),
        expected_version=data.expected_version,
        fields=designation_fields(data.fields),
    )


async def _rule_fields(info: Info, data: Any, index: int, name: str, convert: Any) -> Any:
    """A new rule's fields, whose designation may be ``change:N``."""
    placeholder = _placeholder(data.fields.designation, index, [name, "fields", "designation"])

    async def converted() -> Any:
        if convert is language_rule_fields:
            return await convert(info, data.fields)
        return convert(data.fields)

    if placeholder is None:
        return await converted()
    designation = data.fields.designation
    data.fields.designation = None
    try:
        fields = await converted()
    finally:
        data.fields.designation = designation
    fields.designation_id = placeholder
    return fields


async def _change(info: Info, item: ChangeInput, index: int) -> i.Change:
    name, data = _given(item, index)
    try:
        return await _convert(info, name, data, index)
    except REFUSALS as exc:
        raise _prefixed(exc, index, name) from None


def _given(item: ChangeInput, index: int) -> tuple[str, Any]:
    given = [
        (name, value)
        for name, value in vars(item).items()
        if value is not UNSET and value is not None
    ]
    if len(given) != 1:
        raise InvalidInput(
            f"change {index} gives {len(given)} changes: give exactly one field "
            "(createAuthority, updateDesignation, …)",
            field=["input", "changes", index],
        )
    return given[0]


async def _convert(info: Info, name: str, data: Any, index: int) -> i.Change:
    rule = ["input", "rule"]
    match name:
        case "create_authority":
            return i.CreateAuthority(
                jurisdiction=data.jurisdiction,
                names=_names(data.names) or [],
                street_address=data.street_address,
                city=data.city,
                postal_code=data.postal_code,
                website=data.website,
                time_zone=data.time_zone,
                contacts=_contacts(data.contacts) or [],
                notes=data.notes,
                verification=data.verification,
                sources=source_inputs(data.sources) or [],
                source_ids=source_ids(data.source_ids, ["input", "sourceIds"]) or [],
            )
        case "update_authority":
            return await update_authority_change(info, data)
        case "retire_authority":
            return i.RetireAuthority(
                authority_id=await authority_id_of(info, data.authority),
                expected_version=data.expected_version,
            )
        case "create_designation":
            return await _designation_change(info, data, index)
        case "update_designation":
            return i.UpdateDesignation(
                designation_id=_designation(data.designation),
                expected_version=data.expected_version,
                fields=designation_patch(data.fields),
            )
        case "remove_designation":
            return i.RemoveDesignation(
                designation_id=_designation(data.designation),
                expected_version=data.expected_version,
            )
        case "create_channel_rule":
            return i.CreateChannelRule(
                jurisdiction=data.jurisdiction,
                fields=await _rule_fields(
                    info, data, index, "createChannelRule", channel_rule_fields
                ),
                expected_version=data.expected_version,
            )
        case "update_channel_rule":
            return i.UpdateChannelRule(
                rule_id=row_id_of(data.rule, "ChannelRule", rule, kind="channel rule"),
                fields=channel_rule_patch(data.fields),
                expected_version=data.expected_version,
            )
        case "remove_channel_rule":
            return i.RemoveChannelRule(
                rule_id=row_id_of(data.rule, "ChannelRule", rule, kind="channel rule"),
                expected_version=data.expected_version,
            )
        case "create_language_rule":
            return i.CreateLanguageRule(
                jurisdiction=data.jurisdiction,
                fields=await _rule_fields(
                    info, data, index, "createLanguageRule", language_rule_fields
                ),
                expected_version=data.expected_version,
            )
        case "update_language_rule":
            return i.UpdateLanguageRule(
                rule_id=row_id_of(data.rule, "LanguageRule", rule, kind="language rule"),
                fields=language_rule_patch(
                    data.fields, await patched_notification(info, data.fields.notification)
                ),
                expected_version=data.expected_version,
            )
        case _:
            return i.RemoveLanguageRule(
                rule_id=row_id_of(data.rule, "LanguageRule", rule, kind="language rule"),
                expected_version=data.expected_version,
            )


def _designation(global_id: str) -> int:
    return row_id_of(global_id, "Designation", ["input", "designation"], kind="designation")


async def _changes(info: Info, items: Sequence[ChangeInput]) -> list[i.Change]:
    if len(items) > services.MAX_CHANGES:
        raise InvalidInput(
            f"{len(items)} changes in one request: send at most {services.MAX_CHANGES}, "
            "in several requests",
            field=["input", "changes"],
        )
    return [await _change(info, item, n) for n, item in enumerate(items)]


@strawberry.type
class BatchMutation:
    @strawberry.mutation(
        description="Several changes to a State's entries as one change request, applied "
        "together (at once for the secretariat, on approval for a State editor)."
    )
    async def propose_changes(
        self, info: Info, input: Annotated[ProposeChangesInput, input_argument()]
    ) -> ProposeChangesPayload:
        try:
            changes = await _changes(info, input.changes)
        except REFUSALS as exc:
            return ProposeChangesPayload(
                user_errors=user_errors(exc), client_mutation_id=echo(input)
            )

        def answer(outcome: services.Outcome) -> ProposeChangesPayload:
            payload: ProposeChangesPayload = ProposeChangesPayload(
                client_mutation_id=echo(input)
            ).filled(outcome)
            if outcome.change_request is not None and outcome.change_request.objects:
                payload.object_ids = [
                    object_id(entity, key) for entity, key in outcome.change_request.objects
                ]
            else:
                payload.object_ids = [object_id(*o) for o in outcome.objects]
            payload.object_id = None
            return payload

        return await mutate(
            info,
            lambda session, caller: services.propose(
                session, caller, changes, settings=info.context.settings, reason=input.reason
            ),
            answer=answer,
            refused=lambda errors: ProposeChangesPayload(
                user_errors=errors, client_mutation_id=echo(input)
            ),
        )
