"""The one visibility gate for contacts, called as any surface calls it: with a Principal."""

from __future__ import annotations

import pytest

from directory.accounts.permissions import ANONYMOUS, Principal, Role
from directory.authorities.models import AuthorityContact
from directory.authorities.services import visible_contacts
from directory.enums import ContactKind

OPEN = AuthorityContact(kind=ContactKind.PHONE, value="+33100000000", restricted=False)
RESTRICTED = AuthorityContact(kind=ContactKind.EMAIL, value="desk@example.org", restricted=True)
EDITOR_OF_1 = Principal(
    role=Role.STATE_EDITOR, name="e", jurisdiction_code="FRA", scope=frozenset({1})
)


@pytest.mark.parametrize(
    ("principal", "jurisdiction", "expected"),
    [
        (ANONYMOUS, 1, [OPEN]),
        (Principal(role=Role.PRACTITIONER, name="p"), 1, [OPEN, RESTRICTED]),
        (Principal(role=Role.SECRETARIAT, name="s"), 1, [OPEN, RESTRICTED]),
        (EDITOR_OF_1, 1, [OPEN, RESTRICTED]),  # its own jurisdiction's authority
        (EDITOR_OF_1, 2, [OPEN]),  # another State's
    ],
)
def test_restricted_contacts_go_only_to_those_entitled(
    principal: Principal, jurisdiction: int, expected: list[AuthorityContact]
) -> None:
    # given one open and one restricted contact of an authority of ``jurisdiction``
    # when the caller's principal asks for them
    seen = visible_contacts(principal, [OPEN, RESTRICTED], jurisdiction)
    # then it sees the restricted one only with a role (and scope) that grants it
    assert list(seen) == expected
