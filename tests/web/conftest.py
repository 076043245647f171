"""Fixtures of the page tests: the seeded directory, a factory on the test's session, and a
helper that signs a browser in with a token."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from directory.db import SerialSession
from tests.authorities.factories import Factory


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
