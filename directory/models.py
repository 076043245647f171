"""Every model, imported once so that ``Base.metadata`` is complete (Alembic, tests)."""

from directory.authorities.models import (
    Authority,
    AuthorityContact,
    AuthorityName,
    ChannelKind,
    ChannelRule,
    Designation,
    LanguageRule,
    Matter,
    OfficeHours,
    ProceduralStage,
)
from directory.db import Base
from directory.treaties.models import (
    Instrument,
    Jurisdiction,
    JurisdictionName,
    Notification,
    Participation,
    Provision,
    Source,
    Subject,
)

__all__ = [
    "Authority",
    "AuthorityContact",
    "AuthorityName",
    "Base",
    "ChannelKind",
    "ChannelRule",
    "Designation",
    "Instrument",
    "Jurisdiction",
    "JurisdictionName",
    "LanguageRule",
    "Matter",
    "Notification",
    "OfficeHours",
    "Participation",
    "ProceduralStage",
    "Provision",
    "Source",
    "Subject",
]
