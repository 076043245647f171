"""Validation of the fact files: participation, notifications, authorities and their rules."""

from __future__ import annotations

from typing import Any

from directory.enums import (
    ChannelPermission,
    ConsentType,
    Direction,
    ExtraditionBasis,
    NotificationStatus,
    Verification,
)
from directory.seeding.checks import Checker
from directory.seeding.plan import Plan

# How the research files name a consent; a date without a type is UNSPECIFIED.
CONSENT_TYPES = {t.value.lower(): t.value for t in ConsentType}
VERIFICATIONS = [v.value for v in Verification]
AUTHORITY_FILES = ("authorities.json", "authorities_notified.json")
# written by hand once (notifications.json), and by seed/tools/import_shared.py
NOTIFICATION_FILES = ("notifications.json", "notifications_more.json")


def _codes(plan: Plan, table: str) -> set[str]:
    return {row["code"] for row in plan.vocabularies.get(table, [])}


def check_participation(c: Checker, plan: Plan) -> None:
    jurisdictions = {j["code"] for j in plan.jurisdictions}
    instruments = {i["code"] for i in plan.instruments}
    seen = set()
    for i, row in enumerate(c.read("participation.json") or []):
        key = (row.get("jurisdiction"), row.get("instrument"))
        rec = f"#{i} ({key[0]} {key[1]})"
        c.reference(rec, "jurisdiction", key[0], jurisdictions)
        c.reference(rec, "instrument", key[1], instruments)
        if key in seen:
            c.fail(rec, "is listed twice: merge the two rows")
        seen.add(key)
        consent_on = c.date(rec, "consent_on", row.get("consent_on"))
        raw_type = row.get("consent_type")
        if raw_type is None:
            consent_type = ConsentType.UNSPECIFIED.value if consent_on else None
        else:
            consent_type = c.choice(rec, "consent_type", raw_type, CONSENT_TYPES)
            consent_type = CONSENT_TYPES.get(raw_type)
        party_date_unknown = c.flag(rec, "party_date_unknown", row.get("party_date_unknown"))
        if party_date_unknown and consent_on is not None:
            c.fail(rec, "party_date_unknown with a consent_on: give one of them, not both")
        plan.participations.append(
            {
                "jurisdiction": key[0],
                "instrument": key[1],
                "signed_on": c.date(rec, "signed_on", row.get("signed_on")),
                "consent_on": consent_on,
                "consent_type": consent_type,
                "party_date_unknown": party_date_unknown,
                "status_as_of": c.date(rec, "status_as_of", row.get("status_as_of")),
                "territorial_application": c.text(
                    rec, "territorial_application", row.get("territorial_application"), 1000
                ),
                "verification": c.choice(
                    rec, "verification", row.get("verification"), VERIFICATIONS
                ),
                "notes": c.text(rec, "notes", row.get("notes"), 1000),
                "sources": c.sources(rec, row.get("sources"), plan.sources),
            }
        )


def check_notifications(c: Checker, plan: Plan) -> None:
    jurisdictions = {j["code"] for j in plan.jurisdictions}
    provisions = {(p["instrument"], p["article"]) for p in plan.provisions}
    seen: set[tuple[Any, ...]] = set()
    for name in NOTIFICATION_FILES:
        for i, row in enumerate(c.read(name) or []):
            _notification(c, plan, f"#{i}", row, (jurisdictions, provisions), seen)


def _notification(
    c: Checker,
    plan: Plan,
    at: str,
    row: dict[str, Any],
    known: tuple[set[str], set[tuple[str, str]]],
    seen: set[tuple[Any, ...]],
) -> None:
    jurisdictions, provisions = known
    provision = (row.get("instrument"), row.get("article"))
    rec = f"{at} ({row.get('jurisdiction')} {provision[0]} {provision[1]})"
    key = (row.get("jurisdiction"), *provision)
    if key in seen:
        c.fail(rec, "is listed twice (in one file or across the notification files): merge them")
    seen.add(key)
    c.reference(rec, "jurisdiction", row.get("jurisdiction"), jurisdictions)
    c.reference(rec, "provision", provision, provisions)
    srcs = c.sources(rec, row.get("sources"), plan.sources)
    languages = [
        {
            "language": c.language(rec, lang.get("language")),
            "preference": position,
            "condition": c.text(rec, "condition", lang.get("condition"), 1000),
        }
        for position, lang in enumerate(row.get("languages") or [])
    ]
    plan.notifications.append(
        {
            "jurisdiction": row.get("jurisdiction"),
            "instrument": provision[0],
            "article": provision[1],
            "status": c.choice(rec, "status", row.get("status"), list(NotificationStatus)),
            "extradition_basis": c.optional_choice(
                rec, "extradition_basis", row.get("extradition_basis"), list(ExtraditionBasis)
            ),
            "condition": c.text(rec, "condition", row.get("condition"), 1000),
            "summary": c.text(rec, "summary", row.get("summary"), 2000),
            "notified_on": c.date(rec, "notified_on", row.get("notified_on")),
            "depositary_reference": c.text(
                rec, "depositary_reference", row.get("depositary_reference"), 100
            ),
            # absent: derived from the kind of its sources; given: checked like the rest
            "verification": c.choice(rec, "verification", row.get("verification"), VERIFICATIONS)
            if row.get("verification") is not None
            else _verification(plan, srcs),
            "notes": c.text(rec, "notes", row.get("notes"), 2000),
            "sources": srcs,
            "languages": languages,
        }
    )


def _verification(plan: Plan, refs: list[str]) -> str:
    official = any(plan.sources[r]["kind"] == "OFFICIAL" for r in refs)
    return Verification.OFFICIAL.value if official else Verification.SECONDARY.value


def check_authorities(c: Checker, plan: Plan) -> None:
    jurisdictions = {j["code"] for j in plan.jurisdictions}
    keys: set[str] = set()
    for name in AUTHORITY_FILES:
        for i, record in enumerate(c.read(name) or []):
            code = record.get("jurisdiction")
            rec = f"#{i} ({code})"
            if c.reference(rec, "jurisdiction", code, jurisdictions) is None:
                continue
            srcs = c.sources(rec, record.get("sources"), plan.sources)
            level = c.choice(rec, "verification", record.get("verification"), VERIFICATIONS)
            for j, entry in enumerate(record.get("authorities") or []):
                arec = f"{rec} authority #{j} ({entry.get('key')})"
                key = c.authority_key(arec, entry.get("key"))
                if key is not None:  # a bad key is reported as such, never as a duplicate
                    if key in keys:
                        c.fail(arec, "key is used twice: give each authority its own key")
                    keys.add(key)
                plan.authorities.append(_authority(c, plan, arec, code, entry))
            rules = [
                _channel(c, plan, f"{rec} channel #{j}", rule, j, srcs, level)
                for j, rule in enumerate(record.get("channels") or [])
            ]
            plan.channel_rules.setdefault(code, []).extend(rules)
            langs = [
                {
                    "language": c.language(f"{rec} language #{j}", rule.get("language")),
                    "preference": j,
                    "condition": c.text(rec, "condition", rule.get("condition"), 1000),
                    "verification": level,
                    "sources": srcs,
                }
                for j, rule in enumerate(record.get("languages") or [])
            ]
            plan.language_rules.setdefault(code, []).extend(langs)


def _authority(
    c: Checker, plan: Plan, rec: str, code: str, entry: dict[str, Any]
) -> dict[str, Any]:
    names = []
    for n in entry.get("names") or []:
        names.append(
            {
                "language": c.language(rec, n.get("language")),
                "name": c.text(rec, "name", n.get("name"), 500, required=True),
                "is_original": bool(n.get("original")),
            }
        )
    if not any(n["language"] == "en" for n in names):
        c.fail(rec, "has no English name: add a names entry with language 'en'")
    return {
        "key": entry.get("key"),
        "jurisdiction": code,
        "street_address": c.text(rec, "street_address", entry.get("street_address"), 500),
        "city": c.text(rec, "city", entry.get("city"), 200),
        "postal_code": c.text(rec, "postal_code", entry.get("postal_code"), 40),
        "website": c.url(rec, "website", entry.get("website")),
        "notes": c.text(rec, "notes", entry.get("notes"), 4000),
        "verification": c.choice(rec, "verification", entry.get("verification"), VERIFICATIONS),
        "sources": c.sources(rec, entry.get("sources"), plan.sources),
        "names": names,
        "designations": [
            _designation(c, plan, f"{rec} designation #{k}", d)
            for k, d in enumerate(entry.get("designations") or [])
        ],
    }


def _designation(c: Checker, plan: Plan, rec: str, d: dict[str, Any]) -> dict[str, Any]:
    provision = d.get("provision")
    if provision is not None:
        provision = (provision.get("instrument"), provision.get("article"))
        c.reference(
            rec, "provision", provision, {(p["instrument"], p["article"]) for p in plan.provisions}
        )
    return {
        "subject_code": c.choice(rec, "subject", d.get("subject"), _codes(plan, "subject")),
        "stage_code": c.optional_choice(
            rec, "stage", d.get("stage"), _codes(plan, "procedural_stage")
        ),
        "matter_code": c.optional_choice(rec, "matter", d.get("matter"), _codes(plan, "matter")),
        # the data leaves direction empty for roles that transmit nothing (e.g. naming partners)
        "direction": c.choice(rec, "direction", d.get("direction") or "BOTH", list(Direction)),
        "priority": c.integer(rec, "priority", d.get("priority"), default=0),
        "provision": provision,
        "designated_under": c.text(rec, "designated_under", d.get("designated_under"), 1000),
        "notes": c.text(rec, "notes", d.get("notes"), 2000),
        "verification": c.choice(rec, "verification", d.get("verification"), VERIFICATIONS),
        "sources": c.sources(rec, d.get("sources"), plan.sources),
    }


def _channel(
    c: Checker,
    plan: Plan,
    rec: str,
    rule: dict[str, Any],
    position: int,
    srcs: list[str],
    level: Any,
) -> dict[str, Any]:
    return {
        "channel_code": c.choice(rec, "channel", rule.get("channel"), _codes(plan, "channel_kind")),
        "subject_code": c.optional_choice(
            rec, "subject", rule.get("subject"), _codes(plan, "subject")
        ),
        "permission": c.choice(
            rec, "permission", rule.get("permission", "ACCEPTED"), list(ChannelPermission)
        ),
        **{
            flag: c.flag(rec, flag, rule.get(flag))
            for flag in (
                "urgent_only",
                "prior_agreement_required",
                "written_confirmation_required",
                "original_to_follow",
            )
        },
        "preference": position,
        "condition": c.text(rec, "condition", rule.get("condition"), 2000),
        "verification": level,
        "sources": srcs,
    }
