"""The read rules over treaty facts: completion of a jurisdiction's notifications and
in-force dates, called directly and through the API, which must give the same answer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from directory.enums import NotificationStatus, ProvisionKind
from directory.treaties import models as tm
from directory.treaties import services
from tests.helpers import gid, gql
from tests.treaties.factories import TreatyFactory

NOTIFICATIONS = """
query Notifications($code: String!, $instrument: String) {
  jurisdiction(code: $code) {
    notifications(instrument: $instrument) {
      provision { article instrument { code } }
      status
      summary
    }
  }
}
"""


def _provision(id: int, instrument_id: int, article: str) -> tm.Provision:
    return tm.Provision(
        id=id, instrument_id=instrument_id, article=article, kind=ProvisionKind.OTHER, summary=""
    )


def test_a_provision_without_a_row_is_an_unknown_entry() -> None:
    # given two provisions of an instrument, one of them notified
    first, second = _provision(1, 10, "1"), _provision(2, 10, "2")
    stored = [tm.Notification(provision_id=2, status=NotificationStatus.NOT_NOTIFIED)]
    # when the list is completed
    entries = services.complete_notifications(stored, [second, first])
    # then both provisions appear by id, the one without a row as UNKNOWN without a row
    assert [(e.provision.id, e.status, e.notification) for e in entries] == [
        (1, NotificationStatus.UNKNOWN, None),
        (2, NotificationStatus.NOT_NOTIFIED, stored[0]),
    ]


def test_an_instrument_narrows_the_list_to_its_provisions() -> None:
    provisions = [_provision(1, 10, "1"), _provision(2, 20, "2")]
    entries = services.complete_notifications([], provisions, instrument_id=20)
    assert [e.provision.id for e in entries] == [2]


def test_a_stored_row_without_its_provision_is_a_callers_bug() -> None:
    stored = [tm.Notification(provision_id=7, status=NotificationStatus.NOTIFIED)]
    with pytest.raises(ValueError, match=r"provisions \[7\] not given"):
        services.complete_notifications(stored, [_provision(1, 10, "1")])


@pytest.mark.parametrize(
    ("consent", "today", "expected"),
    [
        (dt.date(2003, 1, 10), dt.date(2003, 9, 28), False),  # before entry into force
        (dt.date(2003, 1, 10), dt.date(2003, 9, 29), True),  # binds with the instrument
        (dt.date(2010, 5, 1), dt.date(2010, 5, 30), False),  # 29 days after a late consent
        (dt.date(2010, 5, 1), dt.date(2010, 5, 31), True),  # the 30th day
        (None, dt.date(2030, 1, 1), None),  # signed only: the data cannot say
        ("unknown", dt.date(2030, 1, 1), True),  # a party whose consent date is unknown
    ],
)
def test_in_force_on_a_day(consent: Any, today: dt.date, expected: bool | None) -> None:
    instrument = tm.Instrument(
        entry_into_force_on=dt.date(2003, 9, 29), days_to_entry_into_force=30
    )
    undated = consent == "unknown"
    participation = tm.Participation(
        consent_on=None if undated else consent, party_date_unknown=undated
    )
    assert services.is_in_force(participation, instrument, today) is expected


async def test_the_api_and_the_service_complete_notifications_alike(client, session) -> None:
    # given a State party to one instrument (two provisions, one notified), which also
    # notified under a provision of an instrument it takes no part in
    f = TreatyFactory(session)
    party = await f.instrument("XNA", title="Invented instrument A")
    other = await f.instrument("XNB", title="Invented instrument B")
    await f.provision(party, "1(1)", ProvisionKind.AUTHORITY, None)
    a2 = await f.provision(party, "2(2)", ProvisionKind.LANGUAGES, None)
    b1 = await f.provision(other, "3(3)", ProvisionKind.OTHER, None)
    state = await f.jurisdiction("XNQ", "Notifying State")
    await f.participation(state, party, consent_on=dt.date(2004, 1, 1))
    await f.notification(state, a2, summary="Invented languages.")
    await f.notification(state, b1, status=NotificationStatus.NOT_NOTIFIED, summary="Outside.")
    await session.flush()
    expected = {
        None: [
            ("1(1)", "XNA", "UNKNOWN", None),
            ("2(2)", "XNA", "NOTIFIED", "Invented languages."),
            ("3(3)", "XNB", "NOT_NOTIFIED", "Outside."),
        ],
        "xnb": [("3(3)", "XNB", "NOT_NOTIFIED", "Outside.")],
        "NOPE": [],
    }
    instruments = {party.id: "XNA", other.id: "XNB"}
    for instrument, entries in expected.items():
        # when the API and the service are asked for the same list
        body = await gql(client, NOTIFICATIONS, {"code": "XNQ", "instrument": instrument})
        answered = [
            (
                n["provision"]["article"],
                n["provision"]["instrument"]["code"],
                n["status"],
                n["summary"],
            )
            for n in body["data"]["jurisdiction"]["notifications"]
        ]
        direct = [
            (
                e.provision.article,
                instruments[e.provision.instrument_id],
                e.status.value,
                e.notification.summary if e.notification else None,
            )
            for e in await services.notifications_of(session, state.id, instrument)
        ]
        # then both give the completed list: a1 UNKNOWN, b1 kept although not a party to B
        assert answered == direct == entries, instrument


LISTED = """
query ($code: String!, $ids: [ID!]!) {
  jurisdiction(code: $code) { notifications { id status } }
  nodes(ids: $ids) { ... on Notification { id status } }
}
"""
ONE = "query ($id: ID!) { node(id: $id) { ... on Notification { id status } } }"


async def test_a_notification_by_id_exists_only_where_the_list_has_it(client, session) -> None:
    # given a State party to A (a1 not notified, a2 notified) and not to B, which it still
    # notified under b1; b2 is a provision of B it never notified under
    f = TreatyFactory(session)
    party = await f.instrument("XNA", title="Invented instrument A")
    other = await f.instrument("XNB", title="Invented instrument B")
    a1 = await f.provision(party, "1(1)", ProvisionKind.AUTHORITY, None)
    a2 = await f.provision(party, "2(2)", ProvisionKind.LANGUAGES, None)
    b1 = await f.provision(other, "3(3)", ProvisionKind.OTHER, None)
    b2 = await f.provision(other, "4(4)", ProvisionKind.OTHER, None)
    state = await f.jurisdiction("XNQ", "Notifying State")
    await f.participation(state, party, consent_on=dt.date(2004, 1, 1))
    await f.notification(state, a2, summary="Invented languages.")
    await f.notification(state, b1, status=NotificationStatus.NOT_NOTIFIED, summary="Outside.")
    await session.flush()
    ids = {p.article: gid("Notification", f"{state.id}.{p.id}") for p in (a1, a2, b1, b2)}
    # when the list and the IDs of every pair are asked for
    body = await gql(client, LISTED, {"code": "XNQ", "ids": list(ids.values())})
    one_by_one = [(await gql(client, ONE, {"id": i}))["data"]["node"] for i in ids.values()]
    # then node(id:) and nodes(ids:) find exactly the list's entries: b2 has none (an
    # UNKNOWN entry exists only under an instrument the State takes part in)
    listed = body["data"]["jurisdiction"]["notifications"]
    assert listed == [
        {"id": ids["1(1)"], "status": "UNKNOWN"},
        {"id": ids["2(2)"], "status": "NOTIFIED"},
        {"id": ids["3(3)"], "status": "NOT_NOTIFIED"},
    ]
    assert body["data"]["nodes"] == one_by_one == [*listed, None]


def test_the_entry_rule_for_one_provision() -> None:
    a1 = _provision(1, 10, "1")
    party = [tm.Participation(instrument_id=10)]
    stored = tm.Notification(provision_id=3, status=NotificationStatus.NOTIFIED)
    assert services.notification_entry(a1, None, party) is not None
    assert services.notification_entry(_provision(3, 20, "3"), stored, []) is not None
    assert services.notification_entry(_provision(4, 20, "4"), None, party) is None
