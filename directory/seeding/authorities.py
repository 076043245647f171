"""Writing authorities, their names and designations, and jurisdiction-level rules.

``write_authorities`` is the last phase of ``load.write_plan``; it runs three of its own:
the authorities the API has not edited (and their citations), their names and
designations, then the jurisdictions' own channel and language rules.
"""

from __future__ import annotations

from sqlalchemy import select

from directory import models as m
from directory.authorities.models import (
    authority_source,
    channel_rule_source,
    designation_source,
    language_rule_source,
)
from directory.seeding.plan import Row
from directory.seeding.writer import cite, replace_sets, upsert
from directory.seeding.written import Written, columns

DESIGNATION_COLUMNS = (
    "subject_code",
    "stage_code",
    "matter_code",
    "direction",
    "priority",
    "provision_id",
    "designated_under",
    "notes",
    "verification",
)
CHANNEL_RULE_COLUMNS = (
    "channel_code",
    "subject_code",
    "permission",
    "urgent_only",
    "prior_agreement_required",
    "written_confirmation_required",
    "original_to_follow",
    "preference",
    "condition",
    "verification",
)


async def write_authorities(w: Written) -> None:
    """Upsert authorities and rewrite their names, designations and the jurisdictions' own
    rules, except what ``w.kept`` (``directory.seeding.kept.Edited``) says was edited
    through the API: those are left whole and counted as kept."""
    rows, ids = await _authorities(w)
    await _names_and_designations(w, rows, ids)
    await _jurisdiction_rules(w)


async def _authorities(w: Written) -> tuple[dict[str, Row], dict[str, int]]:
    """The plan's authorities not edited through the API (by key), written and cited;
    returns those rows and their ids."""
    plan, count = w.plan, w.report.table("authority")
    w.step("authorities", len(plan.authorities))
    edited_keys = set(
        (
            await w.session.scalars(
                select(m.Authority.key).where(m.Authority.id.in_(w.kept.authority_ids))
            )
        ).all()
    )
    rows = {a["key"]: a for a in plan.authorities if a["key"] not in edited_keys}
    count.kept += len(plan.authorities) - len(rows)
    auth, touched = await upsert(
        w.session,
        m.Authority,
        lambda a: a.key,
        {
            k: columns(a, "jurisdiction", "names", "designations", "sources")
            | {"jurisdiction_id": w.jurisdiction_ids[a["jurisdiction"]]}
            for k, a in rows.items()
        },
        count,
    )
    await cite(
        w.session,
        authority_source,
        {auth[k].id: w.sources(a["sources"]) for k, a in rows.items()},
        count,
        {auth[k].id for k in touched},
    )
    return rows, {k: obj.id for k, obj in auth.items()}


async def _names_and_designations(w: Written, rows: dict[str, Row], ids: dict[str, int]) -> None:
    await replace_sets(
        w.session,
        m.AuthorityName,
        "authority_id",
        ("language", "name", "is_original"),
        {ids[k]: a["names"] for k, a in rows.items()},
        w.report.table("authority_name"),
    )
    await replace_sets(
        w.session,
        m.Designation,
        "authority_id",
        DESIGNATION_COLUMNS,
        {
            ids[k]: [
                columns(d, "provision", "sources")
                | {
                    "provision_id": w.provision_id(d["provision"]),
                    "_sources": w.sources(d["sources"]),
                }
                for d in a["designations"]
            ]
            for k, a in rows.items()
        },
        w.report.table("designation"),
        citations=designation_source,
    )


async def _jurisdiction_rules(w: Written) -> None:
    """Channel and language rules of a jurisdiction as a whole (no designation, no
    notification), except in jurisdictions whose rules were edited through the API."""
    plan, jid, kept = w.plan, w.jurisdiction_ids, w.kept
    w.step("channel rules", sum(map(len, plan.channel_rules.values())))
    for name, plans, skip in (
        ("channel_rule", plan.channel_rules, kept.channel_jurisdictions),
        ("language_rule", plan.language_rules, kept.language_jurisdictions),
    ):
        w.report.table(name).kept += sum(len(r) for code, r in plans.items() if jid[code] in skip)
    await replace_sets(
        w.session,
        m.ChannelRule,
        "jurisdiction_id",
        CHANNEL_RULE_COLUMNS,
        {
            jid[code]: [r | {"_sources": w.sources(r["sources"])} for r in rules]
            for code, rules in plan.channel_rules.items()
            if jid[code] not in kept.channel_jurisdictions
        },
        w.report.table("channel_rule"),
        scope=m.ChannelRule.designation_id.is_(None),
        citations=channel_rule_source,
    )
    w.step("language rules", sum(map(len, plan.language_rules.values())))
    await replace_sets(
        w.session,
        m.LanguageRule,
        "jurisdiction_id",
        ("language", "preference", "condition", "verification"),
        {
            jid[code]: [r | {"_sources": w.sources(r["sources"])} for r in rules]
            for code, rules in plan.language_rules.items()
            if jid[code] not in kept.language_jurisdictions
        },
        w.report.table("language_rule"),
        scope=m.LanguageRule.designation_id.is_(None) & m.LanguageRule.notification_id.is_(None),
        citations=language_rule_source,
    )
