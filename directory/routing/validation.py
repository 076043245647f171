"""Validate and resolve the codes of a ``RouteRequest`` against pycountry and the database.

An unknown code raises ``InvalidInput`` naming it, with the field path (``["input",
"requested"]``) and ``suggestions``: the jurisdictions that have the value as a code, name
or alias (the search index), then close valid codes found by difflib over codes and names.
pycountry knows real ISO codes; the database is the authority on what the directory holds
(it may hold user-assigned codes, and a subdivision named by a designation).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pycountry
from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from directory.authorities.models import Designation, Matter, Measure, ProceduralStage
from directory.enums import JurisdictionKind, UNLanguage
from directory.errors import InvalidInput
from directory.routing.advice import RouteRequest
from directory.search.folding import fold
from directory.search.services import jurisdiction_codes
from directory.treaties.models import Jurisdiction, JurisdictionName, Subject

_SUBDIVISION = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
_VOCABULARIES: dict[str, type[Subject] | type[ProceduralStage] | type[Matter] | type[Measure]] = {
    "subject": Subject,
    "stage": ProceduralStage,
    "matter": Matter,
    "measure": Measure,
}


@dataclass(frozen=True)
class Resolved:
    """A request whose codes all exist. ``target`` is the territory when one was named
    (as ``requested`` or as ``place``), else the requested State; ``state`` is its State.
    ``requesting_state`` is the requesting side's State (itself unless it is a territory)."""

    requesting: Jurisdiction
    requested: Jurisdiction
    target: Jurisdiction
    state: Jurisdiction
    subject: str
    stage: str | None
    matter: str | None
    subdivision: str | None
    urgent: bool
    requesting_state: Jurisdiction
    measure: str | None = None


def _norm(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip().upper()
    return value or None


def suggest(value: str, choices: Iterable[tuple[str, str]], limit: int = 5) -> list[str]:
    """Close matches for ``value`` among ``(code, label)`` pairs; returns codes, best first.

    Codes and labels are both compared, accent- and case-folded, so "Frnace" finds FRA and
    "FRN" finds FRA too.
    """
    by_key: dict[str, str] = {}
    for code, label in choices:
        by_key.setdefault(fold(code), code)
        if label:
            by_key.setdefault(fold(label), code)
    found: list[str] = []
    for key in difflib.get_close_matches(fold(value), list(by_key), n=limit * 3, cutoff=0.6):
        if by_key[key] not in found:
            found.append(by_key[key])
    return found[:limit]


def _unknown(
    field: str, value: str, what: str, fix: str, suggestions: Sequence[str]
) -> InvalidInput:
    hint = f" Did you mean {', '.join(suggestions)}?" if suggestions else ""
    return InvalidInput(
        f"Unknown {what} {value!r} in input.{field}: {fix}.{hint}",
        field=["input", field],
        value=value,
        suggestions=suggestions,
    )


async def _jurisdiction_choices(session: AsyncSession) -> list[tuple[str, str]]:
    rows = await session.execute(
        select(Jurisdiction.code, Jurisdiction.alpha2, JurisdictionName.name).outerjoin(
            JurisdictionName,
            (JurisdictionName.jurisdiction_id == Jurisdiction.id)
            & (JurisdictionName.language.in_([UNLanguage.EN, UNLanguage.FR, UNLanguage.ES])),
        )
    )
    choices: list[tuple[str, str]] = []
    for code, alpha2, name in rows:
        choices.append((code, name or ""))
        if alpha2:
            choices.append((code, alpha2))
    return choices


async def _jurisdiction_suggestions(session: AsyncSession, value: str) -> list[str]:
    """Codes whose jurisdiction has ``value`` as a code, a name or an alias (IOC's GER
    gives DEU, "Deutschland" gives DEU), best first; then codes and names close to it in
    spelling ("Frnace" gives FRA)."""
    found = await jurisdiction_codes(session, value)
    for code in suggest(value, await _jurisdiction_choices(session)):
        if code not in found:
            found.append(code)
    return found[:5]


async def _jurisdiction_error(session: AsyncSession, field: str, value: str) -> InvalidInput:
    country = pycountry.countries.get(alpha_3=value) if len(value) == 3 else None
    if country is not None:
        fix = f"{value} ({country.name}) is an ISO code but the directory holds no entry for it"
    else:
        fix = "use the ISO 3166-1 alpha-3 code of a State or territory (FRA, HKG)"
    return _unknown(
        field, value, "jurisdiction", fix, await _jurisdiction_suggestions(session, value)
    )


async def _lookup(
    session: AsyncSession, codes: set[str], vocab: dict[str, str | None]
) -> tuple[list[Jurisdiction], set[tuple[str, str]]]:
    """The jurisdictions named by ``codes`` and their States, and which of the given
    vocabulary codes exist, in one statement.

    Each row carries one ``EXISTS`` flag per vocabulary code given. No row at all means no
    code named a jurisdiction, and the requesting side is then reported unknown before any
    vocabulary code is looked at, so the flags are never needed in that case.
    """
    named = aliased(Jurisdiction)
    flags = [
        exists().where(model.code == vocab[field]).label(field)
        for field, model in _VOCABULARIES.items()
        if vocab[field] is not None
    ]
    rows = (
        await session.execute(
            select(Jurisdiction, *flags).where(
                Jurisdiction.code.in_(codes)
                | Jurisdiction.alpha2.in_(codes)
                | Jurisdiction.id.in_(
                    select(named.parent_id).where(named.code.in_(codes) | named.alpha2.in_(codes))
                )
            )
        )
    ).all()
    first = rows[0]._mapping if rows else {}
    known = {(f, c) for f, c in vocab.items() if c is not None and first.get(f)}
    return [row[0] for row in rows], known


async def _check_known(
    session: AsyncSession, sides: dict[str, str], by_code: dict[str, Jurisdiction]
) -> None:
    """Raise for the first side whose code names no jurisdiction (with suggestions)."""
    for field, value in sides.items():
        if value not in by_code:
            raise await _jurisdiction_error(session, field, value)


async def _check_vocabulary(
    session: AsyncSession, vocab: dict[str, str | None], known: set[tuple[str, str]]
) -> None:
    """Raise for the first subject, stage or matter code that does not exist; only then
    is the whole list read, for suggestions."""
    for field, model in _VOCABULARIES.items():
        value = vocab[field]
        if value is not None and (field, value) not in known:
            rows = (await session.execute(select(model.code, model.name))).all()
            raise _unknown(
                field,
                value,
                field,
                f"use a code of the {model.__tablename__} list",
                suggest(value, rows),
            )


def _required(field: str, value: str | None) -> str:
    if value is None:
        raise InvalidInput(f"input.{field} is empty: give a code.", field=["input", field])
    return value


async def resolve(session: AsyncSession, request: RouteRequest) -> Resolved:
    """Check every code of ``request`` in one statement (two on a subdivision not known
    to pycountry); raise ``InvalidInput`` for the first unknown one."""
    requesting = _required("requesting", _norm(request.requesting))
    requested = _required("requested", _norm(request.requested))
    subject = _required("subject", _norm(request.subject))
    stage, matter, place = _norm(request.stage), _norm(request.matter), _norm(request.place)
    measure = _norm(request.measure)

    codes = {c for c in (requesting, requested, place) if c and len(c) in (2, 3)}
    vocab: dict[str, str | None] = {
        "subject": subject,
        "stage": stage,
        "matter": matter,
        "measure": measure,
    }
    found, known = await _lookup(session, codes, vocab)
    by_code = {j.code: j for j in found} | {j.alpha2: j for j in found if j.alpha2}

    await _check_known(session, {"requesting": requesting, "requested": requested}, by_code)
    await _check_vocabulary(session, vocab, known)

    asked = by_code[requested]
    target = asked
    subdivision: str | None = None
    if place is not None:
        if place in by_code and len(place) == 3:
            target = _territory_of(by_code[place], asked, place)
        else:
            subdivision = await _subdivision(session, place, asked)
    sender = by_code[requesting]
    # a territory's State came with the lookup: it is never read a second time
    by_id = {j.id: j for j in found}

    def state_of(j: Jurisdiction) -> Jurisdiction:
        if j.kind == JurisdictionKind.TERRITORY and j.parent_id is not None:
            return by_id.get(j.parent_id, j)
        return j

    return Resolved(
        requesting=sender,
        requesting_state=state_of(sender),
        requested=asked,
        target=target,
        state=state_of(target),
        subject=subject,
        stage=stage,
        matter=matter,
        subdivision=subdivision,
        urgent=request.urgent,
        measure=measure,
    )


def _territory_of(place: Jurisdiction, asked: Jurisdiction, code: str) -> Jurisdiction:
    if place.id == asked.id:
        return asked
    if place.kind == JurisdictionKind.TERRITORY and place.parent_id == asked.id:
        return place
    raise InvalidInput(
        f"input.place {code!r} is not a territory of {asked.code}: give a territory whose "
        f"State is {asked.code}, an ISO 3166-2 subdivision of it, or ask {code} directly as "
        "the requested jurisdiction.",
        field=["input", "place"],
        value=code,
    )


async def _subdivision(session: AsyncSession, place: str, asked: Jurisdiction) -> str:
    prefix = asked.alpha2 or ""
    if pycountry.subdivisions.get(code=place) is not None and place.startswith(f"{prefix}-"):
        return place
    stored = (
        await session.scalars(
            select(Designation.subdivision)
            .distinct()
            .where(Designation.subdivision.like(f"{prefix}-%"))
        )
    ).all()
    if _SUBDIVISION.match(place) and place in stored:
        return place
    choices = [(s, s) for s in stored if s is not None]  # LIKE never matches NULL anyway
    choices += [(s.code, s.name) for s in pycountry.subdivisions.get(country_code=prefix) or []]
    return_fix = f"use an ISO 3166-2 subdivision of {asked.code} ({prefix}-…) or a territory code"
    raise _unknown("place", place, "place", return_fix, suggest(place, choices))
