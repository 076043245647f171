"""Legal requirements a request to a State must satisfy, as structured facts with sources.

In the manner of the Council of Europe's "national procedures" forms and SHERLOC's "legal
requirements": dual criminality, reciprocity, assurances, limitation of use and speciality,
confidentiality, form, translation of attachments, and links to legislation and guides. The
kinds are an open vocabulary (``RequirementKind`` rows); what the State says about one is a
``RequirementStatus`` with the text that qualifies it. A requirement may be narrowed to a
subject, a measure, and a condition on the legal basis (Japan: dual criminality "unless a
treaty provides otherwise").
"""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from directory.authorities.models import basis_check
from directory.columns import (
    NEVER_REUSE_IDS,
    citation_table,
    created_at,
    enum_column,
    updated_at,
    vocabulary_code,
)
from directory.db import Base, intpk
from directory.enums import BasisCondition, RequirementStatus, Verification
from directory.hygiene import FREE_TEXT
from directory.treaties.models import Vocabulary


class RequirementKind(Vocabulary, Base):
    """A kind of legal requirement: DUAL_CRIMINALITY, ASSURANCE_DEATH_PENALTY, GUIDE, …"""

    __tablename__ = "requirement_kind"


class Requirement(Base):
    """What a jurisdiction requires of a request of one kind, with its text and sources."""

    __tablename__ = "requirement"
    __table_args__ = (
        basis_check(),
        CheckConstraint(
            "url IS NOT NULL OR status <> 'INFORMATION' OR text IS NOT NULL",
            name="information_says_something",
        ),
        NEVER_REUSE_IDS,
    )

    id: Mapped[intpk]
    jurisdiction_id: Mapped[int] = mapped_column(
        ForeignKey("jurisdiction.id", ondelete="RESTRICT"), index=True
    )
    kind_code: Mapped[str] = vocabulary_code("requirement_kind", nullable=False)
    subject_code: Mapped[str | None] = vocabulary_code("subject")
    measure_code: Mapped[str | None] = vocabulary_code("measure")
    instrument_id: Mapped[int | None] = mapped_column(
        ForeignKey("instrument.id", ondelete="RESTRICT"), index=True
    )
    basis_condition: Mapped[BasisCondition | None] = mapped_column(
        enum_column(BasisCondition, name="basis_condition")
    )
    status: Mapped[RequirementStatus] = mapped_column(
        enum_column(RequirementStatus, name="requirement_status")
    )
    text: Mapped[str | None] = mapped_column(String(2000), info=FREE_TEXT)
    url: Mapped[str | None] = mapped_column(String(1000))
    verification: Mapped[Verification] = mapped_column(
        enum_column(Verification, name="verification")
    )
    created_at: Mapped[created_at]
    updated_at: Mapped[updated_at]


requirement_source = citation_table("requirement")
