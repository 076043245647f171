"""The typed request context every resolver receives (``info.context``), and the ``Info`` alias.

One ``Context`` per HTTP request, built by ``directory.graphql.view.DirectoryGraphQL``: it owns the
request's only session (closed when the response is ready) and the request's DataLoaders.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import strawberry
from starlette.requests import Request
from starlette.responses import Response
from strawberry.dataloader import DataLoader

from directory.accounts import tokens
from directory.accounts.models import ApiToken
from directory.accounts.permissions import ANONYMOUS, Principal
from directory.audit import services as audit
from directory.config import Settings
from directory.db import SerialSession
from directory.editing import review
from directory.editing.models import ChangeRequest
from directory.graphql.loaders import Loaders
from directory.ratelimits import RateLimits


@dataclass
class Context:
    """What a resolver may use. ``principal`` is the authenticated caller (None = anonymous);
    the accounts domain sets it when it authenticates the request."""

    request: Request
    response: Response
    session: SerialSession
    settings: Settings
    loaders: Loaders
    # A bad, expired or revoked token never gets this far: the view refuses the request
    # with 401 (see directory.graphql.view), so every principal here is a valid one.
    principal: Principal | None = None
    # The operation's estimated cost in nodes (see the cost budget), set after validation
    # and before execution; what the rate limiter charges.
    cost: int = 0
    # The app's rate limits, charged by the RateLimit extension; None: no limits.
    rate_limits: RateLimits | None = None
    # A write of this request was committed (directory.graphql.writes): from then on, no answer
    # may ask the client to retry (it would make a duplicate).
    committed: bool = False

    def caller(self) -> Principal:
        """The principal to authorize with: ANONYMOUS without a token."""
        return self.principal or ANONYMOUS

    # The loaders below are bound to the request's caller (a shared one would leak what
    # another caller may see); each is created on first use, since few queries need them.

    @cached_property
    def histories(self) -> DataLoader[tuple[int, int], list[audit.RevisionView]]:
        """Authorities' histories (newest first) by ``(authority id, first)``, one statement
        per batch and page size; restricted contact values redacted for this caller."""
        session, principal = self.session, self.caller()

        async def load(keys: list[tuple[int, int]]) -> list[list[audit.RevisionView]]:
            found: dict[tuple[int, int], list[audit.RevisionView]] = {}
            for first in {first for _, first in keys}:
                ids = [i for i, f in keys if f == first]
                views = await audit.histories(
                    session, principal, ids, newest_first=True, first=first
                )
                found.update({(i, first): views[i] for i in ids})
            return [found[k] for k in keys]

        return DataLoader(load_fn=load)

    @cached_property
    def revision_by_id(self) -> DataLoader[int, audit.RevisionView | None]:
        """Revisions by id, as this caller may see them."""
        session, principal = self.session, self.caller()

        async def load(keys: list[int]) -> list[audit.RevisionView | None]:
            found = {v.id: v for v in await audit.revisions_by_ids(session, principal, keys)}
            return [found.get(k) for k in keys]

        return DataLoader(load_fn=load)

    @cached_property
    def change_request_by_id(self) -> DataLoader[int, ChangeRequest | None]:
        """Change requests by id, None for those this caller may not see (reviewers see
        all; State editors those of their jurisdictions)."""
        session, principal = self.session, self.caller()

        async def load(keys: list[int]) -> list[ChangeRequest | None]:
            rows = await review.change_requests_by_ids(session, principal, keys)
            found = {r.id: r for r in rows}
            return [found.get(k) for k in keys]

        return DataLoader(load_fn=load)

    @cached_property
    def token_by_id(self) -> DataLoader[int, ApiToken | None]:
        """API tokens by id, None for those this caller may not see (the secretariat sees
        all; any other holder only its own; the public none)."""
        session, principal = self.session, self.caller()

        async def load(keys: list[int]) -> list[ApiToken | None]:
            found = {t.id: t for t in await tokens.tokens_by_ids(session, principal, keys)}
            return [found.get(k) for k in keys]

        return DataLoader(load_fn=load)


Info = strawberry.Info[Context, None]
