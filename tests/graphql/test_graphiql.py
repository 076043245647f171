"""GraphiQL offline: every file its page names is served by the app, is the pinned package's
file byte for byte, and the example query it opens on runs on the seeded directory."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from importlib.resources import files
from typing import Any

import httpx

from tests.helpers import gql

LOCK = json.loads((files("directory.graphql") / "static" / "graphiql" / "assets.json").read_text())


def _sha384(data: bytes) -> str:
    return base64.b64encode(hashlib.sha384(data).digest()).decode()


async def _page(client: httpx.AsyncClient) -> str:
    response = await client.get("/graphql", headers={"accept": "text/html"})
    assert response.status_code == 200
    return response.text


async def test_every_file_of_the_page_is_served_by_the_app(client: httpx.AsyncClient) -> None:
    html = await _page(client)
    names = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert "://" not in html.replace("http://www.w3.org", "")
    for name in names:
        response = await client.get(name)
        assert response.status_code == 200, name
        kind = "javascript" if name.endswith(".js") else "css"
        assert kind in response.headers["content-type"], (name, response.headers)
        pinned = re.search(rf'{re.escape(name)}"[^>]*integrity="sha384-([^"]+)"', html, re.S)
        if pinned:
            assert _sha384(response.content) == pinned.group(1), name


async def test_the_vendored_files_are_the_pinned_packages(client: httpx.AsyncClient) -> None:
    # what tools/vendor_graphiql.py --check does, through HTTP
    checked = 0
    for package in LOCK["packages"]:
        assert package["licence"] == "MIT" and re.fullmatch(r"\d+\.\d+\.\d+", package["version"])
        for member in package["files"].values():
            response = await client.get(f"/graphiql/{member['as']}")
            assert response.status_code == 200, member
            if "sha384" in member:
                assert _sha384(response.content) == member["sha384"], member
                checked += 1
            else:
                assert "MIT License" in response.text  # the licence travels with the files
    assert checked == 4


async def test_the_example_query_answers_without_errors(
    seeded: dict[str, Any], client: httpx.AsyncClient
) -> None:
    script = (await client.get("/graphiql/start.js")).text
    example = re.search(r"const EXAMPLE = `(.*?)`;", script, re.S)
    assert example
    body = await gql(client, example.group(1))
    assert "errors" not in body, body
    route = body["data"]["route"]
    assert route["destinations"] and route["legalBases"], route
