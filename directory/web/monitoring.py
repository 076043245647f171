"""The secretariat's monitoring page: coverage and freshness per State and regional group.

``/{lang}/monitoring`` shows two tables from ``directory.coverage`` (per regional group, then
per jurisdiction), sorted on the server by any column (``?sort=stale&order=desc``) and
filtered by regional group (``?group=AFRICAN``), so it works without JavaScript; the gaps
(no 18(13) central authority, stale entries, unverified facts, entries never confirmed) are
marked in the rows. ``/{lang}/monitoring.csv`` exports the same rows, every column, sorted
and filtered alike. Secretariat only (``Permission.MONITORING_READ``): signed-out readers
are sent to sign in, anyone else gets the 403 page.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from starlette.responses import RedirectResponse, Response

from directory.accounts.permissions import Permission
from directory.coverage import Scope, coverage
from directory.coverage.formats import as_csv, group_rows, state_rows
from directory.enums import RegionalGroup
from directory.web import params
from directory.web.base import Page
from directory.web.labels import N_
from directory.web.params import BadParameter

__all__ = ["monitoring_csv", "monitoring_page"]

# The per-State table's columns: key of ``formats.state_rows`` → heading (translated).
COLUMNS = {
    "code": N_("State"),
    "regional_group": N_("Regional group"),
    "participation_UNTOC": N_("UNTOC parties"),
    "untoc_16_5": "16(5)",  # an article: "art. 16(5)" in every language
    "untoc_18_13": "18(13)",
    "untoc_18_14": "18(14)",
    "authorities": N_("Authorities"),
    "central_authority_18_13": N_("18(13) central authority"),
    "stale": N_("Stale entries"),
    "never_confirmed": N_("Never confirmed"),
    "unverified": N_("Unverified facts"),
}
GROUPS = {
    RegionalGroup.AFRICAN: N_("African States"),
    RegionalGroup.ASIA_PACIFIC: N_("Asia-Pacific States"),
    RegionalGroup.EEG: N_("Eastern European States"),
    RegionalGroup.GRULAC: N_("Latin American and Caribbean States"),
    RegionalGroup.WEOG: N_("Western European and other States"),
}
ORDERS = ("asc", "desc")


def _refused(p: Page) -> Response | None:
    if not p.principal.is_authenticated:
        return RedirectResponse(p.url("/sign-in"), status_code=303)
    if not p.principal.has(Permission.MONITORING_READ):
        return p.render("error.html", 403, forbidden=True)
    return None


def _choice(value: str | None, field: str, allowed: Any) -> str | None:
    if value is not None and value not in allowed:
        raise BadParameter(field, value, "bad_code")
    return value


async def _rows(p: Page) -> tuple[Any, list[dict[str, Any]], dict[str, str]]:
    """The report and its per-State rows sorted and filtered as the query asks."""
    group = _choice(params.vocabulary_code(p.params, "group"), "group", set(RegionalGroup))
    sort = _choice(params.text(p.params, "sort", limit=40), "sort", COLUMNS) or "code"
    order = _choice(params.text(p.params, "order", limit=10), "order", ORDERS) or "asc"
    report = await coverage(
        p.session,
        as_of=p.now.date(),
        stale_after_days=p.web.settings.stale_after_days,
        scope=Scope(regional_group=RegionalGroup(group) if group else None),
    )
    rows = sorted(state_rows(report), key=lambda r: r["code"])
    rows.sort(key=lambda r: _key(r[sort]), reverse=order == "desc")  # stable: code breaks ties
    return report, rows, {"group": group or "", "sort": sort, "order": order}


def _heading(p: Page, key: str, label: str) -> str:
    if key.startswith("untoc_"):
        return p.gettext("art. %(article)s") % {"article": label}
    return p.gettext(label)


def _key(value: Any) -> tuple[int, Any]:
    return (0, value) if isinstance(value, bool | int) else (1, str(value))


async def monitoring_page(p: Page) -> Response:
    if (away := _refused(p)) is not None:
        return away
    report, rows, chosen = await _rows(p)
    headings = []
    for key, label in COLUMNS.items():
        next_order = "desc" if chosen["sort"] == key and chosen["order"] == "asc" else "asc"
        query = {
            "sort": key,
            "order": next_order,
            **({"group": chosen["group"]} if chosen["group"] else {}),
        }
        headings.append(
            {
                "key": key,
                "label": _heading(p, key, label),
                "href": p.url("/monitoring") + "?" + urlencode(query),
                "sorted": (
                    ("ascending" if chosen["order"] == "asc" else "descending")
                    if chosen["sort"] == key
                    else None
                ),
            }
        )
    csv_query = urlencode({k: v for k, v in chosen.items() if v})
    return p.render(
        "monitoring.html",
        report=report,
        totals=group_rows(report)[-1],
        groups=group_rows(report)[:-1],
        rows=rows,
        headings=headings,
        chosen=chosen,
        group_names={g.value: p.gettext(label) for g, label in GROUPS.items()},
        csv_url=p.url("/monitoring.csv") + ("?" + csv_query if csv_query else ""),
    )


async def monitoring_csv(p: Page) -> Response:
    if (away := _refused(p)) is not None:
        return away
    report, rows, _chosen = await _rows(p)
    day = report.as_of.isoformat()
    return Response(
        as_csv(rows),
        media_type="text/csv; charset=utf-8",
        headers={
            "content-disposition": f'attachment; filename="directory-coverage-{day}.csv"',
            "cache-control": "private, no-store",
        },
    )
