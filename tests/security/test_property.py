"""A bounded property-based run with hypothesis-graphql over the live schema's SDL: queries
as the public, mutations with a secretariat token. Whatever valid document it builds (any
field, any argument values, NUL bytes included), the server never fails: no HTTP 5xx and no
INTERNAL_SERVER_ERROR; every error carries a code. The run is derandomized, so CI sees the
same documents every time."""

from __future__ import annotations

import datetime as dt
import json

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import mutations, nodes, queries
from sqlalchemy.ext.asyncio import AsyncSession

from directory.graphql.schema import schema
from tests.accounts.factories import tokens_for
from tests.editing.factories import build_world

SDL = str(schema)
# The custom scalars, as GraphQL literals of their serialised form.
SCALARS = {
    "Date": st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)).map(
        lambda d: nodes.String(d.isoformat())
    ),
    "DateTime": st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2030, 12, 31)).map(
        lambda d: nodes.String(d.isoformat())
    ),
    "Time": st.times().map(lambda t: nodes.String(t.isoformat())),
    "JSON": st.text(max_size=20).map(nodes.String),
}
BOUNDED = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # one world per run: its writes pile up, fine
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


def server_error(response: httpx.Response) -> str | None:
    """Why the answer is a server failure (None when it is not)."""
    if response.status_code >= 500:
        return f"HTTP {response.status_code}: {response.text[:300]}"
    body = response.json()
    for error in body.get("errors") or ():
        code = (error.get("extensions") or {}).get("code")
        if code is None or code == "INTERNAL_SERVER_ERROR":
            return f"{code}: {error.get('message')}"
    return None


async def _post(client: httpx.AsyncClient, document: str, token: str | None) -> httpx.Response:
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    body = json.dumps({"query": document})  # json.dumps keeps lone surrogates as escapes
    return await client.post("/graphql", content=body, headers=headers)


@BOUNDED
@given(document=queries(SDL, custom_scalars=SCALARS))
async def test_no_query_is_a_server_error(
    client: httpx.AsyncClient, session: AsyncSession, document: str
) -> None:
    response = await _post(client, document, None)
    assert server_error(response) is None, document


@pytest.fixture
async def secretariat_token(session: AsyncSession) -> str:
    world = await build_world(session)
    token = (await tokens_for(session, world))["secretariat"]
    await session.commit()
    return token


@BOUNDED
@given(document=mutations(SDL, custom_scalars=SCALARS))
async def test_no_mutation_is_a_server_error(
    client: httpx.AsyncClient, secretariat_token: str, document: str
) -> None:
    response = await _post(client, document, secretariat_token)
    assert server_error(response) is None, document
