"""The overhead of the cost budget on the README's queries: with the check against without.

Builds a SQLite database from the reference seed in a temporary directory, then sends each
of the README's queries over the ASGI app (httpx, no network), alternating rounds with and
without ``CostBudget`` in the schema's extensions, and prints the median request time of each
and their ratio (1.00 = no overhead). Also printed: the estimate alone, per request (plan
cached: the arithmetic with the variables) and cold (compiling the plan, once per document).

    python bench/cost_overhead.py [rounds]
"""

from __future__ import annotations

import asyncio
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx
from graphql import parse
from sqlalchemy.ext.asyncio import async_sessionmaker

from directory.app import create_app
from directory.config import Settings
from directory.db import SerialSession, create_engine
from directory.graphql.budget import CostBudget
from directory.graphql.cost import compile_plan
from directory.graphql.schema import schema
from directory.migrations import upgrade
from directory.seeding import load_seed

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_queries() -> list[str]:
    found = re.findall(r"```graphql\n(.*?)```", README.read_text(), re.S)
    return [q for q in found if not q.lstrip().startswith("mutation")]


async def seeded_app(directory: Path):
    # the rate limit off: the bench sends far more than a caller may in a minute
    env = {"DATABASE_URL": f"sqlite:///{directory / 'bench.db'}", "DIRECTORY_RATE_LIMIT": "0"}
    settings = Settings.from_env(env)
    engine = create_engine(settings.url)
    await upgrade(engine)
    factory = async_sessionmaker(engine, class_=SerialSession, expire_on_commit=False)
    async with factory() as session, session.begin():
        await load_seed(session)
    return create_app(settings, engine=engine), engine


def timed(run, repeat: int = 200) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        run()
    return (time.perf_counter() - start) / repeat


async def main(rounds: int) -> None:
    with_check = list(schema.extensions)
    without = [e for e in with_check if e is not CostBudget]
    with tempfile.TemporaryDirectory() as tmp:
        app, engine = await seeded_app(Path(tmp))
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            print(
                f"{'query':<44} {'cost':>5} {'with':>8} {'without':>8} {'ratio':>6} "
                f"{'estimate':>9} {'compile':>8}"
            )
            ratios = []
            for query in readme_queries():
                samples: dict[str, list[float]] = {"with": [], "without": []}
                for _ in range(rounds):
                    for name, extensions in (("with", with_check), ("without", without)):
                        schema.extensions = extensions
                        start = time.perf_counter()
                        response = await client.post("/graphql", json={"query": query})
                        samples[name].append(time.perf_counter() - start)
                        assert "errors" not in response.json(), response.text
                schema.extensions = with_check
                on, off = (statistics.median(samples[k]) for k in ("with", "without"))
                document = parse(query)
                plan = compile_plan(schema._schema, document, None)
                assert plan is not None
                estimate = timed(lambda p=plan: p.cost({}))
                compile_once = timed(lambda d=document: compile_plan(schema._schema, d, None), 50)
                ratios.append(on / off)
                label = " ".join(query.split())[:44]
                print(
                    f"{label:<44} {plan.cost({}):>5} {on * 1e3:>6.2f}ms {off * 1e3:>6.2f}ms "
                    f"{on / off:>6.3f} {estimate * 1e6:>7.1f}us {compile_once * 1e6:>6.0f}us"
                )
            print(f"median ratio with/without the cost check: {statistics.median(ratios):.3f}")
        await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 30))
