"""Validation of legal-requirement changes (``createRequirement``, ``updateRequirement``):
the kind is one of the vocabulary (``RequirementKind``: data, not code), the subject and
measure exist, the condition on the legal basis names the instrument it needs, the text and
URL fit their columns, and an INFORMATION requirement says something (a text or a URL, as
the model's CHECK requires). Every problem is reported at once.

A requirement is a fact of the whole jurisdiction: its editors propose it (a change request)
and the secretariat's writes apply at once, through the same pipeline as a general rule
(``directory.editing.services``); targets and application are in ``rules``.
"""

from __future__ import annotations

import dataclasses

from sqlalchemy.ext.asyncio import AsyncSession

from directory.authorities.requirements import Requirement, RequirementKind
from directory.db import utcnow
from directory.editing import inputs as i
from directory.editing import validation as v
from directory.editing.common import Target
from directory.editing.fact_checks import check_sources
from directory.editing.scope_checks import code, enum, scope
from directory.enums import RequirementStatus, Verification
from directory.treaties.models import Subject

__all__ = ["validate"]

_TEXT = v.length(Requirement.__table__.c.text)


async def validate(session: AsyncSession, change: i.Change, t: Target) -> i.Change:
    if not isinstance(change, i.CreateRequirement | i.UpdateRequirement):
        return change  # a removal has no fields to check
    f = change.fields
    p = v.Problems()
    path: list[str | int] = ["fields"]
    await code(p, session, [*path, "kind"], RequirementKind, f.kind)
    await code(p, session, [*path, "subject"], Subject, f.subject)
    scoped = await scope(p, session, path, f)  # measure, basis condition with instrument
    status = enum(p, [*path, "status"], RequirementStatus, f.status)
    text = v.text(p, [*path, "text"], f.text, _TEXT)
    url = v.url(p, [*path, "url"], f.url)
    if status is RequirementStatus.INFORMATION and not (text or url):
        p.add(
            [*path, "status"],
            status.value,
            "an INFORMATION requirement says something: give its text or the url of the "
            "legislation or guide",
        )
    verification = (
        None
        if f.verification is None
        else enum(p, [*path, "verification"], Verification, f.verification)
    )
    check_sources(p, f.sources or [], utcnow().date(), required=False, at=path)
    p.raise_if_any()
    clean = dataclasses.replace(
        f, **scoped, status=status, text=text, url=url, verification=verification
    )
    return dataclasses.replace(change, fields=clean)
