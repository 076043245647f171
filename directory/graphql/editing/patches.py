"""The fields of a designation or rule update: every one optional, left out = unchanged.

A field left out keeps the row's value (as it is when the change is applied: a pending
change is merged onto the entry as the secretariat finds it); ``null`` clears a field that
may be empty; a field that may not be empty (a subject, a channel, a language, a direction,
a flag) refuses ``null`` with a message naming it. ``sources``/``sourceIds`` left out or
null keep what the fact cites; a list replaces it.
"""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry import UNSET

from directory.editing import inputs as i
from directory.enums import BasisCondition, ChannelPermission, Direction, Verification
from directory.errors import InvalidInput
from directory.graphql.editing.sources import (
    SOURCE_IDS,
    SOURCES,
    VERIFICATION,
    FactSourceInput,
    source_ids,
    source_inputs,
)
from directory.graphql.nodes import row_id_of

_LEFT_OUT = " Left out: unchanged."
_FIELDS = ["input", "fields"]


def keep(description: str) -> Any:
    """An optional patch field: left out, the stored value stays."""
    return strawberry.field(default=UNSET, description=description + _LEFT_OUT)


def _value(data: object, name: str, camel: str, *, required: bool = False) -> Any:
    value = getattr(data, name)
    if value is UNSET:
        return i.UNSET
    if value is None and required:
        raise InvalidInput(
            f"fields.{camel} cannot be cleared: give a value or leave it out to keep it",
            field=[*_FIELDS, camel],
        )
    return value


def _designation(value: strawberry.ID | None, camel: str, refs: Any) -> Any:
    if value is UNSET:
        return i.UNSET
    if value is None:
        return None
    if refs is not None:
        return refs(value, "Designation", [*_FIELDS, camel])
    return row_id_of(value, "Designation", [*_FIELDS, camel], kind="designation")


def _provenance(data: Any) -> dict[str, Any]:
    return {
        "verification": i.UNSET if data.verification is UNSET else data.verification,
        "sources": None if data.sources is UNSET else source_inputs(data.sources),
        "source_ids": None
        if data.source_ids is UNSET
        else source_ids(data.source_ids, [*_FIELDS, "sourceIds"]),
    }


@strawberry.input(description="The fields of a designation to change; those left out stay.")
class DesignationPatchInput:
    subject: str | None = keep("Subject code (MLA, EXTRADITION, …).")
    direction: Direction | None = keep("Requests it receives, sends, or both.")
    provision: strawberry.ID | None = keep("The `id` of the provision it was notified under.")
    stage: str | None = keep("Procedural stage code.")
    matter: str | None = keep("Matter code (TAX, …).")
    territory: str | None = keep("Alpha-3 code of a territory of the authority's State.")
    subdivision: str | None = keep("ISO 3166-2 code, e.g. GB-SCT.")
    residual: bool | None = keep("Also serves subjects with no designation.")
    priority: int | None = keep("Lower = preferred among matches.")
    designated_under: str | None = keep("The national law or act it was designated under.")
    notes: str | None = keep("Free text for senders.")
    instrument: str | None = keep("Instrument code its basis condition is about.")
    measure: str | None = keep("Measure code (SERVICE_OF_DOCUMENTS, …): only for that measure.")
    requesting: str | None = keep("Alpha-3 code of the only requesting State (not with a group).")
    requesting_group: str | None = keep("Code of the only group of requesting States.")
    basis_condition: BasisCondition | None = keep(
        "Its condition on the legal basis, about `instrument` (NO_TREATY: none)."
    )
    sources: list[FactSourceInput] | None = keep(SOURCES)
    source_ids: list[strawberry.ID] | None = keep(SOURCE_IDS)
    verification: Verification | None = keep(VERIFICATION)


@strawberry.input(description="The fields of a channel rule to change; those left out stay.")
class ChannelRulePatchInput:
    channel: str | None = keep("Channel kind code (DIPLOMATIC, INTERPOL, …).")
    permission: ChannelPermission | None = keep("Accepted, required or refused.")
    designation: strawberry.ID | None = keep(
        "The `id` of a designation of the jurisdiction to narrow the rule to."
    )
    subject: str | None = keep("Subject code (MLA, EXTRADITION, …).")
    instrument: str | None = keep("Instrument code: the rule holds under it only.")
    urgent_only: bool | None = keep("For urgent requests only.")
    prior_agreement_required: bool | None = keep("Only where the States agreed to it.")
    written_confirmation_required: bool | None = keep("To be confirmed in writing.")
    original_to_follow: bool | None = keep("The original must follow by post.")
    original_within_days: int | None = keep("Within how many days the original must follow.")
    preference: int | None = keep("Lower = preferred.")
    condition: str | None = keep("A condition in words, when the rule holds only under it.")
    measure: str | None = keep("Measure code (SERVICE_OF_DOCUMENTS, …): only for that measure.")
    requesting: str | None = keep("Alpha-3 code of the only requesting State (not with a group).")
    requesting_group: str | None = keep("Code of the only group of requesting States.")
    basis_condition: BasisCondition | None = keep(
        "Its condition on the legal basis, about `instrument` (NO_TREATY: none)."
    )
    sources: list[FactSourceInput] | None = keep(SOURCES)
    source_ids: list[strawberry.ID] | None = keep(SOURCE_IDS)
    verification: Verification | None = keep(VERIFICATION)


@strawberry.input(description="The fields of a language rule to change; those left out stay.")
class LanguageRulePatchInput:
    language: str | None = keep("ISO 639 code of the language accepted.")
    designation: strawberry.ID | None = keep(
        "The `id` of a designation of the jurisdiction to narrow the rule to."
    )
    subject: str | None = keep("Subject code (MLA, EXTRADITION, …).")
    instrument: str | None = keep("Instrument code: the rule holds under it only.")
    preference: int | None = keep("Lower = preferred.")
    condition: str | None = keep("A condition in words, when the rule holds only under it.")
    basis_condition: BasisCondition | None = keep(
        "Its condition on the legal basis, about `instrument` (NO_TREATY: none)."
    )
    notification: strawberry.ID | None = keep(
        "The `id` of the art. 18(14) notification whose language list the rule carries "
        "(the secretariat's)."
    )
    sources: list[FactSourceInput] | None = keep(SOURCES)
    source_ids: list[strawberry.ID] | None = keep(SOURCE_IDS)
    verification: Verification | None = keep(VERIFICATION)


def _scope(data: Any) -> dict[str, Any]:
    return {
        "measure": _value(data, "measure", "measure"),
        "requesting": _value(data, "requesting", "requesting"),
        "requesting_group": _value(data, "requesting_group", "requestingGroup"),
        "basis_condition": _value(data, "basis_condition", "basisCondition"),
    }


def designation_patch(data: DesignationPatchInput) -> i.DesignationFields:
    provision = data.provision
    return i.DesignationFields(
        subject=_value(data, "subject", "subject", required=True),
        direction=_value(data, "direction", "direction", required=True),
        provision_id=i.UNSET
        if provision is UNSET
        else None
        if provision is None
        else row_id_of(provision, "Provision", [*_FIELDS, "provision"], kind="provision"),
        stage=_value(data, "stage", "stage"),
        matter=_value(data, "matter", "matter"),
        territory=_value(data, "territory", "territory"),
        subdivision=_value(data, "subdivision", "subdivision"),
        residual=_value(data, "residual", "residual", required=True),
        priority=_value(data, "priority", "priority", required=True),
        designated_under=_value(data, "designated_under", "designatedUnder"),
        notes=_value(data, "notes", "notes"),
        instrument=_value(data, "instrument", "instrument"),
        **_scope(data),
        **_provenance(data),
    )


def channel_rule_patch(data: ChannelRulePatchInput, refs: Any = None) -> i.ChannelRuleFields:
    return i.ChannelRuleFields(
        channel=_value(data, "channel", "channel", required=True),
        permission=_value(data, "permission", "permission", required=True),
        designation_id=_designation(data.designation, "designation", refs),
        subject=_value(data, "subject", "subject"),
        instrument=_value(data, "instrument", "instrument"),
        urgent_only=_value(data, "urgent_only", "urgentOnly", required=True),
        prior_agreement_required=_value(
            data, "prior_agreement_required", "priorAgreementRequired", required=True
        ),
        written_confirmation_required=_value(
            data, "written_confirmation_required", "writtenConfirmationRequired", required=True
        ),
        original_to_follow=_value(data, "original_to_follow", "originalToFollow", required=True),
        original_within_days=_value(data, "original_within_days", "originalWithinDays"),
        preference=_value(data, "preference", "preference", required=True),
        condition=_value(data, "condition", "condition"),
        **_scope(data),
        **_provenance(data),
    )


def language_rule_patch(
    data: LanguageRulePatchInput, notification_id: Any = UNSET, refs: Any = None
) -> i.LanguageRuleFields:
    """``notification_id``: the row id the caller found for ``notification`` (left out:
    unchanged)."""
    return i.LanguageRuleFields(
        language=_value(data, "language", "language", required=True),
        designation_id=_designation(data.designation, "designation", refs),
        subject=_value(data, "subject", "subject"),
        instrument=_value(data, "instrument", "instrument"),
        preference=_value(data, "preference", "preference", required=True),
        condition=_value(data, "condition", "condition"),
        basis_condition=_value(data, "basis_condition", "basisCondition"),
        notification_id=i.UNSET if notification_id is UNSET else notification_id,
        **_provenance(data),
    )
