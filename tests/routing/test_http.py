"""The scenario table again, through HTTP and GraphQL (the whole stack), plus search."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import gql
from tests.routing.scenarios import PARAMS, check
from tests.routing.world import NOW, build_world

ROUTE = """
query Route($input: RouteInput!) {
  route(input: $input) {
    target { id code }
    destinations {
      authority { id key }
      matches {
        designation { id }
        scope { stage matter place measure requesting basis }
        residual viaParent measure requesting basis
      }
      office { openNow closesAt nextOpensAt }
    }
    channels { channel { code } permission conditions { code message } }
    languages { language { code } condition level basis }
    legalBases { instrument inForceForRequestingOn }
    extradition { basis status treatyOrLawNeeded message }
    requirements { kind kindName status text url subject measure basis verification }
    warnings { code message }
    sources { url seenOn }
    oldestConfirmationOn
  }
}
"""

SEARCH = """
query Search($text: String!, $first: Int, $after: String) {
  search(text: $text, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { code kind match language node { id __typename } } }
  }
}
"""


@pytest.fixture
async def world(session, monkeypatch) -> None:
    await build_world(session)
    # the resolver asks the clock; the table is written for one instant
    monkeypatch.setattr("directory.graphql.routing.resolvers.utcnow", lambda: NOW)


def summarise(route: dict[str, Any]) -> dict[str, Any]:
    def moment(office: dict[str, Any] | None) -> tuple[bool, str] | None:
        if office is None:
            return None
        at = office["closesAt"] if office["openNow"] else office["nextOpensAt"]
        return (office["openNow"], at)

    messages: dict[str, list[str]] = {}
    for w in route["warnings"]:
        messages.setdefault(w["code"], []).append(w["message"])
    messages["EXTRADITION"] = [p["message"] for p in route["extradition"]]
    return {
        "destinations": [d["authority"]["key"] for d in route["destinations"]],
        "warnings": [w["code"] for w in route["warnings"]],
        "channels": [c["channel"]["code"] for c in route["channels"]],
        "conditions": {
            c["channel"]["code"]: {x["code"] for x in c["conditions"]} for c in route["channels"]
        },
        "languages": [lang["language"]["code"] for lang in route["languages"]],
        "language_conditions": {
            lang["language"]["code"]: lang["condition"] for lang in route["languages"]
        },
        "bases": [b["instrument"] for b in route["legalBases"]],
        "extradition": [p["basis"] or p["status"] for p in route["extradition"]],
        "requirements": [q["kind"] for q in route["requirements"]],
        "office": {d["authority"]["key"]: moment(d["office"]) for d in route["destinations"]},
        "messages": messages,
    }


@pytest.mark.parametrize(("request_", "expected"), PARAMS)
async def test_scenario_over_http(
    client, world, sql_counter, request_: dict[str, Any], expected: dict[str, Any]
) -> None:
    sql_counter.reset()
    body = await gql(client, ROUTE, {"input": request_})
    if "error" in expected:
        field, suggestion = expected["error"]
        [error] = body["errors"]
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
        assert error["extensions"]["field"] == field
        if suggestion:
            assert suggestion in error["extensions"]["suggestions"]
        return
    assert "errors" not in body, body
    route = body["data"]["route"]
    check(summarise(route), expected)
    # the service's eleven at most, then target, authorities and designations by loader
    assert sql_counter.count <= 14
    for destination in route["destinations"]:
        assert destination["authority"]["id"]  # a Relay global ID, usable with node(id:)


async def test_search_over_http_returns_relay_nodes(client, session) -> None:
    from tests.routing.factories import Factory

    f = Factory(session)
    j = await f.jurisdiction("XQC", "Côtesia d’Essai", names={"fr": "Côtesie"})
    await f.authority(j, "srch-http", "Côtesian Ministry", original=("fr", "Ministère côtesien"))
    await session.flush()
    body = await gql(client, SEARCH, {"text": "ministere cotesien", "first": 1})
    result = body["data"]["search"]
    [edge] = result["edges"]
    assert edge["node"]["code"] == "srch-http"
    assert edge["node"]["language"] == "fr"
    assert edge["node"]["node"]["__typename"] == "Authority"
    body = await gql(client, SEARCH, {"text": "cotesia", "first": 1})
    assert body["data"]["search"]["edges"][0]["node"]["node"]["__typename"] == "Jurisdiction"
    bad = await gql(client, SEARCH, {"text": "x", "after": "nope"})
    assert bad["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": ["after"]}
