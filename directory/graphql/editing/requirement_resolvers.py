"""Mutations on legal requirements: ``createRequirement``, ``updateRequirement``,
``removeRequirement`` (same contract as ``directory.graphql.editing.rule_resolvers``: a State
editor's write becomes a change request, the secretariat's applies at once). The kind is an
open vocabulary (data): a bad code comes back as a ``userErrors`` entry naming the known ones.
"""

from __future__ import annotations

from typing import Annotated

import strawberry

from directory.editing import inputs as i
from directory.enums import BasisCondition, RequirementStatus, Verification
from directory.graphql.authorities.requirement_types import Requirement
from directory.graphql.context import Info
from directory.graphql.editing.payloads import Payload
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
from directory.graphql.nodes import row_id_of, to_global_id
from directory.graphql.writes import input_argument

_REASON = "Why, for the history."


@strawberry.input(description="Every field of a legal requirement (an update replaces them all).")
class RequirementFieldsInput:
    kind: str = strawberry.field(
        description="Requirement kind code (DUAL_CRIMINALITY, RECIPROCITY, "
        "ASSURANCE_DEATH_PENALTY, FORM_ORIGINAL_BY_POST, GUIDE, …; see seed/requirements.json)."
    )
    status: RequirementStatus = strawberry.field(description="What the State says of it.")
    subject: str | None = strawberry.field(default=None, description="Subject code; none: all.")
    measure: str | None = strawberry.field(default=None, description="Measure code; none: all.")
    basis_condition: BasisCondition | None = strawberry.field(
        default=None,
        description="When it applies by the pair's legal bases: WHEN_IN_FORCE and "
        "UNLESS_IN_FORCE need `instrument`, NO_TREATY takes none.",
    )
    instrument: str | None = strawberry.field(
        default=None, description="Instrument code (e.g. UNTOC) `basisCondition` is about."
    )
    text: str | None = strawberry.field(default=None, description="What it says, in English.")
    url: str | None = strawberry.field(
        default=None, description="An http(s) URL of the legislation or guide."
    )
    sources: list[FactSourceInput] | None = strawberry.field(default=None, description=SOURCES)
    source_ids: list[strawberry.ID] | None = strawberry.field(default=None, description=SOURCE_IDS)
    verification: Verification | None = strawberry.field(default=None, description=VERIFICATION)


@strawberry.input(description="A new legal requirement of a jurisdiction.")
class CreateRequirementInput:
    jurisdiction: str = strawberry.field(description="ISO 3166-1 alpha-3 code.")
    fields: RequirementFieldsInput = strawberry.field(description="The requirement.")
    reason: str | None = strawberry.field(default=None, description=_REASON)
    client_mutation_id: str | None = client_mutation_id()


@strawberry.input(description="A legal requirement's new fields.")
class UpdateRequirementInput:
    requirement: strawberry.ID = strawberry.field(description="The requirement's `id`.")
    fields: RequirementFieldsInput = strawberry.field(description="Every field, as it will be.")
    reason: str | None = strawberry.field(default=None, description=_REASON)
    client_mutation_id: str | None = client_mutation_id()


@strawberry.input(description="A legal requirement to remove (kept in history).")
class RemoveRequirementInput:
    requirement: strawberry.ID = strawberry.field(description="The requirement's `id`.")
    reason: str | None = strawberry.field(default=None, description=_REASON)
    client_mutation_id: str | None = client_mutation_id()


@strawberry.type
class RequirementPayload(Payload):
    @strawberry.field(
        description="The requirement as the write left it; when it awaits review, as it is "
        "now; null once removed, or not yet created."
    )
    async def requirement(self, info: Info) -> Requirement | None:
        row = await self._entity(info, info.context.loaders.requirement_by_id)
        return Requirement.from_row(row) if row is not None else None


@strawberry.type(description="The answer of `createRequirement`.")
class CreateRequirementPayload(RequirementPayload):
    pass


@strawberry.type(description="The answer of `updateRequirement`.")
class UpdateRequirementPayload(RequirementPayload):
    pass


@strawberry.type(description="The answer of `removeRequirement`.")
class RemoveRequirementPayload(RequirementPayload):
    removed_requirement_id: strawberry.ID | None = strawberry.field(
        default=None, description="The `id` of the requirement removed, once applied."
    )


_FIELDS = ["input", "fields"]


def requirement_fields(data: RequirementFieldsInput) -> i.RequirementFields:
    return i.RequirementFields(
        kind=data.kind,
        status=data.status,
        subject=data.subject,
        measure=data.measure,
        basis_condition=data.basis_condition,
        instrument=data.instrument,
        text=data.text,
        url=data.url,
        verification=data.verification,
        sources=source_inputs(data.sources),
        source_ids=source_ids(data.source_ids, [*_FIELDS, "sourceIds"]),
    )


def _requirement(global_id: str) -> int:
    return row_id_of(global_id, "Requirement", ["input", "requirement"], kind="requirement")


def _existing(change: i.Change) -> int | None:
    return getattr(change, "requirement_id", None)


@strawberry.type
class RequirementMutation:
    @strawberry.mutation(
        description="Add a legal requirement (dual criminality, an assurance, a form, …) to a "
        "jurisdiction."
    )
    async def create_requirement(
        self, info: Info, input: Annotated[CreateRequirementInput, input_argument()]
    ) -> CreateRequirementPayload:
        async def change() -> i.Change:
            return i.CreateRequirement(
                jurisdiction=input.jurisdiction, fields=requirement_fields(input.fields)
            )

        return await write(info, CreateRequirementPayload, change, input, input.reason)

    @strawberry.mutation(description="Replace every field of a legal requirement.")
    async def update_requirement(
        self, info: Info, input: Annotated[UpdateRequirementInput, input_argument()]
    ) -> UpdateRequirementPayload:
        async def change() -> i.Change:
            return i.UpdateRequirement(
                requirement_id=_requirement(input.requirement),
                fields=requirement_fields(input.fields),
            )

        return await write(
            info, UpdateRequirementPayload, change, input, input.reason, existing=_existing
        )

    @strawberry.mutation(description="Remove a legal requirement (kept in history).")
    async def remove_requirement(
        self, info: Info, input: Annotated[RemoveRequirementInput, input_argument()]
    ) -> RemoveRequirementPayload:
        made: list[i.Change] = []

        async def change() -> i.Change:
            made.append(i.RemoveRequirement(requirement_id=_requirement(input.requirement)))
            return made[0]

        payload = await write(
            info, RemoveRequirementPayload, change, input, input.reason, existing=_existing
        )
        if made and payload.status is WriteStatus.APPLIED:
            key = _existing(made[0])
            payload.removed_requirement_id = strawberry.ID(to_global_id("Requirement", key))
        return payload
