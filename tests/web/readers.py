"""The five readers of the page tests, each a client of its own signed in as a person:
the public (no session), a practitioner, another State's editor (Germany), the State's own
editor (France) and the secretariat (with its second factor)."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx

from directory.accounts.permissions import Role
from directory.db import SerialSession
from tests.accounts.people import person
from tests.web.conftest import csrf_of

READERS = ("public", "practitioner", "other_editor", "own_editor", "secretariat")
_WHO: dict[str, tuple[str, Role, str | None]] = {
    "practitioner": ("prosecutor@court.example", Role.PRACTITIONER, None),
    "other_editor": ("focal@deu.example", Role.STATE_EDITOR, "DEU"),
    "own_editor": ("focal@fra.example", Role.STATE_EDITOR, "FRA"),
    "secretariat": ("staff@unodc.example", Role.SECRETARIAT, None),
}


@asynccontextmanager
async def reader(app: Any, session: SerialSession, who: str) -> AsyncIterator[httpx.AsyncClient]:
    """A client of ``app`` signed in as ``who`` (one of ``READERS``); the States FRA and DEU
    must exist (``tests.editing.factories.world``)."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://directory.test") as c:
        if who != "public":
            email, role, state = _WHO[who]
            someone = await person(session, email, role, state)
            await session.commit()
            code = someone.code(dt.datetime.now(dt.UTC)) if someone.totp else ""
            form = await c.get("/en/sign-in")
            signed = await c.post(
                "/en/sign-in/account",
                data={
                    "csrf": csrf_of(form.text),
                    "email": email,
                    "password": someone.password,
                    "code": code,
                },
            )
            assert signed.status_code == 303, signed.text
        yield c
