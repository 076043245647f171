"""The secretariat's monitoring page and its CSV: who may see it, sorting, filter, export."""

from __future__ import annotations

import csv
import io
import re

import httpx
import pytest

from directory.accounts.permissions import Role
from directory.db import SerialSession
from tests.coverage import world
from tests.web.conftest import token

ROW = re.compile(r'<tr id="row-(X[A-D]{2})"')


@pytest.fixture
async def small_world(make, session: SerialSession) -> None:
    await world.build(make)


def _codes(html: str) -> list[str]:
    return ROW.findall(html)


async def test_the_secretariat_sees_the_gaps(
    client: httpx.AsyncClient, session: SerialSession, small_world: None, sign_in
) -> None:
    # given a browser signed in as the secretariat
    await sign_in(await token(session, Role.SECRETARIAT))
    # when it opens the monitoring page
    page = await client.get("/en/monitoring")
    # then every row of the world is there, the gaps marked
    assert page.status_code == 200
    assert page.headers["cache-control"] == "private, no-store"
    assert _codes(page.text) == ["XAA", "XBB", "XCC", "XDD"]
    xbb = page.text.split('id="row-XBB"')[1].split("</tr>")[0]
    assert 'class="gap"' in xbb and "<strong>none</strong>" in xbb  # no 18(13) authority
    assert "Jurisdictions without an 18(13) central authority" in page.text
    assert 'href="/en/monitoring">Monitoring</a>' in page.text  # in the menu


async def test_a_column_sorts_the_rows_both_ways(
    client: httpx.AsyncClient, session: SerialSession, small_world: None, sign_in
) -> None:
    await sign_in(await token(session, Role.SECRETARIAT))
    stale_first = await client.get("/en/monitoring?sort=stale&order=desc")
    # XAA and XBB have one stale entry each (code breaks the tie), the others none
    assert _codes(stale_first.text) == ["XAA", "XBB", "XCC", "XDD"]
    by_code_desc = await client.get("/en/monitoring?sort=code&order=desc")
    assert _codes(by_code_desc.text) == ["XDD", "XCC", "XBB", "XAA"]
    unverified = await client.get("/en/monitoring?sort=unverified&order=asc")
    assert _codes(unverified.text) == ["XCC", "XDD", "XBB", "XAA"]
    # the heading of the sorted column says so, and links to the other order
    assert 'aria-sort="ascending"><a href="/en/monitoring?sort=unverified&amp;order=desc"' in (
        unverified.text
    )


async def test_a_regional_group_filters_the_rows(
    client: httpx.AsyncClient, session: SerialSession, small_world: None, sign_in
) -> None:
    await sign_in(await token(session, Role.SECRETARIAT))
    page = await client.get("/fr/monitoring?group=AFRICAN")
    assert page.status_code == 200
    assert _codes(page.text) == ["XBB", "XCC"]
    assert "Suivi" in page.text  # in the reader's language


async def test_the_csv_has_the_sorted_and_filtered_rows(
    client: httpx.AsyncClient, session: SerialSession, small_world: None, sign_in
) -> None:
    await sign_in(await token(session, Role.SECRETARIAT))
    r = await client.get("/en/monitoring.csv?group=AFRICAN&sort=stale&order=desc")
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/csv; charset=utf-8"
    assert "attachment" in r.headers["content-disposition"]
    rows = [row for row in csv.DictReader(io.StringIO(r.text)) if row["code"].startswith("X")]
    assert [row["code"] for row in rows] == ["XBB", "XCC"]
    assert rows[0]["participation_UNTOC"] == "PARTY_DATE_UNKNOWN"
    assert (rows[0]["stale"], rows[0]["central_authority_18_13"]) == ("1", "no")
    everything = await client.get("/en/monitoring.csv")
    codes = [row["code"] for row in csv.DictReader(io.StringIO(everything.text))]
    assert {"XAA", "XBB", "XCC", "XDD"} <= set(codes) and codes == sorted(codes)


@pytest.mark.parametrize("path", ["/en/monitoring", "/en/monitoring.csv"])
@pytest.mark.parametrize(
    ("role", "jurisdiction"),
    [(Role.PRACTITIONER, None), (Role.STATE_EDITOR, "XAA")],
)
async def test_anyone_but_the_secretariat_is_refused(
    client: httpx.AsyncClient,
    session: SerialSession,
    small_world: None,
    sign_in,
    path: str,
    role: Role,
    jurisdiction: str | None,
) -> None:
    await sign_in(await token(session, role, jurisdiction))
    r = await client.get(path)
    assert r.status_code == 403
    assert "XAA" not in r.text


@pytest.mark.parametrize("path", ["/en/monitoring", "/en/monitoring.csv"])
async def test_the_public_is_sent_to_sign_in(
    client: httpx.AsyncClient, small_world: None, path: str
) -> None:
    r = await client.get(path)
    assert r.status_code == 303 and r.headers["location"] == "/en/sign-in"


@pytest.mark.parametrize(
    "query", ["sort=password", "order=sideways", "group=MARS", "group=%00", "sort=" + "x" * 50]
)
async def test_a_bad_parameter_gets_the_400_page(
    client: httpx.AsyncClient, session: SerialSession, sign_in, query: str
) -> None:
    await sign_in(await token(session, Role.SECRETARIAT))
    r = await client.get(f"/en/monitoring?{query}")
    assert r.status_code == 400
