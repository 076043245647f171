"""Failed sign-ins count against DIRECTORY_AUTH_FAILURE_LIMIT per client address, the API's
proxy-aware address (``directory.edge.clients``): past the limit the form answers 429 with
Retry-After, even for a valid token, and other addresses are still served."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from directory.accounts.permissions import Role
from directory.app import create_app
from directory.config import Settings
from directory.db import SerialSession
from directory.ratelimits import RateLimits
from directory.web.session import COOKIE
from tests.web.conftest import csrf_of, token

LIMIT = 3


@pytest.fixture
async def throttled(
    database_url_raw: str, engine: Any, sessionmaker: Any
) -> AsyncIterator[httpx.AsyncClient]:
    # behind a proxy the app trusts: the ASGI transport's peer is 127.0.0.1
    settings = Settings.from_env(
        {
            "DATABASE_URL": database_url_raw,
            "DIRECTORY_AUTH_FAILURE_LIMIT": str(LIMIT),
            "DIRECTORY_TRUSTED_PROXIES": "127.0.0.1",
        }
    )
    # a key prefix of this test's own, so no other test's failures count
    limits = RateLimits(
        points_per_minute=0,
        auth_failures_per_minute=LIMIT,
        key_prefix=f"signin-{secrets.token_hex(4)}",
    )
    app = create_app(settings, engine=engine, sessionmaker=sessionmaker, rate_limits=limits)
    transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://directory.test") as c:
        yield c
    await limits.aclose()


async def _attempt(client: httpx.AsyncClient, raw: str, address: str) -> httpx.Response:
    headers = {"x-forwarded-for": address}
    form = await client.get("/en/sign-in", headers=headers)
    return await client.post(
        "/en/sign-in",
        data={"csrf": csrf_of(form.text), "token": raw},
        headers=headers,
    )


async def test_sign_in_failures_reach_the_limit_and_are_refused(
    throttled: httpx.AsyncClient, session: SerialSession
) -> None:
    good = await token(session, Role.PRACTITIONER)
    for _ in range(LIMIT):
        assert (await _attempt(throttled, "dcna_" + "x" * 43, "203.0.113.7")).status_code == 401
    # then the address is refused, a valid token included, with the time to wait
    refused = await _attempt(throttled, good, "203.0.113.7")
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert not any(c.startswith(f"{COOKIE}=") for c in refused.headers.get_list("set-cookie"))
    # another client behind the same proxy is its own address, and still signs in
    assert (await _attempt(throttled, good, "198.51.100.20")).status_code == 303
