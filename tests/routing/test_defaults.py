"""Defaults in the answer, on the reference seed: the language fallback names CLDR's
official languages, and an authority without a time zone is read in its country's only one."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from directory.authorities.models import Authority, OfficeHours
from tests.helpers import gql

ROUTE = """
query Route($input: RouteInput!) {
  route(input: $input) {
    destinations { authority { key timeZone } office { timeZone timeZoneIsDefault openNow } }
    warnings { code message }
  }
}
"""
TO_HKG = {"requesting": "DEU", "requested": "HKG", "subject": "MLA", "urgent": True}


def _warning(route: dict, code: str) -> str:
    [message] = [w["message"] for w in route["warnings"] if w["code"] == code]
    return message


async def test_no_language_rule_names_the_official_languages_as_a_default(seeded, client) -> None:
    route = (await gql(client, ROUTE, {"input": TO_HKG}))["data"]["route"]
    message = _warning(route, "NO_LANGUAGE_RULE")
    assert "send it in Traditional Chinese or English" in message
    assert "by default" in message and "not a language the State notified" in message


async def test_office_hours_without_a_zone_use_the_country_s_only_zone(
    seeded, client, session
) -> None:
    # given Hong Kong's central authority, which has no time zone, open around the clock
    route = (await gql(client, ROUTE, {"input": TO_HKG}))["data"]["route"]
    [destination] = route["destinations"]
    assert destination["office"] is None and destination["authority"]["timeZone"] is None
    authority = await session.scalar(
        select(Authority).where(Authority.key == destination["authority"]["key"])
    )
    session.add_all(
        OfficeHours(authority_id=authority.id, weekday=d, opens=dt.time(0), closes=dt.time(23, 59))
        for d in range(7)
    )
    await session.flush()
    # when an urgent request is routed to it
    route = (await gql(client, ROUTE, {"input": TO_HKG}))["data"]["route"]
    # then it is read in Asia/Hong_Kong, and the answer says that zone is a default
    [destination] = route["destinations"]
    assert destination["office"] == {
        "timeZone": "Asia/Hong_Kong",
        "timeZoneIsDefault": True,
        "openNow": True,
    }
    assert destination["authority"]["timeZone"] is None  # nothing was written
