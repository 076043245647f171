"""Instruments and provisions as data the secretariat manages, through HTTP: created and
updated with their sources, validated, one revision per write, refused to anyone else."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from tests.accounts.factories import tokens_for
from tests.editing.factories import World
from tests.helpers import gid, gql

CREATE_INSTRUMENT = """
mutation ($input: CreateInstrumentInput!) {
  createInstrument(input: $input) {
    status userErrors { field code message }
    instrument { id code shortTitle entryIntoForceOn supplements { code } sources { document } }
    revision { action entityType entityId jurisdiction { code }
      after { ... on InstrumentSnapshot { code shortTitle supplements } } }
  }
}
"""
UPDATE_INSTRUMENT = """
mutation ($input: UpdateInstrumentInput!) {
  updateInstrument(input: $input) {
    status userErrors { field code message }
    instrument { code shortTitle title daysToEntryIntoForce sources { document } }
    revision { action before { ... on InstrumentSnapshot { shortTitle } } }
  }
}
"""
CREATE_PROVISION = """
mutation ($input: CreateProvisionInput!) {
  createProvision(input: $input) {
    status userErrors { field code message }
    provision { id article kind summary subject { code } instrument { code } }
    revision { entityType after { ... on ProvisionSnapshot { instrument article kind subject } } }
  }
}
"""
UPDATE_PROVISION = """
mutation ($input: UpdateProvisionInput!) {
  updateProvision(input: $input) {
    status userErrors { field code message }
    provision { article kind summary }
  }
}
"""
COE = {
    "url": "https://www.coe.int/en/web/conventions/full-list?module=treaty-detail&treatynum=182",
    "title": "Council of Europe Treaty Office: ETS No. 182",
    "kind": "OFFICIAL",
    "seenOn": "2026-11-01",
}
ETS_030 = {
    "code": "ETS030",
    "shortTitle": "European Convention on Mutual Assistance in Criminal Matters",
    "title": "European Convention on Mutual Assistance in Criminal Matters (ETS No. 030)",
    "adoptedOn": "1959-04-20",
    "entryIntoForceOn": "1962-06-12",
    "sources": [COE],
}


def _input(**fields: Any) -> dict[str, Any]:
    return {"input": fields}


async def test_the_secretariat_adds_a_treaty_and_its_provision(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    token = (await tokens_for(session, world))["secretariat"]
    # when the convention and its Second Additional Protocol are created
    body = await gql(client, CREATE_INSTRUMENT, _input(**ETS_030), token=token)
    convention = body["data"]["createInstrument"]
    assert convention["userErrors"] == []
    assert convention["instrument"]["code"] == "ETS030"
    body = await gql(
        client,
        CREATE_INSTRUMENT,
        _input(
            code="ETS182",
            shortTitle="Second Additional Protocol to ETS 030",
            title="Second Additional Protocol to the European Convention on Mutual "
            "Assistance in Criminal Matters (ETS No. 182)",
            supplements=convention["instrument"]["id"],
            adoptedOn="2001-11-08",
            entryIntoForceOn="2004-02-01",
            sources=[{"document": "ETS No. 182", "kind": "OFFICIAL", "seenOn": "2026-11-01"}],
        ),
        token=token,
    )
    protocol = body["data"]["createInstrument"]
    # then each is stored with its sources and recorded, under no jurisdiction
    assert protocol["userErrors"] == []
    assert protocol["instrument"]["supplements"] == {"code": "ETS030"}
    assert protocol["instrument"]["sources"] == [{"document": "ETS No. 182"}]
    assert protocol["revision"]["action"] == "CREATE"
    assert protocol["revision"]["entityType"] == "INSTRUMENT"
    assert protocol["revision"]["entityId"] == protocol["instrument"]["id"]
    assert protocol["revision"]["jurisdiction"] is None
    assert protocol["revision"]["after"]["supplements"] == convention["instrument"]["id"]

    # when a provision of the protocol is added, then it is the protocol's, with its subject
    body = await gql(
        client,
        CREATE_PROVISION,
        _input(
            instrument=protocol["instrument"]["id"],
            article="4(8)",
            kind="CHANNEL",
            summary="Channels of communication; a State may require copies to its central "
            "authority",
            subject="MLA",
            sources=[COE],
        ),
        token=token,
    )
    provision = body["data"]["createProvision"]
    assert provision["userErrors"] == [], provision
    assert provision["provision"]["instrument"] == {"code": "ETS182"}
    assert provision["revision"]["after"]["article"] == "4(8)"
    assert provision["revision"]["after"]["subject"] == "MLA"

    # when the instrument and the provision are updated, only the fields given change
    body = await gql(
        client,
        UPDATE_INSTRUMENT,
        _input(
            instrument=gid("Instrument", "ETS182"), shortTitle="ETS 182", daysToEntryIntoForce=90
        ),
        token=token,
    )
    updated = body["data"]["updateInstrument"]
    assert updated["userErrors"] == []
    assert updated["instrument"]["shortTitle"] == "ETS 182"
    assert updated["instrument"]["daysToEntryIntoForce"] == 90
    assert updated["instrument"]["title"].endswith("(ETS No. 182)")
    assert updated["instrument"]["sources"] == [{"document": "ETS No. 182"}]  # kept
    assert updated["revision"]["before"]["shortTitle"] == "Second Additional Protocol to ETS 030"
    body = await gql(
        client,
        UPDATE_PROVISION,
        _input(provision=provision["provision"]["id"], article="4(9)"),
        token=token,
    )
    assert body["data"]["updateProvision"]["provision"]["article"] == "4(9)"
    assert body["data"]["updateProvision"]["provision"]["kind"] == "CHANNEL"


async def test_bad_treaty_values_are_user_errors(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    token = (await tokens_for(session, world))["secretariat"]
    body = await gql(
        client,
        CREATE_INSTRUMENT,
        _input(
            **{
                **ETS_030,
                "code": "untoc",
                "entryIntoForceOn": "1950-01-01",
                "sources": [],
                "supplements": gid("Instrument", "NOPE"),
            }
        ),
        token=token,
    )
    errors = {e["field"][-1]: e["message"] for e in body["data"]["createInstrument"]["userErrors"]}
    assert "'untoc' is not an instrument code" in errors["code"]
    assert "is before adoption" in errors["entryIntoForceOn"]
    assert "no source given" in errors["sources"]
    assert "'NOPE'" in errors["supplements"]

    body = await gql(client, CREATE_INSTRUMENT, _input(**{**ETS_030, "code": "UNTOC"}), token=token)
    [taken] = body["data"]["createInstrument"]["userErrors"]
    assert "exists already: use updateInstrument" in taken["message"]

    body = await gql(
        client,
        CREATE_PROVISION,
        _input(
            instrument=gid("Instrument", "UNTOC"),
            article="art. 18",
            kind="LANGUAGES",
            summary="Languages",
            subject="TELEPATHY",
            sources=[COE],
        ),
        token=token,
    )
    errors = {e["field"][-1]: e["message"] for e in body["data"]["createProvision"]["userErrors"]}
    assert "'art. 18' is not an article as cited" in errors["article"]
    assert "'TELEPATHY' is unknown" in errors["subject"]

    body = await gql(
        client,
        UPDATE_INSTRUMENT,
        _input(instrument=gid("Instrument", "NOPE"), title="x"),
        token=token,
    )
    [missing] = body["data"]["updateInstrument"]["userErrors"]
    assert missing["code"] == "NOT_FOUND" and missing["field"] == ["input", "instrument"]


async def test_only_the_secretariat_writes_instruments(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    tokens = await tokens_for(session, world)
    for who in ("editor_fra", "practitioner"):
        body = await gql(client, CREATE_INSTRUMENT, _input(**ETS_030), token=tokens[who])
        assert body["errors"][0]["extensions"] == {
            "code": "FORBIDDEN",
            "permission": "directory:instrument:write",
        }
    body = await gql(client, CREATE_INSTRUMENT, _input(**ETS_030))
    assert body["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}
