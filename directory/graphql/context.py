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

from directory.accounts.permissions import ANONYMOUS, Principal
from directory.config import Settings
from directory.db import SerialSession
from directory.graphql.audit.types import RevisionType, history_loader
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

    @cached_property
    def histories(self) -> DataLoader[tuple[int, int], list[RevisionType]]:
        """Loader of authorities' histories (newest first), bound to this request's caller;
        created on first use, since few queries ask for history."""
        return history_loader(self.session, self.caller())


Info = strawberry.Info[Context, None]
