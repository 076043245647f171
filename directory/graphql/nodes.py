"""Global IDs: Relay ``resolve_nodes`` for the types whose ID wraps a key a DataLoader
serves, and the one way an input's ID becomes a row id (``row_id_of``, ``key_of``).

Every object a client can name has a global ID: the base64 of ``Type:key``, where the key
is a natural key for what has one (a jurisdiction's or an instrument's code, an
authority's key), a row id for the rest, and for a notification the pair
``<jurisdiction row id>.<provision row id>`` (so that the UNKNOWN entry of a provision with
no record has one too). An ID of an input that does not decode, or names another type, is
an ``InvalidId`` (a ``userErrors`` entry INVALID_ID in a mutation); one that decodes but
names no row is ``NotFound``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from strawberry.dataloader import DataLoader
from strawberry.relay import GlobalID

from directory.errors import InvalidInput, NotFound
from directory.hygiene import GENERAL, problem


class InvalidId(InvalidInput):
    """A global ID in an input that does not decode, or names an object of another type."""


async def load_nodes(cls: Any, loader: DataLoader[Any, Any], keys: Iterable[Any]) -> list[Any]:
    """``cls.from_row`` of each row ``loader`` finds, in key order; ``None`` for a miss
    (the Node interface answers null for an unknown ID, never an error), and for a key no
    row can have (see ``text_key``), which is never sent to the database."""
    keys = [text_key(k) if isinstance(k, str) else k for k in keys]
    wanted = [k for k in keys if k is not None]
    rows = dict(zip(wanted, await loader.load_many(wanted), strict=True))
    return [cls.from_row(rows[k]) if rows.get(k) is not None else None for k in keys]


def text_key(node_id: object) -> str | None:
    """The text key (a code, an authority's key) a global ID wraps, or None when no row can
    have it: one with a control character (PostgreSQL cannot even compare a NUL) or longer
    than any column allows."""
    text = str(node_id)
    return text if problem(text, GENERAL, "id") is None else None


ROW_ID_MAX = 2**31 - 1  # integer primary keys are 32-bit on PostgreSQL


def row_id(node_id: object) -> int | None:
    """The row id a global ID wraps, or None when it names none: only ASCII digits within
    the integer column's range (``str.isdigit`` also takes "²", and a longer number
    overflows the driver: asyncpg refuses it, SQLite cannot bind it)."""
    text = str(node_id)
    if not (text.isascii() and text.isdigit()) or len(text) > 10:
        return None
    number = int(text)
    return number if 0 < number <= ROW_ID_MAX else None


def to_global_id(type_name: str, key: object) -> str:
    return str(GlobalID(type_name, str(key)))


def _parsed(global_id: str, type_names: Sequence[str], field: Sequence[str | int]) -> GlobalID:
    try:
        parsed: GlobalID | None = GlobalID.from_id(global_id)
    except Exception:  # any malformed ID is the caller's mistake, whatever it raises
        parsed = None
    if parsed is None or parsed.type_name not in type_names:
        wanted = " or ".join(type_names)
        raise InvalidId(
            f"{global_id!r} is not the ID of a {wanted}: pass the `id` of a {wanted} "
            "returned by this API",
            field=field,
            value=global_id,
        )
    return parsed


def row_id_of(
    global_id: str, type_name: str, field: Sequence[str | int], *, kind: str | None = None
) -> int:
    """The row id inside a global ID of ``type_name`` (an input's ``field``): InvalidId when
    it is none, NotFound when it decodes to a key no row can have."""
    parsed = _parsed(global_id, [type_name], field)
    found = row_id(parsed.node_id)
    if found is None:
        raise NotFound(kind or type_name, global_id, field=field)
    return found


def key_of(global_id: str, type_name: str, field: Sequence[str | int]) -> str:
    """The text key (a code, an authority's key) inside a global ID of ``type_name``."""
    parsed = _parsed(global_id, [type_name], field)
    found = text_key(parsed.node_id)
    if found is None:
        raise NotFound(type_name, global_id, field=field)
    return found


def pair_key(first: int, second: int) -> str:
    """The key of an object named by two row ids (a notification: jurisdiction, provision)."""
    return f"{first}.{second}"


def pair_of(node_id: object) -> tuple[int, int] | None:
    """The two row ids inside a ``pair_key``, or None when it is not one."""
    head, dot, tail = str(node_id).partition(".")
    if not dot:
        return None
    first, second = row_id(head), row_id(tail)
    return None if first is None or second is None else (first, second)


async def load_rows(cls: Any, loader: DataLoader[int, Any], node_ids: Iterable[Any]) -> list[Any]:
    """``resolve_nodes`` of a type whose global ID wraps a row id."""
    return await load_nodes(cls, loader, [row_id(i) for i in node_ids])


# ``nodes(ids:)`` takes at most this many IDs; the cost budget charges one node per ID.
NODES_MAX = 100


async def resolve_many(info: Any, ids: Sequence[str]) -> list[Any]:
    """``nodes(ids:)``: the objects in the order of ``ids``, null for an ID that names
    nothing the caller may see (one that does not decode, an unknown type, a miss). The IDs
    of one type are resolved together (one batch per type, through the same
    ``resolve_nodes`` and visibility gates as ``node(id:)``)."""
    if len(ids) > NODES_MAX:
        raise InvalidInput(
            f"nodes takes at most {NODES_MAX} IDs, not {len(ids)}: split the list and ask "
            "in several requests (or several aliased `nodes` fields within the cost budget)",
            field=["ids"],
            value=len(ids),
        )
    by_type: dict[Any, list[tuple[int, str]]] = {}
    for position, global_id in enumerate(ids):
        try:
            parsed = GlobalID.from_id(global_id)
            node_type = parsed.resolve_type(info)
        except Exception:  # not a global ID, or not one of a type of this schema
            continue
        by_type.setdefault(node_type, []).append((position, parsed.node_id))
    found: list[Any] = [None] * len(ids)
    for node_type, wanted in by_type.items():
        rows = await node_type.resolve_nodes(info=info, node_ids=[key for _, key in wanted])
        for (position, _), row in zip(wanted, rows, strict=True):
            found[position] = row
    return found
