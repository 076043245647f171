"""Query parameters and form fields of the pages, checked before any service sees them.

Every value a reader (or anyone) can put in a URL or a form is read here: its length is
bounded, NUL and other control characters are refused, codes must have their shape. A bad
value raises ``BadParameter`` naming the field and showing the value (shortened), which the
pages answer with a 400 page in the reader's language: never a 500, never a stack trace.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

__all__ = ["BadParameter", "code", "flag", "place", "text", "vocabulary_code"]

TEXT_MAX = 200  # a search or a token; names in the data are at most 500, queries far less
_ALPHA3 = re.compile(r"[A-Za-z]{3}")
_VOCABULARY = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,39}")
_PLACE = re.compile(r"[A-Za-z]{3}|[A-Za-z]{2}-[A-Za-z0-9]{1,3}")
_SHOWN = 60


class BadParameter(Exception):
    """``field`` holds a value the page cannot use; ``problem`` says why, in English (the
    page shows a translated sentence chosen by ``kind``)."""

    def __init__(self, field: str, value: str, kind: str) -> None:
        super().__init__(f"{field}={value[:_SHOWN]!r}: {kind}")
        self.field = field
        self.value = value
        self.kind = kind  # "too_long" | "control" | "bad_code" | "missing" | "bad_flag"

    @property
    def shown(self) -> str:
        """The value as a page may show it: printable, at most 60 characters."""
        clean = "".join(ch if ch.isprintable() else "\ufffd" for ch in self.value)
        return clean if len(clean) <= _SHOWN else clean[:_SHOWN] + "…"


def _raw(params: Mapping[str, str], field: str, limit: int) -> str | None:
    value = params.get(field)
    if value is None:
        return None
    if len(value) > limit:
        raise BadParameter(field, value, "too_long")
    if any(unicodedata.category(ch) in ("Cc", "Cs", "Co") for ch in value):
        raise BadParameter(field, value, "control")
    value = value.strip()
    return value or None


def text(
    params: Mapping[str, str], field: str, *, required: bool = False, limit: int = TEXT_MAX
) -> str | None:
    """Free text (a search), stripped; None when absent or blank unless ``required``."""
    value = _raw(params, field, limit)
    if value is None and required:
        raise BadParameter(field, params.get(field, ""), "missing")
    return value


def code(params: Mapping[str, str], field: str, *, required: bool = False) -> str | None:
    """An ISO 3166-1 alpha-3 code, upper-cased."""
    return _shaped(params, field, _ALPHA3, required)


def place(params: Mapping[str, str], field: str) -> str | None:
    """A territory (alpha-3) or an ISO 3166-2 subdivision (``GB-SCT``), upper-cased."""
    return _shaped(params, field, _PLACE, False)


def vocabulary_code(params: Mapping[str, str], field: str, *, required: bool = False) -> str | None:
    """A code of an open vocabulary (``MLA``, ``INVESTIGATION``), upper-cased."""
    return _shaped(params, field, _VOCABULARY, required)


def flag(params: Mapping[str, str], field: str) -> bool:
    """A checkbox: absent or ``0`` is False, ``1``/``on``/``yes`` True; anything else is bad."""
    value = _raw(params, field, 10)
    if value is None or value == "0":
        return False
    if value.lower() in ("1", "on", "yes", "true"):
        return True
    raise BadParameter(field, value, "bad_flag")


def _shaped(
    params: Mapping[str, str], field: str, shape: re.Pattern[str], required: bool
) -> str | None:
    value = _raw(params, field, 40)
    if value is None:
        if required:
            raise BadParameter(field, params.get(field, ""), "missing")
        return None
    if not shape.fullmatch(value):
        raise BadParameter(field, value, "bad_code")
    return value.upper()
