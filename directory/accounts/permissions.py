"""Who may do what: roles, the permission vocabulary, and the ``Principal`` that carries them.

    PUBLIC        anonymous: institutions, addresses, treaty facts, channels, languages
    PRACTITIONER  + restricted contact details (phones, fax, e-mails, contact persons)
    STATE_EDITOR  bound to one jurisdiction and its territories: writes (reviewed unless the
                  deployment publishes without review), confirms entries, reads its contacts
    SECRETARIAT   everything, everywhere; reviews change requests; manages tokens and
                  accounts

Services call ``principal.require(permission, jurisdiction_id)``; the API layer only
authenticates. ``SCOPED`` permissions are granted to editors inside their scope only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from directory.errors import PermissionDenied, Unauthenticated


class Role(StrEnum):
    PUBLIC = "PUBLIC"
    PRACTITIONER = "PRACTITIONER"
    STATE_EDITOR = "STATE_EDITOR"
    SECRETARIAT = "SECRETARIAT"


class Permission(StrEnum):
    AUTHORITY_WRITE = "directory:authority:write"
    CONTACTS_READ = "directory:contacts:read"
    CHANGE_READ = "directory:change:read"
    CHANGE_REVIEW = "directory:change:review"
    NOTIFICATION_WRITE = "directory:notification:write"
    PARTICIPATION_WRITE = "directory:participation:write"
    INSTRUMENT_WRITE = "directory:instrument:write"  # instruments and their provisions
    TOKEN_MANAGE = "directory:token:manage"
    ACCOUNT_MANAGE = "directory:account:manage"
    ENTRIES_CONFIRM = "directory:entries:confirm"
    MONITORING_READ = "directory:monitoring:read"  # the secretariat's monitoring page


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.PUBLIC: frozenset(),
    Role.PRACTITIONER: frozenset({Permission.CONTACTS_READ}),
    Role.STATE_EDITOR: frozenset(
        {
            Permission.AUTHORITY_WRITE,
            Permission.CONTACTS_READ,
            Permission.CHANGE_READ,
            Permission.ENTRIES_CONFIRM,
        }
    ),
    Role.SECRETARIAT: frozenset(Permission),
}

# Permissions a STATE_EDITOR holds only for its own jurisdiction and its territories.
SCOPED: frozenset[Permission] = frozenset(
    {
        Permission.AUTHORITY_WRITE,
        Permission.CONTACTS_READ,
        Permission.CHANGE_READ,
        Permission.ENTRIES_CONFIRM,
    }
)


@dataclass(frozen=True)
class Principal:
    """The caller of a service. ``scope`` holds the jurisdiction ids an editor may act on
    (its jurisdiction and its territories), resolved once at authentication. ``name`` is
    the person's name for an account (or a token it owns), the token's name otherwise."""

    role: Role = Role.PUBLIC
    name: str = "public"
    token_id: int | None = None
    account_id: int | None = None  # the person, when an account signed in or owns the token
    jurisdiction_code: str | None = None
    scope: frozenset[int] = field(default_factory=frozenset)

    @property
    def permissions(self) -> frozenset[Permission]:
        return ROLE_PERMISSIONS[self.role]

    @property
    def is_authenticated(self) -> bool:
        return self.role is not Role.PUBLIC

    @property
    def actor(self) -> str:
        """How revisions and change requests name this caller: a person by name and account
        number (two people may share a name), a command-line token by its name."""
        base = f"{self.role.value.lower()}:{self.name}"
        return base if self.account_id is None else f"{base} (account {self.account_id})"

    def has(self, permission: Permission, jurisdiction: int | None = None) -> bool:
        if permission not in self.permissions:
            return False
        if self.role is Role.STATE_EDITOR and permission in SCOPED:
            return jurisdiction is not None and jurisdiction in self.scope
        return True

    def require(
        self,
        permission: Permission,
        jurisdiction: int | None = None,
        *,
        jurisdiction_code: str | None = None,
    ) -> None:
        """Raise Unauthenticated for the public (no token), PermissionDenied naming
        ``permission`` (and the scope for editors) for a caller whose role lacks it.
        ``jurisdiction_code`` (alpha-3) names the jurisdiction in the message: callers know
        the code, while the id is a database detail."""
        if self.has(permission, jurisdiction):
            return
        if not self.is_authenticated:
            # no credentials at all: the answer is "authenticate", not "you may not"
            raise Unauthenticated(
                f"{permission.value} needs a token: send 'Authorization: Bearer dcna_…' "
                "with a token from the secretariat",
            )
        if permission in self.permissions:  # an editor outside its jurisdiction
            where = jurisdiction_code or f"jurisdiction id {jurisdiction}"
            raise PermissionDenied(
                f"{self.actor} holds {permission.value} only for {self.jurisdiction_code} "
                f"and its territories, not for {where}: ask the "
                "secretariat or that State's focal point to make this change",
                permission=permission.value,
            )
        raise PermissionDenied(
            f"{self.actor} lacks permission {permission.value}: use a token whose role "
            "grants it (ask the secretariat)",
            permission=permission.value,
        )


ANONYMOUS = Principal()


def can_read_restricted(principal: Principal, jurisdiction_id: int | None) -> bool:
    """Whether ``principal`` may see restricted contact details of ``jurisdiction_id``:
    practitioners, the State's own editors (incl. its territories), the secretariat."""
    return principal.has(Permission.CONTACTS_READ, jurisdiction_id)
