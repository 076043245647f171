"""Fixtures of the page tests: the seeded directory, a factory on the test's session, a
helper that signs a browser in with a token, and an authority with restricted contacts."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from directory.accounts.permissions import Principal, Role
from directory.accounts.tokens import create_token
from directory.authorities import models as am
from directory.db import SerialSession
from directory.enums import ContactKind
from tests.authorities.factories import Factory
from tests.editing.factories import world  # noqa: F401 - the write tests' States and editors


@pytest.fixture
def make(session: SerialSession) -> Factory:
    return Factory(session)


@pytest.fixture
async def seeded_client(seeded: dict[str, Any], client: httpx.AsyncClient) -> httpx.AsyncClient:
    return client


CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, "the page has no CSRF field"
    return found.group(1)


@pytest.fixture
def sign_in(client: httpx.AsyncClient):
    async def run(token: str, lang: str = "en") -> httpx.Response:
        form = await client.get(f"/{lang}/sign-in")
        return await client.post(
            f"/{lang}/sign-in", data={"csrf": csrf_of(form.text), "token": token}
        )

    return run


SECRETARIAT = Principal(role=Role.SECRETARIAT, name="unodc")
PHONE = "+99 555 0100 777"
MAIL = "restricted-desk@example.org"
PUBLIC_MAIL = "public-desk@example.org"


@pytest.fixture
async def entry(make: Factory, session: SerialSession) -> dict[str, str]:
    xaa = await make.jurisdiction("XAA", "Atlantis")
    xrq = await make.jurisdiction("XRQ", "Requestland")
    authority = await make.authority(
        xaa,
        "Atlantis Ministry of Justice",
        key="xaa-moj",
        contacts=[(ContactKind.PHONE, PHONE), (ContactKind.EMAIL, MAIL)],
        city="Poseidonia",
    )
    session.add(
        am.AuthorityContact(
            authority_id=authority.id,
            kind=ContactKind.EMAIL,
            value=PUBLIC_MAIL,
            restricted=False,
            position=9,
        )
    )
    await make.designation(authority, "MLA")
    await session.flush()
    return {"xaa": xaa.code, "xrq": xrq.code}


async def token(session: SerialSession, role: Role, jurisdiction: str | None = None) -> str:
    issued = await create_token(
        session, SECRETARIAT, name=f"web-{role}", role=role, jurisdiction=jurisdiction
    )
    return issued.raw
