"""What a State page shows, read through the domain services: a ``Sheet`` of plain rows.

One function per block, each a few set-based statements for the whole State (its
territories included), never one per row: ``state_sheet`` reads about twenty statements
whatever the number of authorities. Contacts pass THE gate,
``authorities.services.visible_contacts(principal, …)``, here and nowhere else in the pages.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Table
from sqlalchemy.ext.asyncio import AsyncSession

from directory.accounts.permissions import Principal
from directory.authorities import services as authorities
from directory.authorities.models import (
    Authority,
    AuthorityContact,
    ChannelRule,
    Designation,
    LanguageRule,
    Measure,
    authority_source,
)
from directory.authorities.requirements import Requirement, RequirementKind, requirement_source
from directory.treaties import services as treaties
from directory.treaties.models import (
    Instrument,
    Jurisdiction,
    Notification,
    Participation,
    Provision,
    Source,
    notification_source,
    participation_source,
)

__all__ = ["AuthorityEntry", "Named", "Sheet", "authority_entries", "jurisdiction", "state_sheet"]


@dataclass(frozen=True)
class Named:
    """A name in the reader's language, or in English / the original when it has none there
    (``fallback``: the page says the name is not in the reader's language)."""

    text: str
    language: str
    fallback: bool


def pick(names: dict[str, str], wanted: str, default: str) -> Named:
    if wanted in names:
        return Named(names[wanted], wanted, False)
    if "en" in names:
        return Named(names["en"], "en", True)
    if names:
        language, text = next(iter(names.items()))
        return Named(text, language, True)
    return Named(default, "", True)


@dataclass
class AuthorityEntry:
    authority: Authority
    name: Named
    names: dict[str, str]
    jurisdiction_code: str
    contacts: Sequence[AuthorityContact]
    designations: list[Designation]
    channel_rules: list[ChannelRule]
    language_rules: list[LanguageRule]
    sources: list[Source]
    stale: bool


@dataclass
class Sheet:
    jurisdiction: Jurisdiction
    name: Named
    names: dict[str, str]
    parent: tuple[Jurisdiction, Named] | None
    territories: list[tuple[Jurisdiction, Named]]
    participations: list[tuple[Participation, Instrument, dt.date | None, list[Source]]]
    # every provision of the instruments it takes part in, with its notification (None: no
    # record, shown as "not known", never guessed)
    notifications: list[tuple[Notification | None, Provision, Instrument, list[Source], list[str]]]
    authorities: list[AuthorityEntry]
    general_channels: list[ChannelRule]
    general_languages: list[LanguageRule]
    instruments: dict[int, Instrument] = field(default_factory=dict)
    # its legal requirements (issue 9 part 6), each with its kind and sources
    requirements: list[tuple[Requirement, RequirementKind, list[Source]]] = field(
        default_factory=list
    )
    measure_names: dict[str, str] = field(default_factory=dict)  # code → English name

    @property
    def oldest_confirmation(self) -> dt.date | None:
        dates = [e.authority.last_confirmed_on for e in self.authorities]
        return min((d for d in dates if d), default=None)

    @property
    def newest_confirmation(self) -> dt.date | None:
        dates = [e.authority.last_confirmed_on for e in self.authorities]
        return max((d for d in dates if d), default=None)


async def measure_names(session: AsyncSession) -> dict[str, str]:
    """The measures' English names from the data (the pages mark them as untranslated)."""
    return {m.code: m.name for m in await treaties.vocabulary(session, Measure)}


async def jurisdiction(session: AsyncSession, code: str) -> Jurisdiction | None:
    found = await treaties.jurisdictions_by_codes(session, [code])
    return found[0] if found else None


async def names_by_jurisdiction(
    session: AsyncSession, ids: Sequence[int]
) -> dict[int, dict[str, str]]:
    names: dict[int, dict[str, str]] = defaultdict(dict)
    for row in await treaties.names_for(session, list(ids)):
        names[row.jurisdiction_id][str(row.language)] = row.name
    return names


async def _sources(
    session: AsyncSession, citations: Table, ids: Sequence[int]
) -> dict[int, list[Source]]:
    by_fact: dict[int, list[Source]] = defaultdict(list)
    if ids:
        for fact_id, source in await treaties.sources_for(session, citations, list(ids)):
            by_fact[fact_id].append(source)
    return by_fact


async def state_sheet(
    session: AsyncSession,
    principal: Principal,
    j: Jurisdiction,
    language: str,
    today: dt.date,
    stale_after_days: int,
) -> Sheet:
    """Everything the State page shows about ``j`` (and its territories' authorities)."""
    territories = list(await treaties.territories_for(session, [j.id]))
    parent = None
    if j.parent_id is not None:
        parents = await treaties.jurisdictions_by_ids(session, [j.parent_id])
        parent = parents[0] if parents else None
    ids = [j.id, *(t.id for t in territories), *([parent.id] if parent else [])]
    names = await names_by_jurisdiction(session, ids)
    instruments = {i.id: i for i in await treaties.all_instruments(session)}

    participations = list(await treaties.participations_for(session, [j.id]))
    p_sources = await _sources(session, participation_source, [p.id for p in participations])
    notifications = list(await treaties.notifications_for(session, [j.id]))
    by_provision = {n.provision_id: n for n in notifications}
    provisions = {
        p.id: p
        for p in await treaties.provisions_for(
            session, sorted({p.instrument_id for p in participations})
        )
    }
    missing = [n.provision_id for n in notifications if n.provision_id not in provisions]
    for extra in await treaties.provisions_by_ids(session, missing):
        provisions[extra.id] = extra
    n_sources = await _sources(session, notification_source, [n.id for n in notifications])
    n_languages: dict[int, list[str]] = defaultdict(list)
    for rule in await authorities.language_rules_for_notifications(
        session, [n.id for n in notifications]
    ):
        if rule.notification_id is not None:
            n_languages[rule.notification_id].append(rule.language)

    entries = await authority_entries(
        session,
        principal,
        list(await authorities.authorities_for(session, [j.id, *(t.id for t in territories)])),
        {j.id: j.code, **{t.id: t.code for t in territories}},
        language,
        today,
        stale_after_days,
    )
    requirements = list(await authorities.requirements_for(session, [j.id]))
    q_sources = await _sources(session, requirement_source, [q.id for q, _k in requirements])
    return Sheet(
        jurisdiction=j,
        name=pick(names[j.id], language, j.code),
        names=names[j.id],
        parent=(parent, pick(names[parent.id], language, parent.code)) if parent else None,
        territories=[(t, pick(names[t.id], language, t.code)) for t in territories],
        participations=[
            (
                p,
                instruments[p.instrument_id],
                treaties.in_force_on(p, instruments[p.instrument_id]),
                p_sources[p.id],
            )
            for p in participations
        ],
        notifications=[
            (
                (n := by_provision.get(provision.id)),
                provision,
                instruments[provision.instrument_id],
                n_sources[n.id] if n else [],
                n_languages[n.id] if n else [],
            )
            for provision in sorted(
                provisions.values(), key=lambda p: (instruments[p.instrument_id].code, p.id)
            )
        ],
        authorities=entries,
        general_channels=list(await authorities.general_channel_rules_for(session, [j.id])),
        general_languages=list(await authorities.general_language_rules_for(session, [j.id])),
        instruments=instruments,
        requirements=[(q, k, q_sources[q.id]) for q, k in requirements],
        measure_names=await measure_names(session),
    )


async def authority_entries(
    session: AsyncSession,
    principal: Principal,
    rows: Sequence[Authority],
    codes: dict[int, str],
    language: str,
    today: dt.date,
    stale_after_days: int,
) -> list[AuthorityEntry]:
    """The authorities ``rows`` with their names, visible contacts, designations, rules and
    sources: seven statements for all of them."""
    ids = [a.id for a in rows]
    if not ids:
        return []
    names: dict[int, dict[str, str]] = defaultdict(dict)
    for n in await authorities.names_for(session, ids):
        names[n.authority_id][n.language] = n.name
    contacts: dict[int, list[AuthorityContact]] = defaultdict(list)
    for c in await authorities.contacts_for(session, ids):
        contacts[c.authority_id].append(c)
    designations: dict[int, list[Designation]] = defaultdict(list)
    for d in await authorities.designations_for(session, ids):
        designations[d.authority_id].append(d)
    owner = {d.id: d.authority_id for ds in designations.values() for d in ds}
    channels: dict[int, list[ChannelRule]] = defaultdict(list)
    for rule in await authorities.channel_rules_for_designations(session, list(owner)):
        if rule.designation_id is not None:
            channels[owner[rule.designation_id]].append(rule)
    languages: dict[int, list[LanguageRule]] = defaultdict(list)
    for lang_rule in await authorities.language_rules_for_designations(session, list(owner)):
        if lang_rule.designation_id is not None:
            languages[owner[lang_rule.designation_id]].append(lang_rule)
    sources = await _sources(session, authority_source, ids)
    return [
        AuthorityEntry(
            authority=a,
            name=pick(names[a.id], language, a.key),
            names=names[a.id],
            jurisdiction_code=codes.get(a.jurisdiction_id, ""),
            # THE gate: restricted rows only for those entitled (authorities.services)
            contacts=authorities.visible_contacts(principal, contacts[a.id], a.jurisdiction_id),
            designations=designations[a.id],
            channel_rules=channels[a.id],
            language_rules=languages[a.id],
            sources=sources[a.id],
            stale=authorities.is_stale(a, today, stale_after_days),
        )
        for a in rows
    ]
