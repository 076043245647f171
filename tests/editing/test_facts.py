"""Treaty facts (notifications, participation): secretariat-only upserts, validated,
audited and in the change feed."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.audit.models import Revision
from directory.treaties.models import Instrument, Notification, Participation
from tests.accounts.factories import tokens_for
from tests.editing.changes import provision_16_5
from tests.editing.factories import World
from tests.helpers import SNAPSHOT, gql

SET_NOTIFICATION = f"""
mutation ($input: SetNotificationInput!) {{
  setNotification(input: $input) {{
    status
    notification {{ status extraditionBasis notifiedOn depositaryReference
                   provision {{ article }} sources {{ url document seenOn }} }}
    revision {{ action entityType before {SNAPSHOT} after {SNAPSHOT} }}
    userErrors {{ field code message }}
  }}
}}
"""
SET_PARTICIPATION = f"""
mutation ($input: SetParticipationInput!) {{
  setParticipation(input: $input) {{
    status
    participation {{ consentOn consentType signedOn sources {{ url }} instrument {{ code }} }}
    revision {{ action entityType before {SNAPSHOT} after {SNAPSHOT} }}
    userErrors {{ field code message }}
  }}
}}
"""
FEED = "{ changes(first: 50) { entityType action after " + SNAPSHOT + " } }"
SOURCE = {"url": "https://treaties.un.org/example/cn-2004", "seenOn": "2024-05-01"}


def notification(**overrides: object) -> dict[str, object]:
    return {
        "jurisdiction": "FRA",
        "instrument": "UNTOC",
        "article": "16(5)",
        "status": "NOTIFIED",
        "extraditionBasis": "YES",
        "notifiedOn": "2004-05-12",
        "depositaryReference": "C.N.1.2004.TREATIES-1",
        "sources": [SOURCE],
        **overrides,
    }


def participation(**overrides: object) -> dict[str, object]:
    return {
        "jurisdiction": "FRA",
        "instrument": "UNTOC",
        "signedOn": "2000-12-12",
        "consentOn": "2002-10-29",
        "consentType": "APPROVAL",
        "sources": [SOURCE],
        **overrides,
    }


async def test_the_secretariat_sets_a_notification_then_replaces_it(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    await provision_16_5(session)
    token = (await tokens_for(session, world))["secretariat"]
    # when the secretariat records France's 16(5) notification
    body = await gql(client, SET_NOTIFICATION, {"input": notification()}, token=token)
    payload = body["data"]["setNotification"]
    assert payload["userErrors"] == [] and payload["status"] == "APPLIED"
    assert payload["notification"]["extraditionBasis"] == "YES"
    assert payload["notification"]["provision"] == {"article": "16(5)"}
    assert payload["notification"]["sources"][0]["url"] == SOURCE["url"]
    assert payload["revision"]["action"] == "CREATE" and payload["revision"]["before"] is None
    # and then replaces it (same natural key: an update, not a second row)
    changed = notification(
        status="NOT_NOTIFIED",
        extraditionBasis=None,
        sources=[{"document": "C.N.2.2024.TREATIES-1", "seenOn": "2024-06-01"}],
    )
    body = await gql(client, SET_NOTIFICATION, {"input": changed}, token=token)
    payload = body["data"]["setNotification"]
    revision = payload["revision"]
    assert revision["action"] == "UPDATE" and revision["entityType"] == "NOTIFICATION"
    # (a notification's `status` is aliased beside an authority's: see SNAPSHOT)
    assert revision["before"]["notificationStatus"] == "NOTIFIED"
    assert revision["after"]["notificationStatus"] == "NOT_NOTIFIED"
    assert revision["after"]["sources"] == [
        {"url": None, "document": "C.N.2.2024.TREATIES-1", "seenOn": "2024-06-01"}
    ]
    count = select(func.count()).where(Notification.jurisdiction_id == world.fra.id)
    assert await session.scalar(count) == 1
    # then both revisions are in the public change feed
    feed = (await gql(client, FEED))["data"]["changes"]
    assert [c["action"] for c in feed if c["entityType"] == "NOTIFICATION"][-2:] == [
        "CREATE",
        "UPDATE",
    ]


async def test_the_secretariat_sets_a_participation(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    token = (await tokens_for(session, world))["secretariat"]
    body = await gql(client, SET_PARTICIPATION, {"input": participation()}, token=token)
    payload = body["data"]["setParticipation"]
    assert payload["userErrors"] == [], payload
    assert payload["participation"]["consentType"] == "APPROVAL"
    assert payload["participation"]["instrument"] == {"code": "UNTOC"}
    body = await gql(
        client, SET_PARTICIPATION, {"input": participation(consentOn="2002-10-30")}, token=token
    )
    revision = body["data"]["setParticipation"]["revision"]
    assert revision["action"] == "UPDATE" and revision["entityType"] == "PARTICIPATION"
    assert (revision["before"]["consentOn"], revision["after"]["consentOn"]) == (
        "2002-10-29",
        "2002-10-30",
    )
    rows = await session.scalars(
        select(Participation)
        .join(Instrument, Participation.instrument_id == Instrument.id)
        .where(Participation.jurisdiction_id == world.fra.id, Instrument.code == "UNTOC")
    )
    assert [r.consent_on for r in rows] == [dt.date(2002, 10, 30)]
    feed = (await gql(client, FEED))["data"]["changes"]
    assert any(c["entityType"] == "PARTICIPATION" for c in feed)


# two days ahead: in the future whatever the time zone of the test machine
LATER = (dt.date.today() + dt.timedelta(days=2)).isoformat()
INSTRUMENT = ["input", "instrument"]
FIRST = ["input", "sources", "0"]


async def test_the_secretariat_records_a_party_whose_date_is_unknown(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    token = (await tokens_for(session, world))["secretariat"]
    # given a source that names France a party without the date of its consent
    undated = participation(
        consentOn=None, consentType="ACCESSION", partyDateUnknown=True, statusAsOf="2023-03-23"
    )
    document = SET_PARTICIPATION.replace(
        "consentOn consentType", "consentOn consentType partyDateUnknown statusAsOf inForce", 1
    )
    # when the secretariat records it
    body = await gql(client, document, {"input": undated}, token=token)
    # then it is a party, in force, with no date and the status date of its source
    payload = body["data"]["setParticipation"]
    assert payload["userErrors"] == [], payload
    assert payload["participation"]["partyDateUnknown"] is True
    assert payload["participation"]["consentOn"] is None
    assert payload["participation"]["statusAsOf"] == "2023-03-23"
    assert payload["participation"]["inForce"] is True
    assert payload["revision"]["after"]["partyDateUnknown"] is True


@pytest.mark.parametrize(
    ("overrides", "fields"),
    [
        (
            {"jurisdiction": "XYZ", "instrument": "NOPE"},
            [["input", "jurisdiction"], ["input", "instrument"]],
        ),
        ({"article": "99(9)"}, [["input", "article"]]),
        ({"status": "NOT_NOTIFIED"}, [["input", "extraditionBasis"]]),  # basis kept: refused
        ({"notifiedOn": LATER}, [["input", "notifiedOn"]]),
        ({"sources": []}, [["input", "sources"]]),
        (
            {"sources": [{"url": "ftp://x", "seenOn": LATER}, {"seenOn": "2024-01-01"}]},
            [
                ["input", "sources", "0", "url"],
                ["input", "sources", "0", "seenOn"],
                ["input", "sources", "1"],
            ],
        ),
    ],
)
async def test_bad_notifications_are_user_errors_and_nothing_is_written(
    client: httpx.AsyncClient,
    session: AsyncSession,
    world: World,
    overrides: dict[str, object],
    fields: list[list[str]],
) -> None:
    await provision_16_5(session)
    token = (await tokens_for(session, world))["secretariat"]
    revisions = await session.scalar(select(func.count()).select_from(Revision))
    body = await gql(client, SET_NOTIFICATION, {"input": notification(**overrides)}, token=token)
    payload = body["data"]["setNotification"]
    assert [e["field"] for e in payload["userErrors"]] == fields, payload
    assert all(e["code"] == "INVALID" and ": " in e["message"] for e in payload["userErrors"])
    assert payload["notification"] is None and payload["status"] is None
    assert await session.scalar(select(func.count()).select_from(Revision)) == revisions
    count = select(func.count()).where(Notification.jurisdiction_id == world.fra.id)
    assert await session.scalar(count) == 0


@pytest.mark.parametrize(
    ("overrides", "fields"),
    [
        (
            {"consentOn": LATER, "signedOn": LATER},
            [["input", "signedOn"], ["input", "consentOn"]],
        ),
        ({"consentType": None}, [["input", "consentType"]]),
        ({"partyDateUnknown": True}, [["input", "partyDateUnknown"]]),
        (
            {"consentOn": None, "statusAsOf": LATER},
            [["input", "statusAsOf"], ["input", "consentType"]],
        ),
        ({"instrument": "NOPE", "sources": []}, [["input", "instrument"], ["input", "sources"]]),
    ],
)
async def test_bad_participations_are_user_errors(
    client: httpx.AsyncClient,
    session: AsyncSession,
    world: World,
    overrides: dict[str, object],
    fields: list[list[str]],
) -> None:
    token = (await tokens_for(session, world))["secretariat"]
    body = await gql(client, SET_PARTICIPATION, {"input": participation(**overrides)}, token=token)
    assert [e["field"] for e in body["data"]["setParticipation"]["userErrors"]] == fields


@pytest.mark.parametrize("who", ["editor_fra", "practitioner", "public"])
async def test_nobody_but_the_secretariat_writes_treaty_facts(
    client: httpx.AsyncClient, session: AsyncSession, world: World, who: str
) -> None:
    # not even France's own focal point may change France's treaty facts
    await provision_16_5(session)
    token = (await tokens_for(session, world))[who]
    for document, data, permission in (
        (SET_NOTIFICATION, notification(), "directory:notification:write"),
        (SET_PARTICIPATION, participation(), "directory:participation:write"),
    ):
        body = await gql(client, document, {"input": data}, token=token)
        (error,) = body["errors"]
        if who == "public":  # no token at all: authenticate first
            assert error["extensions"] == {"code": "UNAUTHENTICATED"}
            assert permission in error["message"]
        else:
            assert error["extensions"] == {"code": "FORBIDDEN", "permission": permission}
    count = select(func.count()).where(Notification.jurisdiction_id == world.fra.id)
    assert await session.scalar(count) == 0
