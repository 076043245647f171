"""Thin resolvers of the write API: arguments → editing services → payloads.

Refused values come back as ``userErrors``; UNAUTHENTICATED and FORBIDDEN are errors with
their ``extensions.code``. Every mutation commits its own work in one write transaction of
the request's session and answers from the rows it wrote: ``directory.graphql.writes.mutate``.
The input's global IDs become row ids inside that transaction, so a bad one is a
``userErrors`` entry too.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any, TypeVar

import strawberry
from strawberry import UNSET

from directory.editing import inputs as i
from directory.editing import review, services
from directory.editing.freshness import confirm_entries
from directory.editing.models import ChangeStatus
from directory.graphql.authorities.resolvers import authority_id_of
from directory.graphql.authorities.types import Authority
from directory.graphql.context import Info
from directory.graphql.editing.payloads import (
    ApproveChangeRequestPayload,
    ConfirmEntriesPayload,
    CreateAuthorityPayload,
    Payload,
    RejectChangeRequestPayload,
    RetireAuthorityPayload,
    UpdateAuthorityPayload,
)
from directory.graphql.editing.sources import source_ids, source_inputs
from directory.graphql.editing.types import (
    ChangeRequest,
    ConfirmEntriesInput,
    ContactInput,
    CreateAuthorityInput,
    NameInput,
    RetireAuthorityInput,
    ReviewInput,
    UpdateAuthorityInput,
    WriteStatus,
)
from directory.graphql.nodes import row_id_of
from directory.graphql.pagination import first_argument, paged
from directory.graphql.writes import REFUSALS, echo, input_argument, mutate, user_errors
from directory.pages import CHANGE_REQUESTS

P = TypeVar("P", bound=Payload)


async def write(
    info: Info,
    payload: type[P],
    change: Callable[[], Awaitable[i.Change]],
    input: object,
    reason: str | None,
    *,
    existing: Callable[[i.Change], int | None] | None = None,
) -> P:
    """Submit one change to an authority, its designations or rules (applied or pending).
    ``change`` builds it, turning the input's global IDs into row ids before the write
    begins (a bad one is refused without taking the write lock); ``existing`` names the row
    id of the object it changes, shown as it is now while the change awaits review."""
    try:
        made = await change()
    except REFUSALS as exc:
        return payload(user_errors=user_errors(exc), client_mutation_id=echo(input))

    def answer(outcome: services.Outcome) -> P:
        filled: P = payload(client_mutation_id=echo(input)).filled(
            outcome, existing=existing(made) if existing is not None else None
        )
        return filled

    return await mutate(
        info,
        lambda session, caller: services.submit(
            session, caller, made, settings=info.context.settings, reason=reason
        ),
        answer=answer,
        refused=lambda errors: payload(user_errors=errors, client_mutation_id=echo(input)),
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


def _text(value: str | None) -> str | None:
    """Left out: unchanged (None for the service); null: cleared ("")."""
    if value is UNSET:
        return None
    return "" if value is None else value


def _listed(value: list[Any] | None) -> list[Any] | None:
    if value is UNSET:
        return None
    return [] if value is None else value


async def update_authority_change(info: Info, input: UpdateAuthorityInput) -> i.UpdateAuthority:
    """``updateAuthority``'s input as a change: left out = unchanged, null = cleared."""
    names = _listed(input.names)
    return i.UpdateAuthority(
        authority_id=await authority_id_of(info, input.authority),
        expected_version=input.expected_version,
        names=_names(names),
        street_address=_text(input.street_address),
        city=_text(input.city),
        postal_code=_text(input.postal_code),
        website=_text(input.website),
        time_zone=_text(input.time_zone),
        contacts=_contacts(_listed(input.contacts)),
        notes=_text(input.notes),
        verification=None if input.verification is UNSET else input.verification,
        sources=None if input.sources is UNSET else source_inputs(input.sources),
        source_ids=None
        if input.source_ids is UNSET
        else source_ids(input.source_ids, ["input", "sourceIds"]),
    )


def _change_request_id(input: ReviewInput) -> int:
    return row_id_of(
        input.change_request, "ChangeRequest", ["input", "changeRequest"], kind="change request"
    )


@strawberry.type
class EditingMutation:
    @strawberry.mutation(description="Create an authority (reviewed when a State editor asks).")
    async def create_authority(
        self, info: Info, input: Annotated[CreateAuthorityInput, input_argument()]
    ) -> CreateAuthorityPayload:
        async def change() -> i.Change:
            return i.CreateAuthority(
                jurisdiction=input.jurisdiction,
                names=_names(input.names) or [],
                street_address=input.street_address,
                city=input.city,
                postal_code=input.postal_code,
                website=input.website,
                time_zone=input.time_zone,
                contacts=_contacts(input.contacts) or [],
                notes=input.notes,
                verification=input.verification,
                sources=source_inputs(input.sources) or [],
                source_ids=source_ids(input.source_ids, ["input", "sourceIds"]) or [],
            )

        return await write(info, CreateAuthorityPayload, change, input, input.reason)

    @strawberry.mutation(description="Change an authority; name the version you read.")
    async def update_authority(
        self, info: Info, input: Annotated[UpdateAuthorityInput, input_argument()]
    ) -> UpdateAuthorityPayload:
        async def change() -> i.Change:
            return await update_authority_change(info, input)

        return await write(info, UpdateAuthorityPayload, change, input, input.reason)

    @strawberry.mutation(description="Retire an authority (never deleted).")
    async def retire_authority(
        self, info: Info, input: Annotated[RetireAuthorityInput, input_argument()]
    ) -> RetireAuthorityPayload:
        async def change() -> i.Change:
            return i.RetireAuthority(
                authority_id=await authority_id_of(info, input.authority),
                expected_version=input.expected_version,
            )

        return await write(info, RetireAuthorityPayload, change, input, input.reason)

    @strawberry.mutation(description="Secretariat: apply a pending change request.")
    async def approve_change_request(
        self, info: Info, input: Annotated[ReviewInput, input_argument()]
    ) -> ApproveChangeRequestPayload:
        try:
            request_id = _change_request_id(input)
        except REFUSALS as exc:
            return ApproveChangeRequestPayload(
                user_errors=user_errors(exc), client_mutation_id=echo(input)
            )
        return await mutate(
            info,
            lambda session, caller: review.approve(
                session, caller, request_id, reason=input.reason
            ),
            answer=lambda outcome: ApproveChangeRequestPayload(
                client_mutation_id=echo(input)
            ).filled(outcome),
            refused=lambda errors: ApproveChangeRequestPayload(
                user_errors=errors, client_mutation_id=echo(input)
            ),
        )

    @strawberry.mutation(description="Secretariat: reject a pending change request, with a reason.")
    async def reject_change_request(
        self, info: Info, input: Annotated[ReviewInput, input_argument()]
    ) -> RejectChangeRequestPayload:
        try:
            request_id = _change_request_id(input)
        except REFUSALS as exc:
            return RejectChangeRequestPayload(
                user_errors=user_errors(exc), client_mutation_id=echo(input)
            )
        return await mutate(
            info,
            lambda session, caller: review.reject(
                session, caller, request_id, reason=input.reason or ""
            ),
            answer=lambda row: RejectChangeRequestPayload(
                status=WriteStatus.REJECTED,
                change_request=ChangeRequest.from_row(row),
                client_mutation_id=echo(input),
            ),
            refused=lambda errors: RejectChangeRequestPayload(
                user_errors=errors, client_mutation_id=echo(input)
            ),
        )

    @strawberry.mutation(description="Confirm that every active entry of a jurisdiction is right.")
    async def confirm_entries(
        self, info: Info, input: Annotated[ConfirmEntriesInput, input_argument()]
    ) -> ConfirmEntriesPayload:
        return await mutate(
            info,
            lambda session, caller: confirm_entries(session, caller, input.jurisdiction),
            answer=lambda done: ConfirmEntriesPayload(
                confirmed=len(done),
                authorities=[Authority.from_row(a) for a in done],
                client_mutation_id=echo(input),
            ),
            refused=lambda errors: ConfirmEntriesPayload(
                user_errors=errors, client_mutation_id=echo(input)
            ),
        )


@strawberry.type
class EditingQuery:
    @paged(
        CHANGE_REQUESTS,
        "Change requests, oldest first: all for reviewers, their own for State editors.",
    )
    async def change_requests(
        self,
        info: Info,
        pending_only: Annotated[
            bool,
            strawberry.argument(
                description="true (the default): only requests awaiting review; false: "
                "reviewed ones too."
            ),
        ] = True,
        first: Annotated[int, first_argument(CHANGE_REQUESTS)] = CHANGE_REQUESTS.default,
    ) -> list[ChangeRequest]:
        CHANGE_REQUESTS.check(first)
        rows = await review.change_requests(
            info.context.session,
            info.context.caller(),
            status=ChangeStatus.PENDING if pending_only else None,
            first=first,
        )
        return [ChangeRequest.from_row(r) for r in rows]
