"""``search()``: find jurisdictions and authorities by any of their names, codes or city.

Case-, accent- and punctuation-insensitive in every stored language ("ministere de la
justice" finds "Ministère de la Justice"; "cote" finds "Côte d'Ivoire"). Folding happens in
Python (``folding.fold``) over two set-based loads, so SQLite and PostgreSQL give the same
hits in the same order: the data is a few hundred jurisdictions and authorities, and no
stored folded column is needed at that size.

Ranking, best first: exact code (alpha-3 / alpha-2) > exact name > name prefix > word
prefix > substring; ties by kind (jurisdictions first), then folded display name, then id.
Codes match only exactly, so a one-letter query does not return every code.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from enum import IntEnum, StrEnum

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from directory.authorities.models import Authority, AuthorityName
from directory.enums import AuthorityStatus
from directory.errors import InvalidInput
from directory.search.folding import fold
from directory.treaties.models import Jurisdiction, JurisdictionName
from directory.treaties.services import display_name

__all__ = [
    "MatchKind",
    "SearchHit",
    "SearchHitKind",
    "SearchPage",
    "decode_cursor",
    "encode_cursor",
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


def match_kind(query: str, text: str) -> MatchKind | None:
    """How folded ``query`` matches folded ``text`` (names and cities; codes are exact only)."""
    if not text:
        return None
    if text == query:
        return MatchKind.EXACT_NAME
    if text.startswith(query):
        return MatchKind.PREFIX
    if f" {query}" in f" {text}":
        return MatchKind.WORD_PREFIX
    if query in text:
        return MatchKind.SUBSTRING
    return None


def _best(
    query: str, codes: list[str], names: list[tuple[str | None, str]]
) -> tuple[MatchKind, str, str | None] | None:
    best: tuple[MatchKind, str, str | None] | None = None
    for code in codes:
        if code and fold(code) == query:
            return MatchKind.EXACT_CODE, code, None
    for language, name in names:
        kind = match_kind(query, fold(name))
        if kind is not None and (best is None or kind < best[0]):
            best = (kind, name, language)
    return best


async def _candidates(session: AsyncSession, query: str) -> list[SearchHit]:
    hits: list[SearchHit] = []
    jurisdictions: dict[int, tuple[str, str | None, list[tuple[str | None, str]]]] = {}
    for j_id, code, alpha2, language, name in await session.execute(
        select(
            Jurisdiction.id,
            Jurisdiction.code,
            Jurisdiction.alpha2,
            JurisdictionName.language,
            JurisdictionName.name,
        )
        .outerjoin(JurisdictionName, JurisdictionName.jurisdiction_id == Jurisdiction.id)
        .order_by(Jurisdiction.id, JurisdictionName.language)
    ):
        entry = jurisdictions.setdefault(j_id, (code, alpha2, []))
        if name is not None:
            entry[2].append((str(language), name))
    for j_id, (code, alpha2, names) in jurisdictions.items():
        found = _best(query, [code, alpha2 or ""], names)
        if found:
            display = display_name({str(lang): n for lang, n in names}, default=code)
            hits.append(
                SearchHit(
                    SearchHitKind.JURISDICTION,
                    j_id,
                    code,
                    code,
                    display,
                    found[1],
                    found[2],
                    found[0],
                )
            )

    authorities: dict[int, tuple[str, str, str | None, list[tuple[str | None, str]]]] = {}
    originals: dict[int, str] = {}
    for a_id, key, city, j_code, a_language, name, is_original in await session.execute(
        select(
            Authority.id,
            Authority.key,
            Authority.city,
            Jurisdiction.code,
            AuthorityName.language,
            AuthorityName.name,
            AuthorityName.is_original,
        )
        .join(Jurisdiction, Authority.jurisdiction_id == Jurisdiction.id)
        .outerjoin(AuthorityName, AuthorityName.authority_id == Authority.id)
        .where(Authority.status == AuthorityStatus.ACTIVE)
        .order_by(Authority.id, AuthorityName.language)
    ):
        a_entry = authorities.setdefault(a_id, (key, j_code, city, []))
        if name is not None:
            a_entry[3].append((a_language, name))
            if is_original:
                originals.setdefault(a_id, name)
    for a_id, (key, j_code, city, names) in authorities.items():
        found = _best(query, [], names + ([(None, city)] if city else []))
        if found:
            # the rule of authorities.services.authority_name, over the rows held here
            display = display_name(
                {str(lang): n for lang, n in names},
                original=originals.get(a_id) or (names[0][1] if names else None),
                default=key,
            )
            hit = SearchHitKind.AUTHORITY
            hits.append(SearchHit(hit, a_id, key, j_code, display, found[1], found[2], found[0]))
    return hits


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
