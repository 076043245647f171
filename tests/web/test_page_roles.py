"""Every page × every reader: allowed or refused as the role matrix says.

The five readers (``tests.web.readers``): the public, a practitioner, another State's editor
(Germany), the State's own editor (France) and the secretariat. A public page answers every
one of them; a person's pages send the public to the sign-in page; the secretariat's pages
(accounts, the review desk, monitoring, a State's treaty facts and their forms) also refuse,
with 403, every person who is not the secretariat; a State's desk (``/desk``, its forms, its
requests) answers France's own editor and the secretariat and refuses every other person with
403. A page added to ``directory.web.web_routes`` without a row here fails
``test_every_page_has_a_row``.
"""

from __future__ import annotations

from typing import Any

import pytest
from starlette.routing import Mount, Route

from directory.accounts.people import create_account, invite
from directory.accounts.permissions import Role
from directory.config import Settings
from directory.db import SerialSession
from directory.editing import inputs as i
from directory.editing.services import submit
from directory.web import Web, web_routes
from tests.accounts.people import SECRETARIAT
from tests.editing.factories import World
from tests.web.readers import READERS, reader

ALLOWED = "allowed"  # 200 (or the redirect the page always gives)
SIGN_IN = "sign-in"  # 303 to the sign-in page
FORBIDDEN = "forbidden"  # 403, the console's refusal page
SAME = "same"  # a file: the same answer for every reader, never a refusal

EVERYONE = dict.fromkeys(READERS, ALLOWED)
PERSONS = {**EVERYONE, "public": SIGN_IN}
SECRETARIAT_ONLY = {
    "public": SIGN_IN,
    "practitioner": FORBIDDEN,
    "other_editor": FORBIDDEN,
    "own_editor": FORBIDDEN,
    "secretariat": ALLOWED,
}
# France's desk: its own editor and the secretariat; any other person is refused
OWN_STATE = {**SECRETARIAT_ONLY, "own_editor": ALLOWED}
FILES = dict.fromkeys(READERS, SAME)

# route → (a concrete address, the outcome for each reader); {invitation}, {request} and
# {authority} are filled in by the test
MATRIX: dict[str, tuple[str, dict[str, str]]] = {
    "/": ("/", EVERYONE),
    "/static": ("/static/style.css", FILES),
    "/fonts/{name}": ("/fonts/NotoSans-Regular.ttf", FILES),
    "/downloads/{name}": ("/downloads/jurisdictions.csv", FILES),
    "/{lang:lang}/": ("/en/", EVERYONE),
    "/{lang:lang}/search": ("/en/search?q=justice", EVERYONE),
    "/{lang:lang}/states/{code}": ("/en/states/FRA", EVERYONE),
    "/{lang:lang}/states/{code}/sheet.pdf": ("/en/states/FRA/sheet.pdf", EVERYONE),
    "/{lang:lang}/edition.pdf": ("/en/edition.pdf?states=FRA", EVERYONE),
    "/{lang:lang}/downloads": ("/en/downloads", EVERYONE),
    "/{lang:lang}/authorities/{key}": ("/en/authorities/test-fra-moj", EVERYONE),
    "/{lang:lang}/wizard": ("/en/wizard", EVERYONE),
    "/{lang:lang}/answer": (
        "/en/answer?requesting=DEU&requested=FRA&subject=MLA",
        EVERYONE,
    ),
    "/{lang:lang}/sign-in": ("/en/sign-in", EVERYONE),
    "/{lang:lang}/invitation/{secret}": ("/en/invitation/{invitation}", EVERYONE),
    "/{lang:lang}/account": ("/en/account", PERSONS),
    "/{lang:lang}/accounts": ("/en/accounts", SECRETARIAT_ONLY),
    "/{lang:lang}/review": ("/en/review", SECRETARIAT_ONLY),
    "/{lang:lang}/review/{id}": ("/en/review/{request}", SECRETARIAT_ONLY),
    "/{lang:lang}/monitoring": ("/en/monitoring", SECRETARIAT_ONLY),
    "/{lang:lang}/monitoring.csv": ("/en/monitoring.csv", SECRETARIAT_ONLY),
    "/{lang:lang}/states/{code}/facts": ("/en/states/FRA/facts", SECRETARIAT_ONLY),
    "/{lang:lang}/states/{code}/facts/participation": (
        "/en/states/FRA/facts/participation?instrument=UNTOC",
        SECRETARIAT_ONLY,
    ),
    "/{lang:lang}/states/{code}/facts/notification": (
        "/en/states/FRA/facts/notification?instrument=UNTOC&article=16(5)",
        SECRETARIAT_ONLY,
    ),
    "/{lang:lang}/desk": ("/en/desk?state=FRA", OWN_STATE),
    "/{lang:lang}/desk/form/{what}": ("/en/desk/form/authority?id={authority}", OWN_STATE),
    "/{lang:lang}/desk/requests/{id}": ("/en/desk/requests/{request}", OWN_STATE),
}


def _get_paths(settings: Settings, sessionmaker: Any) -> set[str]:
    web = Web(settings, sessionmaker, None, None)  # type: ignore[arg-type]
    found = set()
    for route in web_routes(web):
        page = isinstance(route, Route) and "GET" in (route.methods or ())
        if page or isinstance(route, Mount):
            found.add(route.path)
    return found


def test_every_page_has_a_row(settings: Settings, sessionmaker: Any) -> None:
    assert _get_paths(settings, sessionmaker) == set(MATRIX)


async def _fixtures(session: SerialSession, world: World) -> dict[str, str]:
    account = await create_account(
        session, SECRETARIAT, name="Invited", email="invited@fra.example", role=Role.PRACTITIONER
    )
    issued = await invite(session, SECRETARIAT, account.id, link_base="http://directory.test")
    change = i.UpdateAuthority(authority_id=world.fra_authority.id, expected_version=1, city="Lyon")
    outcome = await submit(session, world.editor_fra, change, settings=Settings())
    assert outcome.change_request is not None
    await session.commit()
    return {
        "invitation": issued.raw,
        "request": str(outcome.change_request.id),
        "authority": str(world.fra_authority.id),
    }


def _judge(outcome: str, response: Any, public: Any) -> bool:
    status = response.status_code
    if outcome == ALLOWED:
        return status == 200 or (status == 303 and "/sign-in" not in response.headers["location"])
    if outcome == SIGN_IN:
        return status == 303 and response.headers["location"].endswith("/sign-in")
    if outcome == FORBIDDEN:
        return status == 403
    # a file: what the public gets, never a refusal
    return status == public.status_code and status not in (401, 403)


@pytest.mark.parametrize("who", READERS)
async def test_every_page_for_every_reader(
    app: Any, session: SerialSession, world: World, who: str
) -> None:
    filled = await _fixtures(session, world)
    wrong = []
    async with reader(app, session, "public") as anonymous, reader(app, session, who) as c:
        for route, (address, outcomes) in MATRIX.items():
            path = address.format(**filled)
            response = await c.get(path)
            public = await anonymous.get(path) if outcomes[who] == SAME else None
            if not _judge(outcomes[who], response, public):
                wrong.append((route, who, outcomes[who], response.status_code))
    assert wrong == []
