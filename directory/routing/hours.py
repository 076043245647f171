"""Is an authority open now, in its own time zone, and when does it next open?

Office hours are rows (weekday 0 = Monday, opens < closes) in the authority's IANA zone.
An overnight service is two rows, one ending at 23:59 (or 23:59:59) and one starting at
00:00 the next day: such rows are chained, so "open now" at 23:30 reports the closing time
of the next morning. The date line needs no special case: the instant ``now`` is converted
into the authority's zone first, so Friday evening UTC is already Saturday in Kiribati
(UTC+14) and still Friday in American Samoa (UTC−11).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from directory.routing.advice import OfficeStatus

_END_OF_DAY = (dt.time(23, 59), dt.time(23, 59, 59))


def office_status(
    hours: Sequence[tuple[int, dt.time, dt.time]],
    time_zone: str | None,
    now: dt.datetime,
    *,
    default_zone: str | None = None,
) -> OfficeStatus | None:
    """``None`` when the hours or the zone are unknown (never a guess). ``default_zone``
    (the country's only zone, ``treaties.defaults.single_time_zone``) stands in for a
    missing ``time_zone``, and the answer says so."""
    is_default = not time_zone and default_zone is not None
    time_zone = time_zone or default_zone
    if not hours or not time_zone:
        return None
    try:
        zone = ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    local = now.astimezone(zone)
    intervals: list[list[dt.datetime]] = []
    # one day back (an overnight opening that started yesterday) to eight ahead (a week
    # with a single opening day still finds its next opening)
    for offset in range(-1, 9):
        day = local.date() + dt.timedelta(days=offset)
        for weekday, opens, closes in sorted(hours, key=lambda h: (h[0], h[1])):
            if weekday != day.weekday():
                continue
            start = dt.datetime.combine(day, opens, tzinfo=zone)
            if closes in _END_OF_DAY:
                end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tzinfo=zone)
            else:
                end = dt.datetime.combine(day, closes, tzinfo=zone)
            if intervals and intervals[-1][1] >= start:
                intervals[-1][1] = max(intervals[-1][1], end)  # contiguous: one opening
            else:
                intervals.append([start, end])
    for start, end in intervals:
        if start <= local < end:
            return OfficeStatus(
                time_zone,
                local,
                True,
                closes_at=end,
                next_opens_at=None,
                time_zone_is_default=is_default,
            )
    upcoming = [start for start, _ in intervals if start > local]
    return OfficeStatus(
        time_zone,
        local,
        False,
        closes_at=None,
        next_opens_at=min(upcoming, default=None),
        time_zone_is_default=is_default,
    )
