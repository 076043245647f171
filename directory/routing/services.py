"""``route()``: "I must send this request to State X: to whom, how, in which language, on
which legal basis, and what should I watch out for?"

The whole rule lives in this package: ``validation`` (codes), ``selection`` (which
designations), ``destinations`` (grouped by authority), ``rules`` (channels, languages),
``legal`` (treaties in force, 16(5)), ``territories`` (facts a territory borrows from its
State), ``fallback`` (territory and residual fallbacks, never silent), ``hours`` (open
now?), ``warnings`` and ``verification`` (UNVERIFIED_DATA). This module loads the facts and
writes the answer and its warnings.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession

from directory.routing.advice import (
    RouteAdvice,
    RouteRequest,
    RouteWarning,
    SourceRef,
    WarningCode,
)
from directory.routing.destinations import destinations
from directory.routing.fallback import choose_with_fallback
from directory.routing.legal import (
    binding_dates,
    extradition_positions,
    legal_bases,
    party_warnings,
)
from directory.routing.loading import load_details, load_facts, load_sources
from directory.routing.rules import channels_for, languages_for
from directory.routing.selection import choice_rule
from directory.routing.territories import (
    borrowed_notification_warnings,
    notifications_for,
    territorial_warnings,
)
from directory.routing.validation import resolve
from directory.routing.verification import unverified_data
from directory.routing.warnings import destination_warnings

__all__ = ["RouteAdvice", "RouteRequest", "route"]


def subject_words(subject: str) -> str:
    """A subject code in words for a message: MLA → "mutual legal assistance"."""
    return "mutual legal assistance" if subject == "MLA" else subject.replace("_", " ").lower()


async def route(
    session: AsyncSession,
    request: RouteRequest,
    *,
    now: dt.datetime,
    stale_after_days: int = 365,
) -> RouteAdvice:
    """Advice for sending ``request``, as of ``now`` (aware datetime).

    Raises ``InvalidInput`` (field path, suggestions) for an unknown or malformed code.
    About ten statements whatever the size of the data.
    """
    if now.tzinfo is None:
        raise ValueError("route(now=…) needs an aware datetime: office hours depend on it")
    r = await resolve(session, request)
    today = now.astimezone(dt.UTC).date()
    facts = await load_facts(session, r)
    advice = RouteAdvice(
        requesting=r.requesting.code,
        requested=r.requested.code,
        target=r.target.code,
        subject=r.subject,
        stage=r.stage,
        matter=r.matter,
        place=r.subdivision or (r.target.code if r.target.id != r.requested.id else None),
        urgent=r.urgent,
    )
    warnings: list[RouteWarning] = []

    # legal bases first: rules narrowed to an instrument depend on them
    instruments = {i.id: i for _, i in facts.participations} | {
        i.id: i for _, i in facts.provisions
    }
    sender, sender_state = r.requesting, r.requesting_state
    ours = binding_dates(facts.participations, [sender.id, sender_state.id])
    theirs = binding_dates(facts.participations, [r.target.id, r.state.id])
    advice.legal_bases = legal_bases(instruments, ours, theirs, today)
    for side, territory, state in (
        ("requesting", sender, sender_state),
        ("requested", r.target, r.state),
    ):
        if territory.id != state.id:
            warnings += territorial_warnings(
                facts.participations,
                advice.legal_bases,
                (territory.id, territory.code),
                (state.id, state.code),
                side,
            )
    basis_ids = {
        i.id for i in instruments.values() if i.code in {b.instrument for b in advice.legal_bases}
    }
    subject_provisions = [(p, i) for p, i in facts.provisions if p.subject_code == r.subject]
    # treaties governing the subject that at least one side has taken part in: a treaty
    # neither State joined says nothing about this pair (NO_COMMON_LEGAL_BASIS covers it)
    joined = set(ours) | set(theirs)
    relevant = {i.id: i for _, i in subject_provisions if i.id in joined}.values()
    warnings += party_warnings(
        relevant,
        [("requesting", r.requesting.code, ours), ("requested", r.target.code, theirs)],
        today,
    )
    if not advice.legal_bases:
        warnings.append(
            RouteWarning(
                WarningCode.NO_COMMON_LEGAL_BASIS,
                f"The directory records no treaty in force between {r.requesting.code} and "
                f"{r.target.code} on {today.isoformat()}: check the depositary's records, or "
                "rely on a bilateral treaty, domestic law or reciprocity.",
            )
        )
    by_provision = notifications_for(facts.notifications, r.target.id)
    extradition = [(p, i) for p, i in subject_provisions if p.kind == "EXTRADITION_BASIS"]
    advice.extradition = extradition_positions(
        extradition, by_provision, advice.legal_bases, r.target.code, r.target.id, r.state.code
    )
    shown = {p.provision for p in advice.extradition}
    warnings += borrowed_notification_warnings(
        [(p, i) for p, i in extradition if f"{i.code} {p.article}" in shown],
        by_provision,
        (r.target.id, r.target.code),
        r.state.code,
    )
    if extradition and not any(not p.treaty_or_law_needed for p in advice.extradition):
        warnings.append(
            RouteWarning(
                WarningCode.EXTRADITION_BASIS_NEEDED,
                f"{r.target.code} is not known to accept any treaty in force between the two "
                "States as a legal basis for extradition: a bilateral treaty or its domestic "
                "law is needed.",
            )
        )

    winners, answering, via_parent = choose_with_fallback(r, facts.designations, warnings)
    designation_ids = {c.designation.id for c in winners}
    authority_ids = list(dict.fromkeys(c.authority.id for c in winners))
    names, hours = await load_details(session, authority_ids, with_hours=r.urgent)
    provision_label = {p.id: f"{i.code} {p.article}" for p, i in facts.provisions}
    advice.destinations = destinations(
        winners, names, hours, provision_label, r, now=now, via_parent=via_parent
    )
    label = {a.authority_id: a.name for a in advice.destinations}
    if not winners:
        warnings.append(
            RouteWarning(
                WarningCode.NO_AUTHORITY,
                f"The directory records no authority of {r.target.code} receiving {r.subject} "
                "requests for this scope: send through the diplomatic channel or ask the "
                f"{r.target.code} central authority for {subject_words(r.subject)}.",
            )
        )
    elif len(authority_ids) > 1:
        firsts = list({c.authority.id: c for c in reversed(winners)}.values())[::-1]
        warnings.append(
            RouteWarning(
                WarningCode.SEVERAL_AUTHORITIES,
                f"{len(authority_ids)} authorities match: {choice_rule(firsts, label)}.",
            )
        )

    channel_rows = [(c, n) for c, n in facts.channel_rules if c.jurisdiction_id == answering.id]
    advice.channels = channels_for(
        channel_rows,
        designation_ids=designation_ids,
        subject=r.subject,
        instrument_ids=basis_ids,
        urgent=r.urgent,
    )
    code_of = {i.id: i.code for i in instruments.values()}
    language_rows = [
        (rule, code_of.get(via) if via in basis_ids else None)
        for rule, via in facts.language_rules
        if rule.jurisdiction_id == answering.id
    ]
    advice.languages = languages_for(
        language_rows, designation_ids=designation_ids, subject=r.subject, instrument_ids=basis_ids
    )

    warnings += destination_warnings(advice, answering.code, now, stale_after_days)
    used_channel_ids = [i for c in advice.channels for i in c.rule_ids]
    used_notifications = [
        n for n in by_provision.values() if any(p.id == n.provision_id for p, _ in extradition)
    ]
    used_participations = [
        p for p, i in facts.participations if i.id in basis_ids or i.id in {x.id for x in relevant}
    ]
    warnings += unverified_data(advice, used_notifications, used_participations)
    sources = await load_sources(
        session,
        {
            "authority": authority_ids,
            "designation": designation_ids,
            "channel_rule": used_channel_ids,
            "language_rule": [lang.rule_id for lang in advice.languages],
            "notification": [n.id for n in used_notifications],
            "participation": [p.id for p in used_participations],
        },
    )
    advice.sources = [
        SourceRef(s.id, s.url, s.document, s.title, s.kind, s.seen_on) for s in sources
    ]
    dates = [a.last_confirmed_on for a in advice.destinations if a.last_confirmed_on]
    dates += [s.seen_on for s in sources]
    advice.oldest_confirmation_on = min(dates, default=None)
    advice.warnings = warnings
    return advice
