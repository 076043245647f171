"""``directory coverage`` on a database holding only the small world: what the operator reads."""

from __future__ import annotations

import asyncio
import csv
import io
import json

import pytest

from directory.cli import main
from directory.config import database_url
from directory.db import create_engine, session_factory
from tests.authorities.factories import Factory
from tests.coverage import world


async def _build(url: str) -> None:
    engine = create_engine(database_url(url))
    try:
        async with session_factory(engine)() as session, session.begin():
            await world.build(Factory(session))
    finally:
        await engine.dispose()


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, scratch_url: str) -> str:
    # the CLI runs its own event loop (asyncio.run), so these tests are plain functions
    monkeypatch.setenv("DATABASE_URL", scratch_url)
    assert main(["migrate"]) == 0
    asyncio.run(_build(scratch_url))
    return scratch_url


AS_OF = ["--as-of", world.AS_OF.isoformat()]


def test_the_table_ends_with_the_totals_in_words(
    env: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["coverage", *AS_OF]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["code", "group", "UNTOC"]
    assert lines[1].split() == [
        "XAA", "WEOG", "PARTY", "NOTIFIED", "NOTIFIED", "NOT_NOTIFIED", "2", "yes", "1", "1", "2"
    ]  # fmt: skip
    assert "as of 2026-12-01 (stale after 365 days): 4 jurisdictions" in out
    assert "UNTOC parties with participation: 2 (1 with an unknown date)" in out
    assert "jurisdictions with an authority: 2" in out
    assert (
        "jurisdictions with an 18(13) central authority: 1 (receiving MLA requests at all: 2)"
        in out
    )
    assert "active authorities: 3; stale: 2; never confirmed: 1; unverified facts: 3" in out


def test_csv_by_state_parses_with_one_row_per_jurisdiction(
    env: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["coverage", "--format", "csv", *AS_OF]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["code"] for r in rows] == list(world.CODES)
    xbb = rows[1]
    assert xbb["participation_UNTOC"] == "PARTY_DATE_UNKNOWN"
    assert (xbb["stale"], xbb["central_authority_18_13"], xbb["authorities_MLA"]) == (
        "1",
        "no",
        "1",
    )


def test_json_by_region_gives_every_group_and_the_totals(
    env: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["coverage", "--format", "json", "--group-by", "region", *AS_OF]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["as_of"] == "2026-12-01" and body["stale_after_days"] == 365
    groups = {r["regional_group"]: r for r in body["rows"]}
    assert list(groups) == ["AFRICAN", "ASIA_PACIFIC", "EEG", "GRULAC", "WEOG", "", "ALL"]
    assert groups["AFRICAN"]["jurisdictions"] == 2
    assert groups["ALL"] == body["totals"]
    assert body["totals"]["without_central_authority_18_13"] == 3


def test_a_bad_day_names_the_format(env: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["coverage", "--as-of", "01/12/2026"])
    assert "'01/12/2026' is not a day: give it as YYYY-MM-DD" in capsys.readouterr().err
