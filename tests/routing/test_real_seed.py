"""Routing and search on the committed reference seed (real codes), and the statement count.

This module sorts before ``test_services.py``: the seed is then committed when the invented
world is built, which proves that the scenario table does not depend on an empty database.
"""

from __future__ import annotations

import datetime as dt

from directory.routing.advice import RouteRequest, WarningCode
from directory.routing.services import route
from directory.search.services import search
from tests.helpers import gql

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


async def test_hong_kong_has_its_own_central_authority(seeded, session) -> None:
    direct = await route(session, RouteRequest("DEU", "HKG", "MLA"), now=NOW)
    via_place = await route(session, RouteRequest("DEU", "chn", "mla", place="hkg"), now=NOW)
    assert [d.jurisdiction for d in direct.destinations] == ["HKG"]
    assert [d.authority_key for d in via_place.destinations] == [
        d.authority_key for d in direct.destinations
    ]
    assert via_place.target == "HKG"
    assert WarningCode.TERRITORY_FALLBACK not in direct.warning_codes()
    assert direct.sources, "every fact used cites a source"


async def test_bahamas_conditional_extradition_basis(seeded, session) -> None:
    # both parties to UNTOC in the seed (DEU 2006, BHS 2008), and to the Protocols
    advice = await route(session, RouteRequest("DEU", "BHS", "EXTRADITION"), now=NOW)
    assert "UNTOC" in [b.instrument for b in advice.legal_bases]
    [position] = advice.extradition
    assert (position.provision, position.basis) == ("UNTOC 16(5)", "CONDITIONAL")
    assert position.condition


async def test_search_cote_finds_cote_d_ivoire(seeded, session) -> None:
    for text in ("côte", "cote", "COTE D'IVOIRE"):
        page = await search(session, text)
        assert page.hits[0].code == "CIV", text


async def test_route_runs_a_constant_number_of_statements(seeded, session, sql_counter) -> None:
    sql_counter.reset()
    await route(session, RouteRequest("DEU", "ROU", "MLA", urgent=True), now=NOW)
    small = sql_counter.count
    sql_counter.reset()
    await route(session, RouteRequest("DEU", "KIR", "MLA", urgent=True), now=NOW)
    # one lookup, six fact loads, names, office hours, sources (no stage: no stage tree)
    assert sql_counter.count == small <= 11


async def test_romania_without_a_stage_lists_its_central_authorities(seeded, session) -> None:
    # the Ministry of Administration and Interior handles criminal-record requests only: it
    # must not be the one answer to an MLA request whose stage is not given
    advice = await route(session, RouteRequest("DEU", "ROU", "MLA"), now=NOW)
    keys = [d.authority_key for d in advice.destinations]
    assert keys[:2] == [
        "aut-rou-ministry-of-justice-directorate-for-international-law-and-judicial-cooperation",
        "aut-rou-prosecutor-s-office-attached-to-the-high-court-of-cassation-and-justice-service",
    ]
    [several] = [w for w in advice.warnings if w.code == WarningCode.SEVERAL_AUTHORITIES]
    assert "Give the stage and matter" in several.message
    records = await route(
        session, RouteRequest("DEU", "ROU", "MLA", matter="CRIMINAL_RECORDS"), now=NOW
    )
    assert "aut-rou-ministry-of-administration-and-interior" in [
        d.authority_key for d in records.destinations
    ]


README_ROUTE = """
{
  route(input: {requesting: "DEU", requested: "CHN", place: "HKG",
                subject: "MLA", urgent: true}) {
    target { code name }
    destinations { name office { openNow localTime nextOpensAt } }
    channels { channel { code name } permission conditions { code message } }
    languages { language { code name } level condition }
    legalBases { instrument inForceForRequestingOn inForceForRequestedOn }
    warnings { code message }
    oldestConfirmationOn
  }
}
"""


async def test_readme_route_over_http_statement_count(client, seeded, sql_counter) -> None:
    sql_counter.reset()
    body = await gql(client, README_ROUTE)
    route = body["data"]["route"]
    assert route["target"] == {"code": "HKG", "name": "Hong Kong SAR China"}
    # channel kinds come named from the rows the service read: no statement of their own
    assert [c["channel"] for c in route["channels"]] == [
        {"code": "DIRECT_CENTRAL_AUTHORITY", "name": "Central authority to central authority"},
        {"code": "INTERPOL", "name": "Interpol"},
    ]
    assert [c["conditions"][0]["code"] for c in route["channels"]] == ["CONDITION", "CONDITION"]
    # the service's eleven at most, then the target jurisdiction and its names (loaders)
    assert sql_counter.count <= 13


ROU_MOJ = "aut-rou-ministry-of-justice-directorate-for-international-law-and-judicial-cooperation"


async def test_romania_at_trial_goes_to_its_ministry_of_justice(seeded, session) -> None:
    # designated for TRIAL_AND_EXECUTION, which contains TRIAL (the stage tree); never the
    # criminal-records ministry
    for stage in ("TRIAL", "EXECUTION", "TRIAL_AND_EXECUTION"):
        advice = await route(session, RouteRequest("DEU", "ROU", "MLA", stage=stage), now=NOW)
        assert [d.authority_key for d in advice.destinations] == [ROU_MOJ], stage
        assert WarningCode.SEVERAL_AUTHORITIES not in advice.warning_codes()


async def test_netherlands_16_5_is_shown_and_set_aside_with_its_reason_when_unknown(
    seeded, session
) -> None:
    from sqlalchemy import delete, select

    from directory.treaties.models import Instrument, Jurisdiction, Participation

    # given the seed, where the Netherlands' UNTOC participation is known: its 16(5) YES
    advice = await route(session, RouteRequest("DEU", "NLD", "EXTRADITION"), now=NOW)
    assert [(p.provision, p.basis) for p in advice.extradition] == [("UNTOC 16(5)", "YES")]
    assert WarningCode.FACTS_SET_ASIDE not in advice.warning_codes()
    # when its participation row is gone (not known), the answer never says "not notified"
    nld = select(Jurisdiction.id).where(Jurisdiction.code == "NLD").scalar_subquery()
    untoc = select(Instrument.id).where(Instrument.code == "UNTOC").scalar_subquery()
    await session.execute(
        delete(Participation).where(
            Participation.jurisdiction_id == nld, Participation.instrument_id == untoc
        )
    )
    advice = await route(session, RouteRequest("DEU", "NLD", "EXTRADITION"), now=NOW)
    # then the stored YES is listed as set aside, with the reason
    assert advice.extradition == []
    [aside] = [w for w in advice.warnings if w.code == WarningCode.FACTS_SET_ASIDE]
    assert "NLD's UNTOC 16(5) notification (YES)" in aside.message
    assert "NLD's participation is not recorded" in aside.message
