"""The committed seed: jurisdictions, names, instruments (given the `seeded` fixture)."""

from __future__ import annotations

import json
from urllib.parse import urlparse

import babel
from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from directory.models import (
    Instrument,
    Jurisdiction,
    JurisdictionAlias,
    JurisdictionName,
    Provision,
    Source,
)
from directory.seeding import SEED_DIR

pytestmark = __import__("pytest").mark.usefixtures("seeded")


async def _count(session, *where) -> int:
    return await session.scalar(select(func.count()).select_from(Jurisdiction).where(*where))


async def test_jurisdictions_are_members_observers_the_eu_and_territories(session):
    assert await _count(session, Jurisdiction.un_status == "MEMBER") == 193
    assert await _count(session, Jurisdiction.un_status == "OBSERVER") == 2
    assert await _count(session, Jurisdiction.kind == "ORGANIZATION") == 1
    assert await _count(session, Jurisdiction.kind == "TERRITORY") == 8
    # Cook Islands and Niue are UNTOC parties without UN membership
    non_member_states = await session.execute(
        select(Jurisdiction.code).where(
            Jurisdiction.kind == "STATE", Jurisdiction.un_status == "NON_MEMBER"
        )
    )
    assert sorted(non_member_states.scalars()) == ["COK", "NIU"]
    groups = await session.execute(
        select(Jurisdiction.regional_group, func.count())
        .where(Jurisdiction.un_status == "MEMBER")
        .group_by(Jurisdiction.regional_group)
    )
    assert sum(n for _, n in groups) == 193


async def test_every_jurisdiction_has_six_names_members_from_the_un(session):
    rows = (
        await session.execute(
            select(
                Jurisdiction.code,
                Jurisdiction.alpha2,
                Jurisdiction.un_status,
                JurisdictionName.language,
                JurisdictionName.name,
            ).join(JurisdictionName, JurisdictionName.jurisdiction_id == Jurisdiction.id)
        )
    ).all()
    un = json.loads((SEED_DIR / "un_names.json").read_text(encoding="utf-8"))["names"]
    names: dict[str, dict[str, str]] = {}
    for code, alpha2, status, language, name in rows:
        names.setdefault(code, {})[str(language)] = name
        if status == "MEMBER":
            assert name == un[code][str(language)], (code, language)
        elif status == "NON_MEMBER":
            territory = alpha2 or "EU"
            assert name == babel.Locale.parse(str(language)).territories[territory], code
    assert len(names) == await _count(session)
    assert all(len(by_language) == 6 for by_language in names.values())
    members = [code for code, _, status, _, _ in rows if status == "MEMBER"]
    assert len(set(members)) == 193
    # the UN's names, not CLDR's colloquial ones
    assert names["COD"]["en"] == "Democratic Republic of the Congo"
    assert names["KNA"]["en"] == "Saint Kitts and Nevis"
    assert names["PRK"]["en"] == "Democratic People’s Republic of Korea"
    assert names["MMR"]["en"] == "Myanmar"
    assert names["FRA"]["fr"] == "France"
    # observers by ISO 3166-1: the Holy See, the State of Palestine
    assert names["VAT"]["en"].startswith("Holy See")
    assert "State" in names["PSE"]["en"]


async def test_cldr_names_endonyms_and_codes_are_aliases_with_their_source(session):
    rows = await session.execute(
        select(Jurisdiction.code, JurisdictionAlias.kind, JurisdictionAlias.alias, Source.document)
        .join(Jurisdiction, JurisdictionAlias.jurisdiction_id == Jurisdiction.id)
        .join(Source, JurisdictionAlias.source_id == Source.id)
    )
    found = {(code, str(kind), alias): document for code, kind, alias, document in rows}
    assert ("DEU", "ENDONYM", "Deutschland") in found
    assert ("DEU", "OTHER_CODE", "GER") in found
    assert ("FRA", "ALPHA2", "FR") in found
    assert ("COD", "CLDR_NAME", "Congo - Kinshasa") in found
    assert found[("DEU", "ENDONYM", "Deutschland")].startswith("Unicode CLDR")


async def test_territories_hang_under_their_state_and_states_have_m49(session):
    parent = aliased(Jurisdiction)
    pairs = await session.execute(
        select(Jurisdiction.code, parent.code).join(parent, Jurisdiction.parent_id == parent.id)
    )
    assert dict(pairs.all()) == {
        "HKG": "CHN", "MAC": "CHN", "ABW": "NLD", "CUW": "NLD",
        "SXM": "NLD", "FRO": "DNK", "GRL": "DNK", "TKL": "NZL",
    }  # fmt: skip
    assert await _count(session, Jurisdiction.kind == "STATE", Jurisdiction.m49.is_(None)) == 0
    eu = await session.scalar(select(Jurisdiction).where(Jurisdiction.code == "EUU"))
    assert (eu.alpha2, eu.m49, eu.regional_group) == (None, None, None)
    germany = await session.scalar(select(Jurisdiction).where(Jurisdiction.code == "DEU"))
    assert (germany.alpha2, germany.m49, germany.regional_group) == ("DE", "276", "WEOG")


async def test_instruments_and_their_provisions(session):
    untoc = await session.scalar(select(Instrument).where(Instrument.code == "UNTOC"))
    protocols = await session.execute(
        select(Instrument.code).where(Instrument.supplements_id == untoc.id)
    )
    assert sorted(protocols.scalars()) == ["FIREARMS_PROTOCOL", "SOM_PROTOCOL", "TIP_PROTOCOL"]
    drugs = await session.scalar(select(Instrument).where(Instrument.code == "DRUGS_1988"))
    assert (drugs.days_to_entry_into_force, str(drugs.entry_into_force_on)) == (90, "1990-11-11")
    rows = await session.execute(
        select(Instrument.code, Provision.article, Provision.kind, Provision.subject_code).join(
            Provision, Provision.instrument_id == Instrument.id
        )
    )
    provisions = {(code, art): (str(kind), subject) for code, art, kind, subject in rows}
    # 12 of the UNTOC family and the 1988 Convention, 15 of instruments_more.json
    assert len(provisions) == 27
    assert provisions[("UNTOC", "18(13)")] == ("AUTHORITY", "MLA")
    assert provisions[("ETS_185", "27(2)")] == ("AUTHORITY", "MLA")
    assert provisions[("ETS_030", "16")] == ("LANGUAGES", "MLA")
    assert provisions[("DRUGS_1988", "17(7)")] == ("AUTHORITY", "ILLICIT_TRAFFIC_BY_SEA")


async def test_instruments_beyond_the_untoc_family_are_seed_records(session):
    # a new treaty is a seed record, never a migration: the CoE, OAS and UN 2024 ones
    rows = await session.execute(
        select(Instrument.code, Instrument.entry_into_force_on, Instrument.supplements_id)
    )
    found = {code: (str(on) if on else None, sup) for code, on, sup in rows}
    assert found["ETS_024"][0] == "1960-04-18"
    assert found["ETS_030"][0] == "1962-06-12"
    assert found["ETS_185"][0] == "2004-07-01"
    assert found["IACMAC"][0] == "1996-04-14"
    # adopted in December 2024, not in force: never a legal basis yet
    assert found["UNCC"] == (None, None)
    ets030 = await session.scalar(select(Instrument.id).where(Instrument.code == "ETS_030"))
    assert found["ETS_182"][1] == ets030 and found["ETS_099"][1] == ets030


def test_the_un_s_own_pages_are_official_sources() -> None:
    # the UN Treaty Collection is the depositary's own record; un.org its member lists
    rows = json.loads((SEED_DIR / "sources.json").read_text(encoding="utf-8"))
    hosts = {
        (urlparse(r["url"]).netloc, r["kind"])
        for r in rows
        if r.get("url") and urlparse(r["url"]).netloc.endswith("un.org")
    }
    assert {"www.un.org", "treaties.un.org", "legal.un.org"} <= {h for h, _ in hosts}
    assert {kind for _, kind in hosts} == {"OFFICIAL"}
