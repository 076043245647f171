"""Legal bases in force between two States, and the requested State's extradition basis.

A participation binds its State from ``consent_on + instrument.days_to_entry_into_force``
days, never before the instrument itself entered into force; a participation without
``consent_on`` (signature only) binds nobody, and neither does an instrument whose entry
into force is not recorded. A territory is bound through its own participation rows or,
failing those, its State's (``directory.routing.territories`` warns when it is the State's).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from directory.enums import ExtraditionBasis, NotificationStatus
from directory.routing.advice import (
    ExtraditionPosition,
    LegalBasis,
    RouteWarning,
    WarningCode,
)
from directory.treaties.models import Instrument, Notification, Participation, Provision


def binds_from(participation: Participation, instrument: Instrument) -> dt.date | None:
    if participation.consent_on is None or instrument.entry_into_force_on is None:
        return None
    delay = dt.timedelta(days=instrument.days_to_entry_into_force or 0)
    return max(participation.consent_on + delay, instrument.entry_into_force_on)


def binding_dates(
    rows: Iterable[tuple[Participation, Instrument]], jurisdiction_ids: Sequence[int]
) -> dict[int, dt.date | None]:
    """instrument id → the date it binds the first of ``jurisdiction_ids`` that has a row
    (``None``: signed, consent not given). Instruments without a row, or whose row records
    neither signature nor consent, are absent (unknown)."""
    dates: dict[int, dt.date | None] = {}
    for jurisdiction_id in reversed(jurisdiction_ids):  # the first id overrides the later
        for participation, instrument in rows:
            if participation.jurisdiction_id != jurisdiction_id:
                continue
            if participation.signed_on is None and participation.consent_on is None:
                # a row that records neither signature nor consent (it carries only a
                # territorial note): the State's status is unknown, never "not a party"
                continue
            dates[instrument.id] = binds_from(participation, instrument)
    return dates


def legal_bases(
    instruments: dict[int, Instrument],
    requesting: dict[int, dt.date | None],
    requested: dict[int, dt.date | None],
    today: dt.date,
) -> list[LegalBasis]:
    bases = []
    for instrument_id, instrument in instruments.items():
        ours, theirs = requesting.get(instrument_id), requested.get(instrument_id)
        if ours is not None and theirs is not None and ours <= today and theirs <= today:
            bases.append(LegalBasis(instrument.code, instrument.short_title, ours, theirs))
    return sorted(
        bases,
        key=lambda b: (
            max(b.in_force_for_requesting_on, b.in_force_for_requested_on),
            b.instrument,
        ),
    )


def party_warnings(
    relevant: Iterable[Instrument],
    sides: Sequence[tuple[str, str, dict[int, dt.date | None]]],
    today: dt.date,
) -> list[RouteWarning]:
    """For each instrument that governs the subject, a warning per side not bound on ``today``.

    ``sides`` = (``"requesting"`` | ``"requested"``, jurisdiction code, binding dates).
    """
    warnings = []
    for instrument in sorted(relevant, key=lambda i: i.code):
        for side, code, dates in sides:
            since = dates.get(instrument.id)
            if instrument.id not in dates:
                # no participation row: the directory does not know (never read as "no")
                warnings.append(
                    RouteWarning(
                        WarningCode.PARTICIPATION_UNKNOWN,
                        f"The directory holds no record of {code}'s (the {side} State) "
                        f"participation in {instrument.short_title}: check the depositary's "
                        "status list before relying on it.",
                    )
                )
            elif since is not None and since > today:
                warnings.append(
                    RouteWarning(
                        WarningCode.NOT_YET_IN_FORCE,
                        f"{instrument.short_title} binds {code} (the {side} State) only from "
                        f"{since.isoformat()}: it is not a legal basis on {today.isoformat()}.",
                    )
                )
            elif since is None:
                code_ = (
                    WarningCode.REQUESTING_NOT_PARTY
                    if side == "requesting"
                    else WarningCode.REQUESTED_NOT_PARTY
                )
                warnings.append(
                    RouteWarning(
                        code_,
                        f"{code} (the {side} State) has not consented to be bound by "
                        f"{instrument.short_title} (signature only): it cannot serve as the "
                        "legal basis; rely on another treaty, domestic law or reciprocity.",
                    )
                )
    return warnings


def extradition_positions(
    provisions: Sequence[tuple[Provision, Instrument]],
    notifications: dict[int, Notification],
    bases: Sequence[LegalBasis],
    requested_code: str,
    requested_id: int,
    state_code: str,
) -> list[ExtraditionPosition]:
    """The requested side's answer under each EXTRADITION_BASIS provision of a legal basis.

    ``provisions`` are already narrowed to the subject; ``notifications`` maps provision id →
    the notification that speaks for the requested side: its own (``requested_id``) or,
    failing that, its State's (``state_code``), which the message then names as such.
    """
    in_force = {b.instrument for b in bases}
    positions = []
    for provision, instrument in provisions:
        if instrument.code not in in_force:
            continue
        label = f"{instrument.code} {provision.article}"
        found = notifications.get(provision.id)
        borrowed = found is not None and found.jurisdiction_id != requested_id
        who = state_code if borrowed else requested_code
        status = found.status if found else NotificationStatus.UNKNOWN
        basis = found.extradition_basis if found else None
        condition = found.condition if found else None
        needed = basis not in (ExtraditionBasis.YES, ExtraditionBasis.CONDITIONAL)
        if basis == ExtraditionBasis.YES:
            message = (
                f"{who} takes {instrument.short_title} as a legal basis for extradition ({label})."
            )
        elif basis == ExtraditionBasis.CONDITIONAL:
            message = (
                f"{who} takes {instrument.short_title} as a legal basis for extradition "
                f"on a condition ({label}): {condition or 'the condition is not recorded'}."
            )
        elif basis == ExtraditionBasis.NO:
            message = (
                f"{who} does not take {instrument.short_title} as a legal basis for "
                f"extradition ({label}): a bilateral or multilateral extradition treaty, or its "
                "domestic law, is needed."
            )
        else:
            told = (
                "has not notified"
                if status == NotificationStatus.NOT_NOTIFIED
                else "is not known to have notified"
            )
            message = (
                f"{who} {told} whether it takes {instrument.short_title} as a legal "
                f"basis for extradition ({label}): plan on an extradition treaty or its domestic "
                "law being needed."
            )
        if borrowed:
            message += (
                f" ({state_code}'s notification; not recorded as extended to {requested_code}.)"
            )
        positions.append(
            ExtraditionPosition(instrument.code, label, status, basis, condition, needed, message)
        )
    return positions
