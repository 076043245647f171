"""Provenance on authority-side writes, through HTTP: every create and update takes
``sources`` and ``verification``; a fact with no source is UNKNOWN and ``route`` says so;
sources are stored once by URL or document symbol and reused by ``id``."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.treaties.models import Source
from tests.accounts.factories import tokens_for
from tests.editing.factories import World
from tests.helpers import gid, gql

CREATE_AUTHORITY = """
mutation ($input: CreateAuthorityInput!) {
  createAuthority(input: $input) {
    status changeRequest { id } userErrors { field code message }
    authority {
      id version verification
      sources { id url document kind statedOn seenOn }
    }
  }
}
"""
CREATE_DESIGNATION = """
mutation ($input: CreateDesignationInput!) {
  createDesignation(input: $input) {
    status userErrors { field code message }
    authority { version }
    designation { id verification sources { id kind } }
  }
}
"""
CREATE_LANGUAGE_RULE = """
mutation ($input: CreateLanguageRuleInput!) {
  createLanguageRule(input: $input) {
    status userErrors { field code message }
    languageRule { id verification sources { id document } }
  }
}
"""
APPROVE = """
mutation ($id: ID!) {
  approveChangeRequest(input: {changeRequest: $id}) {
    status userErrors { message }
    authority { verification sources { url kind statedOn } }
  }
}
"""
ROUTE = """
query ($input: RouteInput!) { route(input: $input) { warnings { code message } } }
"""
DEPOSITARY = {
    "url": "https://treaties.example/untoc-18-13-fra",
    "document": "C.N.1.2026.TREATIES-XVIII.12",
    "title": "Depositary notification: France, art. 18(13)",
    "kind": "DEPOSITARY",
    "statedOn": "2026-01-15",
    "seenOn": "2026-11-01",
}
PRESS = {
    "url": "https://press.example/new-central-authority",
    "kind": "PRESS",
    "seenOn": "2026-11-02",
}


def _authority(**extra: Any) -> dict[str, Any]:
    return {
        "jurisdiction": "FRA",
        "names": [{"language": "fr", "name": "Bureau de l'entraide pénale", "isOriginal": True}],
        **extra,
    }


async def test_a_sourced_authority_is_official_and_cites_its_source(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    tokens = await tokens_for(session, world)
    # when the secretariat enters an authority citing the depositary's notification
    body = await gql(
        client, CREATE_AUTHORITY, {"input": _authority(sources=[DEPOSITARY])},
        token=tokens["secretariat"],
    )  # fmt: skip
    payload = body["data"]["createAuthority"]
    # then it is OFFICIAL and cites the source with its kind and both dates
    assert payload["userErrors"] == []
    authority = payload["authority"]
    assert authority["verification"] == "OFFICIAL"
    [source] = authority["sources"]
    assert source["kind"] == "DEPOSITARY"
    assert (source["statedOn"], source["seenOn"]) == ("2026-01-15", "2026-11-01")
    assert source["document"] == DEPOSITARY["document"]


async def test_a_fact_without_a_source_is_unknown_and_route_says_so(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    tokens = await tokens_for(session, world)
    # given an authority claimed OFFICIAL but citing nothing, designated for MLA, unsourced
    body = await gql(
        client, CREATE_AUTHORITY, {"input": _authority(verification="OFFICIAL")},
        token=tokens["secretariat"],
    )  # fmt: skip
    authority = body["data"]["createAuthority"]["authority"]
    designation = await gql(
        client,
        CREATE_DESIGNATION,
        {"input": {"authority": authority["id"], "expectedVersion": authority["version"],
                   "fields": {"subject": "MLA", "verification": "OFFICIAL"}}},
        token=tokens["secretariat"],
    )  # fmt: skip
    created = designation["data"]["createDesignation"]
    # then both are stored UNKNOWN: nobody can check a fact that cites nothing
    assert authority["verification"] == "UNKNOWN"
    assert authority["sources"] == []
    assert created["designation"]["verification"] == "UNKNOWN"
    # and the authority's version moved once per write
    assert created["authority"]["version"] == authority["version"] + 1
    # and route names them in its UNVERIFIED_DATA warning
    answer = await gql(
        client, ROUTE, {"input": {"requesting": "DEU", "requested": "FRA", "subject": "MLA"}}
    )
    warnings = {w["code"]: w["message"] for w in answer["data"]["route"]["warnings"]}
    assert "UNVERIFIED_DATA" in warnings
    assert "(unknown)" in warnings["UNVERIFIED_DATA"]


async def test_a_press_report_cannot_make_a_fact_official(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    tokens = await tokens_for(session, world)
    body = await gql(
        client,
        CREATE_AUTHORITY,
        {"input": _authority(sources=[PRESS], verification="OFFICIAL")},
        token=tokens["secretariat"],
    )
    # the claim is capped at what the sources support
    assert body["data"]["createAuthority"]["authority"]["verification"] == "SECONDARY"


async def test_a_source_is_stored_once_and_reused_by_its_id(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    tokens = await tokens_for(session, world)
    # given an authority citing the depositary notification
    body = await gql(
        client, CREATE_AUTHORITY, {"input": _authority(sources=[DEPOSITARY])},
        token=tokens["secretariat"],
    )  # fmt: skip
    authority = body["data"]["createAuthority"]["authority"]
    source_id = authority["sources"][0]["id"]
    # when a designation cites it by id, and a language rule gives its document symbol again
    designation = await gql(
        client,
        CREATE_DESIGNATION,
        {"input": {"authority": authority["id"], "expectedVersion": authority["version"],
                   "fields": {"subject": "MLA", "sourceIds": [source_id]}}},
        token=tokens["secretariat"],
    )  # fmt: skip
    rule = await gql(
        client,
        CREATE_LANGUAGE_RULE,
        {"input": {"jurisdiction": "FRA", "fields": {
            "language": "fr",
            "sources": [{"document": DEPOSITARY["document"], "kind": "DEPOSITARY",
                         "seenOn": "2026-11-03"}],
        }}},
        token=tokens["secretariat"],
    )  # fmt: skip
    # then all three cite the one stored source, and each is OFFICIAL
    d = designation["data"]["createDesignation"]["designation"]
    r = rule["data"]["createLanguageRule"]["languageRule"]
    assert [s["id"] for s in d["sources"]] == [source_id]
    assert [s["id"] for s in r["sources"]] == [source_id]
    assert d["verification"] == r["verification"] == "OFFICIAL"
    count = await session.scalar(
        select(func.count()).select_from(Source).where(Source.document == DEPOSITARY["document"])
    )
    assert count == 1


async def test_an_unknown_source_id_or_a_bad_date_is_refused_with_its_field(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    tokens = await tokens_for(session, world)
    unknown = await gql(
        client,
        CREATE_AUTHORITY,
        {"input": _authority(sourceIds=[gid("Source", 99_999_999)])},
        token=tokens["secretariat"],
    )
    assert "errors" not in unknown, unknown
    [error] = unknown["data"]["createAuthority"]["userErrors"]
    assert (error["field"], error["code"]) == (["input", "sourceIds", "0"], "NOT_FOUND")
    late = await gql(
        client,
        CREATE_AUTHORITY,
        {"input": _authority(sources=[{**DEPOSITARY, "statedOn": "2026-12-01"}])},
        token=tokens["secretariat"],
    )
    [error] = late["data"]["createAuthority"]["userErrors"]
    assert error["field"] == ["input", "sources", "0", "statedOn"]
    assert "2026-12-01" in error["message"] and "seenOn" in error["message"]


async def test_an_editors_sourced_change_keeps_its_sources_until_approved(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    tokens = await tokens_for(session, world)
    # given a State editor's new authority, citing the depositary, queued for review
    body = await gql(
        client, CREATE_AUTHORITY, {"input": _authority(sources=[DEPOSITARY])},
        token=tokens["editor_fra"],
    )  # fmt: skip
    pending = body["data"]["createAuthority"]
    assert pending["status"] == "PENDING_REVIEW" and pending["userErrors"] == []
    # when the secretariat approves it
    approved = await gql(
        client, APPROVE, {"id": pending["changeRequest"]["id"]}, token=tokens["secretariat"]
    )
    # then the source and its dates survived the queue
    answer = approved["data"]["approveChangeRequest"]
    assert answer["userErrors"] == []
    assert answer["authority"]["verification"] == "OFFICIAL"
    assert answer["authority"]["sources"] == [
        {"url": DEPOSITARY["url"], "kind": "DEPOSITARY", "statedOn": "2026-01-15"}
    ]
