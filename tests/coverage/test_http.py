"""``coverage`` through the GraphQL endpoint: totals, groups, and paged per-State rows."""

from __future__ import annotations

import base64

import httpx

from directory.db import SerialSession
from tests.authorities.factories import Factory
from tests.coverage import world
from tests.helpers import gql

COVERAGE = """
query Coverage($first: Int, $after: String, $group: RegionalGroup) {
  coverage(asOf: "2026-12-01", regionalGroup: $group) {
    asOf staleAfterDays instruments
    totals { jurisdictions withAuthority withCentralAuthority1813 }
    regions { regionalGroup jurisdictions staleEntries parties { instrument parties } }
    states(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        code regionalGroup centralAuthority1813 receivesMla authorities staleEntries
        neverConfirmedEntries unverifiedFacts
        jurisdiction { code }
        participation { instrument standing party dateKnown }
        notifications { article status }
        authoritiesBySubject { subject authorities }
      }
    }
  }
}
"""


def _after(code: str) -> str:
    # a cursor is the row's key, so a client may resume after any code it holds
    return base64.urlsafe_b64encode(f"coverage:{code}".encode()).decode()


async def test_the_rows_of_the_world_are_exact_and_paged(
    client: httpx.AsyncClient, session: SerialSession
) -> None:
    # given the small world (beside whatever else the database holds)
    await world.build(Factory(session))
    # when the rows after "XA" are read two at a time
    first = await gql(client, COVERAGE, {"first": 2, "after": _after("XA")})
    assert "errors" not in first, first
    page = first["data"]["coverage"]["states"]
    # then XAA and XBB come first, and a cursor leads on to XCC
    assert [n["code"] for n in page["nodes"]] == ["XAA", "XBB"]
    assert page["pageInfo"]["hasNextPage"] is True
    xaa, xbb = page["nodes"]
    assert xaa == {
        "code": "XAA",
        "regionalGroup": "WEOG",
        "centralAuthority1813": True,
        "receivesMla": True,
        "authorities": 2,
        "staleEntries": 1,
        "neverConfirmedEntries": 1,
        "unverifiedFacts": 2,
        "jurisdiction": {"code": "XAA"},
        "participation": xaa["participation"],
        "notifications": [
            {"article": "16(5)", "status": "NOTIFIED"},
            {"article": "18(13)", "status": "NOTIFIED"},
            {"article": "18(14)", "status": "NOT_NOTIFIED"},
        ],
        "authoritiesBySubject": [
            {"subject": "EXTRADITION", "authorities": 1},
            {"subject": "MLA", "authorities": 1},
        ],
    }
    standing = {p["instrument"]: p for p in xaa["participation"]}
    assert standing["UNTOC"] == {
        "instrument": "UNTOC", "standing": "PARTY", "party": True, "dateKnown": True
    }  # fmt: skip
    assert standing["UNCAC"]["standing"] == "SIGNATORY"
    untoc_b = next(p for p in xbb["participation"] if p["instrument"] == "UNTOC")
    assert (untoc_b["party"], untoc_b["dateKnown"]) == (True, False)
    assert xbb["notifications"][1] == {"article": "18(13)", "status": None}
    after = page["pageInfo"]["endCursor"]
    second = await gql(client, COVERAGE, {"first": 2, "after": after})
    assert [n["code"] for n in second["data"]["coverage"]["states"]["nodes"]][:2] == [
        "XCC",
        "XDD",
    ]
    # and the totals count every row
    body = first["data"]["coverage"]
    assert body["asOf"] == "2026-12-01" and body["staleAfterDays"] == 365
    assert body["totals"]["jurisdictions"] == page["totalCount"]


async def test_a_regional_group_narrows_rows_and_groups(
    client: httpx.AsyncClient, session: SerialSession
) -> None:
    await world.build(Factory(session))
    body = await gql(client, COVERAGE, {"first": 100, "group": "AFRICAN", "after": _after("XA")})
    coverage = body["data"]["coverage"]
    assert [n["code"] for n in coverage["states"]["nodes"]][:2] == ["XBB", "XCC"]
    groups = {g["regionalGroup"]: g for g in coverage["regions"]}
    assert groups["WEOG"]["jurisdictions"] == 0
    assert groups["AFRICAN"]["jurisdictions"] == coverage["states"]["totalCount"]


async def test_a_page_out_of_range_or_a_foreign_cursor_is_bad_input(
    client: httpx.AsyncClient,
) -> None:
    too_many = await gql(client, COVERAGE, {"first": 101})
    assert too_many["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "first=101 is out of range" in too_many["errors"][0]["message"]
    foreign = await gql(client, COVERAGE, {"after": "anything"})
    assert foreign["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "is not a cursor of this list" in foreign["errors"][0]["message"]
