"""Roles, the permission vocabulary, and who may read restricted contact details."""

from __future__ import annotations

import pytest

from directory.accounts.permissions import (
    ANONYMOUS,
    ROLE_PERMISSIONS,
    Permission,
    Principal,
    Role,
    can_read_restricted,
)
from directory.errors import PermissionDenied, Unauthenticated

EDITOR = Principal(
    role=Role.STATE_EDITOR, name="f", jurisdiction_code="CHN", scope=frozenset({1, 2})
)


def test_the_secretariat_holds_every_permission_and_the_public_none() -> None:
    assert ROLE_PERMISSIONS[Role.SECRETARIAT] == frozenset(Permission)
    assert ROLE_PERMISSIONS[Role.PUBLIC] == frozenset()
    assert Permission.AUTHORITY_WRITE.value == "directory:authority:write"


def test_an_editor_acts_inside_its_scope_only() -> None:
    EDITOR.require(Permission.AUTHORITY_WRITE, 2)  # a territory of its State
    with pytest.raises(PermissionDenied) as caught:
        EDITOR.require(Permission.AUTHORITY_WRITE, 3, jurisdiction_code="DEU")
    assert caught.value.permission == "directory:authority:write"
    # the message names both States by their alpha-3, never a database id
    assert "only for CHN" in caught.value.message and "not for DEU" in caught.value.message
    assert "id 3" not in caught.value.message


@pytest.mark.parametrize(
    "permission",
    [
        Permission.CHANGE_REVIEW,
        Permission.NOTIFICATION_WRITE,
        Permission.PARTICIPATION_WRITE,
        Permission.INSTRUMENT_WRITE,
        Permission.TOKEN_MANAGE,
    ],
)
def test_secretariat_only_permissions_are_refused_to_editors(permission: Permission) -> None:
    with pytest.raises(PermissionDenied) as caught:
        EDITOR.require(permission, 1)
    assert caught.value.permission == permission.value
    assert permission.value in caught.value.message


def test_the_public_is_asked_to_authenticate_naming_the_permission() -> None:
    # no credentials at all: "authenticate" (UNAUTHENTICATED), not "you may not" (FORBIDDEN)
    with pytest.raises(Unauthenticated, match="directory:contacts:read"):
        ANONYMOUS.require(Permission.CONTACTS_READ)


@pytest.mark.parametrize(
    ("principal", "jurisdiction", "expected"),
    [
        (ANONYMOUS, 1, False),
        (Principal(role=Role.PRACTITIONER), 7, True),
        (EDITOR, 1, True),
        (EDITOR, 2, True),
        (EDITOR, 3, False),
        (Principal(role=Role.SECRETARIAT), 3, True),
    ],
)
def test_restricted_contacts_are_for_practitioners_own_editors_and_secretariat(
    principal: Principal, jurisdiction: int, expected: bool
) -> None:
    assert can_read_restricted(principal, jurisdiction) is expected
