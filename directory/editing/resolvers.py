"""Thin resolvers of the write API: arguments → editing services → payloads.

Bad input values come back as ``userErrors``; refusals (UNAUTHENTICATED, FORBIDDEN,
CONFLICT, NOT_FOUND) are errors with their ``extensions.code``. A mutation commits its own
work: the request's session is the transaction.
"""

from __future__ import annotations

import strawberry
from sqlalchemy import select
from strawberry.relay import GlobalID

from directory.accounts.permissions import Principal
from directory.api.context import Context, Info
from directory.audit import services as audit
from directory.audit.types import RevisionType
from directory.authorities.models import Authority as AuthorityRow
from directory.authorities.types import Authority
from directory.editing import inputs as i
from directory.editing import review, services
from directory.editing.freshness import confirm_entries
from directory.editing.models import ChangeStatus
from directory.editing.types import (
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
from directory.errors import InputErrors, InvalidInput, NotFound


def principal(context: Context) -> Principal:
    return context.caller()


async def authority_id_of(info: Info, global_id: str) -> int:
    try:
        key = GlobalID.from_id(global_id).node_id
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
    session = info.context.session
    try:
        outcome = await services.submit(
            session,
            principal(info.context),
            change,
            settings=info.context.settings,
            reason=reason,
        )
    except InvalidInput as exc:
        await session.rollback()
        return WritePayload(user_errors=_errors(exc))
    except Exception:
        await session.rollback()
        raise
    await session.commit()
    return await _payload(info, outcome)


async def _payload(info: Info, outcome: services.Outcome) -> WritePayload:
    authority = None
    if outcome.authority_id is not None:
        row = await info.context.session.get(AuthorityRow, outcome.authority_id)
        authority = Authority.from_row(row) if row is not None else None
    request = outcome.change_request
    return WritePayload(
        status=outcome.status.value,
        authority=authority,
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
        session = info.context.session
        try:
            outcome = await review.approve(
                session, principal(info.context), input.change_request, reason=input.reason
            )
        except InvalidInput as exc:
            await session.rollback()
            return WritePayload(user_errors=_errors(exc))
        except Exception:
            await session.rollback()
            raise
        await session.commit()
        return await _payload(info, outcome)

    @strawberry.mutation(description="Secretariat: reject a pending change request, with a reason.")
    async def reject_change_request(self, info: Info, input: ReviewInput) -> WritePayload:
        session = info.context.session
        try:
            row = await review.reject(
                session, principal(info.context), input.change_request, reason=input.reason or ""
            )
        except InvalidInput as exc:
            await session.rollback()
            return WritePayload(user_errors=_errors(exc))
        except Exception:
            await session.rollback()
            raise
        await session.commit()
        return WritePayload(status=row.status.value, change_request=ChangeRequestType.from_row(row))

    @strawberry.mutation(description="Confirm that every active entry of a jurisdiction is right.")
    async def confirm_entries(
        self, info: Info, input: ConfirmEntriesInput
    ) -> ConfirmEntriesPayload:
        session = info.context.session
        try:
            done = await confirm_entries(session, principal(info.context), input.jurisdiction)
        except Exception:
            await session.rollback()
            raise
        await session.commit()
        return ConfirmEntriesPayload(confirmed=len(done))


@strawberry.type
class EditingQuery:
    @strawberry.field(description="Revisions of an authority, oldest first.")
    async def history(self, info: Info, authority: strawberry.ID) -> list[RevisionType]:
        authority_id = await authority_id_of(info, authority)
        views = await audit.history(info.context.session, principal(info.context), authority_id)
        return [RevisionType.from_view(v) for v in views]

    @strawberry.field(description="Every change after a cursor (a revision id), in order.")
    async def changes(
        self, info: Info, after: int | None = None, first: int = 100
    ) -> list[RevisionType]:
        views = await audit.changes(
            info.context.session, principal(info.context), after=after, first=first
        )
        return [RevisionType.from_view(v) for v in views]

    @strawberry.field(
        description="Change requests: all for reviewers, their own for State editors."
    )
    async def change_requests(
        self, info: Info, pending_only: bool = True
    ) -> list[ChangeRequestType]:
        rows = await review.change_requests(
            info.context.session,
            principal(info.context),
            status=ChangeStatus.PENDING if pending_only else None,
        )
        return [ChangeRequestType.from_row(r) for r in rows]
