"""Accounts (people), their invitations and browser sessions, and API tokens.

No secret is stored in clear: a password only as its argon2id hash, an invitation link and
a session key only as SHA-256 hashes, a token only as its hash and a short prefix that
lets a person recognise it in ``token list``. The TOTP seed is the one secret kept as it is
(the server must compute codes from it); it never leaves the server after enrolment.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from directory.accounts.permissions import Role
from directory.columns import created_at, enum_column
from directory.db import Base, intpk

EMAIL_MAX = 254  # RFC 5321's longest forward path, less the angle brackets


class Account(Base):
    """A person: a focal point (STATE_EDITOR of one jurisdiction), a practitioner or a
    member of the secretariat. Never deleted (revisions name it): ``disabled_at`` ends it."""

    __tablename__ = "account"
    __table_args__ = (
        CheckConstraint(
            "(role = 'STATE_EDITOR') = (jurisdiction_id IS NOT NULL)",
            name="editor_has_jurisdiction",
        ),
        CheckConstraint("role <> 'PUBLIC'", name="not_public"),
    )

    id: Mapped[intpk]
    name: Mapped[str] = mapped_column(String(200))
    # normalised by email-validator (domain lower-cased, IDNA), then lower-cased whole
    email: Mapped[str] = mapped_column(String(EMAIL_MAX), unique=True)
    role: Mapped[Role] = mapped_column(enum_column(Role, name="role"))
    jurisdiction_id: Mapped[int | None] = mapped_column(
        ForeignKey("jurisdiction.id", ondelete="RESTRICT"), index=True
    )
    language: Mapped[str] = mapped_column(String(2), default="en")  # one of the six
    password_hash: Mapped[str | None] = mapped_column(String(200))
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    # the last 30-second step whose code was accepted: a code is never accepted twice
    totp_last_step: Mapped[int | None]
    created_at: Mapped[created_at]
    disabled_at: Mapped[dt.datetime | None]


class Invitation(Base):
    """A single-use link that lets ``account`` set its password, until ``expires_at``."""

    __tablename__ = "invitation"

    id: Mapped[intpk]
    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[created_at]
    expires_at: Mapped[dt.datetime]
    used_at: Mapped[dt.datetime | None]


class AccountSession(Base):
    """A browser session of an account: the cookie carries the key, signed; the row lets
    its owner list and end it."""

    __tablename__ = "account_session"

    id: Mapped[intpk]
    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[created_at]
    expires_at: Mapped[dt.datetime]
    revoked_at: Mapped[dt.datetime | None]
    user_agent: Mapped[str | None] = mapped_column(String(200))


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
    # the person who created it in the console (None: issued from the command line)
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="RESTRICT"), index=True
    )
    prefix: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[created_at]
    expires_at: Mapped[dt.datetime | None]
    revoked_at: Mapped[dt.datetime | None]
    last_used_at: Mapped[dt.datetime | None]
