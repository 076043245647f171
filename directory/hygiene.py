"""What a stored text may contain, read from the model: one rule for every surface.

    rule_of(column)      the column's ``String(length)`` and whether it holds free text
    problem(value, rule) why the value cannot be stored there (None when it can)

A text refuses NUL, lone surrogates and every other control character (Unicode category
Cc: C0, DEL and C1); free text also takes newlines and tabs. A column holds free text when
its model declares it with ``info=FREE_TEXT`` (notes, reasons, conditions, summaries,
addresses: prose a person writes, where a line break means something). Everything else is
one line: names, codes, URLs, phone numbers, labels.

Both engines then store the same: PostgreSQL refuses NUL and over-long values, SQLite
would keep them; neither can encode a lone surrogate. Values with no column (codes that
are looked up, search text, IDs, cursors) are held to ``GENERAL_LIMIT``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Enum, String
from sqlalchemy.sql.elements import KeyedColumnElement

FREE_TEXT = {"free_text": True}
"""``mapped_column(..., info=FREE_TEXT)``: newlines and tabs are allowed in this column."""

GENERAL_LIMIT = 1000
"""Characters allowed in a value that fills no column: longer than any code, ID or search
text, short enough that no lookup or comparison is slowed by it."""

_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_FREE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")  # \t and \n allowed


@dataclass(frozen=True)
class Rule:
    limit: int = GENERAL_LIMIT
    free_text: bool = False


GENERAL = Rule()


def rule_of(column: KeyedColumnElement[Any] | None) -> Rule:
    """The rule of a value stored in ``column``: its length when it is a plain
    ``String(n)``. An enum column's length is that of its longest value, which says
    nothing useful to a caller (the service names the allowed values), so it gets the
    general limit, as do columns of other types."""
    if column is None:
        return GENERAL
    type_ = column.type
    if isinstance(type_, String) and not isinstance(type_, Enum) and type_.length:
        return Rule(type_.length, bool(column.info.get("free_text")))
    return GENERAL


def problem(value: str, rule: Rule, name: str) -> str | None:
    """Why ``value`` (given as ``name``) cannot be kept under ``rule``, as a message naming
    the limit and the fix; None when it can."""
    if len(value) > rule.limit:
        return f"{name} has {len(value)} characters: at most {rule.limit} are allowed"
    bad = (_FREE if rule.free_text else _ONE_LINE).search(value)
    if bad is None:
        return None
    allowed = "; newlines and tabs are allowed here" if rule.free_text else ""
    point = ord(bad.group())
    kind = "a lone surrogate" if 0xD800 <= point <= 0xDFFF else "the control character"
    return (
        f"{name} contains {kind} U+{point:04X} at position "
        f"{bad.start()}: remove it (NUL, lone surrogates and control characters are "
        f"refused{allowed})"
    )
