"""Treaty facts: notifications and participation, written by the secretariat only.

    set_notification(change)   upsert by (jurisdiction, instrument, article)
    set_participation(change)  upsert by (jurisdiction, instrument)

What a State told the depositary is a treaty fact, not an entry it maintains: State editors
cannot change it, not even for their own State (they hold no
``directory:notification:write`` / ``directory:participation:write``). A permitted write
applies at once, replaces the fact's sources, and writes a revision (entity type
``notification`` or ``participation``, before and after) in the same transaction, so it
appears in the change feed. Nothing is written when any value is bad (``InputErrors``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from directory.accounts.permissions import Permission, Principal
from directory.db import utcnow
from directory.editing import notification_languages, storable
from directory.editing import validation as v

# SourceInput and FactOutcome are part of this module's contract (re-exported)
from directory.editing.fact_checks import SourceInput as SourceInput
from directory.editing.fact_checks import check_refs, check_sources
from directory.editing.fact_store import FactOutcome as FactOutcome
from directory.editing.fact_store import upsert
from directory.editing.validation import Problems, text
from directory.enums import (
    ConsentType,
    ExtraditionBasis,
    NotificationStatus,
    Verification,
)
from directory.treaties import models as tm


@dataclass
class SetNotification:
    jurisdiction: str  # alpha-3
    instrument: str  # e.g. UNTOC
    article: str  # e.g. 16(5)
    status: NotificationStatus
    sources: list[SourceInput]
    extradition_basis: ExtraditionBasis | None = None  # only when NOTIFIED (DB CHECK too)
    condition: str | None = None
    summary: str | None = None
    notified_on: dt.date | None = None
    depositary_reference: str | None = None  # e.g. C.N.123.2004.TREATIES-2
    verification: Verification = Verification.OFFICIAL
    # an 18(14) notification's languages (ISO 639), preferred first; None keeps the list
    # stored (``directory.editing.notification_languages``)
    languages: list[str] | None = None


@dataclass
class SetParticipation:
    jurisdiction: str
    instrument: str
    sources: list[SourceInput]
    signed_on: dt.date | None = None
    consent_on: dt.date | None = None
    consent_type: ConsentType | None = None
    # a party whose consent date the sources do not give (consent_on stays empty)
    party_date_unknown: bool = False
    status_as_of: dt.date | None = None  # the newest status date its sources state
    territorial_application: str | None = None
    verification: Verification = Verification.OFFICIAL


# Where each dataclass's texts are stored (see ``directory.editing.storable``).
FACT_MODELS = {
    SetNotification: tm.Notification,
    SetParticipation: tm.Participation,
    SourceInput: tm.Source,
}


_NOTIFICATION = {
    f: v.length(tm.Notification.__table__.c[f])
    for f in ("condition", "summary", "depositary_reference")
}


def _not_future(p: Problems, path: str, value: dt.date | None, today: dt.date) -> None:
    if value is not None and value > today:
        p.add(
            [path], value.isoformat(), f"{path} {value} is in the future: give the date of deposit"
        )


async def set_notification(
    session: AsyncSession,
    principal: Principal,
    change: SetNotification,
    *,
    reason: str | None = None,
    now: dt.datetime | None = None,
) -> FactOutcome[tm.Notification]:
    """Create or replace the notification of ``change.jurisdiction`` under the provision
    (instrument, article). Raises PermissionDenied (anyone but the secretariat) or
    InputErrors (unknown codes, future dates, no source, a basis that is not NOTIFIED,
    a text its column cannot keep: see ``storable``; ``languages`` for a provision not
    about languages, an unknown or repeated language)."""
    principal.require(Permission.NOTIFICATION_WRITE)
    storable.check(change, FACT_MODELS)
    reason = v.reason(reason)
    now = now or utcnow()
    p = Problems()
    refs = await check_refs(session, p, change.jurisdiction, change.instrument, change.article)
    status = NotificationStatus(change.status)
    basis = ExtraditionBasis(change.extradition_basis) if change.extradition_basis else None
    if basis is not None and status is not NotificationStatus.NOTIFIED:
        p.add(
            ["extradition_basis"],
            basis.value,
            f"extradition_basis is given but status is {status.value}: a basis exists only "
            "for a NOTIFIED notification; drop it or set status NOTIFIED",
        )
    _not_future(p, "notified_on", change.notified_on, now.date())
    values = {
        "status": status,
        "extradition_basis": basis,
        "condition": text(p, ["condition"], change.condition, _NOTIFICATION["condition"]),
        "summary": text(p, ["summary"], change.summary, _NOTIFICATION["summary"]),
        "notified_on": change.notified_on,
        "depositary_reference": text(
            p,
            ["depositary_reference"],
            change.depositary_reference,
            _NOTIFICATION["depositary_reference"],
        ),
        "verification": Verification(change.verification),
    }
    languages = notification_languages.check(p, change.languages, refs.provision, status)
    check_sources(p, change.sources, now.date())
    p.raise_if_any()
    assert refs.jurisdiction and refs.instrument and refs.provision  # else raised above
    key = {"jurisdiction_id": refs.jurisdiction.id, "provision_id": refs.provision.id}
    done = await upsert(
        session, principal, tm.Notification, key, values, change.sources, refs, reason, now
    )
    if languages is not None:
        unique = list({s.id: s for s in done.sources}.values())
        await notification_languages.replace(
            session, principal, done.entity, languages, unique, reason=reason, now=now
        )
    return done


async def set_participation(
    session: AsyncSession,
    principal: Principal,
    change: SetParticipation,
    *,
    reason: str | None = None,
    now: dt.datetime | None = None,
) -> FactOutcome[tm.Participation]:
    """Create or replace the participation of ``change.jurisdiction`` in the instrument.
    Raises PermissionDenied (anyone but the secretariat) or InputErrors."""
    principal.require(Permission.PARTICIPATION_WRITE)
    storable.check(change, FACT_MODELS)
    reason = v.reason(reason)
    now = now or utcnow()
    p = Problems()
    refs = await check_refs(session, p, change.jurisdiction, change.instrument, None)
    _not_future(p, "signed_on", change.signed_on, now.date())
    _not_future(p, "consent_on", change.consent_on, now.date())
    _not_future(p, "status_as_of", change.status_as_of, now.date())
    consent_type = ConsentType(change.consent_type) if change.consent_type else None
    if change.party_date_unknown and change.consent_on is not None:
        p.add(
            ["party_date_unknown"],
            True,
            "a party with an unknown date has no consent_on: drop consent_on, or set "
            "partyDateUnknown to false",
        )
    elif (change.consent_on is None) != (consent_type is None) and not (
        change.consent_on is None and change.party_date_unknown
    ):
        p.add(
            ["consent_type"],
            consent_type.value if consent_type else None,
            "consent_on and consent_type go together: give both (e.g. 2004-05-12 and "
            "RATIFICATION) or neither (a consent_type alone only with partyDateUnknown)",
        )
    values = {
        "signed_on": change.signed_on,
        "consent_on": change.consent_on,
        "consent_type": consent_type,
        "party_date_unknown": bool(change.party_date_unknown),
        "status_as_of": change.status_as_of,
        "territorial_application": text(
            p,
            ["territorial_application"],
            change.territorial_application,
            v.length(tm.Participation.__table__.c.territorial_application),
        ),
        "verification": Verification(change.verification),
    }
    check_sources(p, change.sources, now.date())
    p.raise_if_any()
    assert refs.jurisdiction and refs.instrument  # else raised above
    key = {"jurisdiction_id": refs.jurisdiction.id, "instrument_id": refs.instrument.id}
    return await upsert(
        session, principal, tm.Participation, key, values, change.sources, refs, reason, now
    )
