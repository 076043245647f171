"""Defaults from Babel's CLDR and the tz database: what they give, and when they give none."""

from __future__ import annotations

import pytest

from directory.treaties.defaults import (
    language_name,
    official_languages,
    single_time_zone,
    zones_by_country,
)


@pytest.mark.parametrize(
    ("alpha2", "names"),
    [
        ("FR", ["French"]),
        ("CA", ["English", "French"]),
        ("HK", ["Traditional Chinese", "English"]),
        ("US", ["English"]),  # de facto official: CLDR lists no de jure language
        (None, []),
        ("XQ", []),
    ],
)
def test_official_languages_are_cldr_s(alpha2: str | None, names: list[str]) -> None:
    assert [language_name(c) for c in official_languages(alpha2)] == names


@pytest.mark.parametrize(
    ("alpha2", "zone"),
    [
        ("FR", "Europe/Paris"),
        ("KE", "Africa/Nairobi"),
        ("US", None),  # many zones
        ("DE", None),  # Europe/Berlin and Europe/Busingen
        ("XQ", None),
        (None, None),
    ],
)
def test_a_single_time_zone_only_when_there_is_one(alpha2: str | None, zone: str | None) -> None:
    assert single_time_zone(alpha2) == zone


def test_zone_tab_is_read_whole() -> None:
    zones = zones_by_country()
    assert len(zones) > 240 and all(zones.values())
    assert "America/New_York" in zones["US"]
