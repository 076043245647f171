"""Designation, rule and confirmation mutations through HTTP, by role and jurisdiction."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.relay import GlobalID

from tests.accounts.factories import tokens_for
from tests.editing.factories import World
from tests.helpers import gql

MUTATIONS = {
    "createDesignation": (
        "CreateDesignationInput",
        lambda key: {
            "authority": str(GlobalID("Authority", key)),
            "expectedVersion": 1,
            "fields": {"subject": "MLA", "priority": 2},
        },
    ),
    "createChannelRule": (
        "CreateChannelRuleInput",
        lambda key: {"jurisdiction": key.split("-")[1].upper(), "fields": {"channel": "INTERPOL"}},
    ),
    "createLanguageRule": (
        "CreateLanguageRuleInput",
        lambda key: {"jurisdiction": key.split("-")[1].upper(), "fields": {"language": "es"}},
    ),
}


@pytest.mark.parametrize("mutation", list(MUTATIONS))
@pytest.mark.parametrize(
    ("who", "key", "expected"),
    [
        (None, "test-fra-moj", "UNAUTHENTICATED"),
        ("practitioner", "test-fra-moj", "FORBIDDEN"),
        ("editor_fra", "test-fra-moj", "PENDING_REVIEW"),
        ("editor_fra", "test-deu-bmj", "FORBIDDEN"),
        ("secretariat", "test-deu-bmj", "APPLIED"),
    ],
)
async def test_rule_mutations_by_role(
    client: httpx.AsyncClient,
    session: AsyncSession,
    world: World,
    mutation: str,
    who: str | None,
    key: str,
    expected: str,
) -> None:
    tokens = await tokens_for(session, world)
    input_type, make = MUTATIONS[mutation]
    document = (
        f"mutation ($input: {input_type}!) {{ {mutation}(input: $input) "
        "{ status userErrors { field code message } } }"
    )
    body = await gql(client, document, {"input": make(key)}, token=tokens.get(who or ""))
    if expected == "FORBIDDEN":
        assert body["errors"][0]["extensions"] == {
            "code": "FORBIDDEN",
            "permission": "directory:authority:write",
        }
    elif expected == "UNAUTHENTICATED":
        assert body["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}
    else:
        assert body["data"][mutation] == {"status": expected, "userErrors": []}


async def test_a_bad_code_in_a_rule_is_a_user_error(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    token = (await tokens_for(session, world))["secretariat"]
    document = (
        "mutation ($input: CreateChannelRuleInput!) { createChannelRule(input: $input) "
        "{ status userErrors { field code message } } }"
    )
    # an open vocabulary (data, not code): checked by the service, a user error naming the codes
    body = await gql(
        client, document, {"input": {"jurisdiction": "FRA", "fields": {"channel": "PIGEON"}}},
        token=token,
    )  # fmt: skip
    (error,) = body["data"]["createChannelRule"]["userErrors"]
    assert (error["field"], error["code"]) == (["input", "fields", "channel"], "INVALID")
    assert "DIPLOMATIC" in error["message"]
    # a closed one is an enum: refused before the mutation runs, naming the enum
    fields = {"channel": "DIPLOMATIC", "permission": "MAYBE"}
    body = await gql(
        client, document, {"input": {"jurisdiction": "FRA", "fields": fields}}, token=token
    )
    [error] = body["errors"]
    assert "ChannelPermission" in error["message"] and "MAYBE" in error["message"]


@pytest.mark.parametrize(("who", "code"), [("editor_fra", None), ("editor_deu", "FORBIDDEN")])
async def test_confirm_entries_by_role(
    client: httpx.AsyncClient, session: AsyncSession, world: World, who: str, code: str | None
) -> None:
    token = (await tokens_for(session, world))[who]
    body = await gql(
        client,
        'mutation { confirmEntries(input: {jurisdiction: "FRA"}) { confirmed } }',
        token=token,
    )
    if code is None:
        assert body["data"]["confirmEntries"]["confirmed"] >= 1
    else:
        assert body["errors"][0]["extensions"]["code"] == code
