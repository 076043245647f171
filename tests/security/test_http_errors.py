"""Errors that say what happened, and size limits, through HTTP (issue 7, parts 3 and 5).

Every refusal is a GraphQL error body with a stable ``extensions.code`` and the HTTP status
that fits: 400 BAD_REQUEST for a body that is not a GraphQL request, GRAPHQL_PARSE_FAILED
for a document that does not parse, 413 PAYLOAD_TOO_LARGE for a body over the limit, 401
UNAUTHENTICATED for a bad token on any operation, 503 SERVICE_UNAVAILABLE with Retry-After
when the database cannot be reached. Where a refusal could hold the server, a trivial query
sent at the same time is still answered.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from directory.accounts.permissions import Role
from directory.accounts.tokens import create_token, revoke_token
from directory.app import create_app
from directory.config import Settings
from directory.db import utcnow
from tests.accounts.factories import tokens_for
from tests.helpers import gid, gql

TRIVIAL = {"query": "{ __typename }"}
GRAPHQL_RESPONSE = "application/graphql-response+json"
ACCEPTS = ["application/json", GRAPHQL_RESPONSE]
LIMIT = 1_048_576  # the default DIRECTORY_MAX_BODY_BYTES


def _client(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://d.test")


def _error(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """The response is ``status`` with one GraphQL error coded ``code`` and no ``data``."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(("application/json", GRAPHQL_RESPONSE))
    body = response.json()
    assert "data" not in body, body
    (error,) = body["errors"]
    assert error["extensions"]["code"] == code, body
    assert error["message"]
    return error


async def _trivial_answered(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json=TRIVIAL)
    assert response.json()["data"] == {"__typename": "Query"}


class TestMalformedBodies:
    @pytest.mark.parametrize(
        "body",
        [b"null", b"42", b'"x"', b"true", b"[]", b"[{}]", b"\xff\xfe{}", b"{", b"", b"{}"],
        ids=[
            "null",
            "number",
            "string",
            "true",
            "empty-batch",
            "batch",
            "not-utf8",
            "truncated",
            "empty",
            "no-query",
        ],
    )
    @pytest.mark.parametrize("accept", ACCEPTS)
    async def test_a_body_that_is_not_a_graphql_request_is_400(
        self, client: httpx.AsyncClient, body: bytes, accept: str
    ) -> None:
        response = await client.post(
            "/graphql", content=body, headers={"content-type": "application/json", "accept": accept}
        )
        error = _error(response, 400, "BAD_REQUEST")
        assert response.headers["content-type"].startswith(accept)
        if body in (b"null", b"42", b'"x"', b"true"):
            assert "expected a JSON object, got " in error["message"]
            assert "{__typename}" in error["message"].replace(" ", "")  # an example to follow

    async def test_deep_nesting_is_400_and_holds_nobody(self, client: httpx.AsyncClient) -> None:
        # 5,000 levels exhaust the JSON decoder's recursion; 33 pass it but not our bound
        for depth in (5_000, 33):
            deep = '{"query": "{ __typename }", "variables": {"v": ' + "[" * depth + "]" * depth
            bodies = [deep + "}}", json.dumps(TRIVIAL)]
            hostile, trivial = await asyncio.gather(
                *(
                    client.post("/graphql", content=b, headers={"content-type": "application/json"})
                    for b in bodies
                )
            )
            error = _error(hostile, 400, "BAD_REQUEST")
            assert "32 levels" in error["message"]
            assert trivial.json()["data"] == {"__typename": "Query"}

    async def test_variables_of_ordinary_depth_pass(self, client: httpx.AsyncClient) -> None:
        variables = {"v": [[[[{"a": [1]}]]]]}
        response = await client.post("/graphql", json={**TRIVIAL, "variables": variables})
        assert response.json()["data"] == {"__typename": "Query"}

    @pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded"])
    async def test_a_wrong_content_type_is_400(
        self, client: httpx.AsyncClient, content_type: str
    ) -> None:
        response = await client.post(
            "/graphql", content=json.dumps(TRIVIAL), headers={"content-type": content_type}
        )
        _error(response, 400, "BAD_REQUEST")

    async def test_get_variables_that_are_not_an_object_are_400(
        self, client: httpx.AsyncClient
    ) -> None:
        for variables in ("42", "[1", "\udcff"):
            response = await client.get(
                "/graphql", params={**TRIVIAL, "variables": variables.encode("utf-8", "replace")}
            )
            _error(response, 400, "BAD_REQUEST")

    async def test_a_mutation_over_get_is_400_with_a_graphql_body(
        self, client: httpx.AsyncClient
    ) -> None:
        response = await client.get("/graphql", params={"query": "mutation { __typename }"})
        error = _error(response, 400, "BAD_REQUEST")
        assert "GET" in error["message"]


class TestParseErrors:
    @pytest.mark.parametrize("accept", ACCEPTS)
    @pytest.mark.parametrize("method", ["POST", "GET"])
    async def test_a_document_that_does_not_parse_is_graphql_parse_failed(
        self, client: httpx.AsyncClient, method: str, accept: str
    ) -> None:
        document = "{ jurisdiction(code: "
        if method == "POST":
            response = await client.post(
                "/graphql", json={"query": document}, headers={"accept": accept}
            )
        else:
            response = await client.get(
                "/graphql", params={"query": document}, headers={"accept": accept}
            )
        # the draft's statuses: 200 for application/json, 400 for graphql-response+json
        status = 400 if accept == GRAPHQL_RESPONSE else 200
        assert response.status_code == status, response.text
        (error,) = response.json()["errors"]
        assert error["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
        assert "Syntax Error" in error["message"]


class TestSizeLimits:
    async def test_a_declared_length_over_the_limit_is_refused_unread(
        self, client: httpx.AsyncClient
    ) -> None:
        read = 0

        async def ten_megabytes() -> AsyncIterator[bytes]:
            nonlocal read
            for _ in range(160):
                read += 1
                yield b" " * 65_536

        hostile, trivial = await asyncio.gather(
            client.post(
                "/graphql",
                content=ten_megabytes(),
                headers={"content-type": "application/json", "content-length": str(160 * 65_536)},
            ),
            client.post("/graphql", json=TRIVIAL),
        )
        error = _error(hostile, 413, "PAYLOAD_TOO_LARGE")
        assert str(LIMIT) in error["message"]
        assert trivial.json()["data"] == {"__typename": "Query"}
        assert read <= 1, "the body was read although its length was over the limit"

    async def test_a_chunked_body_is_counted_and_cut_at_the_limit(
        self, client: httpx.AsyncClient
    ) -> None:
        sent = 0

        async def chunks() -> AsyncIterator[bytes]:
            nonlocal sent
            yield b'{"query": "{ __typename }", "variables": {"v": "'
            for _ in range(160):  # 10 MB, no Content-Length: Transfer-Encoding chunked
                sent += 65_536
                yield b"x" * 65_536
            yield b'"}}'

        response = await client.post(
            "/graphql", content=chunks(), headers={"content-type": "application/json"}
        )
        _error(response, 413, "PAYLOAD_TOO_LARGE")
        assert sent <= LIMIT + 65_536, f"{sent} bytes read before refusing"
        await _trivial_answered(client)

    async def test_a_ten_megabyte_string_argument_is_refused_and_holds_nobody(
        self, client: httpx.AsyncClient
    ) -> None:
        big = {
            "query": "query ($t: String!) { search(text: $t) { totalCount } }",
            "variables": {"t": "x" * 10_000_000},
        }
        hostile, trivial = await asyncio.gather(
            client.post("/graphql", json=big), client.post("/graphql", json=TRIVIAL)
        )
        _error(hostile, 413, "PAYLOAD_TOO_LARGE")
        assert trivial.json()["data"] == {"__typename": "Query"}

    async def test_a_body_just_under_the_limit_is_served(self, client: httpx.AsyncClient) -> None:
        body = json.dumps({**TRIVIAL, "variables": {"pad": "x" * (LIMIT - 100)}})
        assert len(body) <= LIMIT
        response = await client.post(
            "/graphql", content=body, headers={"content-type": "application/json"}
        )
        assert response.json()["data"] == {"__typename": "Query"}

    async def test_a_query_string_over_the_limit_is_414(self, settings: Settings, engine) -> None:
        small = Settings(database_url=settings.database_url, max_body_bytes=4096)
        async with _client(create_app(small, engine=engine)) as client:
            query = "{ __typename " + " " * 5000 + "}"
            response = await client.get("/graphql", params={"query": query})
            _error(response, 414, "PAYLOAD_TOO_LARGE")
            body = await client.post("/graphql", json={"query": query})
            _error(body, 413, "PAYLOAD_TOO_LARGE")
            await _trivial_answered(client)

    async def test_a_bad_content_length_is_400(self, client: httpx.AsyncClient) -> None:
        response = await client.post(
            "/graphql",
            content=json.dumps(TRIVIAL),
            headers={"content-type": "application/json", "content-length": "12abc"},
        )
        _error(response, 400, "BAD_REQUEST")


BAD_TOKENS = {
    "unknown": "dcna_" + "A" * 43,
    "not ours": "ghp_abc",
    "not bearer": None,  # a Basic header
}


class TestBadTokens:
    @pytest.mark.parametrize(
        "document",
        [
            "{ __typename }",
            '{ jurisdiction(code: "FRA") { code } }',
            "{ __schema { queryType { name } } }",
            "mutation { __typename }",
            "{ jurisdiction(code: ",  # not even a document
        ],
        ids=["typename", "public-field", "introspection", "mutation", "unparsable"],
    )
    @pytest.mark.parametrize("kind", sorted(BAD_TOKENS))
    async def test_a_bad_token_is_refused_on_every_operation(
        self, client: httpx.AsyncClient, document: str, kind: str
    ) -> None:
        token = BAD_TOKENS[kind]
        header = f"Bearer {token}" if token else "Basic dXNlcjpwYXNz"
        response, trivial = await asyncio.gather(
            client.post("/graphql", json={"query": document}, headers={"authorization": header}),
            client.post("/graphql", json=TRIVIAL),
        )
        _error(response, 401, "UNAUTHENTICATED")
        assert trivial.json()["data"] == {"__typename": "Query"}
        assert response.headers["www-authenticate"].startswith("Bearer")
        # over GET too (the token is still in the header, where it belongs)
        response = await client.get(
            "/graphql", params={"query": "{ __typename }"}, headers={"authorization": header}
        )
        _error(response, 401, "UNAUTHENTICATED")

    async def test_revoked_and_expired_tokens_are_refused_on_public_fields(
        self, client: httpx.AsyncClient, session: AsyncSession, world
    ) -> None:
        secretariat = world.secretariat
        revoked = await create_token(session, secretariat, name="r", role=Role.PRACTITIONER)
        await revoke_token(session, secretariat, revoked.token.id)
        long_ago = utcnow() - dt.timedelta(days=3)
        expired = await create_token(
            session, secretariat, name="e", role=Role.PRACTITIONER, expires_in_days=1, now=long_ago
        )
        await session.commit()
        for raw in (revoked.raw, expired.raw):
            response = await client.post(
                "/graphql", json=TRIVIAL, headers={"authorization": f"Bearer {raw}"}
            )
            _error(response, 401, "UNAUTHENTICATED")
        # and a valid token is served as before
        good = (await tokens_for(session, world))["practitioner"]
        assert (await gql(client, "{ __typename }", token=good))["data"] == {"__typename": "Query"}

    async def test_an_anonymous_write_is_unauthenticated(self, client: httpx.AsyncClient) -> None:
        document = "mutation ($i: ReviewInput!) { approveChangeRequest(input: $i) { status } }"
        body = await gql(client, document, {"i": {"changeRequest": gid("ChangeRequest", 1)}})
        (error,) = body["errors"]
        assert error["extensions"] == {"code": "UNAUTHENTICATED"}
        assert "Authorization: Bearer" in error["message"]


@pytest.fixture
def unreachable(tmp_path: Path, backend: str) -> str:
    """A database that cannot be reached: a closed port, or a SQLite file in no directory."""
    if backend == "postgresql":
        return "postgresql://postgres@127.0.0.1:9/directory"  # port 9 (discard): nothing listens
    return f"sqlite:///{tmp_path / 'no' / 'such' / 'dir' / 'x.sqlite3'}"


class TestDatabaseUnavailable:
    @pytest.mark.parametrize("accept", ACCEPTS)
    async def test_a_read_is_503_with_retry_after(
        self, client: httpx.AsyncClient, unreachable: str, accept: str
    ) -> None:
        async with _client(create_app(Settings(database_url=unreachable))) as down:
            hostile, trivial = await asyncio.gather(
                down.post(
                    "/graphql",
                    json={"query": "{ instruments { code } }"},
                    headers={"accept": accept},
                ),
                client.post("/graphql", json=TRIVIAL),  # another app, same process: served
            )
        assert hostile.status_code == 503, hostile.text
        assert int(hostile.headers["retry-after"]) >= 1
        body = hostile.json()
        codes = [e["extensions"]["code"] for e in body["errors"]]
        assert codes and set(codes) == {"SERVICE_UNAVAILABLE"}, body
        assert body["errors"][0]["extensions"]["retryAfter"] == int(hostile.headers["retry-after"])
        assert trivial.json()["data"] == {"__typename": "Query"}

    async def test_the_token_lookup_is_503_not_401_nor_500(self, unreachable: str) -> None:
        async with _client(create_app(Settings(database_url=unreachable))) as down:
            response = await down.post(
                "/graphql", json=TRIVIAL, headers={"authorization": "Bearer dcna_" + "A" * 43}
            )
        error = _error(response, 503, "SERVICE_UNAVAILABLE")
        assert response.headers["retry-after"] == str(error["extensions"]["retryAfter"])

    async def test_a_write_is_503(self, unreachable: str) -> None:
        document = "mutation ($i: ReviewInput!) { approveChangeRequest(input: $i) { status } }"
        async with _client(create_app(Settings(database_url=unreachable))) as down:
            response = await down.post(
                "/graphql",
                json={"query": document, "variables": {"i": {"changeRequest": 1}}},
                headers={"authorization": "Bearer dcna_" + "A" * 43},
            )
        _error(response, 503, "SERVICE_UNAVAILABLE")


def test_the_outage_mapping_keeps_bugs_and_bad_data_apart() -> None:
    from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError
    from sqlalchemy.exc import TimeoutError as PoolTimeout

    from directory.db_outage import as_unavailable

    def wrapped(kind: type, orig: Exception) -> Exception:
        return kind("INSERT …", {"phone": "+33 1 23"}, orig)

    for outage in (
        wrapped(OperationalError, Exception("database is locked")),
        PoolTimeout("QueuePool limit reached"),
        ConnectionRefusedError(111, "refused"),
    ):
        unavailable = as_unavailable(outage)
        assert unavailable is not None and unavailable.code == "SERVICE_UNAVAILABLE", outage
        assert "+33" not in unavailable.message
    for not_outage in (
        wrapped(IntegrityError, Exception("UNIQUE constraint failed")),
        wrapped(ProgrammingError, Exception("syntax error")),
        RuntimeError("a bug"),
    ):
        assert as_unavailable(not_outage) is None, not_outage
