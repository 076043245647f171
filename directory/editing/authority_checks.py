"""Validation of authority changes: names (one per language), contacts (E.164 phones and
faxes, e-mail addresses), office hours, texts, website and time zone. Every problem of an
input is reported at once (InputErrors); an update leaves unset (None) fields unchanged.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.authorities.models import Authority, AuthorityContact, AuthorityName
from directory.db import utcnow
from directory.editing import validation as v
from directory.editing.common import Target
from directory.editing.fact_checks import check_sources
from directory.editing.inputs import (
    ContactInput,
    CreateAuthority,
    NameInput,
    OfficeHoursInput,
    UpdateAuthority,
)
from directory.enums import ContactKind, Verification

# each text column of an authority, with its maximum length (read from the model)
TEXT_FIELDS = {
    f: v.length(Authority.__table__.c[f])
    for f in ("street_address", "city", "postal_code", "notes")
}


_CONTACT = {f: v.length(AuthorityContact.__table__.c[f]) for f in ("value", "label")}


def _names(p: v.Problems, names: list[NameInput]) -> list[NameInput]:
    if not names:
        p.add(
            ["names"], names, "names is empty: give the authority's name in at least one language"
        )
    out, seen = [], set()
    for i, n in enumerate(names):
        lang = v.language(p, ["names", i, "language"], n.language)
        if lang in seen:
            p.add(
                ["names", i, "language"],
                n.language,
                f"two names in {lang!r}: keep one per language",
            )
        seen.add(lang)
        name = v.text(
            p, ["names", i, "name"], n.name, v.length(AuthorityName.__table__.c.name), required=True
        )
        out.append(NameInput(language=lang, name=name or "", is_original=bool(n.is_original)))
    return out


def _contacts(
    p: v.Problems, contacts: list[ContactInput], region: str | None
) -> list[ContactInput]:
    out = []
    for i, c in enumerate(contacts):
        path: list[str | int] = ["contacts", i, "value"]
        try:
            kind = ContactKind(c.kind)
        except ValueError:
            p.add(
                ["contacts", i, "kind"],
                c.kind,
                f"contact kind {c.kind!r} is unknown: use one of "
                + ", ".join(k.value for k in ContactKind),
            )
            continue
        if kind in (ContactKind.PHONE, ContactKind.FAX):
            value = v.phone(p, path, c.value, region)
        elif kind is ContactKind.EMAIL:
            value = v.email(p, path, c.value)
        else:
            value = v.text(p, path, c.value, _CONTACT["value"], required=True) or ""
        label = v.text(p, ["contacts", i, "label"], c.label, _CONTACT["label"])
        out.append(ContactInput(kind=kind, value=value, label=label, restricted=bool(c.restricted)))
    return out


def _hours(p: v.Problems, hours: list[OfficeHoursInput]) -> list[OfficeHoursInput]:
    out = []
    for i, h in enumerate(hours):
        if not isinstance(h.weekday, int) or not 0 <= h.weekday <= 6:
            p.add(
                ["office_hours", i, "weekday"],
                h.weekday,
                "weekday must be 0 (Monday) to 6 (Sunday)",
            )
        opens = v.clock(p, ["office_hours", i, "opens"], h.opens)
        closes = v.clock(p, ["office_hours", i, "closes"], h.closes)
        if opens and closes and opens >= closes:
            p.add(
                ["office_hours", i, "closes"],
                h.closes,
                f"closes {h.closes} is not after opens {h.opens}: "
                "split intervals that cross midnight",
            )
        out.append(h)
    return out


def _verification(p: v.Problems, value: Any) -> Verification | None:
    if value is None:
        return None  # what the sources support (directory.editing.sources)
    try:
        return Verification(value)
    except ValueError:
        p.add(["verification"], value, "verification must be OFFICIAL, SECONDARY or UNKNOWN")
        return Verification.UNKNOWN


async def validate_create(
    session: AsyncSession, change: CreateAuthority, t: Target
) -> CreateAuthority:
    p = v.Problems()
    key = change.key
    if key is not None:
        key = v.key(p, ["key"], key)
        if await session.scalar(select(Authority.id).where(Authority.key == key)) is not None:
            p.add(["key"], key, f"key {key!r} is already used: choose another, or omit it")
    texts: dict[str, Any] = {
        f: v.text(p, [f], getattr(change, f), n) for f, n in TEXT_FIELDS.items()
    }
    clean = dataclasses.replace(
        change,
        jurisdiction=t.jurisdiction.code,
        key=key,
        names=_names(p, change.names),
        website=v.url(p, ["website"], change.website),
        time_zone=v.time_zone(p, ["time_zone"], change.time_zone),
        office_hours=_hours(p, change.office_hours),
        contacts=_contacts(p, change.contacts, t.jurisdiction.alpha2),
        verification=_verification(p, change.verification),
        **texts,
    )
    check_sources(p, change.sources, utcnow().date(), required=False)
    p.raise_if_any()
    return clean


async def validate_update(
    session: AsyncSession, change: UpdateAuthority, t: Target
) -> UpdateAuthority:
    p = v.Problems()

    def keep(value: str | None, check: Callable[[str], str | None]) -> str | None:
        # None = unchanged; "" = clear the field
        return None if value is None else (check(value) or "")

    def text_of(field: str, limit: int) -> Callable[[str], str | None]:
        return lambda x: v.text(p, [field], x, limit)

    texts: dict[str, Any] = {
        f: keep(getattr(change, f), text_of(f, n)) for f, n in TEXT_FIELDS.items()
    }
    clean = dataclasses.replace(
        change,
        names=None if change.names is None else _names(p, change.names),
        website=keep(change.website, lambda x: v.url(p, ["website"], x)),
        time_zone=keep(change.time_zone, lambda x: v.time_zone(p, ["time_zone"], x)),
        office_hours=None if change.office_hours is None else _hours(p, change.office_hours),
        contacts=None
        if change.contacts is None
        else _contacts(p, change.contacts, t.jurisdiction.alpha2),
        verification=_verification(p, change.verification),
        **texts,
    )
    check_sources(p, change.sources or [], utcnow().date(), required=False)
    p.raise_if_any()
    return clean
