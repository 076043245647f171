"""Legal requirements edited like any other fact, through HTTP: a focal point proposes one
(a change request the secretariat approves), the secretariat's writes apply at once, bad
codes are user errors, and ``route`` answers with what was written."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from directory.authorities.requirements import RequirementKind
from tests.accounts.factories import tokens_for
from tests.editing.factories import World, vocab
from tests.helpers import gql

CREATE = """
mutation ($input: CreateRequirementInput!) {
  createRequirement(input: $input) {
    status changeRequest { id kind } userErrors { field code message }
    requirement { id kind status text url verification sources { url } jurisdiction { code } }
  }
}
"""
UPDATE = """
mutation ($input: UpdateRequirementInput!) {
  updateRequirement(input: $input) {
    status userErrors { field code message } requirement { status text basisCondition }
  }
}
"""
REMOVE = """
mutation ($input: RemoveRequirementInput!) {
  removeRequirement(input: $input) { status removedRequirementId userErrors { message } }
}
"""
APPROVE = """
mutation ($id: ID!) {
  approveChangeRequest(input: {changeRequest: $id}) { status userErrors { message } }
}
"""
ROUTE = """
query { route(input: {requested: "FRA", requesting: "DEU", subject: "MLA"}) {
  requirements { kind status text }
} }
"""
LAW = {
    "url": "https://www.legifrance.gouv.fr/codes/section_lc/LEGITEXT000006071154/",
    "kind": "OFFICIAL",
    "seenOn": "2026-11-01",
}


def _dual_criminality(**extra: Any) -> dict[str, Any]:
    return {
        "input": {
            "jurisdiction": "FRA",
            "fields": {
                "kind": "DUAL_CRIMINALITY",
                "status": "CONDITIONAL",
                "text": "Required for coercive measures only.",
                "sources": [LAW],
                **extra,
            },
        }
    }


async def test_a_focal_point_proposes_a_requirement_and_the_secretariat_approves_it(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    # given the requirement kinds and France's focal point
    await vocab(session, RequirementKind, "DUAL_CRIMINALITY")
    tokens = await tokens_for(session, world)

    # when the focal point proposes France's dual criminality rule
    body = await gql(client, CREATE, _dual_criminality(), token=tokens["editor_fra"])
    pending = body["data"]["createRequirement"]

    # then it waits for review, and route does not show it yet
    assert pending["status"] == "PENDING_REVIEW", pending
    assert pending["changeRequest"]["kind"] == "CREATE_REQUIREMENT"
    assert (await gql(client, ROUTE))["data"]["route"]["requirements"] == []

    # when the secretariat approves it, then route answers with it
    approved = await gql(
        client, APPROVE, {"id": pending["changeRequest"]["id"]}, token=tokens["secretariat"]
    )
    assert approved["data"]["approveChangeRequest"] == {"status": "APPLIED", "userErrors": []}
    assert (await gql(client, ROUTE))["data"]["route"]["requirements"] == [
        {
            "kind": "DUAL_CRIMINALITY",
            "status": "CONDITIONAL",
            "text": "Required for coercive measures only.",
        }
    ]


async def test_the_secretariat_creates_updates_and_removes_a_requirement(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    await vocab(session, RequirementKind, "DUAL_CRIMINALITY")
    token = (await tokens_for(session, world))["secretariat"]
    body = await gql(client, CREATE, _dual_criminality(), token=token)
    created = body["data"]["createRequirement"]
    assert created["status"] == "APPLIED", created
    requirement = created["requirement"]
    assert requirement["verification"] == "OFFICIAL"
    assert requirement["sources"] == [{"url": LAW["url"]}]
    assert requirement["jurisdiction"] == {"code": "FRA"}

    fields = _dual_criminality(basisCondition="NO_TREATY", status="REQUIRED")["input"]["fields"]
    body = await gql(
        client, UPDATE, {"input": {"requirement": requirement["id"], "fields": fields}}, token=token
    )
    assert body["data"]["updateRequirement"]["requirement"] == {
        "status": "REQUIRED",
        "text": "Required for coercive measures only.",
        "basisCondition": "NO_TREATY",
    }
    body = await gql(client, REMOVE, {"input": {"requirement": requirement["id"]}}, token=token)
    assert body["data"]["removeRequirement"] == {
        "status": "APPLIED",
        "removedRequirementId": requirement["id"],
        "userErrors": [],
    }
    assert (await gql(client, ROUTE))["data"]["route"]["requirements"] == []


async def test_bad_requirement_values_are_user_errors(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    await vocab(session, RequirementKind, "DUAL_CRIMINALITY")
    token = (await tokens_for(session, world))["secretariat"]
    body = await gql(
        client,
        CREATE,
        {
            "input": {
                "jurisdiction": "FRA",
                "fields": {
                    "kind": "TELEPATHY",
                    "status": "INFORMATION",
                    "basisCondition": "UNLESS_IN_FORCE",
                    "url": "ftp://example",
                },
            }
        },
        token=token,
    )
    errors: dict[str, str] = {}
    for e in body["data"]["createRequirement"]["userErrors"]:
        errors[e["field"][-1]] = f"{errors.get(e['field'][-1], '')} {e['message']}"
    assert "'TELEPATHY' is unknown: use one of DUAL_CRIMINALITY" in errors["kind"]
    assert "needs the instrument" in errors["basisCondition"]
    assert "'ftp://example'" in errors["url"]
