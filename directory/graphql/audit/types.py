"""GraphQL type of a revision, and the per-request loader of authorities' histories.

``Authority.history`` (a field) and the root ``history`` / ``changes`` queries all return
``RevisionType`` built from ``directory.audit.services.RevisionView``: the redaction of
restricted contact values happens in the service, once, whichever path asks.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.scalars import JSON

from directory.accounts.permissions import Principal
from directory.audit import services


@strawberry.type
class RevisionType:
    """One applied change: who, when, what, and the entity before and after. Restricted
    contact values are null (``redacted: true``) for callers not entitled to them."""

    id: int = strawberry.field(description="Also the cursor of the `changes` feed.")
    occurred_at: dt.datetime
    actor: str = strawberry.field(description="role:token name; the role only for the public.")
    action: str
    entity_type: str
    entity_id: int
    authority_id: int | None
    before: JSON | None
    after: JSON | None
    reason: str | None
    change_request_id: int | None

    @classmethod
    def from_view(cls, v: services.RevisionView) -> RevisionType:
        return cls(
            id=v.id,
            occurred_at=v.occurred_at,
            actor=v.actor,
            action=v.action.value,
            entity_type=v.entity_type,
            entity_id=v.entity_id,
            authority_id=v.authority_id,
            before=None if v.before is None else JSON(v.before),
            after=None if v.after is None else JSON(v.after),
            reason=v.reason,
            change_request_id=v.change_request_id,
        )


def history_loader(
    session: Any, principal: Principal
) -> DataLoader[tuple[int, int], list[RevisionType]]:
    """Newest-first histories by ``(authority id, first)``, one statement per batch and page
    size. Built per request (it is bound to the request's principal: a shared one would leak
    redacted values)."""

    async def load(keys: list[tuple[int, int]]) -> list[list[RevisionType]]:
        found: dict[tuple[int, int], list[RevisionType]] = {}
        for first in {first for _, first in keys}:
            ids = [i for i, f in keys if f == first]
            views = await services.histories(
                session, principal, ids, newest_first=True, first=first
            )
            found.update({(i, first): [RevisionType.from_view(v) for v in views[i]] for i in ids})
        return [found[k] for k in keys]

    return DataLoader(load_fn=load)
