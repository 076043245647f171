"""Thin resolvers of the write API: arguments → editing services → payloads.

Bad input values come back as ``userErrors``; refusals (UNAUTHENTICATED, FORBIDDEN,
CONFLICT, NOT_FOUND) are errors with their ``extensions.code``. A mutation commits its own
work in one write transaction of the request's session (``directory.graphql.writes``), and
answers from the rows it wrote.
"""

from __future__ import annotations

import strawberry
from sqlalchemy import select
from strawberry.relay import GlobalID

from directory.accounts.permissions import Principal
from directory.audit import services as audit
from directory.authorities.models import Authority as AuthorityRow
from directory.editing import inputs as i
from directory.editing import review, services
from directory.editing.freshness import confirm_entries
from directory.editing.models import ChangeStatus
from directory.errors import InputErrors, InvalidInput, NotFound
from directory.graphql.audit.types import RevisionType
from directory.graphql.authorities.types import Authority
from directory.graphql.context import Context, Info
from directory.graphql.editing.types import (
    ChangeRequestType,
    ConfirmEntriesInput,
    ConfirmEntriesPayload,
    CreateAuthorityInput,
    RetireAuthorityInput,
    ReviewInput,
    UpdateAuthorityInput,
    UserError,
    WritePayload,
)
from directory.graphql.nodes import text_key
from directory.graphql.pagination import paged
from directory.graphql.writes import committed
from directory.pages import CHANGE_REQUESTS, FEED, HISTORY


def principal(context: Context) -> Principal:
    return context.caller()


async def authority_id_of(info: Info, global_id: str) -> int:
    try:
        key = GlobalID.from_id(global_id).node_id
        if text_key(key) is None:
            raise ValueError(key)
    except Exception:  # any malformed ID is the caller's mistake, whatever it raises
        raise InvalidInput(
            f"{global_id!r} is not an authority ID: pass an `id` returned by this API",
            field=["input", "authority"],
        ) from None
    found = await info.context.session.scalar(
        select(AuthorityRow.id).where(AuthorityRow.key == key)
    )
    if found is None:
        raise NotFound("authority", global_id)
    return found


def _errors(exc: InvalidInput) -> list[UserError]:
    problems = exc.problems if isinstance(exc, InputErrors) else [exc]
    return [UserError.from_error(p) for p in problems]


async def write(info: Info, change: i.Change, reason: str | None) -> WritePayload:
    context, caller = info.context, principal(info.context)  # refused before any lock
    try:
        outcome = await committed(
            context,
            lambda: services.submit(
                context.session,
                caller,
                change,
                settings=context.settings,
                reason=reason,
            ),
        )
    except InvalidInput as exc:
        return WritePayload(user_errors=_errors(exc))
    return _payload(outcome)


def _payload(outcome: services.Outcome) -> WritePayload:
    """The answer, from the rows the write holds: nothing is read after the commit."""
    row, request = outcome.authority, outcome.change_request
    return WritePayload(
        status=outcome.status.value,
        authority=Authority.from_row(row) if row is not None else None,
        change_request=ChangeRequestType.from_row(request) if request is not None else None,
    )


def _contacts(items: list | None) -> list[i.ContactInput] | None:
    if items is None:
        return None
    return [
        i.ContactInput(kind=c.kind, value=c.value, label=c.label, restricted=c.restricted)
        for c in items
    ]


def _names(items: list | None) -> list[i.NameInput] | None:
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
        context, caller = info.context, principal(info.context)
        try:
            outcome = await committed(
                context,
                lambda: review.approve(
                    context.session, caller, input.change_request, reason=input.reason
                ),
            )
        except InvalidInput as exc:
            return WritePayload(user_errors=_errors(exc))
        return _payload(outcome)

    @strawberry.mutation(description="Secretariat: reject a pending change request, with a reason.")
    async def reject_change_request(self, info: Info, input: ReviewInput) -> WritePayload:
        context, caller = info.context, principal(info.context)
        try:
            row = await committed(
                context,
                lambda: review.reject(
                    context.session,
                    caller,
                    input.change_request,
                    reason=input.reason or "",
                ),
            )
        except InvalidInput as exc:
            return WritePayload(user_errors=_errors(exc))
        return WritePayload(status=row.status.value, change_request=ChangeRequestType.from_row(row))

    @strawberry.mutation(description="Confirm that every active entry of a jurisdiction is right.")
    async def confirm_entries(
        self, info: Info, input: ConfirmEntriesInput
    ) -> ConfirmEntriesPayload:
        context, caller = info.context, principal(info.context)
        done = await committed(
            context, lambda: confirm_entries(context.session, caller, input.jurisdiction)
        )
        return ConfirmEntriesPayload(confirmed=len(done))


@strawberry.type
class EditingQuery:
    @paged(HISTORY, "Revisions of an authority, oldest first (later ones: `changes`).")
    async def history(
        self, info: Info, authority: strawberry.ID, first: int = HISTORY.default
    ) -> list[RevisionType]:
        HISTORY.check(first)
        authority_id = await authority_id_of(info, authority)
        views = await audit.history(
            info.context.session, principal(info.context), authority_id, first=first
        )
        return [RevisionType.from_view(v) for v in views]

    @paged(FEED, "Every change after a cursor (a revision id), in order.")
    async def changes(
        self, info: Info, after: int | None = None, first: int = FEED.default
    ) -> list[RevisionType]:
        views = await audit.changes(
            info.context.session, principal(info.context), after=after, first=first
        )
        return [RevisionType.from_view(v) for v in views]

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
            principal(info.context),
            status=ChangeStatus.PENDING if pending_only else None,
            first=first,
        )
        return [ChangeRequestType.from_row(r) for r in rows]
