"""The console's pages through the real stack: an invitation to a password and a second
factor, sign-in, sessions and tokens, the secretariat's accounts, CSRF, lock-out, and
hostile form values answered with a page in the reader's language."""

from __future__ import annotations

import datetime as dt
import re

import httpx
import pyotp
import pytest
from sqlalchemy import select

from directory.accounts.models import AccountSession, ApiToken
from directory.accounts.people import create_account, invite
from directory.accounts.permissions import Role
from directory.db import SerialSession
from tests.accounts.people import PASSWORD, SECRETARIAT, person
from tests.editing.factories import jurisdiction
from tests.web.conftest import csrf_of

SEED = re.compile(r'name="seed" value="([A-Z2-7]+)"')
FOCAL = "focal@fra.example"


@pytest.fixture
async def fra(session: SerialSession) -> str:
    # found when another test committed the seed, made otherwise
    return (await jurisdiction(session, "FRA", "FR")).code


async def _invitation(session: SerialSession, role: Role = Role.STATE_EDITOR) -> str:
    account = await create_account(
        session,
        SECRETARIAT,
        name="Amélie",
        email=FOCAL if role is Role.STATE_EDITOR else "staff@unodc.example",
        role=role,
        jurisdiction="FRA" if role is Role.STATE_EDITOR else None,
    )
    issued = await invite(session, SECRETARIAT, account.id, link_base="http://directory.test")
    await session.commit()
    return f"/en/invitation/{issued.raw}"


async def _sign_in(client: httpx.AsyncClient, email: str, password: str, code: str = ""):
    form = await client.get("/en/sign-in")
    return await client.post(
        "/en/sign-in/account",
        data={"csrf": csrf_of(form.text), "email": email, "password": password, "code": code},
    )


async def test_invitation_then_password_then_second_factor_then_sign_in(
    client: httpx.AsyncClient, session: SerialSession, fra: str
) -> None:
    # given a secretariat invitation
    link = await _invitation(session, Role.SECRETARIAT)
    page = await client.get(link)
    assert page.status_code == 200 and "staff@unodc.example" in page.text
    assert page.headers["cache-control"] == "private, no-store"
    seed = SEED.search(page.text).group(1)
    seal = re.search(r'name="seal" value="([^"]+)"', page.text).group(1)
    form = {"seed": seed, "seal": seal, "password": PASSWORD, "repeat": PASSWORD}
    # when the second factor is skipped, the secretariat is refused
    skipped = await client.post(link, data={**form, "code": ""})
    assert skipped.status_code == 400 and "must set up the second factor" in skipped.text
    # and a seed that is not the one the page proposed is refused
    forged = await client.post(link, data={**form, "seed": "A" * 32, "code": "123456"})
    assert forged.status_code == 403
    # when the code from the app is given
    done = await client.post(link, data={**form, "code": pyotp.TOTP(seed).now()})
    assert done.status_code == 303 and done.headers["location"] == "/en/sign-in?welcome=1"
    # then the link is used up
    assert (await client.get(link)).status_code == 404
    # and signing in needs the password and a fresh code
    assert (await _sign_in(client, "staff@unodc.example", PASSWORD)).status_code == 401
    later = pyotp.TOTP(seed).at(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=30))
    signed = await _sign_in(client, "staff@unodc.example", PASSWORD, later)
    assert signed.status_code == 303 and signed.headers["location"] == "/en/account"
    cookie = signed.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    mine = await client.get("/en/account")
    assert mine.status_code == 200 and "staff@unodc.example" in mine.text
    assert "Accounts and invitations" in mine.text


async def test_sessions_are_listed_and_ended_and_sign_out_ends_the_row(
    client: httpx.AsyncClient, session: SerialSession, fra: str
) -> None:
    await person(session, FOCAL)
    await session.commit()
    assert (await _sign_in(client, FOCAL, PASSWORD)).status_code == 303
    page = await client.get("/en/account")
    assert "End this session" in page.text
    row = await session.scalar(select(AccountSession).order_by(AccountSession.id.desc()))
    out = await client.post("/en/sign-out", data={"csrf": csrf_of(page.text)})
    assert out.status_code == 303
    await session.refresh(row)
    assert row.revoked_at is not None
    assert (await client.get("/en/account")).headers["location"] == "/en/sign-in"


async def test_a_token_is_created_shown_once_and_revoked(
    client: httpx.AsyncClient, session: SerialSession, fra: str
) -> None:
    await person(session, FOCAL)
    await session.commit()
    await _sign_in(client, FOCAL, PASSWORD)
    page = await client.get("/en/account")
    made = await client.post(
        "/en/account/tokens", data={"csrf": csrf_of(page.text), "name": "nightly", "days": "30"}
    )
    assert made.status_code == 200
    raw = re.search(r'id="new-token">(dcna_[^<]+)<', made.text).group(1)
    again = await client.get("/en/account")
    assert raw not in again.text and "nightly" in again.text
    token = await session.scalar(select(ApiToken).where(ApiToken.name == "nightly"))
    answer = await client.post(
        "/graphql",
        json={"query": "{ __typename }"},
        headers={"authorization": f"Bearer {raw}"},
    )
    assert answer.status_code == 200
    revoked = await client.post(
        f"/en/account/tokens/{token.id}/revoke", data={"csrf": csrf_of(again.text)}
    )
    assert revoked.status_code == 303
    refused = await client.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"authorization": f"Bearer {raw}"}
    )
    assert refused.status_code == 401


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/en/account/tokens", {"name": "x"}),
        ("/en/account/sessions/1/end", {}),
        ("/en/accounts", {"name": "x", "email": "x@example.org", "role": "PRACTITIONER"}),
    ],
)
async def test_a_form_without_its_csrf_token_is_refused(
    client: httpx.AsyncClient, session: SerialSession, fra: str, path: str, data: dict[str, str]
) -> None:
    staff = await person(session, "staff@unodc.example", Role.SECRETARIAT, None)
    await session.commit()
    code = staff.code(dt.datetime.now(dt.UTC))
    assert (await _sign_in(client, "staff@unodc.example", PASSWORD, code)).status_code == 303
    for csrf in (None, "forged"):
        sent = data if csrf is None else {**data, "csrf": csrf}
        r = await client.post(path, data=sent)
        assert r.status_code == 403, r.text[:300]
        assert "The form had expired" in r.text
    assert (await session.scalar(select(ApiToken).where(ApiToken.name == "x"))) is None


async def test_an_account_is_locked_after_repeated_failures(
    client: httpx.AsyncClient, session: SerialSession, fra: str
) -> None:
    await person(session, FOCAL)
    await session.commit()
    for _ in range(5):
        assert (await _sign_in(client, FOCAL, "wrong password!!")).status_code == 401
    # the right password is refused too, while the account is locked
    locked = await _sign_in(client, FOCAL, PASSWORD)
    assert locked.status_code == 429 and "locked" in locked.text
    assert 0 < int(locked.headers["retry-after"]) <= 15 * 60
    french = await client.get("/fr/sign-in")
    r = await client.post(
        "/fr/sign-in/account",
        data={"csrf": csrf_of(french.text), "email": FOCAL, "password": PASSWORD},
    )
    assert r.status_code == 429 and "verrouillé" in r.text


async def test_the_secretariat_creates_and_invites_an_account(
    client: httpx.AsyncClient, session: SerialSession, fra: str
) -> None:
    staff = await person(session, "staff@unodc.example", Role.SECRETARIAT, None)
    await session.commit()
    await _sign_in(client, "staff@unodc.example", PASSWORD, staff.code(dt.datetime.now(dt.UTC)))
    page = await client.get("/en/accounts")
    made = await client.post(
        "/en/accounts",
        data={
            "csrf": csrf_of(page.text),
            "name": "Focal Point",
            "email": "New.Focal@FRA.example",
            "role": "STATE_EDITOR",
            "jurisdiction": "fra",
            "language": "fr",
        },
    )
    assert made.status_code == 200, made.text[:500]
    link = re.search(
        r'id="invitation-link">http://127.0.0.1:8000(/fr/invitation/[^<]+)<', made.text
    )
    assert link and "new.focal@fra.example" in made.text
    assert (await client.get(link.group(1))).status_code == 200


async def test_a_focal_point_may_not_open_the_accounts_page(
    client: httpx.AsyncClient, session: SerialSession, fra: str
) -> None:
    await person(session, FOCAL)
    await session.commit()
    await _sign_in(client, FOCAL, PASSWORD)
    assert (await client.get("/en/accounts")).status_code == 403


HOSTILE = ["x" * 10_000, "a\x00b", "\x1b[31m", "ZZZ", "<script>alert(1)</script>", "' OR 1=1 --"]
FIELDS = ["name", "email", "role", "jurisdiction", "language"]


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
async def test_hostile_values_in_the_account_form_get_a_clear_page(
    client: httpx.AsyncClient, session: SerialSession, fra: str, field: str, value: str
) -> None:
    staff = await person(session, "staff@unodc.example", Role.SECRETARIAT, None)
    await session.commit()
    await _sign_in(client, "staff@unodc.example", PASSWORD, staff.code(dt.datetime.now(dt.UTC)))
    page = await client.get("/fr/accounts")
    data = {
        "csrf": csrf_of(page.text),
        "name": "Jo",
        "email": "jo@example.org",
        "role": "PRACTITIONER",
        "jurisdiction": "",
        "language": "fr",
        field: value,
    }
    r = await client.post("/fr/accounts", data=data)
    assert r.status_code in (200, 400), r.text[:300]
    assert "<script>alert" not in r.text
    if r.status_code == 400:
        assert f"« {field} »" in r.text or f"“{field}”" in r.text


@pytest.mark.parametrize("field", ["email", "password", "code", "csrf"])
@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
async def test_hostile_values_in_the_sign_in_form_get_a_clear_page(
    client: httpx.AsyncClient, session: SerialSession, fra: str, field: str, value: str
) -> None:
    form = await client.get("/ar/sign-in")
    data = {"csrf": csrf_of(form.text), "email": FOCAL, "password": PASSWORD, "code": ""}
    r = await client.post("/ar/sign-in/account", data={**data, field: value})
    assert r.status_code in (400, 401, 403), r.text[:300]
    assert r.headers["content-type"].startswith("text/html")
    assert "<script>alert" not in r.text


@pytest.mark.parametrize("field", ["password", "repeat", "code", "seed", "seal"])
@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
async def test_hostile_values_in_the_invitation_form_get_a_clear_page(
    client: httpx.AsyncClient, session: SerialSession, fra: str, field: str, value: str
) -> None:
    link = await _invitation(session)
    page = await client.get(link.replace("/en/", "/ru/"))
    seed = SEED.search(page.text).group(1)
    seal = re.search(r'name="seal" value="([^"]+)"', page.text).group(1)
    data = {"seed": seed, "seal": seal, "password": PASSWORD, "repeat": PASSWORD, "code": ""}
    r = await client.post(link.replace("/en/", "/ru/"), data={**data, field: value})
    assert r.status_code in (303, 400, 403), r.text[:300]
    assert "<script>alert" not in r.text
