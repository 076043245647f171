"""The fields of the notification and participation forms: read from a posted form into the
services' inputs (``directory.editing.facts``), and back from a stored fact to prefill them.

A field is named as the API names it (``consentOn``, ``sources.0.seenOn``), so an error of
the service, whose path is the API's (``["input", "sources", 0, "seenOn"]``), finds its
field by joining that path. What only the page can find wrong (a date that is no date, a
value no list offers, a source row without the day it was read) is collected in the same
``Problems`` as the service's, and the service is not called until none is left.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any

from directory.editing.facts import SourceInput
from directory.editing.validation import Problems, graphql_name
from directory.enums import (
    ConsentType,
    ExtraditionBasis,
    NotificationStatus,
    SourceKind,
    Verification,
)
from directory.errors import InputErrors, InvalidInput
from directory.treaties import models as tm
from directory.web import params

__all__ = [
    "NOTIFICATION_FIELDS",
    "PARTICIPATION_FIELDS",
    "SOURCE_FIELDS",
    "SOURCE_ROWS",
    "FormValues",
    "error_keys",
    "read_fields",
    "read_sources",
    "source_values",
]

# every field a form may hold, with what it is: (snake name, kind, enum)
DATE, TEXT, CHOICE, FLAG = "date", "text", "choice", "flag"
Field = tuple[str, str, type[StrEnum] | None]
PARTICIPATION_FIELDS: list[Field] = [
    ("instrument", TEXT, None),
    ("consent_type", CHOICE, ConsentType),
    ("consent_on", DATE, None),
    ("party_date_unknown", FLAG, None),
    ("signed_on", DATE, None),
    ("status_as_of", DATE, None),
    ("territorial_application", TEXT, None),
    ("verification", CHOICE, Verification),
]
NOTIFICATION_FIELDS: list[Field] = [
    ("instrument", TEXT, None),
    ("article", TEXT, None),
    ("status", CHOICE, NotificationStatus),
    ("extradition_basis", CHOICE, ExtraditionBasis),
    ("condition", TEXT, None),
    ("summary", TEXT, None),
    ("notified_on", DATE, None),
    ("depositary_reference", TEXT, None),
    ("verification", CHOICE, Verification),
]
SOURCE_FIELDS: list[Field] = [
    ("url", TEXT, None),
    ("document", TEXT, None),
    ("title", TEXT, None),
    ("kind", CHOICE, SourceKind),
    ("stated_on", DATE, None),
    ("seen_on", DATE, None),
]
SOURCE_ROWS = 3  # rows of sources a form offers (a fact cites one or two)
# a bound far above any column, so that an over-long text reaches the service, whose
# message names the column's limit (``storable``); control characters are refused here
_TEXT_LIMIT = 5000

FormValues = dict[str, str]  # form name (``consentOn``) → the text the field shows


def name_of(snake: str, row: int | None = None) -> str:
    camel = str(graphql_name(snake))
    return camel if row is None else f"sources.{row}.{camel}"


def _value(
    p: Problems, raw: Mapping[str, str], shown: FormValues, field: Field, row: int | None
) -> Any:
    snake, kind, enum = field
    name = name_of(snake, row)
    path: list[str | int] = [snake] if row is None else ["sources", row, snake]
    limit = 10 if kind == FLAG else _TEXT_LIMIT
    text = params.text(raw, name, limit=limit)  # BadParameter (a 400 page) for controls
    shown[name] = text or ""
    if kind == FLAG:
        return params.flag(raw, name)
    if text is None:
        return None
    if kind == DATE:
        try:
            if len(text) != 10:
                raise ValueError(text)
            return dt.date.fromisoformat(text)
        except ValueError:
            p.add(path, text, f"{name} {text!r} is not a date: give it as YYYY-MM-DD (2004-05-12)")
            return None
    if kind == CHOICE and enum is not None:
        if text not in enum.__members__:
            known = ", ".join(enum.__members__)
            p.add(path, text, f"{name} {text!r} is not one of {known}: choose one of them")
            return None
        return enum(text)
    return text


def read_fields(
    p: Problems, raw: Mapping[str, str], fields: Sequence[Field], shown: FormValues
) -> dict[str, Any]:
    """The values of ``fields`` (snake name → value), each problem in ``p``."""
    return {f[0]: _value(p, raw, shown, f, None) for f in fields}


def read_sources(
    p: Problems, raw: Mapping[str, str], shown: FormValues
) -> tuple[list[SourceInput], list[int]]:
    """The source rows that hold anything, and for each the form row it came from (the
    service numbers the sources it is given; its errors are turned back to rows)."""
    found: list[SourceInput] = []
    rows: list[int] = []
    for row in range(SOURCE_ROWS):
        values = {f[0]: _value(p, raw, shown, f, row) for f in SOURCE_FIELDS}
        given = [name_of(f[0], row) for f in SOURCE_FIELDS if f[0] != "kind"]
        if not any(shown[name] for name in given):
            continue
        if values["seen_on"] is None:
            if not shown[name_of("seen_on", row)]:
                p.add(
                    ["sources", row, "seen_on"],
                    None,
                    "the day you read the source is missing: give it as YYYY-MM-DD",
                )
            continue
        values["kind"] = values["kind"] or SourceKind.OFFICIAL
        found.append(SourceInput(**values))
        rows.append(row)
    return found, rows


def error_keys(exc: InvalidInput, rows: Sequence[int] | None = None) -> dict[str, list[str]]:
    """Each problem's message under the name of its field (``sources.1.url``); a problem
    the form has no field for (the State) under ``""``. ``rows``: the form row of each
    source the service was given, when it was called."""
    problems = exc.problems if isinstance(exc, InputErrors) else [exc]
    found: dict[str, list[str]] = {}
    for problem in problems:
        path = list(problem.field[1:] if problem.field[:1] == ["input"] else problem.field)
        numbered = rows is not None and len(path) > 1 and path[0] == "sources"
        if numbered and rows is not None and isinstance(path[1], int) and path[1] < len(rows):
            path[1] = rows[path[1]]
        found.setdefault(".".join(str(part) for part in path), []).append(problem.message)
    return found


def source_values(sources: Sequence[tm.Source]) -> FormValues:
    """The source rows of a form, filled from the sources a fact cites."""
    shown: FormValues = {}
    for row, s in enumerate(sources[:SOURCE_ROWS]):
        for snake, _kind, _enum in SOURCE_FIELDS:
            value = getattr(s, snake)
            text = value.isoformat() if isinstance(value, dt.date) else (value or "")
            shown[name_of(snake, row)] = str(text)
    return shown


def fact_values(row: Any, fields: Sequence[Field]) -> FormValues:
    """The fields of a form, filled from a stored fact (its codes given by the caller)."""
    shown: FormValues = {}
    for snake, kind, _enum in fields:
        value = getattr(row, snake, None)
        if kind == FLAG:
            shown[name_of(snake)] = "1" if value else ""
        elif isinstance(value, dt.date):
            shown[name_of(snake)] = value.isoformat()
        else:
            shown[name_of(snake)] = "" if value is None else str(value)
    return shown
