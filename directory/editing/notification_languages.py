"""The language list of an art. 18(14) notification (``setNotification``'s ``languages``).

A State's 18(14) notification lists the languages it accepts. The directory stores each as
a language rule hanging off the notification (``LanguageRule.notification_id``), in the
order given (``preference`` 0, 1, …), citing the notification's sources and carrying its
verification; ``route`` shows them as notified. Writing the list replaces it: a language
kept keeps its rule (its preference may move), one dropped loses its rule, a new one gets
a rule; each rule touched gets its own revision, in the notification's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.accounts.permissions import Principal
from directory.audit.models import Action
from directory.audit.services import record
from directory.audit.snapshot import row_snapshot
from directory.authorities.models import LanguageRule, language_rule_source
from directory.editing import sources as cited
from directory.editing import validation as v
from directory.enums import NotificationStatus, ProvisionKind
from directory.treaties import models as tm

__all__ = ["check", "replace"]


def check(
    p: v.Problems,
    languages: Sequence[str] | None,
    provision: tm.Provision | None,
    status: NotificationStatus,
) -> list[str] | None:
    """The clean codes (ISO 639, shortest form), or None when the list is not given.
    A list is only for a provision about languages, names each language once, and is
    notified (an empty list clears it whatever the status)."""
    if languages is None:
        return None
    if languages and status is not NotificationStatus.NOTIFIED:
        p.add(
            ["languages"],
            list(languages),
            f"languages are given but status is {status.value}: a State notifies languages; "
            "set status NOTIFIED, or send an empty list",
        )
    if provision is not None and provision.kind is not ProvisionKind.LANGUAGES:
        p.add(
            ["languages"],
            list(languages),
            f"languages are notified under a provision about languages (art. 18(14)), "
            f"not under art. {provision.article}: drop languages, or set the 18(14) "
            "notification",
        )
    clean: list[str] = []
    for n, value in enumerate(languages):
        code = v.language(p, ["languages", n], value)
        if code in clean:
            p.add(["languages", n], value, f"language {value!r} is listed twice: list it once")
        clean.append(code)
    return clean


async def replace(
    session: AsyncSession,
    principal: Principal,
    notification: tm.Notification,
    languages: list[str],
    sources: Sequence[tm.Source],
    *,
    reason: str | None,
    now: dt.datetime,
) -> list[LanguageRule]:
    """Make the notification's language rules ``languages``, in that order."""
    current = {
        r.language: r
        for r in await session.scalars(
            select(LanguageRule)
            .where(LanguageRule.notification_id == notification.id)
            .order_by(LanguageRule.id)
        )
    }
    kept: list[LanguageRule] = []
    for preference, language in enumerate(languages):
        rule = current.pop(language, None)
        before = row_snapshot(rule) if rule is not None else None
        if rule is None:
            rule = LanguageRule(
                jurisdiction_id=notification.jurisdiction_id,
                notification_id=notification.id,
                language=language,
                created_at=now,
            )
            session.add(rule)
        rule.preference = preference
        rule.verification = notification.verification
        rule.updated_at = now
        await session.flush()
        await cited.cite(session, language_rule_source, "language_rule_id", rule.id, [*sources])
        after = row_snapshot(rule)
        if before != after:
            await _record(session, principal, rule, before, after, reason, now)
        kept.append(rule)
    for rule in current.values():  # languages the list no longer names
        await _record(session, principal, rule, row_snapshot(rule), None, reason, now)
        await session.delete(rule)
    await session.flush()
    return kept


async def _record(
    session: AsyncSession,
    principal: Principal,
    rule: LanguageRule,
    before: dict[str, object] | None,
    after: dict[str, object] | None,
    reason: str | None,
    now: dt.datetime,
) -> None:
    action = Action.CREATE if before is None else Action.REMOVE if after is None else Action.UPDATE
    await record(
        session,
        principal,
        action=action,
        entity_type="language_rule",
        entity_id=rule.id,
        jurisdiction_id=rule.jurisdiction_id,
        authority_id=None,
        before=before,
        after=after,
        reason=reason,
        now=now,
    )
