"""``search()``: find jurisdictions and authorities by any of their names, codes or city.

Case-, accent- and punctuation-insensitive in every stored language ("ministere de la
justice" finds "Ministère de la Justice"; "cote" finds "Côte d'Ivoire"), over the UN names,
the aliases (CLDR and ISO names, endonyms such as "Deutschland", alpha-2 and IOC codes) and
authorities' names and cities. Names are folded once, when written, into the index
``search_term`` (``index``, ``terms``); a search folds its own text and reads one range of
that index, so its time grows with the hits, not with the data, on both engines.

Ranking, best first: exact code (alpha-3, alpha-2, IOC) > exact name > name prefix > word
prefix > inside a word of a script without spaces; ties by kind (jurisdictions first), then
folded display name, then id. Codes match only exactly, so a one-letter query does not
return every code.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from directory.authorities.models import Authority, AuthorityName
from directory.enums import TermKind
from directory.errors import InvalidInput
from directory.search.folding import fold
from directory.search.models import SearchTerm
from directory.treaties.models import Jurisdiction, JurisdictionName

__all__ = [
    "MatchKind",
    "SearchHit",
    "SearchHitKind",
    "SearchPage",
    "decode_cursor",
    "encode_cursor",
    "jurisdiction_codes",
    "search",
]


MAX_FIRST = 100
DEFAULT_FIRST = 20
_CURSOR_PREFIX = "search:"


class SearchHitKind(StrEnum):
    """What a hit is: a jurisdiction (by alpha-3 code) or an authority (by key)."""

    JURISDICTION = "JURISDICTION"
    AUTHORITY = "AUTHORITY"


class MatchKind(IntEnum):
    """Lower is better; the value is the rank."""

    EXACT_CODE = 0
    EXACT_NAME = 1
    PREFIX = 2
    WORD_PREFIX = 3
    SUBSTRING = 4


@dataclass(frozen=True)
class SearchHit:
    kind: SearchHitKind
    id: int  # database id of the jurisdiction or authority
    code: str  # jurisdiction alpha-3, or authority key
    jurisdiction: str  # alpha-3 (the authority's jurisdiction for an authority)
    name: str  # display name (English when stored)
    matched: str  # the text that matched (a name in some language, a code, a city)
    language: str | None  # language of the matched name; None for codes and cities
    match: MatchKind


@dataclass(frozen=True)
class SearchPage:
    hits: list[SearchHit]
    total_count: int
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"{_CURSOR_PREFIX}{offset}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    try:
        raw = base64.urlsafe_b64decode(cursor.encode()).decode()
        if raw.startswith(_CURSOR_PREFIX) and (offset := int(raw[len(_CURSOR_PREFIX) :])) >= 0:
            return offset
    except (ValueError, binascii.Error, UnicodeDecodeError):
        pass
    raise InvalidInput(
        f"after={cursor!r} is not a cursor of this search: pass the endCursor of the "
        "previous page.",
        field=["after"],
        value=cursor,
    )


_KIND_ORDER = {TermKind.CODE: 0, TermKind.NAME: 1, TermKind.ALIAS: 2, TermKind.CITY: 3}
_TOP = "\U0010ffff"  # the greatest code point: q <= tail < q + _TOP is "tail starts with q"


def _match(query: str, folded: str, rank: int) -> MatchKind:
    if rank == 0:
        return MatchKind.EXACT_CODE
    if rank == MatchKind.PREFIX and folded == query:
        return MatchKind.EXACT_NAME
    return MatchKind(rank)


def _terms(query: str) -> Select[*tuple[Any, ...]]:
    """Every term whose tail starts with ``query`` (codes: equal to it), with what a hit
    shows: its owner's code and name (``treaties.names.display_name``'s rule: English, else
    the original, else the first by language). One index range scan."""
    t = SearchTerm
    a_jur = aliased(Jurisdiction)
    j_en = aliased(JurisdictionName)
    a_en = aliased(AuthorityName)
    a_first = (
        select(AuthorityName.name)
        .where(AuthorityName.authority_id == t.authority_id)
        .order_by(AuthorityName.is_original.desc(), AuthorityName.language)
        .limit(1)
        .scalar_subquery()
    )
    return (
        select(
            t.jurisdiction_id,
            t.authority_id,
            t.kind,
            t.language,
            t.text,
            t.folded,
            t.rank,
            Jurisdiction.code,
            Authority.key,
            a_jur.code,
            j_en.name,
            func.coalesce(a_en.name, a_first),
        )
        .outerjoin(Jurisdiction, Jurisdiction.id == t.jurisdiction_id)
        .outerjoin(j_en, (j_en.jurisdiction_id == t.jurisdiction_id) & (j_en.language == "en"))
        .outerjoin(Authority, Authority.id == t.authority_id)
        .outerjoin(a_jur, a_jur.id == Authority.jurisdiction_id)
        .outerjoin(a_en, (a_en.authority_id == t.authority_id) & (a_en.language == "en"))
        .where(t.folded >= query, t.folded < query + _TOP, (t.rank > 0) | (t.folded == query))
    )


async def _candidates(session: AsyncSession, query: str) -> list[SearchHit]:
    best: dict[tuple[str, int], tuple[tuple[Any, ...], SearchHit]] = {}
    for (
        j_id,
        a_id,
        kind,
        language,
        text,
        folded,
        rank,
        j_code,
        key,
        a_code,
        j_name,
        a_name,
    ) in await session.execute(_terms(query)):
        match = _match(query, folded, rank)
        order = (match, _KIND_ORDER[TermKind(kind)], language, text)
        if j_id is not None:
            hit = SearchHit(
                SearchHitKind.JURISDICTION,
                j_id,
                j_code,
                j_code,
                j_name or j_code,
                text,
                language or None,
                match,
            )
        else:
            hit = SearchHit(
                SearchHitKind.AUTHORITY,
                a_id,
                key,
                a_code,
                a_name or key,
                text,
                language or None,
                match,
            )
        owner = (hit.kind, hit.id)
        if owner not in best or order < best[owner][0]:
            best[owner] = (order, hit)
    return [hit for _, hit in best.values()]


async def jurisdiction_codes(session: AsyncSession, text: str, limit: int = 5) -> list[str]:
    """Codes of the jurisdictions best matching ``text`` by code, name or alias (the
    suggestions for an unknown code: "GER" gives DEU, "Deutsch" gives DEU)."""
    query = fold(text or "")
    if not query:
        return []
    hits = [h for h in await _candidates(session, query) if h.kind == SearchHitKind.JURISDICTION]
    hits.sort(key=lambda h: (h.match, fold(h.name), h.id))
    return [h.code for h in hits[:limit]]


async def search(
    session: AsyncSession, text: str, *, first: int | None = None, after: str | None = None
) -> SearchPage:
    """A page of hits for ``text``, best first; ``after`` is the ``end_cursor`` of the
    previous page. Raises ``InvalidInput`` for empty text, a bad ``first`` or cursor."""
    query = fold(text or "")
    if not query:
        raise InvalidInput(
            f"text={text!r} has no letter or digit to search for: type part of a name or a code.",
            field=["text"],
            value=text,
        )
    first = DEFAULT_FIRST if first is None else first
    if not 1 <= first <= MAX_FIRST:
        raise InvalidInput(
            f"first={first} is out of range: ask for 1 to {MAX_FIRST} hits per page.",
            field=["first"],
            value=first,
        )
    offset = decode_cursor(after) + 1 if after else 0
    hits = await _candidates(session, query)
    hits.sort(key=lambda h: (h.match, h.kind != SearchHitKind.JURISDICTION, fold(h.name), h.id))
    page = hits[offset : offset + first]
    return SearchPage(
        hits=page,
        total_count=len(hits),
        has_next_page=offset + first < len(hits),
        has_previous_page=offset > 0,
        start_cursor=encode_cursor(offset) if page else None,
        end_cursor=encode_cursor(offset + len(page) - 1) if page else None,
    )
