"""HTTP hygiene (issue 7, part 8): security headers on every response, CORS closed unless
configured, and a GraphiQL page that cannot be framed and keeps no headers in the browser."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from directory.app import create_app
from directory.config import Settings
from directory.graphql import view

TRIVIAL = {"query": "{ __typename }"}


def _client(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://d.test")


def _app(settings: Settings, engine: AsyncEngine, **changes: Any) -> Any:
    fields = {**settings.__dict__, **changes}
    return create_app(Settings(**fields), engine=engine)


def _hardened(response: httpx.Response) -> None:
    headers = response.headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"], response
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-frame-options"] == "DENY"
    assert re.fullmatch(r"[0-9a-f]{32}", headers["x-request-id"])


async def _every_kind_of_response(client: httpx.AsyncClient) -> list[httpx.Response]:
    json_ct = {"content-type": "application/json"}
    return [
        await client.post("/graphql", json=TRIVIAL),  # 200
        await client.post("/graphql", content=b"null", headers=json_ct),  # 400
        await client.post(
            "/graphql", json=TRIVIAL, headers={"authorization": "Bearer dcna_nope"}
        ),  # 401
        await client.post(
            "/graphql", content=b"{}", headers={**json_ct, "content-length": "99999999"}
        ),  # 413
        await client.get("/graphql", params={"query": "{ __typename }", "token": "x"}),  # 400
        await client.get("/healthz"),
        await client.get("/nowhere"),  # 404 from the router
        await client.put("/graphql", json=TRIVIAL),  # 405 from the router
    ]


class TestSecurityHeaders:
    async def test_every_response_carries_them(self, client: httpx.AsyncClient) -> None:
        responses = await _every_kind_of_response(client)
        assert [r.status_code for r in responses] == [200, 400, 401, 413, 400, 200, 404, 405]
        for response in responses:
            _hardened(response)
            body = response.json()  # every answer is JSON, the router's refusals included
            assert "errors" in body if response.status_code >= 400 else body
            assert response.headers["content-security-policy"].startswith("default-src 'none'")
            assert "strict-transport-security" not in response.headers

    async def test_an_unexpected_failure_is_a_500_graphql_error_with_them(
        self, client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        async def broken(*_args: Any, **_kwargs: Any) -> None:
            raise RuntimeError("secret detail of a bug")

        monkeypatch.setattr(view.DirectoryGraphQL, "get_context", broken)
        response = await client.post("/graphql", json=TRIVIAL)
        assert response.status_code == 500
        (error,) = response.json()["errors"]
        assert error["extensions"]["code"] == "INTERNAL_SERVER_ERROR"
        assert response.headers["x-request-id"] in error["message"]
        assert "secret detail" not in response.text
        _hardened(response)

    async def test_hsts_only_when_configured(self, settings: Settings, engine: AsyncEngine) -> None:
        async with _client(_app(settings, engine, hsts=True)) as client:
            for response in await _every_kind_of_response(client):
                assert response.headers["strict-transport-security"].startswith("max-age=")
                _hardened(response)


class TestCors:
    async def test_closed_by_default(self, client: httpx.AsyncClient) -> None:
        origin = {"origin": "https://elsewhere.example"}
        simple = await client.post("/graphql", json=TRIVIAL, headers=origin)
        assert simple.status_code == 200
        assert "access-control-allow-origin" not in simple.headers
        preflight = await client.options(
            "/graphql",
            headers={
                **origin,
                "access-control-request-method": "POST",
                "access-control-request-headers": "authorization,content-type",
            },
        )
        assert "access-control-allow-origin" not in preflight.headers
        _hardened(preflight)

    async def test_the_configured_origins_and_no_others(
        self, settings: Settings, engine: AsyncEngine
    ) -> None:
        allowed = "https://tools.example"
        app = _app(settings, engine, cors_origins=(allowed, "http://localhost:5173"))
        async with _client(app) as client:
            preflight = await client.options(
                "/graphql",
                headers={
                    "origin": allowed,
                    "access-control-request-method": "POST",
                    "access-control-request-headers": "authorization,content-type",
                },
            )
            assert preflight.status_code == 200
            assert preflight.headers["access-control-allow-origin"] == allowed
            assert "authorization" in preflight.headers["access-control-allow-headers"].lower()
            assert "access-control-allow-credentials" not in preflight.headers
            ok = await client.post("/graphql", json=TRIVIAL, headers={"origin": allowed})
            assert ok.headers["access-control-allow-origin"] == allowed
            assert "x-request-id" in ok.headers["access-control-expose-headers"].lower()
            other = await client.post(
                "/graphql", json=TRIVIAL, headers={"origin": "https://evil.example"}
            )
            assert "access-control-allow-origin" not in other.headers
            refused = await client.options(
                "/graphql",
                headers={"origin": "https://evil.example", "access-control-request-method": "POST"},
            )
            assert refused.status_code == 400
            assert "access-control-allow-origin" not in refused.headers

    def test_a_bad_origin_is_refused_at_start_naming_the_fix(self) -> None:
        from directory.errors import ConfigError

        with pytest.raises(ConfigError, match="https://host"):
            Settings.from_env({"DIRECTORY_CORS_ORIGINS": "tools.example/path"})
        assert Settings.from_env({"DIRECTORY_CORS_ORIGINS": "*"}).cors_origins == ("*",)


def _directives(header: str) -> dict[str, str]:
    parts = (p.strip().partition(" ") for p in header.split(";"))
    return {name: value for name, _, value in parts}


class TestGraphiQL:
    async def _page(self, client: httpx.AsyncClient) -> httpx.Response:
        response = await client.get("/graphql", headers={"accept": "text/html"})
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
        return response

    async def test_its_policy_allows_only_the_app_itself(self, client: httpx.AsyncClient) -> None:
        response = await self._page(client)
        html = response.text
        policy = _directives(response.headers["content-security-policy"])
        assert policy["default-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
        assert policy["connect-src"] == "'self'"
        assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
        assert "unsafe" not in response.headers["content-security-policy"]
        # no inline script or style for the policy to allow; every file is the app's own
        assert "<script>" not in html and "<style>" not in html and "style=" not in html
        files = re.findall(r'(?:src|href)="([^"]+)"', html)
        assert len(files) >= 5 and all(f.startswith("/graphiql/") for f in files), files
        # the third-party files are pinned to their content (SRI)
        tags = re.findall(r"<(?:script|link)[^>]*\.min\.[^>]*>", html, re.DOTALL)
        assert len(tags) == 4 and all('integrity="sha384-' in tag for tag in tags)
        assert response.headers["x-frame-options"] == "DENY"

    async def test_it_keeps_no_headers_in_the_browser(self, client: httpx.AsyncClient) -> None:
        response = await client.get("/graphiql/start.js")
        assert response.status_code == 200
        script = response.text
        assert "shouldPersistHeaders: false" in script
        assert "storage: storage" in script and "new Map()" in script  # state in memory only
        assert "localStorage" not in script.replace("instead of\n// localStorage", "")
        assert "sessionStorage" not in script and "cookie" not in script.lower()
        # headers are neither read from nor written to the URL
        assert "headers:" not in script.replace("shouldPersistHeaders", "")
        assert "history.replaceState" not in script

    async def test_off_when_configured(self, settings: Settings, engine: AsyncEngine) -> None:
        async with _client(_app(settings, engine, graphiql=False)) as client:
            response = await client.get("/graphql", headers={"accept": "text/html"})
            asset = await client.get("/graphiql/graphiql.min.js")
        assert response.status_code == 404 and asset.status_code == 404
        assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
        _hardened(response)
