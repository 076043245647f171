"""The destinations of an answer: the winning designations grouped by authority, each
with its names, contact basics, verification and why it matched. An authority without a
time zone of its own is read in its country's only zone, when it has one (a default, and
the office status says so)."""

from __future__ import annotations

import datetime as dt

from directory.routing.advice import DesignationMatch, Destination
from directory.routing.hours import office_status
from directory.routing.selection import Candidate
from directory.routing.validation import Resolved
from directory.treaties.defaults import single_time_zone
from directory.treaties.services import display_name


def destinations(
    winners: list[Candidate],
    names: dict[int, dict[str, str]],
    hours: dict[int, list[tuple[int, dt.time, dt.time]]],
    provision_label: dict[int, str],
    r: Resolved,
    *,
    now: dt.datetime,
    via_parent: bool,
) -> list[Destination]:
    """One destination per winning authority (in the winners' order), with every
    designation of it that matched; its office status only for urgent requests."""
    by_authority: dict[int, Destination] = {}
    for c in winners:
        a, d = c.authority, c.designation
        if a.id not in by_authority:
            stored = names.get(a.id, {})
            # names come original first (``loading``): the rule of authority_name
            original = next(iter(stored.values()), None)
            home = r.target if a.jurisdiction_id == r.target.id else r.state
            by_authority[a.id] = Destination(
                authority_id=a.id,
                authority_key=a.key,
                jurisdiction=home.code,
                name=display_name(stored, original=original, default=a.key),
                names=stored,
                city=a.city,
                website=a.website,
                time_zone=a.time_zone,
                verification=a.verification,
                last_confirmed_on=a.last_confirmed_on,
                matches=[],
                office=office_status(
                    hours.get(a.id, []),
                    a.time_zone,
                    now,
                    default_zone=single_time_zone(home.alpha2),
                )
                if r.urgent
                else None,
            )
        by_authority[a.id].matches.append(
            DesignationMatch(
                designation_id=d.id,
                subject=d.subject_code,
                provision=provision_label.get(d.provision_id) if d.provision_id else None,
                designated_under=d.designated_under,
                stage=d.stage_code,
                matter=d.matter_code,
                subdivision=d.subdivision,
                territory=r.target.code if d.territory_id == r.target.id else None,
                measure=d.measure_code,
                requesting=d.requesting_group_code
                or (r.requesting.code if d.requesting_id == r.requesting.id else None)
                or (r.requesting_state.code if d.requesting_id else None),
                basis=c.basis,
                scope=c.scope,
                residual=c.residual,
                via_parent=via_parent,
                priority=d.priority,
                verification=d.verification,
                notes=d.notes,
            )
        )
    return list(by_authority.values())
