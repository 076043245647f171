"""Root field ``viewer``: who is asking."""

from __future__ import annotations

import strawberry

from directory.graphql.accounts.types import Viewer
from directory.graphql.context import Info


@strawberry.type
class AccountsQuery:
    @strawberry.field(
        description="Who is asking: the role, the jurisdiction of a State editor, and the "
        "token the request was sent with (never its secret). Answers for the public too "
        "(role PUBLIC, no token)."
    )
    def viewer(self, info: Info) -> Viewer:
        principal = info.context.caller()
        return Viewer(
            role=principal.role,
            token_id=principal.token_id,
            jurisdiction_code=principal.jurisdiction_code,
        )
