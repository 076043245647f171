"""Which of a body's names to show: THE fallback rule for every surface.

A jurisdiction has names in the six UN languages (CLDR); an authority has names in any
language, one of them marked as its original. A display asks for one UN language and
always gets a name: the one in that language, else the English one, else the original,
else a code or key, never an empty string.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from directory.enums import UNLanguage
from directory.treaties.models import JurisdictionName

__all__ = ["display_name", "jurisdiction_name"]


def display_name(
    names: Mapping[str, str],
    language: UNLanguage = UNLanguage.EN,
    *,
    original: str | None = None,
    default: str,
) -> str:
    """The name in ``language``, else in English, else ``original``, else ``default``.

    ``names`` maps language codes (ISO 639) to names; ``default`` is what identifies the
    body when it has no usable name (an alpha-3 code, an authority's key)."""
    return names.get(language) or names.get(UNLanguage.EN) or original or default


def jurisdiction_name(
    names: Iterable[JurisdictionName], code: str, language: UNLanguage = UNLanguage.EN
) -> str:
    """A jurisdiction's name in ``language``, else in English, else its alpha-3 ``code``."""
    return display_name({n.language: n.name for n in names}, language, default=code)
