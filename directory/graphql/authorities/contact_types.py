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


@strawberry.type(description="One of an authority's names.")
class AuthorityName:
    language: str = strawberry.field(
        description="Its language: ISO 639-1 code, or ISO 639-3 where there is none (any "
        "language, not only the six UN ones)."
    )
    name: str = strawberry.field(description="The name.")
    is_original: bool = strawberry.field(
        description="Whether it is the authority's own name, in its own language (the others "
        "are translations)."
    )


@strawberry.type(
    description="A phone, fax, e-mail or contact person of an authority. Restricted ones "
    "are shown only to practitioners, the secretariat and the editors of the authority's "
    "State; other callers do not see them at all."
)
class Contact:
    value: str = strawberry.field(
        description="E.164 for phones and faxes (+33123456789), an address for e-mails, a "
        "function for contact persons."
    )
    label: str | None = strawberry.field(
        description="What it is for (e.g. 'urgent requests', 'out of hours'), in English."
    )


@strawberry.type(
    description="An opening of the office on one weekday, in the authority's `timeZone`."
)
class OfficeHours:
    weekday: int = strawberry.field(description="0 = Monday … 6 = Sunday.")
    opens: dt.time = strawberry.field(description="Local time it opens.")
    closes: dt.time = strawberry.field(
        description="Local time it closes, later than `opens`; a service through the night "
        "is two openings, one closing at 23:59 and one opening at 00:00 the next day."
    )


async def contacts_of(info: Info, authority: m.Authority, kind: ContactKind) -> list[Contact]:
    """The contacts of ``kind`` the caller may see: restricted ones only for those entitled
    to them (the service decides, from the caller and the authority's jurisdiction)."""
    rows = await info.context.loaders.contacts_of_authority.load(authority.id)
    visible = services.visible_contacts(info.context.caller(), rows, authority.jurisdiction_id)
    return [Contact(value=c.value, label=c.label) for c in visible if c.kind == kind]


async def office_hours_of(info: Info, authority: m.Authority) -> list[OfficeHours]:
    rows = await info.context.loaders.office_hours_of_authority.load(authority.id)
    return [OfficeHours(weekday=r.weekday, opens=r.opens, closes=r.closes) for r in rows]
