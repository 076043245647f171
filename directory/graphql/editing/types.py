"""GraphQL inputs and payloads of the write API (one ``input`` per mutation)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry
from strawberry.scalars import JSON

from directory.enums import ContactKind
from directory.graphql.authorities.types import Authority
from directory.graphql.writes import UserError


@strawberry.input
class NameInput:
    language: str
    name: str
    is_original: bool = False


@strawberry.input
class ContactInput:
    kind: ContactKind
    value: str
    label: str | None = None
    restricted: bool = True


@strawberry.input
class CreateAuthorityInput:
    jurisdiction: str
    names: list[NameInput]
    street_address: str | None = None
    city: str | None = None
    postal_code: str | None = None
    website: str | None = None
    time_zone: str | None = None
    contacts: list[ContactInput] = strawberry.field(default_factory=list)
    notes: str | None = None
    reason: str | None = None


@strawberry.input(description="Fields left out are unchanged; an empty string clears one.")
class UpdateAuthorityInput:
    authority: strawberry.ID
    expected_version: int
    names: list[NameInput] | None = None
    street_address: str | None = None
    city: str | None = None
    postal_code: str | None = None
    website: str | None = None
    time_zone: str | None = None
    contacts: list[ContactInput] | None = None
    notes: str | None = None
    reason: str | None = None


@strawberry.input
class RetireAuthorityInput:
    authority: strawberry.ID
    expected_version: int
    reason: str | None = None


@strawberry.input
class ReviewInput:
    change_request: int
    reason: str | None = None


@strawberry.input
class ConfirmEntriesInput:
    jurisdiction: str


@strawberry.type
class ChangeRequestType:
    id: int
    kind: str
    status: str
    jurisdiction_id: int
    authority_id: int | None
    base_version: int | None
    payload: JSON
    note: str | None
    submitted_by: str
    submitted_at: dt.datetime
    reviewed_by: str | None
    reviewed_at: dt.datetime | None
    review_reason: str | None

    @classmethod
    def from_row(cls, row: Any) -> ChangeRequestType:
        return cls(
            id=row.id,
            kind=row.kind,
            status=row.status.value,
            jurisdiction_id=row.jurisdiction_id,
            authority_id=row.authority_id,
            base_version=row.base_version,
            payload=row.payload,
            note=row.note,
            submitted_by=row.submitted_by,
            submitted_at=row.submitted_at,
            reviewed_by=row.reviewed_by,
            reviewed_at=row.reviewed_at,
            review_reason=row.review_reason,
        )


@strawberry.type
class WritePayload:
    """``status`` APPLIED or PENDING (waiting for review); ``userErrors`` when the input
    had bad values (then nothing was written)."""

    status: str | None = None
    authority: Authority | None = None
    change_request: ChangeRequestType | None = None
    user_errors: list[UserError] = strawberry.field(default_factory=list)


@strawberry.type
class ConfirmEntriesPayload:
    confirmed: int = 0
    user_errors: list[UserError] = strawberry.field(default_factory=list)
