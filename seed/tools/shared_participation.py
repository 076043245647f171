"""Participation rows from the research files: the 2024 status extract (``untoc_status.json``)
and the full tables (``untoc_participation_full.json``), merged field by field.

For each State and instrument every row that speaks of it is ranked by its status date
(the newest first); each field takes the value of the newest row that gives one. A row
that gives another value is kept as a further source and its value is named in the notes.
A row whose source names the State a party without a consent date is a party with an
unknown date (``party_date_unknown``); nothing is computed from other facts.
"""

from __future__ import annotations

import re
from typing import Any

FIELDS = {"signature_date": "signed_on", "action_date": "consent_on", "action_type": "consent_type"}
_ISO_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def status_day(text: str | None) -> str | None:
    """The day a status line states (``"2018-10-15 (national statement)"`` → 2018-10-15);
    a year alone or no line: None (never rounded to a day)."""
    found = _ISO_DAY.match(text or "")
    return found.group(1) if found else None


def row_sources(row: dict[str, Any]) -> list[str]:
    urls = [row.get("source"), row.get("signature_date_source"), row.get("action_date_source")]
    urls += row.get("corroborating_sources") or []
    superseded = row.get("superseded_2014_row") or {}
    urls.append(superseded.get("source"))
    return [u for u in dict.fromkeys(urls) if u]


def source_days(status: dict[str, Any], full: dict[str, Any]) -> dict[str, str]:
    """Source URL → the status day it states, where a research file says it."""
    days = {status["meta"]["primary_source"]: status_day(status["meta"]["primary_status_as_at"])}
    for row in full["participation"]:
        day = status_day(row.get("status_as_at"))
        if day:
            days[row["source"]] = max(day, days.get(row["source"]) or day)
        superseded = row.get("superseded_2014_row") or {}
        if status_day(superseded.get("status_as_at")):
            days.setdefault(superseded["source"], status_day(superseded["status_as_at"]))
    return {url: day for url, day in days.items() if day}


def _row_day(row: dict[str, Any], days: dict[str, str]) -> str:
    return max((days[u] for u in row_sources(row) if u in days), default="")


def merge(
    status: dict[str, Any], full: dict[str, Any], cite: Any, verification: Any, seen: str
) -> list[dict[str, Any]]:
    """One seed row per (State, instrument), in the full file's order, then the extract's."""
    days = source_days(status, full)
    rows: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for p in [*full["participation"], *status["participation"]]:
        rows.setdefault((p["iso3"], p["instrument"]), []).append(p)
    out = []
    for (iso3, instrument), found in rows.items():
        found = sorted(found, key=lambda r: _row_day(r, days), reverse=True)
        values: dict[str, Any] = {}
        notes: list[str] = []
        for row in found:
            for field, column in FIELDS.items():
                value = row.get(field)
                if value is None:
                    continue
                if column not in values:
                    values[column] = value
                elif values[column] != value and not _compatible(values[column], value):
                    notes.append(
                        f"An older source ({row['source']}) gives {field} {value}; "
                        f"the newer value {values[column]} is kept."
                    )
        urls = cite([u for r in found for u in row_sources(r)], seen)
        consent_on = values.get("consent_on")
        known = [days[u] for u in urls if u in days]
        # a source that reports a consent was written on or after it
        as_of = max([*known, *([consent_on] if consent_on else [])], default=None)
        note = next((r["note"] for r in found if r.get("note")), None)
        out.append(
            {
                "jurisdiction": iso3,
                "instrument": instrument,
                "signed_on": values.get("signed_on"),
                "consent_on": consent_on,
                "consent_type": values.get("consent_type"),
                "party_date_unknown": consent_on is None and values.get("consent_type") is not None,
                "status_as_of": as_of,
                "territorial_application": None,
                "verification": verification(urls),
                "notes": " ".join([*([note] if note else []), *notes]) or None,
                "sources": urls,
            }
        )
    return out


def _compatible(newer: str, older: str) -> bool:
    # NL Trb. code "R" covers ratification, acceptance or approval
    return "ratification_acceptance_or_approval" in (newer, older)


def add_territorial(
    rows: list[dict[str, Any]],
    notices: list[dict[str, Any]],
    cite: Any,
    verification: Any,
    seen: str,
) -> None:
    """Territorial declarations go on the State's UNTOC row (later notices win: fuller text);
    a State whose consent row is missing gets a row carrying only the declaration."""
    by_key = {(r["jurisdiction"], r["instrument"]): r for r in rows}
    for notice in notices:
        if not notice.get("territorial_application"):
            continue
        row = by_key.get((notice["iso3"], "UNTOC"))
        if row is None:
            row = by_key[(notice["iso3"], "UNTOC")] = {
                "jurisdiction": notice["iso3"],
                "instrument": "UNTOC",
                "signed_on": None,
                "consent_on": None,
                "consent_type": None,
                "party_date_unknown": False,
                "status_as_of": None,
                "territorial_application": None,
                "verification": None,
                "notes": "Consent date not reached in the stored sources; territorial facts only.",
                "sources": [],
            }
            rows.append(row)
        row["territorial_application"] = notice["territorial_application"]
        row["sources"] = cite(row["sources"] + notice["sources"], seen)
        row["verification"] = verification(row["sources"])
