"""Fallbacks when the jurisdiction asked has no designation of its own, never silent:

- a territory without its own designation falls back to its State's only where
  ``Jurisdiction.parent_designations_apply`` is True (TERRITORY_FALLBACK); None means the
  data does not say, so no fallback and TERRITORY_FALLBACK_UNKNOWN;
- a subject without a designation falls back to the ``residual`` designations of the same
  jurisdiction (RESIDUAL_FALLBACK).
"""

from __future__ import annotations

from collections.abc import Sequence

from directory.authorities.models import Authority, Designation
from directory.routing.advice import RouteWarning, WarningCode
from directory.routing.selection import Candidate, Context, choose, pool
from directory.routing.validation import Resolved
from directory.treaties.models import Jurisdiction


def choose_with_fallback(
    r: Resolved,
    rows: Sequence[tuple[Designation, Authority]],
    context: Context,
    warnings: list[RouteWarning],
) -> tuple[list[Candidate], Jurisdiction, bool]:
    """Winners, the jurisdiction that answered, and whether it is the territory's State."""
    territory = r.target.id != r.state.id
    winners, residual = choose(pool(rows, r.target.id, territory=territory), r, context)
    answering, via_parent = r.target, False
    if not winners and territory:
        applies = r.target.parent_designations_apply
        if applies:
            winners, residual = choose(pool(rows, r.state.id, territory=False), r, context)
            answering, via_parent = r.state, bool(winners)
            if winners:
                warnings.append(
                    RouteWarning(
                        WarningCode.TERRITORY_FALLBACK,
                        f"{r.target.code} has no authority of its own for {r.subject}; the "
                        f"directory records that {r.state.code}'s designations serve it.",
                    )
                )
        elif applies is None:
            warnings.append(
                RouteWarning(
                    WarningCode.TERRITORY_FALLBACK_UNKNOWN,
                    f"{r.target.code} has no authority of its own for {r.subject}, and the "
                    f"directory does not know whether {r.state.code}'s authorities act for it: "
                    f"ask {r.state.code}'s central authority before sending.",
                )
            )
    if residual and winners:
        warnings.append(
            RouteWarning(
                WarningCode.RESIDUAL_FALLBACK,
                f"No authority of {answering.code} is designated for {r.subject} in this scope; "
                "the general central authority (designated to receive requests without an "
                "authority of their own) is given instead.",
            )
        )
    return winners, answering, via_parent
