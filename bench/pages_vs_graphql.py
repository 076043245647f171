"""The pages against the GraphQL queries for the same data, as ratios measured in one run.

Builds a SQLite database from the reference seed in a temporary directory, then, over the
ASGI app (httpx, no network), alternates in each round a page and the GraphQL query that
reads the same facts: Romania's State page (names, participation and notifications with
sources, authorities with designations, channels, languages, sources) and a wizard answer
(France to Romania, mutual legal assistance at the investigation stage: the route, and the
destination authority as the page shows it, with its names, visible contacts, designations
and rules) with the ``route`` query. Pages are fetched without ``If-None-Match`` (each one
rendered in full; no 304). It prints the median time of each and the ratio page / query:
the target is at most 1.00 (the page no slower than its query, though it also renders HTML
in a language).

    python bench/pages_vs_graphql.py [rounds]
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cost_overhead import seeded_app

SOURCES = "sources { url document title kind seenOn }"
STATE_QUERY = f"""
query State {{
  jurisdiction(code: "ROU") {{
    code kind names {{ language name }}
    participations {{ instrument {{ code shortTitle }} signedOn consentOn consentType inForceOn
      verification {SOURCES} }}
    notifications {{ provision {{ article }} status extraditionBasis notifiedOn
      depositaryReference condition summary verification {SOURCES} }}
    channelRules {{ channel {{ code }} permission condition urgentOnly priorAgreementRequired
      writtenConfirmationRequired verification }}
    languageRules {{ language {{ code }} condition verification }}
    territories {{ code name }}
    authorities(first: 10) {{
      key name names {{ language name }} streetAddress city postalCode website timeZone
      status verification lastConfirmedOn stale {SOURCES}
      designations(first: 8) {{ subject {{ code }} stage {{ code }} matter {{ code }} residual
        channelRules(first: 5) {{ channel {{ code }} permission condition urgentOnly
          priorAgreementRequired writtenConfirmationRequired verification }}
        languageRules(first: 5) {{ language {{ code }} condition verification }} }}
    }}
  }}
}}
"""
ROUTE_QUERY = f"""
query Answer {{
  route(input: {{ requesting: "FRA", requested: "ROU", subject: "MLA", stage: "INVESTIGATION" }}) {{
    subject stage matter place urgent oldestConfirmationOn
    requesting {{ code name }} requested {{ code name }} target {{ code name }}
    destinations {{ name office {{ openNow timeZone }} matches {{ __typename }}
      authority {{ key name names {{ language name }} streetAddress city postalCode website
        timeZone status verification lastConfirmedOn stale {SOURCES}
        phones {{ value }} emails {{ value }} faxes {{ value }} contactPersons {{ value }}
        designations(first: 8) {{ subject {{ code }} stage {{ code }} matter {{ code }}
          channelRules(first: 5) {{ channel {{ code }} permission condition }}
          languageRules(first: 5) {{ language {{ code }} condition }} }} }} }}
    channels {{ channel {{ code name }} permission preference verification
      conditions {{ code message }} }}
    languages {{ language {{ code name }} level condition instrument verification }}
    legalBases {{ instrument title inForceForRequestingOn inForceForRequestedOn }}
    extradition {{ instrument provision status basis condition message treatyOrLawNeeded }}
    warnings {{ code message }}
    {SOURCES}
  }}
}}
"""
PAIRS = [
    ("State page", "/en/states/ROU", STATE_QUERY),
    (
        "wizard answer",
        "/en/answer?requesting=FRA&requested=ROU&subject=MLA&stage=INVESTIGATION",
        ROUTE_QUERY,
    ),
]


async def main(rounds: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        app, engine = await seeded_app(Path(tmp))
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            print(f"{'pair':<14} {'page':>9} {'query':>9} {'page/query':>11}")
            for label, path, query in PAIRS:
                page = await client.get(path)
                answer = await client.post("/graphql", json={"query": query})
                assert page.status_code == 200, page.text[:300]
                assert "errors" not in answer.json(), answer.text[:600]
                samples: dict[str, list[float]] = {"page": [], "query": []}
                for _ in range(rounds):
                    start = time.perf_counter()
                    await client.get(path)
                    samples["page"].append(time.perf_counter() - start)
                    start = time.perf_counter()
                    await client.post("/graphql", json={"query": query})
                    samples["query"].append(time.perf_counter() - start)
                p, q = (statistics.median(samples[k]) for k in ("page", "query"))
                print(f"{label:<14} {p * 1e3:>7.2f}ms {q * 1e3:>7.2f}ms {p / q:>11.2f}")
        await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 30))
