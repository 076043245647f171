"""Choosing the designations that answer a request (pure functions over loaded rows).

The rule, in order:

1. Only designations of ACTIVE authorities, direction INCOMING or BOTH (the requested
   State receives), of the jurisdiction asked: for a territory, its own authorities and
   any designation scoped to it; for a State, its authorities not scoped to a territory.
2. Scope, per dimension (stage, matter, measure, place, requesting side, legal basis): a
   designation naming the value the request gives is EXACT; one naming no value is GENERAL
   (matches anything); one naming a value the request leaves open is OPEN (it may apply: the
   choice depends on that value); one naming another value does not match. Stages form a
   tree (``stages``): a stage containing the one asked is BROADER (it applies), a part of it
   NARROWER (it may apply, counted as OPEN). The requesting side is EXACT when the
   designation names the requesting State or a group it belongs to (the loader keeps no
   other). A condition on the legal basis (``basis``) that holds is EXACT, one the directory
   cannot evaluate is OPEN, one that fails does not match.
3. Best first: fewest OPEN dimensions, then most EXACT ones, then most BROADER ones, then
   lowest ``priority``.
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
from directory.routing.basis import Pair, Truth, evaluate
from directory.routing.stages import Parents, stage_match
from directory.routing.validation import Resolved

DIMENSIONS = ("stage", "matter", "measure", "place", "requesting", "basis")
MAY_APPLY = (ScopeMatch.OPEN, ScopeMatch.NARROWER)


@dataclass(frozen=True)
class Candidate:
    designation: Designation
    authority: Authority
    scope: dict[str, ScopeMatch]
    residual: bool
    basis: str | None = None  # why its condition on the legal basis holds (or may)

    @property
    def rank(self) -> tuple[int, int, int, int]:
        values = list(self.scope.values())
        return (
            sum(values.count(m) for m in MAY_APPLY),
            -values.count(ScopeMatch.EXACT),
            -values.count(ScopeMatch.BROADER),
            self.designation.priority,
        )


@dataclass(frozen=True)
class Context:
    """What scope matching needs beyond the request: the stage tree and the pair's bases."""

    parents: Parents
    pair: Pair


def _flat(named: str | None, wanted: str | None) -> ScopeMatch | None:
    if named is None:
        return ScopeMatch.GENERAL
    if wanted is None:
        return ScopeMatch.OPEN
    return ScopeMatch.EXACT if wanted == named else None


def scope_of(
    designation: Designation, request: Resolved, context: Context
) -> tuple[dict[str, ScopeMatch], str | None] | None:
    """How each dimension matched and the legal-basis reason, or None when one fails."""
    verdict = evaluate(designation.basis_condition, designation.instrument_id, context.pair)
    if verdict.truth == Truth.NO:
        return None
    named_requesting = designation.requesting_id or designation.requesting_group_code
    matches = {
        "stage": stage_match(designation.stage_code, request.stage, context.parents),
        "matter": _flat(designation.matter_code, request.matter),
        "measure": _flat(designation.measure_code, request.measure),
        "place": _flat(designation.subdivision, request.subdivision),
        # the loader keeps only designations naming the requesting State or its groups
        "requesting": ScopeMatch.EXACT if named_requesting else ScopeMatch.GENERAL,
        "basis": (
            ScopeMatch.GENERAL
            if verdict.reason is None
            else ScopeMatch.EXACT
            if verdict.truth == Truth.YES
            else ScopeMatch.OPEN
        ),
    }
    scope: dict[str, ScopeMatch] = {}
    for dimension, match in matches.items():
        if match is None:
            return None
        scope[dimension] = match
    return scope, verdict.reason


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
    rows: Sequence[tuple[Designation, Authority]], request: Resolved, context: Context
) -> tuple[list[Candidate], bool]:
    """Winners of ``rows`` for ``request`` and whether they come from the residual rule."""
    for residual in (False, True):
        candidates = []
        for designation, authority in rows:
            if residual and not designation.residual:
                continue
            if not residual and designation.subject_code != request.subject:
                continue
            matched = scope_of(designation, request, context)
            if matched is not None:
                scope, basis = matched
                candidates.append(Candidate(designation, authority, scope, residual, basis))
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
        winners = [c for c in candidates if c.rank[:3] == best[:3]]
    first = min(c.designation.priority for c in winners)
    ranked_before = [
        c
        for c in candidates
        if c not in winners and c.rank[0] > 0 and c.designation.priority < first
    ]
    return winners + ranked_before


def choice_rule(winners: Sequence[Candidate], names: dict[int, str]) -> str:
    """How a practitioner picks among several winners, in plain words."""
    opened = {dim for c in winners for dim, m in c.scope.items() if m in MAY_APPLY}
    open_dims = [dim for dim in DIMENSIONS if dim in opened]
    if open_dims:
        parts = []
        for c in winners:
            named = {
                "stage": c.designation.stage_code,
                "matter": c.designation.matter_code,
                "measure": c.designation.measure_code,
                "place": c.designation.subdivision,
                "requesting": None,
                "basis": c.basis if c.scope["basis"] in MAY_APPLY else None,
            }
            scope = (
                ", ".join(
                    value if dim == "basis" else f"{dim} {value}"
                    for dim in open_dims
                    if (value := named[dim])
                )
                or "any"
            )
            parts.append(f"{names[c.authority.id]} ({scope})")
        words = " and ".join("legal basis" if d == "basis" else d for d in open_dims)
        askable = [d for d in open_dims if d != "basis"]
        tail = (
            f"Give the {' and '.join(askable)} to get one answer"
            if askable
            else "Check which treaties bind the two States to get one answer"
        )
        return (
            f"the choice depends on the {words} of the case, which the request leaves open "
            f"or the directory cannot tell: {'; '.join(parts)}. {tail}"
        )
    listed = "; ".join(names[c.authority.id] for c in winners)
    return (
        f"they are designated for the same scope with the same priority: {listed}. Either may "
        "receive the request; send it to one only, and check the notes of each designation"
    )
