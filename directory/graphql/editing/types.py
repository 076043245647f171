"""GraphQL inputs of the authority writes and of the review, the ``ChangeRequest`` type, and
the write vocabularies (``WriteStatus``, ``ChangeRequestStatus``, ``ChangeKind``).

Every mutation takes one ``input`` (with a ``clientMutationId``) and answers its own
payload (``directory.graphql.editing.payloads``).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from directory.editing.inputs import BATCH, payload_items, ref_index
from directory.editing.models import ChangeRequest as ChangeRequestRow
from directory.editing.validation import graphql_name
from directory.enums import ContactKind, Verification
from directory.graphql.audit.snapshots import REFS, Ref, public_json
from directory.graphql.authorities.types import Authority
from directory.graphql.context import Info
from directory.graphql.editing.patches import keep
from directory.graphql.editing.sources import SOURCE_IDS, SOURCES, VERIFICATION, FactSourceInput
from directory.graphql.enums import describe
from directory.graphql.loaders import referenced
from directory.graphql.nodes import load_nodes, row_id, to_global_id
from directory.graphql.treaties.jurisdiction_types import Jurisdiction
from directory.graphql.writes import CLIENT_MUTATION_ID


def client_mutation_id() -> Any:
    """The ``clientMutationId`` input field every mutation's input has."""
    return strawberry.field(default=None, description=CLIENT_MUTATION_ID)


class WriteStatus(StrEnum):
    APPLIED = "APPLIED"
    PENDING_REVIEW = "PENDING_REVIEW"
    REJECTED = "REJECTED"
    CONFLICT = "CONFLICT"


describe(
    WriteStatus,
    "What became of a write.",
    {
        WriteStatus.APPLIED: "Written now, and in the history.",
        WriteStatus.PENDING_REVIEW: "Kept as a change request until the secretariat approves "
        "or rejects it.",
        WriteStatus.REJECTED: "The change request was rejected; nothing was written.",
        WriteStatus.CONFLICT: "Not applied: a field the change request changes was changed "
        "since it was made; the request, marked CONFLICT, lists them with their current "
        "values, for its editor to resubmit.",
    },
)


class ChangeRequestStatus(StrEnum):
    PENDING = "PENDING"
    APPLIED = "APPLIED"
    REJECTED = "REJECTED"
    CONFLICT = "CONFLICT"


describe(
    ChangeRequestStatus,
    "Where a change request stands.",
    {
        ChangeRequestStatus.PENDING: "Waiting for the secretariat.",
        ChangeRequestStatus.APPLIED: "Approved and written.",
        ChangeRequestStatus.REJECTED: "Rejected, with a reason.",
        ChangeRequestStatus.CONFLICT: "Returned to its editor: a field it changes was changed "
        "since it was made (`conflicts`); nothing of it was applied.",
    },
)


class ChangeKind(StrEnum):
    CHANGES = "CHANGES"
    CREATE_AUTHORITY = "CREATE_AUTHORITY"
    UPDATE_AUTHORITY = "UPDATE_AUTHORITY"
    RETIRE_AUTHORITY = "RETIRE_AUTHORITY"
    CREATE_DESIGNATION = "CREATE_DESIGNATION"
    UPDATE_DESIGNATION = "UPDATE_DESIGNATION"
    REMOVE_DESIGNATION = "REMOVE_DESIGNATION"
    CREATE_CHANNEL_RULE = "CREATE_CHANNEL_RULE"
    UPDATE_CHANNEL_RULE = "UPDATE_CHANNEL_RULE"
    REMOVE_CHANNEL_RULE = "REMOVE_CHANNEL_RULE"
    CREATE_LANGUAGE_RULE = "CREATE_LANGUAGE_RULE"
    UPDATE_LANGUAGE_RULE = "UPDATE_LANGUAGE_RULE"
    REMOVE_LANGUAGE_RULE = "REMOVE_LANGUAGE_RULE"
    CREATE_REQUIREMENT = "CREATE_REQUIREMENT"
    UPDATE_REQUIREMENT = "UPDATE_REQUIREMENT"
    REMOVE_REQUIREMENT = "REMOVE_REQUIREMENT"


describe(
    ChangeKind,
    "The write a change request holds: the mutation it came from.",
    {
        ChangeKind.CHANGES: "`proposeChanges`: several changes, applied together.",
        ChangeKind.CREATE_AUTHORITY: "`createAuthority`.",
        ChangeKind.UPDATE_AUTHORITY: "`updateAuthority`.",
        ChangeKind.RETIRE_AUTHORITY: "`retireAuthority`.",
        ChangeKind.CREATE_DESIGNATION: "`createDesignation`.",
        ChangeKind.UPDATE_DESIGNATION: "`updateDesignation`.",
        ChangeKind.REMOVE_DESIGNATION: "`removeDesignation`.",
        ChangeKind.CREATE_CHANNEL_RULE: "`createChannelRule`.",
        ChangeKind.UPDATE_CHANNEL_RULE: "`updateChannelRule`.",
        ChangeKind.REMOVE_CHANNEL_RULE: "`removeChannelRule`.",
        ChangeKind.CREATE_LANGUAGE_RULE: "`createLanguageRule`.",
        ChangeKind.UPDATE_LANGUAGE_RULE: "`updateLanguageRule`.",
        ChangeKind.REMOVE_LANGUAGE_RULE: "`removeLanguageRule`.",
        ChangeKind.CREATE_REQUIREMENT: "`createRequirement`.",
        ChangeKind.UPDATE_REQUIREMENT: "`updateRequirement`.",
        ChangeKind.REMOVE_REQUIREMENT: "`removeRequirement`.",
    },
)


@strawberry.input(description="A name of the authority in one language.")
class NameInput:
    language: str = strawberry.field(description="ISO 639 code of the name's language.")
    name: str = strawberry.field(description="The name, as the authority writes it.")
    is_original: bool = strawberry.field(
        default=False, description="The name in the authority's own language."
    )


@strawberry.input(description="A phone, fax, e-mail address or contact person.")
class ContactInput:
    kind: ContactKind = strawberry.field(description="What the value is.")
    value: str = strawberry.field(
        description="Phones and faxes become E.164; e-mail addresses are normalised."
    )
    label: str | None = strawberry.field(
        default=None, description="What it is for (e.g. urgent requests)."
    )
    restricted: bool = strawberry.field(
        default=True,
        description="Shown only to practitioners, the State's editors and the secretariat.",
    )


@strawberry.input(description="A new authority of a jurisdiction.")
class CreateAuthorityInput:
    jurisdiction: str = strawberry.field(description="ISO 3166-1 alpha-3 code.")
    names: list[NameInput] = strawberry.field(description="At least one name.")
    street_address: str | None = strawberry.field(default=None, description="Postal address.")
    city: str | None = strawberry.field(default=None, description="City of the address.")
    postal_code: str | None = strawberry.field(default=None, description="Postal code.")
    website: str | None = strawberry.field(default=None, description="An http(s) URL.")
    time_zone: str | None = strawberry.field(
        default=None, description="IANA time zone, e.g. Europe/Paris."
    )
    contacts: list[ContactInput] = strawberry.field(
        default_factory=list, description="Its phones, faxes, e-mail addresses, contacts."
    )
    notes: str | None = strawberry.field(default=None, description="Free text for senders.")
    sources: list[FactSourceInput] = strawberry.field(default_factory=list, description=SOURCES)
    source_ids: list[strawberry.ID] = strawberry.field(default_factory=list, description=SOURCE_IDS)
    verification: Verification | None = strawberry.field(default=None, description=VERIFICATION)
    reason: str | None = strawberry.field(default=None, description="Why, for the history.")
    client_mutation_id: str | None = client_mutation_id()


@strawberry.input(description="Fields left out are unchanged; null or an empty string clears one.")
class UpdateAuthorityInput:
    authority: strawberry.ID = strawberry.field(description="The authority's `id`.")
    expected_version: int = strawberry.field(description="The `version` you read.")
    names: list[NameInput] | None = keep("Replaces every name.")
    street_address: str | None = keep("Postal address.")
    city: str | None = keep("City of the address.")
    postal_code: str | None = keep("Postal code.")
    website: str | None = keep("An http(s) URL.")
    time_zone: str | None = keep("IANA time zone, e.g. Europe/Paris.")
    contacts: list[ContactInput] | None = keep("Replaces every contact; null or [] removes all.")
    notes: str | None = keep("Free text for senders.")
    sources: list[FactSourceInput] | None = keep(SOURCES)
    source_ids: list[strawberry.ID] | None = keep(SOURCE_IDS)
    verification: Verification | None = keep(VERIFICATION)
    reason: str | None = strawberry.field(default=None, description="Why, for the history.")
    client_mutation_id: str | None = client_mutation_id()


@strawberry.input(description="An authority to retire (it is kept, never deleted).")
class RetireAuthorityInput:
    authority: strawberry.ID = strawberry.field(description="The authority's `id`.")
    expected_version: int = strawberry.field(description="The `version` you read.")
    reason: str | None = strawberry.field(default=None, description="Why, for the history.")
    client_mutation_id: str | None = client_mutation_id()


@strawberry.input(description="A pending change request to approve or reject.")
class ReviewInput:
    change_request: strawberry.ID = strawberry.field(description="The change request's `id`.")
    reason: str | None = strawberry.field(
        default=None, description="Why; required to reject (the editor reads it)."
    )
    client_mutation_id: str | None = client_mutation_id()


@strawberry.input(description="A jurisdiction whose active entries are confirmed.")
class ConfirmEntriesInput:
    jurisdiction: str = strawberry.field(description="ISO 3166-1 alpha-3 code.")
    client_mutation_id: str | None = client_mutation_id()


# The references a change's input holds, beside those of the snapshots: ``rule_id`` names a
# channel or a language rule depending on the change.
_RULE_OF = {
    ChangeKind.UPDATE_CHANNEL_RULE: "ChannelRule",
    ChangeKind.REMOVE_CHANNEL_RULE: "ChannelRule",
    ChangeKind.UPDATE_LANGUAGE_RULE: "LanguageRule",
    ChangeKind.REMOVE_LANGUAGE_RULE: "LanguageRule",
}


@strawberry.type(
    description="A State editor's write, kept until the secretariat applies or rejects it. "
    "Seen by reviewers, and by the editors of its jurisdiction."
)
class ChangeRequest(relay.Node):
    row: strawberry.Private[ChangeRequestRow]
    kind: ChangeKind = strawberry.field(description="The write it holds.")
    status: ChangeRequestStatus = strawberry.field(description="Where it stands.")
    base_version: int | None = strawberry.field(
        description="The authority's version the editor read. Approval merges the fields "
        "the request changes onto the authority as it is then, and conflicts only when one "
        "of them moved (see `conflicts`)."
    )
    note: str | None = strawberry.field(description="The editor's reason.")
    submitted_by: str = strawberry.field(description="role:token name of the editor.")
    submitted_at: dt.datetime = strawberry.field(description="When it was submitted (UTC).")
    reviewed_by: str | None = strawberry.field(description="role:token name of the reviewer.")
    reviewed_at: dt.datetime | None = strawberry.field(description="When it was reviewed.")
    review_reason: str | None = strawberry.field(description="The reviewer's reason.")

    @classmethod
    def from_row(cls, row: ChangeRequestRow) -> ChangeRequest:
        return cls(
            row=row,
            kind=ChangeKind(row.kind),
            status=ChangeRequestStatus(row.status.value),
            base_version=row.base_version,
            note=row.note,
            submitted_by=row.submitted_by,
            submitted_at=row.submitted_at,
            reviewed_by=row.reviewed_by,
            reviewed_at=row.reviewed_at,
            review_reason=row.review_reason,
        )

    @classmethod
    def resolve_id(cls, root: ChangeRequest, *, info: Info) -> str:
        return str(root.row.id)

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Any, required: bool = False) -> list[Any]:
        ids = [row_id(i) for i in node_ids]
        return await load_nodes(cls, info.context.change_request_by_id, ids)

    @strawberry.field(description="The jurisdiction whose entry it changes.")
    async def jurisdiction(self, info: Info) -> Jurisdiction:
        loader = info.context.loaders.jurisdiction_by_id
        return Jurisdiction.from_row(await referenced(loader, self.row.jurisdiction_id))

    @strawberry.field(
        description="The authority it changes, as it is now; null for a new authority or a "
        "rule of a whole jurisdiction."
    )
    async def authority(self, info: Info) -> Authority | None:
        if self.row.authority_id is None:
            return None
        row = await info.context.loaders.authority_by_id.load(self.row.authority_id)
        return None if row is None else Authority.from_row(row)

    @strawberry.field(
        description="The write as submitted: the mutation's input in camelCase, with global "
        "IDs (`authority`, `designation`, `rule`, `provision`); an update holds only the "
        "fields it changes. A `proposeChanges` request (kind CHANGES): "
        '`{"changes": [{"kind": …, "input": …}, …]}`, where an object created by an earlier '
        "change of the request is named `change:N` (N its index)."
    )
    async def payload(self, info: Info) -> JSON:
        items = [await _public_item(info, item) for item in payload_items(self.row.payload)]
        if self.row.kind == BATCH:
            return JSON({"changes": items})
        return JSON(items[0]["input"])

    @strawberry.field(
        description="CONFLICT: each field changed since the request was made, with the "
        "value it had then, its current value and the proposed one; empty otherwise."
    )
    def conflicts(self) -> list[ChangeConflict]:
        return [ChangeConflict.from_json(c) for c in self.row.conflicts or ()]

    @strawberry.field(
        description="Global IDs of what the request created or changed, in the order of its "
        "changes: once APPLIED, every one (fetch them with `nodes(ids:)`); before, those "
        "already known (the objects it changes, a new authority's)."
    )
    def object_ids(self) -> list[strawberry.ID | None]:
        return [object_id(entity, key) for entity, key in self.row.objects or ()]


_TYPE_OF = {
    "authority": "Authority",
    "designation": "Designation",
    "channel_rule": "ChannelRule",
    "language_rule": "LanguageRule",
}


def object_id(entity: str, key: int | str | None) -> strawberry.ID | None:
    if key is None or (isinstance(key, int) and key < 0):
        return None
    return strawberry.ID(to_global_id(_TYPE_OF.get(entity, entity), key))


_PLACEHOLDERS = ("authority_id", "designation_id")


def _placeholders(data: dict[str, Any], out: dict[str, Any]) -> None:
    """Names ``change:N`` for the ids that stand for what change N of the request creates."""
    for key in _PLACEHOLDERS:
        value = data.get(key)
        index = ref_index(value) if isinstance(value, int) else None
        if index is not None:
            out[str(graphql_name(key.removesuffix("_id")))] = f"change:{index}"
    if isinstance(data.get("fields"), dict) and isinstance(out.get("fields"), dict):
        _placeholders(data["fields"], out["fields"])


async def _public_item(info: Info, item: dict[str, Any]) -> dict[str, Any]:
    refs = dict(REFS)
    rule = _RULE_OF.get(ChangeKind(item["kind"]))
    if rule is not None:
        refs["rule_id"] = Ref(rule)
    data = item.get("input", {})
    out = await public_json(info, data, refs=refs)
    _placeholders(data, out)
    return {"kind": item["kind"], "input": out}


@strawberry.type(description="A field that moved between a change request and its review.")
class ChangeConflict:
    change: int = strawberry.field(description="Index of the change in the request (0 first).")
    entity_id: strawberry.ID | None = strawberry.field(
        description="Global ID of the object it changes."
    )
    field: str | None = strawberry.field(
        description="The input field (camelCase); null when the object was removed since."
    )
    base: JSON | None = strawberry.field(description="Its value when the request was made.")
    current: JSON | None = strawberry.field(description="Its value now.")
    proposed: JSON | None = strawberry.field(description="The value the request proposes.")

    @classmethod
    def from_json(cls, c: dict[str, Any]) -> ChangeConflict:
        name = c.get("field")
        return cls(
            change=int(c.get("change", 0)),
            entity_id=object_id(str(c.get("entity")), c.get("entity_id")),
            field=None if name is None else str(graphql_name(name)),
            base=c.get("base"),
            current=c.get("current"),
            proposed=c.get("proposed"),
        )
