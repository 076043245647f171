"""One read of the real reference seed through the API."""

from __future__ import annotations

from tests.helpers import gql

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
