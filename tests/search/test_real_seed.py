"""Search, lookups and suggestions on the reference seed: States as people type them."""

from __future__ import annotations

import pytest

from directory.search.services import MatchKind, search
from tests.helpers import gql

LOOKUP = "query ($code: String!) { jurisdiction(code: $code) { code } }"
ROUTE = """query ($input: RouteInput!) { route(input: $input) { target { code } } }"""


@pytest.mark.parametrize(
    ("text", "code", "match"),
    [
        ("Deutschland", "DEU", MatchKind.EXACT_NAME),  # an endonym (CLDR, German)
        ("Allemagne", "DEU", MatchKind.EXACT_NAME),  # the UN's French name
        ("германия", "DEU", MatchKind.EXACT_NAME),  # the UN's Russian name, lower case
        ("德国", "DEU", MatchKind.EXACT_NAME),  # the UN's Chinese name
        ("GER", "DEU", MatchKind.EXACT_CODE),  # the IOC's code
        ("FR", "FRA", MatchKind.EXACT_CODE),  # alpha-2
        ("Sverige", "SWE", MatchKind.EXACT_NAME),  # endonym, whole
        ("suomi", "FIN", MatchKind.EXACT_NAME),  # endonym in Finnish
        ("Vatican", "VAT", MatchKind.PREFIX),  # CLDR's colloquial name, now an alias
    ],
)
async def test_states_are_found_as_people_type_them(
    seeded, session, text: str, code: str, match: MatchKind
) -> None:
    hit = (await search(session, text)).hits[0]
    assert (hit.code, hit.match) == (code, match), hit


async def test_a_chinese_name_is_found_from_inside(seeded, session) -> None:
    # no spaces between words: every character may start one
    hits = (await search(session, "利亚", first=100)).hits
    assert {"SYR", "AUS"} <= {h.code for h in hits}
    assert {h.match for h in hits} == {MatchKind.SUBSTRING}


async def test_a_search_is_one_statement(seeded, session, sql_counter) -> None:
    sql_counter.reset()
    await search(session, "ministry of justice", first=50)
    assert sql_counter.count == 1


@pytest.mark.parametrize(
    ("code", "found"),
    [("FRA", "FRA"), ("fr", "FRA"), ("GER", "DEU"), ("SUI", "CHE"), ("HK", "HKG"), ("QQ", None)],
)
async def test_jurisdiction_by_alpha3_alpha2_or_another_code(
    seeded, client, code: str, found: str | None
) -> None:
    body = await gql(client, LOOKUP, {"code": code})
    assert "errors" not in body, body
    assert (body["data"]["jurisdiction"] or {}).get("code") == found


async def test_a_bad_lookup_code_names_the_forms_accepted(seeded, client) -> None:
    body = await gql(client, LOOKUP, {"code": "F"})
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "'FR'" in error["message"] and "'FRA'" in error["message"]


@pytest.mark.parametrize(
    ("typed", "first"),
    [("GER", "DEU"), ("NED", "NLD"), ("Deutschland", "DEU"), ("Frnace", "FRA")],
)
async def test_an_unknown_code_suggests_by_names_and_aliases_first(
    seeded, client, typed: str, first: str
) -> None:
    body = await gql(
        client, ROUTE, {"input": {"requesting": "FRA", "requested": typed, "subject": "MLA"}}
    )
    [error] = body["errors"]
    assert error["extensions"]["field"] == ["input", "requested"]
    assert error["extensions"]["suggestions"][0] == first, error
