"""Passwords (argon2id through argon2-cffi) and the TOTP second factor (RFC 6238, pyotp).

A password is 12 to 128 characters (the upper bound keeps hashing cheap to refuse), holds
no control character and is not the account's e-mail address. argon2-cffi's defaults
(RFC 9106's second recommended profile: 64 MiB, 3 passes) are used as they are; a hash made
under older parameters is re-hashed at the next sign-in (``needs_rehash``).

A TOTP code is 6 digits for a 30-second step; the step before and after are accepted for
clocks that drift, and a step once used is never accepted again (``totp_last_step``), so a
code seen over a shoulder cannot be replayed.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from directory.accounts.errors import AccountInputError

__all__ = [
    "PASSWORD_MAX",
    "PASSWORD_MIN",
    "check_password",
    "hash_password",
    "needs_rehash",
    "new_totp_secret",
    "totp_step",
    "totp_uri",
    "verify_password",
]

PASSWORD_MIN = 12
PASSWORD_MAX = 128
TOTP_WINDOW = 1  # steps either side of now
ISSUER = "Directory of Competent National Authorities"

_SECRET = re.compile(r"[A-Z2-7]{16,64}")  # base32, as pyotp.random_base32 writes it
_hasher = PasswordHasher()
# verified against when the e-mail is unknown, so a wrong address costs the same time as a
# wrong password and the answer's delay says nothing about which accounts exist
_DUMMY = _hasher.hash("not a password of anyone's")


def check_password(password: str, *, email: str) -> str:
    """``password`` if it may be set; AccountInputError naming the rule otherwise."""
    if any(unicodedata.category(ch) in ("Cc", "Cs", "Co") for ch in password):
        raise AccountInputError("password", "control", "the password holds control characters")
    if len(password) < PASSWORD_MIN:
        raise AccountInputError(
            "password",
            "password_short",
            f"the password has {len(password)} characters: use at least {PASSWORD_MIN}",
        )
    if len(password) > PASSWORD_MAX:
        raise AccountInputError(
            "password",
            "too_long",
            f"the password has {len(password)} characters: use at most {PASSWORD_MAX}",
        )
    if password.strip().lower() == email.lower():
        raise AccountInputError(
            "password", "password_is_email", "the password is the e-mail address: choose another"
        )
    return password


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    """Whether ``password`` matches ``stored`` (None: no password set, still timed alike)."""
    if len(password) > PASSWORD_MAX:
        return False
    try:
        return _hasher.verify(stored or _DUMMY, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    return _hasher.check_needs_rehash(stored)


def new_totp_secret() -> str:
    return pyotp.random_base32()  # 32 base32 characters: 160 bits, RFC 4226's advice


def totp_uri(secret: str, email: str) -> str:
    """The ``otpauth://`` address an authenticator app reads (typed in or from a link)."""
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def totp_step(secret: str, code: str, now: dt.datetime, last_step: int | None) -> int | None:
    """The 30-second step ``code`` belongs to (around ``now``), or None when it matches no
    step of the window, or only a step at or before ``last_step`` (already used)."""
    code = code.strip().replace(" ", "")
    if not (len(code) == 6 and code.isascii() and code.isdigit()):
        return None
    if not _SECRET.fullmatch(secret):
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(now)
    for step in range(current - TOTP_WINDOW, current + TOTP_WINDOW + 1):
        if last_step is not None and step <= last_step:
            continue
        if pyotp.utils.strings_equal(totp.generate_otp(step), code):
            return step
    return None
