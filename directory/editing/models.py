"""Change requests: a State editor's write, kept until the secretariat applies or rejects it."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

import directory.accounts.models  # noqa: F401 - api_token, referenced below
from directory.columns import enum_column
from directory.db import Base, intpk, utcnow
from directory.hygiene import FREE_TEXT


class ChangeStatus(StrEnum):
    PENDING = "PENDING"
    APPLIED = "APPLIED"
    REJECTED = "REJECTED"
    # returned to the editor: a field it changes moved since it was made (``conflicts``)
    CONFLICT = "CONFLICT"


class ChangeRequest(Base):
    __tablename__ = "change_request"

    id: Mapped[intpk]
    kind: Mapped[str] = mapped_column(String(40))  # a ChangeKind (directory.editing.inputs)
    status: Mapped[ChangeStatus] = mapped_column(
        enum_column(ChangeStatus, name="change_status"), default=ChangeStatus.PENDING, index=True
    )
    jurisdiction_id: Mapped[int] = mapped_column(
        ForeignKey("jurisdiction.id", ondelete="RESTRICT"), index=True
    )
    authority_id: Mapped[int | None] = mapped_column(Integer, index=True)
    # The authority version the editor read; approval conflicts if it has moved since.
    base_version: Mapped[int | None]
    payload: Mapped[dict[str, Any]]
    note: Mapped[str | None] = mapped_column(String(2000), info=FREE_TEXT)
    submitted_by: Mapped[str] = mapped_column(String(250))
    submitted_token_id: Mapped[int | None] = mapped_column(
        ForeignKey("api_token.id", ondelete="RESTRICT")
    )
    submitted_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    reviewed_by: Mapped[str | None] = mapped_column(String(250))
    reviewed_at: Mapped[dt.datetime | None]
    review_reason: Mapped[str | None] = mapped_column(String(2000), info=FREE_TEXT)
    # CONFLICT: each field that moved, {change, entity, entity_id, field, base, current,
    # proposed}, for the editor to resubmit on the current values
    conflicts: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    # APPLIED: [entity type, key] of each object it created or changed (an authority by its
    # key, any other row by its id), the links from the request to what it made
    objects: Mapped[list[list[Any]] | None] = mapped_column(JSON)
