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


def _selection(
    type_: Any, alias: frozenset[str] | set[str] = frozenset(), without: tuple[str, ...] = ()
) -> str:
    from graphql import get_named_type, is_object_type

    prefix = type_.name.removesuffix("Snapshot")
    parts = []
    for name, field in type_.fields.items():
        if name in without:
            continue
        named = get_named_type(field.type)
        shown = f"{prefix[0].lower()}{prefix[1:]}{name[0].upper()}{name[1:]}: {name}"
        shown = shown if name in alias else name
        parts.append(f"{shown} {{ {_selection(named)} }}" if is_object_type(named) else shown)
    return " ".join(parts)


def snapshot_selection(*members: str, without: tuple[str, ...] = ()) -> str:
    """A selection of every field of every ``EntitySnapshot`` type (a revision's
    ``before`` / ``after``), nested lists included, built from the live schema. A field
    whose name another member of the union gives another type (``status``: AuthorityStatus,
    NotificationStatus) cannot be selected under one name in both (GraphQL's rule for
    merging fields): the first type keeps it, the others alias it (``notificationStatus``).
    ``members``: only these types of the union (all when none is named); ``without``:
    fields left out."""
    from directory.graphql.schema import schema

    union = schema._schema.get_type("EntitySnapshot")
    seen: dict[str, str] = {}
    kinds = []
    for member in union.types:  # type: ignore[union-attr]
        if members and member.name not in members:
            continue
        alias = {
            n for n, f in member.fields.items() if seen.setdefault(n, str(f.type)) != str(f.type)
        }
        kinds.append(f"... on {member.name} {{ {_selection(member, alias, without)} }}")
    return f"{{ __typename {' '.join(kinds)} }}"


SNAPSHOT = snapshot_selection()
