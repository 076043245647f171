"""Validation with well-kept libraries, collecting every bad value of an input.

Each validator either returns the normalised value (phones in E.164, e-mails normalised,
language codes lower-case) or records a problem naming the field path, the bad value and
the fix. ``Problems.raise_if_any`` raises one ``InputErrors`` listing them all, before
anything is written.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Sequence
from functools import cache
from typing import Any
from urllib.parse import urlsplit

import email_validator
import phonenumbers
import pycountry
from sqlalchemy.sql.elements import KeyedColumnElement

from directory.audit.models import Revision
from directory.authorities.models import Authority
from directory.errors import InputErrors, InvalidInput, UnknownReference
from directory.hygiene import problem, rule_of

Path = Sequence[str | int]


# Revision.reason, ChangeRequest.note and review_reason: one rule, read from the model
REASON_RULE = rule_of(Revision.__table__.c.reason)
REASON_MAX = REASON_RULE.limit


def graphql_name(name: str | int) -> str | int:
    """The name a GraphQL caller sent (``original_within_days`` → ``originalWithinDays``)."""
    if not isinstance(name, str) or "_" not in name:
        return name
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def graphql_path(path: Path) -> list[str | int]:
    return [graphql_name(part) for part in path]


class Problems:
    """Problems of one input. Services name fields as Python does; the caller sent them in
    GraphQL's camelCase, so paths and the names quoted in messages are given back in it."""

    def __init__(self) -> None:
        self.items: list[InvalidInput] = []

    def add(self, path: Path, value: object, message: str, *, missing: bool = False) -> None:
        """Record a bad value; ``missing``: an id that names no row."""
        for part in path:
            if isinstance(part, str) and "_" in part:
                message = re.sub(rf"\b{re.escape(part)}\b", str(graphql_name(part)), message)
        kind = UnknownReference if missing else InvalidInput
        self.items.append(kind(message, field=["input", *graphql_path(path)], value=value))

    def raise_if_any(self) -> None:
        if self.items:
            raise InputErrors(self.items)


_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


@cache
def _time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def length(column: KeyedColumnElement[Any]) -> int:
    """The length of the ``String(n)`` column a value is stored in: limits are read from
    the model, never repeated."""
    return rule_of(column).limit


def text(
    p: Problems, path: Path, value: str | None, max_len: int, *, required: bool = False
) -> str | None:
    """Stripped text; ``""`` becomes None (clears the field). ``max_len``: see ``length``."""
    cleaned = value.strip() if isinstance(value, str) else value
    if not cleaned:
        if required:
            p.add(path, value, f"{path[-1]} is empty: give a value (at most {max_len} characters)")
        return None
    if len(cleaned) > max_len:
        p.add(path, value, f"{path[-1]} has {len(cleaned)} characters: shorten it to {max_len}")
    return cleaned


def key(p: Problems, path: Path, value: str) -> str:
    if not _KEY.match(value) or len(value) > length(Authority.__table__.c.key):
        p.add(
            path,
            value,
            f"key {value!r} is not a lower-case slug: use e.g. 'aut-fra-ministry-of-justice'",
        )
    return value


def language(p: Problems, path: Path, value: str) -> str:
    code = (value or "").strip().lower()
    found = None
    if len(code) == 2:
        found = pycountry.languages.get(alpha_2=code)
    elif len(code) == 3:
        found = pycountry.languages.get(alpha_3=code)
    if found is None:
        p.add(
            path, value, f"language {value!r} is not an ISO 639 code: use e.g. 'en', 'fr' or 'ar'"
        )
        return code
    # the shortest code, as the model stores it (639-1 when the language has one)
    return str(getattr(found, "alpha_2", None) or found.alpha_3)


def time_zone(p: Problems, path: Path, value: str | None) -> str | None:
    value = text(p, path, value, length(Authority.__table__.c.time_zone))
    if value is not None and value not in _time_zones():
        p.add(path, value, f"time zone {value!r} is not an IANA zone: use e.g. 'Europe/Vienna'")
    return value


def url(p: Problems, path: Path, value: str | None) -> str | None:
    value = text(p, path, value, length(Authority.__table__.c.website))
    if value is None:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in value:
        p.add(
            path,
            value,
            f"website {value!r} is not an http(s) URL: use e.g. 'https://www.justice.gov.example'",
        )
    return value


def phone(p: Problems, path: Path, value: str, region: str | None) -> str:
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        p.add(
            path,
            value,
            f"phone number {value!r} is not valid"
            + (f" for region {region}" if region else "")
            + ": give it in international form, e.g. '+43 1 52152 0'",
        )
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def email(p: Problems, path: Path, value: str) -> str:
    try:
        # no DNS lookups: validation must not depend on the network (or leak to it)
        result = email_validator.validate_email(value, check_deliverability=False)
    except email_validator.EmailNotValidError as exc:
        p.add(
            path,
            value,
            f"e-mail address {value!r} is not valid ({exc}): give e.g. 'mla@justice.example'",
        )
        return value
    return result.normalized


def clock(p: Problems, path: Path, value: str) -> dt.time | None:
    match = _HHMM.match(value or "")
    if not match:
        p.add(path, value, f"time {value!r} is not HH:MM on a 24-hour clock: use e.g. '09:00'")
        return None
    return dt.time(int(match[1]), int(match[2]))


def non_negative(p: Problems, path: Path, value: int) -> int:
    if not isinstance(value, int) or value < 0:
        p.add(path, value, f"{path[-1]} {value!r} must be a whole number ≥ 0: use e.g. 0")
    return value


def reason(value: str | None, *, required: bool = False) -> str | None:
    """The stripped ``reason`` of a write or a review (None when empty); InputErrors when it
    is longer than the columns that keep it, or missing where ``required``."""
    p = Problems()
    cleaned = text(p, ["reason"], value, REASON_MAX, required=required)
    if cleaned is not None and (message := problem(cleaned, REASON_RULE, "reason")):
        p.add(["reason"], value, message)
    p.raise_if_any()
    return cleaned
