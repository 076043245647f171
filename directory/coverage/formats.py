"""The coverage report as flat rows, and those rows as a text table, CSV or JSON.

Flat rows are what a spreadsheet wants: one column per instrument (the standing), per UNTOC
provision (the notification status) and per subject (active authorities designated for it).
The CLI prints them; the secretariat's monitoring page exports the same columns as CSV.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from directory.coverage.report import UNTOC_PROVISIONS, Coverage, GroupCoverage, StateCoverage

__all__ = ["as_csv", "as_json", "as_table", "group_rows", "state_rows", "summary_lines"]


def _article_key(article: str) -> str:
    return "untoc_" + article.replace("(", "_").replace(")", "")  # 18(13) → untoc_18_13


def state_rows(report: Coverage) -> list[dict[str, Any]]:
    """One flat row per jurisdiction, in the report's order."""
    return [_state_row(report, row) for row in report.states]


def _state_row(report: Coverage, row: StateCoverage) -> dict[str, Any]:
    flat: dict[str, Any] = {
        "code": row.code,
        "name": row.name,
        "kind": row.kind.value,
        "regional_group": row.regional_group.value if row.regional_group else "",
    }
    for code in report.instruments:
        flat[f"participation_{code}"] = row.participation[code].value
    for article in UNTOC_PROVISIONS:
        status = row.notifications[article]
        flat[_article_key(article)] = status.value if status is not None else "NONE"
    flat |= {
        "central_authority_18_13": row.central_authority_18_13,
        "receives_mla": row.receives_mla,
        "authorities": row.counts.authorities,
        "stale": row.counts.stale,
        "never_confirmed": row.counts.never_confirmed,
        "unverified": row.counts.unverified,
    }
    for subject in report.subjects:
        flat[f"authorities_{subject}"] = row.counts.by_subject.get(subject, 0)
    return flat


def group_rows(report: Coverage) -> list[dict[str, Any]]:
    """One flat row per regional group ("" for jurisdictions without one), then "ALL"."""
    return [_group_row(report, g, None) for g in report.regions] + [
        _group_row(report, report.totals, "ALL")
    ]


def _group_row(report: Coverage, group: GroupCoverage, label: str | None) -> dict[str, Any]:
    name = label or (group.regional_group.value if group.regional_group else "")
    flat: dict[str, Any] = {"regional_group": name, "jurisdictions": group.jurisdictions}
    for code in report.instruments:
        flat[f"parties_{code}"] = group.parties[code]
        flat[f"parties_date_unknown_{code}"] = group.parties_date_unknown[code]
    for article in UNTOC_PROVISIONS:
        flat[f"{_article_key(article)}_notified"] = group.notifications[article].get("NOTIFIED", 0)
    flat |= {
        "with_authority": group.with_authority,
        "with_central_authority_18_13": group.with_central_authority_18_13,
        "without_central_authority_18_13": group.without_central_authority_18_13,
        "receiving_mla": group.receiving_mla,
        "authorities": group.counts.authorities,
        "stale": group.counts.stale,
        "never_confirmed": group.counts.never_confirmed,
        "unverified": group.counts.unverified,
    }
    for subject in report.subjects:
        flat[f"authorities_{subject}"] = group.counts.by_subject.get(subject, 0)
    return flat


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def as_csv(rows: list[dict[str, Any]]) -> str:
    """RFC 4180 CSV with a header row (booleans as yes/no)."""
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows({k: _cell(v) for k, v in r.items()} for r in rows)
    return out.getvalue()


def as_json(report: Coverage, rows: list[dict[str, Any]]) -> str:
    """The rows with the report's day and freshness window, and the totals."""
    return json.dumps(
        {
            "as_of": report.as_of.isoformat(),
            "stale_after_days": report.stale_after_days,
            "totals": _group_row(report, report.totals, "ALL"),
            "rows": rows,
        },
        ensure_ascii=False,
        indent=2,
    )


# The columns a terminal can hold; CSV and JSON carry every column.
_TABLE_STATE = (
    ("code", "code"),
    ("regional_group", "group"),
    ("participation_UNTOC", "UNTOC"),
    ("untoc_16_5", "16(5)"),
    ("untoc_18_13", "18(13)"),
    ("untoc_18_14", "18(14)"),
    ("authorities", "auth."),
    ("central_authority_18_13", "18(13) CA"),
    ("stale", "stale"),
    ("never_confirmed", "never conf."),
    ("unverified", "unverified"),
)
_TABLE_GROUP = (
    ("regional_group", "group"),
    ("jurisdictions", "juris."),
    ("parties_UNTOC", "UNTOC parties"),
    ("untoc_16_5_notified", "16(5) notif."),
    ("untoc_18_13_notified", "18(13) notif."),
    ("untoc_18_14_notified", "18(14) notif."),
    ("with_authority", "with auth."),
    ("with_central_authority_18_13", "18(13) CA"),
    ("authorities", "auth."),
    ("stale", "stale"),
    ("never_confirmed", "never conf."),
    ("unverified", "unverified"),
)


def as_table(rows: list[dict[str, Any]], *, by_group: bool) -> str:
    """Aligned text columns (a subset: the gaps the secretariat chases)."""
    columns = _TABLE_GROUP if by_group else _TABLE_STATE
    cells = [[label for _, label in columns]] + [
        [_cell(r.get(key, "")) for key, _ in columns] for r in rows
    ]
    widths = [max(len(line[i]) for line in cells) for i in range(len(columns))]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() for line in cells
    )


def summary_lines(report: Coverage) -> list[str]:
    """The totals in words, under the table."""
    t = report.totals
    untoc = t.parties.get("UNTOC", 0)
    unknown = t.parties_date_unknown.get("UNTOC", 0)
    return [
        f"as of {report.as_of.isoformat()} (stale after {report.stale_after_days} days): "
        f"{t.jurisdictions} jurisdictions",
        f"UNTOC parties with participation: {untoc} ({unknown} with an unknown date)",
        f"jurisdictions with an authority: {t.with_authority}",
        f"jurisdictions with an 18(13) central authority: {t.with_central_authority_18_13} "
        f"(receiving MLA requests at all: {t.receiving_mla})",
        f"active authorities: {t.counts.authorities}; stale: {t.counts.stale}; "
        f"never confirmed: {t.counts.never_confirmed}; unverified facts: {t.counts.unverified}",
    ]
