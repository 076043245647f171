"""FACTS_SET_ASIDE: stored facts an answer does not use, each with the reason.

A 16(5) answer of a treaty not in force between the two States, an 18(14) language list of
such a treaty, a rule whose condition on the legal basis does not hold or cannot be told:
the answer names each of them and why, so that "nothing is recorded" is never said of a fact
the directory holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from directory.routing.advice import RouteWarning, WarningCode


@dataclass(frozen=True)
class SetAside:
    what: str  # "XAA's UNTOC 16(5) notification (YES)", "language rule es (UNTOC 18(14))"
    why: str  # "UNTOC is not in force between XRU and XAA (XRU's participation …)"
    kind: str = "OTHER"  # LANGUAGE | CHANNEL | EXTRADITION | OTHER: what the fact is about


def set_aside_warning(items: Sequence[SetAside]) -> list[RouteWarning]:
    if not items:
        return []
    listed = "; ".join(f"{i.what}: {i.why}" for i in items)
    return [
        RouteWarning(
            WarningCode.FACTS_SET_ASIDE,
            f"The directory holds facts this answer does not use: {listed}. Check them with "
            "the requested State if the reason does not hold.",
            items=tuple((i.what, i.why) for i in items),
        )
    ]
