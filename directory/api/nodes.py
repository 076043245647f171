"""Relay ``resolve_nodes`` for the types whose global ID wraps a key a DataLoader serves."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from strawberry.dataloader import DataLoader


async def load_nodes(cls: Any, loader: DataLoader, keys: Iterable[Any]) -> list[Any]:
    """``cls.from_row`` of each row ``loader`` finds, in key order; ``None`` for a miss
    (the Node interface answers null for an unknown ID, never an error)."""
    rows = await loader.load_many(list(keys))
    return [cls.from_row(r) if r is not None else None for r in rows]
