"""Logs that keep secrets (issue 7, part 6), through HTTP.

Hostile writes carry canary values (a phone, an e-mail, a contact person, the caller's own
token) and make the database fail: a NUL byte in ``reason`` (PostgreSQL refuses it), a real
statement that violates a constraint with the canaries as parameters (PostgreSQL's message
then quotes them in ``DETAIL``), and an error that carries them in its message and its
parameters. EVERYTHING logged meanwhile, by every logger at DEBUG (SQLAlchemy, aiosqlite,
Strawberry, ours), in every form (message, arguments, extra fields, exception, and our
formatters' key=value and JSON lines), is searched: no canary may appear. Tokens in a
query string are refused before anything is executed or logged with them.
"""

from __future__ import annotations

import io
import json
import logging
import re
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from directory.edge import logs
from directory.editing import services
from tests.accounts.factories import tokens_for
from tests.editing.factories import World
from tests.helpers import gid, gql

PHONE = "+33 1 99 88 77 66"
PHONE_E164 = "+33199887766"
EMAIL = "canary.mailbox@justice.example"
PERSON = "Canary Contactperson Zyxwv"
UPDATE = """
mutation Hostile($input: UpdateAuthorityInput!) {
  updateAuthority(input: $input) { status userErrors { message } }
}
"""
LOGGERS = (
    "",
    "sqlalchemy",
    "sqlalchemy.engine",
    "sqlalchemy.pool",
    "aiosqlite",
    "asyncpg",
    "strawberry",
    "strawberry.execution",
    "directory",
    "uvicorn",
)
# The test's own HTTP client logs the URLs it requests: that is the client's log, not ours
CLIENT_LOGGERS = ("httpx", "httpcore")


@pytest.fixture
def everything(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    for name in LOGGERS:
        caplog.set_level(logging.DEBUG, logger=name or None)
    return caplog


def _all_text(caplog: pytest.LogCaptureFixture) -> str:
    """Every form a record takes: pytest's own rendering, the record's attributes, and our
    two formatters' lines (which also render any exception a third party attached)."""
    plain = logging.Formatter("%(levelname)s %(name)s %(message)s")  # renders exc_info too
    forms = []
    for record in caplog.records:
        if record.name.startswith(CLIENT_LOGGERS):
            continue
        forms += [plain.format(record), str(record.__dict__), record.getMessage()]
        forms += [logs._Formatter(json=j).format(record) for j in (False, True)]
    return "\n".join(forms)


def _contacts() -> list[dict[str, Any]]:
    return [
        {"kind": "PHONE", "value": PHONE, "restricted": True},
        {"kind": "EMAIL", "value": EMAIL, "restricted": True},
        {"kind": "CONTACT_PERSON", "value": PERSON, "restricted": True},
    ]


async def _hostile_write(
    client: httpx.AsyncClient, world: World, token: str, reason: str
) -> dict[str, Any]:
    variables = {
        "input": {
            "authority": gid("Authority", "test-fra-moj"),
            "expectedVersion": 1,
            "contacts": _contacts(),
            "reason": reason,
        }
    }
    return await gql(client, UPDATE, variables, token=token)


async def _failing_insert(session: AsyncSession, *_args: Any, **_kwargs: Any) -> Any:
    # a real statement, refused by the database, whose parameters are the canaries
    await session.execute(
        text("INSERT INTO authority_contact (value, label) VALUES (:value, :label)"),
        {"value": EMAIL, "label": f"{PERSON} {PHONE_E164}"},
    )
    raise AssertionError("the insert should have failed")  # pragma: no cover


async def _raise_with_canaries(*_args: Any, **_kwargs: Any) -> Any:
    # an error that shows them everywhere it can: message, parameters, driver message
    raise IntegrityError(
        f"INSERT INTO authority_contact (value) VALUES ('{EMAIL}')",
        {"value": EMAIL, "person": PERSON, "phone": PHONE_E164},
        Exception(f"DETAIL: Key (value)=({EMAIL}, {PERSON}, {PHONE_E164}) already exists."),
    )


class TestNoSecretInTheLogs:
    async def test_hostile_writes_that_fail_in_the_database_leak_nothing(
        self,
        everything: pytest.LogCaptureFixture,  # first: before the connection is opened
        client: httpx.AsyncClient,
        session: AsyncSession,
        world: World,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        token = (await tokens_for(session, world))["editor_fra"]
        await session.commit()
        canaries = (PHONE, PHONE_E164, EMAIL, PERSON, token, token.removeprefix("dcna_"))
        # given a write with a NUL byte in its reason (PostgreSQL refuses it; SQLite stores
        # it; input hygiene may refuse it first: each is fine, none may log a canary)
        nul = await _hostile_write(client, world, token, "reason\x00with NUL")
        # and writes whose statement fails in the database with the canaries as values
        masked = []
        for failure in (_failing_insert, _raise_with_canaries):
            monkeypatch.setattr(services, "submit", failure)
            body = await _hostile_write(client, world, token, "a reason")
            (error,) = body["errors"]
            masked.append(error)
        # then the client is told nothing but "unexpected"
        assert [e["extensions"]["code"] for e in masked] == ["INTERNAL_SERVER_ERROR"] * 2
        assert not any(c in json.dumps([nul, masked]) for c in canaries[2:]), [nul, masked]
        # and the server did log the failures, by type and request id
        failures = [r for r in everything.records if r.name == "directory.errors"]
        assert len(failures) >= 2, [r.getMessage() for r in everything.records]
        assert "IntegrityError" in failures[-1].getMessage()
        assert all(r.fields["traceback"] for r in failures)
        assert all(len(r.fields["request_id"]) == 32 for r in failures)
        # and SQLAlchemy logged its statements (the test sees what the database was sent)
        assert any(r.name.startswith("sqlalchemy.engine") for r in everything.records)
        # and not one canary is anywhere in what was logged
        logged = _all_text(everything)
        assert [c for c in canaries if c in logged] == []

    async def test_a_bad_token_and_a_token_in_a_header_are_never_logged(
        self, client: httpx.AsyncClient, session: AsyncSession, world: World, everything
    ) -> None:
        token = (await tokens_for(session, world))["practitioner"]
        await session.commit()
        forged = "dcna_" + "Q" * 43
        ok = await gql(client, "query Mine { __typename }", token=token)
        assert ok["data"] == {"__typename": "Query"}
        refused = await client.post(
            "/graphql",
            json={"query": "{ __typename }"},
            headers={"authorization": f"Bearer {forged}"},
        )
        assert refused.status_code == 401
        # a client that writes a token into its request id does not get it logged either
        echoed = await client.post(
            "/graphql", json={"query": "{ __typename }"}, headers={"x-request-id": token}
        )
        assert echoed.headers["x-request-id"] != token
        logged = _all_text(everything)
        assert token not in logged and forged not in logged
        assert token.removeprefix("dcna_") not in logged


class TestTokensInQueryStrings:
    @pytest.mark.parametrize(
        "params",
        [
            {"token": "{raw}"},
            {"query": "{ __typename }", "access_token": "{raw}"},
            {"query": "{ __typename }", "headers": '{"Authorization": "Bearer {raw}"}'},
            {"query": "{ __typename }", "x": "{raw}"},  # a dcna_ value under any name
            {"query": "{ __typename }", "Authorization": "Bearer {raw}"},
        ],
        ids=["token", "access_token", "graphiql-headers", "any-name", "authorization"],
    )
    async def test_a_credential_in_the_url_is_refused_and_not_logged(
        self, client: httpx.AsyncClient, session: AsyncSession, world: World, everything, params
    ) -> None:
        raw = (await tokens_for(session, world))["secretariat"]
        await session.commit()
        given = {k: v.replace("{raw}", raw) for k, v in params.items()}
        response = await client.get("/graphql", params=given)
        assert response.status_code == 400, response.text
        (error,) = response.json()["errors"]
        assert error["extensions"]["code"] == "BAD_REQUEST"
        assert "Authorization: Bearer" in error["message"] and raw not in error["message"]
        # the access line says what happened, without the query string
        (line,) = [r for r in everything.records if r.name == "directory.access"]
        assert line.fields["status"] == 400 and line.fields["path"] == "/graphql"
        logged = _all_text(everything)
        assert raw not in logged and raw.removeprefix("dcna_") not in logged

    async def test_a_token_in_the_path_is_not_logged(
        self, client: httpx.AsyncClient, everything
    ) -> None:
        secret = "dcna_" + "Z" * 43
        response = await client.get(f"/graphql/{secret}/x", params={"query": "{ __typename }"})
        assert response.status_code == 404
        (line,) = [r for r in everything.records if r.name == "directory.access"]
        assert line.fields["path"] == "/graphql/dcna_[redacted]/x"
        assert secret[5:] not in _all_text(everything)

    async def test_an_ordinary_get_query_is_served(self, client: httpx.AsyncClient) -> None:
        response = await client.get(
            "/graphql", params={"query": '{ search(text: "token") { totalCount } }'}
        )
        assert response.status_code == 200, response.text


class TestStructuredLines:
    async def test_one_access_line_per_request_with_the_request_id(
        self, client: httpx.AsyncClient, everything
    ) -> None:
        response = await client.get(
            "/graphql",
            params={"query": "query Probe { __typename }", "operationName": "Probe"},
            headers={"x-request-id": "req-1234abcd", "accept": "application/json"},
        )
        assert response.status_code == 200
        assert response.headers["x-request-id"] == "req-1234abcd"
        (line,) = [r for r in everything.records if r.name == "directory.access"]
        assert line.fields == {
            "request_id": "req-1234abcd",
            "method": "GET",
            "path": "/graphql",
            "status": 200,
            "duration_ms": line.fields["duration_ms"],
            "operation": "Probe",
        }
        rendered = logs._Formatter(json=False).format(line)
        assert "request_id=req-1234abcd" in rendered and "Probe" in rendered
        assert "__typename" not in rendered  # no query string, no document

    @pytest.mark.parametrize("incoming", [None, "short", "bad id with spaces", "x" * 200])
    async def test_an_insane_request_id_is_replaced(
        self, client: httpx.AsyncClient, incoming: str | None
    ) -> None:
        headers = {"x-request-id": incoming} if incoming else {}
        response = await client.post("/graphql", json={"query": "{ __typename }"}, headers=headers)
        made = response.headers["x-request-id"]
        assert made != incoming and len(made) == 32 and int(made, 16) >= 0

    async def test_an_arbitrary_operation_name_is_not_logged(
        self, client: httpx.AsyncClient, everything
    ) -> None:
        # operationName naming no operation of the document: refused, and never logged
        response = await client.post(
            "/graphql", json={"query": "query A { __typename }", "operationName": "dcna_x y"}
        )
        assert response.status_code == 400
        (line,) = [r for r in everything.records if r.name == "directory.access"]
        assert line.fields["operation"] is None
        assert "dcna_x" not in _all_text(everything)

    def test_json_and_key_value_lines_cannot_be_forged(self) -> None:
        record = logging.LogRecord(
            "directory.test", logging.INFO, __file__, 1, "hello\nlevel=error forged", None, None
        )
        record.fields = {"path": '/graphql" status=200'}
        kv = logs._Formatter(json=False).format(record)
        assert "\n" not in kv and 'msg="hello\\nlevel=error forged"' in kv
        assert 'path="/graphql\\" status=200"' in kv
        line = json.loads(logs._Formatter(json=True).format(record))
        assert line["msg"] == "hello\nlevel=error forged" and line["level"] == "info"

    def test_configure_logging_writes_json_with_the_request_id(self) -> None:
        root = logging.getLogger()
        saved = root.handlers[:], root.level
        try:
            logs.configure_logging("json")
            stream = io.StringIO()
            root.handlers[0].setStream(stream)  # type: ignore[attr-defined]
            token = logs._current.set(logs.RequestInfo("rid-00000001"))
            try:
                logging.getLogger("directory.test").warning("ping")
            finally:
                logs._current.reset(token)
            line = json.loads(stream.getvalue())
            assert line["request_id"] == "rid-00000001" and line["msg"] == "ping"
        finally:
            root.handlers[:], _ = saved
            root.setLevel(saved[1])

    def test_serve_turns_uvicorns_access_log_off(self, monkeypatch, settings) -> None:
        import uvicorn

        from directory import cli

        async def prepared(*_args: Any, **_kwargs: Any) -> int:
            return 0

        seen: dict[str, Any] = {}
        monkeypatch.setattr(cli, "_with_engine", prepared)
        monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: seen.update(kwargs))
        assert cli._serve(settings, "127.0.0.1", 8000, 2) == 0
        assert seen["access_log"] is False and seen["workers"] == 2
        # every worker formats with ours, uvicorn's loggers included (they propagate)
        config = seen["log_config"]
        assert config["formatters"]["directory"]["()"].endswith("logs._Formatter")
        assert config["root"]["handlers"] == ["default"]
        assert all(not c["handlers"] and c["propagate"] for c in config["loggers"].values())


@pytest.mark.parametrize(
    ("name", "value", "fix"),
    [
        ("DIRECTORY_LOG_FORMAT", "xml", "keyvalue, json"),
        ("DIRECTORY_MAX_BODY_BYTES", "10", "set it to e.g. 1048576"),
        ("DIRECTORY_MAX_BODY_BYTES", "1MB", "whole number"),
        ("DIRECTORY_HSTS", "maybe", "1 or 0"),
    ],
)
def test_a_bad_edge_setting_stops_the_start_naming_the_fix(name: str, value: str, fix: str) -> None:
    from directory.config import Settings
    from directory.errors import ConfigError

    with pytest.raises(ConfigError, match=re.escape(fix)):
        Settings.from_env({name: value})
