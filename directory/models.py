"""Every model, imported once so that ``Base.metadata`` is complete (Alembic, tests)."""

from directory.accounts.models import Account, AccountSession, ApiToken, Invitation
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
    Measure,
    OfficeHours,
    ProceduralStage,
    StagePart,
)
from directory.authorities.requirements import Requirement, RequirementKind
from directory.db import Base
from directory.editing.models import ChangeRequest
from directory.mail.models import OutboxMail
from directory.search.models import SearchTerm
from directory.treaties.models import (
    Instrument,
    Jurisdiction,
    JurisdictionAlias,
    JurisdictionGroup,
    JurisdictionGroupMember,
    JurisdictionName,
    Notification,
    Participation,
    Provision,
    Source,
    Subject,
)

__all__ = [
    "Account",
    "AccountSession",
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
    "Invitation",
    "Jurisdiction",
    "JurisdictionAlias",
    "JurisdictionGroup",
    "JurisdictionGroupMember",
    "JurisdictionName",
    "LanguageRule",
    "Matter",
    "Measure",
    "Notification",
    "OfficeHours",
    "OutboxMail",
    "Participation",
    "ProceduralStage",
    "Provision",
    "Requirement",
    "RequirementKind",
    "Revision",
    "SearchTerm",
    "Source",
    "StagePart",
    "Subject",
]
