"""The accounts room's refusals, each with a ``code`` the surfaces translate."""

from __future__ import annotations

from directory.errors import InvalidInput, Unauthenticated

__all__ = ["AccountInputError", "SignInRefused"]


class AccountInputError(InvalidInput):
    """A form value an account service cannot take. ``code`` names the rule broken:
    ``missing``, ``too_long``, ``control``, ``bad_email``, ``email_taken``, ``bad_role``,
    ``bad_code``, ``needs_jurisdiction``, ``no_jurisdiction``, ``bad_language``,
    ``password_short``, ``password_is_email``, ``password_mismatch``, ``totp_required``,
    ``totp_wrong``, ``bad_days``."""

    def __init__(self, field: str, code: str, message: str, *, value: object = None) -> None:
        super().__init__(message, field=[field], value=value)
        self.code = code
        self.name = field


class SignInRefused(Unauthenticated):
    """A sign-in or an invitation that cannot be used. ``code``: ``credentials`` (wrong
    e-mail, password or code: one answer for all, so it tells nothing of which was wrong),
    ``invitation_unknown``, ``invitation_used``, ``invitation_expired``."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
