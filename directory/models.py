"""Every model, imported once so that ``Base.metadata`` is complete (Alembic, tests)."""

from directory.accounts.models import ApiToken
from directory.audit.models import Revision
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
from directory.editing.models import ChangeRequest
from directory.treaties.models import (
    Instrument,
    Jurisdiction,
    JurisdictionAlias,
    JurisdictionName,
    Notification,
    Participation,
    Provision,
    Source,
    Subject,
)

__all__ = [
    "ApiToken",
    "Authority",
    "AuthorityContact",
    "AuthorityName",
    "Base",
    "ChangeRequest",
    "ChannelKind",
    "ChannelRule",
    "Designation",
    "Instrument",
    "Jurisdiction",
    "JurisdictionAlias",
    "JurisdictionName",
    "LanguageRule",
    "Matter",
    "Notification",
    "OfficeHours",
    "Participation",
    "ProceduralStage",
    "Provision",
    "Revision",
    "Source",
    "Subject",
]
