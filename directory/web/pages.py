"""Home, search, State and authority pages (the wizard is ``wizard``)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.responses import Response

from directory.authorities import services as authorities
from directory.authorities.services import AuthorityQuery
from directory.enums import JurisdictionKind
from directory.search.services import search
from directory.treaties import services as treaties
from directory.treaties.models import Jurisdiction, Subject
from directory.treaties.services import JurisdictionQuery
from directory.web import params, sheets
from directory.web.base import Page, PageNotFound
from directory.web.sheets import Named, pick

__all__ = [
    "all_jurisdictions",
    "authority_page",
    "home",
    "search_page",
    "state_code",
    "state_page",
]

SEARCH_PAGE = 50


async def all_jurisdictions(
    session: AsyncSession, language: str
) -> list[tuple[Jurisdiction, Named]]:
    """Every jurisdiction with its name in ``language``, in the order of those names."""
    rows: list[Jurisdiction] = []
    after: str | None = None
    while True:
        found = await treaties.list_jurisdictions(
            session, JurisdictionQuery(), first=treaties.MAX_PAGE_SIZE, after=after
        )
        rows.extend(found.rows)
        if not found.has_next or not found.rows:
            break
        after = found.rows[-1].code
    names = await sheets.names_by_jurisdiction(session, [j.id for j in rows])
    named = [(j, pick(names[j.id], language, j.code)) for j in rows]
    from directory.search.folding import fold

    return sorted(named, key=lambda item: fold(item[1].text))


async def home(p: Page) -> Response:
    states = await treaties.list_jurisdictions(
        p.session, JurisdictionQuery(kind=JurisdictionKind.STATE), first=0, after=None
    )
    territories = await treaties.list_jurisdictions(
        p.session, JurisdictionQuery(kind=JurisdictionKind.TERRITORY), first=0, after=None
    )
    authority_count = await authorities.list_authorities(
        p.session, AuthorityQuery(), first=0, after=None
    )
    mla = await authorities.list_authorities(
        p.session, AuthorityQuery(subject="MLA"), first=0, after=None
    )
    return p.render(
        "home.html",
        as_of=await treaties.latest_source_date(p.session),
        states=states.total,
        territories=territories.total,
        authorities=authority_count.total,
        mla_authorities=mla.total,
        jurisdictions=await all_jurisdictions(p.session, p.lang.code),
        subjects=await treaties.vocabulary(p.session, Subject),
        answers={},
    )


async def search_page(p: Page) -> Response:
    text = params.text(p.params, "q")
    if text is None:
        return p.render("search.html", text="", hits=[], total=0)
    found = await search(p.session, text, first=SEARCH_PAGE)
    ids = [h.id for h in found.hits if h.kind == "JURISDICTION"]
    names = await sheets.names_by_jurisdiction(p.session, ids)
    hits = [
        (hit, pick(names[hit.id], p.lang.code, hit.name) if hit.kind == "JURISDICTION" else None)
        for hit in found.hits
    ]
    return p.render("search.html", text=text, hits=hits, total=found.total_count)


def state_code(raw: str) -> str:
    """The ``{code}`` of a State's address, checked (a bad one is a 400 page)."""
    value = params.code({"code": raw}, "code", required=True)
    assert value is not None
    return value


async def state_page(p: Page) -> Response:
    code = state_code(p.request.path_params["code"])
    j = await sheets.jurisdiction(p.session, code)
    if j is None:
        raise PageNotFound("jurisdiction", code)
    sheet = await sheets.state_sheet(
        p.session, p.principal, j, p.lang.code, p.now.date(), p.web.settings.stale_after_days
    )
    subjects = {s.code: s.name for s in await treaties.vocabulary(p.session, Subject)}
    return p.render("state.html", sheet=sheet, subject_names=subjects)


async def authority_page(p: Page) -> Response:
    key = params.text({"key": p.request.path_params["key"]}, "key", required=True, limit=100)
    assert key is not None
    rows = await authorities.authorities_by_keys(p.session, [key])
    if not rows:
        raise PageNotFound("authority", key)
    authority = rows[0]
    owners = await treaties.jurisdictions_by_ids(p.session, [authority.jurisdiction_id])
    owner = owners[0]
    names = await sheets.names_by_jurisdiction(p.session, [owner.id])
    entries = await sheets.authority_entries(
        p.session,
        p.principal,
        rows,
        {owner.id: owner.code},
        p.lang.code,
        p.now.date(),
        p.web.settings.stale_after_days,
    )
    subjects = {s.code: s.name for s in await treaties.vocabulary(p.session, Subject)}
    return p.render(
        "authority.html",
        entry=entries[0],
        owner=owner,
        owner_name=pick(names[owner.id], p.lang.code, owner.code),
        subject_names=subjects,
    )
