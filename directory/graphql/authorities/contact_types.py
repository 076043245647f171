"""GraphQL types of how an authority is reached: its names, contacts and office hours.

Contacts (phones, faxes, e-mails, contact persons) reach the schema through ONE path:
``contacts_of`` → ``services.visible_contacts``; no other resolver reads them.
"""

from __future__ import annotations

import datetime as dt

import strawberry

from directory.authorities import models as m
from directory.authorities import services
from directory.enums import ContactKind
from directory.graphql.context import Info


@strawberry.type
class AuthorityName:
    language: str
    name: str
    is_original: bool


@strawberry.type
class Contact:
    value: str = strawberry.field(description="E.164 for phones and faxes.")
    label: str | None


@strawberry.type
class OfficeHours:
    weekday: int = strawberry.field(description="0 = Monday … 6 = Sunday.")
    opens: dt.time
    closes: dt.time


async def contacts_of(info: Info, authority: m.Authority, kind: ContactKind) -> list[Contact]:
    """The contacts of ``kind`` the caller may see: restricted ones only for those entitled
    to them (the service decides, from the caller and the authority's jurisdiction)."""
    rows = await info.context.loaders.contacts_of_authority.load(authority.id)
    visible = services.visible_contacts(info.context.caller(), rows, authority.jurisdiction_id)
    return [Contact(value=c.value, label=c.label) for c in visible if c.kind == kind]


async def office_hours_of(info: Info, authority: m.Authority) -> list[OfficeHours]:
    rows = await info.context.loaders.office_hours_of_authority.load(authority.id)
    return [OfficeHours(weekday=r.weekday, opens=r.opens, closes=r.closes) for r in rows]
