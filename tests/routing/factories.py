"""Factories for routing tests: ORM rows built directly, flushed in the test's transaction.

Invented States use user-assigned ISO codes (XAA…XZZ; alpha-2 XA…XZ) so that they never
collide with the reference seed, which another test may have committed in the same run.
Vocabulary rows (subjects, channel kinds, stages, matters) are shared with the seed, so they
are created only when missing.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from sqlalchemy import Table, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.authorities.models import (
    Authority,
    AuthorityName,
    ChannelKind,
    ChannelRule,
    Designation,
    LanguageRule,
    Matter,
    Measure,
    OfficeHours,
    ProceduralStage,
    StagePart,
    authority_source,
    channel_rule_source,
    designation_source,
    language_rule_source,
)
from directory.authorities.requirements import Requirement, RequirementKind, requirement_source
from directory.enums import (
    ConsentType,
    JurisdictionKind,
    NotificationStatus,
    ProvisionKind,
    SourceKind,
    UNStatus,
    Verification,
)
from directory.search.index import reindex_authorities, reindex_jurisdictions
from directory.treaties.models import (
    Instrument,
    Jurisdiction,
    JurisdictionGroup,
    JurisdictionGroupMember,
    JurisdictionName,
    Notification,
    Participation,
    Provision,
    Source,
    Subject,
    notification_source,
    participation_source,
)

_serial = itertools.count(1)

VOCABULARIES: dict[type, list[str]] = {
    Subject: ["MLA", "EXTRADITION", "TRANSFER_OF_SENTENCED_PERSONS", "CONFISCATION"],
    ChannelKind: ["DIRECT_CENTRAL_AUTHORITY", "DIPLOMATIC", "INTERPOL", "EMAIL", "FAX", "ORAL"],
    ProceduralStage: ["INVESTIGATION", "TRIAL", "TRIAL_AND_EXECUTION", "EXECUTION"],
    Matter: ["TAX", "CUSTOMS", "CRIMINAL_RECORDS"],
    Measure: ["SERVICE_OF_DOCUMENTS", "SEARCH_AND_SEIZURE"],
    RequirementKind: ["DUAL_CRIMINALITY", "RECIPROCITY", "LIMITATION_OF_USE"],
}
# the part of the seed's stage tree the routing tests rely on
STAGE_PARTS = {"TRIAL": "TRIAL_AND_EXECUTION", "EXECUTION": "TRIAL_AND_EXECUTION"}


async def ensure_vocabularies(session: AsyncSession) -> None:
    for model, codes in VOCABULARIES.items():
        have = set((await session.scalars(select(model.code).where(model.code.in_(codes)))).all())
        for position, code in enumerate(codes):
            if code not in have:
                session.add(
                    model(code=code, name=code.replace("_", " ").title(), position=position)
                )
    await session.flush()
    parts = set((await session.scalars(select(StagePart.stage_code))).all())
    for stage, within in STAGE_PARTS.items():
        if stage not in parts:
            session.add(StagePart(stage_code=stage, within_code=within))
    await session.flush()


class Factory:
    """Builds rows in ``session``, flushing each so that ids exist; cites every fact with
    one invented source (``self.source``)."""

    def __init__(self, session: AsyncSession, *, seen_on: dt.date = dt.date(2024, 1, 15)) -> None:
        self.session = session
        self.seen_on = seen_on
        self.source: Source | None = None

    async def _add(self, row: Any, citation: Table | None = None) -> Any:
        if self.source is None:
            self.source = Source(
                url=f"https://example.test/routing/{next(_serial)}",
                title="Invented fact for a routing test",
                kind=SourceKind.OFFICIAL,
                seen_on=self.seen_on,
            )
            self.session.add(self.source)
        self.session.add(row)
        await self.session.flush()
        if citation is not None:
            fact = next(c for c in citation.c if c.name != "source_id")
            await self.session.execute(
                insert(citation).values({fact.name: row.id, "source_id": self.source.id})
            )
        return row

    async def jurisdiction(
        self,
        code: str,
        name: str,
        *,
        parent: Jurisdiction | None = None,
        alpha2: str | None = None,
        parent_designations_apply: bool | None = None,
        names: dict[str, str] | None = None,
    ) -> Jurisdiction:
        j = await self._add(
            Jurisdiction(
                code=code,
                alpha2=alpha2,
                kind=JurisdictionKind.TERRITORY if parent else JurisdictionKind.STATE,
                parent_id=parent.id if parent else None,
                un_status=UNStatus.NON_MEMBER if parent else UNStatus.MEMBER,
                parent_designations_apply=parent_designations_apply,
            )
        )
        for language, value in ({"en": name} | (names or {})).items():
            self.session.add(JurisdictionName(jurisdiction_id=j.id, language=language, name=value))
        await reindex_jurisdictions(self.session, [j.id])  # as the seed writer does
        return j

    async def instrument(
        self, code: str, *, in_force: dt.date | None, days: int = 30
    ) -> Instrument:
        return await self._add(
            Instrument(
                code=code,
                short_title=f"{code} Convention",
                title=f"Invented {code} Convention",
                entry_into_force_on=in_force,
                days_to_entry_into_force=days,
            )
        )

    async def provision(
        self, instrument: Instrument, article: str, kind: ProvisionKind, subject: str
    ) -> Provision:
        return await self._add(
            Provision(
                instrument_id=instrument.id,
                article=article,
                kind=kind,
                subject_code=subject,
                summary=f"{instrument.code} {article}",
            )
        )

    async def participation(
        self,
        j: Jurisdiction,
        instrument: Instrument,
        consent_on: dt.date | None,
        *,
        verification: Verification = Verification.OFFICIAL,
    ) -> Participation:
        return await self._add(
            Participation(
                jurisdiction_id=j.id,
                instrument_id=instrument.id,
                signed_on=dt.date(2001, 1, 1),
                consent_on=consent_on,
                consent_type=ConsentType.RATIFICATION if consent_on else None,
                verification=verification,
            ),
            participation_source,
        )

    async def notification(
        self, j: Jurisdiction, provision: Provision, status: NotificationStatus, **kw: Any
    ) -> Notification:
        kw.setdefault("verification", Verification.OFFICIAL)
        return await self._add(
            Notification(jurisdiction_id=j.id, provision_id=provision.id, status=status, **kw),
            notification_source,
        )

    async def authority(
        self,
        j: Jurisdiction,
        key: str,
        name: str,
        *,
        hours: list[tuple[int, dt.time, dt.time]] = (),
        original: tuple[str, str] | None = None,
        **kw: Any,
    ) -> Authority:
        kw.setdefault("verification", Verification.OFFICIAL)
        kw.setdefault("last_confirmed_on", dt.date(2024, 3, 1))
        a = await self._add(Authority(key=key, jurisdiction_id=j.id, **kw), authority_source)
        self.session.add(AuthorityName(authority_id=a.id, language="en", name=name))
        if original:
            self.session.add(
                AuthorityName(
                    authority_id=a.id, language=original[0], name=original[1], is_original=True
                )
            )
        for weekday, opens, closes in hours:
            self.session.add(
                OfficeHours(authority_id=a.id, weekday=weekday, opens=opens, closes=closes)
            )
        await reindex_authorities(self.session, [a.id])  # as the seed and editing writers do
        return a

    async def designation(self, a: Authority, subject: str, **kw: Any) -> Designation:
        kw.setdefault("verification", Verification.OFFICIAL)
        return await self._add(
            Designation(authority_id=a.id, subject_code=subject, **kw), designation_source
        )

    async def channel(self, j: Jurisdiction, channel: str, **kw: Any) -> ChannelRule:
        kw.setdefault("verification", Verification.OFFICIAL)
        return await self._add(
            ChannelRule(jurisdiction_id=j.id, channel_code=channel, **kw), channel_rule_source
        )

    async def language(self, j: Jurisdiction, language: str, **kw: Any) -> LanguageRule:
        kw.setdefault("verification", Verification.OFFICIAL)
        return await self._add(
            LanguageRule(jurisdiction_id=j.id, language=language, **kw), language_rule_source
        )

    async def group(self, code: str, members: list[Jurisdiction]) -> JurisdictionGroup:
        g = JurisdictionGroup(code=code, name=f"Group {code}", position=0)
        self.session.add(g)
        await self.session.flush()
        for j in members:
            self.session.add(JurisdictionGroupMember(group_code=code, jurisdiction_id=j.id))
        await self.session.flush()
        return g

    async def requirement(self, j: Jurisdiction, kind: str, status: str, **kw: Any) -> Requirement:
        kw.setdefault("verification", Verification.OFFICIAL)
        return await self._add(
            Requirement(jurisdiction_id=j.id, kind_code=kind, status=status, **kw),
            requirement_source,
        )
