"""Instruments and their provisions, written by the secretariat only.

    create_instrument(change)   a treaty the directory did not hold (ETS 182, …)
    update_instrument(change)   by code; a field left None is unchanged
    create_provision(change)    an article of an instrument (article, kind, subject)
    update_provision(change)    by id; a field left None is unchanged

A treaty is data, never a migration: these writes are how one enters the directory outside
the seed. They need ``directory:instrument:write`` (the secretariat's), apply at once, cite
their sources (``instrument_source``, ``provision_source``: a create needs one; an update
given sources replaces them, None keeps them) and write one revision each (entity type
``instrument`` or ``provision``, before and after, no jurisdiction's) in the same
transaction. Nothing is written when any value is bad (``InputErrors``, every problem at once).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.accounts.permissions import Permission, Principal
from directory.audit.models import Action, Revision
from directory.audit.services import record
from directory.audit.snapshot import row_snapshot
from directory.db import utcnow
from directory.editing import sources as cited
from directory.editing import storable
from directory.editing import validation as v
from directory.editing.fact_checks import SourceInput, check_sources
from directory.editing.scope_checks import code as vocabulary_code
from directory.enums import ProvisionKind
from directory.errors import NotFound
from directory.treaties import models as tm

__all__ = [
    "CreateInstrument",
    "CreateProvision",
    "TreatyOutcome",
    "UpdateInstrument",
    "UpdateProvision",
    "create_instrument",
    "create_provision",
    "update_instrument",
    "update_provision",
]

_CODE = re.compile(r"^[A-Z][A-Z0-9_-]{1,39}$")
# an article as cited: 16(5), 18(13), 8, 46(13), 27(1)(b), 6bis
_ARTICLE = re.compile(r"^[0-9]{1,4}[a-z]{0,6}(\([0-9a-z]{1,4}\)){0,3}$")
_INSTRUMENT = {
    f: v.length(tm.Instrument.__table__.c[f])
    for f in ("short_title", "title", "depositary_chapter")
}
_SUMMARY = v.length(tm.Provision.__table__.c.summary)


@dataclass
class CreateInstrument:
    code: str  # upper case: UNTOC, ETS030, …
    short_title: str
    title: str
    sources: list[SourceInput]
    depositary_chapter: str | None = None  # XVIII-12 in the UN Treaty Collection
    supplements: str | None = None  # the code of the convention a protocol supplements
    adopted_on: dt.date | None = None
    entry_into_force_on: dt.date | None = None
    days_to_entry_into_force: int | None = None


@dataclass
class UpdateInstrument:
    code: str  # the instrument's code (not changed: it is what other records name)
    short_title: str | None = None
    title: str | None = None
    depositary_chapter: str | None = None
    supplements: str | None = None
    adopted_on: dt.date | None = None
    entry_into_force_on: dt.date | None = None
    days_to_entry_into_force: int | None = None
    sources: list[SourceInput] | None = None


@dataclass
class CreateProvision:
    instrument: str  # code
    article: str  # 18(13)
    kind: ProvisionKind
    summary: str  # what it asks of States, in English
    sources: list[SourceInput]
    subject: str | None = None  # a subject code (MLA, …); None: general


@dataclass
class UpdateProvision:
    provision_id: int
    article: str | None = None
    kind: ProvisionKind | None = None
    summary: str | None = None
    subject: str | None = None
    sources: list[SourceInput] | None = None


@dataclass
class TreatyOutcome:
    """The row as written and the revision that recorded it."""

    entity: Any
    revision: Revision
    sources: list[tm.Source]


_MODELS = {
    CreateInstrument: tm.Instrument,
    UpdateInstrument: tm.Instrument,
    CreateProvision: tm.Provision,
    UpdateProvision: tm.Provision,
    SourceInput: tm.Source,
}


def _start(principal: Principal, change: Any, reason: str | None) -> str | None:
    principal.require(Permission.INSTRUMENT_WRITE)
    storable.check(change, _MODELS)
    return v.reason(reason)


async def _by_code(session: AsyncSession, code: str | None) -> tm.Instrument | None:
    if not code:
        return None
    found: tm.Instrument | None = await session.scalar(
        select(tm.Instrument).where(tm.Instrument.code == code.upper())
    )
    return found


def _required_text(p: v.Problems, name: str, value: str | None, limit: int) -> str | None:
    clean = v.text(p, [name], value, limit)
    if value is not None and not (clean or "").strip():
        p.add([name], value, f"{name} is empty: give the instrument's {name.replace('_', ' ')}")
    return clean


async def _instrument_values(
    p: v.Problems,
    session: AsyncSession,
    change: CreateInstrument | UpdateInstrument,
    today: dt.date,
    stored_adopted_on: dt.date | None = None,
) -> dict[str, Any]:
    """The columns the change sets (None fields of an update are left out);
    ``stored_adopted_on``: an updated instrument's, for the entry-into-force check."""
    values: dict[str, Any] = {}
    for name in ("short_title", "title"):
        if getattr(change, name) is not None:
            values[name] = _required_text(p, name, getattr(change, name), _INSTRUMENT[name])
    if change.depositary_chapter is not None:
        values["depositary_chapter"] = v.text(
            p,
            ["depositary_chapter"],
            change.depositary_chapter,
            _INSTRUMENT["depositary_chapter"],
        )
    if change.supplements is not None:
        parent = await _by_code(session, change.supplements)
        if parent is None or parent.code == change.code.upper():
            p.add(
                ["supplements"],
                change.supplements,
                f"supplements {change.supplements!r} is not another instrument's code: "
                "give the code of the convention the protocol supplements, e.g. 'UNTOC'",
                missing=parent is None,
            )
        values["supplements_id"] = parent.id if parent else None
    if change.adopted_on is not None:
        if change.adopted_on > today:
            p.add(
                ["adopted_on"],
                change.adopted_on.isoformat(),
                f"adopted_on {change.adopted_on} is in the future: give the day of adoption",
            )
        values["adopted_on"] = change.adopted_on
    if change.entry_into_force_on is not None:
        values["entry_into_force_on"] = change.entry_into_force_on
    adopted = values.get("adopted_on") or stored_adopted_on
    if adopted and change.entry_into_force_on and change.entry_into_force_on < adopted:
        p.add(
            ["entry_into_force_on"],
            change.entry_into_force_on.isoformat(),
            f"entry_into_force_on {change.entry_into_force_on} is before adoption "
            f"({adopted}): give the day it entered into force",
        )
    if change.days_to_entry_into_force is not None:
        values["days_to_entry_into_force"] = v.non_negative(
            p, ["days_to_entry_into_force"], change.days_to_entry_into_force
        )
    return values


async def create_instrument(
    session: AsyncSession,
    principal: Principal,
    change: CreateInstrument,
    *,
    reason: str | None = None,
    now: dt.datetime | None = None,
) -> TreatyOutcome:
    """Raises PermissionDenied (anyone but the secretariat) or InputErrors (a code that is
    not upper-case letters and digits or is taken, empty titles, no source, …)."""
    reason = _start(principal, change, reason)
    now = now or utcnow()
    p = v.Problems()
    code = (change.code or "").strip()
    if not _CODE.match(code):
        p.add(
            ["code"],
            change.code,
            f"code {change.code!r} is not an instrument code: use upper-case letters, digits, "
            "'-' or '_', starting with a letter (e.g. 'ETS182')",
        )
    elif await _by_code(session, code) is not None:
        p.add(
            ["code"],
            change.code,
            f"instrument {code!r} exists already: use updateInstrument to change it",
        )
    values = await _instrument_values(p, session, change, now.date())
    check_sources(p, change.sources, now.date())
    p.raise_if_any()
    row = tm.Instrument(code=code, created_at=now, **values)
    session.add(row)
    await session.flush()
    return await _written(session, principal, row, None, change.sources, reason, now)


async def update_instrument(
    session: AsyncSession,
    principal: Principal,
    change: UpdateInstrument,
    *,
    reason: str | None = None,
    now: dt.datetime | None = None,
) -> TreatyOutcome:
    """Raises PermissionDenied, NotFound (no instrument has the code) or InputErrors."""
    reason = _start(principal, change, reason)
    now = now or utcnow()
    row = await _by_code(session, change.code)
    if row is None:
        raise NotFound("instrument", change.code, field=["input", "instrument"])
    before = await _snapshot(session, row)
    p = v.Problems()
    values = await _instrument_values(p, session, change, now.date(), row.adopted_on)
    check_sources(p, change.sources or [], now.date(), required=change.sources is not None)
    p.raise_if_any()
    for name, value in values.items():
        setattr(row, name, value)
    await session.flush()
    return await _written(session, principal, row, before, change.sources, reason, now)


async def _provision_values(
    p: v.Problems, session: AsyncSession, change: CreateProvision | UpdateProvision
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if change.article is not None:
        article = change.article.strip()
        if not _ARTICLE.match(article):
            p.add(
                ["article"],
                change.article,
                f"article {change.article!r} is not an article as cited: use e.g. '18(13)', "
                "'16(5)' or '27(1)(b)'",
            )
        values["article"] = article
    if change.kind is not None:
        values["kind"] = ProvisionKind(change.kind)
    if change.summary is not None:
        values["summary"] = v.text(p, ["summary"], change.summary, _SUMMARY)
        if not change.summary.strip():
            p.add(["summary"], change.summary, "summary is empty: say what the provision asks")
    if change.subject is not None:
        values["subject_code"] = await vocabulary_code(
            p, session, ["subject"], tm.Subject, change.subject
        )
    return values


async def _article_taken(
    p: v.Problems, session: AsyncSession, instrument: tm.Instrument, article: str, own: int | None
) -> None:
    found = await session.scalar(
        select(tm.Provision.id).where(
            tm.Provision.instrument_id == instrument.id, tm.Provision.article == article
        )
    )
    if found is not None and found != own:
        p.add(
            ["article"],
            article,
            f"{instrument.code} already has a provision {article}: use updateProvision",
        )


async def create_provision(
    session: AsyncSession,
    principal: Principal,
    change: CreateProvision,
    *,
    reason: str | None = None,
    now: dt.datetime | None = None,
) -> TreatyOutcome:
    """Raises PermissionDenied, InputErrors (unknown instrument or subject, an article
    that is not one or that the instrument has already, no source, …)."""
    reason = _start(principal, change, reason)
    now = now or utcnow()
    p = v.Problems()
    instrument = await _by_code(session, change.instrument)
    if instrument is None:
        p.add(
            ["instrument"],
            change.instrument,
            f"instrument {change.instrument!r} is unknown: create it first, or use a code "
            "such as 'UNTOC'",
            missing=True,
        )
    values = await _provision_values(p, session, change)
    if instrument is not None and "article" in values:
        await _article_taken(p, session, instrument, values["article"], None)
    check_sources(p, change.sources, now.date())
    p.raise_if_any()
    assert instrument is not None  # else raised above
    row = tm.Provision(instrument_id=instrument.id, **values)
    session.add(row)
    await session.flush()
    return await _written(session, principal, row, None, change.sources, reason, now)


async def update_provision(
    session: AsyncSession,
    principal: Principal,
    change: UpdateProvision,
    *,
    reason: str | None = None,
    now: dt.datetime | None = None,
) -> TreatyOutcome:
    """Raises PermissionDenied, NotFound (no provision has the id) or InputErrors."""
    reason = _start(principal, change, reason)
    now = now or utcnow()
    row = await session.get(tm.Provision, change.provision_id)
    if row is None:
        raise NotFound("provision", change.provision_id, field=["input", "provision"])
    before = await _snapshot(session, row)
    p = v.Problems()
    values = await _provision_values(p, session, change)
    instrument = await session.get(tm.Instrument, row.instrument_id)
    if instrument is not None and "article" in values:
        await _article_taken(p, session, instrument, values["article"], row.id)
    check_sources(p, change.sources or [], now.date(), required=change.sources is not None)
    p.raise_if_any()
    for name, value in values.items():
        setattr(row, name, value)
    await session.flush()
    return await _written(session, principal, row, before, change.sources, reason, now)


def _citations(row: Any) -> tuple[Table, str, str]:
    if isinstance(row, tm.Instrument):
        return tm.instrument_source, "instrument_id", "instrument"
    return tm.provision_source, "provision_id", "provision"


async def _written(
    session: AsyncSession,
    principal: Principal,
    row: Any,
    before: dict[str, Any] | None,
    given: list[SourceInput] | None,
    reason: str | None,
    now: dt.datetime,
) -> TreatyOutcome:
    """Cite the sources (when given), then record the revision."""
    citations, fk, entity_type = _citations(row)
    if given is not None:
        stored = [await cited.store(session, s) for s in given]
        await cited.cite(session, citations, fk, row.id, list({s.id: s for s in stored}.values()))
    revision = await record(
        session,
        principal,
        action=Action.CREATE if before is None else Action.UPDATE,
        entity_type=entity_type,
        entity_id=row.id,
        jurisdiction_id=None,
        authority_id=None,
        before=before,
        after=await _snapshot(session, row),
        reason=reason,
        now=now,
    )
    return TreatyOutcome(row, revision, await cited.cited(session, citations, fk, row.id))


async def _snapshot(session: AsyncSession, row: Any) -> dict[str, Any]:
    citations, fk, _ = _citations(row)
    snap = row_snapshot(row)
    snap["sources"] = [
        {"url": s.url, "document": s.document, "seen_on": s.seen_on.isoformat()}
        for s in await cited.cited(session, citations, fk, row.id)
    ]
    return snap
