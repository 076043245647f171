"""API tokens. The token itself is never stored: only its SHA-256 hash and a short prefix
that lets a person recognise it in ``token list``."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from directory.accounts.permissions import Role
from directory.columns import created_at, enum_column
from directory.db import Base, intpk


class ApiToken(Base):
    __tablename__ = "api_token"
    __table_args__ = (
        CheckConstraint(
            "(role = 'STATE_EDITOR') = (jurisdiction_id IS NOT NULL)",
            name="editor_has_jurisdiction",
        ),
        CheckConstraint("role <> 'PUBLIC'", name="not_public"),
    )

    id: Mapped[intpk]
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(enum_column(Role, name="role"))
    jurisdiction_id: Mapped[int | None] = mapped_column(
        ForeignKey("jurisdiction.id", ondelete="RESTRICT"), index=True
    )
    prefix: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[created_at]
    expires_at: Mapped[dt.datetime | None]
    revoked_at: Mapped[dt.datetime | None]
    last_used_at: Mapped[dt.datetime | None]
