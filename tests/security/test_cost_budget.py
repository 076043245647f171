"""The cost budget over HTTP: refused before execution with QUERY_TOO_COMPLEX, reported in
``extensions.cost`` otherwise, on ``info.context.cost`` before execution; every list that can
grow takes ``first``, limited per owner."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pytest
from strawberry.extensions import SchemaExtension

from directory.app import create_app
from directory.config import DEFAULT_MAX_QUERY_COST, Settings
from directory.db import SerialSession
from directory.graphql.schema import schema
from tests.authorities.factories import Factory
from tests.helpers import gql

README = Path(__file__).resolve().parents[2] / "README.md"
README_QUERIES = [
    q
    for q in re.findall(r"```graphql\n(.*?)```", README.read_text(), re.S)
    if not q.lstrip().startswith("mutation")
]
# The shape of the issue's 353-byte query (17 s, 2.9 MB on main): inside every document
# limit, about 926,000 nodes at the default page sizes.
HOSTILE = """{ authorities(first: 100) { nodes { name designations { subject { code } authority {
name designations { subject { code } authority { name designations { subject { code } } } } } }
jurisdiction { code authorities { name designations { subject { code } } history { actor } } }
history { actor action before { __typename } after { __typename } } } } }"""
FEED_30 = "{ " + " ".join(f"c{i}: changes(first: 500) {{ id }}" for i in range(30)) + " }"
PAGED = """
query ($n: Int!, $m: Int!) {
  authorities(first: $n) { nodes { designations(first: $m) { subject { code } } } }
}
"""


@pytest.fixture
def make(session: SerialSession) -> Factory:
    return Factory(session)


def _error(body: dict[str, Any]) -> dict[str, Any]:
    [error] = body["errors"]
    return error


@pytest.mark.parametrize("query", README_QUERIES)
async def test_the_readmes_queries_pass_and_report_their_cost(client, seeded, query) -> None:
    body = await gql(client, query)
    assert "errors" not in body, body
    requested = body["extensions"]["cost"]["requested"]
    assert 1 <= requested <= DEFAULT_MAX_QUERY_COST
    assert body["extensions"]["cost"]["budget"] == DEFAULT_MAX_QUERY_COST


async def test_the_issues_hostile_query_is_refused_before_it_runs(client, sql_counter) -> None:
    sql_counter.reset()
    error = _error(await gql(client, HOSTILE))
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert error["extensions"]["cost"] == 926_100
    assert error["extensions"]["budget"] == DEFAULT_MAX_QUERY_COST
    assert "926100 nodes" in error["message"] and "5000" in error["message"]
    assert sql_counter.count == 0  # nothing was read


async def test_a_named_operation_among_several_is_costed(client, sql_counter) -> None:
    # the budget must cost the operation operationName picks, not give up on the document
    document = "query Cheap { __typename }\nquery Hostile " + HOSTILE
    sql_counter.reset()
    response = await client.post("/graphql", json={"query": document, "operationName": "Hostile"})
    error = _error(response.json())
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert error["extensions"]["cost"] == 926_100
    assert sql_counter.count == 0
    cheap = await client.post("/graphql", json={"query": document, "operationName": "Cheap"})
    assert cheap.json()["data"] == {"__typename": "Query"}


async def test_thirty_aliases_of_the_feed_are_refused(client) -> None:
    error = _error(await gql(client, FEED_30))
    assert error["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert error["extensions"]["cost"] == 30 * 500


async def test_a_trivial_query_is_answered_alongside_a_refused_one(client) -> None:
    hostile, trivial = await asyncio.gather(gql(client, HOSTILE), gql(client, "{ __typename }"))
    assert _error(hostile)["extensions"]["code"] == "QUERY_TOO_COMPLEX"
    assert trivial["data"] == {"__typename": "Query"}


async def test_the_cost_uses_the_requests_variables(client) -> None:
    small = await gql(client, PAGED, {"n": 10, "m": 3})
    large = await gql(client, PAGED, {"n": 100, "m": 100})
    assert small["extensions"]["cost"] == {"requested": 40, "budget": DEFAULT_MAX_QUERY_COST}
    assert _error(large)["extensions"]["cost"] == 100 + 100 * 100


async def test_the_budget_is_a_setting(settings, engine, sessionmaker) -> None:
    tight = Settings(database_url=settings.database_url, max_query_cost=30)
    app = create_app(tight, engine=engine, sessionmaker=sessionmaker)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://directory.test"
    ) as client:
        error = _error(await gql(client, PAGED, {"n": 10, "m": 3}))
    assert error["extensions"] == {"code": "QUERY_TOO_COMPLEX", "cost": 40, "budget": 30}


def test_a_bad_budget_setting_names_the_fix() -> None:
    from directory.errors import ConfigError

    with pytest.raises(ConfigError, match="DIRECTORY_MAX_QUERY_COST=0 is below 1"):
        Settings.from_env({"DIRECTORY_MAX_QUERY_COST": "0"})


class CostProbe(SchemaExtension):
    """What a rate limiter sees: the context's cost when execution starts."""

    seen: ClassVar[list[int]] = []

    def on_execute(self) -> Iterator[None]:
        CostProbe.seen.append(self.execution_context.context.cost)
        yield


async def test_the_cost_is_on_the_context_before_execution(client, monkeypatch) -> None:
    # given a probe listed after the schema's own extensions, as the rate limiter would be
    monkeypatch.setattr(schema, "extensions", [*schema.extensions, CostProbe])
    CostProbe.seen = []
    # when
    await gql(client, PAGED, {"n": 10, "m": 3})
    await gql(client, HOSTILE)  # refused: never executed
    # then
    assert CostProbe.seen == [40]


LISTS = {
    "Jurisdiction.authorities": '{ jurisdiction(code: "XAA") { authorities(first: %d) { key } } }',
    "Jurisdiction.channelRules": '{ jurisdiction(code: "XAA") '
    "{ channelRules(first: %d) { preference } } }",
    "Jurisdiction.languageRules": '{ jurisdiction(code: "XAA") '
    "{ languageRules(first: %d) { preference } } }",
    "Authority.designations": '{ jurisdiction(code: "XAA") { authorities(first: 1) '
    "{ designations(first: %d) { id } } } }",
    "Authority.history": '{ jurisdiction(code: "XAA") { authorities(first: 1) '
    "{ history(first: %d) { id } } } }",
    "Designation.channelRules": '{ jurisdiction(code: "XAA") { authorities(first: 1) '
    "{ designations(first: 1) { channelRules(first: %d) { preference } } } } }",
    "Designation.languageRules": '{ jurisdiction(code: "XAA") { authorities(first: 1) '
    "{ designations(first: 1) { languageRules(first: %d) { preference } } } } }",
    "Query.history": '{ history(authority: "QXV0aG9yaXR5OmF1dC14YWEtMQ==", first: %d) { id } }',
    "Query.changeRequests": "{ changeRequests(first: %d) { id } }",
}


async def _one_entry(make: Factory) -> None:
    state = await make.jurisdiction("XAA", "Arcadia")
    authority = await make.authority(state, "Ministry of Justice", key="aut-xaa-1")
    designation = await make.designation(authority)
    await make.channel_rule(state, "EMAIL", designation=designation)
    await make.channel_rule(state, "POST")
    await make.language_rule(state, "en", designation=designation)
    await make.language_rule(state, "fr")


@pytest.mark.parametrize("field", LISTS)
@pytest.mark.parametrize("beyond", ["below", "above"])
async def test_first_out_of_range_is_bad_user_input_naming_value_and_range(
    client, make, field, beyond
) -> None:
    await _one_entry(make)
    maximum = 500 if field in ("Query.history", "Query.changeRequests") else 100
    first = -1 if beyond == "below" else maximum + 1
    error = _error(await gql(client, LISTS[field] % first))
    assert error["extensions"]["code"] == "BAD_USER_INPUT", (field, error)
    assert f"first={first} is out of range" in error["message"]
    assert f"to {maximum}" in error["message"]


async def test_first_limits_each_owner_in_one_statement(client, make, sql_counter) -> None:
    # given two authorities with three designations each
    state = await make.jurisdiction("XAA", "Arcadia")
    for name in ("A", "B"):
        authority = await make.authority(state, name)
        for priority in (3, 1, 2):
            await make.designation(authority, priority=priority)
    query = """{ jurisdiction(code: "XAA") { authorities(first: 5) {
        designations(first: 2) { priority } } } }"""
    # when
    sql_counter.reset()
    body = await gql(client, query)
    # then each authority gets its two preferred designations, read in one statement
    assert body["data"]["jurisdiction"]["authorities"] == [
        {"designations": [{"priority": 1}, {"priority": 2}]},
        {"designations": [{"priority": 1}, {"priority": 2}]},
    ]
    designation_reads = [s for s in sql_counter.statements if "FROM designation" in s]
    assert len(designation_reads) == 1
