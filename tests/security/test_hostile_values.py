"""Hostile values in every argument leaf the schema has, over HTTP, as the public, the
secretariat and a State editor: never a server error, always a coded answer, and nothing
invalid stored (see ``schema_walk`` for how the probes are built from the live schema)."""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import httpx
import pytest
from sqlalchemy import Enum, Select, String, Table, func, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from directory.authorities.models import AuthorityName, ChannelRule, Designation, LanguageRule
from directory.config import Settings
from directory.db import Base
from directory.editing import inputs as i
from directory.editing import services
from directory.editing.fact_checks import SourceInput
from directory.editing.facts import SetNotification, set_notification
from directory.editing.models import ChangeRequest
from directory.enums import ContactKind, NotificationStatus, Verification
from directory.errors import InputErrors
from directory.graphql.hygiene import INPUT_MODELS
from directory.graphql.schema import schema
from directory.hygiene import rule_of
from tests.accounts.factories import tokens_for
from tests.editing.changes import requirement_of
from tests.editing.factories import World, build_world
from tests.helpers import gid, gql
from tests.security import schema_walk as walk

# The codes a refusal may carry (others' parts add the cost budget and the rate limit).
CODED = {
    "BAD_USER_INPUT",
    "NOT_FOUND",
    "FORBIDDEN",
    "UNAUTHENTICATED",
    "CONFLICT",
    "GRAPHQL_VALIDATION_FAILED",
    "GRAPHQL_PARSE_FAILED",
    "QUERY_TOO_COMPLEX",
    "RATE_LIMITED",
}


@dataclass(frozen=True)
class Hostile:
    value: Any
    invalid: bool  # refused wherever it goes (else it may be a fine value somewhere)


def _raw_gid(text: bytes) -> str:
    return base64.b64encode(text).decode()


STRINGS = [
    Hostile("Mini\x00stry", True),
    Hostile("\ud800", True),  # a lone surrogate: json.dumps sends it as the escape \ud800
    Hostile("\x1b[31mred", True),
    Hostile("\x85next", True),  # C1 control (NEL)
    Hostile("line\nbreak", False),  # allowed in free text only
    Hostile("tab\there", False),
    Hostile("x" * 10_000, True),  # longer than every column and the general limit
    Hostile("y" * 100_000, True),
    Hostile("", False),
    Hostile("\u202etxet\u200b", False),  # right-to-left override, zero-width space
    Hostile("' OR 1=1 -- %_\\", False),
]
IDS = [
    Hostile(gid("Designation", "99999999999999999999"), True),
    Hostile(gid("Designation", "9223372036854775808"), True),
    Hostile(gid("Designation", "-1"), True),
    Hostile(gid("Designation", "²"), True),
    Hostile(gid("Authority", "\x00"), True),
    Hostile(gid("Nope", "1"), True),
    Hostile("Designation:99999999999999999999", True),
    Hostile(_raw_gid(b"\xff\xfe:1"), True),
    Hostile("!!!", True),
]
INTS = [
    Hostile(0, False),
    Hostile(-1, False),
    Hostile(-(2**31), False),
    Hostile(2**31 - 1, False),
    Hostile(2**31, True),  # outside GraphQL's Int
    Hostile(10**20, True),
]
BY_SCALAR = {"String": STRINGS, "ID": STRINGS + IDS, "Int": INTS}
# An object of each Node type, to reach the fields with arguments below the root.
NODE_IDS = {
    "Authority": gid("Authority", "test-fra-moj"),  # tests.editing.factories.build_world
    "Jurisdiction": gid("Jurisdiction", "FRA"),
    "Instrument": gid("Instrument", "UNTOC"),
}
# Types whose fields take arguments (``first``) reached through a list of a node above.
VIA = {
    "Designation": ("Authority", "designations"),
    "Notification": ("Jurisdiction", "notifications"),
    "Coverage": ("Query", "coverage"),  # the report is no node: its root field has defaults
}


@dataclass(frozen=True)
class Probe:
    caller: str
    call: walk.Call
    path: walk.Path
    hostile: Hostile

    def variables(self) -> dict[str, Any]:
        call = self.call
        return walk.with_value(call.definition, call.variables, self.path, self.hostile.value)


def calls() -> Iterator[walk.Call]:
    """One call per root field, and per field with arguments below the root."""
    for operation in ("query", "mutation"):
        root = getattr(schema._schema, f"{operation}_type")
        for name, field in sorted(root.fields.items()):
            yield walk.call(operation, name, field)
    yield from walk.nested_calls(schema._schema, NODE_IDS, VIA)


def probes() -> Iterator[Probe]:
    """Every leaf × every hostile value of its type, as the secretariat; also as the public
    and (mutations) a State editor, on a deterministic sample: the hygiene layer answers
    before the caller's rights matter, and the run stays within a minute."""
    for call in calls():
        for path, scalar in walk.leaves(call.definition):
            for n, hostile in enumerate(BY_SCALAR[scalar]):
                yield Probe("secretariat", call, path, hostile)
                if call.operation == "query":
                    if n % 2 == 0:
                        yield Probe("public", call, path, hostile)
                elif n % 3 == 0:
                    yield Probe("editor_fra", call, path, hostile)
                elif n % 7 == 1:
                    yield Probe("public", call, path, hostile)


async def _ids(session: AsyncSession, world: World) -> dict[str, Any]:
    """Real ids for the valid rest of each input: a designation of France's authority, a
    channel rule and a language rule of France, and a change request pending review."""
    designation = Designation(
        authority_id=world.fra_authority.id,
        subject_code="MLA",
        verification=Verification.OFFICIAL,
    )
    session.add(designation)
    await session.flush()
    rule = ChannelRule(
        jurisdiction_id=world.fra.id, channel_code="DIPLOMATIC", verification=Verification.OFFICIAL
    )
    language = LanguageRule(
        jurisdiction_id=world.fra.id, language="fr", verification=Verification.OFFICIAL
    )
    session.add_all([rule, language])
    await session.flush()
    requirement = await requirement_of(session, world.fra)
    pending = await services.submit(
        session,
        world.editor_fra,
        i.RetireAuthority(world.fra_authority.id, world.fra_authority.version),
        settings=Settings(publish_without_review=False),
    )
    return {
        "authority": gid("Authority", world.fra_authority.key),
        "id": gid("Authority", world.fra_authority.key),
        "designation": gid("Designation", designation.id),
        "rule": gid("ChannelRule", rule.id),
        "UpdateLanguageRuleInput.rule": gid("LanguageRule", language.id),
        "RemoveLanguageRuleInput.rule": gid("LanguageRule", language.id),
        "changeRequest": gid("ChangeRequest", pending.change_request.id),
        "ids": gid("Authority", world.fra_authority.key),
        "UpdateInstrumentInput.instrument": gid("Instrument", "UNTOC"),
        "CreateProvisionInput.instrument": gid("Instrument", "UNTOC"),
        "supplements": gid("Instrument", "UNTOC"),
        "requirement": gid("Requirement", requirement.id),
        "expectedVersion": world.fra_authority.version,
    }


def _bad_answer(probe: Probe, response: httpx.Response) -> str | None:
    """Why the answer is wrong (None when it is a fine one)."""
    if response.status_code >= 500:
        return f"HTTP {response.status_code}"
    body = response.json()
    errors = body.get("errors") or []
    codes = [(e.get("extensions") or {}).get("code") for e in errors]
    if any(code not in CODED for code in codes):
        return f"codes {codes}: {[e.get('message') for e in errors][:2]}"
    if not probe.hostile.invalid or errors:
        return None
    answer = (body.get("data") or {}).get(probe.call.field)
    if answer is None or (isinstance(answer, dict) and answer.get("userErrors")):
        return None  # null for an unknown ID, or the payload's userErrors
    if isinstance(answer, list) and all(item is None for item in answer):
        return None  # nodes(ids:): null for each ID that names nothing
    return f"accepted: {json.dumps(answer)[:200]}"


def _violations(table: Table) -> Select | None:
    """Rows of ``table`` holding a value its column refuses: longer than the column (SQLite
    keeps those) or with a line break or tab in a one-line column. NUL and lone surrogates
    are refused with a code (checked on every answer): PostgreSQL cannot even compare them."""
    checks = []
    for column in table.columns:
        if not isinstance(column.type, String) or isinstance(column.type, Enum):
            continue
        rule = rule_of(column)
        checks.append(func.length(column) > rule.limit)
        if not rule.free_text:
            checks += [column.contains(ch) for ch in "\n\t\r"]
    return select(func.count()).select_from(table).where(or_(*checks)) if checks else None


@cache
def _all_violations() -> Select:
    queries = [q for t in Base.metadata.sorted_tables if (q := _violations(t)) is not None]
    return select(*(q.scalar_subquery() for q in queries))


async def _invalid_rows(connection: AsyncConnection) -> tuple[int, ...]:
    """The count of bad rows per table, in one statement (it runs after every write)."""
    return tuple((await connection.execute(_all_violations())).one())


async def _send(client: httpx.AsyncClient, probe: Probe, token: str | None) -> httpx.Response:
    # json.dumps escapes a lone surrogate as \ud800 (orjson and httpx's json= refuse it)
    body = json.dumps({"query": probe.call.document, "variables": probe.variables()})
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    return await client.post("/graphql", content=body, headers=headers)


def _accepted_write(probe: Probe, response: httpx.Response) -> bool:
    body = response.json()
    answer = (body.get("data") or {}).get(probe.call.field)
    return (
        probe.call.operation == "mutation"
        and not body.get("errors")
        and isinstance(answer, dict)
        and not answer.get("userErrors")
    )


async def test_hostile_values_are_refused_with_a_code(
    client: httpx.AsyncClient, session: AsyncSession, connection: AsyncConnection, backend: str
) -> None:
    # given real ids, a token per caller, and the rows already there
    world = await build_world(session)
    walk.IDS.clear()
    walk.IDS.update(await _ids(session, world))
    tokens = await tokens_for(session, world)
    await session.commit()
    before = await _invalid_rows(connection)
    # when every probe is sent, each on the same data (its writes rolled back after it)
    bad, count = [], 0
    for probe in probes():
        count += 1
        savepoint = await connection.begin_nested()
        try:
            response = await _send(client, probe, tokens[probe.caller])
            why = _bad_answer(probe, response)
            if why is None and _accepted_write(probe, response):
                after = await _invalid_rows(connection)
                if after != before:
                    why = f"stored invalid rows: {after} (before: {before})"
        finally:
            await savepoint.rollback()
        if why is not None:
            value = str(probe.hostile.value)[:30]
            bad.append(f"{probe.caller} {probe.call.field} {probe.path} {value!r}: {why}")
    print(f"\n{count} hostile probes on {backend}: {len(bad)} failed badly")
    # then none failed badly, and nothing invalid was stored
    assert not bad, f"{len(bad)} of {count} probes failed badly:\n" + "\n".join(bad[:40])


# What the walk cannot show by itself: literals, fragments and nested arguments; the free
# text rule; limits read from the model; the services' own check at submission.

IN_A_FRAGMENT = """
query { ...F }
fragment F on Query {
  jurisdiction(code: "FRA") { notifications(instrument: "UN\\u0000TOC") { status } }
}
"""
CREATE = """
mutation ($input: CreateAuthorityInput!) {
  createAuthority(input: $input) { status authority { notes streetAddress } userErrors { field } }
}
"""
SET_NOTIFICATION = """
mutation ($input: SetNotificationInput!) { setNotification(input: $input) { status } }
"""


async def test_a_literal_in_a_fragment_is_checked_with_its_path(
    client: httpx.AsyncClient,
) -> None:
    body = await gql(client, IN_A_FRAGMENT)
    [error] = body["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": ["instrument"]}
    assert error["message"].startswith("instrument contains the control character U+0000")


async def test_free_text_keeps_newlines_and_one_line_fields_refuse_them(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    world = await build_world(session)
    token = (await tokens_for(session, world))["secretariat"]
    base = {"jurisdiction": "FRA", "names": [{"language": "fr", "name": "Parquet général"}]}
    # free text (declared on the model's column): newlines and tabs are kept
    text = {"notes": "Urgent requests:\n\tcall first", "streetAddress": "1 rue X\n75001 Paris"}
    body = await gql(client, CREATE, {"input": {**base, **text}}, token=token)
    assert body["data"]["createAuthority"]["authority"] == text
    # one line: refused, naming the field
    body = await gql(client, CREATE, {"input": {**base, "city": "Pa\nris"}}, token=token)
    [error] = body["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": ["input", "city"]}
    assert "U+000A at position 2" in error["message"]


async def test_the_limit_named_is_the_columns(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    world = await build_world(session)
    token = (await tokens_for(session, world))["secretariat"]
    limit = AuthorityName.__table__.c.name.type.length
    names = [{"language": "fr", "name": "n" * (limit + 1)}]
    body = await gql(
        client, CREATE, {"input": {"jurisdiction": "FRA", "names": names}}, token=token
    )
    [error] = body["errors"]
    assert error["extensions"]["field"] == ["input", "names", 0, "name"]
    assert error["message"] == (
        f"input.names.0.name has {limit + 1} characters: at most {limit} are allowed"
    )


async def test_an_editors_poisoned_change_is_refused_at_submission(
    session: AsyncSession,
) -> None:
    # given a State editor's change that no column can keep, reaching the service directly
    world = await build_world(session)
    change = i.UpdateAuthority(
        world.fra_authority.id,
        world.fra_authority.version,
        names=[i.NameInput("fr", "Minist\x00ère")],
        contacts=[i.ContactInput(ContactKind.CONTACT_PERSON, "Bureau", label="\x1b[2J")],
    )
    # when it is submitted, then it is refused, and nothing waits for review
    with pytest.raises(InputErrors) as refused:
        await services.submit(
            session, world.editor_fra, change, settings=Settings(publish_without_review=False)
        )
    assert [p.field for p in refused.value.problems] == [
        ["input", "names", 0, "name"],
        ["input", "contacts", 0, "label"],
    ]
    assert await session.scalar(select(func.count()).select_from(ChangeRequest)) == 0


async def test_set_notification_bounds_its_reason_and_source_titles(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    world = await build_world(session)
    token = (await tokens_for(session, world))["secretariat"]
    source = {"seenOn": "2026-11-01", "url": "https://example.test/cn", "title": "t" * 501}
    fact = {"jurisdiction": "FRA", "instrument": "UNTOC", "article": "18(13)", "status": "NOTIFIED"}
    body = await gql(
        client,
        SET_NOTIFICATION,
        {"input": {**fact, "sources": [source], "reason": "r" * 2001}},
        token=token,
    )
    fields = [e["extensions"]["field"] for e in body["errors"]]
    assert fields == [["input", "sources", 0, "title"], ["input", "reason"]]
    # the service keeps the same rule for other callers
    change = SetNotification(
        "FRA", "UNTOC", "18(13)", NotificationStatus.NOTIFIED,
        [SourceInput(dt.date(2026, 11, 1), url="https://example.test/cn", title="t" * 501)],
    )  # fmt: skip
    with pytest.raises(InputErrors) as refused:
        await set_notification(session, world.secretariat, change)
    assert refused.value.field == ["input", "sources", 0, "title"]
    change.sources[0].title = "Depositary notification"
    with pytest.raises(InputErrors) as refused:
        await set_notification(session, world.secretariat, change, reason="ok\x00")
    assert refused.value.field == ["input", "reason"]


def test_every_mapped_input_type_is_in_the_schema() -> None:
    # a renamed input would silently fall back to the general limit
    assert set(INPUT_MODELS) <= set(schema._schema.type_map)


async def test_a_global_id_beyond_the_integer_range_is_a_miss(client: httpx.AsyncClient) -> None:
    for key in ("99999999999999999999", "9223372036854775808", "²", "0"):
        body = await gql(
            client, "query ($id: ID!) { node(id: $id) { id } }", {"id": gid("Designation", key)}
        )
        assert body["data"] == {"node": None}, key
        assert "errors" not in body, key


# The type each ID leaf of a mutation names, by the leaf's name (a rule: by the mutation).
ID_TYPES = {
    "notification": "Notification",
    "requirement": "Requirement",
    "instrument": "Instrument",
    "supplements": "Instrument",
    "authority": "Authority",
    "designation": "Designation",
    "provision": "Provision",
    "changeRequest": "ChangeRequest",
    "sourceIds": "Source",  # a list: the leaf is its item, named by the list's field
}


def _id_type(call: walk.Call, path: walk.Path) -> str:
    name = str(path[-2] if isinstance(path[-1], int) else path[-1])
    if name == "rule":
        # the mutation says which rule; in a proposeChanges, the change's own field does
        where = " ".join([call.field, *(str(p) for p in path)])
        return "LanguageRule" if "LanguageRule" in where else "ChannelRule"
    return ID_TYPES[name]


def _unknown(type_name: str) -> str:
    # a well-formed ID of the right type that no row has
    return gid(type_name, "test-no-such-key" if type_name == "Authority" else 99_999_999)


async def test_a_foreign_or_unknown_id_in_any_mutation_is_a_user_error(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    # given real ids for the rest of each input, and the secretariat's token
    world = await build_world(session)
    walk.IDS.clear()
    walk.IDS.update(await _ids(session, world))
    token = (await tokens_for(session, world))["secretariat"]
    await session.commit()
    foreign = gid("Jurisdiction", "FRA")  # a real object, of a type no mutation takes
    seen: list[str] = []
    for call in (c for c in calls() if c.operation == "mutation"):
        for path, scalar in walk.leaves(call.definition):
            if scalar != "ID":
                continue
            type_name = _id_type(call, path)
            seen.append(f"{call.field}.{'.'.join(map(str, path))}")
            for value, code in ((foreign, "INVALID_ID"), (_unknown(type_name), "NOT_FOUND")):
                # when the ID is replaced by a foreign or an unknown one
                variables = walk.with_value(call.definition, call.variables, path, value)
                body = await gql(client, call.document, variables, token=token)
                # then the payload names the field and the code, and nothing else failed
                assert "errors" not in body, (call.field, path, body)
                errors = body["data"][call.field]["userErrors"]
                assert {"field": [str(p) for p in path], "code": code} in errors, (
                    call.field, path, value, errors,
                )  # fmt: skip
    # every ID a mutation takes was probed (a new one is picked up by the walk)
    assert len(seen) >= 14, seen
