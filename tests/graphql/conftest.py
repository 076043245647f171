"""Fixtures of the API tests: a factory on the test's session."""

from __future__ import annotations

import pytest

from directory.db import SerialSession
from tests.authorities.factories import Factory


@pytest.fixture
def make(session: SerialSession) -> Factory:
    return Factory(session)
