"""Warnings about the answer itself: freshness, channels, languages, office hours (the
verification of its facts is ``verification.unverified_data``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from directory.enums import ChannelPermission
from directory.routing.advice import RouteAdvice, RouteWarning, WarningCode
from directory.treaties.defaults import language_name

DIPLOMATIC = "DIPLOMATIC"  # the channel kind code the seed uses for the diplomatic channel


def _default_languages(answering: str, languages: Sequence[str]) -> str:
    """ "send it in French" from CLDR's official languages; the general advice without."""
    if not languages:
        return "send it in an official language of the requested State"
    names = [language_name(code) for code in languages]
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
    which = "the official language" if len(names) == 1 else "an official language"
    return (
        f"send it in {listed}, {which} of {answering} (by default, from the Unicode CLDR: "
        "not a language the State notified)"
    )


def destination_warnings(
    advice: RouteAdvice,
    answering: str,
    now: dt.datetime,
    stale_after_days: int,
    languages_set_aside: bool = False,
    *,
    default_languages: Sequence[str] = (),
) -> list[RouteWarning]:
    """Channel, language, freshness and office-hours warnings. NO_LANGUAGE_RULE is never
    said when languages are stored but set aside (FACTS_SET_ASIDE names them instead); when
    it is said, it names ``default_languages``, the answering jurisdiction's official
    languages (``treaties.defaults.official_languages``), as a default."""
    warnings = []
    today = now.astimezone(dt.UTC).date()
    for channel in advice.channels:
        if channel.permission != ChannelPermission.REQUIRED:
            continue
        code = (
            WarningCode.DIPLOMATIC_CHANNEL_REQUIRED
            if channel.channel == DIPLOMATIC
            else WarningCode.CHANNEL_REQUIRED
        )
        warnings.append(
            RouteWarning(
                code,
                f"{answering} requires requests to arrive through the {channel.name} channel; "
                "a request sent another way may be returned unexecuted.",
            )
        )
    if advice.destinations and not advice.channels:
        warnings.append(
            RouteWarning(
                WarningCode.NO_CHANNEL_RULE,
                f"The directory records no channel for {answering} for this request: ask the "
                "authority how it accepts requests before sending.",
            )
        )
    if advice.destinations and not advice.languages and not languages_set_aside:
        warnings.append(
            RouteWarning(
                WarningCode.NO_LANGUAGE_RULE,
                f"The directory records no acceptable language for {answering} for this "
                f"request: {_default_languages(answering, default_languages)}.",
            )
        )
    for destination in advice.destinations:
        confirmed = destination.last_confirmed_on
        if confirmed is None:
            warnings.append(
                RouteWarning(
                    WarningCode.STALE_ENTRY,
                    f"{destination.name}: the entry has never been confirmed by its State; "
                    "check the contact details before sending.",
                )
            )
        elif (today - confirmed).days > stale_after_days:
            warnings.append(
                RouteWarning(
                    WarningCode.STALE_ENTRY,
                    f"{destination.name}: last confirmed on {confirmed.isoformat()}, more than "
                    f"{stale_after_days} days ago; check the contact details before sending.",
                )
            )
    known = [d.office for d in advice.destinations if d.office is not None]
    if known and not any(o.open_now for o in known):
        opens = min((o.next_opens_at for o in known if o.next_opens_at), default=None)
        when = (
            f"; the first to open does so at {opens.isoformat()} (its local time)" if opens else ""
        )
        warnings.append(
            RouteWarning(
                WarningCode.CLOSED_NOW,
                f"Every destination with known office hours is closed now{when}. For an urgent "
                "request, consider a channel accepted in urgent cases.",
            )
        )
    return warnings
