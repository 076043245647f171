"""The 18(14) language list of a notification, through HTTP: ``setNotification`` takes
``languages``, the ``Notification`` lists them, ``route`` shows them as notified, and a
language rule can cite the notification."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.enums import ConsentType, ProvisionKind, Verification
from directory.treaties.models import Instrument, Participation, Provision
from tests.accounts.factories import tokens_for
from tests.editing.factories import World
from tests.helpers import gql

SET_NOTIFICATION = """
mutation ($input: SetNotificationInput!) {
  setNotification(input: $input) {
    status userErrors { field code message }
    notification { id languages languageRules { language { code } preference verification } }
  }
}
"""
CREATE_LANGUAGE_RULE = """
mutation ($input: CreateLanguageRuleInput!) {
  createLanguageRule(input: $input) { status userErrors { field code message } }
}
"""
NOTIFICATION = "query ($id: ID!) { node(id: $id) { ... on Notification { languages } } }"
ROUTE = """
query { route(input: {requested: "FRA", requesting: "DEU", subject: "MLA"}) {
  languages { language { code } level }
} }
"""
DEPOSITARY = {
    "document": "C.N.9.2004.TREATIES-12",
    "kind": "DEPOSITARY",
    "seenOn": "2026-10-01",
}


async def _provisions(session: AsyncSession, world: World) -> None:
    untoc = await session.scalar(select(Instrument).where(Instrument.code == "UNTOC"))
    assert untoc is not None
    untoc.entry_into_force_on = dt.date(2003, 9, 29)
    for article, kind in (("18(14)", ProvisionKind.LANGUAGES), ("16(5)", ProvisionKind.OTHER)):
        held = await session.scalar(
            select(Provision).where(
                Provision.instrument_id == untoc.id, Provision.article == article
            )
        )  # the seed's, when a test before loaded it
        if held is None:
            session.add(
                Provision(instrument_id=untoc.id, article=article, kind=kind, summary=article)
            )
    for j in (world.fra, world.deu):  # both parties, so that 18(14) facts hold between them
        held_by = await session.scalar(
            select(Participation).where(
                Participation.jurisdiction_id == j.id, Participation.instrument_id == untoc.id
            )
        )
        if held_by is not None:
            continue
        session.add(
            Participation(
                jurisdiction_id=j.id,
                instrument_id=untoc.id,
                consent_on=dt.date(2003, 1, 1),
                consent_type=ConsentType.RATIFICATION,
                verification=Verification.OFFICIAL,
            )
        )
    await session.flush()


def _notification(article: str = "18(14)", **extra: Any) -> dict[str, Any]:
    return {
        "input": {
            "jurisdiction": "FRA",
            "instrument": "UNTOC",
            "article": article,
            "status": "NOTIFIED",
            "sources": [DEPOSITARY],
            **extra,
        }
    }


async def test_the_secretariat_sets_the_languages_of_an_18_14_notification(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    # given the UNTOC provisions and a secretariat token
    await _provisions(session, world)
    token = (await tokens_for(session, world))["secretariat"]

    # when France's 18(14) notification is set with French and English (in any case)
    body = await gql(client, SET_NOTIFICATION, _notification(languages=["FR", "en"]), token=token)

    # then it lists them in order, each a rule citing the notification's verification
    assert body.get("data"), body
    written = body["data"]["setNotification"]
    assert written["userErrors"] == []
    assert written["notification"]["languages"] == ["fr", "en"]
    assert written["notification"]["languageRules"] == [
        {"language": {"code": "fr"}, "preference": 0, "verification": "OFFICIAL"},
        {"language": {"code": "en"}, "preference": 1, "verification": "OFFICIAL"},
    ]
    route = (await gql(client, ROUTE))["data"]["route"]
    assert {r["language"]["code"] for r in route["languages"]} >= {"fr", "en"}, route
    assert all(r["level"] == "NOTIFICATION" for r in route["languages"]), route

    # when it is set again with English only, then French is gone; null keeps the list
    body = await gql(client, SET_NOTIFICATION, _notification(languages=["en"]), token=token)
    assert body["data"]["setNotification"]["notification"]["languages"] == ["en"]
    body = await gql(client, SET_NOTIFICATION, _notification(summary="English"), token=token)
    notification = body["data"]["setNotification"]["notification"]
    assert notification["languages"] == ["en"]

    # and a language rule can join the notification's list by citing it
    body = await gql(
        client,
        CREATE_LANGUAGE_RULE,
        {
            "input": {
                "jurisdiction": "FRA",
                "fields": {"language": "es", "preference": 5, "notification": notification["id"]},
            }
        },
        token=token,
    )
    assert body["data"]["createLanguageRule"] == {"status": "APPLIED", "userErrors": []}
    listed = await gql(client, NOTIFICATION, {"id": notification["id"]})
    assert listed["data"]["node"]["languages"] == ["en", "es"]


async def test_bad_languages_are_user_errors(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    await _provisions(session, world)
    token = (await tokens_for(session, world))["secretariat"]
    body = await gql(
        client, SET_NOTIFICATION, _notification(languages=["fr", "xx", "FR"]), token=token
    )
    messages = {
        tuple(e["field"]): e["message"] for e in body["data"]["setNotification"]["userErrors"]
    }
    assert "'xx' is not an ISO 639 code" in messages[("input", "languages", "1")]
    assert "listed twice" in messages[("input", "languages", "2")]

    body = await gql(
        client, SET_NOTIFICATION, _notification(languages=["fr"], status="UNKNOWN"), token=token
    )
    [error] = body["data"]["setNotification"]["userErrors"]
    assert "status is UNKNOWN" in error["message"]

    body = await gql(
        client, SET_NOTIFICATION, _notification("16(5)", languages=["fr"]), token=token
    )
    [error] = body["data"]["setNotification"]["userErrors"]
    assert "not under art. 16(5)" in error["message"]


async def test_only_the_secretariat_attaches_a_rule_to_a_notification(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    # given France's 18(14) notification
    await _provisions(session, world)
    tokens = await tokens_for(session, world)
    body = await gql(
        client, SET_NOTIFICATION, _notification(languages=["fr"]), token=tokens["secretariat"]
    )
    notification = body["data"]["setNotification"]["notification"]["id"]
    variables = {
        "input": {"jurisdiction": "FRA", "fields": {"language": "en", "notification": notification}}
    }

    # when France's editor writes a rule citing it, then the notification's permission is named
    refused = await gql(client, CREATE_LANGUAGE_RULE, variables, token=tokens["editor_fra"])
    assert refused["errors"][0]["extensions"] == {
        "code": "FORBIDDEN",
        "permission": "directory:notification:write",
    }
    # and Germany's rule cannot cite France's notification
    variables["input"]["jurisdiction"] = "DEU"
    body = await gql(client, CREATE_LANGUAGE_RULE, variables, token=tokens["secretariat"])
    [error] = body["data"]["createLanguageRule"]["userErrors"]
    assert "another jurisdiction's" in error["message"]


async def test_an_editors_language_rule_cites_the_notification_as_its_source(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    # given France's 18(14) notification, recorded from its depositary notification
    await _provisions(session, world)
    tokens = await tokens_for(session, world)
    body = await gql(
        client,
        "mutation ($input: SetNotificationInput!) { setNotification(input: $input) "
        "{ notification { sources { id kind } } } }",
        _notification(languages=["fr"]),
        token=tokens["secretariat"],
    )
    [source] = body["data"]["setNotification"]["notification"]["sources"]
    assert source["kind"] == "DEPOSITARY"
    # when France's editor proposes a State-wide rule citing that notification's source
    proposed = await gql(
        client,
        "mutation ($input: CreateLanguageRuleInput!) { createLanguageRule(input: $input) "
        "{ status changeRequest { id } userErrors { message } } }",
        {
            "input": {
                "jurisdiction": "FRA",
                "fields": {"language": "en", "sourceIds": [source["id"]]},
            }
        },
        token=tokens["editor_fra"],
    )
    answer = proposed["data"]["createLanguageRule"]
    assert answer["status"] == "PENDING_REVIEW", answer
    approved = await gql(
        client,
        "mutation ($id: ID!) { approveChangeRequest(input: {changeRequest: $id}) "
        "{ status changeRequest { objectIds } } }",
        {"id": answer["changeRequest"]["id"]},
        token=tokens["secretariat"],
    )
    [rule_id] = approved["data"]["approveChangeRequest"]["changeRequest"]["objectIds"]
    # then the rule stands on the depositary's record, OFFICIAL, citing the same source
    rule = await gql(
        client,
        "query ($id: ID!) { node(id: $id) { ... on LanguageRule "
        "{ verification sources { id kind } } } }",
        {"id": rule_id},
    )
    assert rule["data"]["node"] == {
        "verification": "OFFICIAL",
        "sources": [{"id": source["id"], "kind": "DEPOSITARY"}],
    }
