"""The write API through HTTP: bearer tokens, conflicts, user errors, the deployment setting.
The full role matrix is in test_role_matrix.py, every query path in test_leaks.py."""

from __future__ import annotations

import dataclasses

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.relay import GlobalID

from directory.app import create_app
from tests.accounts.factories import tokens_for
from tests.editing.factories import SECRET_EMAIL, World
from tests.helpers import SNAPSHOT, gql

UPDATE = """
mutation ($input: UpdateAuthorityInput!) {
  updateAuthority(input: $input) {
    status
    authority { city version }
    changeRequest { id status }
    userErrors { field code message }
  }
}
"""
APPROVE = """
mutation ($id: ID!) {
  approveChangeRequest(input: {changeRequest: $id}) { status authority { city version } }
}
"""
READ = f"""
query ($id: ID!) {{
  authority(id: $id) {{ key emails {{ value }} phones {{ value }} contactPersons {{ value }} }}
  history(authority: $id, first: 10) {{ action before {SNAPSHOT} after {SNAPSHOT} }}
  changes(first: 50) {{ after {SNAPSHOT} }}
}}
"""


def _gid(key: str) -> str:
    return str(GlobalID("Authority", key))


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (None, "UNAUTHENTICATED"),
        ("bad", "UNAUTHENTICATED"),
        ("practitioner", "FORBIDDEN"),
        ("editor_deu", "FORBIDDEN"),
        ("editor_fra", "PENDING_REVIEW"),
        ("secretariat", "APPLIED"),
    ],
)
async def test_update_authority_by_role(
    client: httpx.AsyncClient, session: AsyncSession, world: World, who: str | None, expected: str
) -> None:
    tokens = await tokens_for(session, world)
    token = {"bad": "dcna_forged", None: None}.get(who, tokens.get(who or ""))
    variables = {"input": {"authority": _gid("test-fra-moj"), "expectedVersion": 1, "city": "Lyon"}}
    body = await gql(client, UPDATE, variables, token=token)
    if expected in ("FORBIDDEN", "UNAUTHENTICATED"):
        (error,) = body["errors"]
        assert error["extensions"]["code"] == expected
        if expected == "FORBIDDEN":
            assert error["extensions"]["permission"] == "directory:authority:write"
        return
    payload = body["data"]["updateAuthority"]
    assert payload["status"] == expected and payload["userErrors"] == []
    if expected == "APPLIED":
        assert payload["authority"] == {"city": "Lyon", "version": 2}
    else:
        # the secretariat approves the editor's request
        approved = await gql(
            client, APPROVE, {"id": payload["changeRequest"]["id"]}, token=tokens["secretariat"]
        )
        assert approved["data"]["approveChangeRequest"]["authority"] == {
            "city": "Lyon",
            "version": 2,
        }


async def test_the_deployment_setting_reaches_the_mutation_through_the_context(
    settings, engine, sessionmaker, session: AsyncSession, world: World
) -> None:
    # given a deployment that publishes State editors' writes without review
    published = dataclasses.replace(settings, publish_without_review=True)
    app = create_app(published, engine=engine, sessionmaker=sessionmaker)
    token = (await tokens_for(session, world))["editor_fra"]
    variables = {"input": {"authority": _gid("test-fra-moj"), "expectedVersion": 1, "city": "Nice"}}
    # when France's editor updates its entry
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://directory.test"
    ) as client:
        body = await gql(client, UPDATE, variables, token=token)
    # then it applies at once, no change request
    payload = body["data"]["updateAuthority"]
    assert payload["status"] == "APPLIED" and payload["changeRequest"] is None
    assert payload["authority"] == {"city": "Nice", "version": 2}


async def test_a_stale_version_is_a_conflict_and_bad_values_are_user_errors(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    token = (await tokens_for(session, world))["secretariat"]
    gid = _gid("test-fra-moj")
    await gql(
        client,
        UPDATE,
        {"input": {"authority": gid, "expectedVersion": 1, "city": "A"}},
        token=token,
    )
    body = await gql(
        client,
        UPDATE,
        {"input": {"authority": gid, "expectedVersion": 1, "city": "B"}},
        token=token,
    )
    [stale] = body["data"]["updateAuthority"]["userErrors"]
    assert (stale["field"], stale["code"]) == ([], "STALE_VERSION")
    assert "at version 2, not 1" in stale["message"]
    body = await gql(
        client,
        UPDATE,
        {
            "input": {
                "authority": gid,
                "expectedVersion": 2,
                "website": "nope",
                "timeZone": "Mars/Base",
            }
        },
        token=token,
    )
    errors = body["data"]["updateAuthority"]["userErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [
        (["input", "website"], "INVALID"),
        (["input", "timeZone"], "INVALID"),
    ]


async def test_no_restricted_value_reaches_the_public(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    tokens = await tokens_for(session, world)
    gid = _gid("test-fra-moj")
    # given a history that carries the restricted e-mail in its before/after
    await gql(
        client,
        UPDATE,
        {"input": {"authority": gid, "expectedVersion": 1, "city": "Lyon"}},
        token=tokens["secretariat"],
    )
    # when the public (and another State's editor) read every path
    for token in (None, tokens["editor_deu"]):
        body = await gql(client, READ, {"id": gid}, token=token)
        assert "errors" not in body, body
        assert body["data"]["authority"]["emails"] == []
        assert SECRET_EMAIL not in repr(body)
    # while a practitioner sees it
    body = await gql(client, READ, {"id": gid}, token=tokens["practitioner"])
    assert body["data"]["authority"]["emails"] == [{"value": SECRET_EMAIL}]
