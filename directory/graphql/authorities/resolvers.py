"""Root fields of the authorities domain: arguments → service → types."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import strawberry
from strawberry import relay

from directory.authorities import models as m
from directory.authorities import services
from directory.enums import AuthorityStatus
from directory.errors import InvalidInput, NotFound
from directory.graphql.authorities.rule_types import ChannelKind
from directory.graphql.authorities.types import Authority, Matter, ProceduralStage
from directory.graphql.context import Info
from directory.graphql.nodes import key_of, text_key
from directory.graphql.pagination import (
    Connection,
    after_argument,
    connection,
    decode_cursor,
    first_argument,
)
from directory.pages import CONNECTION
from directory.treaties.services import vocabulary


async def authority_id_of(
    info: Info, global_id: str, *, field: Sequence[str | int] = ("input", "authority")
) -> int:
    """The row id of the authority a global ID names: InvalidId when it is not an
    authority's ID, NotFound (naming ``field``) when no authority has it."""
    key = key_of(global_id, "Authority", field)
    found = await info.context.loaders.authority_by_key.load(key)
    if found is None:
        raise NotFound("authority", global_id, field=field)
    return found.id


@strawberry.input(description="Which authorities to list; every filter given must hold.")
class AuthorityFilter:
    jurisdiction: str | None = strawberry.field(
        default=None,
        description="ISO 3166-1 alpha-3 code, any case: only its authorities "
        "(BAD_USER_INPUT when not three letters).",
    )
    include_territories: bool = strawberry.field(
        default=False,
        description="With `jurisdiction`: also its territories' authorities (default false).",
    )
    subject: str | None = strawberry.field(
        default=None, description="Subject code (MLA, …): only those designated for it."
    )
    instrument: str | None = strawberry.field(
        default=None,
        description="Instrument code (UNTOC, …): only those designated under one of its "
        "provisions, or whose jurisdiction (or the jurisdiction's State) consented to it.",
    )
    language: str | None = strawberry.field(
        default=None,
        description="ISO 639 code (fr, any case): only those for which a language rule "
        "that applies accepts it.",
    )
    channel: str | None = strawberry.field(
        default=None,
        description="Channel kind code (EMAIL, …): only those with a rule of that channel "
        "that is not NOT_ACCEPTED.",
    )
    status: AuthorityStatus | None = strawberry.field(
        default=None, description="Only active, or only retired, authorities."
    )


def _authority_key(global_id: str) -> str:
    try:
        parsed = relay.GlobalID.from_id(global_id)
    except Exception:
        parsed = None
    if parsed is None or parsed.type_name != "Authority" or text_key(parsed.node_id) is None:
        raise InvalidInput(
            f"id {global_id!r} is not an Authority ID: pass the `id` of an Authority "
            "returned by this API",
            field=["id"],
            value=global_id,
        )
    return parsed.node_id


@strawberry.type
class AuthoritiesQuery:
    @strawberry.field(description="The authority with this global ID; null when none has it.")
    async def authority(
        self,
        info: Info,
        id: Annotated[
            strawberry.ID,
            strawberry.argument(
                description="An Authority's `id`; BAD_USER_INPUT for an ID of another type."
            ),
        ],
    ) -> Authority | None:
        row = await info.context.loaders.authority_by_key.load(_authority_key(id))
        return Authority.from_row(row) if row is not None else None

    @strawberry.field(
        description="Authorities ordered by key; at most 100 per page.",
        metadata=CONNECTION.metadata,
    )
    async def authorities(
        self,
        info: Info,
        filter: Annotated[
            AuthorityFilter | None,
            strawberry.argument(description="Which ones; none: every authority."),
        ] = None,
        first: Annotated[int, first_argument(CONNECTION)] = CONNECTION.default,
        after: Annotated[str | None, after_argument("authority")] = None,
    ) -> Connection[Authority]:
        f = filter or AuthorityFilter()
        query = services.AuthorityQuery(
            jurisdiction=f.jurisdiction,
            include_territories=f.include_territories,
            subject=f.subject,
            instrument=f.instrument,
            language=f.language,
            channel=f.channel,
            status=f.status,
        )
        page = await services.list_authorities(
            info.context.session, query, first=first, after=decode_cursor("authority", after)
        )
        info.context.loaders.prime_authorities(page.rows)
        return connection(
            "authority", page, key=lambda r: r.key, node=Authority.from_row, after=after
        )

    @strawberry.field(
        description="The vocabulary of ways of transmitting a request, in display order."
    )
    async def channel_kinds(self, info: Info) -> list[ChannelKind]:
        return [
            ChannelKind.from_row(r) for r in await vocabulary(info.context.session, m.ChannelKind)
        ]

    @strawberry.field(
        description="The vocabulary of stages of proceedings that can change the authority, "
        "in display order."
    )
    async def procedural_stages(self, info: Info) -> list[ProceduralStage]:
        rows = await vocabulary(info.context.session, m.ProceduralStage)
        return [ProceduralStage.from_row(r) for r in rows]

    @strawberry.field(
        description="The vocabulary of kinds of case that can change the authority (TAX, …), "
        "in display order."
    )
    async def matters(self, info: Info) -> list[Matter]:
        return [Matter.from_row(r) for r in await vocabulary(info.context.session, m.Matter)]
