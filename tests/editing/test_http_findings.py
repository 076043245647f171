"""Regressions of a review of the write side, through HTTP: notification rules are treaty
facts, reasons are bounded, a moved rule changes both entries, and errors name only what
the caller sent (GraphQL names, alpha-3 codes)."""

from __future__ import annotations

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.audit.models import Revision
from directory.authorities.models import Authority, ChannelRule, LanguageRule
from directory.editing.models import ChangeRequest, ChangeStatus
from directory.enums import Verification
from tests.accounts.factories import tokens_for
from tests.editing.changes import designation_of, notification_language_rule
from tests.editing.factories import World, authority
from tests.helpers import gid, gql

PAYLOAD = "{ status userErrors { field code message } }"
UPDATE_AUTHORITY = (
    "mutation ($input: UpdateAuthorityInput!) { updateAuthority(input: $input) " + PAYLOAD + " }"
)
UPDATE_LANGUAGE = (
    "mutation ($input: UpdateLanguageRuleInput!) { updateLanguageRule(input: $input) "
    + PAYLOAD
    + " }"
)
UPDATE_CHANNEL = (
    "mutation ($input: UpdateChannelRuleInput!) { updateChannelRule(input: $input) "
    + PAYLOAD
    + " }"
)
CREATE_CHANNEL = (
    "mutation ($input: CreateChannelRuleInput!) { createChannelRule(input: $input) "
    + PAYLOAD
    + " }"
)
APPROVE = "mutation ($input: ReviewInput!) { approveChangeRequest(input: $input) " + PAYLOAD + " }"
REJECT = "mutation ($input: ReviewInput!) { rejectChangeRequest(input: $input) " + PAYLOAD + " }"
HISTORY = """query ($id: ID!) { authority(id: $id) { version
  history { action entityType } designations { channelRules { channel { code } } } } }"""


async def _fresh(session: AsyncSession, model: type, key: int):
    return await session.get(model, key, populate_existing=True)


async def test_a_state_editor_cannot_change_its_notifications_language_rules(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    # given a language rule of France's art. 18(14) notification
    rule = await notification_language_rule(session, world.fra)
    tokens = await tokens_for(session, world)
    variables = {"input": {"rule": gid("LanguageRule", rule.id), "fields": {"language": "de"}}}

    # when France's own editor changes or removes it
    changed = await gql(client, UPDATE_LANGUAGE, variables, token=tokens["editor_fra"])
    removed = await gql(
        client,
        "mutation ($input: RemoveLanguageRuleInput!) "
        "{ removeLanguageRule(input: $input) { status } }",
        {"input": {"rule": gid("LanguageRule", rule.id)}},
        token=tokens["editor_fra"],
    )

    # then both are refused, naming the secretariat's permission, and the rule is as it was
    for body in (changed, removed):
        [error] = body["errors"]
        assert error["extensions"] == {
            "code": "FORBIDDEN",
            "permission": "directory:notification:write",
        }
        assert "directory:notification:write" in error["message"]
    assert (await _fresh(session, LanguageRule, rule.id)).language == "fr"
    assert await session.scalar(select(ChangeRequest.id).limit(1)) is None


async def test_a_rule_cannot_hang_off_a_designation_and_a_notification(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    rule = await notification_language_rule(session, world.fra)
    d = await designation_of(session, world.fra_authority)
    tokens = await tokens_for(session, world)
    variables = {
        "input": {
            "rule": gid("LanguageRule", rule.id),
            "expectedVersion": world.fra_authority.version,
            "fields": {"language": "fr", "designation": gid("Designation", d.id)},
        }
    }
    body = await gql(client, UPDATE_LANGUAGE, variables, token=tokens["secretariat"])
    [error] = body["data"]["updateLanguageRule"]["userErrors"]
    assert error["field"] == ["input", "fields", "designation"]
    assert "designation or a notification, not both" in error["message"]
    assert (await _fresh(session, LanguageRule, rule.id)).designation_id is None


async def test_a_reason_longer_than_its_column_is_refused_on_every_write(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    # A value no column can keep is refused before any resolver runs (directory.graphql.hygiene),
    # as a top-level BAD_USER_INPUT naming the field and the limit read from the model.
    tokens = await tokens_for(session, world)
    target = {"authority": gid("Authority", world.fra_authority.key), "expectedVersion": 1}
    too_long = "x" * 2001
    revisions = len((await session.scalars(select(Revision.id))).all())

    def refused(body: dict) -> None:
        [error] = body["errors"]
        assert body["data"] is None
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": ["input", "reason"]}
        assert error["message"] == "input.reason has 2001 characters: at most 2000 are allowed"

    # a direct write, and a submission
    for caller in ("secretariat", "editor_fra"):
        body = await gql(
            client,
            UPDATE_AUTHORITY,
            {"input": {**target, "city": "Lyon", "reason": too_long}},
            token=tokens[caller],
        )
        refused(body)
    # then a submission, its approval and its rejection
    body = await gql(
        client, UPDATE_AUTHORITY, {"input": {**target, "city": "Lyon"}}, token=tokens["editor_fra"]
    )
    assert body["data"]["updateAuthority"]["status"] == "PENDING_REVIEW"
    pending = await session.scalar(select(ChangeRequest.id).order_by(ChangeRequest.id.desc()))
    for document in (APPROVE, REJECT):
        review = {"input": {"changeRequest": gid("ChangeRequest", pending), "reason": too_long}}
        refused(await gql(client, document, review, token=tokens["secretariat"]))

    # nothing was written: the authority, the request and the history are unchanged
    assert (await _fresh(session, Authority, world.fra_authority.id)).city == "Capital"
    assert (await _fresh(session, ChangeRequest, pending)).status is ChangeStatus.PENDING
    assert len((await session.scalars(select(Revision.id))).all()) == revisions


async def test_moving_a_rule_to_another_authority_changes_both_entries(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    # given a channel rule on a designation of authority A, and authority B
    tokens = await tokens_for(session, world)
    a, b = world.fra_authority, await authority(session, world.fra, "test-fra-second", "PG")
    d_a, d_b = await designation_of(session, a), await designation_of(session, b)
    rule = ChannelRule(
        jurisdiction_id=world.fra.id,
        designation_id=d_a.id,
        channel_code="DIPLOMATIC",
        verification=Verification.OFFICIAL,
    )
    session.add(rule)
    await session.flush()
    version_a, version_b = a.version, b.version

    # when the secretariat moves it to B's designation
    fields = {"channel": "DIPLOMATIC", "designation": gid("Designation", d_b.id)}
    rule_id = gid("ChannelRule", rule.id)
    variables = {"input": {"rule": rule_id, "expectedVersion": version_b, "fields": fields}}
    body = await gql(client, UPDATE_CHANNEL, variables, token=tokens["secretariat"])
    assert body["data"]["updateChannelRule"]["status"] == "APPLIED", body

    # then both entries moved to a new version and each history tells it
    seen = {}
    for key, row in (("a", a), ("b", b)):
        got = await gql(client, HISTORY, {"id": gid("Authority", row.key)})
        seen[key] = got["data"]["authority"]
    assert seen["a"]["version"] == version_a + 1
    assert seen["b"]["version"] == version_b + 1
    assert seen["a"]["designations"] == [{"channelRules": []}]
    assert seen["b"]["designations"] == [{"channelRules": [{"channel": {"code": "DIPLOMATIC"}}]}]
    for key in ("a", "b"):
        assert seen[key]["history"] == [{"action": "UPDATE", "entityType": "CHANNEL_RULE"}]


async def test_errors_name_what_the_caller_sent(
    client: httpx.AsyncClient, session: AsyncSession, world: World
) -> None:
    tokens = await tokens_for(session, world)

    # the change feed's page size is `first`
    [error] = (await gql(client, "{ changes(first: 1000) { id } }"))["errors"]
    assert error["extensions"]["field"] == ["first"]
    assert error["message"].startswith("first 1000 is out of range")

    # userErrors paths and messages use the GraphQL (camelCase) names
    d = await designation_of(session, world.fra_authority)
    fields = {
        "channel": "INTERPOL",
        "designation": gid("Designation", d.id),
        "originalWithinDays": 0,
    }
    body = await gql(
        client,
        CREATE_CHANNEL,
        {"input": {"jurisdiction": "FRA", "fields": fields}},
        token=tokens["secretariat"],
    )
    [error] = body["data"]["createChannelRule"]["userErrors"]
    assert error["field"] == ["input", "fields", "originalWithinDays"]
    assert error["message"].startswith("originalWithinDays must be 1 or more")
    fields["originalWithinDays"] = 3
    body = await gql(
        client,
        CREATE_CHANNEL,
        {"input": {"jurisdiction": "FRA", "fields": fields}},
        token=tokens["secretariat"],
    )
    [error] = body["data"]["createChannelRule"]["userErrors"]
    assert error["field"] == ["input", "expectedVersion"]
    assert error["message"].startswith("expectedVersion is missing")

    # an editor outside its State is told that State's alpha-3, not a database id
    deu = {"authority": gid("Authority", world.deu_authority.key), "expectedVersion": 1}
    body = await gql(
        client, UPDATE_AUTHORITY, {"input": {**deu, "city": "Bonn"}}, token=tokens["editor_fra"]
    )
    [error] = body["errors"]
    assert "only for FRA and its territories, not for DEU" in error["message"]
    assert "jurisdiction id" not in error["message"]

    # the alpha-3 hint is for jurisdictions only
    missing = gid("ChangeRequest", 99999)
    body = await gql(
        client, APPROVE, {"input": {"changeRequest": missing}}, token=tokens["secretariat"]
    )
    [error] = body["data"]["approveChangeRequest"]["userErrors"]
    assert (error["code"], error["field"]) == ("NOT_FOUND", ["input", "changeRequest"])
    assert error["message"] == (
        "No change request has the ID given: pass the `id` of a change request returned by "
        "this API."
    )
    body = await gql(
        client,
        CREATE_CHANNEL,
        {"input": {"jurisdiction": "QQQ", "fields": {"channel": "INTERPOL"}}},
        token=tokens["secretariat"],
    )
    [error] = body["data"]["createChannelRule"]["userErrors"]
    assert (error["code"], error["field"]) == ("NOT_FOUND", ["input", "jurisdiction"])
    assert error["message"] == (
        "No jurisdiction 'QQQ': check the identifier (codes are ISO 3166-1 alpha-3)."
    )
