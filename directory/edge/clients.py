"""Who the client is, as a rate-limit key: the one rule both surfaces (API and pages) use.

The **client address** is the TCP peer, or, only when the peer is one of
``DIRECTORY_TRUSTED_PROXIES``, the nearest untrusted hop of ``X-Forwarded-For`` (read from the
right: the hops left of it were written by the client and could be anything). IPv6 addresses
count per /64, the block one host usually holds.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

from starlette.requests import HTTPConnection

from directory.config import IPNetwork

__all__ = ["client_address"]

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
