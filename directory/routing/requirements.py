"""The requested side's legal requirements that apply to one request (pure functions).

A requirement applies when it belongs to the jurisdiction that answers, its subject (if any)
is the request's, its measure (if any) is the request's, and its condition on the legal basis
holds or cannot be told (then its ``basis`` says so). When the request names no measure, the
requirements of single measures are listed too, each naming its measure: a practitioner
planning a search sees that it needs dual criminality. A requirement whose condition fails
is set aside with the reason.
"""

from __future__ import annotations

from collections.abc import Sequence

from directory.authorities.requirements import Requirement, RequirementKind
from directory.routing.advice import RequirementAdvice
from directory.routing.basis import Pair, Truth, evaluate
from directory.routing.rules import sentence
from directory.routing.set_aside import SetAside


def requirements_for(
    rows: Sequence[tuple[Requirement, RequirementKind]],
    *,
    subject: str,
    measure: str | None,
    pair: Pair,
) -> tuple[list[RequirementAdvice], list[SetAside]]:
    """``rows`` are (requirement, its kind) of the answering jurisdiction, kinds in order."""
    out: list[RequirementAdvice] = []
    set_aside: list[SetAside] = []
    for requirement, kind in rows:
        if requirement.subject_code is not None and requirement.subject_code != subject:
            continue
        if measure is not None and requirement.measure_code not in (None, measure):
            continue
        verdict = evaluate(requirement.basis_condition, requirement.instrument_id, pair)
        if verdict.truth == Truth.NO:
            set_aside.append(
                SetAside(
                    f"requirement {kind.code} ({requirement.status.value.lower()})",
                    verdict.reason or "",
                )
            )
            continue
        reason = verdict.reason
        out.append(
            RequirementAdvice(
                requirement_id=requirement.id,
                kind=kind.code,
                kind_name=kind.name,
                status=requirement.status,
                text=requirement.text,
                url=requirement.url,
                subject=requirement.subject_code,
                measure=requirement.measure_code,
                basis=sentence(reason) if reason else None,
                verification=requirement.verification,
                basis_unknown=verdict.truth == Truth.UNKNOWN,
            )
        )
    return out, set_aside
