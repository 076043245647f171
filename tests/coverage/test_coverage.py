"""The coverage numbers of a small world, exact, and the statement budget that reads them."""

from __future__ import annotations

import pytest

from directory.coverage import Participation, Scope, coverage
from directory.coverage.services import STATEMENTS
from directory.db import SerialSession
from directory.enums import NotificationStatus, RegionalGroup
from tests.authorities.factories import Factory
from tests.coverage import world
from tests.coverage.world import AS_OF, CODES, STALE_AFTER


@pytest.fixture
async def report(session: SerialSession):
    await world.build(Factory(session))
    return await coverage(
        session, as_of=AS_OF, stale_after_days=STALE_AFTER, scope=Scope(codes=CODES)
    )


async def test_each_state_row_says_what_is_held(report) -> None:
    rows = {r.code: r for r in report.states}
    assert list(rows) == ["XAA", "XBB", "XCC", "XDD"]
    xaa, xbb, xcc, xdd = (rows[c] for c in CODES)
    assert xaa.participation["UNTOC"] is Participation.PARTY
    assert xaa.participation["UNCAC"] is Participation.SIGNATORY
    assert xbb.participation["UNTOC"] is Participation.PARTY_DATE_UNKNOWN
    assert xcc.participation["UNTOC"] is Participation.NONE
    assert xaa.notifications == {
        "16(5)": NotificationStatus.NOTIFIED,
        "18(13)": NotificationStatus.NOTIFIED,
        "18(14)": NotificationStatus.NOT_NOTIFIED,
    }
    assert xbb.notifications == {
        "16(5)": NotificationStatus.UNKNOWN,
        "18(13)": None,
        "18(14)": None,
    }
    # the retired authority is never counted
    assert (xaa.counts.authorities, xaa.counts.stale, xaa.counts.never_confirmed) == (2, 1, 1)
    assert xaa.counts.by_subject == {"MLA": 1, "EXTRADITION": 1}
    # the secondary-source authority and the channel rule citing no source
    assert xaa.counts.unverified == 2
    assert (xaa.central_authority_18_13, xaa.receives_mla) == (True, True)
    assert (xbb.counts.authorities, xbb.counts.stale, xbb.counts.never_confirmed) == (1, 1, 0)
    assert xbb.counts.unverified == 1  # its 16(5) status of unknown verification
    assert (xbb.central_authority_18_13, xbb.receives_mla) == (False, True)
    assert (xcc.counts.authorities, xcc.counts.unverified, xcc.receives_mla) == (0, 0, False)
    assert xdd.regional_group is None


async def test_groups_and_totals_count_jurisdictions_and_sum_entries(report) -> None:
    t = report.totals
    assert t.jurisdictions == 4
    assert (t.parties["UNTOC"], t.parties_date_unknown["UNTOC"], t.parties["UNCAC"]) == (2, 1, 0)
    assert t.notifications["16(5)"] == {"NOTIFIED": 1, "UNKNOWN": 1, "NONE": 2}
    assert t.notifications["18(13)"] == {"NOTIFIED": 1, "NONE": 3}
    assert (t.with_authority, t.with_central_authority_18_13) == (2, 1)
    assert (t.without_central_authority_18_13, t.receiving_mla) == (3, 2)
    assert (t.with_stale, t.with_unverified, t.with_never_confirmed) == (2, 2, 1)
    assert (t.counts.authorities, t.counts.stale, t.counts.never_confirmed) == (3, 2, 1)
    assert t.counts.unverified == 3
    assert t.counts.by_subject == {"MLA": 2, "EXTRADITION": 1}
    groups = {g.regional_group: g for g in report.regions}
    assert [g.regional_group for g in report.regions] == [*RegionalGroup, None]
    assert groups[RegionalGroup.AFRICAN].jurisdictions == 2
    assert groups[RegionalGroup.AFRICAN].parties["UNTOC"] == 1
    assert groups[RegionalGroup.AFRICAN].counts.stale == 1
    assert groups[RegionalGroup.WEOG].with_central_authority_18_13 == 1
    assert groups[RegionalGroup.EEG].jurisdictions == 0
    assert groups[None].jurisdictions == 1
    assert report.instruments == ["UNTOC", "UNCAC"]


async def test_a_later_day_makes_a_confirmed_entry_stale(session: SerialSession) -> None:
    await world.build(Factory(session))
    later = AS_OF.replace(year=AS_OF.year + 1)
    report = await coverage(
        session, as_of=later, stale_after_days=STALE_AFTER, scope=Scope(codes=["XAA"])
    )
    assert report.states[0].counts.stale == 2


async def test_a_regional_group_scope_keeps_its_jurisdictions(session: SerialSession) -> None:
    await world.build(Factory(session))
    report = await coverage(
        session,
        as_of=AS_OF,
        stale_after_days=STALE_AFTER,
        scope=Scope(regional_group=RegionalGroup.AFRICAN, codes=CODES),
    )
    assert [r.code for r in report.states] == ["XBB", "XCC"]


async def test_the_report_takes_a_fixed_number_of_statements(
    session: SerialSession, sql_counter
) -> None:
    await world.build(Factory(session))
    sql_counter.reset()
    await coverage(session, as_of=AS_OF, stale_after_days=STALE_AFTER)
    assert sql_counter.count == STATEMENTS
