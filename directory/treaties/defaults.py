"""Defaults for what a State has not told the directory, from well-kept libraries.

These are never facts about cooperation: a default fills a gap in the answer and says it is
a default. ``official_languages``: the official languages of a territory in the Unicode
CLDR (through Babel), for the language fallback of ``route`` ("send it in French").
``single_time_zone``: the one IANA time zone of a country that has only one (the tz
database's ``zone.tab``, through the ``tzdata`` package), so that office hours entered
without a zone can still say whether the office is open now.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import babel
from babel.languages import get_official_languages

__all__ = ["language_name", "official_languages", "single_time_zone", "zones_by_country"]


@cache
def official_languages(alpha2: str | None) -> tuple[str, ...]:
    """CLDR's official languages of ``alpha2`` (BCP 47 codes: fr, zh_Hant), most spoken
    first; de facto official ones when CLDR lists no official one (US: en); none for an
    unknown or missing code."""
    if not alpha2:
        return ()
    return get_official_languages(alpha2) or get_official_languages(alpha2, de_facto=True)


@cache
def language_name(code: str) -> str:
    """The English name of a CLDR language code ("fr" -> "French", "zh_Hant" ->
    "Chinese (Traditional)"); the code itself when CLDR has no name for it."""
    if name := babel.Locale("en").languages.get(code):
        return str(name)
    try:
        return babel.Locale.parse(code).get_display_name("en") or code
    except (babel.UnknownLocaleError, ValueError):
        return code


@cache
def zones_by_country() -> dict[str, tuple[str, ...]]:
    """Every country's IANA zones, from the tz database's ``zone.tab`` (one line per zone:
    country code, coordinates, zone name)."""
    text = files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
    zones: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            country, _coordinates, zone, *_comment = line.split("\t")
            zones.setdefault(country, []).append(zone)
    return {country: tuple(found) for country, found in zones.items()}


def single_time_zone(alpha2: str | None) -> str | None:
    """The zone of ``alpha2`` when the tz database gives it exactly one (FR:
    Europe/Paris); None when it has several (US, DE with Büsingen) or none is known."""
    found = zones_by_country().get(alpha2 or "", ())
    return found[0] if len(found) == 1 else None
