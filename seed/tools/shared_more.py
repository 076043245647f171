"""The later research files' declarations (``notifications_more.json``) as notification
rows, and the authorities they name.

Only what the declaration text says is stored: a 16(5) answer, an 18(13) designation, the
18(14) languages. The scrape keeps no date per text, so ``notified_on`` stays empty and the
deposit date of the State's instrument is named in the notes. Declarations on other
articles (dual criminality, arts. 13(6), 18(7), 27(2), interpretative ones) have no place
in the model yet and are left out.
"""

from __future__ import annotations

from typing import Any

BASIS = {"yes": "YES", "no": "NO", "conditional": "CONDITIONAL"}
UNDATED = (
    "The scrape keeps no date per declaration; UNTC says declarations were made with the "
    "instrument unless stated otherwise (instrument deposited on {deposit})."
)
# (instrument, article in the research file) -> the provisions it speaks to, with the
# languages named; only the records whose article is one the seed holds
OTHER = {("UNCAC", "44; 46(13); 46(14)")}


def notifications(data: dict[str, Any], cite: Any, seen: str) -> list[dict[str, Any]]:
    rows = []
    for n in data["notifications"]:
        urls = cite(n["sources"], seen)
        base = {
            "jurisdiction": n["iso3"],
            "instrument": "UNTOC",
            "extradition_basis": None,
            "condition": None,
            "notified_on": n["date"],
            "depositary_reference": n["cn_reference"],
            "notes": UNDATED.format(deposit=n["instrument_deposit_date"]),
            "languages": [],
            "sources": urls,
        }
        answer = (n["art16_5"] or {}).get("takes_convention_as_extradition_basis")
        if answer:
            rows.append(
                base
                | {
                    "article": "16(5)",
                    "status": "NOTIFIED",
                    "extradition_basis": BASIS[answer],
                    "summary": n["art16_5"]["detail"],
                }
            )
        if (n["art18_13"] or {}).get("designated"):
            rows.append(
                base
                | {
                    "article": "18(13)",
                    "status": "NOTIFIED",
                    "summary": "Central authorities designated: "
                    f"{n['art18_13']['authority_name']}.",
                }
            )
        languages = (n["art18_14"] or {}).get("languages_iso639_1")
        if languages:
            rows.append(
                base
                | {
                    "article": "18(14)",
                    "status": "NOTIFIED",
                    "summary": n["art18_14"]["summary"],
                    "languages": [{"language": code, "condition": None} for code in languages],
                }
            )
    for n in data["other_notifications"]:
        if (n["instrument"], n["article"]) not in OTHER:
            continue
        urls = cite(n["sources"], seen)
        base = {
            "jurisdiction": n["iso3"],
            "instrument": n["instrument"],
            "status": "NOTIFIED",
            "extradition_basis": None,
            "condition": None,
            "notified_on": n["date"],
            "depositary_reference": None,
            "notes": UNDATED.format(deposit=n["instrument_deposit_date"]),
            "languages": [],
            "sources": urls,
            "summary": n["content"],
        }
        rows.append(base | {"article": "46(13)"})
        rows.append(base | {"article": "46(14)", "languages": [_spanish()]})
    return rows


def _spanish() -> dict[str, Any]:
    # El Salvador's record: "acceptable language (art. 46(14)) is Spanish"
    return {"language": "es", "condition": None}


def stage(raw: str | None, stages: set[str]) -> tuple[str | None, str | None]:
    """``"INVESTIGATION (pre-trial stage, …)"`` → (INVESTIGATION, the words in brackets)."""
    if raw is None:
        return None, None
    code, _, rest = raw.partition(" ")
    if code not in stages:
        raise SystemExit(f"stage {raw!r} is not a stage of seed/vocabularies.json")
    return code, rest.strip("() ") or None


def provision(designated_under: str | None) -> dict[str, str] | None:
    """The UNTOC 18(13) provision when the record says the designation was made under it."""
    if designated_under and designated_under.startswith("UNTOC art. 18(13)"):
        return {"instrument": "UNTOC", "article": "18(13)"}
    return None
