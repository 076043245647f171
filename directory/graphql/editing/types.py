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

from directory.editing.models import ChangeRequest as ChangeRequestRow
from directory.enums import ContactKind, Verification
from directory.graphql.audit.snapshots import REFS, Ref, public_json
from directory.graphql.authorities.types import Authority
from directory.graphql.context import Info
from directory.graphql.editing.sources import SOURCE_IDS, SOURCES, VERIFICATION, FactSourceInput
from directory.graphql.enums import describe
from directory.graphql.loaders import referenced
from directory.graphql.nodes import load_nodes, row_id
from directory.graphql.treaties.jurisdiction_types import Jurisdiction
from directory.graphql.writes import CLIENT_MUTATION_ID


def client_mutation_id() -> Any:
    """The ``clientMutationId`` input field every mutation's input has."""
    return strawberry.field(default=None, description=CLIENT_MUTATION_ID)


class WriteStatus(StrEnum):
    APPLIED = "APPLIED"
    PENDING_REVIEW = "PENDING_REVIEW"
    REJECTED = "REJECTED"


describe(
    WriteStatus,
    "What became of a write.",
    {
        WriteStatus.APPLIED: "Written now, and in the history.",
        WriteStatus.PENDING_REVIEW: "Kept as a change request until the secretariat approves "
        "or rejects it.",
        WriteStatus.REJECTED: "The change request was rejected; nothing was written.",
    },
)


class ChangeRequestStatus(StrEnum):
    PENDING = "PENDING"
    APPLIED = "APPLIED"
    REJECTED = "REJECTED"


describe(
    ChangeRequestStatus,
    "Where a change request stands.",
    {
        ChangeRequestStatus.PENDING: "Waiting for the secretariat.",
        ChangeRequestStatus.APPLIED: "Approved and written.",
        ChangeRequestStatus.REJECTED: "Rejected, with a reason.",
    },
)


class ChangeKind(StrEnum):
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


describe(
    ChangeKind,
    "The write a change request holds: the mutation it came from.",
    {
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


@strawberry.input(description="Fields left out are unchanged; an empty string clears one.")
class UpdateAuthorityInput:
    authority: strawberry.ID = strawberry.field(description="The authority's `id`.")
    expected_version: int = strawberry.field(description="The `version` you read.")
    names: list[NameInput] | None = strawberry.field(
        default=None, description="Replaces every name."
    )
    street_address: str | None = strawberry.field(default=None, description="Postal address.")
    city: str | None = strawberry.field(default=None, description="City of the address.")
    postal_code: str | None = strawberry.field(default=None, description="Postal code.")
    website: str | None = strawberry.field(default=None, description="An http(s) URL.")
    time_zone: str | None = strawberry.field(
        default=None, description="IANA time zone, e.g. Europe/Paris."
    )
    contacts: list[ContactInput] | None = strawberry.field(
        default=None, description="Replaces every contact."
    )
    notes: str | None = strawberry.field(default=None, description="Free text for senders.")
    sources: list[FactSourceInput] | None = strawberry.field(default=None, description=SOURCES)
    source_ids: list[strawberry.ID] | None = strawberry.field(default=None, description=SOURCE_IDS)
    verification: Verification | None = strawberry.field(default=None, description=VERIFICATION)
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
        description="The authority's version the editor read; approval is refused "
        "(STALE_VERSION) once the authority has moved on."
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
        "IDs (`authority`, `designation`, `rule`, `provision`)."
    )
    async def payload(self, info: Info) -> JSON:
        refs = dict(REFS)
        rule = _RULE_OF.get(ChangeKind(self.row.kind))
        if rule is not None:
            refs["rule_id"] = Ref(rule)
        return JSON(await public_json(info, self.row.payload.get("input", {}), refs=refs))
