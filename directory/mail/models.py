"""The outbox: one row per message to one recipient."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from directory.accounts.models import EMAIL_MAX
from directory.columns import created_at, enum_column
from directory.db import Base, intpk


class MailKind(StrEnum):
    INVITATION = "INVITATION"
    CHANGE_SUBMITTED = "CHANGE_SUBMITTED"  # to the secretariat
    CHANGE_APPLIED = "CHANGE_APPLIED"  # to the State's focal points
    CHANGE_REJECTED = "CHANGE_REJECTED"
    CHANGE_CONFLICT = "CHANGE_CONFLICT"  # returned to its editor: fields moved since
    ENTRIES_STALE_SOON = "ENTRIES_STALE_SOON"


class MailStatus(StrEnum):
    PENDING = "PENDING"  # to send (again) at ``next_attempt_at``
    SENT = "SENT"
    FAILED = "FAILED"  # given up after MAX_ATTEMPTS, or refused for good by the server


class OutboxMail(Base):
    __tablename__ = "mail_outbox"

    id: Mapped[intpk]
    kind: Mapped[MailKind] = mapped_column(enum_column(MailKind, name="mail_kind"))
    recipient: Mapped[str] = mapped_column(String(EMAIL_MAX))
    language: Mapped[str] = mapped_column(String(2))
    params: Mapped[dict[str, Any]]
    # a message that must go once only (a stale reminder per entry and date) carries a key
    dedup_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    status: Mapped[MailStatus] = mapped_column(
        enum_column(MailStatus, name="mail_status"), default=MailStatus.PENDING, index=True
    )
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(index=True)
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[created_at]
    sent_at: Mapped[dt.datetime | None]
