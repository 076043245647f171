"""Validation of the reference files: sources, vocabularies, jurisdictions, instruments.

Jurisdiction names are never typed in the seed. Member States are named as the UN names
them (``un_names.json``, the M49 names written by ``seed/tools/un_names.py``); observer
States by ISO 3166-1 through pycountry; the others (the EU, territories, Cook Islands,
Niue) by CLDR through Babel, read when the seed loads. The other names and codes people use
become search aliases (``aliases``), each citing its source.
"""

from __future__ import annotations

import gettext
from functools import cache
from importlib.metadata import version
from typing import Any

import babel
import pycountry
from babel.core import get_cldr_version
from babel.languages import get_official_languages

from directory.enums import AliasKind, ProvisionKind, RegionalGroup, SourceKind, UNLanguage
from directory.search.folding import fold
from directory.seeding.checks import Checker
from directory.seeding.plan import Plan

VOCABULARIES = {
    "subjects": "subject",
    "channel_kinds": "channel_kind",
    "procedural_stages": "procedural_stage",
    "matters": "matter",
}
UN_MEMBERS = 193
CLDR_SOURCE = f"Unicode CLDR {get_cldr_version()} (via Babel {babel.__version__})"
ISO_SOURCE = f"ISO 3166-1 names (via pycountry {version('pycountry')}, iso-codes translations)"


def check_sources(c: Checker, plan: Plan) -> None:
    for i, row in enumerate(c.read("sources.json") or []):
        ref = row.get("url") or row.get("document")
        rec = f"#{i} ({ref})"
        if not ref:
            c.fail(rec, "has neither url nor document: give one of them")
            continue
        if not isinstance(ref, str) or len(ref) > (1000 if row.get("url") else 300):
            c.fail(rec, "url (1000 characters) or document (300) is not a text that fits")
            continue
        if ref in plan.sources:
            c.fail(rec, "is declared twice: keep one entry")
        kind = c.choice(rec, "kind", row.get("kind"), [k.value for k in SourceKind])
        seen_on = c.date(rec, "seen_on", row.get("seen_on"))
        if seen_on is None and row.get("seen_on") is None:
            c.fail(rec, "seen_on is missing: give the date the source was read (YYYY-MM-DD)")
        plan.sources[ref] = {
            "url": row.get("url"),
            "document": row.get("document"),
            "title": c.text(rec, "title", row.get("title"), 500),
            "kind": kind,
            "seen_on": seen_on,
        }


def check_vocabularies(c: Checker, plan: Plan) -> None:
    data = c.read("vocabularies.json") or {}
    for key, table in VOCABULARIES.items():
        rows, seen = [], set()
        for position, row in enumerate(data.get(key) or []):
            code = row.get("code")
            rec = f"{key} #{position} ({code})"
            if (
                not isinstance(code, str)
                or not code
                or code != code.upper()
                or len(code) > 40
                or code in seen
            ):
                c.fail(rec, "code must be unique UPPER_SNAKE_CASE text of at most 40 characters")
            seen.add(code)
            rows.append(
                {
                    "code": code,
                    "name": c.text(rec, "name", row.get("name"), 200, required=True),
                    "description": c.text(rec, "description", row.get("description"), 1000),
                    "position": position,
                }
            )
        if not rows:
            c.fail(key, f"no {key} given: the list is required")
        plan.vocabularies[table] = rows


def _names(territory: str) -> dict[str, str]:
    return {
        lang.value: babel.Locale.parse(lang.value).territories[territory] for lang in UNLanguage
    }


@cache
def _iso_translation(language: str) -> gettext.NullTranslations:
    locale = "zh_CN" if language == "zh" else language
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, [locale], fallback=True)


def _iso_names(alpha2: str) -> dict[str, str]:
    country = pycountry.countries.get(alpha_2=alpha2)
    assert country is not None
    return {lang.value: _iso_translation(lang.value).gettext(country.name) for lang in UNLanguage}


def _aliases(
    row: dict[str, Any], alpha2: str, ioc: dict[str, str], ioc_source: str
) -> list[dict[str, Any]]:
    """CLDR and ISO names unlike the chosen ones, endonyms, alpha-2 and IOC codes."""
    chosen = {fold(n) for n in row["names"].values()}
    found: list[tuple[AliasKind, str, str, str]] = []
    for kind, names, source in (
        (AliasKind.CLDR_NAME, _names(alpha2), CLDR_SOURCE),
        (AliasKind.ISO_NAME, _iso_names(alpha2) if row["alpha2"] else {}, ISO_SOURCE),
    ):
        found += [(kind, lang, name, source) for lang, name in names.items()]
    for lang in get_official_languages(alpha2, de_facto=True):
        try:
            name = babel.Locale.parse(lang).territories.get(alpha2)
        except (babel.UnknownLocaleError, ValueError):
            continue  # CLDR has no locale data for this language
        if name:
            found.append((AliasKind.ENDONYM, lang, name, CLDR_SOURCE))
    if row["alpha2"]:
        found.append((AliasKind.ALPHA2, "", row["alpha2"], ISO_SOURCE))
    if row["code"] in ioc:
        found.append((AliasKind.OTHER_CODE, "", ioc[row["code"]], ioc_source))
    out, seen = [], set()
    for kind, lang, alias, source in found:
        folded = fold(alias)
        codes = kind in (AliasKind.ALPHA2, AliasKind.OTHER_CODE)
        if not folded or (not codes and folded in chosen) or (kind, lang, alias) in seen:
            continue
        seen.add((kind, lang, alias))
        out.append(
            {
                "jurisdiction": row["code"],
                "kind": kind,
                "language": lang,
                "alias": alias,
                "folded": folded,
                "source": source,
            }
        )
    return out


def _jurisdiction(
    c: Checker,
    rec: str,
    code: Any,
    un: dict[str, dict[str, str]] | None = None,
    /,
    **columns: Any,
) -> dict[str, Any] | None:
    alpha2 = columns.pop("cldr_territory", None)
    if alpha2 is None:
        if c.alpha3(rec, code) is None:
            return None
        country = pycountry.countries.get(alpha_3=code)
        assert country is not None  # c.alpha3 found it
        alpha2, m49 = country.alpha_2, country.numeric
        row = {"code": code, "alpha2": alpha2, "m49": m49}
    else:
        row = {"code": code, "alpha2": None, "m49": None}
    try:
        if un is not None:
            row["names"] = un.get(code) or {}
            if set(row["names"]) != {lang.value for lang in UNLanguage}:
                c.fail(
                    rec,
                    f"un_names.json has no UN name of {code} in every language: "
                    "rerun seed/tools/un_names.py",
                )
        elif columns.get("un_status") == "OBSERVER" and row["alpha2"]:
            row["names"] = _iso_names(alpha2)
        else:
            row["names"] = _names(alpha2)
        row["_alpha2"] = alpha2
    except KeyError:
        c.fail(rec, f"CLDR has no name for territory {alpha2!r}: check the code")
        return None
    return row | columns


def check_jurisdictions(c: Checker, plan: Plan) -> None:
    data = c.read("jurisdictions.json") or {}
    groups: dict[str, list[str]] = data.get("regional_groups") or {}
    # a fixed date, so that a later run with the same Babel changes nothing
    names_seen_on = c.date("names_seen_on", "names_seen_on", data.get("names_seen_on"))
    plan.sources[CLDR_SOURCE] = {
        "url": None,
        "document": CLDR_SOURCE,
        "title": "Territory names in the six UN languages",
        "kind": SourceKind.OFFICIAL.value,
        "seen_on": names_seen_on or c.today,
    }
    un_names = c.read("un_names.json") or {}
    names_source, ioc_source = un_names.get("names_source") or {}, un_names.get("ioc_source") or {}
    un_source = names_source.get("url") or "un_names.json"
    ioc_ref = ioc_source.get("document") or "un_names.json ioc"
    for ref, entry in ((un_source, names_source), (ioc_ref, ioc_source)):
        plan.sources[ref] = {
            "url": entry.get("url"),
            "document": entry.get("document"),
            "title": entry.get("title"),
            "kind": entry.get("kind") or SourceKind.SECONDARY.value,
            "seen_on": c.date("un_names.json", "seen_on", entry.get("seen_on")) or c.today,
        }
    plan.sources[ISO_SOURCE] = plan.sources[CLDR_SOURCE] | {
        "document": ISO_SOURCE,
        "title": "Country names of ISO 3166-1 and their translations",
        "kind": SourceKind.SECONDARY.value,
    }
    c.file = "jurisdictions.json"  # the errors below are this file's
    member_sources = c.sources("members", (data.get("members") or {}).get("sources"), plan.sources)
    seen: dict[str, str] = {}
    for name, codes in groups.items():
        group = c.choice(f"regional_groups.{name}", "group", name, [g.value for g in RegionalGroup])
        for code in codes:
            rec = f"regional_groups.{group} ({code})"
            if code in seen:
                c.fail(rec, f"{code} is also listed in {seen[code]}: a member belongs to one group")
                continue
            seen[code] = str(group)
            row = _jurisdiction(
                c,
                rec,
                code,
                un_names.get("names") or {},
                kind="STATE",
                un_status="MEMBER",
                parent=None,
            )
            if row:
                row |= {"regional_group": group, "notes": None}
                row["sources"] = [*member_sources, un_source]
                plan.jurisdictions.append(row)
    if len(seen) != UN_MEMBERS:
        c.fail(
            "regional_groups",
            f"lists {len(seen)} members, not {UN_MEMBERS}: compare with the DGACM list",
        )
    sections = [
        ("observers", {"kind": "STATE", "un_status": "OBSERVER"}),
        ("non_member_states", {"kind": "STATE", "un_status": "NON_MEMBER"}),
        ("organizations", {"kind": "ORGANIZATION", "un_status": "NON_MEMBER"}),
        ("territories", {"kind": "TERRITORY", "un_status": "NON_MEMBER"}),
    ]
    for section, fixed in sections:
        for i, entry in enumerate(data.get(section) or []):
            code = entry.get("code")
            rec = f"{section} #{i} ({code})"
            if code in seen:
                c.fail(rec, f"{code} is listed twice: keep one entry")
                continue
            seen[code] = section
            columns = fixed | {
                "parent": entry.get("parent"),
                "regional_group": c.optional_choice(
                    rec, "regional_group", entry.get("regional_group"), list(RegionalGroup)
                ),
                "notes": c.text(rec, "notes", entry.get("notes"), 2000),
            }
            if "cldr_territory" in entry:
                columns["cldr_territory"] = entry["cldr_territory"]
            row = _jurisdiction(c, rec, code, **columns)
            if row:
                srcs = c.sources(rec, entry.get("sources"), plan.sources)
                observer = row["un_status"] == "OBSERVER" and row["alpha2"]
                row["sources"] = [*srcs, ISO_SOURCE if observer else CLDR_SOURCE]
                plan.jurisdictions.append(row)
    for row in plan.jurisdictions:
        plan.aliases += _aliases(row, row.pop("_alpha2"), un_names.get("ioc") or {}, ioc_ref)
    known = {row["code"] for row in plan.jurisdictions}
    for row in plan.jurisdictions:
        if row["kind"] == "TERRITORY":
            c.reference(f"territories ({row['code']})", "parent", row["parent"], known)


def check_instruments(c: Checker, plan: Plan) -> None:
    instrument_rows(c, plan, c.read("instruments.json") or [])


def instrument_rows(c: Checker, plan: Plan, data: list[dict[str, Any]], prefix: str = "") -> None:
    """Check instrument records (with their provisions) into ``plan``; ``prefix`` names the
    file in messages when it is not instruments.json."""
    codes = {row.get("code") for row in data} | {i["code"] for i in plan.instruments}
    subjects = {row["code"] for row in plan.vocabularies.get("subject", [])}
    for i, row in enumerate(data):
        code = row.get("code")
        rec = f"{prefix}#{i} ({code})"
        if code in {i["code"] for i in plan.instruments}:
            c.fail(rec, "code is used by another instrument: give each its own code")
        supplements = row.get("supplements")
        if supplements is not None:
            c.reference(rec, "supplements", supplements, codes - {code})
        plan.instruments.append(
            {
                "code": c.code(rec, "code", code),
                "short_title": c.text(
                    rec, "short_title", row.get("short_title"), 200, required=True
                ),
                "title": c.text(rec, "title", row.get("title"), 500, required=True),
                "depositary_chapter": c.text(
                    rec, "depositary_chapter", row.get("depositary_chapter"), 40
                ),
                "supplements": supplements,
                "adopted_on": c.date(rec, "adopted_on", row.get("adopted_on")),
                "entry_into_force_on": c.date(
                    rec, "entry_into_force_on", row.get("entry_into_force_on")
                ),
                "days_to_entry_into_force": c.integer(
                    rec, "days_to_entry_into_force", row.get("days_to_entry_into_force")
                ),
                "sources": c.sources(rec, row.get("sources"), plan.sources),
            }
        )
        for p in row.get("provisions") or []:
            prec = f"{rec} article {p.get('article')}"
            plan.provisions.append(
                {
                    "instrument": code,
                    "article": c.text(prec, "article", p.get("article"), 20, required=True),
                    "kind": c.choice(prec, "kind", p.get("kind"), [k.value for k in ProvisionKind]),
                    "subject_code": c.optional_choice(prec, "subject", p.get("subject"), subjects),
                    "summary": c.text(prec, "summary", p.get("summary"), 500, required=True),
                }
            )
