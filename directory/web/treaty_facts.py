"""A State's treaty facts as the secretariat keeps them: ``/{lang}/states/{code}/facts``.

Its participation in every instrument the directory holds and its notifications under
every provision of those it takes part in (and any other it notified under), each with its
sources and an Edit link to the forms of ``directory.web.treaty_forms``. A provision with
nothing recorded says so; nothing is guessed.

Secretariat only, with the console's refusals (``directory.web.review``): no person signed
in is sent to the sign-in page, anyone else gets the 403 page.
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.responses import Response

from directory.accounts.permissions import Permission
from directory.treaties import models as tm
from directory.treaties import services as treaties
from directory.web import params
from directory.web.account import _signed_out
from directory.web.base import Page, PageNotFound
from directory.web.sheets import _sources

__all__ = ["facts_page", "refused", "state_of"]


def refused(p: Page, permission: Permission) -> Response | None:
    if (away := _signed_out(p)) is not None:
        return away
    if not p.principal.has(permission):
        return p.render("error.html", 403, forbidden=True)
    return None


async def state_of(p: Page) -> tm.Jurisdiction:
    code = params.code(p.request.path_params, "code", required=True)
    assert code is not None  # required
    found = await treaties.jurisdictions_by_codes(p.session, [code])
    if not found:
        raise PageNotFound("State", code)
    return found[0]


async def facts_page(p: Page) -> Response:
    if (away := refused(p, Permission.PARTICIPATION_WRITE)) is not None:
        return away
    await p.session.rollback()  # a fresh snapshot: show what a write just committed
    state = await state_of(p)
    instruments = list(await treaties.all_instruments(p.session))
    by_id = {i.id: i for i in instruments}
    taken = {x.instrument_id: x for x in await treaties.participations_for(p.session, [state.id])}
    p_sources = await _sources(p.session, tm.participation_source, [x.id for x in taken.values()])
    notified = {n.provision_id: n for n in await treaties.notifications_for(p.session, [state.id])}
    n_sources = await _sources(p.session, tm.notification_source, [n.id for n in notified.values()])
    # every provision of the instruments it takes part in, and any it notified under
    provisions = {x.id: x for x in await treaties.provisions_for(p.session, sorted(taken))}
    for extra in await treaties.provisions_by_ids(
        p.session, sorted(set(notified) - set(provisions))
    ):
        provisions[extra.id] = extra
    base = f"/states/{state.code}/facts"
    return p.render(
        "facts.html",
        state=state,
        participations=[
            {
                "instrument": i,
                "row": taken.get(i.id),
                "sources": p_sources[taken[i.id].id] if i.id in taken else [],
                "edit": p.url(f"{base}/participation?instrument={quote(i.code)}"),
            }
            for i in instruments
        ],
        notifications=[
            {
                "instrument": by_id[x.instrument_id],
                "provision": x,
                "row": notified.get(x.id),
                "sources": n_sources[notified[x.id].id] if x.id in notified else [],
                "edit": p.url(
                    f"{base}/notification?instrument={quote(by_id[x.instrument_id].code)}"
                    f"&article={quote(x.article)}"
                ),
            }
            for x in sorted(provisions.values(), key=lambda x: (by_id[x.instrument_id].code, x.id))
        ],
        new_participation=p.url(f"{base}/participation"),
        new_notification=p.url(f"{base}/notification"),
    )
