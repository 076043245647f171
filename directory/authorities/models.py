"""Authorities, their designations, and the channel and language rules for sending to them.

A **designation** says that an authority receives (or sends) requests of one subject, with a
scope: procedural stage (a tree, ``StagePart``), matter, measure, territory (a jurisdiction
such as Hong Kong SAR) or an ISO 3166-2 subdivision (a constituent part such as Scotland),
requesting State or group. Channel and language rules belong to a jurisdiction and may be
narrowed to one designation, one subject, one measure or one requesting side.

Designations and rules may carry a **condition on the legal basis** (``basis_condition``
with ``instrument_id``): "when UNTOC binds both States", "unless the ETS 030 binds both",
"when no treaty binds both"; routing evaluates it against the pair's treaties in force.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, CheckConstraint, Column, ForeignKey, Integer, String, Table, Time
from sqlalchemy.orm import Mapped, mapped_column

from directory.columns import (
    NEVER_REUSE_IDS,
    citation_table,
    created_at,
    enum_column,
    updated_at,
    vocabulary_code,
)
from directory.db import Base, intpk
from directory.enums import (
    AuthorityStatus,
    BasisCondition,
    ChannelPermission,
    ContactKind,
    Direction,
    Verification,
)
from directory.hygiene import FREE_TEXT
from directory.treaties.models import Vocabulary


class ChannelKind(Vocabulary, Base):
    """A way of transmitting a request: central authority direct, diplomatic, Interpol, …"""

    __tablename__ = "channel_kind"


class ProceduralStage(Vocabulary, Base):
    """A stage of proceedings that can change the competent authority."""

    __tablename__ = "procedural_stage"


class StagePart(Base):
    """Procedural stages form a tree: TRIAL is part of TRIAL_AND_EXECUTION.

    Routing matches stages by containment both ways: a designation for the whole applies to a
    request for a part; one for a part may apply to a request for the whole. A stage is part
    of at most one other (a row per stage that has a parent).
    """

    __tablename__ = "stage_part"
    __table_args__ = (CheckConstraint("stage_code <> within_code", name="not_within_itself"),)

    stage_code: Mapped[str] = mapped_column(
        String(40), ForeignKey("procedural_stage.code", ondelete="CASCADE"), primary_key=True
    )
    within_code: Mapped[str] = vocabulary_code("procedural_stage", nullable=False)


class Matter(Vocabulary, Base):
    """A kind of case that can change the competent authority (tax, corruption, …)."""

    __tablename__ = "matter"


class Measure(Vocabulary, Base):
    """An investigative or procedural measure requested (service of documents, hearing of
    witnesses, search and seizure, …), in the manner of the EJN's Fiches Belges."""

    __tablename__ = "measure"


# The measures vocabulary cites where its list and definitions come from.
measure_source = Table(
    "measure_source",
    Base.metadata,
    Column(
        "measure_code",
        String(40),
        ForeignKey("measure.code", ondelete="CASCADE"),
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


def basis_check() -> CheckConstraint:
    """WHEN_IN_FORCE and UNLESS_IN_FORCE name an instrument; NO_TREATY names none."""
    return CheckConstraint(
        "basis_condition IS NULL OR (basis_condition = 'NO_TREATY') = (instrument_id IS NULL)",
        name="basis_names_instrument",
    )


def scope_checks() -> tuple[CheckConstraint, ...]:
    """A fresh set per table (a Constraint object cannot join two tables)."""
    return (
        basis_check(),
        CheckConstraint(
            "requesting_id IS NULL OR requesting_group_code IS NULL",
            name="one_requesting_scope",
        ),
    )


class Authority(Base):
    """A body (never a person) in a jurisdiction. Retired, never deleted."""

    __tablename__ = "authority"
    __table_args__ = (
        CheckConstraint("version >= 1", name="version_positive"),
        CheckConstraint("key = lower(key)", name="key_lower"),
    )

    id: Mapped[intpk]
    # Stable natural key ("aut-bmj-international-criminal-matters"): the seed upserts by it,
    # and other tools may keep it across exports.
    key: Mapped[str] = mapped_column(String(100), unique=True)
    jurisdiction_id: Mapped[int] = mapped_column(
        ForeignKey("jurisdiction.id", ondelete="RESTRICT"), index=True
    )
    street_address: Mapped[str | None] = mapped_column(String(500), info=FREE_TEXT)
    city: Mapped[str | None] = mapped_column(String(200))
    postal_code: Mapped[str | None] = mapped_column(String(40))
    website: Mapped[str | None] = mapped_column(String(1000))
    time_zone: Mapped[str | None] = mapped_column(String(64))
    notes: Mapped[str | None] = mapped_column(String(4000), info=FREE_TEXT)
    status: Mapped[AuthorityStatus] = mapped_column(
        enum_column(AuthorityStatus, name="authority_status"), default=AuthorityStatus.ACTIVE
    )
    verification: Mapped[Verification] = mapped_column(
        enum_column(Verification, name="verification")
    )
    last_confirmed_on: Mapped[dt.date | None]
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[created_at]
    updated_at: Mapped[updated_at]

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - optimistic concurrency


class AuthorityName(Base):
    """An authority's name in one language (ISO 639-1, or 639-3 when there is no 639-1)."""

    __tablename__ = "authority_name"

    authority_id: Mapped[int] = mapped_column(
        ForeignKey("authority.id", ondelete="CASCADE"), primary_key=True
    )
    language: Mapped[str] = mapped_column(String(3), primary_key=True)
    name: Mapped[str] = mapped_column(String(500))
    is_original: Mapped[bool] = mapped_column(Boolean, default=False)


class AuthorityContact(Base):
    """A phone (E.164), fax, e-mail or contact person. Restricted unless marked public."""

    __tablename__ = "authority_contact"
    __table_args__ = (NEVER_REUSE_IDS,)

    id: Mapped[intpk]
    authority_id: Mapped[int] = mapped_column(
        ForeignKey("authority.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[ContactKind] = mapped_column(enum_column(ContactKind, name="contact_kind"))
    value: Mapped[str] = mapped_column(String(320))
    label: Mapped[str | None] = mapped_column(String(200))
    restricted: Mapped[bool] = mapped_column(Boolean, default=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class OfficeHours(Base):
    """One opening interval on one weekday (0 = Monday), in the authority's time zone."""

    __tablename__ = "office_hours"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_range"),
        CheckConstraint("opens < closes", name="opens_before_closes"),
    )

    authority_id: Mapped[int] = mapped_column(
        ForeignKey("authority.id", ondelete="CASCADE"), primary_key=True
    )
    weekday: Mapped[int] = mapped_column(Integer, primary_key=True)
    opens: Mapped[dt.time] = mapped_column(Time, primary_key=True)
    closes: Mapped[dt.time] = mapped_column(Time)


class Designation(Base):
    """An authority designated for one subject, within a scope."""

    __tablename__ = "designation"
    __table_args__ = (
        CheckConstraint("priority >= 0", name="priority_non_negative"),
        CheckConstraint(
            "subdivision IS NULL OR (length(subdivision) BETWEEN 4 AND 6 "
            "AND subdivision LIKE '__-%')",
            name="subdivision_iso3166_2",
        ),
        *scope_checks(),
        NEVER_REUSE_IDS,
    )

    id: Mapped[intpk]
    authority_id: Mapped[int] = mapped_column(
        ForeignKey("authority.id", ondelete="RESTRICT"), index=True
    )
    subject_code: Mapped[str] = vocabulary_code("subject", nullable=False)
    provision_id: Mapped[int | None] = mapped_column(
        ForeignKey("provision.id", ondelete="RESTRICT"), index=True
    )
    stage_code: Mapped[str | None] = vocabulary_code("procedural_stage")
    matter_code: Mapped[str | None] = vocabulary_code("matter")
    territory_id: Mapped[int | None] = mapped_column(
        ForeignKey("jurisdiction.id", ondelete="RESTRICT"), index=True
    )
    subdivision: Mapped[str | None] = mapped_column(String(6))
    measure_code: Mapped[str | None] = vocabulary_code("measure")
    # scope by requesting side: one State, or a group (EU members, a network); never both
    requesting_id: Mapped[int | None] = mapped_column(
        ForeignKey("jurisdiction.id", ondelete="RESTRICT"), index=True
    )
    requesting_group_code: Mapped[str | None] = vocabulary_code("jurisdiction_group")
    # condition on the pair's legal bases, naming ``instrument_id`` unless NO_TREATY
    instrument_id: Mapped[int | None] = mapped_column(
        ForeignKey("instrument.id", ondelete="RESTRICT"), index=True
    )
    basis_condition: Mapped[BasisCondition | None] = mapped_column(
        enum_column(BasisCondition, name="basis_condition")
    )
    direction: Mapped[Direction] = mapped_column(
        enum_column(Direction, name="direction"), default=Direction.BOTH
    )
    # Also receives requests of subjects that have no designation of their own
    # (a "general" central authority); only when the data says so.
    residual: Mapped[bool] = mapped_column(Boolean, default=False)
    # Lower = preferred when several designations match the same request.
    priority: Mapped[int] = mapped_column(Integer, default=0)
    designated_under: Mapped[str | None] = mapped_column(String(1000))
    notes: Mapped[str | None] = mapped_column(String(2000), info=FREE_TEXT)
    verification: Mapped[Verification] = mapped_column(
        enum_column(Verification, name="verification")
    )
    created_at: Mapped[created_at]
    updated_at: Mapped[updated_at]


class ChannelRule(Base):
    """A channel a jurisdiction accepts, requires or refuses, with its conditions."""

    __tablename__ = "channel_rule"
    __table_args__ = (
        CheckConstraint(
            "original_within_days IS NULL OR original_within_days > 0", name="days_positive"
        ),
        *scope_checks(),
        NEVER_REUSE_IDS,
    )

    id: Mapped[intpk]
    jurisdiction_id: Mapped[int] = mapped_column(
        ForeignKey("jurisdiction.id", ondelete="RESTRICT"), index=True
    )
    designation_id: Mapped[int | None] = mapped_column(
        ForeignKey("designation.id", ondelete="CASCADE"), index=True
    )
    subject_code: Mapped[str | None] = vocabulary_code("subject")
    instrument_id: Mapped[int | None] = mapped_column(
        ForeignKey("instrument.id", ondelete="RESTRICT"), index=True
    )
    basis_condition: Mapped[BasisCondition | None] = mapped_column(
        enum_column(BasisCondition, name="basis_condition")
    )
    measure_code: Mapped[str | None] = vocabulary_code("measure")
    requesting_id: Mapped[int | None] = mapped_column(
        ForeignKey("jurisdiction.id", ondelete="RESTRICT"), index=True
    )
    requesting_group_code: Mapped[str | None] = vocabulary_code("jurisdiction_group")
    channel_code: Mapped[str] = vocabulary_code("channel_kind", nullable=False)
    permission: Mapped[ChannelPermission] = mapped_column(
        enum_column(ChannelPermission, name="channel_permission"),
        default=ChannelPermission.ACCEPTED,
    )
    urgent_only: Mapped[bool] = mapped_column(Boolean, default=False)
    prior_agreement_required: Mapped[bool] = mapped_column(Boolean, default=False)
    written_confirmation_required: Mapped[bool] = mapped_column(Boolean, default=False)
    original_to_follow: Mapped[bool] = mapped_column(Boolean, default=False)
    original_within_days: Mapped[int | None]
    preference: Mapped[int] = mapped_column(Integer, default=0)
    condition: Mapped[str | None] = mapped_column(String(2000), info=FREE_TEXT)
    verification: Mapped[Verification] = mapped_column(
        enum_column(Verification, name="verification")
    )
    created_at: Mapped[created_at]
    updated_at: Mapped[updated_at]


class LanguageRule(Base):
    """A language acceptable for requests, in an order of preference, with a condition."""

    __tablename__ = "language_rule"
    __table_args__ = (
        CheckConstraint("preference >= 0", name="preference_non_negative"),
        basis_check(),
        NEVER_REUSE_IDS,
    )

    id: Mapped[intpk]
    jurisdiction_id: Mapped[int] = mapped_column(
        ForeignKey("jurisdiction.id", ondelete="RESTRICT"), index=True
    )
    designation_id: Mapped[int | None] = mapped_column(
        ForeignKey("designation.id", ondelete="CASCADE"), index=True
    )
    notification_id: Mapped[int | None] = mapped_column(
        ForeignKey("notification.id", ondelete="CASCADE"), index=True
    )
    subject_code: Mapped[str | None] = vocabulary_code("subject")
    instrument_id: Mapped[int | None] = mapped_column(
        ForeignKey("instrument.id", ondelete="RESTRICT"), index=True
    )
    basis_condition: Mapped[BasisCondition | None] = mapped_column(
        enum_column(BasisCondition, name="basis_condition")
    )
    language: Mapped[str] = mapped_column(String(3))
    preference: Mapped[int] = mapped_column(Integer, default=0)
    # e.g. "only where a translation into the official language is impossible"
    condition: Mapped[str | None] = mapped_column(String(1000), info=FREE_TEXT)
    verification: Mapped[Verification] = mapped_column(
        enum_column(Verification, name="verification")
    )
    created_at: Mapped[created_at]
    updated_at: Mapped[updated_at]


authority_source = citation_table("authority")
designation_source = citation_table("designation")
channel_rule_source = citation_table("channel_rule")
language_rule_source = citation_table("language_rule")
