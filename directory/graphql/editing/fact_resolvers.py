"""Mutations on treaty facts (secretariat only): ``setNotification`` and ``setParticipation``.

Same contract as ``directory.graphql.editing.resolvers``: bad values come back as ``userErrors``,
refusals (UNAUTHENTICATED, FORBIDDEN naming the permission) as errors; the mutation
commits its own work (``directory.graphql.writes.mutate``). Enumerated values are GraphQL
enums, so a bad one is refused by validation before any resolver runs.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import strawberry

from directory.audit.services import revision_view
from directory.editing import facts
from directory.enums import (
    ConsentType,
    ExtraditionBasis,
    NotificationStatus,
    Verification,
)
from directory.graphql.audit.types import Revision
from directory.graphql.context import Info
from directory.graphql.editing.sources import FactSourceInput, source_inputs
from directory.graphql.editing.types import WriteStatus, client_mutation_id
from directory.graphql.treaties.fact_types import Notification, Participation
from directory.graphql.writes import CLIENT_MUTATION_ID, UserError, echo, input_argument, mutate


@strawberry.input(
    description="A State's notification under one provision of an instrument, with its "
    "sources; replaces the one stored for the same jurisdiction, instrument and article."
)
class SetNotificationInput:
    jurisdiction: str = strawberry.field(description="ISO 3166-1 alpha-3 code.")
    instrument: str = strawberry.field(description="Instrument code, e.g. UNTOC.")
    article: str = strawberry.field(description="Provision notified under, e.g. 16(5).")
    status: NotificationStatus = strawberry.field(
        description="NOTIFIED, NOT_NOTIFIED (the State was asked or had to and did not), or "
        "UNKNOWN."
    )
    sources: list[FactSourceInput] = strawberry.field(
        description="Where the notification is recorded: at least one."
    )
    extradition_basis: ExtraditionBasis | None = strawberry.field(
        default=None, description="Only with status NOTIFIED."
    )
    condition: str | None = strawberry.field(
        default=None,
        description="A condition the State attached (e.g. reciprocity), in the words of "
        "the notification.",
    )
    summary: str | None = strawberry.field(
        default=None, description="What was notified, in one or two sentences."
    )
    notified_on: dt.date | None = strawberry.field(
        default=None, description="The day the depositary received it; null if unknown."
    )
    depositary_reference: str | None = strawberry.field(
        default=None, description="The depositary notification's symbol, e.g. C.N.123.2004."
    )
    verification: Verification = strawberry.field(
        default=Verification.OFFICIAL,
        description="How the fact was checked: OFFICIAL when read in an official source.",
    )
    languages: list[str] | None = strawberry.field(
        default=None,
        description="Under a provision about languages (18(14)): the languages notified, ISO "
        "639 codes, preferred first; replaces the list (each becomes a language rule of the "
        "notification). Null keeps the list stored.",
    )
    reason: str | None = strawberry.field(
        default=None, description="Why the write is made; kept in the revision."
    )
    client_mutation_id: str | None = client_mutation_id()


@strawberry.input(
    description="A State's participation in an instrument, with its sources; replaces the "
    "one stored for the same jurisdiction and instrument."
)
class SetParticipationInput:
    jurisdiction: str = strawberry.field(description="ISO 3166-1 alpha-3 code.")
    instrument: str = strawberry.field(description="Instrument code, e.g. UNTOC.")
    sources: list[FactSourceInput] = strawberry.field(
        description="Where the participation is recorded (the depositary's status table, "
        "the State's own record): at least one."
    )
    signed_on: dt.date | None = strawberry.field(
        default=None, description="The day the State signed; null if it did not or if unknown."
    )
    consent_on: dt.date | None = strawberry.field(
        default=None,
        description="The day the State deposited its consent to be bound (ratification, "
        "accession, …); null if it has not, or with `partyDateUnknown`.",
    )
    consent_type: ConsentType | None = strawberry.field(
        default=None, description="How the State consented to be bound."
    )
    party_date_unknown: bool = strawberry.field(
        default=False,
        description="A party whose consent date is not known: give consentType without consentOn.",
    )
    status_as_of: dt.date | None = strawberry.field(
        default=None, description="The newest status date the sources state."
    )
    territorial_application: str | None = strawberry.field(
        default=None,
        description="To which territories the State extended or did not extend the "
        "instrument, in the words of its declaration.",
    )
    verification: Verification = strawberry.field(
        default=Verification.OFFICIAL,
        description="How the fact was checked: OFFICIAL when read in an official source.",
    )
    reason: str | None = strawberry.field(
        default=None, description="Why the write is made; kept in the revision."
    )
    client_mutation_id: str | None = client_mutation_id()


_STATUS = "APPLIED (always: the secretariat's writes apply at once); null when refused."
_REVISION = "The revision that records the write."
_USER_ERRORS = "Why the input was refused (then nothing was written); empty otherwise."


@strawberry.type(description="The answer of `setNotification`.")
class SetNotificationPayload:
    status: WriteStatus | None = strawberry.field(default=None, description=_STATUS)
    notification: Notification | None = strawberry.field(
        default=None, description="The notification as written."
    )
    revision: Revision | None = strawberry.field(default=None, description=_REVISION)
    user_errors: list[UserError] = strawberry.field(default_factory=list, description=_USER_ERRORS)
    client_mutation_id: str | None = strawberry.field(default=None, description=CLIENT_MUTATION_ID)


@strawberry.type(description="The answer of `setParticipation`.")
class SetParticipationPayload:
    status: WriteStatus | None = strawberry.field(default=None, description=_STATUS)
    participation: Participation | None = strawberry.field(
        default=None, description="The participation as written."
    )
    revision: Revision | None = strawberry.field(default=None, description=_REVISION)
    user_errors: list[UserError] = strawberry.field(default_factory=list, description=_USER_ERRORS)
    client_mutation_id: str | None = strawberry.field(default=None, description=CLIENT_MUTATION_ID)


@strawberry.type
class FactMutation:
    @strawberry.mutation(
        description="Secretariat: create or replace a notification (by jurisdiction, "
        "instrument and article); applied at once and audited."
    )
    async def set_notification(
        self, info: Info, input: Annotated[SetNotificationInput, input_argument()]
    ) -> SetNotificationPayload:
        change = facts.SetNotification(
            jurisdiction=input.jurisdiction,
            instrument=input.instrument,
            article=input.article,
            status=input.status,
            sources=source_inputs(input.sources) or [],
            extradition_basis=input.extradition_basis,
            condition=input.condition,
            summary=input.summary,
            notified_on=input.notified_on,
            depositary_reference=input.depositary_reference,
            verification=input.verification,
            languages=input.languages,
        )
        return await mutate(
            info,
            lambda session, caller: facts.set_notification(
                session, caller, change, reason=input.reason
            ),
            answer=lambda done: SetNotificationPayload(
                status=WriteStatus.APPLIED,
                notification=Notification.from_row(done.entity),
                revision=_revision(info, done),
                client_mutation_id=echo(input),
            ),
            refused=lambda errors: SetNotificationPayload(
                user_errors=errors, client_mutation_id=echo(input)
            ),
        )

    @strawberry.mutation(
        description="Secretariat: create or replace a participation (by jurisdiction and "
        "instrument); applied at once and audited."
    )
    async def set_participation(
        self, info: Info, input: Annotated[SetParticipationInput, input_argument()]
    ) -> SetParticipationPayload:
        change = facts.SetParticipation(
            jurisdiction=input.jurisdiction,
            instrument=input.instrument,
            sources=source_inputs(input.sources) or [],
            signed_on=input.signed_on,
            consent_on=input.consent_on,
            consent_type=input.consent_type,
            party_date_unknown=input.party_date_unknown,
            status_as_of=input.status_as_of,
            territorial_application=input.territorial_application,
            verification=input.verification,
        )
        return await mutate(
            info,
            lambda session, caller: facts.set_participation(
                session, caller, change, reason=input.reason
            ),
            answer=lambda done: SetParticipationPayload(
                status=WriteStatus.APPLIED,
                participation=Participation.from_row(done.entity),
                revision=_revision(info, done),
                client_mutation_id=echo(input),
            ),
            refused=lambda errors: SetParticipationPayload(
                user_errors=errors, client_mutation_id=echo(input)
            ),
        )


def _revision(info: Info, done: facts.FactOutcome[Any]) -> Revision:
    return Revision.from_view(revision_view(done.revision, info.context.caller()))
