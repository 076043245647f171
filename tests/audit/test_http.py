"""``Authority.history`` and ``Authority.stale`` through HTTP: order, redaction, batching."""

from __future__ import annotations

import dataclasses

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from directory.app import create_app
from tests.accounts.factories import BAD_TOKEN, tokens_for
from tests.editing.factories import SECRET_EMAIL, World
from tests.helpers import SNAPSHOT, gid, gql

NEW_EMAIL = "moved.focal.point@justice.example"
UPDATE = """
mutation ($input: UpdateAuthorityInput!) { updateAuthority(input: $input) { status } }
"""
HISTORY = (
    "query ($id: ID!) { authority(id: $id) { stale history { id action entityType actor after "
    + SNAPSHOT
    + " } } history(authority: $id) { id } }"
)


async def _two_revisions(client: httpx.AsyncClient, token: str, authority: str) -> None:
    for version, change in ((1, {"city": "Lyon"}), (2, {"contacts": [_email(NEW_EMAIL)]})):
        body = await gql(
            client,
            UPDATE,
            {"input": {"authority": authority, "expectedVersion": version, **change}},
            token=token,
        )
        assert body["data"]["updateAuthority"]["status"] == "APPLIED", body


def _email(value: str) -> dict[str, object]:
    return {"kind": "EMAIL", "value": value, "restricted": True}


async def test_the_history_field_is_newest_first_and_redacted_like_the_root_query(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    tokens = await tokens_for(session, world)
    authority = gid("Authority", "test-fra-moj")
    await _two_revisions(client, tokens["secretariat"], authority)

    # the secretariat sees both revisions, newest first, the reverse of the root query
    body = await gql(client, HISTORY, {"id": authority}, token=tokens["secretariat"])
    field = body["data"]["authority"]["history"]
    assert [r["id"] for r in field] == [r["id"] for r in reversed(body["data"]["history"])]
    assert [r["action"] for r in field] == ["UPDATE", "UPDATE"] and len(field) == 2
    assert field[0]["after"]["contacts"][0]["value"] == NEW_EMAIL
    assert field[0]["actor"].startswith("secretariat:")

    # the public and another State's editor see the same revisions, contacts redacted
    for who in ("public", "editor_deu"):
        body = await gql(client, HISTORY, {"id": authority}, token=tokens[who])
        assert "errors" not in body, body
        seen = body["data"]["authority"]["history"]
        assert [r["id"] for r in seen] == [r["id"] for r in field]
        assert NEW_EMAIL not in str(body) and SECRET_EMAIL not in str(body)
        assert seen[0]["after"]["contacts"][0]["redacted"] is True


async def test_a_bad_token_gets_no_history(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    body = await gql(
        client,
        "query ($id: ID!) { authority(id: $id) { history { id } } }",
        {"id": gid("Authority", "test-fra-moj")},
        token=BAD_TOKEN,
    )
    assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"]


async def test_histories_of_many_authorities_take_one_statement(
    client: httpx.AsyncClient, session: AsyncSession, world: World, sql_counter
) -> None:
    query = """
    {
      a: jurisdiction(code: "FRA") { authorities { history { id } } }
      b: jurisdiction(code: "HKG") { authorities { history { id } } }
      c: jurisdiction(code: "DEU") { authorities { history { id } } }
    }
    """
    sql_counter.reset()
    body = await gql(client, query)
    assert "errors" not in body, body
    history_statements = [s for s in sql_counter.statements if "FROM revision" in s]
    assert len(history_statements) == 1, history_statements


@pytest.mark.parametrize(("confirm", "stale"), [(False, True), (True, False)])
async def test_stale_follows_the_last_confirmation(
    client: httpx.AsyncClient, session: AsyncSession, world: World, confirm: bool, stale: bool
) -> None:
    # given an entry last confirmed on 2020-01-01 (stale), confirmed today or not
    tokens = await tokens_for(session, world)
    if confirm:
        body = await gql(
            client,
            'mutation { confirmEntries(input: {jurisdiction: "FRA"}) { confirmed } }',
            token=tokens["editor_fra"],
        )
        assert body["data"]["confirmEntries"]["confirmed"] >= 1
    query = "query ($id: ID!) { authority(id: $id) { stale lastConfirmedOn } }"
    body = await gql(client, query, {"id": gid("Authority", "test-fra-moj")})
    assert body["data"]["authority"]["stale"] is stale


async def test_a_longer_stale_age_makes_an_old_entry_fresh(
    session: AsyncSession, world: World, settings, engine, sessionmaker
) -> None:
    # the world's entries were confirmed on 2020-01-01; 100 years is long enough
    lenient = dataclasses.replace(settings, stale_after_days=36500)
    app = create_app(lenient, engine=engine, sessionmaker=sessionmaker)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://directory.test") as c:
        body = await gql(
            c,
            "query ($id: ID!) { authority(id: $id) { stale } }",
            {"id": gid("Authority", "test-fra-moj")},
        )
    assert body["data"]["authority"]["stale"] is False
