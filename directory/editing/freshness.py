"""Freshness: a focal point confirms its entries are still right; old confirmations go stale.

Confirming is not a content change, so it applies at once (no review), but it is audited
and it moves each authority's version like any other write. Whether an entry is stale is a
read rule of the authorities domain: ``directory.authorities.services.is_stale``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.accounts.permissions import Permission, Principal
from directory.audit.models import Action
from directory.audit.services import record
from directory.authorities.models import Authority
from directory.db import utcnow
from directory.editing.common import jurisdiction_by_code
from directory.enums import AuthorityStatus


async def confirm_entries(
    session: AsyncSession,
    principal: Principal,
    jurisdiction: str,
    *,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> list[Authority]:
    """Set ``last_confirmed_on = today`` on every active authority of ``jurisdiction``
    (alpha-3), one CONFIRM revision each; returns the authorities confirmed."""
    now = now or utcnow()
    today = today or now.date()
    if Permission.ENTRIES_CONFIRM not in principal.permissions:
        principal.require(Permission.ENTRIES_CONFIRM)
    j = await jurisdiction_by_code(session, jurisdiction)
    principal.require(Permission.ENTRIES_CONFIRM, j.id, jurisdiction_code=j.code)
    stmt = (
        select(Authority)
        .where(Authority.jurisdiction_id == j.id, Authority.status == AuthorityStatus.ACTIVE)
        .order_by(Authority.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    confirmed = list(await session.scalars(stmt))
    for authority in confirmed:
        before = authority.last_confirmed_on
        authority.last_confirmed_on = today
        authority.updated_at = now
        await session.flush()
        await record(
            session,
            principal,
            action=Action.CONFIRM,
            entity_type="authority",
            entity_id=authority.id,
            jurisdiction_id=j.id,
            authority_id=authority.id,
            before={"last_confirmed_on": before.isoformat() if before else None},
            after={"last_confirmed_on": today.isoformat()},
            now=now,
        )
    return confirmed
