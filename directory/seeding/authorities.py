"""Writing authorities, their names and designations, and jurisdiction-level rules."""

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


def _columns(row: Row, *drop: str) -> Row:
    return {k: v for k, v in row.items() if k not in drop}


async def write_authorities(session, plan, report, src, jid, provision_id, step, kept) -> None:
    """Upsert authorities and rewrite their names, designations and the jurisdictions' own
    rules, except what ``kept`` (``directory.seeding.kept.Edited``) says was edited through
    the API: those are left whole and counted as kept."""
    step("authorities", len(plan.authorities))
    edited_keys = set(
        (
            await session.scalars(
                select(m.Authority.key).where(m.Authority.id.in_(kept.authority_ids))
            )
        ).all()
    )
    rows = {a["key"]: a for a in plan.authorities if a["key"] not in edited_keys}
    report.table("authority").kept += len(plan.authorities) - len(rows)
    auth, touched = await upsert(
        session,
        m.Authority,
        lambda a: a.key,
        {
            k: _columns(a, "jurisdiction", "names", "designations", "sources")
            | {"jurisdiction_id": jid[a["jurisdiction"]]}
            for k, a in rows.items()
        },
        report.table("authority"),
    )
    await cite(
        session,
        authority_source,
        {auth[k].id: {src[s] for s in a["sources"]} for k, a in rows.items()},
        report.table("authority"),
        {auth[k].id for k in touched},
    )
    await replace_sets(
        session,
        m.AuthorityName,
        "authority_id",
        ("language", "name", "is_original"),
        {auth[k].id: a["names"] for k, a in rows.items()},
        report.table("authority_name"),
    )
    designation_columns = (
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
    await replace_sets(
        session,
        m.Designation,
        "authority_id",
        designation_columns,
        {
            auth[k].id: [
                _columns(d, "provision", "sources")
                | {
                    "provision_id": provision_id(d["provision"]),
                    "_sources": {src[s] for s in d["sources"]},
                }
                for d in a["designations"]
            ]
            for k, a in rows.items()
        },
        report.table("designation"),
        citations=designation_source,
    )
    step("channel rules", sum(map(len, plan.channel_rules.values())))
    for name, plans, skip in (
        ("channel_rule", plan.channel_rules, kept.channel_jurisdictions),
        ("language_rule", plan.language_rules, kept.language_jurisdictions),
    ):
        report.table(name).kept += sum(len(r) for code, r in plans.items() if jid[code] in skip)
    jurisdiction_level = m.ChannelRule.designation_id.is_(None)
    await replace_sets(
        session,
        m.ChannelRule,
        "jurisdiction_id",
        (
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
        ),
        {
            jid[code]: [r | {"_sources": {src[s] for s in r["sources"]}} for r in rules]
            for code, rules in plan.channel_rules.items()
            if jid[code] not in kept.channel_jurisdictions
        },
        report.table("channel_rule"),
        scope=jurisdiction_level,
        citations=channel_rule_source,
    )
    step("language rules", sum(map(len, plan.language_rules.values())))
    await replace_sets(
        session,
        m.LanguageRule,
        "jurisdiction_id",
        ("language", "preference", "condition", "verification"),
        {
            jid[code]: [r | {"_sources": {src[s] for s in r["sources"]}} for r in rules]
            for code, rules in plan.language_rules.items()
            if jid[code] not in kept.language_jurisdictions
        },
        report.table("language_rule"),
        scope=m.LanguageRule.designation_id.is_(None) & m.LanguageRule.notification_id.is_(None),
        citations=language_rule_source,
    )
