"""Channel and language rules that apply to one request (pure functions over loaded rows).

A rule applies when it belongs to the jurisdiction that answers, and each of its narrowings
holds: its designation is one of the chosen ones, its subject is the request's, its measure
is the request's, its requesting State or group is the requesting side's (the loader keeps no
other), and its condition on the legal basis holds (``basis``: an instrument with no
condition means "when it binds both"). A rule whose condition fails or cannot be told is set
aside, with the reason (``SetAside``).

Channels: per channel kind, the most specific applicable rules decide (designation >
requesting side > measure > subject > legal basis > jurisdiction-wide); NOT_ACCEPTED there
removes the channel; rules ``urgent_only`` do not apply to a request that is not urgent.
REQUIRED comes first, then ``preference``. When the request names no measure, a rule for one
measure does not decide but is added to its channel as a MEASURE condition ("for service of
documents: not accepted").

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
from directory.routing.basis import Pair, Truth, Verdict, evaluate
from directory.routing.set_aside import SetAside

_LEVELS = (LanguageLevel.DESIGNATION, LanguageLevel.NOTIFICATION, LanguageLevel.JURISDICTION)


def _narrowings_hold(
    rule: ChannelRule | LanguageRule, designation_ids: Collection[int], subject: str
) -> bool:
    return (rule.designation_id is None or rule.designation_id in designation_ids) and (
        rule.subject_code is None or rule.subject_code == subject
    )


def _specificity(rule: ChannelRule) -> int:
    return (
        32 * (rule.designation_id is not None)
        + 16 * (rule.requesting_id is not None or rule.requesting_group_code is not None)
        + 8 * (rule.measure_code is not None)
        + 4 * (rule.subject_code is not None)
        + 2 * (rule.instrument_id is not None or rule.basis_condition is not None)
    )


def sentence(reason: str) -> str:
    return reason[0].upper() + reason[1:] + "."


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
    measure: str | None,
    pair: Pair,
    urgent: bool,
) -> tuple[list[ChannelAdvice], list[SetAside]]:
    """``rules`` are (rule, its channel kind) of the answering jurisdiction; returns the
    channels advised and the rules set aside for their legal basis."""
    by_channel: dict[str, list[tuple[ChannelRule, ChannelKind, Verdict]]] = {}
    per_measure: list[ChannelRule] = []
    set_aside: list[SetAside] = []
    for rule, kind in rules:
        if rule.urgent_only and not urgent:
            continue
        if not _narrowings_hold(rule, designation_ids, subject):
            continue
        if rule.measure_code is not None and rule.measure_code != measure:
            if measure is None:
                per_measure.append(rule)
            continue
        verdict = evaluate(rule.basis_condition, rule.instrument_id, pair)
        if verdict.truth != Truth.YES:
            what = f"channel rule {rule.channel_code} ({rule.permission.value.lower()})"
            set_aside.append(SetAside(what, verdict.reason or "", "CHANNEL"))
            continue
        by_channel.setdefault(rule.channel_code, []).append((rule, kind, verdict))
    advice = []
    for channel, applicable in by_channel.items():
        top = max(_specificity(r) for r, _, _ in applicable)
        deciding = [(r, n, v) for r, n, v in applicable if _specificity(r) == top]
        if any(r.permission == ChannelPermission.NOT_ACCEPTED for r, _, _ in deciding):
            continue
        rule, kind, verdict = min(
            deciding,
            key=lambda rnv: (
                rnv[0].permission != ChannelPermission.REQUIRED,
                rnv[0].preference,
                rnv[0].id,
            ),
        )
        conditions = _conditions(rule)
        if verdict.reason:
            conditions.append(
                ChannelCondition(ChannelConditionCode.LEGAL_BASIS, sentence(verdict.reason))
            )
        conditions += [_measure_condition(m) for m in per_measure if m.channel_code == channel]
        advice.append(
            ChannelAdvice(
                channel=channel,
                name=kind.name,
                description=kind.description,
                permission=rule.permission,
                preference=rule.preference,
                conditions=conditions,
                rule_ids=[r.id for r, _, _ in deciding],
                verification=rule.verification,
            )
        )
    ordered = sorted(
        advice,
        key=lambda a: (a.permission != ChannelPermission.REQUIRED, a.preference, a.channel),
    )
    return ordered, set_aside


def _measure_condition(rule: ChannelRule) -> ChannelCondition:
    said = {
        ChannelPermission.NOT_ACCEPTED: "not accepted",
        ChannelPermission.REQUIRED: "the only accepted channel",
        ChannelPermission.ACCEPTED: "accepted",
    }[rule.permission]
    measure = (rule.measure_code or "").replace("_", " ").lower()
    extra = f" ({rule.condition})" if rule.condition else ""
    return ChannelCondition(ChannelConditionCode.MEASURE, f"For {measure}: {said}{extra}.")


def languages_for(
    rules: Sequence[tuple[LanguageRule, int | None]],
    *,
    designation_ids: Collection[int],
    subject: str,
    pair: Pair,
) -> tuple[list[LanguageAdvice], list[SetAside]]:
    """``rules`` are (rule, instrument id of its notification's provision, if any).

    A rule tied to a notification applies only under that notification's instrument; one
    with a condition on the legal basis only when it holds. The others are set aside.
    """

    def level(rule: LanguageRule) -> int:
        if rule.designation_id is not None:
            return 0
        return 1 if rule.notification_id is not None else 2

    applicable: list[tuple[LanguageRule, str | None, str | None]] = []
    set_aside: list[SetAside] = []
    for rule, via in rules:
        if not _narrowings_hold(rule, designation_ids, subject):
            continue
        via_code = None
        if rule.notification_id is not None and via is not None:
            via_code = pair.instruments[via].code if via in pair.instruments else None
            if via not in pair.in_force:
                set_aside.append(
                    SetAside(
                        f"language {rule.language} notified under {via_code or 'a treaty'}",
                        pair.why_not(via),
                        "LANGUAGE",
                    )
                )
                continue
        verdict = evaluate(rule.basis_condition, rule.instrument_id, pair)
        if verdict.truth != Truth.YES:
            set_aside.append(
                SetAside(f"language rule {rule.language}", verdict.reason or "", "LANGUAGE")
            )
            continue
        applicable.append((rule, via_code, verdict.reason))
    applicable.sort(key=lambda rv: (level(rv[0]), rv[0].preference, rv[0].id))
    seen: set[str] = set()
    out = []
    for rule, via_code, reason in applicable:
        if rule.language in seen:
            continue
        seen.add(rule.language)
        out.append(
            LanguageAdvice(
                language=rule.language,
                name=language_name(rule.language) or rule.language,
                level=_LEVELS[level(rule)],
                condition=rule.condition,
                instrument=via_code,
                rule_id=rule.id,
                verification=rule.verification,
                basis=sentence(reason) if reason else None,
            )
        )
    return out, set_aside
