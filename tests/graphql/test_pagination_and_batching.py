"""Keyset pagination in SQL, the page-size cap, and a statement count that does not grow
with the number of rows (DataLoaders)."""

from __future__ import annotations

import itertools
import string

from tests.authorities.factories import Factory, territories_with_authorities
from tests.helpers import gql

PAGE = """
query ($parent: String!, $first: Int!, $after: String) {
  jurisdictions(filter: {parent: $parent}, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { code } }
  }
}
"""

TERRITORIES_IN_DEPTH = """
query ($code: String!) {
  jurisdiction(code: $code) {
    code
    territories {
      code name names { language name } parent { code }
      sources { url }
      authorities(first: 1) {
        key name names { language name } phones { value } sources { url seenOn }
        designations(first: 1) {
          subject { code } stage { code } matter { code } territory { code } provision { article }
          sources { url }
          channelRules(first: 2) { channel { code } permission condition sources { url } }
          languageRules(first: 2) { language { code name } preference condition sources { url } }
        }
      }
    }
  }
}
"""


def _codes(count: int, second_letters: str) -> list[str]:
    """Codes from ISO 3166's user-assigned range QMA…QZZ, which no real jurisdiction uses
    (so the seed, committed by other tests, never collides with them)."""
    pairs = itertools.product(second_letters, string.ascii_uppercase)
    return [f"Q{a}{b}" for a, b in itertools.islice(pairs, count)]


async def test_pages_follow_end_cursor_until_the_last(client, make: Factory) -> None:
    # given: a State with 5 territories
    parent = await make.jurisdiction("XAA", "Arcadia")
    await territories_with_authorities(make, parent, ["XBA", "XBB", "XBC", "XBD", "XBE"])
    # when: pages of 2
    seen, after, pages = [], None, 0
    while True:
        body = await gql(client, PAGE, {"parent": "XAA", "first": 2, "after": after})
        connection = body["data"]["jurisdictions"]
        seen += [edge["node"]["code"] for edge in connection["edges"]]
        pages += 1
        assert connection["totalCount"] == 5
        assert connection["pageInfo"]["hasPreviousPage"] is (after is not None)
        if not connection["pageInfo"]["hasNextPage"]:
            break
        after = connection["pageInfo"]["endCursor"]
    # then
    assert seen == ["XBA", "XBB", "XBC", "XBD", "XBE"]
    assert pages == 3


async def test_first_above_100_is_bad_user_input_naming_value_and_maximum(client) -> None:
    body = await gql(client, PAGE, {"parent": "XAA", "first": 101})
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "first=101" in error["message"]
    assert "0 to 100" in error["message"]


async def test_foreign_cursor_is_bad_user_input(client) -> None:
    body = await gql(client, PAGE, {"parent": "XAA", "first": 2, "after": "bm90LWEtY3Vyc29y"})
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "bm90LWEtY3Vyc29y" in error["message"]


async def test_statement_count_does_not_grow_with_rows(
    client, make: Factory, sql_counter, record_property
) -> None:
    # given: one State with 2 territories, another with 200, every entry fully shaped
    small = await make.jurisdiction("XAB", "Small")
    large = await make.jurisdiction("XAC", "Large")
    await territories_with_authorities(make, small, _codes(2, "M"))
    await territories_with_authorities(make, large, _codes(200, "NOPQRSTUVWXYZ"))
    # when
    sql_counter.reset()
    small_body = await gql(client, TERRITORIES_IN_DEPTH, {"code": "XAB"})
    for_two = sql_counter.count
    sql_counter.reset()
    large_body = await gql(client, TERRITORIES_IN_DEPTH, {"code": "XAC"})
    for_two_hundred = sql_counter.count
    # then
    assert "errors" not in small_body and "errors" not in large_body
    territories = large_body["data"]["jurisdiction"]["territories"]
    assert len(territories) == 200
    assert all(t["authorities"][0]["designations"][0]["channelRules"] for t in territories)
    record_property("sql_statements_2_jurisdictions", for_two)
    record_property("sql_statements_200_jurisdictions", for_two_hundred)
    print(f"SQL statements: {for_two} for 2 jurisdictions, {for_two_hundred} for 200")
    assert for_two_hundred == for_two
