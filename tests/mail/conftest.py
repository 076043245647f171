from collections.abc import Iterator

import pytest

from tests.editing.factories import world  # noqa: F401 - a fixture shared by the write tests
from tests.mail.smtpd import Inbox, running_server


@pytest.fixture
def smtpd() -> Iterator[tuple[Inbox, int]]:
    yield from running_server()
