"""The public data as CSV and JSON: jurisdictions, participation, notifications, authorities.

    /downloads/{dataset}.csv | .json     dataset: jurisdictions, participation, notifications,
                                         authorities
    /{lang}/downloads                    the page that lists them, with the licence

Every file is the **public** data whoever asks: the rows are read with ``ANONYMOUS``, so an
authority's contacts pass ``authorities.services.visible_contacts(ANONYMOUS, …)`` (the one
gate) and only those marked public are written; a signed-in reader downloads the same file.
Each row carries its sources (in CSV one cell, ``url-or-document (seen YYYY-MM-DD)`` joined by
`` | ``; in JSON a list). The JSON file states the licence, the as-of date and the columns; a
CSV file sends the licence in a ``Link: …; rel="license"`` header and the page states it.
Each dataset is a few set-based statements for all its rows (never one per row).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import orjson
from sqlalchemy import Table
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import Response

from directory.accounts.permissions import ANONYMOUS
from directory.authorities import services as authorities
from directory.authorities.models import authority_source
from directory.treaties import services as treaties
from directory.treaties.models import (
    Jurisdiction,
    Source,
    jurisdiction_source,
    notification_source,
    participation_source,
)
from directory.treaties.services import JurisdictionQuery
from directory.web.base import Page, PageNotFound, Web, cached

__all__ = ["DATASETS", "LICENCE", "LICENCE_URL", "dataset_rows", "download", "downloads_page"]

LICENCE = (
    "The directory's data is offered under the Creative Commons Attribution 4.0 International "
    "licence (CC BY 4.0): cite 'Directory of Competent National Authorities' and the as-of date. "
    "Each fact comes from the sources cited with it, which keep their own terms."
)
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
DATASETS = ("jurisdictions", "participation", "notifications", "authorities")
LANGS = ("ar", "zh", "en", "fr", "ru", "es")
Row = dict[str, Any]


def _source(s: Source) -> dict[str, str | None]:
    return {
        "url": s.url,
        "document": s.document,
        "title": s.title,
        "kind": str(s.kind),
        "seen_on": s.seen_on.isoformat(),
    }


async def _cited(session: AsyncSession, table: Table, ids: Sequence[int]) -> dict[int, list[Any]]:
    by_fact: dict[int, list[Any]] = defaultdict(list)
    if ids:
        for fact_id, source in await treaties.sources_for(session, table, list(ids)):
            by_fact[fact_id].append(_source(source))
    return by_fact


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


async def _jurisdictions(session: AsyncSession) -> list[Jurisdiction]:
    rows: list[Jurisdiction] = []
    after: str | None = None
    while True:
        found = await treaties.list_jurisdictions(
            session, JurisdictionQuery(), first=treaties.MAX_PAGE_SIZE, after=after
        )
        rows.extend(found.rows)
        if not found.has_next or not found.rows:
            return rows
        after = found.rows[-1].code


async def dataset_rows(session: AsyncSession, dataset: str) -> list[Row]:
    """The rows of ``dataset`` (one of ``DATASETS``), public values only."""
    every = await _jurisdictions(session)
    code = {j.id: j.code for j in every}
    ids = [j.id for j in every]
    if dataset == "jurisdictions":
        names: dict[int, dict[str, str]] = defaultdict(dict)
        for n in await treaties.names_for(session, ids):
            names[n.jurisdiction_id][str(n.language)] = n.name
        sources = await _cited(session, jurisdiction_source, ids)
        return [
            {
                "code": j.code,
                "kind": str(j.kind),
                "parent": code.get(j.parent_id) if j.parent_id else None,
                "alpha2": j.alpha2,
                "m49": j.m49,
                "un_status": str(j.un_status),
                "regional_group": str(j.regional_group) if j.regional_group else None,
                **{f"name_{lang}": names[j.id].get(lang) for lang in LANGS},
                "sources": sources[j.id],
            }
            for j in every
        ]
    instruments = {i.id: i for i in await treaties.all_instruments(session)}
    if dataset == "participation":
        rows = await treaties.participations_for(session, ids)
        sources = await _cited(session, participation_source, [p.id for p in rows])
        return [
            {
                "jurisdiction": code[p.jurisdiction_id],
                "instrument": instruments[p.instrument_id].code,
                "signed_on": _day(p.signed_on),
                "consent_on": _day(p.consent_on),
                "consent_type": str(p.consent_type) if p.consent_type else None,
                "party_date_unknown": p.party_date_unknown,
                "in_force_on": _day(treaties.in_force_on(p, instruments[p.instrument_id])),
                "status_as_of": _day(p.status_as_of),
                "verification": str(p.verification),
                "sources": sources[p.id],
            }
            for p in sorted(rows, key=lambda p: (code[p.jurisdiction_id], p.instrument_id))
        ]
    if dataset == "notifications":
        found = await treaties.notifications_for(session, ids)
        provisions = {
            p.id: p
            for p in await treaties.provisions_by_ids(
                session, sorted({n.provision_id for n in found})
            )
        }
        sources = await _cited(session, notification_source, [n.id for n in found])
        return [
            {
                "jurisdiction": code[n.jurisdiction_id],
                "instrument": instruments[provisions[n.provision_id].instrument_id].code,
                "article": provisions[n.provision_id].article,
                "status": str(n.status),
                "extradition_basis": str(n.extradition_basis) if n.extradition_basis else None,
                "notified_on": _day(n.notified_on),
                "depositary_reference": n.depositary_reference,
                "condition": n.condition,
                "summary": n.summary,
                "verification": str(n.verification),
                "sources": sources[n.id],
            }
            for n in sorted(found, key=lambda n: (code[n.jurisdiction_id], n.provision_id))
        ]
    if dataset == "authorities":
        rows_a = await authorities.authorities_for(session, ids)
        a_ids = [a.id for a in rows_a]
        a_names: dict[int, dict[str, str]] = defaultdict(dict)
        for an in await authorities.names_for(session, a_ids):
            a_names[an.authority_id][an.language] = an.name
        contacts: dict[int, list[Any]] = defaultdict(list)
        for c in await authorities.contacts_for(session, a_ids):
            contacts[c.authority_id].append(c)
        subjects: dict[int, set[str]] = defaultdict(set)
        for d in await authorities.designations_for(session, a_ids):
            subjects[d.authority_id].add(d.subject_code)
        sources = await _cited(session, authority_source, a_ids)
        return [
            {
                "key": a.key,
                "jurisdiction": code[a.jurisdiction_id],
                "name_en": a_names[a.id].get("en"),
                "names": a_names[a.id],
                "street_address": a.street_address,
                "city": a.city,
                "postal_code": a.postal_code,
                "website": a.website,
                "time_zone": a.time_zone,
                # THE gate, for the public: only contacts marked public
                "public_contacts": [
                    {"kind": str(c.kind), "value": c.value, "label": c.label}
                    for c in authorities.visible_contacts(
                        ANONYMOUS, contacts[a.id], a.jurisdiction_id
                    )
                ],
                "subjects": sorted(subjects[a.id]),
                "status": str(a.status),
                "verification": str(a.verification),
                "last_confirmed_on": _day(a.last_confirmed_on),
                "sources": sources[a.id],
            }
            for a in rows_a
        ]
    raise PageNotFound("download", dataset)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return " | ".join(f"{k}: {v}" for k, v in sorted(value.items()))
    if isinstance(value, list):
        return " | ".join(_cell(item) for item in value)
    if isinstance(value, str):
        return value
    return str(value)


def _source_cell(sources: list[dict[str, str | None]]) -> str:
    return " | ".join(f"{s['url'] or s['document']} (seen {s['seen_on']})" for s in sources)


def to_csv(rows: list[Row]) -> str:
    out = io.StringIO()
    if rows:
        columns = list(rows[0])
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(
                [_source_cell(row[c]) if c == "sources" else _cell(row[c]) for c in columns]
            )
    return out.getvalue()


async def download(web: Web, request: Request) -> Response:
    """``/downloads/{name}``: ``jurisdictions.csv`` … ``authorities.json``."""
    name = str(request.path_params.get("name", ""))
    dataset, _, kind = name.partition(".")
    if dataset not in DATASETS or kind not in ("csv", "json"):
        return Response(
            f"no download {name[:60]!r}: one of "
            + ", ".join(f"{d}.csv, {d}.json" for d in DATASETS),
            status_code=404,
            media_type="text/plain",
        )
    async with web.sessionmaker() as session:
        rows = await dataset_rows(session, dataset)
        as_of = await treaties.latest_source_date(session)
    headers = {
        "content-disposition": f'attachment; filename="directory-{name}"',
        "link": f'<{LICENCE_URL}>; rel="license"',
    }
    if kind == "csv":
        response = Response(to_csv(rows), media_type="text/csv; charset=utf-8", headers=headers)
    else:
        body = {
            "dataset": dataset,
            "as_of": _day(as_of),
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
            "columns": list(rows[0]) if rows else [],
            "rows": rows,
        }
        response = Response(orjson.dumps(body), media_type="application/json", headers=headers)
    return cached(request, response, public=True)


async def downloads_page(p: Page) -> Response:
    return p.render(
        "downloads.html",
        datasets=DATASETS,
        licence_url=LICENCE_URL,
        as_of=await treaties.latest_source_date(p.session),
    )
