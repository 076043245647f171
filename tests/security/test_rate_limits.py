"""Rate limits over HTTP: cost points per token and per address, failed authentications per
address, in memory and in Redis, shared by workers, failing open when the store is down.

Every test builds its own app with small limits; the suite's default ones are far above what
any other test spends. Client addresses are set on the ASGI transport (documentation ranges,
RFC 5737 and RFC 3849): nothing is sent over a network except to the test Redis.

Redis: the ``redis``-marked variants run against ``TEST_REDIS_URL`` (CI sets it), each test
under its own key prefix; without it they are skipped, and under ``CI=true`` they fail.
"""

from __future__ import annotations

import asyncio
import dataclasses
import ipaddress
import logging
import os
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
from limits.aio.storage import RedisStorage
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from starlette.requests import HTTPConnection

from directory.app import create_app
from directory.authorities.models import Authority
from directory.config import Settings
from directory.db import SerialSession
from directory.edge.clients import client_address
from directory.errors import ConfigError, RateLimited
from directory.ratelimits import OPERATION_POINTS, RateLimits
from tests.accounts.factories import BAD_TOKEN, tokens_for
from tests.editing.factories import World, world  # noqa: F401 - the `world` fixture

TRIVIAL = "{ __typename }"
# What the trivial query charges: every operation's fixed points, plus its cost of 1 node
OP = OPERATION_POINTS + 1
ADDRESS_A = "203.0.113.10"
ADDRESS_B = "198.51.100.20"
PROXY = "192.0.2.1"
DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1: connection refused


# -- fixtures: stores, limiters, apps, clients ---------------------------------------------


def _redis_url() -> str:
    raw = os.environ.get("TEST_REDIS_URL")
    if not raw:
        if os.environ.get("CI") == "true":
            pytest.fail("TEST_REDIS_URL is unset: under CI=true the Redis variant must run")
        pytest.skip("TEST_REDIS_URL unset: Redis variant skipped")
    return raw


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
async def store_url(request: pytest.FixtureRequest) -> str:
    if request.param == "memory":
        return "memory://"
    url = _redis_url()
    probe = RateLimits(points_per_minute=1, auth_failures_per_minute=1, storage_url=url)
    try:
        reachable = await probe.storage.check()
    finally:
        await probe.aclose()
    if not reachable:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis at TEST_REDIS_URL={url} is unreachable: under CI=true a failure")
        pytest.skip(f"Redis at TEST_REDIS_URL={url} unreachable")
    return url


@pytest.fixture
async def make_limits(store_url: str) -> AsyncIterator[Callable[..., RateLimits]]:
    """RateLimits over the test's store, all under one key prefix of this test (so that two
    of them share one budget in Redis, as two workers do); removed and closed afterwards."""
    prefix = f"directory-test-{uuid.uuid4().hex}"
    made: list[RateLimits] = []

    def make(points: int = 1000, auth_failures: int = 1000, url: str | None = None) -> RateLimits:
        limits = RateLimits(
            points_per_minute=points,
            auth_failures_per_minute=auth_failures,
            storage_url=url or store_url,
            key_prefix=prefix,
        )
        made.append(limits)
        return limits

    yield make
    for limits in made:
        if isinstance(limits.storage, RedisStorage) and await limits.storage.check():
            await limits.storage.reset()
        await limits.aclose()


@pytest.fixture
def make_app(
    settings: Settings, engine: AsyncEngine, sessionmaker: async_sessionmaker[SerialSession]
) -> Callable[..., Any]:
    def make(limits: RateLimits, **changes: Any) -> Any:
        return create_app(
            dataclasses.replace(settings, **changes),
            engine=engine,
            sessionmaker=sessionmaker,
            rate_limits=limits,
        )

    return make


@pytest.fixture
async def tokens(session: AsyncSession, world: World) -> dict[str, str | None]:  # noqa: F811
    return await tokens_for(session, world)


def caller(app: Any, address: str) -> httpx.AsyncClient:
    """A client whose requests come from ``address`` (the ASGI scope's client host)."""
    transport = httpx.ASGITransport(app=app, client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://directory.test")


async def post(
    client: httpx.AsyncClient,
    query: str = TRIVIAL,
    *,
    token: str | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    headers = dict(headers or {})
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return await client.post("/graphql", json={"query": query}, headers=headers)


def assert_served(response: httpx.Response) -> None:
    assert response.status_code == 200, response.text
    assert response.json()["data"] == {"__typename": "Query"}


def assert_rate_limited(response: httpx.Response, *, limit: int, cost: int = 1) -> int:
    """The refusal's contract: 429, RATE_LIMITED with its facts, Retry-After; no data."""
    assert response.status_code == 429, response.text
    body = response.json()
    assert body.get("data") is None
    (error,) = body["errors"]
    extensions = error["extensions"]
    assert extensions["code"] == "RATE_LIMITED"
    assert (extensions["limit"], extensions["cost"]) == (limit, cost)
    assert 1 <= extensions["retryAfter"] <= 60
    assert response.headers["retry-after"] == str(extensions["retryAfter"])
    return extensions["retryAfter"]


def assert_not_rate_limited(response: httpx.Response) -> None:
    assert response.status_code != 429, response.text
    codes = [e.get("extensions", {}).get("code") for e in response.json().get("errors") or ()]
    assert "RATE_LIMITED" not in codes


# -- cost points per address and per token ---------------------------------------------


async def test_an_address_over_its_budget_gets_429_while_another_is_served(
    make_limits: Callable[..., RateLimits], make_app: Callable[..., Any]
) -> None:
    app = make_app(make_limits(points=3 * OP))
    async with caller(app, ADDRESS_A) as a, caller(app, ADDRESS_B) as b:
        for _ in range(3):
            assert_served(await post(a))
        assert_rate_limited(await post(a), limit=3 * OP, cost=OP)
        # the refusal charged nothing to anyone else
        assert_served(await post(b))
        assert_rate_limited(await post(a), limit=3 * OP, cost=OP)


async def test_a_token_over_its_budget_gets_429_while_another_token_is_served(
    make_limits: Callable[..., RateLimits],
    make_app: Callable[..., Any],
    tokens: dict[str, str | None],
) -> None:
    # Given one address for everyone (as behind one office's NAT)
    app = make_app(make_limits(points=3 * OP))
    async with caller(app, ADDRESS_A) as a:
        for _ in range(3):
            assert_served(await post(a, token=tokens["editor_fra"]))
        # When the token has spent its points, then it is refused...
        assert_rate_limited(await post(a, token=tokens["editor_fra"]), limit=3 * OP, cost=OP)
        # ...while another token, and the address without a token, have their own budgets
        for _ in range(3):
            assert_served(await post(a, token=tokens["practitioner"]))
        assert_served(await post(a))


async def test_a_concurrent_trivial_query_from_another_caller_is_answered(
    make_limits: Callable[..., RateLimits], make_app: Callable[..., Any]
) -> None:
    app = make_app(make_limits(points=5 * OP))
    async with caller(app, ADDRESS_A) as a, caller(app, ADDRESS_B) as b:
        flood = [post(a) for _ in range(20)]
        others = [post(b) for _ in range(3)]
        responses = await asyncio.gather(*flood, *others)
    flooded, served = responses[:20], responses[20:]
    assert sorted(r.status_code for r in flooded) == [200] * 5 + [429] * 15
    for response in served:
        assert_served(response)


CREATE_AUTHORITY = """
mutation ($input: CreateAuthorityInput!) { createAuthority(input: $input) { status } }
"""


async def test_a_refused_mutation_writes_nothing(
    make_limits: Callable[..., RateLimits],
    make_app: Callable[..., Any],
    tokens: dict[str, str | None],
    session: AsyncSession,
) -> None:
    app = make_app(make_limits(points=1 * OP))
    variables = {"input": {"jurisdiction": "FRA", "names": [{"language": "en", "name": "New"}]}}
    before = await session.scalar(select(func.count()).select_from(Authority))
    async with caller(app, ADDRESS_A) as a:
        assert_served(await post(a, token=tokens["secretariat"]))
        refused = await a.post(
            "/graphql",
            json={"query": CREATE_AUTHORITY, "variables": variables},
            headers={"Authorization": f"Bearer {tokens['secretariat']}"},
        )
    assert_rate_limited(refused, limit=1 * OP, cost=OP)
    assert await session.scalar(select(func.count()).select_from(Authority)) == before


async def test_the_graphql_response_media_type_is_refused_with_429_too(
    make_limits: Callable[..., RateLimits], make_app: Callable[..., Any]
) -> None:
    app = make_app(make_limits(points=1 * OP))
    async with caller(app, ADDRESS_A) as a:
        accept = {"Accept": "application/graphql-response+json"}
        assert (await post(a, headers=accept)).status_code == 200
        refused = await post(a, headers=accept)
    assert refused.status_code == 429
    assert refused.headers["content-type"].startswith("application/graphql-response+json")
    assert refused.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"


async def test_an_operation_charges_its_cost_and_at_most_the_whole_budget(
    make_limits: Callable[..., RateLimits],
) -> None:
    # The cost budget sets Context.cost; the limiter charges OPERATION_POINTS + cost.
    budget = 3 * OPERATION_POINTS + 10
    limits = make_limits(points=budget)
    await limits.charge("address:a", 4, who="this client address")
    await limits.charge("address:a", 0, who="this client address")  # the fixed points only
    await limits.charge("address:a", 6, who="this client address")  # the whole budget spent
    with pytest.raises(RateLimited) as refused:
        await limits.charge("address:a", 1, who="this client address")
    assert (refused.value.limit, refused.value.cost) == (budget, OPERATION_POINTS + 1)
    assert "this client address" in refused.value.message
    # a cost above the budget is charged the budget: it runs when the window is fresh
    await limits.charge("address:b", 5 * budget, who="this client address")
    with pytest.raises(RateLimited) as refused:
        await limits.charge("address:b", 5 * budget, who="this client address")
    assert refused.value.cost == budget


async def test_a_limit_of_zero_turns_it_off(
    make_limits: Callable[..., RateLimits],
    make_app: Callable[..., Any],
    tokens: dict[str, str | None],
) -> None:
    app = make_app(make_limits(points=0, auth_failures=0))
    async with caller(app, ADDRESS_A) as a:
        for _ in range(5):
            assert_served(await post(a))
            assert_not_rate_limited(await post(a, token=BAD_TOKEN))
        assert_served(await post(a, token=tokens["practitioner"]))


# -- failed authentications per address ---------------------------------------------------


async def test_failed_token_authentications_are_limited_per_address(
    make_limits: Callable[..., RateLimits],
    make_app: Callable[..., Any],
    tokens: dict[str, str | None],
) -> None:
    app = make_app(make_limits(auth_failures=3))
    async with caller(app, ADDRESS_A) as a, caller(app, ADDRESS_B) as b:
        # valid tokens are no failures
        for _ in range(5):
            assert_served(await post(a, token=tokens["practitioner"]))
        for guess in range(3):
            assert_not_rate_limited(await post(a, token=f"{BAD_TOKEN}-{guess}"))
        # Then: from this address no token is looked up any more, not even a valid one...
        assert_rate_limited(await post(a, token=BAD_TOKEN), limit=3)
        assert_rate_limited(await post(a, token=tokens["practitioner"]), limit=3)
        # ...public data stays served without a token, and other addresses are unaffected
        assert_served(await post(a))
        assert_served(await post(b, token=tokens["practitioner"]))
        assert_not_rate_limited(await post(b, token=BAD_TOKEN))


# -- workers sharing one store ---------------------------------------------------------------


@pytest.mark.redis
@pytest.mark.parametrize("store_url", ["redis"], indirect=True)
async def test_two_workers_on_one_redis_share_one_budget(
    make_limits: Callable[..., RateLimits], make_app: Callable[..., Any]
) -> None:
    # Given two apps, as two worker processes, each with its own limiter on the same Redis
    worker_1, worker_2 = make_app(make_limits(points=4 * OP)), make_app(make_limits(points=4 * OP))
    async with caller(worker_1, ADDRESS_A) as one, caller(worker_2, ADDRESS_A) as two:
        for client in (one, two, one, two):
            assert_served(await post(client))
        # Then the budget spent on both is spent on each
        assert_rate_limited(await post(one), limit=4 * OP, cost=OP)
        assert_rate_limited(await post(two), limit=4 * OP, cost=OP)
        async with caller(worker_2, ADDRESS_B) as other:
            assert_served(await post(other))


@pytest.mark.parametrize("store_url", ["memory"], indirect=True)
async def test_workers_with_memory_stores_keep_one_budget_each(
    make_limits: Callable[..., RateLimits], make_app: Callable[..., Any]
) -> None:
    worker_1, worker_2 = make_app(make_limits(points=2 * OP)), make_app(make_limits(points=2 * OP))
    async with caller(worker_1, ADDRESS_A) as one, caller(worker_2, ADDRESS_A) as two:
        for client in (one, one, two, two):
            assert_served(await post(client))
        assert_rate_limited(await post(one), limit=2 * OP, cost=OP)
        assert_rate_limited(await post(two), limit=2 * OP, cost=OP)


# -- a store that cannot be reached ------------------------------------------------------


@pytest.mark.parametrize("store_url", ["memory"], indirect=True)
async def test_an_unreachable_store_fails_open_with_a_warning(
    make_limits: Callable[..., RateLimits],
    make_app: Callable[..., Any],
    tokens: dict[str, str | None],
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Given a Redis that refuses connections and budgets that one request would spend
    app = make_app(make_limits(points=1, auth_failures=1, url=DEAD_REDIS))
    with caplog.at_level(logging.WARNING, logger="directory.ratelimits"):
        async with caller(app, ADDRESS_A) as a:
            # Then every request is served as if there were no limit
            for _ in range(3):
                assert_served(await post(a))
                assert_not_rate_limited(await post(a, token=BAD_TOKEN))
            assert_served(await post(a, token=tokens["practitioner"]))
    # and the outage is logged, once per retry interval (not once per request)
    warnings = [r for r in caplog.records if "rate-limit store unreachable" in r.message]
    assert len(warnings) == 1
    assert "DIRECTORY_RATE_LIMIT_STORAGE" in warnings[0].getMessage()


# -- the client address --------------------------------------------------------------------


def _connection(peer: str, forwarded: list[str]) -> HTTPConnection:
    headers = [(b"x-forwarded-for", value.encode()) for value in forwarded]
    return HTTPConnection({"type": "http", "client": (peer, 1), "headers": headers})


TRUSTED = (ipaddress.ip_network(PROXY), ipaddress.ip_network("10.0.0.0/8"))


@pytest.mark.parametrize(
    ("peer", "forwarded", "trusted", "expected"),
    [
        # no trusted proxy: the header is the client's word, never believed
        (ADDRESS_A, [ADDRESS_B], (), ADDRESS_A),
        (ADDRESS_A, [ADDRESS_B], TRUSTED, ADDRESS_A),
        # behind a trusted proxy: the nearest hop it did not write itself
        (PROXY, [ADDRESS_B], TRUSTED, ADDRESS_B),
        (PROXY, [f"1.2.3.4, {ADDRESS_B}"], TRUSTED, ADDRESS_B),  # forged hop on the left
        (PROXY, ["1.2.3.4", f"{ADDRESS_B}, 10.1.2.3"], TRUSTED, ADDRESS_B),  # two proxies
        (PROXY, ["not-an-address"], TRUSTED, PROXY),
        (PROXY, [], TRUSTED, PROXY),
        # IPv6 counts per /64; IPv4-mapped IPv6 as IPv4
        ("2001:db8:1:2::7", [], (), "2001:db8:1:2::/64"),
        ("::ffff:203.0.113.10", [], (), ADDRESS_A),
    ],
)
def test_the_client_address(
    peer: str, forwarded: list[str], trusted: tuple[Any, ...], expected: str
) -> None:
    assert client_address(_connection(peer, forwarded), trusted) == expected


@pytest.mark.parametrize("store_url", ["memory"], indirect=True)
async def test_behind_a_trusted_proxy_each_forwarded_client_has_its_budget(
    make_limits: Callable[..., RateLimits], make_app: Callable[..., Any]
) -> None:
    app = make_app(make_limits(points=1 * OP), trusted_proxies=TRUSTED)
    async with caller(app, PROXY) as proxy, caller(app, ADDRESS_A) as direct:
        assert_served(await post(proxy, headers={"X-Forwarded-For": ADDRESS_A}))
        assert_rate_limited(
            await post(proxy, headers={"X-Forwarded-For": ADDRESS_A}), limit=1 * OP, cost=OP
        )
        assert_served(await post(proxy, headers={"X-Forwarded-For": ADDRESS_B}))
        # a direct caller cannot escape its budget by forging the header
        assert_rate_limited(
            await post(direct, headers={"X-Forwarded-For": "1.2.3.4"}), limit=1 * OP, cost=OP
        )


# -- settings ------------------------------------------------------------------------------


def test_the_settings_and_their_defaults() -> None:
    defaults = Settings.from_env({})
    assert (defaults.rate_limit, defaults.auth_failure_limit) == (20000, 10)
    assert defaults.rate_limit_storage == "memory://" and defaults.trusted_proxies == ()
    settings = Settings.from_env(
        {
            "DIRECTORY_RATE_LIMIT": "0",
            "DIRECTORY_AUTH_FAILURE_LIMIT": "5",
            "DIRECTORY_RATE_LIMIT_STORAGE": "redis://:hunter2@cache:6379/3",
            "DIRECTORY_TRUSTED_PROXIES": "192.0.2.1, 10.0.0.0/8",
        }
    )
    assert (settings.rate_limit, settings.auth_failure_limit) == (0, 5)
    assert settings.trusted_proxies == TRUSTED
    assert "hunter2" not in repr(settings)


@pytest.mark.parametrize(
    ("name", "value", "hint"),
    [
        ("DIRECTORY_RATE_LIMIT", "-1", "below 0"),
        ("DIRECTORY_AUTH_FAILURE_LIMIT", "many", "whole number"),
        ("DIRECTORY_RATE_LIMIT_STORAGE", "memcached://cache:11211", "redis://host"),
        ("DIRECTORY_RATE_LIMIT_STORAGE", "redis://:hunter2@/0", "redis://host"),
        ("DIRECTORY_TRUSTED_PROXIES", "192.0.2.1,proxy.local", "'proxy.local'"),
    ],
)
def test_bad_settings_name_the_fix(name: str, value: str, hint: str) -> None:
    with pytest.raises(ConfigError) as bad:
        Settings.from_env({name: value})
    assert name in bad.value.message and hint in bad.value.message
    assert "hunter2" not in bad.value.message
