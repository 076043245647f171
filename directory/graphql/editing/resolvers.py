"""Thin resolvers of the write API: arguments → editing services → payloads.

Bad input values come back as ``userErrors``; refusals (UNAUTHENTICATED, FORBIDDEN,
CONFLICT, NOT_FOUND) are errors with their ``extensions.code``. Every mutation commits its
own work in one write transaction of the request's session and answers from the rows it
wrote: ``directory.graphql.writes.mutate``.
"""

from __future__ import annotations

import strawberry

from directory.editing import inputs as i
from directory.editing import review, services
from directory.editing.freshness import confirm_entries
from directory.editing.models import ChangeStatus
from directory.graphql.authorities.resolvers import authority_id_of
from directory.graphql.authorities.types import Authority
from directory.graphql.context import Info
from directory.graphql.editing.types import (
    ChangeRequestType,
    ConfirmEntriesInput,
    ConfirmEntriesPayload,
    ContactInput,
    CreateAuthorityInput,
    NameInput,
    RetireAuthorityInput,
    ReviewInput,
    UpdateAuthorityInput,
    WritePayload,
)
from directory.graphql.pagination import paged
from directory.graphql.writes import UserError, mutate
from directory.pages import CHANGE_REQUESTS


async def write(info: Info, change: i.Change, reason: str | None) -> WritePayload:
    """Submit one change to an authority, its designations or rules (applied or pending)."""
    return await mutate(
        info,
        lambda session, caller: services.submit(
            session, caller, change, settings=info.context.settings, reason=reason
        ),
        answer=_payload,
        refused=_refused,
    )


def _refused(errors: list[UserError]) -> WritePayload:
    return WritePayload(user_errors=errors)


def _payload(outcome: services.Outcome) -> WritePayload:
    """The answer, from the rows the write holds: nothing is read after the commit."""
    row, request = outcome.authority, outcome.change_request
    return WritePayload(
        status=outcome.status.value,
        authority=Authority.from_row(row) if row is not None else None,
        change_request=ChangeRequestType.from_row(request) if request is not None else None,
    )


def _contacts(items: list[ContactInput] | None) -> list[i.ContactInput] | None:
    if items is None:
        return None
    return [
        i.ContactInput(kind=c.kind, value=c.value, label=c.label, restricted=c.restricted)
        for c in items
    ]


def _names(items: list[NameInput] | None) -> list[i.NameInput] | None:
    if items is None:
        return None
    return [i.NameInput(language=n.language, name=n.name, is_original=n.is_original) for n in items]


@strawberry.type
class EditingMutation:
    @strawberry.mutation(description="Create an authority (reviewed when a State editor asks).")
    async def create_authority(self, info: Info, input: CreateAuthorityInput) -> WritePayload:
        change = i.CreateAuthority(
            jurisdiction=input.jurisdiction,
            names=_names(input.names) or [],
            street_address=input.street_address,
            city=input.city,
            postal_code=input.postal_code,
            website=input.website,
            time_zone=input.time_zone,
            contacts=_contacts(input.contacts) or [],
            notes=input.notes,
        )
        return await write(info, change, input.reason)

    @strawberry.mutation(description="Change an authority; name the version you read.")
    async def update_authority(self, info: Info, input: UpdateAuthorityInput) -> WritePayload:
        change = i.UpdateAuthority(
            authority_id=await authority_id_of(info, input.authority),
            expected_version=input.expected_version,
            names=_names(input.names),
            street_address=input.street_address,
            city=input.city,
            postal_code=input.postal_code,
            website=input.website,
            time_zone=input.time_zone,
            contacts=_contacts(input.contacts),
            notes=input.notes,
        )
        return await write(info, change, input.reason)

    @strawberry.mutation(description="Retire an authority (never deleted).")
    async def retire_authority(self, info: Info, input: RetireAuthorityInput) -> WritePayload:
        change = i.RetireAuthority(
            authority_id=await authority_id_of(info, input.authority),
            expected_version=input.expected_version,
        )
        return await write(info, change, input.reason)

    @strawberry.mutation(description="Secretariat: apply a pending change request.")
    async def approve_change_request(self, info: Info, input: ReviewInput) -> WritePayload:
        return await mutate(
            info,
            lambda session, caller: review.approve(
                session, caller, input.change_request, reason=input.reason
            ),
            answer=_payload,
            refused=_refused,
        )

    @strawberry.mutation(description="Secretariat: reject a pending change request, with a reason.")
    async def reject_change_request(self, info: Info, input: ReviewInput) -> WritePayload:
        return await mutate(
            info,
            lambda session, caller: review.reject(
                session, caller, input.change_request, reason=input.reason or ""
            ),
            answer=lambda row: WritePayload(
                status=row.status.value, change_request=ChangeRequestType.from_row(row)
            ),
            refused=_refused,
        )

    @strawberry.mutation(description="Confirm that every active entry of a jurisdiction is right.")
    async def confirm_entries(
        self, info: Info, input: ConfirmEntriesInput
    ) -> ConfirmEntriesPayload:
        return await mutate(
            info,
            lambda session, caller: confirm_entries(session, caller, input.jurisdiction),
            answer=lambda done: ConfirmEntriesPayload(confirmed=len(done)),
            # a malformed jurisdiction code has always been a BAD_USER_INPUT error here
            refused=None,
        )


@strawberry.type
class EditingQuery:
    @paged(
        CHANGE_REQUESTS,
        "Change requests, oldest first: all for reviewers, their own for State editors.",
    )
    async def change_requests(
        self, info: Info, pending_only: bool = True, first: int = CHANGE_REQUESTS.default
    ) -> list[ChangeRequestType]:
        CHANGE_REQUESTS.check(first)
        rows = await review.change_requests(
            info.context.session,
            info.context.caller(),
            status=ChangeStatus.PENDING if pending_only else None,
            first=first,
        )
        return [ChangeRequestType.from_row(r) for r in rows]
