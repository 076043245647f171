"""Mutations on instruments and provisions (secretariat only): ``createInstrument``,
``updateInstrument``, ``createProvision``, ``updateProvision``.

Same contract as ``directory.graphql.editing.fact_resolvers``: applied at once with a
revision, bad values as ``userErrors``, refusals (UNAUTHENTICATED, FORBIDDEN naming
``directory:instrument:write``) as errors. Instruments are named by their global ID (its
key is the code) once they exist; a new one is given its code.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, TypeVar

import strawberry

from directory.audit.services import revision_view
from directory.editing import instruments as services
from directory.enums import ProvisionKind
from directory.graphql.audit.types import Revision
from directory.graphql.context import Info
from directory.graphql.editing.sources import FactSourceInput, source_inputs
from directory.graphql.editing.types import WriteStatus, client_mutation_id
from directory.graphql.nodes import key_of, row_id_of
from directory.graphql.treaties.types import Instrument, Provision
from directory.graphql.writes import (
    CLIENT_MUTATION_ID,
    REFUSALS,
    UserError,
    echo,
    input_argument,
    mutate,
    user_errors,
)
from directory.treaties import models as tm

_SOURCES = "Where it was read (the treaty's text, the depositary's page): at least one."
_SOURCES_UPDATE = "Replaces what it cites; null keeps its sources."
_REASON = "Why the write is made; kept in the revision."
_UNCHANGED = " Null: unchanged."
_SUPPLEMENTS = "The `id` of the convention a protocol supplements."
_CHAPTER = "Its place in the UN Treaty Collection (e.g. XVIII-12)."
_DAYS = "Days after a later consent until it binds that party (UNTOC art. 38(2): 30)."
_SUBJECT = "Subject code (MLA, EXTRADITION, …) it concerns; none: general."


@strawberry.input(description="A treaty the directory does not hold yet, with its sources.")
class CreateInstrumentInput:
    code: str = strawberry.field(description="Upper case, stable: ETS182, UNCAC, …")
    short_title: str = strawberry.field(description="Short English title.")
    title: str = strawberry.field(description="Full English title.")
    sources: list[FactSourceInput] = strawberry.field(description=_SOURCES)
    depositary_chapter: str | None = strawberry.field(default=None, description=_CHAPTER)
    supplements: strawberry.ID | None = strawberry.field(default=None, description=_SUPPLEMENTS)
    adopted_on: dt.date | None = strawberry.field(default=None, description="Day of adoption.")
    entry_into_force_on: dt.date | None = strawberry.field(
        default=None, description="Day it entered into force; null when not (yet) known."
    )
    days_to_entry_into_force: int | None = strawberry.field(default=None, description=_DAYS)
    reason: str | None = strawberry.field(default=None, description=_REASON)
    client_mutation_id: str | None = client_mutation_id()


@strawberry.input(description="An instrument's fields to change; those left out are unchanged.")
class UpdateInstrumentInput:
    instrument: strawberry.ID = strawberry.field(description="The instrument's `id`.")
    short_title: str | None = strawberry.field(default=None, description="Short English title.")
    title: str | None = strawberry.field(default=None, description="Full English title.")
    depositary_chapter: str | None = strawberry.field(
        default=None, description=_CHAPTER + _UNCHANGED
    )
    supplements: strawberry.ID | None = strawberry.field(
        default=None, description=_SUPPLEMENTS + _UNCHANGED
    )
    adopted_on: dt.date | None = strawberry.field(default=None, description="Day of adoption.")
    entry_into_force_on: dt.date | None = strawberry.field(
        default=None, description="Day it entered into force."
    )
    days_to_entry_into_force: int | None = strawberry.field(default=None, description=_DAYS)
    sources: list[FactSourceInput] | None = strawberry.field(
        default=None, description=_SOURCES_UPDATE
    )
    reason: str | None = strawberry.field(default=None, description=_REASON)
    client_mutation_id: str | None = client_mutation_id()


@strawberry.input(description="An article of an instrument that States notify under.")
class CreateProvisionInput:
    instrument: strawberry.ID = strawberry.field(description="The instrument's `id`.")
    article: str = strawberry.field(description="As cited: 18(13), 16(5), 27(1)(b).")
    kind: ProvisionKind = strawberry.field(description="What States notify under it.")
    summary: str = strawberry.field(description="What it asks of States, in English.")
    sources: list[FactSourceInput] = strawberry.field(description=_SOURCES)
    subject: str | None = strawberry.field(default=None, description=_SUBJECT)
    reason: str | None = strawberry.field(default=None, description=_REASON)
    client_mutation_id: str | None = client_mutation_id()


@strawberry.input(description="A provision's fields to change; those left out are unchanged.")
class UpdateProvisionInput:
    provision: strawberry.ID = strawberry.field(description="The provision's `id`.")
    article: str | None = strawberry.field(default=None, description="As cited: 18(13).")
    kind: ProvisionKind | None = strawberry.field(default=None, description="What is notified.")
    summary: str | None = strawberry.field(default=None, description="What it asks of States.")
    subject: str | None = strawberry.field(default=None, description=_SUBJECT + _UNCHANGED)
    sources: list[FactSourceInput] | None = strawberry.field(
        default=None, description=_SOURCES_UPDATE
    )
    reason: str | None = strawberry.field(default=None, description=_REASON)
    client_mutation_id: str | None = client_mutation_id()


_STATUS = "APPLIED (the secretariat's writes apply at once); null when refused."
_REVISION = "The revision that records the write."
_USER_ERRORS = "Why the input was refused (then nothing was written); empty otherwise."


@strawberry.type
class _InstrumentAnswer:
    status: WriteStatus | None = strawberry.field(default=None, description=_STATUS)
    instrument: Instrument | None = strawberry.field(
        default=None, description="The instrument as written."
    )
    revision: Revision | None = strawberry.field(default=None, description=_REVISION)
    user_errors: list[UserError] = strawberry.field(default_factory=list, description=_USER_ERRORS)
    client_mutation_id: str | None = strawberry.field(default=None, description=CLIENT_MUTATION_ID)


@strawberry.type
class _ProvisionAnswer:
    status: WriteStatus | None = strawberry.field(default=None, description=_STATUS)
    provision: Provision | None = strawberry.field(
        default=None, description="The provision as written."
    )
    revision: Revision | None = strawberry.field(default=None, description=_REVISION)
    user_errors: list[UserError] = strawberry.field(default_factory=list, description=_USER_ERRORS)
    client_mutation_id: str | None = strawberry.field(default=None, description=CLIENT_MUTATION_ID)


@strawberry.type(description="The answer of `createInstrument`.")
class CreateInstrumentPayload(_InstrumentAnswer):
    pass


@strawberry.type(description="The answer of `updateInstrument`.")
class UpdateInstrumentPayload(_InstrumentAnswer):
    pass


@strawberry.type(description="The answer of `createProvision`.")
class CreateProvisionPayload(_ProvisionAnswer):
    pass


@strawberry.type(description="The answer of `updateProvision`.")
class UpdateProvisionPayload(_ProvisionAnswer):
    pass


def _code(global_id: str | None, field: str) -> str | None:
    return None if global_id is None else key_of(global_id, "Instrument", ["input", field])


P = TypeVar(
    "P",
    CreateInstrumentPayload,
    UpdateInstrumentPayload,
    CreateProvisionPayload,
    UpdateProvisionPayload,
)


async def _write(
    info: Info,
    payload: type[P],
    input: Any,
    build: Callable[[], Any],
    call: Callable[..., Awaitable[services.TreatyOutcome]],
) -> P:
    """Turn the input's IDs into keys (a bad one is a user error before any write), then
    write and answer."""
    try:
        change = build()
    except REFUSALS as exc:
        return payload(user_errors=user_errors(exc), client_mutation_id=echo(input))

    def answer(done: services.TreatyOutcome) -> P:
        revision = Revision.from_view(revision_view(done.revision, info.context.caller()))
        answered = payload(status=WriteStatus.APPLIED, revision=revision)
        answered.client_mutation_id = echo(input)
        # the payload's one object field: each payload type has the one its row needs
        if isinstance(done.entity, tm.Instrument):
            setattr(answered, "instrument", Instrument.from_row(done.entity))  # noqa: B010
        else:
            setattr(answered, "provision", Provision.from_row(done.entity))  # noqa: B010
        return answered

    return await mutate(
        info,
        lambda session, caller: call(session, caller, change, reason=input.reason),
        answer=answer,
        refused=lambda errors: payload(user_errors=errors, client_mutation_id=echo(input)),
    )


@strawberry.type
class InstrumentMutation:
    @strawberry.mutation(
        description="Secretariat: add an instrument (a treaty the directory did not hold), "
        "with its sources; applied at once and audited."
    )
    async def create_instrument(
        self, info: Info, input: Annotated[CreateInstrumentInput, input_argument()]
    ) -> CreateInstrumentPayload:
        return await _write(
            info,
            CreateInstrumentPayload,
            input,
            lambda: services.CreateInstrument(
                code=input.code,
                short_title=input.short_title,
                title=input.title,
                sources=source_inputs(input.sources) or [],
                depositary_chapter=input.depositary_chapter,
                supplements=_code(input.supplements, "supplements"),
                adopted_on=input.adopted_on,
                entry_into_force_on=input.entry_into_force_on,
                days_to_entry_into_force=input.days_to_entry_into_force,
            ),
            services.create_instrument,
        )

    @strawberry.mutation(
        description="Secretariat: change an instrument's fields (those given); applied at "
        "once and audited."
    )
    async def update_instrument(
        self, info: Info, input: Annotated[UpdateInstrumentInput, input_argument()]
    ) -> UpdateInstrumentPayload:
        return await _write(
            info,
            UpdateInstrumentPayload,
            input,
            lambda: services.UpdateInstrument(
                code=key_of(input.instrument, "Instrument", ["input", "instrument"]),
                short_title=input.short_title,
                title=input.title,
                depositary_chapter=input.depositary_chapter,
                supplements=_code(input.supplements, "supplements"),
                adopted_on=input.adopted_on,
                entry_into_force_on=input.entry_into_force_on,
                days_to_entry_into_force=input.days_to_entry_into_force,
                sources=source_inputs(input.sources),
            ),
            services.update_instrument,
        )

    @strawberry.mutation(
        description="Secretariat: add a provision (article, kind, subject) to an instrument; "
        "applied at once and audited."
    )
    async def create_provision(
        self, info: Info, input: Annotated[CreateProvisionInput, input_argument()]
    ) -> CreateProvisionPayload:
        return await _write(
            info,
            CreateProvisionPayload,
            input,
            lambda: services.CreateProvision(
                instrument=key_of(input.instrument, "Instrument", ["input", "instrument"]),
                article=input.article,
                kind=input.kind,
                summary=input.summary,
                sources=source_inputs(input.sources) or [],
                subject=input.subject,
            ),
            services.create_provision,
        )

    @strawberry.mutation(
        description="Secretariat: change a provision's fields (those given); applied at once "
        "and audited."
    )
    async def update_provision(
        self, info: Info, input: Annotated[UpdateProvisionInput, input_argument()]
    ) -> UpdateProvisionPayload:
        return await _write(
            info,
            UpdateProvisionPayload,
            input,
            lambda: services.UpdateProvision(
                provision_id=row_id_of(
                    input.provision, "Provision", ["input", "provision"], kind="provision"
                ),
                article=input.article,
                kind=input.kind,
                summary=input.summary,
                subject=input.subject,
                sources=source_inputs(input.sources),
            ),
            services.update_provision,
        )
