"""Scope and legal-basis fields on designation and rule writes, through HTTP: ``measure``,
``requesting``, ``requestingGroup``, ``basisCondition`` with ``instrument`` are validated,
stored, audited, and change what ``route`` answers."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from directory.authorities.models import Measure
from directory.treaties.models import JurisdictionGroup, JurisdictionGroupMember
from tests.accounts.factories import tokens_for
from tests.editing.factories import World, vocab
from tests.helpers import gid, gql

CREATE_DESIGNATION = """
mutation ($input: CreateDesignationInput!) {
  createDesignation(input: $input) {
    status userErrors { field code message }
    designation { id }
  }
}
"""
CREATE_CHANNEL_RULE = """
mutation ($input: CreateChannelRuleInput!) {
  createChannelRule(input: $input) {
    status userErrors { field code message }
    channelRule { id }
  }
}
"""
CREATE_LANGUAGE_RULE = """
mutation ($input: CreateLanguageRuleInput!) {
  createLanguageRule(input: $input) {
    status userErrors { field code message }
    languageRule { id }
  }
}
"""
HISTORY = """
query ($id: ID!) {
  node(id: $id) { ... on Authority { history(first: 5) {
    entityType after { ... on DesignationSnapshot { requestingGroup basisCondition measure } }
  } } }
}
"""
ROUTE = """
query ($input: RouteInput!) {
  route(input: $input) {
    destinations { authority { key } matches { measure requesting basis } }
    channels { channel { code } permission }
  }
}
"""
SEEN = {"url": "https://justice.example/fra/entraide", "kind": "OFFICIAL", "seenOn": "2026-11-01"}


async def _vocabularies(session: AsyncSession, world: World) -> None:
    await vocab(session, Measure, "SERVICE_OF_DOCUMENTS")
    await vocab(session, JurisdictionGroup, "EU")
    session.add(JurisdictionGroupMember(group_code="EU", jurisdiction_id=world.deu.id))
    await session.flush()


async def _route(client: httpx.AsyncClient, **extra: Any) -> dict[str, Any]:
    body = await gql(
        client,
        ROUTE,
        {"input": {"requested": "FRA", "requesting": "DEU", "subject": "MLA", **extra}},
    )
    route: dict[str, Any] = body["data"]["route"]
    return route


async def test_a_channel_rule_for_one_measure_and_requesting_state_changes_the_route(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    # given a secretariat token and the measures vocabulary
    await _vocabularies(session, world)
    token = (await tokens_for(session, world))["secretariat"]
    for_service = {"measure": "SERVICE_OF_DOCUMENTS"}
    before = await _route(client, **for_service)
    assert {"channel": {"code": "INTERPOL"}, "permission": "ACCEPTED"} not in before["channels"]

    # when a rule accepting Interpol for service of documents from Germany is written
    body = await gql(
        client,
        CREATE_CHANNEL_RULE,
        {
            "input": {
                "jurisdiction": "FRA",
                "fields": {
                    "channel": "INTERPOL",
                    "measure": "SERVICE_OF_DOCUMENTS",
                    "requesting": "deu",
                    "sources": [SEEN],
                },
            }
        },
        token=token,
    )
    assert body["data"]["createChannelRule"]["userErrors"] == []

    # then route answers with it for that measure from Germany, and not from China
    after = await _route(client, **for_service)
    assert {"channel": {"code": "INTERPOL"}, "permission": "ACCEPTED"} in after["channels"]
    from_china = await gql(
        client,
        ROUTE,
        {"input": {"requested": "FRA", "requesting": "CHN", "subject": "MLA", **for_service}},
    )
    assert {"channel": {"code": "INTERPOL"}, "permission": "ACCEPTED"} not in from_china["data"][
        "route"
    ]["channels"]


async def test_a_designation_scoped_by_group_and_basis_is_stored_audited_and_routed(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    await _vocabularies(session, world)
    token = (await tokens_for(session, world))["secretariat"]
    authority = gid("Authority", "test-fra-moj")
    body = await gql(
        client,
        CREATE_DESIGNATION,
        {
            "input": {
                "authority": authority,
                "expectedVersion": 1,
                "fields": {
                    "subject": "MLA",
                    "requestingGroup": "EU",
                    "basisCondition": "NO_TREATY",
                    "sources": [SEEN],
                },
            }
        },
        token=token,
    )
    assert body["data"]["createDesignation"]["userErrors"] == []

    history = await gql(client, HISTORY, {"id": authority}, token=token)
    after = history["data"]["node"]["history"][0]["after"]
    assert after == {"requestingGroup": "EU", "basisCondition": "NO_TREATY", "measure": None}
    route = await _route(client)
    matches = [m for d in route["destinations"] for m in d["matches"]]
    assert matches and matches[0]["requesting"] == "EU", route
    assert matches[0]["basis"], matches


def _by_field(errors: list[dict[str, Any]]) -> dict[str, str]:
    """Every message of each field, joined (a field may have two problems)."""
    out: dict[str, str] = {}
    for e in errors:
        out[e["field"][-1]] = f"{out.get(e['field'][-1], '')} {e['message']}"
    return out


async def test_bad_scope_values_are_user_errors_naming_value_and_fix(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    await _vocabularies(session, world)
    token = (await tokens_for(session, world))["secretariat"]
    body = await gql(
        client,
        CREATE_DESIGNATION,
        {
            "input": {
                "authority": gid("Authority", "test-fra-moj"),
                "expectedVersion": 1,
                "fields": {
                    "subject": "MLA",
                    "measure": "TELEPATHY",
                    "requesting": "XXX",
                    "requestingGroup": "NOPE",
                    "basisCondition": "WHEN_IN_FORCE",
                },
            }
        },
        token=token,
    )
    errors = _by_field(body["data"]["createDesignation"]["userErrors"])
    assert "'TELEPATHY' is unknown" in errors["measure"]
    assert "SERVICE_OF_DOCUMENTS" in errors["measure"]
    assert "'XXX'" in errors["requesting"]
    assert "'NOPE' is unknown" in errors["requestingGroup"]
    assert "not both" in errors["requestingGroup"]
    assert "needs the instrument" in errors["basisCondition"]

    body = await gql(
        client,
        CREATE_CHANNEL_RULE,
        {
            "input": {
                "jurisdiction": "FRA",
                "fields": {
                    "channel": "DIPLOMATIC",
                    "basisCondition": "NO_TREATY",
                    "instrument": "UNTOC",
                    "requesting": "DEU",
                    "requestingGroup": "EU",
                },
            }
        },
        token=token,
    )
    errors = _by_field(body["data"]["createChannelRule"]["userErrors"])
    assert "NO_TREATY names no instrument" in errors["instrument"]
    assert "not both" in errors["requestingGroup"]


async def test_a_language_rule_under_a_condition_is_stored(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    token = (await tokens_for(session, world))["secretariat"]
    body = await gql(
        client,
        CREATE_LANGUAGE_RULE,
        {
            "input": {
                "jurisdiction": "FRA",
                "fields": {
                    "language": "en",
                    "basisCondition": "UNLESS_IN_FORCE",
                    "instrument": "UNTOC",
                },
            }
        },
        token=token,
    )
    assert body["data"]["createLanguageRule"]["status"] == "APPLIED", body


APPROVE = """
mutation ($id: ID!) {
  approveChangeRequest(input: {changeRequest: $id}) { status userErrors { message } }
}
"""


async def test_an_editors_scoped_rule_survives_review(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    # given a focal point's rule with a measure and a basis condition, pending review
    await _vocabularies(session, world)
    tokens = await tokens_for(session, world)
    body = await gql(
        client,
        """mutation ($input: CreateChannelRuleInput!) { createChannelRule(input: $input) {
             status changeRequest { id } userErrors { message } } }""",
        {
            "input": {
                "jurisdiction": "FRA",
                "fields": {
                    "channel": "DIPLOMATIC",
                    "permission": "REQUIRED",
                    "measure": "SERVICE_OF_DOCUMENTS",
                    "basisCondition": "NO_TREATY",
                },
            }
        },
        token=tokens["editor_fra"],
    )
    pending = body["data"]["createChannelRule"]
    assert pending["status"] == "PENDING_REVIEW", pending
    # when the secretariat approves it, then it is applied with its scope
    approved = await gql(
        client, APPROVE, {"id": pending["changeRequest"]["id"]}, token=tokens["secretariat"]
    )
    assert approved["data"]["approveChangeRequest"] == {"status": "APPLIED", "userErrors": []}
    route = await _route(client, measure="SERVICE_OF_DOCUMENTS")
    assert {"channel": {"code": "DIPLOMATIC"}, "permission": "REQUIRED"} in route["channels"]
