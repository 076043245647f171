"""Document limits: refused in time linear in the document, the cache keeps hitting, and the
caches stay within their budget in bytes."""

from __future__ import annotations

import asyncio
import re
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from graphql import parse

from directory.graphql import documents, limits
from directory.graphql.cost import compile_plan
from directory.graphql.schema import schema
from tests.helpers import gql

README = Path(__file__).resolve().parents[2] / "README.md"
TRIVIAL = "{ __typename }"


def fragment_chain(levels: int) -> str:
    """``query { ...F0 }`` then F<i> spreading F<i+1> twice: 2^levels paths when expanded."""
    parts = ["query { ...F0 }"]
    parts += [f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels)]
    parts.append(f"fragment F{levels} on Query {{ __typename }}")
    return "\n".join(parts)


def nested(depth: int) -> str:
    """A query ``depth`` fields deep: jurisdiction, then parents, then code."""
    inner = "code"
    for _ in range(depth - 2):
        inner = f"parent {{ {inner} }}"
    return f'{{ jurisdiction(code: "XAA") {{ {inner} }} }}'


def _codes(body: dict[str, Any]) -> list[str]:
    return [e["extensions"]["code"] for e in body.get("errors", ())]


async def test_a_40_level_fragment_chain_is_refused_naming_the_limit(client) -> None:
    # when
    body = await gql(client, fragment_chain(40))
    # then
    [error] = body["errors"]
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert error["extensions"]["limit"] == "MAX_FRAGMENT_SPREADS"
    assert "81 fragment spreads" in error["message"]


async def test_a_chain_within_the_spread_cap_is_refused_by_its_expanded_size(client) -> None:
    # given 24 levels: 48 spreads (allowed), 2^24 fields once expanded; measuring it without
    # memoising each fragment would take hours, so answering at all shows it is memoised
    body = await gql(client, fragment_chain(24))
    # then
    broken = {e["extensions"]["limit"]: e["message"] for e in body["errors"]}
    assert set(_codes(body)) == {"GRAPHQL_VALIDATION_FAILED"}
    assert f"{2**24} selections" in broken["MAX_SELECTIONS"]


async def test_a_trivial_query_is_answered_alongside_hostile_ones(client) -> None:
    # when a hostile document and a trivial query are sent at the same time, over POST and GET
    hostile, trivial, hostile_get = await asyncio.gather(
        gql(client, fragment_chain(40)),
        gql(client, TRIVIAL),
        client.get("/graphql", params={"query": fragment_chain(24)}),
    )
    # then each gets its own answer
    assert _codes(hostile) == ["GRAPHQL_VALIDATION_FAILED"]
    assert trivial["data"] == {"__typename": "Query"}
    assert set(_codes(hostile_get.json())) == {"GRAPHQL_VALIDATION_FAILED"}


async def test_depth_is_refused_above_the_maximum_and_allowed_at_it(client) -> None:
    at_limit = await gql(client, nested(limits.MAX_DEPTH))
    over = await gql(client, nested(limits.MAX_DEPTH + 1))
    assert "errors" not in at_limit
    [error] = over["errors"]
    assert error["extensions"]["limit"] == "MAX_DEPTH"
    assert "depth 13 exceeds maximum operation depth of 12" in error["message"]


async def test_depth_through_fragments_counts_the_expanded_path(client) -> None:
    # given 3 fragments of 5 nested fields each, spread inside one another: 15 deep
    document = """
    query { jurisdiction(code: "XAA") { ...A } }
    fragment A on Jurisdiction { parent { parent { parent { parent { ...B } } } } }
    fragment B on Jurisdiction { parent { parent { parent { parent { ...C } } } } }
    fragment C on Jurisdiction { parent { parent { parent { parent { code } } } } }
    """
    [error] = (await gql(client, document))["errors"]
    assert error["extensions"]["limit"] == "MAX_DEPTH"


async def test_aliases_spread_by_fragments_are_counted_each_time(client) -> None:
    # given 8 aliases in a fragment spread 4 times (32 aliases > 30), 8 written
    aliases = " ".join(f"a{i}: __typename" for i in range(8))
    document = f"""
    query {{ ...F x1: jurisdiction(code: "XAA") {{ code }} ...G }}
    fragment F on Query {{ ...A ...A }}
    fragment G on Query {{ ...A ...A }}
    fragment A on Query {{ {aliases} }}
    """
    [error] = (await gql(client, document))["errors"]
    assert error["extensions"]["limit"] == "MAX_ALIASES"
    assert "33 aliases" in error["message"]


async def test_one_field_repeated_past_the_cap_is_refused(client) -> None:
    # graphql-core compares same-named fields pairwise: 300 copies take it about 0.4 s
    document = "{ " + " ".join(["subjects { code }"] * 300) + " }"
    [error] = (await gql(client, document))["errors"]
    assert error["extensions"]["limit"] == "MAX_REPEATS"


def test_repeats_are_counted_with_fragments_merged() -> None:
    document = parse(
        "query { ...A ...B subjects { code } }"
        " fragment A on Query { " + "subjects { code } " * 5 + "}"
        " fragment B on Query { " + "subjects { code } " * 5 + "}"
    )
    [error] = limits.check(document)
    assert "a response path selected 11 times" in error.message


def test_repeats_nested_in_repeats_multiply() -> None:
    # 3 copies of a field holding 3 copies holding 3: 27 fields at one response path, which
    # graphql-core's overlap check compares pairwise (9 x 9 x 9 costs it 0.3 s)
    leaf = "authorities { " + " ".join(["key"] * 3) + " }"
    middle = "jurisdictions { nodes { " + " ".join([leaf] * 3) + " } }"
    [error] = limits.check(parse("{ " + " ".join([middle] * 3) + " }"))
    assert error.extensions["limit"] == "MAX_REPEATS"  # type: ignore[index]
    assert "a response path selected 27 times" in error.message


def test_a_cyclic_fragment_is_left_to_graphql_core() -> None:
    # the limits do not loop on it; NoFragmentCyclesRule reports it
    document = parse("query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }")
    assert limits.check(document) == []


async def test_document_token_cap_is_kept(client) -> None:
    document = "{ " + "__typename " * limits.MAX_TOKENS + "}"
    [error] = (await gql(client, document))["errors"]
    assert error["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    assert f"more than {limits.MAX_TOKENS} tokens" in error["message"]


async def test_identical_requests_hit_the_validation_cache(client) -> None:
    # given a query text no other test sends
    query = f"# {uuid.uuid4()}\n{{ __typename }}"
    before = documents.validation_hits
    # when it is sent 10 times
    for _ in range(10):
        assert (await gql(client, query))["data"] == {"__typename": "Query"}
    # then validation ran once: 9 hits
    assert documents.validation_hits - before == 9


async def test_many_distinct_documents_stay_within_the_byte_budget(client, monkeypatch) -> None:
    # given a cache budget of 1 MiB: about 11 documents of 200 characters
    budget = 1024 * 1024
    monkeypatch.setattr(documents.CACHE, "budget", budget)
    padding = "x" * 150
    # when 100 distinct documents come
    for i in range(100):
        query = f"# {padding} {uuid.uuid4()} {i}\n{{ __typename }}"
        assert "errors" not in await gql(client, query)
        # then the estimated bytes held never exceed the budget
        assert documents.CACHE.bytes <= budget
    assert len(documents.CACHE) < 100
    # and the most recent one is still served from the cache
    assert documents.CACHE.get(query) is not None


def test_an_oversized_document_is_not_cached() -> None:
    cache: documents.ByteBudgetCache[str] = documents.ByteBudgetCache(budget=8000)
    cache.put("small", "v", 500)
    cache.put("huge", "v", 1001)  # over an eighth of the budget
    assert cache.get("huge") is None
    assert cache.get("small") == "v"
    assert cache.bytes == 500


def _deep_size(root: object) -> int:
    """Bytes held by ``root`` and everything it references (the schema excepted)."""
    seen: set[int] = set()
    total, stack = 0, [root]
    skip = (type, type(sys), type(_deep_size))
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, skip) or obj is schema._schema:
            continue
        seen.add(id(obj))
        total += sys.getsizeof(obj)
        if isinstance(obj, dict):
            stack += [*obj.keys(), *obj.values()]
        elif isinstance(obj, list | tuple | set | frozenset):
            stack += list(obj)
        elif hasattr(obj, "__dict__"):
            stack.append(obj.__dict__)
        elif hasattr(type(obj), "__slots__"):
            stack += [getattr(obj, s) for s in type(obj).__slots__ if hasattr(obj, s)]
    return total


README_QUERIES = re.findall(r"```graphql\n(.*?)```", README.read_text(), re.S)
DENSE = [
    "{" + " a:b" * 1200 + " }",
    "{" + " ".join(f"a{i}: subjects {{ code }}" for i in range(400)) + "}",
    fragment_chain(40),
]


@pytest.mark.parametrize("query", README_QUERIES + DENSE)
def test_document_estimate_covers_measured_size(query: str) -> None:
    # the cache counts estimated_size(query) per entry: it must not undercount what an entry
    # holds (the document with its locations and tokens, and a cost plan)
    entry = documents.Entry(parse(query))
    entry.plans[None] = compile_plan(schema._schema, entry.document, None)
    assert _deep_size(entry) <= documents.estimated_size(query)


def test_the_rule_works_in_graphql_cores_own_validate() -> None:
    # DocumentLimits is a plain validation rule: usable without the endpoint's cache
    from graphql import validate

    [error] = validate(schema._schema, parse(fragment_chain(40)), [limits.DocumentLimits])
    assert error.extensions["limit"] == "MAX_FRAGMENT_SPREADS"  # type: ignore[index]
    assert validate(schema._schema, parse(TRIVIAL), [limits.DocumentLimits]) == []
