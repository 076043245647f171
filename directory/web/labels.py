"""Words for the codes the pages show: vocabulary terms, enum values, route warnings.

Each label is marked with ``N_`` (extracted into the catalogs, translated when shown). The
open vocabularies (subjects, stages, matters, channel kinds) are data: a term added by a
seed file after this table was written has no translation yet, so ``term`` then falls back
to the term's English name from the database and says so (``Label.fallback``), and the
page marks it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from directory.routing.advice import WarningCode

Gettext = Callable[[str], str]


def N_(message: str) -> str:
    """Mark ``message`` for the catalogs without translating it here."""
    return message


@dataclass(frozen=True)
class Label:
    text: str
    fallback: bool = False  # English from the data: no translation of this term exists


SUBJECTS = {
    "MLA": N_("Mutual legal assistance"),
    "EXTRADITION": N_("Extradition"),
    "PROVISIONAL_ARREST": N_("Provisional arrest"),
    "EUROPEAN_ARREST_WARRANT": N_("European arrest warrant"),
    "EUROPEAN_ARREST_WARRANT_TRANSIT": N_("Transit under a European arrest warrant"),
    "TRANSFER_OF_SENTENCED_PERSONS": N_("Transfer of sentenced persons"),
    "TRANSFER_OF_PROCEEDINGS": N_("Transfer of criminal proceedings"),
    "TRANSFER_OF_EXECUTION_OF_SENTENCE": N_("Transfer of the execution of a sentence"),
    "CONFISCATION": N_("Confiscation"),
    "ASSET_RECOVERY": N_("Asset recovery"),
    "JOINT_INVESTIGATION": N_("Joint investigations"),
    "POLICE_CONTACT_POINT": N_("Police contact point"),
    "INFORMATION_ON_LAW": N_("Information on foreign law"),
    "MIGRANT_SMUGGLING_BY_SEA": N_("Smuggling of migrants by sea"),
    "ILLICIT_TRAFFIC_BY_SEA": N_("Illicit traffic by sea"),
    "FIREARMS_CONTACT_POINT": N_("Firearms contact point"),
    "DESIGNATION_OF_PARTNERS": N_("Designation of partners"),
    "NOTIFICATION_TO_CENTRAL_GOVERNMENT": N_("Notification to the central government"),
}
STAGES = {
    "INVESTIGATION": N_("Investigation"),
    "TRIAL": N_("Trial"),
    "TRIAL_AND_EXECUTION": N_("Trial and execution of the sentence"),
    "EXECUTION": N_("Execution of the sentence"),
    "BEFORE_PROCEEDINGS_OPENED": N_("Before proceedings are opened"),
    "AFTER_PROCEEDINGS_OPENED": N_("After proceedings are opened"),
}
MATTERS = {
    "CYBERCRIME": N_("Cybercrime"),
    "ORGANISED_CRIME_TERRORISM": N_("Organised crime and terrorism"),
    "CORRUPTION": N_("Corruption"),
    "TAX": N_("Tax offences"),
    "CUSTOMS": N_("Customs offences"),
    "CRIMINAL_RECORDS": N_("Criminal records"),
}
CHANNELS = {
    "DIRECT_CENTRAL_AUTHORITY": N_("Directly to the central authority"),
    "DIRECT_JUDICIAL": N_("Directly between judicial authorities"),
    "DIRECT_COMPETENT_AUTHORITY": N_("Directly to the competent authority"),
    "DIPLOMATIC": N_("Diplomatic channel"),
    "INTERPOL": N_("Interpol"),
    "SIS": N_("Schengen Information System"),
    "POLICE_CUSTOMS": N_("Police or customs cooperation"),
    "EMAIL": N_("E-mail"),
    "FAX": N_("Fax"),
    "POST": N_("Post"),
    "ELECTRONIC": N_("Electronic transmission"),
    "SECURE_PLATFORM": N_("Secure platform"),
    "ORAL": N_("Orally"),
}
# measures and requirement kinds show the data's English name, marked, until translated here
VOCABULARIES: dict[str, dict[str, str]] = {
    "subject": SUBJECTS,
    "stage": STAGES,
    "matter": MATTERS,
    "channel": CHANNELS,
    "measure": {},
    "requirement": {},
}

ENUMS = {
    # notification status
    "NOTIFIED": N_("Notified"),
    "NOT_NOTIFIED": N_("Not notified"),
    "UNKNOWN": N_("Not known"),
    # extradition basis under 16(5)
    "YES": N_("Yes: the Convention is a legal basis"),
    "NO": N_("No: a treaty or law is needed"),
    "CONDITIONAL": N_("Under conditions"),
    # consent
    "RATIFICATION": N_("Ratification"),
    "ACCEPTANCE": N_("Acceptance"),
    "APPROVAL": N_("Approval"),
    "ACCESSION": N_("Accession"),
    "SUCCESSION": N_("Succession"),
    "RATIFICATION_ACCEPTANCE_OR_APPROVAL": N_("Ratification, acceptance or approval"),
    "UNSPECIFIED": N_("Consent (kind not stated)"),
    # verification
    "OFFICIAL": N_("Official source"),
    "SECONDARY": N_("Secondary source, unverified"),
    # source kinds (OFFICIAL and SECONDARY above)
    "DEPOSITARY": N_("The depositary"),
    "PRESS": N_("Press report"),
    # channel permission
    "ACCEPTED": N_("Accepted"),
    "REQUIRED": N_("Required"),
    "NOT_ACCEPTED": N_("Not accepted"),
    # requirement status (REQUIRED, CONDITIONAL, ACCEPTED, NOT_ACCEPTED above)
    "NOT_REQUIRED": N_("Not required"),
    "INFORMATION": N_("For information"),
    # channel conditions
    "URGENT_ONLY": N_("Urgent requests only"),
    "PRIOR_AGREEMENT_REQUIRED": N_("Prior agreement required"),
    "WRITTEN_CONFIRMATION_REQUIRED": N_("Written confirmation required"),
    "ORIGINAL_TO_FOLLOW": N_("The original must follow"),
    # contacts
    "PHONE": N_("Phone"),
    "EMAIL": N_("E-mail"),
    "CONTACT_PERSON": N_("Contact person"),
    # jurisdiction kinds
    "STATE": N_("State"),
    "TERRITORY": N_("Territory with its own system"),
    "ORGANIZATION": N_("Regional organization"),
    # directions
    "INCOMING": N_("Receives requests"),
    "OUTGOING": N_("Sends requests"),
    "BOTH": N_("Sends and receives requests"),
}
# FAX is spelt like the channel kind: ENUMS["FAX"] reuses it
ENUMS["FAX"] = CHANNELS["FAX"]

# One sentence per route warning code, with the State it concerns as %(state)s.
WARNINGS = {
    WarningCode.REQUESTED_NOT_PARTY: N_(
        "%(state)s is not bound by an instrument that could serve as the legal basis: "
        "a bilateral treaty or reciprocity is needed."
    ),
    WarningCode.REQUESTING_NOT_PARTY: N_(
        "Your State is not bound by an instrument that could serve as the legal basis."
    ),
    WarningCode.PARTICIPATION_UNKNOWN: N_(
        "The directory does not know whether one of the two States is party to the "
        "instrument: check before relying on it."
    ),
    WarningCode.NOT_YET_IN_FORCE: N_(
        "An instrument is not yet in force for one of the two States."
    ),
    WarningCode.NO_COMMON_LEGAL_BASIS: N_(
        "No instrument in the directory binds both States: a bilateral treaty, domestic law "
        "or reciprocity must serve as the basis."
    ),
    WarningCode.EXTRADITION_BASIS_NEEDED: N_(
        "%(state)s does not take the Convention as the legal basis for extradition: a "
        "treaty or its law is needed."
    ),
    WarningCode.NO_AUTHORITY: N_(
        "The directory records no authority of %(state)s for this request: send it through "
        "the diplomatic channel or ask its central authority."
    ),
    WarningCode.SEVERAL_AUTHORITIES: N_(
        "Several authorities match: answer the questions on stage, matter or place to "
        "narrow the choice."
    ),
    WarningCode.DIPLOMATIC_CHANNEL_REQUIRED: N_(
        "%(state)s requires requests to arrive through the diplomatic channel; a request "
        "sent another way may be returned unexecuted."
    ),
    WarningCode.CHANNEL_REQUIRED: N_(
        "%(state)s accepts requests through one channel only; a request sent another way "
        "may be returned unexecuted."
    ),
    WarningCode.NO_CHANNEL_RULE: N_(
        "The directory records no channel for this request: ask the authority how it "
        "accepts requests before sending."
    ),
    WarningCode.NO_LANGUAGE_RULE: N_(
        "The directory records no acceptable language for this request: send it in an "
        "official language of the requested State."
    ),
    WarningCode.STALE_ENTRY: N_(
        "An entry of this answer has not been confirmed recently: check the contact "
        "details before sending."
    ),
    WarningCode.UNVERIFIED_DATA: N_(
        "Some facts of this answer are not confirmed by an official source: confirm them "
        "with the requested State before relying on them."
    ),
    WarningCode.TERRITORY_FALLBACK: N_(
        "The territory has no authority of its own for this request: the authority of its "
        "State is shown."
    ),
    WarningCode.TERRITORY_FALLBACK_UNKNOWN: N_(
        "The directory does not know whether the authorities of the State serve this "
        "territory: ask before sending."
    ),
    WarningCode.TERRITORIAL_APPLICATION: N_(
        "The territory is bound only through its State, and the extension of the instrument "
        "to it is not recorded."
    ),
    WarningCode.RESIDUAL_FALLBACK: N_(
        "No authority is designated for this kind of request: the general central "
        "authority is shown."
    ),
    WarningCode.CLOSED_NOW: N_(
        "Every destination with known office hours is closed now: for an urgent request, "
        "use a channel accepted in urgent cases."
    ),
    WarningCode.PARTICIPATION_DATE_UNKNOWN: N_(
        "One of the two States is recorded as a party to an instrument, but the date it "
        "became bound is not known: it is counted as a legal basis; check the depositary's "
        "status list for the date."
    ),
    WarningCode.PARTICIPATION_AS_OF: N_(
        "The participation of one of the two States in an instrument is known only as of "
        "%(date)s: check the depositary's current status list."
    ),
    WarningCode.FACTS_SET_ASIDE: N_(
        "The directory holds facts this answer does not use, listed here with the reason; "
        "check them with the requested State if the reason does not hold:"
    ),
    WarningCode.LEGAL_BASIS_CONDITION_UNKNOWN: N_(
        "Part of this answer applies only if a treaty is in force between the two States, "
        "and the directory cannot tell whether it is:"
    ),
}


def term(gettext: Gettext, vocabulary: str, code: str | None, data_name: str | None) -> Label:
    """The label of ``code`` in an open vocabulary, translated, or the data's English name
    marked as a fallback."""
    if code is None:
        return Label("")
    known = VOCABULARIES[vocabulary].get(code)
    if known is not None:
        return Label(gettext(known))
    return Label(data_name or code, fallback=True)


def enum(gettext: Gettext, value: object) -> str:
    """The words for a closed value (an enum member or its string); the value itself when
    this table has no words for it (a new member shows as its code, never as nothing)."""
    if value is None:
        return ""
    key = str(getattr(value, "value", value))
    known = ENUMS.get(key)
    return gettext(known) if known is not None else key


def warning(
    gettext: Gettext,
    code: WarningCode,
    state: str,
    on: dt.date | None = None,
    date: Callable[[dt.date | None], str] = lambda d: d.isoformat() if d else "",
) -> str:
    """The warning's sentence in the page's language: ``state`` is the requested State's
    name, ``on`` the date the warning names (PARTICIPATION_AS_OF), written by ``date``. The
    facts a warning lists (``RouteWarning.items``) are the route's own words: the page shows
    them after this sentence, marked as English."""
    known = WARNINGS.get(code)
    if known is None:
        return code.value
    return gettext(known) % {"state": state, "date": date(on)}
