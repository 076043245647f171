"""Phase 2 of ``route()``: the legal position of the pair.

``legal_position`` finds the treaties in force for both sides today and warns about
territorial application, parties and the lack of any common basis; ``extradition_position``
adds the requested side's extradition-basis notifications (16(5)) and their warnings. Both
write into the ``RouteAdvice`` and hand the rows they used on in a ``Bases``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from directory.routing.advice import RouteAdvice, RouteWarning, WarningCode
from directory.routing.basis import Pair
from directory.routing.legal import (
    binding_dates,
    extradition_positions,
    legal_bases,
    party_warnings,
)
from directory.routing.loading import Facts
from directory.routing.set_aside import SetAside
from directory.routing.territories import (
    borrowed_notification_warnings,
    notifications_for,
    territorial_warnings,
)
from directory.routing.validation import Resolved
from directory.treaties.models import Instrument, Notification, Provision


@dataclass
class Bases:
    """What the legal phase hands on: the instruments seen, those in force for both sides
    (``ids``), the subject's treaties one side joined (``relevant``), the subject's
    extradition-basis provisions and the requested side's notifications by provision."""

    instruments: dict[int, Instrument]
    ids: set[int]
    relevant: list[Instrument]
    pair: Pair
    extradition: list[tuple[Provision, Instrument]] = field(default_factory=list)
    by_provision: dict[int, Notification] = field(default_factory=dict)
    set_aside: list[SetAside] = field(default_factory=list)


def legal_position(
    r: Resolved, facts: Facts, today: dt.date, advice: RouteAdvice, warnings: list[RouteWarning]
) -> Bases:
    """Treaties in force for both sides today; territorial, party and no-basis warnings."""
    instruments = {i.id: i for _, i in facts.participations} | {
        i.id: i for _, i in facts.provisions
    }
    sender, sender_state = r.requesting, r.requesting_state
    ours = binding_dates(facts.participations, [sender.id, sender_state.id])
    theirs = binding_dates(facts.participations, [r.target.id, r.state.id])
    advice.legal_bases = legal_bases(instruments, ours, theirs, today)
    for side, territory, state in (
        ("requesting", sender, sender_state),
        ("requested", r.target, r.state),
    ):
        if territory.id != state.id:
            warnings += territorial_warnings(
                facts.participations,
                advice.legal_bases,
                (territory.id, territory.code),
                (state.id, state.code),
                side,
            )
    in_force = {b.instrument for b in advice.legal_bases}
    # treaties governing the subject that at least one side has taken part in: a treaty
    # neither State joined says nothing about this pair (NO_COMMON_LEGAL_BASIS covers it)
    joined = set(ours) | set(theirs)
    relevant = list(
        {
            i.id: i for p, i in facts.provisions if p.subject_code == r.subject and i.id in joined
        }.values()
    )
    warnings += party_warnings(
        relevant,
        [("requesting", r.requesting.code, ours), ("requested", r.target.code, theirs)],
        today,
    )
    if not advice.legal_bases:
        warnings.append(
            RouteWarning(
                WarningCode.NO_COMMON_LEGAL_BASIS,
                f"The directory records no treaty in force between {r.requesting.code} and "
                f"{r.target.code} on {today.isoformat()}: check the depositary's records, or "
                "rely on a bilateral treaty, domestic law or reciprocity.",
            )
        )
    ids = {i.id for i in instruments.values() if i.code in in_force}
    pair = Pair(r.requesting.code, r.target.code, instruments, ids, ours, theirs, today)
    return Bases(instruments, ids, relevant, pair)


def extradition_position(
    r: Resolved, facts: Facts, bases: Bases, advice: RouteAdvice, warnings: list[RouteWarning]
) -> None:
    """The requested side's 16(5)-like positions and the warnings they raise."""
    bases.by_provision = notifications_for(facts.notifications, r.target.id)
    bases.extradition = [
        (p, i)
        for p, i in facts.provisions
        if p.subject_code == r.subject and p.kind == "EXTRADITION_BASIS"
    ]
    advice.extradition = extradition_positions(
        bases.extradition,
        bases.by_provision,
        advice.legal_bases,
        r.target.code,
        r.target.id,
        r.state.code,
    )
    shown = {p.provision for p in advice.extradition}
    for provision, instrument in bases.extradition:
        found = bases.by_provision.get(provision.id)
        if found is None or instrument.id in bases.ids:
            continue
        said = found.extradition_basis or found.status
        bases.set_aside.append(
            SetAside(
                f"{r.target.code if found.jurisdiction_id == r.target.id else r.state.code}'s "
                f"{instrument.code} {provision.article} notification ({said.value})",
                bases.pair.why_not(instrument.id),
                "EXTRADITION",
            )
        )
    warnings += borrowed_notification_warnings(
        [(p, i) for p, i in bases.extradition if f"{i.code} {p.article}" in shown],
        bases.by_provision,
        (r.target.id, r.target.code),
        r.state.code,
    )
    if bases.extradition and not any(not p.treaty_or_law_needed for p in advice.extradition):
        warnings.append(
            RouteWarning(
                WarningCode.EXTRADITION_BASIS_NEEDED,
                f"{r.target.code} is not known to accept any treaty in force between the two "
                "States as a legal basis for extradition: a bilateral treaty or its domestic "
                "law is needed.",
            )
        )
