"""Enums of the schema with a description on the type and on every value.

The domain's enums (``directory.enums``, ``routing.advice``, …) never import Strawberry, so
their values cannot carry ``strawberry.enum_value``; ``describe`` registers such an enum with
the descriptions a client reads in the SDL, and refuses one with a value left undescribed.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import TypeVar

import strawberry

E = TypeVar("E", bound=Enum)


def describe(
    enum: type[E], description: str, values: Mapping[E, str], *, name: str | None = None
) -> type[E]:
    """Register ``enum`` (as ``name``, else its class name) with ``description`` and one
    description per value; ValueError naming the values that have none."""
    missing = [member.name for member in enum if member not in values]
    if missing:
        raise ValueError(f"{enum.__name__}: describe the values {missing} too")
    strawberry.enum(enum, name=name, description=description)
    definition = enum.__strawberry_definition__  # type: ignore[attr-defined]  # set just above
    for value in definition.values:
        value.description = values[enum(value.value)]
    return enum
