"""GraphQL over HTTP: methods, media types, the IDE, health, error codes and masking."""

from __future__ import annotations

import base64

import pytest

from directory.treaties import services as treaty_services
from tests.authorities.factories import Factory
from tests.helpers import gql

TYPENAME = "{ __typename }"
INSTRUMENTS = "{ instruments { code } }"
JURISDICTION = "query ($code: String!) { jurisdiction(code: $code) { code name } }"
UNKNOWN_FIELD = '{ jurisdiction(code: "XAA") { cod } }'
MUTATION = "mutation { __typename }"


async def test_healthz_reports_ok_when_database_is_at_head(client) -> None:
    # when
    response = await client.get("/healthz")
    # then
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "ok"
    assert body["revision"]


async def test_query_over_get_works(client, make: Factory) -> None:
    # given
    await make.jurisdiction("XAA", "Aland Test")
    # when
    response = await client.get(
        "/graphql",
        params={"query": JURISDICTION, "variables": '{"code": "XAA"}'},
        headers={"accept": "application/json"},
    )
    # then
    assert response.status_code == 200, response.text
    assert response.json()["data"] == {"jurisdiction": {"code": "XAA", "name": "Aland Test"}}
    assert "errors" not in response.json()


async def test_mutation_over_get_is_refused(client) -> None:
    response = await client.get("/graphql", params={"query": MUTATION})
    assert response.status_code == 400
    assert "mutations are not allowed when using GET" in response.text


async def test_browser_gets_graphiql(client) -> None:
    response = await client.get("/graphql", headers={"accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "graphiql" in response.text.lower()


async def test_graphql_response_json_when_client_accepts_it(client) -> None:
    # when: a valid query, then an invalid one
    ok = await client.post(
        "/graphql",
        json={"query": TYPENAME},
        headers={"accept": "application/graphql-response+json"},
    )
    bad = await client.post(
        "/graphql",
        json={"query": UNKNOWN_FIELD},
        headers={"accept": "application/graphql-response+json"},
    )
    # then
    assert ok.status_code == 200
    assert ok.headers["content-type"].startswith("application/graphql-response+json")
    assert ok.json()["data"] == {"__typename": "Query"}
    assert "errors" not in ok.json()
    assert bad.status_code == 400
    assert "data" not in bad.json()


async def test_unknown_field_gives_readable_validation_error_without_suggestions(client) -> None:
    body = await gql(client, UNKNOWN_FIELD)
    [error] = body["errors"]
    assert error["message"] == "Cannot query field 'cod' on type 'Jurisdiction'."
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


async def test_unknown_code_is_null(client) -> None:
    body = await gql(client, JURISDICTION, {"code": "XZZ"})
    assert body["data"] == {"jurisdiction": None}
    assert "errors" not in body


@pytest.mark.parametrize("code", ["F", "FRANCE", "12A", ""])
async def test_malformed_code_is_bad_user_input_naming_it(client, code: str) -> None:
    body = await gql(client, JURISDICTION, {"code": code})
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert repr(code) in error["message"]
    assert "alpha-3" in error["message"]
    assert body["data"] == {"jurisdiction": None}


async def test_unexpected_error_is_masked(client, monkeypatch, caplog) -> None:
    # given: a service that fails the way a bug would, with a message that must not leak
    async def broken(session):
        raise RuntimeError("password=hunter2 in SELECT * FROM secret")

    monkeypatch.setattr(treaty_services, "all_instruments", broken)
    # when
    body = await gql(client, INSTRUMENTS)
    # then
    [error] = body["errors"]
    assert error["message"] == "Unexpected error."
    assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
    assert "hunter2" not in str(body)
    # and the server log names the failure for whoever must fix it (its type and where it
    # was raised), never its message: a database error's message quotes the values
    assert "RuntimeError" in caplog.text
    [record] = [r for r in caplog.records if r.name == "directory.errors"]
    assert "broken" in record.fields["traceback"]
    assert "hunter2" not in caplog.text and "hunter2" not in str(record.__dict__)


async def test_expected_outcomes_are_not_logged_as_failures(client, caplog) -> None:
    # given requests the API refuses on purpose: bad input and an invalid document
    await gql(client, JURISDICTION, {"code": "FRANCE"})
    await gql(client, "{ nosuchfield }")
    # then the client got its errors, and the server log holds no traceback for them
    assert "strawberry.execution" not in {r.name for r in caplog.records}


async def test_too_deep_query_is_refused(client) -> None:
    deep = '{ jurisdiction(code: "XAA") ' + "{ parent " * 12 + "{ code }" + " }" * 12 + " }"
    body = await gql(client, deep)
    [error] = body["errors"]
    assert "exceeds maximum operation depth" in error["message"]


NODE = "query ($id: ID!) { node(id: $id) { id } }"


async def test_node_with_an_id_this_api_did_not_give_is_null(client) -> None:
    # Relay: an ID that names nothing is a miss, whatever its shape; nodes(ids:) agrees
    foreign = base64.b64encode(b"Spaceship:1").decode()  # decodes, names no type here
    for bad in ("not-a-global-id", "", "@@@", foreign):
        body = await gql(client, NODE, {"id": bad})
        assert body["data"] == {"node": None} and "errors" not in body, (bad, body)
        many = await gql(client, "query ($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": [bad]})
        assert many["data"] == {"nodes": [None]}, bad
