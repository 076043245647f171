"""Rate limits in the API: who the caller is, and the extension that charges each operation.

The budgets themselves are ``directory.ratelimits.RateLimits`` (in ``Context.rate_limits``);
here is only how a request is mapped onto them:

- the **caller** is the token when the request authenticated, else the client address;
- the **client address** is ``directory.edge.clients.client_address`` (proxy-aware, IPv6
  per /64), the one the pages' sign-in throttling uses too.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from graphql import ExecutionResult, GraphQLError
from strawberry.extensions import SchemaExtension

from directory.edge.clients import client_address
from directory.errors import RateLimited

__all__ = ["RateLimit", "client_address"]


class RateLimit(SchemaExtension):
    """Charge each operation its estimated cost (``Context.cost``, set by the cost budget
    after validation; at least 1 point) before it executes, or answer ``RATE_LIMITED``
    without executing it. It must come after the cost budget in the schema's extensions.

    A request whose address spent its failed authentications never gets here: the view
    refuses it whole, before looking its token up (``DirectoryGraphQL._authenticate``)."""

    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context.context
        limits = getattr(context, "rate_limits", None)  # None: executed without the view
        refusal = None
        if limits is not None:
            token = getattr(context.principal, "token_id", None)
            if token is not None:
                caller, who = f"token:{token}", "this token"
            else:
                address = client_address(context.request, context.settings.trusted_proxies)
                caller, who = f"address:{address}", "this client address"
            try:
                await limits.charge(caller, context.cost, who=who)
            except RateLimited as exc:
                refusal = exc
        if refusal is not None:
            # A result set before execution makes Strawberry skip it; ErrorCodes then gives
            # the error its code (RATE_LIMITED), and the view answers 429 with Retry-After.
            self.execution_context.result = ExecutionResult(
                data=None, errors=[GraphQLError(refusal.message, original_error=refusal)]
            )
        yield
