"""Writing a validated plan through one session, in dependency order."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession

from directory import models as m
from directory.authorities.models import language_rule_source
from directory.seeding.authorities import write_authorities
from directory.seeding.kept import edited, unedited
from directory.seeding.plan import Plan, Row
from directory.seeding.report import SeedReport
from directory.seeding.writer import cite, replace_sets, upsert
from directory.treaties.models import (
    instrument_source,
    jurisdiction_source,
    notification_source,
    participation_source,
)

VOCABULARY_MODELS = {
    "subject": m.Subject,
    "channel_kind": m.ChannelKind,
    "procedural_stage": m.ProceduralStage,
    "matter": m.Matter,
}
Progress = Callable[[str], None]


def _columns(row: Row, *drop: str) -> Row:
    return {k: v for k, v in row.items() if k not in drop}


async def write_plan(session: AsyncSession, plan: Plan, progress: Progress) -> SeedReport:
    report = SeedReport()
    kept = await edited(session)

    def step(name: str, n: int) -> None:
        progress(f"{name}: {n} records…")

    step("sources", len(plan.sources))
    sources, _ = await upsert(
        session, m.Source, lambda s: s.url or s.document, plan.sources, report.table("source")
    )
    src = {ref: obj.id for ref, obj in sources.items()}

    for table, rows in plan.vocabularies.items():
        step(table, len(rows))
        await upsert(
            session,
            VOCABULARY_MODELS[table],
            lambda v: v.code,
            {r["code"]: r for r in rows},
            report.table(table),
        )

    step("jurisdictions", len(plan.jurisdictions))
    parents = [j for j in plan.jurisdictions if j["kind"] != "TERRITORY"]
    children = [j for j in plan.jurisdictions if j["kind"] == "TERRITORY"]
    jur, touched = await upsert(
        session,
        m.Jurisdiction,
        lambda j: j.code,
        {j["code"]: _columns(j, "names", "sources", "parent") for j in parents},
        report.table("jurisdiction"),
    )
    territories, touched_t = await upsert(
        session,
        m.Jurisdiction,
        lambda j: j.code,
        {
            j["code"]: _columns(j, "names", "sources", "parent")
            | {"parent_id": jur[j["parent"]].id}
            for j in children
        },
        report.table("jurisdiction"),
    )
    jur |= territories
    jid = {code: obj.id for code, obj in jur.items()}
    await cite(
        session,
        jurisdiction_source,
        {jid[j["code"]]: {src[s] for s in j["sources"]} for j in plan.jurisdictions},
        report.table("jurisdiction"),
        {jid[k] for k in touched | touched_t},
    )
    await upsert(
        session,
        m.JurisdictionName,
        lambda n: (n.jurisdiction_id, str(n.language)),
        {
            (jid[j["code"]], lang): {
                "jurisdiction_id": jid[j["code"]],
                "language": lang,
                "name": name,
            }
            for j in plan.jurisdictions
            for lang, name in j["names"].items()
        },
        report.table("jurisdiction_name"),
    )

    step("instruments", len(plan.instruments))
    base = [i for i in plan.instruments if not i["supplements"]]
    inst, touched = await upsert(
        session,
        m.Instrument,
        lambda i: i.code,
        {i["code"]: _columns(i, "sources", "supplements") for i in base},
        report.table("instrument"),
    )
    more, touched_p = await upsert(
        session,
        m.Instrument,
        lambda i: i.code,
        {
            i["code"]: _columns(i, "sources", "supplements")
            | {"supplements_id": inst[i["supplements"]].id}
            for i in plan.instruments
            if i["supplements"]
        },
        report.table("instrument"),
    )
    inst |= more
    iid = {code: obj.id for code, obj in inst.items()}
    await cite(
        session,
        instrument_source,
        {iid[i["code"]]: {src[s] for s in i["sources"]} for i in plan.instruments},
        report.table("instrument"),
        {iid[k] for k in touched | touched_p},
    )
    provisions, _ = await upsert(
        session,
        m.Provision,
        lambda p: (p.instrument_id, p.article),
        {
            (iid[p["instrument"]], p["article"]): _columns(p, "instrument")
            | {"instrument_id": iid[p["instrument"]]}
            for p in plan.provisions
        },
        report.table("provision"),
    )
    pid = {k: obj.id for k, obj in provisions.items()}

    def provision_id(ref: tuple[str, str] | None) -> int | None:
        return None if ref is None else pid[(iid[ref[0]], ref[1])]

    step("participations", len(plan.participations))
    rows = await unedited(
        session,
        (m.Participation.jurisdiction_id, m.Participation.instrument_id),
        {(jid[p["jurisdiction"]], iid[p["instrument"]]): p for p in plan.participations},
        kept.participation_ids,
        report.table("participation"),
    )
    parts, touched = await upsert(
        session,
        m.Participation,
        lambda p: (p.jurisdiction_id, p.instrument_id),
        {
            k: _columns(p, "jurisdiction", "instrument", "sources")
            | {"jurisdiction_id": k[0], "instrument_id": k[1]}
            for k, p in rows.items()
        },
        report.table("participation"),
    )
    await cite(
        session,
        participation_source,
        {parts[k].id: {src[s] for s in p["sources"]} for k, p in rows.items()},
        report.table("participation"),
        {parts[k].id for k in touched},
    )

    step("notifications", len(plan.notifications))
    rows = await unedited(
        session,
        (m.Notification.jurisdiction_id, m.Notification.provision_id),
        {
            (jid[n["jurisdiction"]], provision_id((n["instrument"], n["article"]))): n
            for n in plan.notifications
        },
        kept.notification_ids,
        report.table("notification"),
    )
    notes, touched = await upsert(
        session,
        m.Notification,
        lambda n: (n.jurisdiction_id, n.provision_id),
        {
            k: _columns(n, "jurisdiction", "instrument", "article", "sources", "languages")
            | {"jurisdiction_id": k[0], "provision_id": k[1]}
            for k, n in rows.items()
        },
        report.table("notification"),
    )
    await cite(
        session,
        notification_source,
        {notes[k].id: {src[s] for s in n["sources"]} for k, n in rows.items()},
        report.table("notification"),
        {notes[k].id for k in touched},
    )
    await replace_sets(
        session,
        m.LanguageRule,
        "notification_id",
        ("jurisdiction_id", "language", "preference", "condition", "verification"),
        {
            notes[k].id: [
                lang
                | {
                    "jurisdiction_id": k[0],
                    "verification": n["verification"],
                    "_sources": {src[s] for s in n["sources"]},
                }
                for lang in n["languages"]
            ]
            for k, n in rows.items()
            if k[0] not in kept.language_jurisdictions
        },
        report.table("language_rule"),
        citations=language_rule_source,
    )

    await write_authorities(session, plan, report, src, jid, provision_id, step, kept)
    return report
