"""Relay ``resolve_nodes`` for the types whose global ID wraps a key a DataLoader serves."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from strawberry.dataloader import DataLoader

from directory.hygiene import GENERAL, problem


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
