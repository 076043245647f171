"""``route()``: "I must send this request to State X: to whom, how, in which language, on
which legal basis, and what should I watch out for?"

The whole rule lives in this package: ``validation`` (codes), ``selection`` (which
designations), ``destinations`` (grouped by authority), ``rules`` (channels, languages),
``legal`` (treaties in force, 16(5)), ``position`` (the legal phase), ``basis``
(conditions on the legal basis: "when X binds both", "unless", "when no treaty does"),
``stages`` (the stage tree), ``requirements`` (legal requirements), ``territories`` (facts a
territory borrows from its State), ``fallback`` (territory and residual fallbacks, never
silent), ``hours`` (open now?), ``warnings``, ``set_aside`` (FACTS_SET_ASIDE) and
``verification`` (UNVERIFIED_DATA), ``loading`` (the statements).

This module runs ``route()`` in named phases, each a function below:

1. resolve: ``validation.resolve`` (the pair, the place, the territory and its State),
   then ``loading.load_facts``;
2. ``position.legal_position`` (treaties in force for both sides) and
   ``position.extradition_position`` (16(5));
3. ``_destinations`` (designations chosen with their fallbacks, grouped by authority);
4. ``_channels_and_languages`` (the answering jurisdiction's rules for these bases) and
   ``_requirements`` (its legal requirements), each handing on the facts it set aside;
5. ``_sources`` (what the facts used cite, UNVERIFIED_DATA, the oldest date).

A phase hands its rows on (``position.Bases``, ``_Chosen``) instead of reading them again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from directory.routing.advice import (
    RouteAdvice,
    RouteRequest,
    RouteWarning,
    ScopeMatch,
    SourceRef,
    WarningCode,
)
from directory.routing.destinations import destinations
from directory.routing.fallback import choose_with_fallback
from directory.routing.loading import Facts, load_details, load_facts, load_sources
from directory.routing.position import Bases, extradition_position, legal_position
from directory.routing.requirements import requirements_for
from directory.routing.rules import channels_for, languages_for
from directory.routing.selection import Candidate, Context, choice_rule
from directory.routing.set_aside import SetAside, set_aside_warning
from directory.routing.validation import Resolved, resolve
from directory.routing.verification import unverified_data
from directory.routing.warnings import destination_warnings
from directory.treaties.defaults import official_languages
from directory.treaties.models import Jurisdiction

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
    At most eleven statements whatever the size of the data (see ``loading``).
    """
    if now.tzinfo is None:
        raise ValueError("route(now=…) needs an aware datetime: office hours depend on it")
    r = await resolve(session, request)
    facts = await load_facts(session, r)
    advice = _blank(r)
    warnings: list[RouteWarning] = []
    # legal bases first: rules narrowed to an instrument depend on them
    bases = legal_position(r, facts, now.astimezone(dt.UTC).date(), advice, warnings)
    extradition_position(r, facts, bases, advice, warnings)
    chosen = await _destinations(session, r, facts, bases, now, advice, warnings)
    set_aside = bases.set_aside + _channels_and_languages(r, facts, bases, chosen, advice)
    set_aside += _requirements(r, facts, bases, chosen, advice)
    languages_set_aside = any(s.kind == "LANGUAGE" for s in set_aside)
    warnings += destination_warnings(
        advice,
        chosen.answering.code,
        now,
        stale_after_days,
        languages_set_aside,
        default_languages=official_languages(chosen.answering.alpha2),
    )
    warnings += _basis_unknown(advice)
    warnings += set_aside_warning(set_aside)
    await _sources(session, facts, bases, chosen, advice, warnings)
    advice.warnings = warnings
    return advice


@dataclass
class _Chosen:
    """The designations that answer, the jurisdiction they belong to, their authorities."""

    winners: list[Candidate]
    answering: Jurisdiction
    designation_ids: set[int]
    authority_ids: list[int]


def _blank(r: Resolved) -> RouteAdvice:
    """The answer's header: the request as resolved, nothing advised yet."""
    return RouteAdvice(
        requesting=r.requesting.code,
        requested=r.requested.code,
        target=r.target.code,
        subject=r.subject,
        stage=r.stage,
        matter=r.matter,
        place=r.subdivision or (r.target.code if r.target.id != r.requested.id else None),
        urgent=r.urgent,
        measure=r.measure,
    )


async def _destinations(
    session: AsyncSession,
    r: Resolved,
    facts: Facts,
    bases: Bases,
    now: dt.datetime,
    advice: RouteAdvice,
    warnings: list[RouteWarning],
) -> _Chosen:
    """The designations that win (with fallbacks), grouped by authority with names and
    hours; NO_AUTHORITY and SEVERAL_AUTHORITIES."""
    context = Context(facts.stage_parents, bases.pair)
    winners, answering, via_parent = choose_with_fallback(r, facts.designations, context, warnings)
    authority_ids = list(dict.fromkeys(c.authority.id for c in winners))
    names, hours = await load_details(session, authority_ids, with_hours=r.urgent)
    provision_label = {p.id: f"{i.code} {p.article}" for p, i in facts.provisions}
    advice.destinations = destinations(
        winners, names, hours, provision_label, r, now=now, via_parent=via_parent
    )
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
        label = {a.authority_id: a.name for a in advice.destinations}
        firsts = list({c.authority.id: c for c in reversed(winners)}.values())[::-1]
        warnings.append(
            RouteWarning(
                WarningCode.SEVERAL_AUTHORITIES,
                f"{len(authority_ids)} authorities match: {choice_rule(firsts, label)}.",
            )
        )
    return _Chosen(winners, answering, {c.designation.id for c in winners}, authority_ids)


def _channels_and_languages(
    r: Resolved, facts: Facts, bases: Bases, chosen: _Chosen, advice: RouteAdvice
) -> list[SetAside]:
    """The answering jurisdiction's channels and languages for this request and its bases;
    returns the rules set aside."""
    answering = chosen.answering.id
    advice.channels, channels_aside = channels_for(
        [(c, n) for c, n in facts.channel_rules if c.jurisdiction_id == answering],
        designation_ids=chosen.designation_ids,
        subject=r.subject,
        measure=r.measure,
        pair=bases.pair,
        urgent=r.urgent,
    )
    advice.languages, languages_aside = languages_for(
        [(rule, via) for rule, via in facts.language_rules if rule.jurisdiction_id == answering],
        designation_ids=chosen.designation_ids,
        subject=r.subject,
        pair=bases.pair,
    )
    return channels_aside + languages_aside


def _requirements(
    r: Resolved, facts: Facts, bases: Bases, chosen: _Chosen, advice: RouteAdvice
) -> list[SetAside]:
    """The answering jurisdiction's legal requirements; returns those set aside."""
    advice.requirements, aside = requirements_for(
        [(q, k) for q, k in facts.requirements if q.jurisdiction_id == chosen.answering.id],
        subject=r.subject,
        measure=r.measure,
        pair=bases.pair,
    )
    return aside


def _basis_unknown(advice: RouteAdvice) -> list[RouteWarning]:
    """One warning naming the destinations and requirements that may apply only."""
    pairs = [
        (d.name, m.basis)
        for d in advice.destinations
        for m in d.matches
        if m.basis and m.scope.get("basis") == ScopeMatch.OPEN
    ]
    pairs += [
        (f"requirement {q.kind}", q.basis or "") for q in advice.requirements if q.basis_unknown
    ]
    unsure = [f"{what}: {why}" for what, why in pairs]
    if not unsure:
        return []
    return [
        RouteWarning(
            WarningCode.LEGAL_BASIS_CONDITION_UNKNOWN,
            "Part of this answer depends on treaties the directory cannot tell are in force "
            f"between the two States: {'; '.join(unsure)}",
            items=tuple(pairs),
        )
    ]


async def _sources(
    session: AsyncSession,
    facts: Facts,
    bases: Bases,
    chosen: _Chosen,
    advice: RouteAdvice,
    warnings: list[RouteWarning],
) -> None:
    """Every source cited by the facts used, UNVERIFIED_DATA, and the oldest date."""
    extradition_ids = {p.id for p, _ in bases.extradition}
    used_notifications = [
        n for n in bases.by_provision.values() if n.provision_id in extradition_ids
    ]
    relevant_ids = {i.id for i in bases.relevant}
    used_participations = [
        p for p, i in facts.participations if i.id in bases.ids or i.id in relevant_ids
    ]
    warnings += unverified_data(advice, used_notifications, used_participations)
    sources = await load_sources(
        session,
        {
            "authority": chosen.authority_ids,
            "designation": chosen.designation_ids,
            "channel_rule": [i for c in advice.channels for i in c.rule_ids],
            "language_rule": [lang.rule_id for lang in advice.languages],
            "notification": [n.id for n in used_notifications],
            "participation": [p.id for p in used_participations],
            "requirement": [q.requirement_id for q in advice.requirements],
        },
    )
    advice.sources = [
        SourceRef(s.id, s.url, s.document, s.title, s.kind, s.seen_on, s.stated_on) for s in sources
    ]
    dates = [a.last_confirmed_on for a in advice.destinations if a.last_confirmed_on]
    dates += [s.seen_on for s in sources]
    advice.oldest_confirmation_on = min(dates, default=None)
