"""The full participation tables in the seed: every identified UNTOC party counts, a party
with an unknown date is a party, and an old status table is named as such."""

from __future__ import annotations

import datetime as dt
import itertools

from sqlalchemy import func, or_, select

from directory.routing.advice import RouteRequest, WarningCode
from directory.routing.services import route
from directory.treaties.models import Instrument, Participation

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
NINE = ("FRA", "DEU", "ITA", "CAN", "ROU", "BRA", "KEN", "IND", "JPN")


async def test_at_least_187_untoc_parties_have_their_participation(seeded, session) -> None:
    parties = await session.scalar(
        select(func.count())
        .select_from(Participation)
        .join(Instrument, Participation.instrument_id == Instrument.id)
        .where(
            Instrument.code == "UNTOC",
            or_(Participation.consent_on.is_not(None), Participation.party_date_unknown),
        )
    )
    assert parties >= 187


async def test_untoc_is_a_legal_basis_between_any_two_of_nine_states(seeded, session) -> None:
    for requesting, requested in itertools.permutations(NINE, 2):
        advice = await route(session, RouteRequest(requesting, requested, "MLA"), now=NOW)
        assert "UNTOC" in [b.instrument for b in advice.legal_bases], (requesting, requested)
        codes = advice.warning_codes()
        assert WarningCode.PARTICIPATION_UNKNOWN not in codes, (requesting, requested)
        assert WarningCode.NO_COMMON_LEGAL_BASIS not in codes, (requesting, requested)


async def test_a_2014_status_table_is_named_with_its_date(seeded, session) -> None:
    # France's UNTOC row comes only from the 2014 UNTC table
    advice = await route(session, RouteRequest("CAN", "FRA", "MLA"), now=NOW)
    [message] = _as_of(advice, "FRA", "Organized Crime Convention")
    assert "2014-01-27" in message


async def test_a_status_younger_than_two_years_is_not_flagged(seeded, session) -> None:
    # Afghanistan's and Albania's rows are confirmed by the UNTC page of 4 May 2024
    june_2025 = dt.datetime(2025, 6, 1, 9, 0, tzinfo=dt.UTC)
    advice = await route(session, RouteRequest("AFG", "ALB", "MLA"), now=june_2025)
    assert _as_of(advice, "AFG", "Organized Crime Convention") == []
    assert _as_of(advice, "ALB", "Organized Crime Convention") == []
    # their Convention against Corruption rows come from the 2014 table only
    assert _as_of(advice, "AFG", "Convention against Corruption")


def _as_of(advice, code: str, title: str) -> list[str]:
    return [
        w.message
        for w in advice.warnings
        if w.code == WarningCode.PARTICIPATION_AS_OF
        and w.message.startswith(f"{code}'s")
        and f" in {title} " in w.message
    ]


async def test_a_party_with_an_unknown_date_is_a_party(seeded, session) -> None:
    # Bhutan: a party per its foreign ministry (2023), the deposit date was not seen
    advice = await route(session, RouteRequest("FRA", "BTN", "MLA"), now=NOW)
    [untoc] = [b for b in advice.legal_bases if b.instrument == "UNTOC"]
    assert untoc.in_force_for_requested_on is None
    assert untoc.in_force_for_requesting_on == dt.date(2003, 9, 29)
    codes = advice.warning_codes()
    assert WarningCode.PARTICIPATION_DATE_UNKNOWN in codes
    assert WarningCode.NO_COMMON_LEGAL_BASIS not in codes


async def test_the_netherlands_16_5_yes_shows_once_its_participation_is_known(
    seeded, session
) -> None:
    advice = await route(session, RouteRequest("FRA", "NLD", "EXTRADITION"), now=NOW)
    [position] = [p for p in advice.extradition if p.provision == "UNTOC 16(5)"]
    assert position.basis == "YES"
