"""Writing a validated plan through one session, in dependency order.

``write_plan`` runs the phases below in order, each writing one family of rows and handing
their ids on in ``Written``: sources, vocabularies, jurisdictions (States before their
territories, then names), instruments (base treaties before their Protocols, then
provisions), participations, notifications (with the languages they notify),
``authorities.write_authorities`` (authorities, names, designations, jurisdiction rules);
``practice`` writes the stage tree, measures and requirement kinds after the vocabularies
and the legal requirements after the authorities; last, the search index of whatever
names changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from directory import models as m
from directory.authorities.models import language_rule_source
from directory.search.index import reindex_authorities, reindex_jurisdictions
from directory.seeding.authorities import write_authorities
from directory.seeding.kept import edited, unedited
from directory.seeding.plan import Plan
from directory.seeding.practice import write_requirements, write_vocabulary_extras
from directory.seeding.report import SeedReport
from directory.seeding.writer import cite, replace_sets, upsert
from directory.seeding.written import Progress, Written, columns
from directory.treaties.models import (
    Vocabulary,
    instrument_source,
    jurisdiction_source,
    notification_source,
    participation_source,
)

VOCABULARY_MODELS: dict[str, type[Vocabulary]] = {
    "subject": m.Subject,
    "channel_kind": m.ChannelKind,
    "procedural_stage": m.ProceduralStage,
    "matter": m.Matter,
}


async def write_plan(session: AsyncSession, plan: Plan, progress: Progress) -> SeedReport:
    w = Written(session, plan, SeedReport(), await edited(session), progress)
    for phase in (
        _sources,
        _vocabularies,
        write_vocabulary_extras,
        _jurisdictions,
        _instruments,
        _participations,
        _notifications,
        write_authorities,
        write_requirements,
        _search_index,
    ):
        await phase(w)
    return w.report


async def _search_index(w: Written) -> None:
    """The search index of every jurisdiction and authority whose names, aliases or city
    differ from their terms (edited authorities included: the index follows what is
    stored, whoever wrote it)."""
    w.step("search index", len(w.jurisdiction_ids))
    count = w.report.table("search_term")
    for done in (
        await reindex_jurisdictions(w.session),
        await reindex_authorities(w.session),
    ):
        count.created += done.created
        count.deleted += done.deleted
        count.unchanged += done.unchanged


async def _sources(w: Written) -> None:
    w.step("sources", len(w.plan.sources))
    sources, _ = await upsert(
        w.session, m.Source, lambda s: s.url or s.document, w.plan.sources, w.report.table("source")
    )
    w.source_ids = {ref: obj.id for ref, obj in sources.items()}


async def _vocabularies(w: Written) -> None:
    for table, rows in w.plan.vocabularies.items():
        w.step(table, len(rows))
        await upsert(
            w.session,
            VOCABULARY_MODELS[table],
            lambda v: v.code,
            {r["code"]: r for r in rows},
            w.report.table(table),
        )


async def _jurisdictions(w: Written) -> None:
    """States first (a territory's row needs its State's id), then territories, their
    citations and their names in the six languages."""
    plan, count = w.plan, w.report.table("jurisdiction")
    w.step("jurisdictions", len(plan.jurisdictions))
    states = [j for j in plan.jurisdictions if j["kind"] != "TERRITORY"]
    territories = [j for j in plan.jurisdictions if j["kind"] == "TERRITORY"]
    drop = ("names", "sources", "parent")
    jur, touched = await upsert(
        w.session,
        m.Jurisdiction,
        lambda j: j.code,
        {j["code"]: columns(j, *drop) for j in states},
        count,
    )
    more, touched_t = await upsert(
        w.session,
        m.Jurisdiction,
        lambda j: j.code,
        {j["code"]: columns(j, *drop) | {"parent_id": jur[j["parent"]].id} for j in territories},
        count,
    )
    jid = w.jurisdiction_ids = {code: obj.id for code, obj in (jur | more).items()}
    await cite(
        w.session,
        jurisdiction_source,
        {jid[j["code"]]: w.sources(j["sources"]) for j in plan.jurisdictions},
        count,
        {jid[k] for k in touched | touched_t},
    )
    await upsert(
        w.session,
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
        w.report.table("jurisdiction_name"),
    )
    await replace_sets(
        w.session,
        m.JurisdictionAlias,
        "jurisdiction_id",
        ("jurisdiction_id", "kind", "language", "alias", "folded", "source_id"),
        _by_owner(
            (
                jid[a["jurisdiction"]],
                columns(a, "jurisdiction", "source")
                | {
                    "jurisdiction_id": jid[a["jurisdiction"]],
                    "source_id": w.source_ids[a["source"]],
                },
            )
            for a in plan.aliases
        ),
        w.report.table("jurisdiction_alias"),
    )


def _by_owner(rows: Iterable[tuple[int, dict[str, Any]]]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {}
    for owner, row in rows:
        out.setdefault(owner, []).append(row)
    return out


async def _instruments(w: Written) -> None:
    """Base treaties first (a Protocol's row needs the id of the treaty it supplements),
    then Protocols, their citations and the provisions of each."""
    plan, count = w.plan, w.report.table("instrument")
    w.step("instruments", len(plan.instruments))
    drop = ("sources", "supplements")
    inst, touched = await upsert(
        w.session,
        m.Instrument,
        lambda i: i.code,
        {i["code"]: columns(i, *drop) for i in plan.instruments if not i["supplements"]},
        count,
    )
    more, touched_p = await upsert(
        w.session,
        m.Instrument,
        lambda i: i.code,
        {
            i["code"]: columns(i, *drop) | {"supplements_id": inst[i["supplements"]].id}
            for i in plan.instruments
            if i["supplements"]
        },
        count,
    )
    iid = w.instrument_ids = {code: obj.id for code, obj in (inst | more).items()}
    await cite(
        w.session,
        instrument_source,
        {iid[i["code"]]: w.sources(i["sources"]) for i in plan.instruments},
        count,
        {iid[k] for k in touched | touched_p},
    )
    provisions, _ = await upsert(
        w.session,
        m.Provision,
        lambda p: (p.instrument_id, p.article),
        {
            (iid[p["instrument"]], p["article"]): columns(p, "instrument")
            | {"instrument_id": iid[p["instrument"]]}
            for p in plan.provisions
        },
        w.report.table("provision"),
    )
    w.provision_ids = {k: obj.id for k, obj in provisions.items()}


async def _participations(w: Written) -> None:
    """Participations the API has not edited since, and their citations."""
    plan, count = w.plan, w.report.table("participation")
    jid, iid = w.jurisdiction_ids, w.instrument_ids
    w.step("participations", len(plan.participations))
    rows = await unedited(
        w.session,
        (m.Participation.jurisdiction_id, m.Participation.instrument_id),
        {(jid[p["jurisdiction"]], iid[p["instrument"]]): p for p in plan.participations},
        w.kept.participation_ids,
        count,
    )
    parts, touched = await upsert(
        w.session,
        m.Participation,
        lambda p: (p.jurisdiction_id, p.instrument_id),
        {
            k: columns(p, "jurisdiction", "instrument", "sources")
            | {"jurisdiction_id": k[0], "instrument_id": k[1]}
            for k, p in rows.items()
        },
        count,
    )
    await cite(
        w.session,
        participation_source,
        {parts[k].id: w.sources(p["sources"]) for k, p in rows.items()},
        count,
        {parts[k].id for k in touched},
    )


async def _notifications(w: Written) -> None:
    """Notifications the API has not edited since, their citations, and the languages an
    art. 18(14)-like notification states (its language rules)."""
    plan, count = w.plan, w.report.table("notification")
    w.step("notifications", len(plan.notifications))
    rows = await unedited(
        w.session,
        (m.Notification.jurisdiction_id, m.Notification.provision_id),
        {
            (
                w.jurisdiction_ids[n["jurisdiction"]],
                w.provision_id((n["instrument"], n["article"])),
            ): n
            for n in plan.notifications
        },
        w.kept.notification_ids,
        count,
    )
    notes, touched = await upsert(
        w.session,
        m.Notification,
        lambda n: (n.jurisdiction_id, n.provision_id),
        {
            k: columns(n, "jurisdiction", "instrument", "article", "sources", "languages")
            | {"jurisdiction_id": k[0], "provision_id": k[1]}
            for k, n in rows.items()
        },
        count,
    )
    await cite(
        w.session,
        notification_source,
        {notes[k].id: w.sources(n["sources"]) for k, n in rows.items()},
        count,
        {notes[k].id for k in touched},
    )
    await replace_sets(
        w.session,
        m.LanguageRule,
        "notification_id",
        ("jurisdiction_id", "language", "preference", "condition", "verification"),
        {
            notes[k].id: [
                lang
                | {
                    "jurisdiction_id": k[0],
                    "verification": n["verification"],
                    "_sources": w.sources(n["sources"]),
                }
                for lang in n["languages"]
            ]
            for k, n in rows.items()
            if k[0] not in w.kept.language_jurisdictions
        },
        w.report.table("language_rule"),
        citations=language_rule_source,
    )
