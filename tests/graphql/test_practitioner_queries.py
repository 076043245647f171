"""What a practitioner must get in ONE query, on the situations the model must express."""

from __future__ import annotations

import datetime as dt

from directory.enums import (
    ChannelPermission,
    ConsentType,
    ContactKind,
    ExtraditionBasis,
    JurisdictionKind,
    ProvisionKind,
)
from tests.authorities.factories import Factory
from tests.helpers import gql

# Explicit page sizes keep the query within the default cost budget (5000 nodes).
STATE = """
query ($code: String!, $lang: UNLanguage!) {
  jurisdiction(code: $code) {
    id code kind name(language: $lang) names { language name }
    parent { code }
    territories {
      code name authorities(first: 5) { name designations(first: 5) { territory { code } } }
    }
    participations { instrument { code } consentOn consentType inForce inForceOn sources { url } }
    notifications(instrument: "UNTOC") {
      provision { article kind } status extraditionBasis condition notifiedOn
      depositaryReference verification sources { url document title kind seenOn }
      languageRules { language { code name } preference condition }
    }
    authorities(first: 5) {
      id key name(language: FR) emails { value } phones { value }
      designations(first: 5) {
        subject { code } stage { code } matter { code } subdivision subdivisionName
        territory { code } direction priority provision { article instrument { code } }
        channelRules(first: 5) {
          channel { code } permission urgentOnly priorAgreementRequired
          writtenConfirmationRequired originalToFollow originalWithinDays condition preference
          verification sources { url }
        }
        languageRules(first: 5) { language { code name } preference condition sources { url } }
      }
    }
    channelRules { channel { code } permission urgentOnly priorAgreementRequired condition }
  }
}
"""

NODE = """
query ($id: ID!) {
  node(id: $id) { __typename id ... on Authority { key } ... on Jurisdiction { code } }
}
"""
AUTHORITIES = """
query ($filter: AuthorityFilter) { authorities(filter: $filter) { totalCount nodes { key } } }
"""


async def _untoc(make: Factory):
    untoc = await make.instrument("UNTOC")
    provisions = {
        article: await make.provision(untoc, article, kind, subject)
        for article, kind, subject in [
            ("16(5)", ProvisionKind.EXTRADITION_BASIS, "EXTRADITION"),
            ("18(13)", ProvisionKind.AUTHORITY, "MLA"),
            ("18(14)", ProvisionKind.LANGUAGES, "MLA"),
        ]
    }
    return untoc, provisions


async def _arcadia(make: Factory):
    """A State: authority by stage, conditional 16(5), languages with a condition, channels."""
    untoc, p = await _untoc(make)
    state = await make.jurisdiction("XAA", "Arcadia", names={"fr": "Arcadie", "es": "Arcadia"})
    await make.participation(
        state, untoc, consent_on=dt.date(2004, 5, 10), consent_type=ConsentType.RATIFICATION
    )
    treaty_office = await make.source(
        "Depositary notification", url=None, document="C.N.123.2004.TREATIES-XVIII.12"
    )
    await make.notification(
        state,
        p["16(5)"],
        extradition_basis=ExtraditionBasis.CONDITIONAL,
        condition="on condition of reciprocity",
        notified_on=dt.date(2004, 5, 10),
        depositary_reference="C.N.123.2004",
        source=treaty_office,
    )
    languages = await make.notification(state, p["18(14)"], notified_on=dt.date(2004, 5, 10))
    await make.language_rule(state, "fr", notification=languages, preference=0)
    await make.language_rule(
        state,
        "en",
        notification=languages,
        preference=1,
        condition=ENGLISH_IF_NO_TRANSLATION,
    )
    ministry = await make.authority(
        state,
        "Ministry of Justice",
        names={"fr": "Ministère de la Justice"},
        contacts=[
            (ContactKind.EMAIL, "entraide@justice.xaa.test"),
            (ContactKind.PHONE, "+33140000000"),
        ],
    )
    prosecutor = await make.authority(state, "Prosecutor General's Office")
    trial = await make.designation(ministry, "MLA", stage="TRIAL", provision=p["18(13)"])
    investigation = await make.designation(prosecutor, "MLA", stage="INVESTIGATION")
    extradition = await make.designation(ministry, "EXTRADITION")
    await make.channel_rule(
        state,
        "INTERPOL",
        designation=investigation,
        urgent_only=True,
        prior_agreement_required=True,
        condition="only in urgent cases and where both States agree",
    )
    await make.channel_rule(
        state, "DIPLOMATIC", designation=extradition, permission=ChannelPermission.REQUIRED
    )
    await make.channel_rule(
        state,
        "EMAIL",
        designation=trial,
        original_to_follow=True,
        original_within_days=30,
        condition="the original follows by post",
    )
    await make.channel_rule(state, "FAX", permission=ChannelPermission.NOT_ACCEPTED)
    return state


async def _state(client, code: str, lang: str = "EN") -> dict:
    body = await gql(client, STATE, {"code": code, "lang": lang})
    assert "errors" not in body, body
    return body["data"]["jurisdiction"]


def _by_name(authorities: list[dict]) -> dict[str, dict]:
    return {a["name"]: a for a in authorities}


async def test_state_with_authority_by_procedural_stage(client, make: Factory) -> None:
    # given
    await _arcadia(make)
    # when
    state = await _state(client, "XAA")
    # then
    mla = {
        (d["stage"]["code"] if d["stage"] else None): a["name"]
        for a in state["authorities"]
        for d in a["designations"]
        if d["subject"]["code"] == "MLA"
    }
    assert mla == {
        "TRIAL": "Ministère de la Justice",
        "INVESTIGATION": "Prosecutor General's Office",
    }


async def test_names_in_requested_language_with_english_fallback(client, make: Factory) -> None:
    await _arcadia(make)
    assert (await _state(client, "XAA", "FR"))["name"] == "Arcadie"
    assert (await _state(client, "XAA", "ZH"))["name"] == "Arcadia"
    names = (await _state(client, "XAA"))["names"]
    assert {"language": "FR", "name": "Arcadie"} in names


async def test_conditional_16_5_with_source_and_unknown_18_13(client, make: Factory) -> None:
    await _arcadia(make)
    notifications = {
        n["provision"]["article"]: n for n in (await _state(client, "XAA"))["notifications"]
    }
    basis = notifications["16(5)"]
    assert basis["status"] == "NOTIFIED"
    assert basis["extraditionBasis"] == "CONDITIONAL"
    assert basis["condition"] == "on condition of reciprocity"
    assert basis["notifiedOn"] == "2004-05-10"
    assert basis["sources"] == [
        {
            "url": None,
            "document": "C.N.123.2004.TREATIES-XVIII.12",
            "title": "Depositary notification",
            "kind": "OFFICIAL",
            "seenOn": "2026-11-01",
        }
    ]
    # no record for 18(13): UNKNOWN, never guessed
    assert notifications["18(13)"]["status"] == "UNKNOWN"
    assert notifications["18(13)"]["sources"] == []


ENGLISH_IF_NO_TRANSLATION = (
    "English only where a translation into the official language is impossible"
)


async def test_languages_in_order_of_preference_with_condition(client, make: Factory) -> None:
    await _arcadia(make)
    notifications = {
        n["provision"]["article"]: n for n in (await _state(client, "XAA"))["notifications"]
    }
    assert notifications["18(14)"]["languageRules"] == [
        {"language": {"code": "fr", "name": "French"}, "preference": 0, "condition": None},
        {
            "language": {"code": "en", "name": "English"},
            "preference": 1,
            "condition": ENGLISH_IF_NO_TRANSLATION,
        },
    ]


async def test_channel_rules_with_conditions(client, make: Factory) -> None:
    await _arcadia(make)
    state = await _state(client, "XAA")
    rules = {
        r["channel"]["code"]: r
        for a in state["authorities"]
        for d in a["designations"]
        for r in d["channelRules"]
    }
    assert rules["INTERPOL"]["urgentOnly"] and rules["INTERPOL"]["priorAgreementRequired"]
    assert rules["DIPLOMATIC"]["permission"] == "REQUIRED"
    assert rules["EMAIL"]["originalToFollow"] and rules["EMAIL"]["originalWithinDays"] == 30
    assert rules["EMAIL"]["condition"] == "the original follows by post"
    assert all(r["sources"] for r in rules.values())
    assert state["channelRules"][0]["channel"]["code"] == "FAX"
    assert state["channelRules"][0]["permission"] == "NOT_ACCEPTED"


async def test_participation_dates_consent_and_in_force(client, make: Factory) -> None:
    await _arcadia(make)
    [untoc] = (await _state(client, "XAA"))["participations"]
    assert untoc["instrument"]["code"] == "UNTOC"
    assert untoc["consentType"] == "RATIFICATION"
    assert untoc["inForceOn"] == "2004-06-09"  # 30 days after the deposit
    assert untoc["inForce"] is True


async def test_subdivision_and_tax_authorities_besides_the_main_one(client, make: Factory) -> None:
    # given: a State (test double of the UK) with a main authority, one for Scotland, one for tax
    state = await make.jurisdiction("XGB", "Test Kingdom")
    await make.designation(await make.authority(state, "Central Authority"), "MLA")
    scotland = await make.authority(state, "Crown Office International Co-operation Unit")
    await make.designation(scotland, "MLA", subdivision="GB-SCT")
    tax = await make.authority(state, "Revenue and Customs")
    await make.designation(tax, "MLA", matter="TAX")
    # when
    authorities = _by_name((await _state(client, "XGB"))["authorities"])
    # then
    main = authorities["Central Authority"]["designations"][0]
    assert main["subdivision"] is None and main["matter"] is None
    scottish = authorities["Crown Office International Co-operation Unit"]["designations"][0]
    assert (scottish["subdivision"], scottish["subdivisionName"]) == ("GB-SCT", "Scotland")
    assert authorities["Revenue and Customs"]["designations"][0]["matter"] == {"code": "TAX"}


async def test_two_central_authorities_for_the_same_function(client, make: Factory) -> None:
    state = await make.jurisdiction("XAC", "Twin Republic")
    for name in ("Ministry of Justice", "Office of the Attorney General"):
        await make.designation(await make.authority(state, name), "MLA")
    authorities = (await _state(client, "XAC"))["authorities"]
    assert sorted(
        a["name"] for a in authorities if a["designations"][0]["subject"]["code"] == "MLA"
    ) == [
        "Ministry of Justice",
        "Office of the Attorney General",
    ]


async def test_territory_with_its_own_system_and_central_authority(client, make: Factory) -> None:
    # given: a State and a territory (the Hong Kong SAR pattern) with its own authority
    state = await make.jurisdiction("XCN", "Test China")
    await make.designation(await make.authority(state, "Ministry of Justice"), "MLA")
    sar = await make.jurisdiction("XHK", "Test SAR", kind=JurisdictionKind.TERRITORY, parent=state)
    await make.designation(await make.authority(sar, "Secretary for Justice"), "MLA", territory=sar)
    # when
    china = await _state(client, "XCN")
    hong_kong = await _state(client, "XHK")
    # then
    assert china["territories"] == [
        {
            "code": "XHK",
            "name": "Test SAR",
            "authorities": [
                {"name": "Secretary for Justice", "designations": [{"territory": {"code": "XHK"}}]}
            ],
        }
    ]
    assert hong_kong["kind"] == "TERRITORY" and hong_kong["parent"] == {"code": "XCN"}
    assert [a["name"] for a in china["authorities"]] == ["Ministry of Justice"]


async def test_node_round_trip(client, make: Factory) -> None:
    await _arcadia(make)
    state = await _state(client, "XAA")
    authority = state["authorities"][0]
    for global_id, expected in (
        (state["id"], {"code": "XAA"}),
        (authority["id"], {"key": authority["key"]}),
    ):
        node = (await gql(client, NODE, {"id": global_id}))["data"]["node"]
        assert node["id"] == global_id
        assert expected.items() <= node.items()


async def test_authority_filters(client, make: Factory) -> None:
    await _arcadia(make)

    async def keys(**filter_: object) -> list[str]:
        body = await gql(client, AUTHORITIES, {"filter": {"jurisdiction": "XAA", **filter_}})
        assert "errors" not in body, body
        return sorted(n["key"] for n in body["data"]["authorities"]["nodes"])

    everyone = await keys()
    assert len(everyone) == 2
    assert await keys(instrument="UNTOC") == everyone  # the State consented to it
    assert await keys(language="fr") == everyone  # the 18(14) notification applies to all
    assert len(await keys(channel="INTERPOL")) == 1  # narrowed to the prosecutor's designation
    assert await keys(channel="FAX") == []  # NOT_ACCEPTED
    assert len(await keys(subject="EXTRADITION")) == 1
