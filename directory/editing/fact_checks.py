"""Checks shared by the treaty-fact writes: the codes they name exist, and their sources
are usable. Problems are collected (``directory.editing.validation.Problems``), never
raised one by one, so the caller learns every bad value at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.editing.validation import Problems
from directory.enums import SourceKind
from directory.treaties import models as tm


@dataclass
class SourceInput:
    """A URL or a document symbol (at least one), who published it, the date it states (if
    any) and the day it was read."""

    seen_on: dt.date
    url: str | None = None
    document: str | None = None
    title: str | None = None
    kind: SourceKind = SourceKind.OFFICIAL
    stated_on: dt.date | None = None


@dataclass
class FactRefs:
    """The rows a fact names. Only ``provision`` may be None once the problems are raised
    (it is None for a participation); unknown codes leave None and a problem."""

    jurisdiction: tm.Jurisdiction | None
    instrument: tm.Instrument | None
    provision: tm.Provision | None = None


async def check_refs(
    session: AsyncSession, p: Problems, jurisdiction: str, instrument: str, article: str | None
) -> FactRefs:
    """The jurisdiction (alpha-3), the instrument (code) and, when ``article`` is given, its
    provision; each unknown one is a problem naming what exists."""
    j_code = (jurisdiction or "").strip().upper()
    j = await session.scalar(select(tm.Jurisdiction).where(tm.Jurisdiction.code == j_code))
    if j is None:
        p.add(
            ["jurisdiction"],
            jurisdiction,
            f"jurisdiction {jurisdiction!r} is unknown: give an ISO 3166-1 alpha-3 code the "
            "directory holds (e.g. 'FRA')",
        )
    i_code = (instrument or "").strip().upper()
    i = await session.scalar(select(tm.Instrument).where(tm.Instrument.code == i_code))
    if i is None:
        codes = ", ".join(await session.scalars(select(tm.Instrument.code).order_by("code")))
        p.add(
            ["instrument"],
            instrument,
            f"instrument {instrument!r} is unknown: use one of {codes or 'the seeded codes'}",
        )
    provision = None
    if article is not None and i is not None:
        provision = await session.scalar(
            select(tm.Provision).where(
                tm.Provision.instrument_id == i.id, tm.Provision.article == article.strip()
            )
        )
        if provision is None:
            known = ", ".join(
                await session.scalars(
                    select(tm.Provision.article)
                    .where(tm.Provision.instrument_id == i.id)
                    .order_by(tm.Provision.article)
                )
            )
            p.add(
                ["article"],
                article,
                f"{i.code} has no provision {article!r} States notify under: use one of "
                f"{known or '(none recorded: add the provision to the seed first)'}",
            )
    return FactRefs(j, i, provision)


def check_sources(
    p: Problems,
    sources: Sequence[SourceInput],
    today: dt.date,
    *,
    required: bool = True,
    at: Sequence[str | int] = (),
) -> None:
    """At least one source (when ``required``); each a URL (http or https) or a document
    symbol, seen on a day that is not in the future. ``at``: where ``sources`` sits in the
    input (e.g. under ``fields``)."""
    if required and not sources:
        p.add(
            [*at, "sources"],
            [],
            "no source given: cite at least one (the depositary notification's URL or its "
            "C.N. document symbol) with the day you read it",
        )
    for n, s in enumerate(sources):
        url = (s.url or "").strip()
        if not url and not (s.document or "").strip():
            p.add(
                [*at, "sources", n],
                None,
                "source has neither url nor document: give one, e.g. "
                "'https://treaties.un.org/…' or 'C.N.123.2004.TREATIES-2'",
            )
        parts = urlsplit(url)
        if url and (parts.scheme not in ("http", "https") or not parts.hostname or " " in url):
            p.add(
                [*at, "sources", n, "url"],
                url,
                f"source url {url!r} is not an http(s) URL: use e.g. 'https://treaties.un.org/…'",
            )
        if s.stated_on is not None and s.stated_on > s.seen_on:
            p.add(
                [*at, "sources", n, "stated_on"],
                s.stated_on.isoformat(),
                f"stated_on {s.stated_on} is after seenOn {s.seen_on}: a source cannot state "
                "a date after the day you read it; give the date printed on the source",
            )
        if s.seen_on > today:
            p.add(
                [*at, "sources", n, "seen_on"],
                s.seen_on.isoformat(),
                f"seen_on {s.seen_on} is in the future: give the day you read the source",
            )
