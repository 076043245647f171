"""The treaty enums of the schema, each value described (see ``directory.graphql.enums``)."""

from __future__ import annotations

from directory.enums import (
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
from directory.graphql.enums import describe

describe(
    ConsentType,
    "How a jurisdiction consented to be bound by an instrument, as the depositary records it.",
    {
        ConsentType.RATIFICATION: "Ratification after signature.",
        ConsentType.ACCEPTANCE: "Acceptance after signature.",
        ConsentType.APPROVAL: "Approval after signature.",
        ConsentType.ACCESSION: "Accession, without prior signature.",
        ConsentType.SUCCESSION: "Succession to a predecessor State's consent.",
        ConsentType.RATIFICATION_ACCEPTANCE_OR_APPROVAL: "One of ratification, acceptance or "
        "approval: the source gives the date of deposit but not which.",
        ConsentType.UNSPECIFIED: "The source gives the date of deposit but not its kind.",
    },
)
describe(
    ExtraditionBasis,
    "A State's answer under an extradition-basis provision (UNTOC art. 16(5), …): does it "
    "take the instrument as the legal basis for extradition?",
    {
        ExtraditionBasis.YES: "Yes: the instrument is a legal basis for extradition to it.",
        ExtraditionBasis.NO: "No: extradition needs a treaty with it, or its law.",
        ExtraditionBasis.CONDITIONAL: "Yes under a condition, given in `condition` (e.g. "
        "reciprocity).",
    },
)
describe(
    JurisdictionKind,
    "What a jurisdiction is.",
    {
        JurisdictionKind.STATE: "A State.",
        JurisdictionKind.TERRITORY: "A territory with its own system of cooperation (Hong "
        "Kong SAR, Aruba, …); `parent` is its State.",
        JurisdictionKind.ORGANIZATION: "A regional economic integration organization party "
        "to treaties (the European Union, code EUU).",
    },
)
describe(
    NotificationStatus,
    "Whether a jurisdiction notified the depositary under a provision.",
    {
        NotificationStatus.NOTIFIED: "A notification is recorded, with its date and content.",
        NotificationStatus.NOT_NOTIFIED: "A verified source shows that none was made.",
        NotificationStatus.UNKNOWN: "The directory holds no verified record: never read it "
        "as 'not notified'.",
    },
)
describe(
    ProvisionKind,
    "What a State notifies under a provision.",
    {
        ProvisionKind.AUTHORITY: "The central or competent authority designated "
        "(UNTOC art. 18(13), UNCAC art. 46(13), …).",
        ProvisionKind.LANGUAGES: "The languages acceptable for requests (UNTOC art. 18(14), …).",
        ProvisionKind.EXTRADITION_BASIS: "Whether the instrument is a legal basis for "
        "extradition (UNTOC art. 16(5), …).",
        ProvisionKind.CHANNEL: "The channels of communication, e.g. that the diplomatic "
        "channel is required.",
        ProvisionKind.OTHER: "Any other notification.",
    },
)
describe(
    RegionalGroup,
    "The United Nations regional group of a State.",
    {
        RegionalGroup.AFRICAN: "African States.",
        RegionalGroup.ASIA_PACIFIC: "Asia-Pacific States.",
        RegionalGroup.EEG: "Eastern European States.",
        RegionalGroup.GRULAC: "Latin American and Caribbean States.",
        RegionalGroup.WEOG: "Western European and other States.",
    },
)
describe(
    SourceKind,
    "Who published a source.",
    {
        SourceKind.OFFICIAL: "The State itself or a treaty body.",
        SourceKind.DEPOSITARY: "The treaty's depositary (e.g. the UN Treaty Section).",
        SourceKind.SECONDARY: "A legal database, a commentary or a mirror of an official text.",
        SourceKind.PRESS: "A press report.",
    },
)
describe(
    UNLanguage,
    "The six official languages of the United Nations (ISO 639-1 codes), in which names are "
    "shown. A name missing in the language asked falls back to English, then to an "
    "authority's original name.",
    {
        UNLanguage.AR: "Arabic (ar).",
        UNLanguage.EN: "English (en), the fallback.",
        UNLanguage.ES: "Spanish (es).",
        UNLanguage.FR: "French (fr).",
        UNLanguage.RU: "Russian (ru).",
        UNLanguage.ZH: "Chinese (zh).",
    },
)
describe(
    UNStatus,
    "A jurisdiction's standing at the United Nations.",
    {
        UNStatus.MEMBER: "A Member State.",
        UNStatus.OBSERVER: "A non-member observer State (the Holy See, the State of Palestine).",
        UNStatus.NON_MEMBER: "Neither: a territory, an organization, or a State outside the UN.",
    },
)
describe(
    Verification,
    "How far a fact is confirmed by its sources.",
    {
        Verification.OFFICIAL: "Confirmed by an official publication of the State, the "
        "depositary or a treaty body.",
        Verification.SECONDARY: "Relayed only by a secondary source (a legal database, the "
        "press, a mirror): check it before relying on it.",
        Verification.UNKNOWN: "Not verified.",
    },
)
