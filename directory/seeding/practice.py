"""What practice needs beyond the treaties' own records: the stage tree, the measures
vocabulary, the requirement kinds, the legal requirements, and the instruments added after
the UNTOC family (``instruments_more.json``: Council of Europe, OAS, the 2024 UN Convention
against Cybercrime).

Each file may declare the sources it cites in its own ``sources`` list (same shape as
``sources.json``); a source already declared there keeps its first declaration. Checks fill
the plan like the other ``check_*`` functions; ``write_vocabulary_extras`` runs after the
vocabularies and ``write_requirements`` last.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select

from directory import models as m
from directory.authorities.models import measure_source
from directory.authorities.requirements import requirement_source
from directory.enums import BasisCondition, RequirementStatus, SourceKind
from directory.seeding.checks import Checker
from directory.seeding.facts import VERIFICATIONS
from directory.seeding.plan import Plan, Row
from directory.seeding.reference import instrument_rows
from directory.seeding.writer import cite, replace_sets, upsert
from directory.seeding.written import Written

REQUIREMENT_COLUMNS = (
    "kind_code",
    "subject_code",
    "measure_code",
    "instrument_id",
    "basis_condition",
    "status",
    "text",
    "url",
    "verification",
)


def _declare_sources(c: Checker, plan: Plan, rows: list[dict[str, Any]]) -> None:
    for i, row in enumerate(rows):
        ref = row.get("url") or row.get("document")
        rec = f"sources #{i} ({ref})"
        if not isinstance(ref, str) or not ref:
            c.fail(rec, "has neither url nor document: give one of them")
            continue
        if ref in plan.sources:
            continue
        seen_on = c.date(rec, "seen_on", row.get("seen_on"))
        if seen_on is None:
            c.fail(rec, "seen_on is missing: give the date the source was read (YYYY-MM-DD)")
        plan.sources[ref] = {
            "url": row.get("url"),
            "document": row.get("document"),
            "title": c.text(rec, "title", row.get("title"), 500),
            "kind": c.choice(rec, "kind", row.get("kind"), [k.value for k in SourceKind]),
            "seen_on": seen_on,
        }


def _vocabulary(c: Checker, key: str, rows: list[dict[str, Any]]) -> list[Row]:
    out, seen = [], set()
    for position, row in enumerate(rows):
        code = row.get("code")
        rec = f"{key} #{position} ({code})"
        if c.code(rec, "code", code) is None or code in seen:
            c.fail(rec, "code must be unique UPPER_SNAKE_CASE text of at most 40 characters")
        seen.add(code)
        out.append(
            {
                "code": code,
                "name": c.text(rec, "name", row.get("name"), 200, required=True),
                "description": c.text(rec, "description", row.get("description"), 1000),
                "position": position,
            }
        )
    return out


def check_stage_tree(c: Checker, plan: Plan) -> None:
    """``within`` on procedural_stages: each names a stage of the list; no cycle."""
    data = c.read("vocabularies.json") or {}
    known = {row["code"] for row in plan.vocabularies.get("procedural_stage", [])}
    for row in data.get("procedural_stages") or []:
        if row.get("within") is None:
            continue
        rec = f"procedural_stages ({row.get('code')})"
        if c.reference(rec, "within", row["within"], known - {row.get("code")}) is not None:
            plan.stage_parts[row["code"]] = row["within"]
    for start in plan.stage_parts:
        seen, at = {start}, plan.stage_parts.get(start)
        while at is not None:
            if at in seen:
                c.fail(
                    f"procedural_stages ({start})",
                    "within forms a cycle: a stage cannot contain itself; fix the chain",
                )
                break
            seen.add(at)
            at = plan.stage_parts.get(at)


def check_measures(c: Checker, plan: Plan) -> None:
    data = c.read("measures.json") or {}
    _declare_sources(c, plan, data.get("sources") or [])
    plan.measures = _vocabulary(c, "measures", data.get("measures") or [])
    refs = c.sources("measures", data.get("list_sources"), plan.sources)
    plan.measure_sources = {row["code"]: refs for row in plan.measures}
    if not plan.measures:
        c.fail("measures", "no measures given: the list is required")


def check_more_instruments(c: Checker, plan: Plan) -> None:
    data = c.read("instruments_more.json") or {}
    _declare_sources(c, plan, data.get("sources") or [])
    instrument_rows(c, plan, data.get("instruments") or [], prefix="instruments ")


def check_requirements(c: Checker, plan: Plan) -> None:
    data = c.read("requirements.json") or {}
    _declare_sources(c, plan, data.get("sources") or [])
    plan.requirement_kinds = _vocabulary(c, "kinds", data.get("kinds") or [])
    kinds = {k["code"] for k in plan.requirement_kinds}
    subjects = {row["code"] for row in plan.vocabularies.get("subject", [])}
    measures = {row["code"] for row in plan.measures}
    jurisdictions = {j["code"] for j in plan.jurisdictions}
    instruments = {i["code"] for i in plan.instruments}
    for i, row in enumerate(data.get("requirements") or []):
        code = row.get("jurisdiction")
        rec = f"requirements #{i} ({code} {row.get('kind')})"
        c.reference(rec, "jurisdiction", code, jurisdictions)
        condition = c.optional_choice(
            rec, "basis_condition", row.get("basis_condition"), [b.value for b in BasisCondition]
        )
        instrument = row.get("instrument")
        if instrument is not None:
            c.reference(rec, "instrument", instrument, instruments)
        if (condition == BasisCondition.NO_TREATY.value) != (instrument is None) and condition:
            c.fail(rec, "WHEN_IN_FORCE and UNLESS_IN_FORCE name an instrument; NO_TREATY none")
        srcs = c.sources(rec, row.get("sources"), plan.sources)
        official = any(plan.sources[s]["kind"] == "OFFICIAL" for s in srcs)
        plan.requirements.setdefault(code, []).append(
            {
                "kind_code": c.reference(rec, "kind", row.get("kind"), kinds),
                "subject_code": c.optional_choice(rec, "subject", row.get("subject"), subjects),
                "measure_code": c.optional_choice(rec, "measure", row.get("measure"), measures),
                "instrument": instrument,
                "basis_condition": condition,
                "status": c.choice(
                    rec, "status", row.get("status"), [s.value for s in RequirementStatus]
                ),
                "text": c.text(rec, "text", row.get("text"), 2000),
                "url": c.url(rec, "url", row.get("url")),
                "verification": c.choice(
                    rec,
                    "verification",
                    row.get("verification") or ("OFFICIAL" if official else "SECONDARY"),
                    VERIFICATIONS,
                ),
                "sources": srcs,
            }
        )


async def write_vocabulary_extras(w: Written) -> None:
    """The stage tree (exactly the plan's), measures with their sources, requirement kinds."""
    plan = w.plan
    w.step("stage tree", len(plan.stage_parts))
    count = w.report.table("stage_part")
    stored = {p.stage_code: p for p in (await w.session.scalars(select(m.StagePart))).all()}
    for code in set(stored) - set(plan.stage_parts):
        await w.session.execute(delete(m.StagePart).where(m.StagePart.stage_code == code))
        count.deleted += 1
    await upsert(
        w.session,
        m.StagePart,
        lambda p: p.stage_code,
        {s: {"stage_code": s, "within_code": up} for s, up in plan.stage_parts.items()},
        count,
    )
    w.step("measures", len(plan.measures))
    mcount = w.report.table("measure")
    _, touched = await upsert(
        w.session, m.Measure, lambda v: v.code, {r["code"]: r for r in plan.measures}, mcount
    )
    await cite(
        w.session,
        measure_source,
        {code: w.sources(refs) for code, refs in plan.measure_sources.items()},
        mcount,
        set(touched),
    )
    w.step("requirement kinds", len(plan.requirement_kinds))
    await upsert(
        w.session,
        m.RequirementKind,
        lambda v: v.code,
        {r["code"]: r for r in plan.requirement_kinds},
        w.report.table("requirement_kind"),
    )


async def write_requirements(w: Written) -> None:
    """Each jurisdiction's requirements, replaced as a set when they differ, except in
    jurisdictions whose requirements were edited through the API (kept whole)."""
    plan, jid, kept = w.plan, w.jurisdiction_ids, w.kept.requirement_jurisdictions
    w.step("requirements", sum(map(len, plan.requirements.values())))
    w.report.table("requirement").kept += sum(
        len(rows) for code, rows in plan.requirements.items() if jid[code] in kept
    )
    await replace_sets(
        w.session,
        m.Requirement,
        "jurisdiction_id",
        REQUIREMENT_COLUMNS,
        {
            jid[code]: [
                {k: v for k, v in r.items() if k not in ("instrument", "sources")}
                | {
                    "instrument_id": w.instrument_ids[r["instrument"]] if r["instrument"] else None,
                    "_sources": w.sources(r["sources"]),
                }
                for r in rows
            ]
            for code, rows in plan.requirements.items()
            if jid[code] not in kept
        },
        w.report.table("requirement"),
        citations=requirement_source,
    )
