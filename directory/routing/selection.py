"""Choosing the designations that answer a request (pure functions over loaded rows).

The rule, in order:

1. Only designations of ACTIVE authorities, direction INCOMING or BOTH (the requested
   State receives), of the jurisdiction asked: for a territory, its own authorities and
   any designation scoped to it; for a State, its authorities not scoped to a territory.
2. Scope, per dimension (stage, matter, place): a designation naming the value the request
   gives is EXACT; one naming no value is GENERAL (matches anything); one naming a value the
   request leaves open is OPEN (it may apply: the choice depends on that value); one naming
   another value does not match.
3. Best first: fewest OPEN dimensions, then most EXACT ones, then lowest ``priority``.
   When the best applies for sure (no OPEN dimension), every designation equal to it on all
   three is a winner. When the best is itself OPEN, the choice depends on the value the
   request leaves open, so every designation with as few OPEN and as many EXACT dimensions
   is a winner, whatever its priority.
   A designation that may apply (OPEN) and that the State ranks before the winners (lower
   ``priority``) is a winner too: a narrow general designation at priority 4 must not hide
   the stage-specific central authorities at priorities 0 to 3 (several → the caller warns
   and asks for the stage or matter).
4. No designation of the subject → the designations marked ``residual`` (a general central
   authority), never silently: the caller warns RESIDUAL_FALLBACK.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from directory.authorities.models import Authority, Designation
from directory.routing.advice import ScopeMatch
from directory.routing.validation import Resolved


@dataclass(frozen=True)
class Candidate:
    designation: Designation
    authority: Authority
    scope: dict[str, ScopeMatch]
    residual: bool

    @property
    def rank(self) -> tuple[int, int, int]:
        values = list(self.scope.values())
        return (
            values.count(ScopeMatch.OPEN),
            -values.count(ScopeMatch.EXACT),
            self.designation.priority,
        )


def scope_of(designation: Designation, request: Resolved) -> dict[str, ScopeMatch] | None:
    scope: dict[str, ScopeMatch] = {}
    for dimension, wanted, named in (
        ("stage", request.stage, designation.stage_code),
        ("matter", request.matter, designation.matter_code),
        ("place", request.subdivision, designation.subdivision),
    ):
        if named is None:
            scope[dimension] = ScopeMatch.GENERAL
        elif wanted is None:
            scope[dimension] = ScopeMatch.OPEN
        elif wanted == named:
            scope[dimension] = ScopeMatch.EXACT
        else:
            return None
    return scope


def pool(
    rows: Sequence[tuple[Designation, Authority]], jurisdiction_id: int, *, territory: bool
) -> list[tuple[Designation, Authority]]:
    """The designations that speak for ``jurisdiction_id`` (see rule 1)."""
    if territory:
        return [
            (d, a)
            for d, a in rows
            if d.territory_id == jurisdiction_id
            or (a.jurisdiction_id == jurisdiction_id and d.territory_id in (None, jurisdiction_id))
        ]
    return [
        (d, a)
        for d, a in rows
        if a.jurisdiction_id == jurisdiction_id and d.territory_id in (None, jurisdiction_id)
    ]


def choose(
    rows: Sequence[tuple[Designation, Authority]], request: Resolved
) -> tuple[list[Candidate], bool]:
    """Winners of ``rows`` for ``request`` and whether they come from the residual rule."""
    for residual in (False, True):
        candidates = []
        for designation, authority in rows:
            if residual and not designation.residual:
                continue
            if not residual and designation.subject_code != request.subject:
                continue
            scope = scope_of(designation, request)
            if scope is not None:
                candidates.append(Candidate(designation, authority, scope, residual))
        if candidates:
            winners = _winners(candidates)
            return sorted(
                winners, key=lambda c: (c.designation.priority, c.designation.id)
            ), residual
    return [], False


def _winners(candidates: list[Candidate]) -> list[Candidate]:
    best = min(c.rank for c in candidates)
    if best[0] == 0:
        winners = [c for c in candidates if c.rank == best]
    else:
        winners = [c for c in candidates if c.rank[:2] == best[:2]]
    first = min(c.designation.priority for c in winners)
    ranked_before = [
        c
        for c in candidates
        if c not in winners and c.rank[0] > 0 and c.designation.priority < first
    ]
    return winners + ranked_before


def choice_rule(winners: Sequence[Candidate], names: dict[int, str]) -> str:
    """How a practitioner picks among several winners, in plain words."""
    opened = {dim for c in winners for dim, m in c.scope.items() if m == ScopeMatch.OPEN}
    open_dims = [dim for dim in ("stage", "matter", "place") if dim in opened]
    if open_dims:
        parts = []
        for c in winners:
            named = {
                "stage": c.designation.stage_code,
                "matter": c.designation.matter_code,
                "place": c.designation.subdivision,
            }
            scope = ", ".join(f"{dim} {named[dim]}" for dim in open_dims if named[dim]) or "any"
            parts.append(f"{names[c.authority.id]} ({scope})")
        return (
            f"the choice depends on the {' and '.join(open_dims)} of the case, which the "
            f"request leaves open: {'; '.join(parts)}. Give the {' and '.join(open_dims)} "
            "to get one answer"
        )
    listed = "; ".join(names[c.authority.id] for c in winners)
    return (
        f"they are designated for the same scope with the same priority: {listed}. Either may "
        "receive the request; send it to one only, and check the notes of each designation"
    )
