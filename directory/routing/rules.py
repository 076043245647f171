"""Channel and language rules that apply to one request (pure functions over loaded rows).

A rule applies when it belongs to the jurisdiction that answers, and each of its narrowings
holds: its designation is one of the chosen ones, its subject is the request's, its
instrument is a legal basis in force between the two States.

Channels: per channel kind, the most specific applicable rules decide (designation >
subject > instrument > jurisdiction-wide); NOT_ACCEPTED there removes the channel; rules
``urgent_only`` do not apply to a request that is not urgent. REQUIRED comes first, then
``preference``.

Languages: designation-level rules first, then those tied to a notification (18(14)), then
jurisdiction-level ones; within a level by ``preference``; a language appears once, with the
condition of its most specific rule.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from directory.authorities.models import ChannelKind, ChannelRule, LanguageRule
from directory.authorities.services import language_name
from directory.enums import ChannelPermission
from directory.routing.advice import (
    ChannelAdvice,
    ChannelCondition,
    ChannelConditionCode,
    LanguageAdvice,
    LanguageLevel,
)

_LEVELS = (LanguageLevel.DESIGNATION, LanguageLevel.NOTIFICATION, LanguageLevel.JURISDICTION)


def _narrowings_hold(
    rule: ChannelRule | LanguageRule,
    designation_ids: Collection[int],
    subject: str,
    instrument_ids: Collection[int],
) -> bool:
    return (
        (rule.designation_id is None or rule.designation_id in designation_ids)
        and (rule.subject_code is None or rule.subject_code == subject)
        and (rule.instrument_id is None or rule.instrument_id in instrument_ids)
    )


def _specificity(rule: ChannelRule) -> int:
    return (
        4 * (rule.designation_id is not None)
        + 2 * (rule.subject_code is not None)
        + (rule.instrument_id is not None)
    )


def _conditions(rule: ChannelRule) -> list[ChannelCondition]:
    out = []
    if rule.permission == ChannelPermission.REQUIRED:
        out.append(
            ChannelCondition(
                ChannelConditionCode.REQUIRED, "The requested State accepts requests only this way."
            )
        )
    if rule.urgent_only:
        out.append(
            ChannelCondition(
                ChannelConditionCode.URGENT_ONLY, "Only for urgent requests (this one is urgent)."
            )
        )
    if rule.prior_agreement_required:
        out.append(
            ChannelCondition(
                ChannelConditionCode.PRIOR_AGREEMENT_REQUIRED,
                "Only where the two States have agreed to it: check that they have.",
            )
        )
    if rule.written_confirmation_required:
        out.append(
            ChannelCondition(
                ChannelConditionCode.WRITTEN_CONFIRMATION_REQUIRED,
                "Confirm the request in writing promptly.",
            )
        )
    if rule.original_to_follow:
        within = f" within {rule.original_within_days} days" if rule.original_within_days else ""
        out.append(
            ChannelCondition(
                ChannelConditionCode.ORIGINAL_TO_FOLLOW,
                f"Send the signed original through a formal channel{within}.",
            )
        )
    if rule.condition:
        out.append(ChannelCondition(ChannelConditionCode.CONDITION, rule.condition))
    return out


def channels_for(
    rules: Sequence[tuple[ChannelRule, ChannelKind]],
    *,
    designation_ids: Collection[int],
    subject: str,
    instrument_ids: Collection[int],
    urgent: bool,
) -> list[ChannelAdvice]:
    """``rules`` are (rule, its channel kind) of the answering jurisdiction."""
    by_channel: dict[str, list[tuple[ChannelRule, ChannelKind]]] = {}
    for rule, name in rules:
        if rule.urgent_only and not urgent:
            continue
        if _narrowings_hold(rule, designation_ids, subject, instrument_ids):
            by_channel.setdefault(rule.channel_code, []).append((rule, name))
    advice = []
    for channel, applicable in by_channel.items():
        top = max(_specificity(r) for r, _ in applicable)
        deciding = [(r, n) for r, n in applicable if _specificity(r) == top]
        if any(r.permission == ChannelPermission.NOT_ACCEPTED for r, _ in deciding):
            continue
        rule, kind = min(
            deciding,
            key=lambda rn: (
                rn[0].permission != ChannelPermission.REQUIRED,
                rn[0].preference,
                rn[0].id,
            ),
        )
        advice.append(
            ChannelAdvice(
                channel=channel,
                name=kind.name,
                description=kind.description,
                permission=rule.permission,
                preference=rule.preference,
                conditions=_conditions(rule),
                rule_ids=[r.id for r, _ in deciding],
                verification=rule.verification,
            )
        )
    return sorted(
        advice,
        key=lambda a: (a.permission != ChannelPermission.REQUIRED, a.preference, a.channel),
    )


def languages_for(
    rules: Sequence[tuple[LanguageRule, str | None]],
    *,
    designation_ids: Collection[int],
    subject: str,
    instrument_ids: Collection[int],
) -> list[LanguageAdvice]:
    """``rules`` are (rule, instrument code of its notification's provision, if any).

    A rule tied to a notification applies only under that notification's instrument.
    """

    def level(rule: LanguageRule) -> int:
        if rule.designation_id is not None:
            return 0
        return 1 if rule.notification_id is not None else 2

    applicable = []
    for rule, via_notification in rules:
        if not _narrowings_hold(rule, designation_ids, subject, instrument_ids):
            continue
        if rule.notification_id is not None and via_notification is None:
            continue  # its instrument is not a legal basis between the two States
        applicable.append((rule, via_notification))
    applicable.sort(key=lambda rv: (level(rv[0]), rv[0].preference, rv[0].id))
    seen: set[str] = set()
    out = []
    for rule, via_notification in applicable:
        if rule.language in seen:
            continue
        seen.add(rule.language)
        out.append(
            LanguageAdvice(
                language=rule.language,
                name=language_name(rule.language) or rule.language,
                level=_LEVELS[level(rule)],
                condition=rule.condition,
                instrument=via_notification,
                rule_id=rule.id,
                verification=rule.verification,
            )
        )
    return out
