"""Jurisdictions, instruments, provisions, participations, notifications, and sources.

Every fact cites at least one ``Source`` through a ``<table>_source`` association.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Integer,
    String,
    Table,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from directory.columns import citation_table, created_at, enum_column, updated_at, vocabulary_code
from directory.db import Base, intpk
from directory.enums import (
    AliasKind,
    ConsentType,
    ExtraditionBasis,
    JurisdictionKind,
    NotificationStatus,
    ProvisionKind,
    RegionalGroup,
    SourceKind,
    UNLanguage,
    UNStatus,
    Verification,
)
from directory.hygiene import FREE_TEXT


class Source(Base):
    """Where a fact was read: a URL or a document symbol, who published it, the date it
    states and the date it was seen. Deduplicated by URL and by document symbol."""

    __tablename__ = "source"
    __table_args__ = (
        CheckConstraint("url IS NOT NULL OR document IS NOT NULL", name="url_or_document"),
    )

    id: Mapped[intpk]
    url: Mapped[str | None] = mapped_column(String(1000), unique=True)
    document: Mapped[str | None] = mapped_column(String(300), unique=True)
    title: Mapped[str | None] = mapped_column(String(500))
    kind: Mapped[SourceKind] = mapped_column(enum_column(SourceKind, name="source_kind"))
    # the date the source itself states (its "status as at", its date of issue), if any
    stated_on: Mapped[dt.date | None]
    seen_on: Mapped[dt.date]
    created_at: Mapped[created_at]


class Vocabulary:
    """Shape shared by the open vocabularies (rows, not enums)."""

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(String(1000))
    position: Mapped[int] = mapped_column(Integer, default=0)

    @declared_attr.directive
    def __table_args__(cls) -> tuple[CheckConstraint, ...]:
        # a fresh constraint per table: a shared Constraint object cannot join two tables
        return (CheckConstraint("code = upper(code)", name="code_upper"),)


class Subject(Vocabulary, Base):
    """A kind of cooperation: MLA, extradition, transfer of sentenced persons, …"""

    __tablename__ = "subject"


class Jurisdiction(Base):
    """A State, a territory with its own cooperation system, or a regional organization."""

    __tablename__ = "jurisdiction"
    __table_args__ = (
        CheckConstraint("length(code) = 3 AND upper(code) = code", name="code_alpha3"),
        CheckConstraint(
            "(kind = 'TERRITORY' AND parent_id IS NOT NULL) "
            "OR (kind <> 'TERRITORY' AND parent_id IS NULL)",
            name="territory_has_parent",
        ),
        CheckConstraint("m49 IS NULL OR length(m49) = 3", name="m49_three_digits"),
    )

    id: Mapped[intpk]
    code: Mapped[str] = mapped_column(String(3), unique=True)
    alpha2: Mapped[str | None] = mapped_column(String(2), unique=True)
    m49: Mapped[str | None] = mapped_column(String(3))
    kind: Mapped[JurisdictionKind] = mapped_column(
        enum_column(JurisdictionKind, name="jurisdiction_kind")
    )
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("jurisdiction.id", ondelete="RESTRICT"), index=True
    )
    un_status: Mapped[UNStatus] = mapped_column(enum_column(UNStatus, name="un_status"))
    regional_group: Mapped[RegionalGroup | None] = mapped_column(
        enum_column(RegionalGroup, name="regional_group")
    )
    # For a territory: whether its State's designations serve it where it has none of its
    # own. None = the data does not say (routing then warns instead of falling back).
    parent_designations_apply: Mapped[bool | None]
    notes: Mapped[str | None] = mapped_column(String(2000), info=FREE_TEXT)
    created_at: Mapped[created_at]
    updated_at: Mapped[updated_at]


class JurisdictionName(Base):
    """A jurisdiction's name in one of the six UN languages: the UN's own (M49) for Member
    States, ISO 3166's for observer States, CLDR's for the rest (the seed cites which)."""

    __tablename__ = "jurisdiction_name"

    jurisdiction_id: Mapped[int] = mapped_column(
        ForeignKey("jurisdiction.id", ondelete="CASCADE"), primary_key=True
    )
    language: Mapped[UNLanguage] = mapped_column(
        enum_column(UNLanguage, name="un_language"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(200))


class JurisdictionAlias(Base):
    """Another name or code people use for a jurisdiction, folded once when written, so that
    search reads an index instead of folding every name on every request: CLDR and ISO
    names, endonyms (CLDR names in the State's own official languages), the alpha-2 code
    and other codes (IOC). Each cites the source it comes from."""

    __tablename__ = "jurisdiction_alias"
    __table_args__ = (UniqueConstraint("jurisdiction_id", "kind", "language", "alias"),)

    id: Mapped[intpk]
    jurisdiction_id: Mapped[int] = mapped_column(
        ForeignKey("jurisdiction.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[AliasKind] = mapped_column(enum_column(AliasKind, name="alias_kind"))
    # ISO 639 code of a name (an endonym may be in any language); empty for codes
    language: Mapped[str] = mapped_column(String(12), default="")
    alias: Mapped[str] = mapped_column(String(200))
    folded: Mapped[str] = mapped_column(String(200), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id", ondelete="RESTRICT"), index=True)


class JurisdictionGroup(Vocabulary, Base):
    """A group of jurisdictions a designation or a rule can name as the requesting side
    (the EU Member States, the Nordic countries, a network such as IberRed)."""

    __tablename__ = "jurisdiction_group"


class JurisdictionGroupMember(Base):
    """One jurisdiction's membership of a group."""

    __tablename__ = "jurisdiction_group_member"

    group_code: Mapped[str] = mapped_column(
        String(40), ForeignKey("jurisdiction_group.code", ondelete="CASCADE"), primary_key=True
    )
    jurisdiction_id: Mapped[int] = mapped_column(
        ForeignKey("jurisdiction.id", ondelete="RESTRICT"), primary_key=True, index=True
    )


class Instrument(Base):
    """A treaty. Protocols name the convention they supplement."""

    __tablename__ = "instrument"
    __table_args__ = (CheckConstraint("code = upper(code)", name="code_upper"),)

    id: Mapped[intpk]
    code: Mapped[str] = mapped_column(String(40), unique=True)
    short_title: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(500))
    depositary_chapter: Mapped[str | None] = mapped_column(String(40))
    supplements_id: Mapped[int | None] = mapped_column(
        ForeignKey("instrument.id", ondelete="RESTRICT")
    )
    adopted_on: Mapped[dt.date | None]
    entry_into_force_on: Mapped[dt.date | None]
    # For a State consenting after entry into force: the treaty binds it this many days
    # after its deposit (UNTOC art. 38(2), UNCAC art. 68(2): 30 days).
    days_to_entry_into_force: Mapped[int | None]
    created_at: Mapped[created_at]


class Provision(Base):
    """An article of an instrument that States notify under (16(5), 18(13), 18(14), …)."""

    __tablename__ = "provision"
    __table_args__ = (UniqueConstraint("instrument_id", "article"),)

    id: Mapped[intpk]
    instrument_id: Mapped[int] = mapped_column(ForeignKey("instrument.id", ondelete="RESTRICT"))
    article: Mapped[str] = mapped_column(String(20))
    kind: Mapped[ProvisionKind] = mapped_column(enum_column(ProvisionKind, name="provision_kind"))
    subject_code: Mapped[str | None] = vocabulary_code("subject")
    summary: Mapped[str] = mapped_column(String(500))


class Participation(Base):
    """A jurisdiction's signature and consent to be bound by an instrument.

    ``party_date_unknown``: a source says the State is a party but gives no date of its
    consent (``consent_on`` is then empty): routing counts it as a party and says the date
    is unknown. ``status_as_of``: the newest status date among the row's sources (the
    depositary's "status as at" line, or the day a later source reports), so that an old
    status table is never read as today's; empty when no source states one.
    """

    __tablename__ = "participation"
    __table_args__ = (
        UniqueConstraint("jurisdiction_id", "instrument_id"),
        CheckConstraint(
            "NOT party_date_unknown OR consent_on IS NULL", name="party_date_unknown_undated"
        ),
    )

    id: Mapped[intpk]
    jurisdiction_id: Mapped[int] = mapped_column(
        ForeignKey("jurisdiction.id", ondelete="RESTRICT"), index=True
    )
    instrument_id: Mapped[int] = mapped_column(
        ForeignKey("instrument.id", ondelete="RESTRICT"), index=True
    )
    signed_on: Mapped[dt.date | None]
    consent_on: Mapped[dt.date | None]
    consent_type: Mapped[ConsentType | None] = mapped_column(
        enum_column(ConsentType, name="consent_type")
    )
    party_date_unknown: Mapped[bool] = mapped_column(default=False, server_default=false())
    status_as_of: Mapped[dt.date | None]
    territorial_application: Mapped[str | None] = mapped_column(String(1000), info=FREE_TEXT)
    verification: Mapped[Verification] = mapped_column(
        enum_column(Verification, name="verification")
    )
    notes: Mapped[str | None] = mapped_column(String(1000), info=FREE_TEXT)
    created_at: Mapped[created_at]
    updated_at: Mapped[updated_at]


class Notification(Base):
    """What a jurisdiction told the depositary under one provision."""

    __tablename__ = "notification"
    __table_args__ = (
        UniqueConstraint("jurisdiction_id", "provision_id"),
        CheckConstraint(
            "status = 'NOTIFIED' OR extradition_basis IS NULL", name="basis_only_if_notified"
        ),
    )

    id: Mapped[intpk]
    jurisdiction_id: Mapped[int] = mapped_column(
        ForeignKey("jurisdiction.id", ondelete="RESTRICT"), index=True
    )
    provision_id: Mapped[int] = mapped_column(
        ForeignKey("provision.id", ondelete="RESTRICT"), index=True
    )
    status: Mapped[NotificationStatus] = mapped_column(
        enum_column(NotificationStatus, name="notification_status")
    )
    extradition_basis: Mapped[ExtraditionBasis | None] = mapped_column(
        enum_column(ExtraditionBasis, name="extradition_basis")
    )
    condition: Mapped[str | None] = mapped_column(String(1000), info=FREE_TEXT)
    summary: Mapped[str | None] = mapped_column(String(2000), info=FREE_TEXT)
    notified_on: Mapped[dt.date | None]
    depositary_reference: Mapped[str | None] = mapped_column(String(100))
    verification: Mapped[Verification] = mapped_column(
        enum_column(Verification, name="verification")
    )
    notes: Mapped[str | None] = mapped_column(String(2000), info=FREE_TEXT)
    created_at: Mapped[created_at]
    updated_at: Mapped[updated_at]


jurisdiction_source = citation_table("jurisdiction")
instrument_source = citation_table("instrument")
provision_source = citation_table("provision")
participation_source = citation_table("participation")
notification_source = citation_table("notification")

# A group cites where its membership list comes from.
jurisdiction_group_source = Table(
    "jurisdiction_group_source",
    Base.metadata,
    Column(
        "group_code",
        String(40),
        ForeignKey("jurisdiction_group.code", ondelete="CASCADE"),
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
