"""Revisions: one row per applied change, written in the same transaction as the change.

The foreign keys to ``api_token``, ``account`` and ``change_request`` are named by table:
they resolve through the shared ``Base.metadata`` (``directory.models`` imports every
model), so the audit room need not import the rooms that write revisions.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from directory.columns import enum_column
from directory.db import Base, intpk, utcnow
from directory.hygiene import FREE_TEXT


class Action(StrEnum):
    CREATE = "CREATE"
    UPDATE = "UPDATE"
    RETIRE = "RETIRE"
    REMOVE = "REMOVE"  # designations and rules; their last state stays in ``before``
    CONFIRM = "CONFIRM"  # a focal point confirmed the entry is still right


class Revision(Base):
    """``id`` is the change feed's cursor: revisions are written one at a time (see
    ``directory.audit.services.record``), so ids grow in commit order."""

    __tablename__ = "revision"

    id: Mapped[intpk]
    occurred_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(250))
    token_id: Mapped[int | None] = mapped_column(
        ForeignKey("api_token.id", ondelete="RESTRICT"), index=True
    )
    # the person behind the change (a console session, or a token its owner created)
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="RESTRICT"), index=True
    )
    action: Mapped[Action] = mapped_column(enum_column(Action, name="revision_action"))
    entity_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int] = mapped_column(Integer)
    # No foreign keys on these two: a revision outlives any row it describes.
    authority_id: Mapped[int | None] = mapped_column(Integer, index=True)
    # null for a treaty's own history (an instrument, a provision): no jurisdiction's
    jurisdiction_id: Mapped[int | None] = mapped_column(Integer, index=True)
    before: Mapped[dict[str, Any] | None]
    after: Mapped[dict[str, Any] | None]
    reason: Mapped[str | None] = mapped_column(String(2000), info=FREE_TEXT)
    change_request_id: Mapped[int | None] = mapped_column(
        ForeignKey("change_request.id", ondelete="RESTRICT"), index=True
    )
