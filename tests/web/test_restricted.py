"""Restricted contact details on the pages: hidden from the public on every page type and in
print, shown to those the API's gate lets see them, through a session opened with a token;
the session cookie is signed, HttpOnly and SameSite; forms carry CSRF tokens."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest

from directory.accounts.permissions import Role
from directory.accounts.tokens import revoke_token
from directory.db import SerialSession
from tests.web.conftest import MAIL, PHONE, PUBLIC_MAIL, SECRETARIAT, csrf_of, token

PAGES = [
    "/en/states/XAA",
    "/ar/states/XAA",
    "/en/states/XAA?view=print",
    "/en/authorities/xaa-moj",
    "/fr/answer?requesting=XRQ&requested=XAA&subject=MLA",
    "/zh/answer?requesting=XRQ&requested=XAA&subject=MLA&view=print",
]


@pytest.mark.parametrize("path", PAGES)
async def test_the_public_sees_no_restricted_value(
    client: httpx.AsyncClient, entry: dict[str, str], path: str
) -> None:
    r = await client.get(path)
    assert r.status_code == 200
    assert PHONE not in r.text and MAIL not in r.text
    assert PUBLIC_MAIL in r.text  # an open contact is shown to all


@pytest.mark.parametrize(
    ("role", "jurisdiction", "sees"),
    [
        (Role.PRACTITIONER, None, True),
        (Role.SECRETARIAT, None, True),
        (Role.STATE_EDITOR, "XAA", True),
        (Role.STATE_EDITOR, "XRQ", False),  # another State's editor
    ],
)
async def test_a_signed_in_reader_sees_what_the_gate_allows(
    client: httpx.AsyncClient,
    session: SerialSession,
    entry: dict[str, str],
    sign_in,
    role: Role,
    jurisdiction: str | None,
    sees: bool,
) -> None:
    # given a browser signed in with a token of this role
    signed = await sign_in(await token(session, role, jurisdiction))
    assert signed.status_code == 303
    # then every page type shows the restricted contacts exactly when the gate allows
    for path in PAGES:
        r = await client.get(path)
        assert (PHONE in r.text and MAIL in r.text) is sees, path
        assert r.headers["cache-control"] == "private, no-store"


async def test_the_session_cookie_is_signed_httponly_and_samesite(
    client: httpx.AsyncClient, session: SerialSession, sign_in
) -> None:
    raw = await token(session, Role.PRACTITIONER)
    r = await sign_in(raw)
    cookie = r.headers["set-cookie"]
    assert cookie.startswith("dcna_session=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert raw not in cookie and raw[5:20] not in cookie


async def test_a_forged_cookie_is_dropped(client: httpx.AsyncClient, entry: dict[str, str]) -> None:
    client.cookies.set("dcna_session", "eyJ0IjoxfQ.forged-signature")
    r = await client.get("/en/states/XAA")
    assert r.status_code == 200
    assert PHONE not in r.text
    assert 'dcna_session=""' in r.headers["set-cookie"]


async def test_revoking_the_token_ends_the_session(
    client: httpx.AsyncClient, session: SerialSession, entry: dict[str, str], sign_in
) -> None:
    raw = await token(session, Role.PRACTITIONER)
    await sign_in(raw)
    assert PHONE in (await client.get("/en/states/XAA")).text
    from sqlalchemy import select

    from directory.accounts.models import ApiToken

    token_id = await session.scalar(select(ApiToken.id).where(ApiToken.name == "web-PRACTITIONER"))
    await revoke_token(session, SECRETARIAT, token_id, dt.datetime.now(dt.UTC))
    await session.flush()
    r = await client.get("/en/states/XAA")
    assert PHONE not in r.text


async def test_sign_in_without_its_csrf_token_is_refused(
    client: httpx.AsyncClient, session: SerialSession
) -> None:
    raw = await token(session, Role.PRACTITIONER)
    await client.get("/en/sign-in")
    r = await client.post("/en/sign-in", data={"token": raw})
    assert r.status_code == 403
    assert "dcna_session" not in r.headers.get("set-cookie", "")
    r = await client.post("/en/sign-in", data={"token": raw, "csrf": "guessed"})
    assert r.status_code == 403


async def test_a_bad_token_is_refused_and_counted(client: httpx.AsyncClient, app, settings) -> None:
    form = await client.get("/en/sign-in")
    r = await client.post(
        "/en/sign-in", data={"csrf": csrf_of(form.text), "token": "dcna_never-issued"}
    )
    assert r.status_code == 401
    assert "unknown, revoked or expired" in r.text


async def test_sign_out_needs_the_session_csrf_token(
    client: httpx.AsyncClient, session: SerialSession, entry: dict[str, str], sign_in
) -> None:
    await sign_in(await token(session, Role.PRACTITIONER))
    page = await client.get("/en/states/XAA")
    refused = await client.post("/en/sign-out", data={"csrf": "wrong"})
    assert refused.status_code == 403
    assert PHONE in (await client.get("/en/states/XAA")).text
    out = await client.post("/en/sign-out", data={"csrf": csrf_of(page.text)})
    assert out.status_code == 303
    assert PHONE not in (await client.get("/en/states/XAA")).text
