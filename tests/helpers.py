"""Helpers shared by the HTTP tests: a GraphQL call and a global ID."""

from __future__ import annotations

from typing import Any

import httpx
from strawberry.relay import GlobalID


async def gql(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    token: str | None = None,
) -> dict[str, Any]:
    """POST a GraphQL document; returns the decoded body (``data`` and/or ``errors``)."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = await client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
    )
    # 401: a bad, expired or revoked token refuses the whole request (with a GraphQL body)
    assert response.status_code in (200, 400, 401), response.text
    return response.json()


def gid(type_name: str, key: object) -> str:
    """The relay global ID of a ``type_name`` node with natural key ``key``."""
    return str(GlobalID(type_name, str(key)))
