"""GraphQL types of the accounts domain: an API token (never its secret), and the caller.

A token is read-only here: the secretariat creates and revokes tokens with the CLI
(``directory token …``). Who may see one is ``directory.accounts.tokens.tokens_by_ids``'s
rule, applied by the request's ``token_by_id`` loader: the secretariat every token, any
other holder its own, the public none.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry
from strawberry import relay

from directory.accounts import models as m
from directory.accounts.permissions import Role
from directory.graphql.context import Info
from directory.graphql.enums import describe
from directory.graphql.loaders import referenced
from directory.graphql.nodes import load_rows
from directory.graphql.treaties.jurisdiction_types import Jurisdiction

describe(
    Role,
    "What a caller may do: the role of the token a request is sent with (PUBLIC without one).",
    {
        Role.PUBLIC: "No token: institutions, addresses, treaty facts, channels, languages.",
        Role.PRACTITIONER: "Also the restricted contact details (phones, faxes, e-mails, "
        "contact persons).",
        Role.STATE_EDITOR: "Bound to one jurisdiction and its territories: writes its "
        "entries (reviewed unless the deployment publishes without review), confirms them, "
        "reads its restricted contacts and its change requests.",
        Role.SECRETARIAT: "Everything, everywhere: reviews change requests, writes treaty "
        "facts, manages tokens.",
    },
)


@strawberry.type(
    description="An API token, as the secretariat manages it: who holds it, with which role, "
    "and when it was created, last used, expires or was revoked. Never the token itself, "
    "which is shown once when it is created and stored only as a hash. Visible to the "
    "secretariat (every token) and to its own holder (`viewer { token }`); to nobody else."
)
class ApiToken(relay.Node):
    row: strawberry.Private[m.ApiToken]
    name: str = strawberry.field(description="The person or tool it was issued to.")
    role: Role = strawberry.field(description="What a request sent with it may do.")
    created_at: dt.datetime = strawberry.field(description="When it was issued (UTC).")
    expires_at: dt.datetime | None = strawberry.field(
        description="When it stops working (UTC); null: it does not expire."
    )
    revoked_at: dt.datetime | None = strawberry.field(
        description="When the secretariat revoked it (UTC); null: not revoked."
    )
    last_used_at: dt.datetime | None = strawberry.field(
        description="When a request last used it (UTC, to the minute); null: never used."
    )

    @classmethod
    def from_row(cls, row: m.ApiToken) -> ApiToken:
        return cls(
            row=row,
            name=row.name,
            role=row.role,
            created_at=row.created_at,
            expires_at=row.expires_at,
            revoked_at=row.revoked_at,
            last_used_at=row.last_used_at,
        )

    @classmethod
    def resolve_id(cls, root: ApiToken, *, info: Info) -> str:
        return str(root.row.id)

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Any, required: bool = False) -> list[Any]:
        return await load_rows(cls, info.context.token_by_id, node_ids)

    @strawberry.field(
        description="The jurisdiction a STATE_EDITOR token is bound to (with its "
        "territories); null for the other roles."
    )
    async def jurisdiction(self, info: Info) -> Jurisdiction | None:
        if self.row.jurisdiction_id is None:
            return None
        loader = info.context.loaders.jurisdiction_by_id
        return Jurisdiction.from_row(await referenced(loader, self.row.jurisdiction_id))


@strawberry.type(description="Who is asking: the role and token the request was sent with.")
class Viewer:
    role: Role = strawberry.field(description="The caller's role; PUBLIC without a token.")
    token_id: strawberry.Private[int | None]
    jurisdiction_code: strawberry.Private[str | None]

    @strawberry.field(
        description="The jurisdiction a STATE_EDITOR may write for (its territories too); "
        "null for the other roles."
    )
    async def jurisdiction(self, info: Info) -> Jurisdiction | None:
        if self.jurisdiction_code is None:
            return None
        row = await info.context.loaders.jurisdiction_by_code.load(self.jurisdiction_code)
        return None if row is None else Jurisdiction.from_row(row)

    @strawberry.field(description="The token the request was sent with; null without one.")
    async def token(self, info: Info) -> ApiToken | None:
        if self.token_id is None:
            return None
        row = await info.context.token_by_id.load(self.token_id)
        return None if row is None else ApiToken.from_row(row)
