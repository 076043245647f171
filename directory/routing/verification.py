"""UNVERIFIED_DATA: how far an answer rests on facts no official source confirms.

Every fact the answer used is listed with its verification: the destinations' authorities
and designations, the channels and languages advised, and the notifications and
participations behind the legal position. One warning names every weak one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from directory.enums import Verification
from directory.routing.advice import RouteAdvice, RouteWarning, WarningCode
from directory.treaties.models import Notification, Participation


def used_facts(
    advice: RouteAdvice,
    notifications: Iterable[Notification],
    participations: Iterable[Participation],
) -> list[tuple[str, Verification]]:
    """Each fact ``advice`` rests on, labelled for a reader, with its verification."""
    return (
        [(f"authority {a.authority_key}", a.verification) for a in advice.destinations]
        + [
            (f"designation {m.designation_id}", m.verification)
            for a in advice.destinations
            for m in a.matches
        ]
        + [(f"channel {c.channel}", c.verification) for c in advice.channels]
        + [(f"language {lang.language}", lang.verification) for lang in advice.languages]
        + [(f"requirement {q.kind}", q.verification) for q in advice.requirements]
        + [(f"notification {n.id}", n.verification) for n in notifications]
        + [(f"participation {p.id}", p.verification) for p in participations]
    )


def data_warnings(facts: Sequence[tuple[str, Verification]]) -> list[RouteWarning]:
    """One UNVERIFIED_DATA warning listing every fact used whose verification is weak."""
    weak = [f"{label} ({v.value.lower()})" for label, v in facts if v != Verification.OFFICIAL]
    if not weak:
        return []
    return [
        RouteWarning(
            WarningCode.UNVERIFIED_DATA,
            "Some facts of this answer are not confirmed by an official source: "
            f"{', '.join(weak)}. Confirm them with the requested State before relying on them.",
        )
    ]


def unverified_data(
    advice: RouteAdvice,
    notifications: Iterable[Notification],
    participations: Iterable[Participation],
) -> list[RouteWarning]:
    """The UNVERIFIED_DATA warning of ``advice`` (empty when every fact is OFFICIAL)."""
    return data_warnings(used_facts(advice, notifications, participations))
