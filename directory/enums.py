"""Closed vocabularies that the code itself reasons about.

Open vocabularies (subjects, channel kinds, procedural stages, matters, instruments,
provisions) are rows in the database, so that a new treaty or a new kind of cooperation
needs a seed file, not a code change. What stays here is what rules depend on: a
jurisdiction's kind, a notification's status, an authority's life cycle.
"""

from __future__ import annotations

from enum import StrEnum


class JurisdictionKind(StrEnum):
    STATE = "STATE"
    TERRITORY = "TERRITORY"  # has its own cooperation system; parent = its State
    ORGANIZATION = "ORGANIZATION"  # regional economic integration organization (the EU)


class UNStatus(StrEnum):
    MEMBER = "MEMBER"
    OBSERVER = "OBSERVER"
    NON_MEMBER = "NON_MEMBER"


class RegionalGroup(StrEnum):
    AFRICAN = "AFRICAN"
    ASIA_PACIFIC = "ASIA_PACIFIC"
    EEG = "EEG"
    GRULAC = "GRULAC"
    WEOG = "WEOG"


class UNLanguage(StrEnum):
    AR = "ar"
    EN = "en"
    ES = "es"
    FR = "fr"
    RU = "ru"
    ZH = "zh"


class AliasKind(StrEnum):
    """Where another name or code of a jurisdiction comes from (search aliases)."""

    CLDR_NAME = "CLDR_NAME"  # Unicode CLDR's name in a UN language (often colloquial)
    ISO_NAME = "ISO_NAME"  # ISO 3166-1's name (pycountry)
    ENDONYM = "ENDONYM"  # CLDR's name in one of the State's official languages
    ALPHA2 = "ALPHA2"  # ISO 3166-1 alpha-2
    OTHER_CODE = "OTHER_CODE"  # a code of another standard (IOC)


class TermKind(StrEnum):
    """What a search term was made from (``directory.search.models.SearchTerm``)."""

    CODE = "CODE"  # alpha-3, alpha-2, another code (IOC): matched only whole
    NAME = "NAME"  # a jurisdiction's UN name, or an authority's name, in some language
    ALIAS = "ALIAS"  # another name of a jurisdiction (CLDR, ISO, endonym)
    CITY = "CITY"  # an authority's city


class ConsentType(StrEnum):
    RATIFICATION = "RATIFICATION"
    ACCEPTANCE = "ACCEPTANCE"
    APPROVAL = "APPROVAL"
    ACCESSION = "ACCESSION"
    SUCCESSION = "SUCCESSION"
    # the source gives the deposit date but not which of the three it was
    RATIFICATION_ACCEPTANCE_OR_APPROVAL = "RATIFICATION_ACCEPTANCE_OR_APPROVAL"
    # the source gives the deposit date but not its kind at all
    UNSPECIFIED = "UNSPECIFIED"


class ProvisionKind(StrEnum):
    AUTHORITY = "AUTHORITY"  # designation of a central / competent authority (18(13))
    LANGUAGES = "LANGUAGES"  # acceptable languages (18(14))
    EXTRADITION_BASIS = "EXTRADITION_BASIS"  # convention as legal basis for extradition (16(5))
    CHANNEL = "CHANNEL"  # channels of communication (e.g. diplomatic channel required)
    OTHER = "OTHER"


class NotificationStatus(StrEnum):
    NOTIFIED = "NOTIFIED"
    NOT_NOTIFIED = "NOT_NOTIFIED"
    UNKNOWN = "UNKNOWN"  # not verified: never guessed


class ExtraditionBasis(StrEnum):
    YES = "YES"
    NO = "NO"
    CONDITIONAL = "CONDITIONAL"


class Verification(StrEnum):
    OFFICIAL = "OFFICIAL"  # an official publication of the State, the depositary or a treaty body
    SECONDARY = "SECONDARY"  # relayed by a secondary source (press, commentary, mirrors)
    UNKNOWN = "UNKNOWN"


class SourceKind(StrEnum):
    OFFICIAL = "OFFICIAL"  # the State itself or a treaty body
    DEPOSITARY = "DEPOSITARY"  # the depositary (UN Treaty Section, Council of Europe, OAS)
    SECONDARY = "SECONDARY"  # a legal database, a commentary, a mirror
    PRESS = "PRESS"  # a press report


class AuthorityStatus(StrEnum):
    ACTIVE = "ACTIVE"
    RETIRED = "RETIRED"  # never deleted


class ContactKind(StrEnum):
    PHONE = "PHONE"
    FAX = "FAX"
    EMAIL = "EMAIL"
    CONTACT_PERSON = "CONTACT_PERSON"


class Direction(StrEnum):
    INCOMING = "INCOMING"  # receives requests from abroad
    OUTGOING = "OUTGOING"  # sends the State's own requests abroad
    BOTH = "BOTH"


class ChannelPermission(StrEnum):
    ACCEPTED = "ACCEPTED"
    REQUIRED = "REQUIRED"  # the only acceptable way (e.g. diplomatic channel required)
    NOT_ACCEPTED = "NOT_ACCEPTED"


class BasisCondition(StrEnum):
    """When a designation, a rule or a requirement applies, by the pair's legal bases.

    The instrument it names is the row's ``instrument_id``; a row with an instrument and no
    condition reads as WHEN_IN_FORCE (the meaning rows had before conditions existed).
    """

    WHEN_IN_FORCE = "WHEN_IN_FORCE"  # when the instrument binds both States
    UNLESS_IN_FORCE = "UNLESS_IN_FORCE"  # unless the instrument binds both States
    NO_TREATY = "NO_TREATY"  # when no treaty the directory holds binds both States


class RequirementStatus(StrEnum):
    """What a requested State says about one legal requirement."""

    REQUIRED = "REQUIRED"
    NOT_REQUIRED = "NOT_REQUIRED"
    CONDITIONAL = "CONDITIONAL"  # required in some cases: the text says which
    ACCEPTED = "ACCEPTED"  # a form or means the State accepts (electronic signature)
    NOT_ACCEPTED = "NOT_ACCEPTED"
    INFORMATION = "INFORMATION"  # a link or a note (national legislation, a guide)
