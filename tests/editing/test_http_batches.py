"""Writes a focal point can do, through HTTP: partial updates, several pending requests on
one entry merged at approval (CONFLICT back to the editor when a field moved), the global
ID of what a write creates, and a whole State entered with ``proposeChanges``."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.authorities.models import Authority, ChannelRule, Designation, LanguageRule
from directory.enums import Direction, Verification
from directory.treaties.models import Instrument, Provision
from tests.accounts.factories import tokens_for
from tests.editing.factories import World
from tests.helpers import gid, gql

PROPOSE = """
mutation ($input: ProposeChangesInput!) {
  proposeChanges(input: $input) {
    status objectIds userErrors { field code message }
    changeRequest { id status kind objectIds payload }
  }
}
"""
APPROVE = """
mutation ($id: ID!) {
  approveChangeRequest(input: {changeRequest: $id}) {
    status userErrors { message }
    changeRequest { status objectIds conflicts { change entityId field base current proposed } }
  }
}
"""
UPDATE_DESIGNATION = """
mutation ($input: UpdateDesignationInput!) {
  updateDesignation(input: $input) {
    status objectId userErrors { field message }
    changeRequest { id }
    designation { subject { code } priority notes provision { article } }
  }
}
"""
CREATE_AUTHORITY = """
mutation ($input: CreateAuthorityInput!) {
  createAuthority(input: $input) { status objectId changeRequest { id } userErrors { message } }
}
"""
MY_REQUESTS = """
{ changeRequests(pendingOnly: false) {
    id status conflicts { change field base current proposed } } }
"""
NODES = """
query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id
  ... on Authority { city names { name } } } }
"""
SOURCE = {
    "url": "https://justice.example.cn/mla",
    "title": "Ministry page",
    "kind": "OFFICIAL",
    "seenOn": "2026-11-30",
}


class Calls:
    """Counts the GraphQL calls a scenario makes."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client, self.count = client, 0

    async def __call__(self, document: str, variables: Any = None, *, token: Any) -> Any:
        self.count += 1
        return await gql(self.client, document, variables, token=token)


async def _designation(session: AsyncSession, world: World) -> Designation:
    untoc = await session.scalar(select(Instrument.id).where(Instrument.code == "UNTOC"))
    provision = await session.scalar(
        select(Provision).where(Provision.instrument_id == untoc, Provision.article == "18(13)")
    )  # the seed's, when a test before loaded it
    if provision is None:
        provision = Provision(
            instrument_id=untoc, article="18(13)", kind="AUTHORITY", summary="Central authority"
        )
        session.add(provision)
        await session.flush()
    d = Designation(
        authority_id=world.fra_authority.id,
        subject_code="MLA",
        provision_id=provision.id,
        notes="by e-mail first",
        priority=1,
        verification=Verification.OFFICIAL,
        direction=Direction.BOTH,
        residual=False,
    )
    session.add(d)
    await session.commit()
    return d


async def test_an_update_changes_only_the_fields_it_gives_and_null_clears(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    d = await _designation(session, world)
    token = (await tokens_for(session, world))["secretariat"]
    await session.commit()
    target = {"designation": gid("Designation", d.id), "expectedVersion": 1}
    # when only the priority is sent
    body = await gql(
        client, UPDATE_DESIGNATION, {"input": {**target, "fields": {"priority": 3}}}, token=token
    )
    answer = body["data"]["updateDesignation"]
    # then the provision link and the notes are kept
    assert answer["userErrors"] == []
    assert answer["designation"] == {
        "subject": {"code": "MLA"},
        "priority": 3,
        "notes": "by e-mail first",
        "provision": {"article": "18(13)"},
    }
    assert answer["objectId"] == gid("Designation", d.id)
    # and an explicit null clears the notes, a required field refuses it
    target["expectedVersion"] = 2
    body = await gql(
        client, UPDATE_DESIGNATION, {"input": {**target, "fields": {"notes": None}}}, token=token
    )
    assert body["data"]["updateDesignation"]["designation"]["notes"] is None
    target["expectedVersion"] = 3
    body = await gql(
        client, UPDATE_DESIGNATION, {"input": {**target, "fields": {"subject": None}}}, token=token
    )
    [error] = body["data"]["updateDesignation"]["userErrors"]
    assert (
        error["field"] == ["input", "fields", "subject"] and "cannot be cleared" in error["message"]
    )


async def test_two_pending_requests_merge_and_a_moved_field_goes_back_to_the_editor(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    d = await _designation(session, world)
    tokens = await tokens_for(session, world)
    await session.commit()
    target = {"designation": gid("Designation", d.id), "expectedVersion": 1}
    # given three pending requests made on version 1: priority, notes, and priority again
    made = []
    for fields in ({"priority": 2}, {"notes": "by post only"}, {"priority": 5}):
        body = await gql(
            client,
            UPDATE_DESIGNATION,
            {"input": {**target, "fields": fields}},
            token=tokens["editor_fra"],
        )
        answer = body["data"]["updateDesignation"]
        assert answer["status"] == "PENDING_REVIEW", answer
        made.append(answer["changeRequest"]["id"])
    # when the secretariat approves them in order
    outcomes = [
        (await gql(client, APPROVE, {"id": m}, token=tokens["secretariat"]))["data"][
            "approveChangeRequest"
        ]
        for m in made
    ]
    # then the first two apply, each on the other's result
    assert [o["status"] for o in outcomes] == ["APPLIED", "APPLIED", "CONFLICT"]
    row = await session.get(Designation, d.id, populate_existing=True)
    assert (row.priority, row.notes, row.provision_id) == (2, "by post only", d.provision_id)
    # and the third, whose field moved, is returned with the values, for its editor to see
    conflict = {
        "change": 0,
        "entityId": gid("Designation", d.id),
        "field": "priority",
        "base": 1,
        "current": 2,
        "proposed": 5,
    }
    assert outcomes[2]["changeRequest"]["conflicts"] == [conflict]
    seen = await gql(client, MY_REQUESTS, token=tokens["editor_fra"])
    mine = {r["id"]: r for r in seen["data"]["changeRequests"]}
    assert mine[made[2]]["status"] == "CONFLICT"
    assert mine[made[2]]["conflicts"] == [{k: v for k, v in conflict.items() if k != "entityId"}]


async def test_a_pending_authority_has_its_id_before_approval(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    tokens = await tokens_for(session, world)
    await session.commit()
    body = await gql(
        client,
        CREATE_AUTHORITY,
        {
            "input": {
                "jurisdiction": "FRA",
                "names": [{"language": "fr", "name": "Parquet de Lyon"}],
                "city": "Lyon",
                "sources": [SOURCE],
            }
        },
        token=tokens["editor_fra"],
    )
    answer = body["data"]["createAuthority"]
    assert answer["status"] == "PENDING_REVIEW" and answer["objectId"]
    approved = await gql(
        client, APPROVE, {"id": answer["changeRequest"]["id"]}, token=tokens["secretariat"]
    )
    assert approved["data"]["approveChangeRequest"]["changeRequest"]["objectIds"] == [
        answer["objectId"]
    ]
    nodes = await gql(client, NODES, {"ids": [answer["objectId"]]}, token=tokens["secretariat"])
    assert nodes["data"]["nodes"] == [
        {
            "__typename": "Authority",
            "id": answer["objectId"],
            "city": "Lyon",
            "names": [{"name": "Parquet de Lyon"}],
        }
    ]


def _whole_state() -> list[dict[str, Any]]:
    """China's entry: two authorities, three designations, six rules, each with a source."""
    src = {"sources": [SOURCE]}
    authority = {"jurisdiction": "CHN", "city": "Beijing", **src}
    rule = {"jurisdiction": "CHN", "expectedVersion": 0}
    return [
        {
            "createAuthority": {
                **authority,
                "names": [{"language": "en", "name": "Ministry of Justice"}],
            }
        },
        {
            "createAuthority": {
                **authority,
                "names": [{"language": "en", "name": "Supreme Procuratorate"}],
            }
        },
        {
            "createDesignation": {
                "authority": "change:0",
                "expectedVersion": 0,
                "fields": {"subject": "MLA", **src},
            }
        },
        {
            "createDesignation": {
                "authority": "change:0",
                "expectedVersion": 0,
                "fields": {"subject": "EXTRADITION", **src},
            }
        },
        {
            "createDesignation": {
                "authority": "change:1",
                "expectedVersion": 0,
                "fields": {"subject": "MLA", "direction": "OUTGOING", **src},
            }
        },
        {
            "createChannelRule": {
                **rule,
                "fields": {"channel": "DIPLOMATIC", "designation": "change:2", **src},
            }
        },
        {
            "createChannelRule": {
                **rule,
                "fields": {
                    "channel": "INTERPOL",
                    "urgentOnly": True,
                    "designation": "change:3",
                    **src,
                },
            }
        },
        {"createChannelRule": {**rule, "fields": {"channel": "DIPLOMATIC", **src}}},
        {
            "createLanguageRule": {
                **rule,
                "fields": {"language": "zh", "designation": "change:2", **src},
            }
        },
        {
            "createLanguageRule": {
                **rule,
                "fields": {"language": "en", "preference": 1, "designation": "change:2", **src},
            }
        },
        {"createLanguageRule": {**rule, "fields": {"language": "zh", **src}}},
    ]


async def _counts(session: AsyncSession) -> tuple[int, ...]:
    return tuple(
        [
            await session.scalar(select(func.count()).select_from(model))
            for model in (Authority, Designation, ChannelRule, LanguageRule)
        ]
    )


async def test_a_focal_point_enters_a_whole_state_in_at_most_five_calls(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    tokens = await tokens_for(session, world)
    await session.commit()
    before = await _counts(session)
    calls = Calls(client)
    # when China's focal point proposes its whole entry in one call
    body = await calls(
        PROPOSE,
        {"input": {"changes": _whole_state(), "reason": "first entry"}},
        token=tokens["editor_chn"],
    )
    proposed = body["data"]["proposeChanges"]
    assert proposed["userErrors"] == [] and proposed["status"] == "PENDING_REVIEW"
    request = proposed["changeRequest"]
    assert request["kind"] == "CHANGES" and len(request["payload"]["changes"]) == 11
    # the authorities' IDs are known at once; the rest once approved
    assert proposed["objectIds"][0] and proposed["objectIds"][1]
    assert proposed["objectIds"][2:] == [None] * 9
    assert await _counts(session) == before  # nothing written until approval
    # and the secretariat approves it
    approved = await calls(APPROVE, {"id": request["id"]}, token=tokens["secretariat"])
    answer = approved["data"]["approveChangeRequest"]
    assert answer["status"] == "APPLIED", answer
    ids = answer["changeRequest"]["objectIds"]
    # then everything is there, linked as proposed, each fact with its source
    assert len(ids) == 11 and all(ids) and ids[:2] == proposed["objectIds"][:2]
    assert [a - b for a, b in zip(await _counts(session), before, strict=True)] == [2, 3, 3, 3]
    shown = await calls(NODES, {"ids": ids[:2]}, token=tokens["editor_chn"])
    assert [n["names"][0]["name"] for n in shown["data"]["nodes"]] == [
        "Ministry of Justice",
        "Supreme Procuratorate",
    ]
    rules = (
        await session.scalars(
            select(ChannelRule).where(ChannelRule.jurisdiction_id == world.chn.id)
        )
    ).all()
    designations = {
        d.id: d.subject_code
        for d in await session.scalars(
            select(Designation).where(Designation.subject_code.is_not(None))
        )
    }
    assert sorted(designations.get(r.designation_id, "-") for r in rules) == [
        "-",
        "EXTRADITION",
        "MLA",
    ]
    assert calls.count <= 5


async def test_a_bad_change_in_a_batch_is_named_and_nothing_is_kept(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    tokens = await tokens_for(session, world)
    await session.commit()
    before = await _counts(session)
    changes = _whole_state()
    changes[3]["createDesignation"]["fields"]["subject"] = "NO_SUCH_SUBJECT"
    changes[5]["createChannelRule"]["fields"]["designation"] = "change:9"  # a later change
    for token in (tokens["editor_chn"], tokens["secretariat"]):
        body = await gql(client, PROPOSE, {"input": {"changes": changes}}, token=token)
        errors = body["data"]["proposeChanges"]["userErrors"]
        assert [e["field"] for e in errors] == [
            ["input", "changes", "5", "createChannelRule", "fields", "designation"]
        ]
        changes[5]["createChannelRule"]["fields"]["designation"] = "change:2"
        body = await gql(client, PROPOSE, {"input": {"changes": changes}}, token=token)
        errors = body["data"]["proposeChanges"]["userErrors"]
        assert ["input", "changes", "3", "createDesignation", "fields", "subject"] in [
            e["field"] for e in errors
        ], errors
        assert all(e["message"].startswith("change 3 (createDesignation)") for e in errors)
        changes[5]["createChannelRule"]["fields"]["designation"] = "change:9"
        assert await _counts(session) == before
