"""Search at 1× and at 100× the data: the time of the same queries, and their ratio.

Builds two SQLite databases in a temporary directory: the reference seed (1×), and the seed
plus 99 invented copies of the shape of every jurisdiction and authority (100×: as many
names in as many languages, as many aliases, the same number of words per name), each word
invented so that it starts with q, x or z, so the queries below have the same hits in
both. Then it sends each query over the ASGI app (httpx, no network), alternating rounds
between the two, and prints the median request time of each and the ratio 100×/1×
(1.00 = search time does not grow with the data; it grew 9-12× when search folded every
stored name on each request).

    python bench/search_scale.py [rounds]
"""

from __future__ import annotations

import asyncio
import random
import statistics
import string
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from directory import models as m
from directory.app import create_app
from directory.config import Settings
from directory.db import SerialSession, create_engine
from directory.migrations import upgrade
from directory.search.folding import fold
from directory.search.index import reindex_authorities, reindex_jurisdictions
from directory.seeding import load_seed

QUERIES = [
    "germany",
    "Deutschland",
    "cote",
    "FR",
    "GER",
    "德国",
    "ministry of justice",
    "ministere de la justice",
    "procur",
]
SEARCH = "query ($text: String!) { search(text: $text, first: 20) { totalCount nodes { code } } }"
COPIES = 99
_CODE_CHARS = string.ascii_uppercase + string.digits


def _invented(rng: random.Random, like: str) -> str:
    """As many words as ``like``, each starting with q, x or z (no query word does)."""
    words = like.split() or ["x"]
    return " ".join(
        rng.choice("qxz") + "".join(rng.choices(string.ascii_lowercase, k=max(len(w) - 1, 2)))
        for w in words
    )


def _codes() -> list[str]:
    # three characters with at least one digit: never a real (letters-only) ISO code
    return [
        a + b + c
        for a in _CODE_CHARS
        for b in _CODE_CHARS
        for c in _CODE_CHARS
        if any(ch.isdigit() for ch in a + b + c)
    ]


async def _grow(engine: AsyncEngine) -> None:
    """Add ``COPIES`` invented copies of every jurisdiction and authority, then index them."""
    rng = random.Random(20261202)
    factory = async_sessionmaker(engine, class_=SerialSession, expire_on_commit=False)
    async with factory() as session, session.begin():
        source_id = await session.scalar(select(func.min(m.Source.id)))
        states = (await session.scalars(select(m.Jurisdiction))).all()
        names = defaultdict(list)
        for n in (await session.scalars(select(m.JurisdictionName))).all():
            names[n.jurisdiction_id].append(n)
        aliases = defaultdict(list)
        for a in (await session.scalars(select(m.JurisdictionAlias))).all():
            aliases[a.jurisdiction_id].append(a)
        authorities = (await session.scalars(select(m.Authority))).all()
        a_names = defaultdict(list)
        for n in (await session.scalars(select(m.AuthorityName))).all():
            a_names[n.authority_id].append(n)
        codes = iter(_codes())
        next_id = (await session.scalar(select(func.max(m.Jurisdiction.id))) or 0) + 1
        rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
        copies_of: dict[int, list[int]] = defaultdict(list)
        for _ in range(COPIES):
            for j in states:
                j_id, next_id = next_id, next_id + 1
                copies_of[j.id].append(j_id)
                rows["jurisdiction"].append(
                    {"id": j_id, "code": next(codes), "kind": "STATE", "un_status": "NON_MEMBER"}
                )
                rows["jurisdiction_name"] += [
                    {
                        "jurisdiction_id": j_id,
                        "language": n.language,
                        "name": _invented(rng, n.name),
                    }
                    for n in names[j.id]
                ]
                for a in aliases[j.id]:
                    alias = _invented(rng, a.alias)
                    rows["jurisdiction_alias"].append(
                        {
                            "jurisdiction_id": j_id,
                            "kind": a.kind,
                            "language": a.language,
                            "alias": alias,
                            "folded": fold(alias),
                            "source_id": source_id,
                        }
                    )
        next_a = (await session.scalar(select(func.max(m.Authority.id))) or 0) + 1
        for copy in range(COPIES):
            for a in authorities:
                a_id, next_a = next_a, next_a + 1
                rows["authority"].append(
                    {
                        "id": a_id,
                        "key": f"{a.key}-bench-{copy}",
                        "jurisdiction_id": copies_of[a.jurisdiction_id][copy],
                        "city": _invented(rng, a.city) if a.city else None,
                        "verification": a.verification,
                        "status": a.status,
                    }
                )
                rows["authority_name"] += [
                    {"authority_id": a_id, "language": n.language, "name": _invented(rng, n.name)}
                    for n in a_names[a.id]
                ]
        for model in (
            m.Jurisdiction,
            m.JurisdictionName,
            m.JurisdictionAlias,
            m.Authority,
            m.AuthorityName,
        ):
            batch = rows[model.__tablename__]
            for i in range(0, len(batch), 5000):
                await session.execute(insert(model), batch[i : i + 5000])
        await reindex_jurisdictions(session)
        await reindex_authorities(session)


async def _app(directory: Path, name: str, grow: bool) -> tuple[Any, AsyncEngine, int]:
    env = {"DATABASE_URL": f"sqlite:///{directory / name}", "DIRECTORY_RATE_LIMIT": "0"}
    settings = Settings.from_env(env)
    engine = create_engine(settings.url)
    await upgrade(engine)
    factory = async_sessionmaker(engine, class_=SerialSession, expire_on_commit=False)
    async with factory() as session, session.begin():
        await load_seed(session)
    if grow:
        await _grow(engine)
    async with factory() as session:
        terms = await session.scalar(select(func.count()).select_from(m.SearchTerm)) or 0
    return create_app(settings, engine=engine), engine, terms


async def main(rounds: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        small, small_engine, small_terms = await _app(Path(tmp), "one.db", grow=False)
        large, large_engine, large_terms = await _app(Path(tmp), "hundred.db", grow=True)
        print(f"search terms: 1× {small_terms:,}, 100× {large_terms:,}")
        print(f"{'query':<26} {'hits':>5} {'1×':>9} {'100×':>9} {'ratio':>6}")
        ratios = []
        clients = {
            key: httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://b")
            for key, app in (("1x", small), ("100x", large))
        }
        for text in QUERIES:
            samples: dict[str, list[float]] = {"1x": [], "100x": []}
            hits: dict[str, int] = {}
            for _ in range(rounds):
                for key, client in clients.items():
                    start = time.perf_counter()
                    response = await client.post(
                        "/graphql", json={"query": SEARCH, "variables": {"text": text}}
                    )
                    samples[key].append(time.perf_counter() - start)
                    body = response.json()
                    assert "errors" not in body, body
                    hits[key] = body["data"]["search"]["totalCount"]
            assert hits["1x"] == hits["100x"], (text, hits)
            one, hundred = (statistics.median(samples[k]) for k in ("1x", "100x"))
            ratios.append(hundred / one)
            print(
                f"{text:<26} {hits['1x']:>5} {one * 1e3:>7.2f}ms {hundred * 1e3:>7.2f}ms "
                f"{hundred / one:>6.2f}"
            )
        print(f"median ratio 100×/1×: {statistics.median(ratios):.2f}")
        for client in clients.values():
            await client.aclose()
        await small_engine.dispose()
        await large_engine.dispose()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 30))
