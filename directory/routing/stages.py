"""Procedural stages as a tree, matched by containment both ways (pure functions).

``StagePart`` rows say which stage a stage is part of (TRIAL and EXECUTION are parts of
TRIAL_AND_EXECUTION, itself part of AFTER_PROCEEDINGS_OPENED). A designation for a stage
that contains the one asked applies (BROADER); one for a part of the stage asked may apply,
depending on which part the case is in (NARROWER); stages on different branches do not meet.
"""

from __future__ import annotations

from collections.abc import Mapping

from directory.routing.advice import ScopeMatch

Parents = Mapping[str, str]  # stage code → the stage it is part of


def containing(stage: str, parents: Parents) -> list[str]:
    """``stage`` and every stage that contains it, innermost first (a cycle stops the walk:
    the seed refuses one, the walk never loops)."""
    chain = [stage]
    while (up := parents.get(chain[-1])) is not None and up not in chain:
        chain.append(up)
    return chain


def stage_match(named: str | None, wanted: str | None, parents: Parents) -> ScopeMatch | None:
    """How a designation's stage ``named`` meets the request's ``wanted`` (None: no match)."""
    if named is None:
        return ScopeMatch.GENERAL
    if wanted is None:
        return ScopeMatch.OPEN
    if named == wanted:
        return ScopeMatch.EXACT
    if named in containing(wanted, parents):
        return ScopeMatch.BROADER
    if wanted in containing(named, parents):
        return ScopeMatch.NARROWER
    return None
