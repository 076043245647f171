"""Rate limits in the API: who the caller is, and the extension that charges each operation.

The budgets themselves are ``directory.ratelimits.RateLimits`` (in ``Context.rate_limits``);
here is only how a request is mapped onto them:

- the **caller** is the token when the request authenticated, else the client address;
- the **client address** is the TCP peer, or, only when the peer is one of
  ``DIRECTORY_TRUSTED_PROXIES``, the nearest untrusted hop of ``X-Forwarded-For`` (read from
  the right: the hops left of it were written by the client and could be anything). IPv6
  addresses count per /64, the block one host usually holds.
"""

from __future__ import annotations

import ipaddress
from collections.abc import AsyncIterator, Sequence

from graphql import ExecutionResult, GraphQLError
from starlette.requests import HTTPConnection
from strawberry.extensions import SchemaExtension

from directory.config import IPNetwork
from directory.errors import RateLimited

_IP = ipaddress.IPv4Address | ipaddress.IPv6Address


def client_address(request: HTTPConnection, trusted: Sequence[IPNetwork]) -> str:
    """The client's address as a rate-limit key (``203.0.113.7``, ``2001:db8:1:2::/64``)."""
    peer = request.client.host if request.client else ""
    peer_ip = _ip(peer)
    if peer_ip is None:
        return peer[:64] or "unknown"  # not an IP (a test transport's name): as it is
    if _trusted(peer_ip, trusted):
        hops = [
            hop.strip()
            for value in request.headers.getlist("x-forwarded-for")
            for hop in value.split(",")
        ]
        for hop in reversed(hops):
            hop_ip = _ip(hop)
            if hop_ip is None:
                break  # a trusted proxy writes addresses: anything else is not evidence
            if not _trusted(hop_ip, trusted):
                return _key(hop_ip)
    return _key(peer_ip)


def _ip(text: str) -> _IP | None:
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _trusted(ip: _IP, trusted: Sequence[IPNetwork]) -> bool:
    return any(ip in network for network in trusted)


def _key(ip: _IP) -> str:
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


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
