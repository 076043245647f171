"""A small world for the write tests: States, a territory, vocabularies, authorities, and a
principal per role. Rows are fetched when the reference seed already holds them (the seed
may have been committed by another folder's tests) and created otherwise, inside the
test's rolled-back transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.accounts.permissions import Principal, Role
from directory.authorities.models import Authority, AuthorityContact, AuthorityName, ChannelKind
from directory.enums import (
    AuthorityStatus,
    ContactKind,
    JurisdictionKind,
    UNStatus,
    Verification,
)
from directory.search.index import reindex_authorities
from directory.treaties.models import Instrument, Jurisdiction, Subject

SECRET_EMAIL = "restricted.focal.point@justice.example"


async def jurisdiction(
    session: AsyncSession, code: str, alpha2: str, parent: Jurisdiction | None = None
) -> Jurisdiction:
    found = await session.scalar(select(Jurisdiction).where(Jurisdiction.code == code))
    if found is None:
        found = Jurisdiction(
            code=code,
            alpha2=alpha2,
            kind=JurisdictionKind.TERRITORY if parent else JurisdictionKind.STATE,
            parent_id=parent.id if parent else None,
            un_status=UNStatus.NON_MEMBER if parent else UNStatus.MEMBER,
        )
        session.add(found)
        await session.flush()
    return found


async def vocab(session: AsyncSession, model: type, code: str) -> None:
    if await session.get(model, code) is None:
        session.add(model(code=code, name=code.title()))
        await session.flush()


async def authority(
    session: AsyncSession, j: Jurisdiction, key: str, name: str = "Ministry of Justice"
) -> Authority:
    a = Authority(
        key=key,
        jurisdiction_id=j.id,
        city="Capital",
        verification=Verification.OFFICIAL,
        status=AuthorityStatus.ACTIVE,
        last_confirmed_on=dt.date(2020, 1, 1),
    )
    session.add(a)
    await session.flush()
    session.add(AuthorityName(authority_id=a.id, language="en", name=name, is_original=True))
    session.add(
        AuthorityContact(
            authority_id=a.id, kind=ContactKind.EMAIL, value=SECRET_EMAIL, restricted=True
        )
    )
    await session.flush()
    await reindex_authorities(session, [a.id])  # as the seed and editing writers do
    return a


@dataclass
class World:
    fra: Jurisdiction
    deu: Jurisdiction
    chn: Jurisdiction
    hkg: Jurisdiction
    fra_authority: Authority
    deu_authority: Authority
    hkg_authority: Authority
    public: Principal
    practitioner: Principal
    secretariat: Principal
    editor_fra: Principal
    editor_chn: Principal  # its scope includes Hong Kong SAR


async def build_world(session: AsyncSession) -> World:
    fra = await jurisdiction(session, "FRA", "FR")
    deu = await jurisdiction(session, "DEU", "DE")
    chn = await jurisdiction(session, "CHN", "CN")
    hkg = await jurisdiction(session, "HKG", "HK", parent=chn)
    await vocab(session, Subject, "MLA")
    await vocab(session, Subject, "EXTRADITION")
    await vocab(session, ChannelKind, "DIPLOMATIC")
    await vocab(session, ChannelKind, "INTERPOL")
    if await session.scalar(select(Instrument).where(Instrument.code == "UNTOC")) is None:
        session.add(Instrument(code="UNTOC", short_title="UNTOC", title="UN Convention"))
        await session.flush()
    return World(
        fra=fra,
        deu=deu,
        chn=chn,
        hkg=hkg,
        fra_authority=await authority(session, fra, "test-fra-moj"),
        deu_authority=await authority(session, deu, "test-deu-bmj"),
        hkg_authority=await authority(session, hkg, "test-hkg-doj"),
        public=Principal(),
        practitioner=Principal(role=Role.PRACTITIONER, name="prosecutor"),
        secretariat=Principal(role=Role.SECRETARIAT, name="unodc"),
        editor_fra=Principal(
            role=Role.STATE_EDITOR,
            name="fra-focal",
            jurisdiction_code="FRA",
            scope=frozenset({fra.id}),
        ),
        editor_chn=Principal(
            role=Role.STATE_EDITOR,
            name="chn-focal",
            jurisdiction_code="CHN",
            scope=frozenset({chn.id, hkg.id}),
        ),
    )


@pytest.fixture
async def world(session: AsyncSession) -> World:
    return await build_world(session)
