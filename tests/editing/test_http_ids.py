"""One ID system and one payload per mutation, tried as a new client would: every object
read has a global ID that ``node``/``nodes`` resolve, a rule read can be updated and removed
by its ID, each mutation answers its own payload (echoing ``clientMutationId``), and the
change feed names entities by global ID with typed snapshots."""

from __future__ import annotations

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from directory.graphql.nodes import NODES_MAX
from directory.graphql.schema import schema
from tests.accounts.factories import tokens_for
from tests.editing.changes import (
    designation_of,
    notification_language_rule,
    provision_16_5,
    requirement_of,
)
from tests.editing.factories import World
from tests.helpers import SNAPSHOT, gid, gql

SET_PARTICIPATION = """
mutation ($input: SetParticipationInput!) {
  setParticipation(input: $input) { status clientMutationId userErrors { code } }
}
"""
UPDATE_AUTHORITY = """
mutation ($input: UpdateAuthorityInput!) {
  updateAuthority(input: $input) {
    status clientMutationId changeRequest { id } userErrors { field code message }
  }
}
"""
EVERYTHING = """
{
  instrument(code: "UNTOC") { id provisions { id } }
  jurisdiction(code: "FRA") {
    id
    participations { id sources { id } }
    notifications(instrument: "UNTOC") { id languageRules(first: 5) { id } }
    channelRules(first: 5) { id }
    requirements(first: 5) { id }
    authorities(first: 5) {
      id designations(first: 5) { id channelRules(first: 5) { id } languageRules(first: 5) { id } }
    }
  }
  changeRequests(first: 10) { id }
  changes(first: 50) { id }
  viewer { token { id } }
}
"""
NODE = "query ($id: ID!) { node(id: $id) { __typename id } }"
NODES = "query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }"
POSSIBLE = '{ __type(name: "Node") { possibleTypes { name } } }'


def _ids(value: object) -> list[str]:
    """Every ``id`` in a GraphQL answer, in document order."""
    if isinstance(value, dict):
        found = [value["id"]] if "id" in value else []
        return found + [i for k, v in value.items() if k != "id" for i in _ids(v)]
    if isinstance(value, list):
        return [i for item in value for i in _ids(item)]
    return []


async def test_every_node_type_is_fetched_by_node_and_nodes(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    # given an object of every kind: rules, a notification's rule, a participation with its
    # source, a pending change request and revisions
    tokens = await tokens_for(session, world)
    await provision_16_5(session)
    await notification_language_rule(session, world.fra)
    await requirement_of(session, world.fra)
    d = await designation_of(session, world.fra_authority)
    rule = {"jurisdiction": "FRA", "fields": {"channel": "DIPLOMATIC"}}
    await gql(
        client,
        "mutation ($i: CreateChannelRuleInput!) { createChannelRule(input: $i) { status } }",
        {"i": {**rule, "fields": {"channel": "INTERPOL", "designation": gid("Designation", d.id)},
               "expectedVersion": world.fra_authority.version}},
        token=tokens["secretariat"],
    )  # fmt: skip
    await gql(
        client,
        "mutation ($i: CreateChannelRuleInput!) { createChannelRule(input: $i) { status } }",
        {"i": rule},
        token=tokens["secretariat"],
    )
    participation = {
        "jurisdiction": "FRA",
        "instrument": "UNTOC",
        "consentOn": "2002-10-29",
        "consentType": "APPROVAL",
        "sources": [{"document": "C.N.1.2002.TREATIES-1", "seenOn": "2024-01-02"}],
    }
    await gql(client, SET_PARTICIPATION, {"input": participation}, token=tokens["secretariat"])
    target = {"authority": gid("Authority", world.fra_authority.key)}
    version = (await gql(client, "query ($id: ID!) { authority(id: $id) { version } }",
                         {"id": target["authority"]}))["data"]["authority"]["version"]  # fmt: skip
    pending = await gql(
        client,
        UPDATE_AUTHORITY,
        {"input": {**target, "expectedVersion": version, "city": "Lyon"}},
        token=tokens["editor_fra"],
    )
    assert pending["data"]["updateAuthority"]["status"] == "PENDING_REVIEW", pending

    # when a reviewer reads them all, then asks for each by its ID, one at a time and at once
    body = await gql(client, EVERYTHING, token=tokens["secretariat"])
    assert "errors" not in body, body
    ids = list(dict.fromkeys(_ids(body["data"])))
    one_by_one = []
    for global_id in ids:
        found = (await gql(client, NODE, {"id": global_id}, token=tokens["secretariat"]))["data"]
        assert found["node"] is not None and found["node"]["id"] == global_id, global_id
        one_by_one.append(found["node"])
    at_once = await gql(client, NODES, {"ids": ids[:NODES_MAX]}, token=tokens["secretariat"])

    # then every type that implements Node was among them, and both ways agree
    possible = (await gql(client, POSSIBLE))["data"]["__type"]["possibleTypes"]
    assert {n["__typename"] for n in one_by_one} == {p["name"] for p in possible}
    assert at_once["data"]["nodes"] == one_by_one[:NODES_MAX]


CHANNEL_RULES = """
{ jurisdiction(code: "FRA") { channelRules { id permission preference channel { code }
  designation { id } } } }
"""
UPDATE_RULE = """
mutation ($input: UpdateChannelRuleInput!) {
  updateChannelRule(input: $input) {
    status clientMutationId channelRule { id permission preference } userErrors { code }
  }
}
"""
REMOVE_RULE = """
mutation ($input: RemoveChannelRuleInput!) {
  removeChannelRule(input: $input) {
    status clientMutationId removedChannelRuleId channelRule { id } userErrors { code }
  }
}
"""
CREATE_RULE = """
mutation ($input: CreateChannelRuleInput!) {
  createChannelRule(input: $input) {
    status clientMutationId
    channelRule {
      id channel { code } permission urgentOnly jurisdiction { code } designation { id }
    }
    authority { id }
    userErrors { field code message }
  }
}
"""


async def test_a_rule_is_created_read_updated_and_removed_by_its_id(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    token = (await tokens_for(session, world))["secretariat"]
    # given a rule the client creates: the payload returns it, with its ID
    created = await gql(
        client,
        CREATE_RULE,
        {"input": {"jurisdiction": "FRA", "clientMutationId": "c-1",
                   "fields": {"channel": "INTERPOL", "urgentOnly": True}}},
        token=token,
    )  # fmt: skip
    payload = created["data"]["createChannelRule"]
    assert payload["status"] == "APPLIED" and payload["clientMutationId"] == "c-1"
    rule = payload["channelRule"]
    assert rule["channel"] == {"code": "INTERPOL"} and rule["urgentOnly"] is True
    assert rule["jurisdiction"] == {"code": "FRA"} and rule["designation"] is None
    assert payload["authority"] is None  # a rule of the whole jurisdiction

    # when a new client reads the jurisdiction's rules and finds it there by its ID
    read = (await gql(client, CHANNEL_RULES))["data"]["jurisdiction"]["channelRules"]
    [found] = [r for r in read if r["id"] == rule["id"]]

    # and updates it by that ID, with the fields it read (changed)
    fields = {"channel": found["channel"]["code"], "permission": "REQUIRED", "preference": 3}
    updated = await gql(
        client,
        UPDATE_RULE,
        {"input": {"rule": found["id"], "fields": fields, "clientMutationId": "u-1"}},
        token=token,
    )
    assert updated["data"]["updateChannelRule"] == {
        "status": "APPLIED",
        "clientMutationId": "u-1",
        "channelRule": {"id": rule["id"], "permission": "REQUIRED", "preference": 3},
        "userErrors": [],
    }

    # and removes it by that ID
    removed = await gql(
        client, REMOVE_RULE, {"input": {"rule": found["id"], "clientMutationId": "r-1"}},
        token=token,
    )  # fmt: skip
    assert removed["data"]["removeChannelRule"] == {
        "status": "APPLIED",
        "clientMutationId": "r-1",
        "removedChannelRuleId": rule["id"],
        "channelRule": None,
        "userErrors": [],
    }
    # then the ID names nothing any more
    assert (await gql(client, NODE, {"id": rule["id"]}))["data"] == {"node": None}
    # and removing it again is a user error naming the field, never a server error
    again = await gql(client, REMOVE_RULE, {"input": {"rule": found["id"]}}, token=token)
    assert again["data"]["removeChannelRule"]["userErrors"] == [{"code": "NOT_FOUND"}]


async def test_an_editors_pending_update_answers_the_request_and_the_rule_as_it_is(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    tokens = await tokens_for(session, world)
    created = await gql(
        client, CREATE_RULE,
        {"input": {"jurisdiction": "FRA", "fields": {"channel": "DIPLOMATIC"}}},
        token=tokens["secretariat"],
    )  # fmt: skip
    rule = created["data"]["createChannelRule"]["channelRule"]
    document = UPDATE_RULE.replace("status clientMutationId", "status changeRequest { kind }")
    fields = {"channel": "DIPLOMATIC", "permission": "NOT_ACCEPTED"}
    body = await gql(
        client, document, {"input": {"rule": rule["id"], "fields": fields}},
        token=tokens["editor_fra"],
    )  # fmt: skip
    payload = body["data"]["updateChannelRule"]
    assert payload["status"] == "PENDING_REVIEW"
    assert payload["changeRequest"] == {"kind": "UPDATE_CHANNEL_RULE"}
    assert payload["channelRule"]["permission"] == "ACCEPTED"  # unchanged until approved


def test_every_mutation_has_its_own_payload_with_client_mutation_id() -> None:
    mutation = schema._schema.mutation_type
    assert mutation is not None
    for name, field in mutation.fields.items():
        payload = field.type.of_type  # non-null
        assert payload.name == name[0].upper() + name[1:] + "Payload", name
        assert {"userErrors", "clientMutationId"} <= set(payload.fields), name
        [argument] = field.args.values()
        assert "clientMutationId" in argument.type.of_type.fields, name
    user_error = schema._schema.type_map["UserError"]
    assert str(user_error.fields["code"].type) == "UserErrorCode!"
    assert set(schema._schema.type_map["UserErrorCode"].values) == {
        "INVALID", "INVALID_ID", "NOT_FOUND", "STALE_VERSION", "CONFLICT",
    }  # fmt: skip


async def test_client_mutation_id_is_echoed_when_applied_pending_or_refused(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    tokens = await tokens_for(session, world)
    target = {"authority": gid("Authority", world.fra_authority.key), "clientMutationId": "x"}
    # pending (an editor), applied (the secretariat), refused (the version is now stale)
    answers = []
    for who in ("editor_fra", "secretariat", "secretariat"):
        body = await gql(
            client, UPDATE_AUTHORITY, {"input": {**target, "expectedVersion": 1, "city": "Nice"}},
            token=tokens[who],
        )  # fmt: skip
        answers.append(body["data"]["updateAuthority"])
    assert [(a["status"], a["clientMutationId"]) for a in answers] == [
        ("PENDING_REVIEW", "x"), ("APPLIED", "x"), (None, "x"),
    ]  # fmt: skip
    assert [e["code"] for e in answers[2]["userErrors"]] == ["STALE_VERSION"]
    # a malformed jurisdiction code in confirmEntries is a user error too
    body = await gql(
        client,
        'mutation { confirmEntries(input: {jurisdiction: "FR", clientMutationId: "c"}) '
        "{ confirmed clientMutationId userErrors { field code message } } }",
        token=tokens["editor_fra"],
    )
    assert "errors" not in body, body
    payload = body["data"]["confirmEntries"]
    assert (payload["confirmed"], payload["clientMutationId"]) == (0, "c")
    [error] = payload["userErrors"]
    assert error["field"] == ["input", "jurisdiction"] and error["code"] in ("INVALID", "NOT_FOUND")


FEED = f"""
query ($after: String) {{
  changes(after: $after, first: 50) {{
    id cursor action entityType entityId entity {{ id }} jurisdiction {{ code }}
    authority {{ key }} before {SNAPSHOT} after {SNAPSHOT}
  }}
}}
"""


async def test_the_feed_names_entities_by_global_id_with_typed_snapshots(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    token = (await tokens_for(session, world))["secretariat"]
    d = await designation_of(session, world.fra_authority)
    fields = {"channel": "INTERPOL", "designation": gid("Designation", d.id), "urgentOnly": True}
    created = await gql(
        client, CREATE_RULE,
        {"input": {"jurisdiction": "FRA", "fields": fields,
                   "expectedVersion": world.fra_authority.version}},
        token=token,
    )  # fmt: skip
    rule = created["data"]["createChannelRule"]["channelRule"]

    # when a sync tool reads the feed
    feed = (await gql(client, FEED))["data"]["changes"]
    entry = feed[-1]

    # then the entry names the rule by its global ID, and its snapshot is in the API's names
    assert (entry["action"], entry["entityType"]) == ("CREATE", "CHANNEL_RULE")
    assert entry["entityId"] == rule["id"] and entry["entity"] == {"id": rule["id"]}
    assert entry["jurisdiction"] == {"code": "FRA"}
    assert entry["authority"] == {"key": world.fra_authority.key}
    after = entry["after"]
    assert entry["before"] is None and after["__typename"] == "ChannelRuleSnapshot"
    assert after["jurisdiction"] == gid("Jurisdiction", "FRA")
    assert after["designation"] == gid("Designation", d.id)
    assert after["channel"] == "INTERPOL" and after["urgentOnly"] is True
    assert after["permission"] == "ACCEPTED" and after["verification"] == "UNKNOWN"  # no source
    assert after["instrument"] is None and after["originalWithinDays"] is None
    assert "id" not in after  # entityId names it; an id would merge before and after in caches
    # and its cursor reads on from there
    rest = (await gql(client, FEED, {"after": entry["cursor"]}))["data"]["changes"]
    assert rest == []
    earlier = (await gql(client, FEED, {"after": feed[0]["cursor"]}))["data"]["changes"]
    assert earlier == feed[1:]
    # a cursor that is not one of the feed is refused, naming it
    bad = await gql(client, FEED, {"after": gid("Designation", d.id)})
    assert bad["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": ["after"]}


async def test_nodes_beyond_its_bound_is_refused_and_its_length_is_charged(
    client: httpx.AsyncClient,
) -> None:
    ids = [gid("Jurisdiction", "FRA")] * (NODES_MAX + 1)
    body = await gql(client, NODES, {"ids": ids})
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == ["ids"]
    assert f"at most {NODES_MAX} IDs, not {NODES_MAX + 1}" in error["message"]
    # within the bound: one node per ID in the cost, nulls for IDs that name nothing
    body = await gql(client, NODES, {"ids": [gid("Jurisdiction", "FRA"), "!!!", gid("Nope", 1)]})
    assert body["data"]["nodes"][1:] == [None, None]
    assert body["extensions"]["cost"]["requested"] == 3
