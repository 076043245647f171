"""Legal bases in force between two States, and the requested State's extradition basis.

A participation binds its State from ``consent_on + instrument.days_to_entry_into_force``
days, never before the instrument itself entered into force; a participation without
``consent_on`` (signature only) binds nobody, and neither does an instrument whose entry
into force is not recorded. A party whose date is unknown (``party_date_unknown``) is
bound, from a date the answer leaves empty and warns about (PARTICIPATION_DATE_UNKNOWN).
A row whose newest source states a status more than two years old is used, with a warning
naming its date (PARTICIPATION_AS_OF). A territory is bound through its own participation rows or,
failing those, its State's (``directory.routing.territories`` warns when it is the State's).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from directory.enums import ExtraditionBasis, NotificationStatus
from directory.routing.advice import (
    ExtraditionPosition,
    LegalBasis,
    RouteWarning,
    WarningCode,
)
from directory.treaties.models import Instrument, Notification, Participation, Provision

AS_OF_YEARS = 2  # a status older than this is named in the answer


@dataclass(frozen=True)
class Binding:
    """How one instrument binds one side: from ``since``; a ``party`` without ``since`` is a
    party whose date is unknown; neither: signed, consent not given. ``as_of``: the status
    date of the row's newest source (None: no source states one)."""

    since: dt.date | None
    party: bool
    as_of: dt.date | None

    def binds_on(self, day: dt.date) -> bool:
        return self.party and (self.since is None or self.since <= day)


def binds_from(participation: Participation, instrument: Instrument) -> dt.date | None:
    if participation.consent_on is None or instrument.entry_into_force_on is None:
        return None
    delay = dt.timedelta(days=instrument.days_to_entry_into_force or 0)
    return max(participation.consent_on + delay, instrument.entry_into_force_on)


def binding_dates(
    rows: Iterable[tuple[Participation, Instrument]], jurisdiction_ids: Sequence[int]
) -> dict[int, Binding]:
    """instrument id → how it binds the first of ``jurisdiction_ids`` that has a row.
    Instruments without a row, or whose row records neither signature nor consent nor
    party status, are absent (unknown)."""
    dates: dict[int, Binding] = {}
    for jurisdiction_id in reversed(jurisdiction_ids):  # the first id overrides the later
        for participation, instrument in rows:
            if participation.jurisdiction_id != jurisdiction_id:
                continue
            undated = participation.party_date_unknown
            if participation.signed_on is None and participation.consent_on is None and not undated:
                # a row that records neither signature nor consent (it carries only a
                # territorial note): the State's status is unknown, never "not a party"
                continue
            since = binds_from(participation, instrument)
            party = since is not None or (undated and instrument.entry_into_force_on is not None)
            dates[instrument.id] = Binding(since, party, participation.status_as_of)
    return dates


def legal_bases(
    instruments: dict[int, Instrument],
    requesting: dict[int, Binding],
    requested: dict[int, Binding],
    today: dt.date,
) -> list[LegalBasis]:
    """Instruments binding both sides on ``today`` (a party whose date is unknown counts),
    the oldest common one first."""
    bases = []
    for instrument_id, instrument in instruments.items():
        ours, theirs = requesting.get(instrument_id), requested.get(instrument_id)
        if ours and theirs and ours.binds_on(today) and theirs.binds_on(today):
            bases.append(
                LegalBasis(instrument.code, instrument.short_title, ours.since, theirs.since)
            )
    return sorted(
        bases,
        key=lambda b: (
            max(
                d or dt.date.min
                for d in (b.in_force_for_requesting_on, b.in_force_for_requested_on)
            ),
            b.instrument,
        ),
    )


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def party_warnings(
    relevant: Iterable[Instrument],
    sides: Sequence[tuple[str, str, dict[int, Binding]]],
    today: dt.date,
) -> list[RouteWarning]:
    """For each instrument that governs the subject, a warning per side not bound on
    ``today``, bound from an unknown date, or known only from an old status.

    ``sides`` = (``"requesting"`` | ``"requested"``, jurisdiction code, bindings).
    """
    warnings = []
    for instrument in sorted(relevant, key=lambda i: i.code):
        for side, code, dates in sides:
            binding = dates.get(instrument.id)
            since = binding.since if binding else None
            if binding is None:
                # no participation row: the directory does not know (never read as "no")
                warnings.append(
                    RouteWarning(
                        WarningCode.PARTICIPATION_UNKNOWN,
                        f"The directory holds no record of {code}'s (the {side} State) "
                        f"participation in {instrument.short_title}: check the depositary's "
                        "status list before relying on it.",
                    )
                )
            elif binding.party and since is None:
                warnings.append(
                    RouteWarning(
                        WarningCode.PARTICIPATION_DATE_UNKNOWN,
                        f"{code} (the {side} State) is recorded as a party to "
                        f"{instrument.short_title}, but the date it became bound is not known: "
                        "it is counted as a legal basis; check the depositary's status list "
                        "for the date.",
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
            elif not binding.party:
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
            if binding and binding.as_of and binding.as_of < _years_before(today, AS_OF_YEARS):
                warnings.append(
                    RouteWarning(
                        WarningCode.PARTICIPATION_AS_OF,
                        f"{code}'s (the {side} State) participation in {instrument.short_title} "
                        f"is known as of {binding.as_of.isoformat()}, more than {AS_OF_YEARS} "
                        "years ago: check the depositary's current status list.",
                        on=binding.as_of,
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
        elif status == NotificationStatus.NOTIFIED:
            message = (
                f"{who} has notified under {label}, but the directory does not record whether "
                f"it takes {instrument.short_title} as a legal basis for extradition: read the "
                "notification before relying on it, and plan on an extradition treaty or its "
                "domestic law being needed."
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
