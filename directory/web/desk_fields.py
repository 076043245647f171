"""The desk's form fields: what a form shows, how a posted form becomes a change, and where
each error of the editing services goes.

A field's ``key`` is both its form name and the path of its errors: the services name a
bad value by its path in the input (``["input", "fields", "sources", 0, "seenOn"]``), and
the key is that path without ``input`` and ``fields``, joined by dots
(``sources.0.seenOn``). An error whose path names no field of the form (an id the form
does not show) is shown at the top of the form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from directory.editing.fact_checks import SourceInput
from directory.enums import SourceKind
from directory.errors import InvalidInput
from directory.web import params
from directory.web.labels import N_

__all__ = [
    "Field",
    "Form",
    "Rows",
    "Section",
    "error_key",
    "source_rows",
    "sources_from",
]

FREE_MAX = 4000  # the longest free-text column; the services check each column's own limit
SOURCE_ROWS = 2
Rows = dict[str, list[int]]  # list name → the form row of each item sent
BAD_DATE = N_("Not a date: write it as YYYY-MM-DD, e.g. 2024-03-01.")
BAD_NUMBER = N_("Not a whole number: write digits only, e.g. 2.")
SOURCE_KINDS = {
    SourceKind.OFFICIAL: N_("Official (the State or a treaty body)"),
    SourceKind.DEPOSITARY: N_("Depositary"),
    SourceKind.SECONDARY: N_("Secondary (a database, a commentary)"),
    SourceKind.PRESS: N_("Press"),
}


@dataclass
class Field:
    key: str
    label: str  # translated
    kind: str = "text"  # text | textarea | select | checkbox | date | number
    value: str = ""
    options: Sequence[tuple[str, str]] = ()
    errors: list[str] = field(default_factory=list)
    hint: str = ""

    @property
    def id(self) -> str:
        return "f-" + self.key.replace(".", "-")


@dataclass
class Section:
    title: str
    fields: list[Field]


@dataclass
class Form:
    """A form as the page shows it: sections of fields, the errors no field holds."""

    sections: list[Section]
    general: list[str] = field(default_factory=list)

    def fields(self) -> dict[str, Field]:
        return {f.key: f for s in self.sections for f in s.fields}

    def fill(self, posted: Mapping[str, str]) -> None:
        """Show what was posted (a form sent back with its errors keeps what was typed)."""
        for f in self.fields().values():
            if f.kind == "checkbox":
                f.value = "1" if posted.get(f.key) else ""
            elif f.key in posted:
                f.value = posted[f.key]

    def add_error(self, key: str, message: str) -> None:
        fields = self.fields()
        while key:
            if key in fields:
                fields[key].errors.append(message)
                return
            # "sources.0" (a source with neither URL nor symbol): its first field
            first = next((k for k in fields if k.startswith(key + ".")), None)
            if first is not None:
                fields[first].errors.append(message)
                return
            key = key.rpartition(".")[0]
        self.general.append(message)

    def add_errors(self, problems: Sequence[InvalidInput], rows: Rows) -> None:
        for problem in problems:
            self.add_error(error_key(problem.field, rows), problem.message)

    @property
    def has_errors(self) -> bool:
        return bool(self.general) or any(f.errors for f in self.fields().values())


def error_key(path: Sequence[str | int], rows: Rows) -> str:
    """``["input", "fields", "sources", 0, "url"]`` → ``sources.0.url``, the item's number
    being the form row it came from (blank rows are not sent: ``rows``)."""
    parts = [str(p) for p in path]
    if parts[:1] == ["input"]:
        parts = parts[1:]
    if parts[:1] == ["changes"] and len(parts) > 1 and parts[1].isdigit():
        parts = parts[2:]  # a batch's path: the form is always its last change
    if parts[:1] == ["fields"]:
        parts = parts[1:]
    if len(parts) > 1 and parts[0] in rows and parts[1].isdigit():
        sent = rows[parts[0]]
        if int(parts[1]) < len(sent):
            parts[1] = str(sent[int(parts[1])])
    return ".".join(parts)


def text(posted: Mapping[str, str], key: str) -> str | None:
    """A posted text field, stripped (None when blank); control characters or an
    over-long value are a bad parameter (the 400 page), as everywhere on the site."""
    return params.text(posted, key, limit=FREE_MAX)


def number(posted: Mapping[str, str], key: str, local: list[tuple[str, str]]) -> int | None:
    raw = text(posted, key)
    if raw is None:
        return None
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 6):
        local.append((key, BAD_NUMBER))
        return None
    return int(raw)


def date(posted: Mapping[str, str], key: str, local: list[tuple[str, str]]) -> dt.date | None:
    raw = text(posted, key)
    if raw is None:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        local.append((key, BAD_DATE))
        return None


def source_rows(_: Callable[[str], str], today: dt.date) -> list[Field]:
    """Blank rows for new sources: a URL or document symbol, title, kind, dates."""
    out: list[Field] = []
    kinds = [(k.value, _(label)) for k, label in SOURCE_KINDS.items()]
    for n in range(SOURCE_ROWS):
        out += [
            Field(f"sources.{n}.url", _(N_("Source: URL or document symbol"))),
            Field(f"sources.{n}.title", _(N_("Source: title"))),
            Field(f"sources.{n}.kind", _(N_("Source: kind")), "select", "OFFICIAL", kinds),
            Field(f"sources.{n}.statedOn", _(N_("Date the source states")), "date"),
            Field(f"sources.{n}.seenOn", _(N_("Date you read it")), "date", today.isoformat()),
        ]
    return out


def sources_from(
    posted: Mapping[str, str], today: dt.date, local: list[tuple[str, str]], rows: Rows
) -> list[SourceInput]:
    """The new sources posted (a row with neither URL/symbol nor title is no source);
    ``rows["sources"]`` records which form row each one came from."""
    found: list[SourceInput] = []
    rows["sources"] = []
    for n in range(SOURCE_ROWS):
        ref = text(posted, f"sources.{n}.url")
        title = text(posted, f"sources.{n}.title")
        if ref is None and title is None:
            continue
        rows["sources"].append(n)
        kind_raw = text(posted, f"sources.{n}.kind") or SourceKind.OFFICIAL.value
        if kind_raw not in SourceKind.__members__:
            raise params.BadParameter(f"sources.{n}.kind", kind_raw, "bad_code")
        is_url = ref is not None and "://" in ref
        found.append(
            SourceInput(
                seen_on=date(posted, f"sources.{n}.seenOn", local) or today,
                url=ref if is_url else None,
                document=None if is_url else ref,
                title=title,
                kind=SourceKind(kind_raw),
                stated_on=date(posted, f"sources.{n}.statedOn", local),
            )
        )
    return found
