"""Factories for the authorities' facts: authorities (names, contacts), designations, channel
and language rules, on top of the treaty factories (an authority needs a jurisdiction).
Rows are written through a session (flushed, never committed); every fact gets a source.
"""

from __future__ import annotations

import itertools
from typing import Any

from sqlalchemy import insert

from directory.authorities import models as am
from directory.enums import (
    ChannelPermission,
    ContactKind,
    JurisdictionKind,
    UNStatus,
    Verification,
)
from directory.treaties import models as tm
from tests.treaties.factories import TreatyFactory

_serial = itertools.count(1)


class Factory(TreatyFactory):
    """Every fact of an entry: the treaty factories plus the authorities' own."""

    async def authority(
        self,
        jurisdiction: tm.Jurisdiction,
        name: str,
        *,
        names: dict[str, str] | None = None,
        contacts: list[tuple[ContactKind, str]] = (),  # type: ignore[assignment]
        **kw: Any,
    ) -> am.Authority:
        kw.setdefault("key", f"aut-{jurisdiction.code.lower()}-{next(_serial)}")
        kw.setdefault("verification", Verification.OFFICIAL)
        kw.setdefault("time_zone", "Europe/London")
        row = await self._add(am.Authority(jurisdiction_id=jurisdiction.id, **kw))
        all_names = {"en": name, **(names or {})}
        for language, value in all_names.items():
            self.session.add(am.AuthorityName(authority_id=row.id, language=language, name=value))
        for position, (contact_kind, value) in enumerate(contacts):
            self.session.add(
                am.AuthorityContact(
                    authority_id=row.id, kind=contact_kind, value=value, position=position
                )
            )
        await self.cite(am.authority_source, row.id)
        return row

    async def designation(
        self,
        authority: am.Authority,
        subject: str = "MLA",
        *,
        stage: str | None = None,
        matter: str | None = None,
        provision: tm.Provision | None = None,
        territory: tm.Jurisdiction | None = None,
        **kw: Any,
    ) -> am.Designation:
        await self.vocabulary(tm.Subject, subject)
        if stage:
            await self.vocabulary(am.ProceduralStage, stage)
        if matter:
            await self.vocabulary(am.Matter, matter)
        kw.setdefault("verification", Verification.OFFICIAL)
        row = await self._add(
            am.Designation(
                authority_id=authority.id,
                subject_code=subject,
                stage_code=stage,
                matter_code=matter,
                provision_id=provision.id if provision else None,
                territory_id=territory.id if territory else None,
                **kw,
            )
        )
        await self.cite(am.designation_source, row.id)
        return row

    async def channel_rule(
        self,
        jurisdiction: tm.Jurisdiction,
        channel: str,
        *,
        designation: am.Designation | None = None,
        permission: ChannelPermission = ChannelPermission.ACCEPTED,
        **kw: Any,
    ) -> am.ChannelRule:
        await self.vocabulary(am.ChannelKind, channel)
        kw.setdefault("verification", Verification.OFFICIAL)
        row = await self._add(
            am.ChannelRule(
                jurisdiction_id=jurisdiction.id,
                designation_id=designation.id if designation else None,
                channel_code=channel,
                permission=permission,
                **kw,
            )
        )
        await self.cite(am.channel_rule_source, row.id)
        return row

    async def language_rule(
        self,
        jurisdiction: tm.Jurisdiction,
        language: str,
        *,
        designation: am.Designation | None = None,
        notification: tm.Notification | None = None,
        **kw: Any,
    ) -> am.LanguageRule:
        kw.setdefault("verification", Verification.OFFICIAL)
        row = await self._add(
            am.LanguageRule(
                jurisdiction_id=jurisdiction.id,
                designation_id=designation.id if designation else None,
                notification_id=notification.id if notification else None,
                language=language,
                **kw,
            )
        )
        await self.cite(am.language_rule_source, row.id)
        return row


async def territories_with_authorities(
    make: Factory, parent: tm.Jurisdiction, codes: list[str]
) -> None:
    """``codes`` territories of ``parent``, each with one authority designated for MLA, a
    channel rule, a language rule and sources: the shape of a real entry, inserted in bulk
    (one flush per table) so that hundreds stay fast."""
    s = make.session
    source = await make.source("Bulk source")
    await make.vocabulary(tm.Subject, "MLA")
    await make.vocabulary(am.ChannelKind, "EMAIL")
    places = [
        tm.Jurisdiction(
            code=code,
            kind=JurisdictionKind.TERRITORY,
            parent_id=parent.id,
            un_status=UNStatus.NON_MEMBER,
        )
        for code in codes
    ]
    s.add_all(places)
    await s.flush()
    s.add_all(
        tm.JurisdictionName(jurisdiction_id=p.id, language="en", name=f"Isle {p.code}")
        for p in places
    )
    bodies = [
        am.Authority(
            key=f"aut-bulk-{p.code.lower()}",
            jurisdiction_id=p.id,
            verification=Verification.OFFICIAL,
        )
        for p in places
    ]
    s.add_all(bodies)
    await s.flush()
    s.add_all(
        am.AuthorityName(authority_id=b.id, language="en", name=f"Attorney General {b.key}")
        for b in bodies
    )
    designations = [
        am.Designation(authority_id=b.id, subject_code="MLA", verification=Verification.OFFICIAL)
        for b in bodies
    ]
    s.add_all(designations)
    await s.flush()
    channels = [
        am.ChannelRule(
            jurisdiction_id=b.jurisdiction_id,
            designation_id=d.id,
            channel_code="EMAIL",
            verification=Verification.OFFICIAL,
        )
        for b, d in zip(bodies, designations, strict=True)
    ]
    languages = [
        am.LanguageRule(
            jurisdiction_id=b.jurisdiction_id,
            designation_id=d.id,
            language="en",
            verification=Verification.OFFICIAL,
        )
        for b, d in zip(bodies, designations, strict=True)
    ]
    s.add_all([*channels, *languages])
    await s.flush()
    for table, rows in (
        (tm.jurisdiction_source, places),
        (am.authority_source, bodies),
        (am.designation_source, designations),
        (am.channel_rule_source, channels),
        (am.language_rule_source, languages),
    ):
        fact_column = next(c.name for c in table.c if c.name != "source_id")
        await s.execute(insert(table), [{fact_column: r.id, "source_id": source.id} for r in rows])
