"""Read rules over a jurisdiction's treaty facts, the same for every surface.

- **Completion of notifications.** A jurisdiction's notifications list has one entry per
  provision of every instrument it takes part in, and per provision it notified under (a
  stored row under an instrument it no longer takes part in still shows). A provision with
  no stored row is an entry without a notification: status UNKNOWN, never guessed.
- **In force.** From which day an instrument binds a jurisdiction, and whether it does on
  a given day.

Pure functions over rows a caller already holds (the API's DataLoaders, a page's queries);
``services.notifications_of`` reads them for a caller that holds none. Other rooms take them
from ``services``, their contract.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from directory.enums import NotificationStatus
from directory.treaties.models import Instrument, Notification, Participation, Provision

__all__ = [
    "NotificationEntry",
    "complete_notifications",
    "in_force_on",
    "is_in_force",
    "notification_entry",
]


@dataclass(frozen=True)
class NotificationEntry:
    """One provision of a jurisdiction's notifications list, with its stored notification
    if the directory holds one (``None``: status UNKNOWN and no other fact)."""

    provision: Provision
    notification: Notification | None

    @property
    def status(self) -> NotificationStatus:
        if self.notification is None:
            return NotificationStatus.UNKNOWN
        return self.notification.status


def complete_notifications(
    stored: Sequence[Notification],
    provisions: Iterable[Provision],
    *,
    instrument_id: int | None = None,
) -> list[NotificationEntry]:
    """The completed list, by provision id; with ``instrument_id``, that instrument's only.

    ``stored`` are the jurisdiction's notification rows; ``provisions`` every provision of
    the instruments it takes part in and the provision of each stored row (a provision
    missing for a stored row is a caller's bug, raised as ``ValueError``)."""
    by_id = {p.id: p for p in provisions}
    missing = sorted(n.provision_id for n in stored if n.provision_id not in by_id)
    if missing:
        raise ValueError(f"complete_notifications: provisions {missing} not given")
    by_provision = {n.provision_id: n for n in stored}
    return [
        NotificationEntry(provision=by_id[pid], notification=by_provision.get(pid))
        for pid in sorted(by_id)
        if instrument_id is None or by_id[pid].instrument_id == instrument_id
    ]


def notification_entry(
    provision: Provision, stored: Notification | None, participations: Iterable[Participation]
) -> NotificationEntry | None:
    """The entry of ``provision`` in a jurisdiction's completed list (the same rule as
    ``complete_notifications``), or None when the list has none: a stored notification is
    always listed; an UNKNOWN entry only for a provision of an instrument the jurisdiction
    takes part in (``participations``: its rows)."""
    if stored is None and provision.instrument_id not in {p.instrument_id for p in participations}:
        return None
    return NotificationEntry(provision=provision, notification=stored)


def in_force_on(participation: Participation, instrument: Instrument) -> dt.date | None:
    """The day the instrument binds the jurisdiction, or None when the data cannot say.

    A consent given before the instrument's entry into force takes effect with it; a later
    one after ``days_to_entry_into_force`` days (UNTOC art. 38(2): 30 days)."""
    consent = participation.consent_on
    start = instrument.entry_into_force_on
    if consent is None or start is None:
        return None
    if instrument.days_to_entry_into_force is None:
        return max(consent, start)
    return max(start, consent + dt.timedelta(days=instrument.days_to_entry_into_force))


def is_in_force(
    participation: Participation, instrument: Instrument, today: dt.date
) -> bool | None:
    """Whether ``instrument`` binds the participant on ``today``: True for a party whose
    consent date is unknown (``party_date_unknown``); None when the data cannot say (no
    consent, or no entry-into-force date)."""
    day = in_force_on(participation, instrument)
    if day is None:
        return True if participation.party_date_unknown else None
    return day <= today
