"""Create, update and retire authorities: targets and application (their validation is in
``authority_checks``)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.audit.snapshot import authority_snapshot
from directory.authorities.models import (
    Authority,
    AuthorityContact,
    AuthorityName,
    OfficeHours,
    authority_source,
)
from directory.editing import sources
from directory.editing.authority_checks import TEXT_FIELDS
from directory.editing.common import (
    Applied,
    Target,
    jurisdiction_by_code,
    jurisdiction_by_id,
    locked_authority,
)
from directory.editing.inputs import (
    CreateAuthority,
    RetireAuthority,
    UpdateAuthority,
)
from directory.enums import AuthorityStatus, Verification
from directory.search.index import reindex_authority
from directory.treaties.models import Jurisdiction, Source


async def target(
    session: AsyncSession, change: CreateAuthority | UpdateAuthority | RetireAuthority
) -> Target:
    if isinstance(change, CreateAuthority):
        return Target(await jurisdiction_by_code(session, change.jurisdiction))
    authority = await locked_authority(session, change.authority_id)
    return Target(await jurisdiction_by_id(session, authority.jurisdiction_id), authority)


async def key_taken(session: AsyncSession, key: str) -> bool:
    return (await session.scalar(select(Authority.id).where(Authority.key == key))) is not None


async def unique_key(session: AsyncSession, jurisdiction: Jurisdiction, name: str) -> str:
    """A key for a new authority of ``jurisdiction`` named ``name``, unused so far."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:70] or "authority"
    base = f"aut-{jurisdiction.code.lower()}-{slug}"
    taken = set(await session.scalars(select(Authority.key).where(Authority.key.like(f"{base}%"))))
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


async def _replace_children(
    session: AsyncSession, authority_id: int, change: CreateAuthority | UpdateAuthority
) -> None:
    if change.names is not None:
        await session.execute(
            delete(AuthorityName).where(AuthorityName.authority_id == authority_id)
        )
        session.add_all(
            AuthorityName(
                authority_id=authority_id,
                language=n.language,
                name=n.name,
                is_original=n.is_original,
            )
            for n in change.names
        )
    if change.contacts is not None:
        await session.execute(
            delete(AuthorityContact).where(AuthorityContact.authority_id == authority_id)
        )
        session.add_all(
            AuthorityContact(
                authority_id=authority_id,
                kind=c.kind,
                value=c.value,
                label=c.label,
                restricted=c.restricted,
                position=i,
            )
            for i, c in enumerate(change.contacts)
        )
    if change.office_hours is not None:
        await session.execute(delete(OfficeHours).where(OfficeHours.authority_id == authority_id))
        session.add_all(
            OfficeHours(
                authority_id=authority_id,
                weekday=h.weekday,
                opens=dt.time.fromisoformat(h.opens),
                closes=dt.time.fromisoformat(h.closes),
            )
            for h in change.office_hours
        )
    await session.flush()


async def apply_create(
    session: AsyncSession, change: CreateAuthority, t: Target, now: dt.datetime
) -> Applied:
    verification, named = await _provenance(session, None, change, change.verification)
    authority = Authority(
        key=change.key or await unique_key(session, t.jurisdiction, change.names[0].name),
        jurisdiction_id=t.jurisdiction.id,
        website=change.website,
        time_zone=change.time_zone,
        verification=verification,
        status=AuthorityStatus.ACTIVE,
        last_confirmed_on=now.date(),
        created_at=now,
        updated_at=now,
        **{f: getattr(change, f) for f in TEXT_FIELDS},
    )
    session.add(authority)
    await session.flush()
    await _replace_children(session, authority.id, change)
    await sources.cite(session, authority_source, "authority_id", authority.id, named or [])
    return await _applied(session, authority, None)


async def _provenance(
    session: AsyncSession,
    authority: Authority | None,
    change: CreateAuthority | UpdateAuthority,
    claimed: Verification | None,
) -> tuple[Verification, list[Source] | None]:
    return await sources.provenance(
        session,
        authority_source,
        "authority_id",
        authority.id if authority is not None else None,
        given=change.sources,
        ids=change.source_ids,
        claimed=claimed,
        field=["input"],
    )


async def apply_update(
    session: AsyncSession, change: UpdateAuthority, t: Target, now: dt.datetime
) -> Applied:
    authority = t.authority
    assert authority is not None
    before = await authority_snapshot(session, authority)
    verification, named = await _provenance(
        session, authority, change, change.verification or authority.verification
    )
    for f in (*TEXT_FIELDS, "website", "time_zone"):
        value = getattr(change, f)
        if value is not None:
            setattr(authority, f, value or None)
    authority.verification = verification
    authority.updated_at = now
    if named is not None:
        await sources.cite(session, authority_source, "authority_id", authority.id, named)
    await _replace_children(session, authority.id, change)
    given = {
        "names": change.names,
        "contacts": change.contacts,
        "office_hours": change.office_hours,
    }
    kept = {k: before[k] for k, value in given.items() if value is None}
    return await _applied(session, authority, before, kept)


async def apply_retire(
    session: AsyncSession, change: RetireAuthority, t: Target, now: dt.datetime
) -> Applied:
    authority = t.authority
    assert authority is not None
    before = await authority_snapshot(session, authority)
    authority.status = AuthorityStatus.RETIRED
    authority.updated_at = now
    await session.flush()
    kept = {k: before[k] for k in ("names", "contacts", "office_hours")}
    return await _applied(session, authority, before, kept)


async def _applied(
    session: AsyncSession,
    authority: Authority,
    before: dict[str, Any] | None,
    kept: dict[str, Any] | None = None,
) -> Applied:
    """The authority as it stands now, after ``before`` (None when just created); ``kept``:
    the child lists of ``before`` the write left alone (reused, not read again). The
    authority's search terms are rewritten here, so its new names are found at once and a
    retired one is no longer."""
    after = await authority_snapshot(session, authority, kept=kept)
    await reindex_authority(
        session,
        authority.id,
        active=authority.status == AuthorityStatus.ACTIVE,
        city=authority.city,
        names=[(n["language"], n["name"]) for n in after["names"]],
    )
    return Applied("authority", authority.id, authority, before, after, row=authority)
