"""Change requests: a State editor's write, kept until the secretariat applies or rejects it."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

import directory.accounts.models  # noqa: F401 - api_token, referenced below
from directory.columns import enum_column
from directory.db import Base, intpk, utcnow
from directory.hygiene import FREE_TEXT


class ChangeStatus(StrEnum):
    PENDING = "PENDING"
    APPLIED = "APPLIED"
    REJECTED = "REJECTED"


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
