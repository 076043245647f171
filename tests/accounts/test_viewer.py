"""``viewer`` and ``ApiToken`` over HTTP: who is asking, and which tokens a caller may see
(the secretariat every one, a holder its own, the public none), never a token's secret."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.accounts.models import ApiToken
from directory.accounts.tokens import hash_token
from tests.accounts.factories import tokens_for
from tests.editing.factories import World
from tests.helpers import gid, gql

VIEWER = """
{ viewer { role jurisdiction { code }
  token { id name role jurisdiction { code } createdAt expiresAt revokedAt lastUsedAt } } }
"""
TOKENS = """
query ($id: ID!, $ids: [ID!]!) {
  node(id: $id) { ... on ApiToken { id name role } }
  nodes(ids: $ids) { ... on ApiToken { id name } }
}
"""
FIELDS = '{ __type(name: "ApiToken") { fields { name } } }'


async def _ids(session: AsyncSession) -> dict[str, str]:
    rows = (await session.scalars(select(ApiToken))).all()
    return {row.name: gid("ApiToken", row.id) for row in rows}


async def test_the_public_is_told_it_is_public(client: httpx.AsyncClient) -> None:
    body = await gql(client, VIEWER)
    assert body["data"] == {"viewer": {"role": "PUBLIC", "jurisdiction": None, "token": None}}


async def test_a_holder_reads_its_own_token(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    tokens = await tokens_for(session, world)
    ids = await _ids(session)
    body = await gql(client, VIEWER, token=tokens["editor_fra"])
    viewer = body["data"]["viewer"]
    assert viewer["role"] == "STATE_EDITOR" and viewer["jurisdiction"] == {"code": "FRA"}
    token = viewer["token"]
    assert (token["id"], token["name"]) == (ids["STATE_EDITOR-FRA"], "STATE_EDITOR-FRA")
    assert token["role"] == "STATE_EDITOR" and token["jurisdiction"] == {"code": "FRA"}
    assert token["createdAt"] and token["expiresAt"] is None and token["revokedAt"] is None
    # the first request recorded its use: the next one reads it
    again = (await gql(client, VIEWER, token=tokens["editor_fra"]))["data"]["viewer"]["token"]
    assert again["lastUsedAt"] is not None
    mine = ids["STATE_EDITOR-FRA"]
    answer = await gql(client, TOKENS, {"id": mine, "ids": [mine]}, token=tokens["editor_fra"])
    assert answer["data"]["node"]["id"] == mine
    assert answer["data"]["nodes"] == [{"id": mine, "name": "STATE_EDITOR-FRA"}]


@pytest.mark.parametrize("who", ["public", "practitioner", "editor_deu"])
async def test_nobody_else_sees_another_holders_token(
    client: httpx.AsyncClient, session: AsyncSession, world: World, who: str
) -> None:
    tokens = await tokens_for(session, world)
    ids = await _ids(session)
    others = [i for name, i in ids.items() if name not in ("STATE_EDITOR-DEU", "PRACTITIONER-None")]
    body = await gql(
        client, TOKENS, {"id": ids["STATE_EDITOR-FRA"], "ids": others}, token=tokens[who]
    )
    assert "errors" not in body, body
    assert body["data"] == {"node": None, "nodes": [None] * len(others)}


async def test_the_secretariat_sees_every_token(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    tokens = await tokens_for(session, world)
    ids = await _ids(session)
    body = await gql(
        client,
        TOKENS,
        {"id": ids["STATE_EDITOR-CHN"], "ids": list(ids.values())},
        token=tokens["secretariat"],
    )
    assert body["data"]["node"] == {
        "id": ids["STATE_EDITOR-CHN"],
        "name": "STATE_EDITOR-CHN",
        "role": "STATE_EDITOR",
    }
    assert [n["name"] for n in body["data"]["nodes"]] == list(ids)


async def test_no_answer_holds_a_tokens_secret_or_its_hash(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    # given every token, read by the secretariat through every path that shows tokens
    tokens = await tokens_for(session, world)
    ids = await _ids(session)
    raw = [t for t in tokens.values() if t and t.startswith("dcna_") and "forged" not in t]
    document = "query ($ids: [ID!]!) { nodes(ids: $ids) { ...T } viewer { token { ...T } } }"
    fragment = (
        " fragment T on ApiToken { "
        + " ".join(
            f["name"] if f["name"] != "jurisdiction" else "jurisdiction { code }"
            for f in (await gql(client, FIELDS))["data"]["__type"]["fields"]
        )
        + " }"
    )
    response = await client.post(
        "/graphql",
        json={"query": document + fragment, "variables": {"ids": list(ids.values())}},
        headers={"Authorization": f"Bearer {tokens['secretariat']}"},
    )
    # then no secret, no hash and no part of a secret beyond its fixed prefix is in it
    assert "errors" not in response.json(), response.json()
    for secret in raw:
        assert secret not in response.text and hash_token(secret) not in response.text
        assert secret.removeprefix("dcna_")[:6] not in response.text
