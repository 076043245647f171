"""Factories for the treaty facts: sources, vocabularies, instruments and provisions,
jurisdictions, participation and notifications. Rows are written through a session (flushed,
never committed).

Invented jurisdictions use user-assigned ISO codes (XAA…XZZ) so they never collide with the
seed; vocabularies and instruments are fetched-or-created by their natural key, so the
factories also work on a seeded database. Every fact gets a source, like real data.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Table, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.enums import (
    JurisdictionKind,
    NotificationStatus,
    ProvisionKind,
    RegionalGroup,
    SourceKind,
    UNStatus,
    Verification,
)
from directory.search.index import reindex_jurisdictions
from directory.treaties import models as tm

SEEN = dt.date(2026, 11, 1)


class TreatyFactory:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _add(self, row: Any) -> Any:
        self.session.add(row)
        await self.session.flush()
        return row

    async def source(self, title: str = "Test source", **kw: Any) -> tm.Source:
        kw.setdefault("url", f"https://example.test/{uuid.uuid4().hex}")
        kw.setdefault("kind", SourceKind.OFFICIAL)
        return await self._add(tm.Source(title=title, seen_on=SEEN, **kw))

    async def cite(self, citations: Table, fact_id: int, *sources: tm.Source) -> None:
        sources = sources or (await self.source(),)
        fact_column = next(c.name for c in citations.c if c.name != "source_id")
        await self.session.execute(
            insert(citations), [{fact_column: fact_id, "source_id": s.id} for s in sources]
        )

    async def vocabulary(self, model: type[Any], code: str, name: str | None = None) -> Any:
        found = await self.session.get(model, code)
        return found or await self._add(model(code=code, name=name or code.title(), position=0))

    async def instrument(self, code: str = "UNTOC", **kw: Any) -> tm.Instrument:
        found = await self.session.scalar(select(tm.Instrument).where(tm.Instrument.code == code))
        if found is not None:
            return found
        kw.setdefault("short_title", code)
        kw.setdefault("title", f"{code} (test instrument)")
        kw.setdefault("entry_into_force_on", dt.date(2003, 9, 29))
        kw.setdefault("days_to_entry_into_force", 30)
        return await self._add(tm.Instrument(code=code, **kw))

    async def provision(
        self, instrument: tm.Instrument, article: str, kind: ProvisionKind, subject: str | None
    ) -> tm.Provision:
        found = await self.session.scalar(
            select(tm.Provision).where(
                tm.Provision.instrument_id == instrument.id, tm.Provision.article == article
            )
        )
        if found is not None:
            return found
        if subject is not None:
            await self.vocabulary(tm.Subject, subject)
        return await self._add(
            tm.Provision(
                instrument_id=instrument.id,
                article=article,
                kind=kind,
                subject_code=subject,
                summary=f"art. {article}",
            )
        )

    async def jurisdiction(
        self,
        code: str,
        name: str,
        *,
        kind: JurisdictionKind = JurisdictionKind.STATE,
        parent: tm.Jurisdiction | None = None,
        names: dict[str, str] | None = None,
        **kw: Any,
    ) -> tm.Jurisdiction:
        kw.setdefault("un_status", UNStatus.MEMBER if parent is None else UNStatus.NON_MEMBER)
        kw.setdefault("regional_group", RegionalGroup.WEOG if parent is None else None)
        row = await self._add(
            tm.Jurisdiction(code=code, kind=kind, parent_id=parent.id if parent else None, **kw)
        )
        for language, value in {"en": name, **(names or {})}.items():
            self.session.add(
                tm.JurisdictionName(jurisdiction_id=row.id, language=language, name=value)
            )
        await self.cite(tm.jurisdiction_source, row.id)
        await reindex_jurisdictions(self.session, [row.id])  # as the seed writer does
        return row

    async def participation(
        self, jurisdiction: tm.Jurisdiction, instrument: tm.Instrument, **kw: Any
    ) -> tm.Participation:
        kw.setdefault("verification", Verification.OFFICIAL)
        row = await self._add(
            tm.Participation(jurisdiction_id=jurisdiction.id, instrument_id=instrument.id, **kw)
        )
        await self.cite(tm.participation_source, row.id)
        return row

    async def notification(
        self,
        jurisdiction: tm.Jurisdiction,
        provision: tm.Provision,
        *,
        source: tm.Source | None = None,
        **kw: Any,
    ) -> tm.Notification:
        kw.setdefault("status", NotificationStatus.NOTIFIED)
        kw.setdefault("verification", Verification.OFFICIAL)
        row = await self._add(
            tm.Notification(jurisdiction_id=jurisdiction.id, provision_id=provision.id, **kw)
        )
        await self.cite(tm.notification_source, row.id, *([source] if source else []))
        return row
