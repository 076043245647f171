"""Warnings for a territory that borrows its State's treaty facts.

A territory (Hong Kong SAR, Sint Maarten) is bound by a treaty through its own participation
row or, failing one, its State's; it speaks under 16(5) through its own notification or,
failing one, its State's. Borrowing is never silent: each borrowed fact gets a
TERRITORIAL_APPLICATION warning that quotes the territorial notes the directory holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from directory.routing.advice import LegalBasis, RouteWarning, WarningCode
from directory.treaties.models import Instrument, Notification, Participation, Provision


def notifications_for(
    notifications: Iterable[Notification], territory_id: int
) -> dict[int, Notification]:
    """Provision id → the notification that speaks for the requested side: the territory's
    own (``territory_id``) wins over its State's."""
    by_provision: dict[int, Notification] = {}
    for n in notifications:
        if n.jurisdiction_id == territory_id or n.provision_id not in by_provision:
            by_provision[n.provision_id] = n
    return by_provision


def territorial_warnings(
    rows: Iterable[tuple[Participation, Instrument]],
    bases: Sequence[LegalBasis],
    territory: tuple[int, str],
    state: tuple[int, str],
    side: str,
) -> list[RouteWarning]:
    """A warning per legal basis that binds a territory (id, code) only through its State's
    (id, code) participation; ``side`` is ``"requesting"`` or ``"requested"``.

    Ratifications often exclude territories (Denmark's "without the Faroe Islands and
    Greenland"). Only a territory's row with a signature or a consent binds it; a row that
    carries nothing but a territorial note ("Not extended to Sint Maarten.") does not, and
    its note is exactly what the reader must see, with the State's.
    """
    (territory_id, territory_code), (state_id, state_code) = territory, state
    rows = list(rows)
    own = {
        i.code
        for p, i in rows
        if p.jurisdiction_id == territory_id and (p.signed_on or p.consent_on)
    }
    notes = {
        (p.jurisdiction_id, i.code): p.territorial_application
        for p, i in rows
        if p.jurisdiction_id in (territory_id, state_id) and p.territorial_application
    }
    warnings = []
    for basis in bases:
        if basis.instrument in own:
            continue
        said = "".join(
            f" The record of {code}'s participation says: {note}"
            for code, note in (
                (territory_code, notes.get((territory_id, basis.instrument))),
                (state_code, notes.get((state_id, basis.instrument))),
            )
            if note
        )
        warnings.append(
            RouteWarning(
                WarningCode.TERRITORIAL_APPLICATION,
                f"{basis.instrument} ({basis.title}) is counted for {territory_code} (the {side} "
                f"side) through {state_code}'s participation; whether it extends to "
                f"{territory_code} is not recorded.{said} Check the depositary's territorial "
                "declarations.",
            )
        )
    return warnings


def borrowed_notification_warnings(
    used: Iterable[tuple[Provision, Instrument]],
    by_provision: dict[int, Notification],
    territory: tuple[int, str],
    state_code: str,
) -> list[RouteWarning]:
    """A warning per notification used for the territory that is its State's."""
    territory_id, territory_code = territory
    warnings = []
    for provision, instrument in used:
        found = by_provision.get(provision.id)
        if found is None or found.jurisdiction_id == territory_id:
            continue
        warnings.append(
            RouteWarning(
                WarningCode.TERRITORIAL_APPLICATION,
                f"The {instrument.code} {provision.article} position given for {territory_code} "
                f"is {state_code}'s notification; not recorded as extended to {territory_code}. "
                f"Ask {state_code}'s central authority whether it applies to {territory_code}.",
            )
        )
    return warnings
