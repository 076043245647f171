"""Read services for jurisdictions, instruments, provisions, participations and notifications.

Contract: every function takes an ``AsyncSession`` (a ``SerialSession`` in the API) and
returns ORM rows; the batch functions (``…_for`` / ``…_by_…``) take many keys and return the
rows for all of them in ONE statement, in no particular order — the API's DataLoaders put
them back in key order. Malformed arguments raise ``InvalidInput`` naming the value.

The read rules every surface shares are here too, as pure functions over rows a caller
holds (written in ``facts`` and ``names``): the completion of a jurisdiction's notifications
(``complete_notifications``, or ``notifications_of`` from a session), in-force dates
(``in_force_on``, ``is_in_force``) and the name fallback (``display_name``,
``jurisdiction_name``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, Table, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from directory.enums import AliasKind, JurisdictionKind, RegionalGroup
from directory.errors import InvalidInput
from directory.treaties.facts import (
    NotificationEntry,
    complete_notifications,
    in_force_on,
    is_in_force,
    notification_entry,
)
from directory.treaties.models import (
    Instrument,
    Jurisdiction,
    JurisdictionAlias,
    JurisdictionName,
    Notification,
    Participation,
    Provision,
    Source,
    Vocabulary,
)
from directory.treaties.names import display_name, jurisdiction_name

__all__ = [
    "MAX_PAGE_SIZE",
    "JurisdictionQuery",
    "NotificationEntry",
    "Page",
    "all_instruments",
    "check_page_size",
    "complete_notifications",
    "display_name",
    "in_force_on",
    "instruments_by_codes",
    "instruments_by_ids",
    "is_in_force",
    "jurisdiction_by_other_code",
    "jurisdiction_name",
    "jurisdictions_by_codes",
    "jurisdictions_by_ids",
    "latest_source_date",
    "list_jurisdictions",
    "names_for",
    "notification_entry",
    "notifications_by_ids",
    "notifications_for",
    "notifications_of",
    "paginate",
    "parse_jurisdiction_code",
    "parse_lookup_code",
    "participations_by_ids",
    "participations_for",
    "provisions_by_ids",
    "provisions_for",
    "sources_by_ids",
    "sources_for",
    "territories_for",
    "vocabulary",
    "vocabulary_by_codes",
]


T = TypeVar("T")
V = TypeVar("V", bound=Vocabulary)

MAX_PAGE_SIZE = 100
_ALPHA3 = re.compile(r"^[A-Za-z]{3}$")
_LOOKUP = re.compile(r"^[A-Za-z]{2,3}$")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a keyset-paginated list: ``rows`` (at most ``first``), whether more
    follow, and the number of rows matching the filter on all pages."""

    rows: Sequence[T]
    has_next: bool
    total: int


@dataclass(frozen=True)
class JurisdictionQuery:
    kind: JurisdictionKind | None = None
    regional_group: RegionalGroup | None = None
    party_to: str | None = None  # instrument code: consented to (not only signed)
    parent: str | None = None  # jurisdiction code: its territories


def check_page_size(first: int) -> int:
    """``first`` itself, or InvalidInput when it is outside 0..MAX_PAGE_SIZE."""
    if first < 0 or first > MAX_PAGE_SIZE:
        raise InvalidInput(
            f"first={first} is out of range: ask for 0 to {MAX_PAGE_SIZE} items per page "
            "and follow pageInfo.endCursor with `after` for the next ones",
            field=["first"],
            value=first,
        )
    return first


def parse_jurisdiction_code(raw: str, *, field: str = "code") -> str:
    """The upper-case ISO 3166-1 alpha-3 code in ``raw``, or InvalidInput naming it."""
    value = raw.strip()
    if not _ALPHA3.match(value):
        raise InvalidInput(
            f"{field} {raw!r} is not an ISO 3166-1 alpha-3 code: use three letters, "
            "e.g. 'FRA' (France) or 'HKG' (Hong Kong SAR)",
            field=[field],
            value=raw,
        )
    return value.upper()


def parse_lookup_code(raw: str, *, field: str = "code") -> str:
    """The upper-case alpha-3, alpha-2 or other two- or three-letter code (IOC's GER) in
    ``raw``, or InvalidInput naming it."""
    value = raw.strip()
    if not _LOOKUP.match(value):
        raise InvalidInput(
            f"{field} {raw!r} is not a country code: use the ISO 3166-1 alpha-3 code "
            "('FRA', 'HKG'), the alpha-2 code ('FR') or another common code ('GER')",
            field=[field],
            value=raw,
        )
    return value.upper()


async def jurisdiction_by_other_code(session: AsyncSession, code: str) -> Jurisdiction | None:
    """The jurisdiction whose alpha-2 code is ``code``, else the one that has it as an
    alias code (IOC's GER for DEU); None when none does. An alpha-3 code is looked up
    first, by the caller: ``code`` never shadows a jurisdiction's own code."""
    stmt = select(Jurisdiction).where(Jurisdiction.alpha2 == code)
    if (found := await session.scalar(stmt)) is not None:
        return found
    by_alias = (
        select(Jurisdiction)
        .join(JurisdictionAlias, JurisdictionAlias.jurisdiction_id == Jurisdiction.id)
        .where(
            JurisdictionAlias.kind.in_([AliasKind.ALPHA2, AliasKind.OTHER_CODE]),
            JurisdictionAlias.alias == code,
        )
        .order_by(Jurisdiction.code)
        .limit(1)
    )
    return await session.scalar(by_alias)


async def paginate(
    session: AsyncSession,
    stmt: Select[T],
    key: InstrumentedAttribute[Any],
    *,
    first: int,
    after: object | None,
) -> Page[T]:
    """Run ``stmt`` ordered by the unique column ``key``, from after ``after``, LIMIT first.

    One COUNT statement plus one SELECT of ``first + 1`` rows (the extra row tells whether a
    next page exists)."""
    total = await session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    page = stmt.order_by(key)
    if after is not None:
        page = page.where(key > after)
    rows = list((await session.scalars(page.limit(first + 1))).all())
    return Page(rows=rows[:first], has_next=len(rows) > first, total=total or 0)


async def list_jurisdictions(
    session: AsyncSession, query: JurisdictionQuery, *, first: int, after: str | None
) -> Page[Jurisdiction]:
    check_page_size(first)
    stmt = select(Jurisdiction)
    if query.kind is not None:
        stmt = stmt.where(Jurisdiction.kind == query.kind)
    if query.regional_group is not None:
        stmt = stmt.where(Jurisdiction.regional_group == query.regional_group)
    if query.parent is not None:
        parent = parse_jurisdiction_code(query.parent, field="parent")
        parent_ids = select(Jurisdiction.id).where(Jurisdiction.code == parent)
        stmt = stmt.where(Jurisdiction.parent_id.in_(parent_ids.scalar_subquery()))
    if query.party_to is not None:
        parties = (
            select(Participation.jurisdiction_id)
            .join(Instrument, Instrument.id == Participation.instrument_id)
            .where(Instrument.code == query.party_to.strip().upper())
            .where(Participation.consent_on.is_not(None))
        )
        stmt = stmt.where(Jurisdiction.id.in_(parties.scalar_subquery()))
    return await paginate(session, stmt, Jurisdiction.code, first=first, after=after)


async def jurisdictions_by_codes(
    session: AsyncSession, codes: Sequence[str]
) -> Sequence[Jurisdiction]:
    return (await session.scalars(select(Jurisdiction).where(Jurisdiction.code.in_(codes)))).all()


async def jurisdictions_by_ids(session: AsyncSession, ids: Sequence[int]) -> Sequence[Jurisdiction]:
    return (await session.scalars(select(Jurisdiction).where(Jurisdiction.id.in_(ids)))).all()


async def territories_for(
    session: AsyncSession, parent_ids: Sequence[int]
) -> Sequence[Jurisdiction]:
    stmt = select(Jurisdiction).where(Jurisdiction.parent_id.in_(parent_ids))
    return (await session.scalars(stmt.order_by(Jurisdiction.code))).all()


async def names_for(session: AsyncSession, ids: Sequence[int]) -> Sequence[JurisdictionName]:
    stmt = select(JurisdictionName).where(JurisdictionName.jurisdiction_id.in_(ids))
    return (await session.scalars(stmt.order_by(JurisdictionName.language))).all()


async def participations_for(
    session: AsyncSession, jurisdiction_ids: Sequence[int]
) -> Sequence[Participation]:
    stmt = select(Participation).where(Participation.jurisdiction_id.in_(jurisdiction_ids))
    return (await session.scalars(stmt.order_by(Participation.instrument_id))).all()


async def notifications_for(
    session: AsyncSession, jurisdiction_ids: Sequence[int]
) -> Sequence[Notification]:
    stmt = select(Notification).where(Notification.jurisdiction_id.in_(jurisdiction_ids))
    return (await session.scalars(stmt.order_by(Notification.provision_id))).all()


async def participations_by_ids(
    session: AsyncSession, ids: Sequence[int]
) -> Sequence[Participation]:
    return (await session.scalars(select(Participation).where(Participation.id.in_(ids)))).all()


async def notifications_by_ids(session: AsyncSession, ids: Sequence[int]) -> Sequence[Notification]:
    return (await session.scalars(select(Notification).where(Notification.id.in_(ids)))).all()


async def sources_by_ids(session: AsyncSession, ids: Sequence[int]) -> Sequence[Source]:
    return (await session.scalars(select(Source).where(Source.id.in_(ids)))).all()


async def all_instruments(session: AsyncSession) -> Sequence[Instrument]:
    return (await session.scalars(select(Instrument).order_by(Instrument.code))).all()


async def instruments_by_ids(session: AsyncSession, ids: Sequence[int]) -> Sequence[Instrument]:
    return (await session.scalars(select(Instrument).where(Instrument.id.in_(ids)))).all()


async def instruments_by_codes(session: AsyncSession, codes: Sequence[str]) -> Sequence[Instrument]:
    stmt = select(Instrument).where(Instrument.code.in_([c.upper() for c in codes]))
    return (await session.scalars(stmt)).all()


async def provisions_by_ids(session: AsyncSession, ids: Sequence[int]) -> Sequence[Provision]:
    return (await session.scalars(select(Provision).where(Provision.id.in_(ids)))).all()


async def provisions_for(
    session: AsyncSession, instrument_ids: Sequence[int]
) -> Sequence[Provision]:
    stmt = select(Provision).where(Provision.instrument_id.in_(instrument_ids))
    return (await session.scalars(stmt.order_by(Provision.id))).all()


async def vocabulary(session: AsyncSession, model: type[V]) -> Sequence[V]:
    """Every term of an open vocabulary (Subject, ChannelKind, …), in display order."""
    return (await session.scalars(select(model).order_by(model.position, model.code))).all()


async def vocabulary_by_codes(
    session: AsyncSession, model: type[V], codes: Sequence[str]
) -> Sequence[V]:
    return (await session.scalars(select(model).where(model.code.in_(codes)))).all()


async def sources_for(
    session: AsyncSession, citations: Table, ids: Sequence[int]
) -> Sequence[tuple[int, Source]]:
    """(fact id, source) pairs for the facts ``ids`` of a ``<table>_source`` association."""
    fact_column = next(c for c in citations.c if c.name != "source_id")
    stmt = (
        select(fact_column, Source)
        .join(Source, Source.id == citations.c.source_id)
        .where(fact_column.in_(ids))
        .order_by(Source.seen_on.desc(), Source.id)
    )
    return [(fact_id, source) for fact_id, source in (await session.execute(stmt)).all()]


async def notifications_of(
    session: AsyncSession, jurisdiction_id: int, instrument: str | None = None
) -> list[NotificationEntry]:
    """The completed notifications of one jurisdiction (``instrument``: a code such as
    ``UNTOC``, any case; an unknown code gives an empty list), in at most five statements."""
    wanted = None
    if instrument is not None:
        found = await instruments_by_codes(session, [instrument.strip().upper()])
        if not found:
            return []
        wanted = found[0].id
    stored = await notifications_for(session, [jurisdiction_id])
    parts = await participations_for(session, [jurisdiction_id])
    provisions = list(await provisions_for(session, [p.instrument_id for p in parts]))
    known = {p.id for p in provisions}
    if extra := [n.provision_id for n in stored if n.provision_id not in known]:
        provisions += await provisions_by_ids(session, extra)
    return complete_notifications(stored, provisions, instrument_id=wanted)


async def latest_source_date(session: AsyncSession) -> dt.date | None:
    """The day the most recently seen source was seen: the directory's "as of" date."""
    return await session.scalar(select(func.max(Source.seen_on)))
