"""Freshness of an entry: when a confirmation is too old to trust.

A read rule of the authorities domain (focal points confirm their entries through
``directory.editing.freshness.confirm_entries``); exposed in ``services.__all__``.
"""

from __future__ import annotations

import datetime as dt

from directory.authorities.models import Authority


def is_stale(authority: Authority, today: dt.date, stale_after_days: int) -> bool:
    """True when the entry was never confirmed or last confirmed more than
    ``stale_after_days`` ago (``Settings.stale_after_days``, default 365)."""
    if authority.last_confirmed_on is None:
        return True
    return (today - authority.last_confirmed_on).days > stale_after_days
