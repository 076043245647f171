"""Column shapes repeated across domains, and the helpers that build them."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any

from sqlalchemy import Column, Enum, ForeignKey, Integer, String, Table
from sqlalchemy.orm import MappedColumn, mapped_column

from directory.db import Base, utcnow

created_at = Annotated[dt.datetime, mapped_column(default=utcnow)]
updated_at = Annotated[dt.datetime, mapped_column(default=utcnow, onupdate=utcnow)]


def enum_column(enum: type[StrEnum], *, name: str) -> Enum:
    """A portable enum: VARCHAR plus a named CHECK constraint (no native PG enum type,
    so adding a value is a one-line migration on both engines)."""
    return Enum(
        enum,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=max(len(m.value) for m in enum),
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )


def citation_table(fact_table: str) -> Table:
    """Association of a fact table with ``source``: every fact cites one or more sources."""
    return Table(
        f"{fact_table}_source",
        Base.metadata,
        Column(
            f"{fact_table}_id",
            Integer,
            ForeignKey(f"{fact_table}.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        Column(
            "source_id",
            Integer,
            ForeignKey("source.id", ondelete="RESTRICT"),
            primary_key=True,
            index=True,
        ),
    )


def vocabulary_code(table: str, *, nullable: bool = True) -> MappedColumn[Any]:
    return mapped_column(
        String(40), ForeignKey(f"{table}.code", ondelete="RESTRICT"), nullable=nullable, index=True
    )


# Table keyword for tables whose rows can be deleted while revisions or Relay global ids
# still name them: on SQLite, without AUTOINCREMENT, the id of the deleted row would be
# handed to the next new row (PostgreSQL sequences never go back). Migration 0003.
NEVER_REUSE_IDS = {"sqlite_autoincrement": True}
