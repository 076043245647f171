"""One read of the real reference seed through the API."""

from __future__ import annotations

from sqlalchemy import select

from directory.authorities.models import ChannelRule, LanguageRule
from tests.helpers import gid, gql

BAHAMAS = """
{
  jurisdiction(code: "BHS") {
    name
    notifications(instrument: "UNTOC") {
      provision { article } status extraditionBasis condition
      sources { url document seenOn }
    }
  }
}
"""


async def test_bahamas_takes_untoc_as_conditional_basis_for_extradition(seeded, client) -> None:
    body = await gql(client, BAHAMAS)
    assert "errors" not in body, body
    bahamas = body["data"]["jurisdiction"]
    assert bahamas["name"] == "Bahamas"
    [basis] = [n for n in bahamas["notifications"] if n["provision"]["article"] == "16(5)"]
    assert basis["status"] == "NOTIFIED"
    assert basis["extraditionBasis"] == "CONDITIONAL"
    assert basis["sources"], "every fact cites a source"
    assert all(s["url"] or s["document"] for s in basis["sources"])


BY_IDS = """
query ($ids: [ID!]!) {
  nodes(ids: $ids) {
    id
    ... on ChannelRule { channel { code } }
    ... on LanguageRule { language { code } }
  }
}
"""
FRANCE_RULES = '{ jurisdiction(code: "FRA") { channelRules { id } languageRules { id } } }'


async def test_every_seeded_rule_is_reachable_by_its_id(seeded, client, session) -> None:
    # given every channel and language rule the seed wrote (none of them in the feed)
    rules = [
        *(gid("ChannelRule", i) for i in await session.scalars(select(ChannelRule.id))),
        *(gid("LanguageRule", i) for i in await session.scalars(select(LanguageRule.id))),
    ]
    assert len(rules) > 10, "the seed wrote no rules"
    # when a client asks for them by id, 100 at a time, then each one comes back
    for start in range(0, len(rules), 100):
        chunk = rules[start : start + 100]
        found = (await gql(client, BY_IDS, {"ids": chunk}))["data"]["nodes"]
        assert [n["id"] if n else None for n in found] == chunk
    # and the ids a client reads are those ids
    france = (await gql(client, FRANCE_RULES))["data"]["jurisdiction"]
    assert {r["id"] for r in france["channelRules"] + france["languageRules"]} <= set(rules)
