"""The domain exception tree.

Services raise these; they never raise HTTP or GraphQL errors. The API layer maps each
class to an ``extensions.code`` (see ``directory.graphql.errors``); the CLI prints the message.

    DirectoryError
    ├── ConfigError            settings that cannot work (bad DATABASE_URL, …)
    ├── InvalidInput           a value is malformed or unknown        → BAD_USER_INPUT
    │   ├── InputErrors        several bad values of one input (``problems``: one each)
    │   ├── UnknownReference   an id among the input's values that names no row
    │   └── SeedError          a seed file record is bad (file, record, reason)
    ├── NotFound               the thing named does not exist         → NOT_FOUND
    ├── Unauthenticated        no, bad, expired or revoked credentials → UNAUTHENTICATED
    ├── PermissionDenied       authenticated but lacking a permission → FORBIDDEN
    ├── Conflict               the write clashes with the current state → CONFLICT
    │   └── StaleVersion       it names a version that is not the current one
    ├── ServiceUnavailable     the database cannot answer now         → SERVICE_UNAVAILABLE (503)
    └── RateLimited            the caller spent its budget            → RATE_LIMITED (429)

Every exception carries the facts (which value, which record, which version) as attributes,
and its message names the bad value and the fix.
"""

from __future__ import annotations

from collections.abc import Sequence


class DirectoryError(Exception):
    """Base class of every error the directory raises on purpose."""

    code = "INTERNAL_SERVER_ERROR"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def extensions(self) -> dict[str, object]:
        return {"code": self.code}


class ConfigError(DirectoryError):
    """A setting read from the environment cannot be used."""


class InvalidInput(DirectoryError):
    """A value given by a caller is malformed or unknown.

    ``field`` is the path of the bad value (``["input", "phones", 0]``) when known;
    ``suggestions`` lists close valid values (for unknown codes).
    """

    code = "BAD_USER_INPUT"

    def __init__(
        self,
        message: str,
        *,
        field: Sequence[str | int] = (),
        value: object = None,
        suggestions: Sequence[str] = (),
    ) -> None:
        super().__init__(message)
        self.field = list(field)
        self.value = value
        self.suggestions = list(suggestions)

    def extensions(self) -> dict[str, object]:
        ext: dict[str, object] = {"code": self.code}
        if self.field:
            ext["field"] = self.field
        if self.suggestions:
            ext["suggestions"] = self.suggestions
        return ext


class InputErrors(InvalidInput):
    """Several bad values in one input, reported together so the caller fixes them at once.

    ``problems`` holds one InvalidInput per bad value (the API turns each into a
    ``userErrors`` entry); the message and ``field`` are those of the first.
    """

    def __init__(self, problems: Sequence[InvalidInput]) -> None:
        if not problems:
            raise ValueError("InputErrors needs at least one problem")
        first = problems[0]
        more = f" (and {len(problems) - 1} more bad values)" if len(problems) > 1 else ""
        super().__init__(first.message + more, field=first.field, value=first.value)
        self.problems = list(problems)


class UnknownReference(InvalidInput):
    """An id among an input's values names no row (reported with the input's other bad
    values; the API calls it NOT_FOUND in ``userErrors``)."""


class SeedError(InvalidInput):
    """A record in a seed file is bad; nothing of the seed run was written."""

    def __init__(self, file: str, record: str, reason: str) -> None:
        super().__init__(f"{file}: record {record}: {reason}")
        self.file = file
        self.record = record
        self.reason = reason


class NotFound(DirectoryError):
    """``field`` is the path of the value that named it (``["input", "jurisdiction"]``) when
    the raiser knows it."""

    code = "NOT_FOUND"

    def __init__(self, kind: str, key: object, *, field: Sequence[str | int] = ()) -> None:
        # Only jurisdictions are named by a code; other things by an id the API returned.
        hint = " (codes are ISO 3166-1 alpha-3)" if kind == "jurisdiction" else ""
        super().__init__(f"No {kind} {key!r}: check the identifier{hint}.")
        self.kind = kind
        self.key = key
        self.field = list(field)


class Unauthenticated(DirectoryError):
    code = "UNAUTHENTICATED"


class PermissionDenied(DirectoryError):
    code = "FORBIDDEN"

    def __init__(self, message: str, *, permission: str | None = None) -> None:
        super().__init__(message)
        self.permission = permission

    def extensions(self) -> dict[str, object]:
        ext: dict[str, object] = {"code": self.code}
        if self.permission:
            ext["permission"] = self.permission
        return ext


class Conflict(DirectoryError):
    code = "CONFLICT"

    def __init__(self, message: str, *, current_version: int | None = None) -> None:
        super().__init__(message)
        self.current_version = current_version

    def extensions(self) -> dict[str, object]:
        ext: dict[str, object] = {"code": self.code}
        if self.current_version is not None:
            ext["currentVersion"] = self.current_version
        return ext


class StaleVersion(Conflict):
    """The write names a version of the entry that is not the current one: someone changed
    it since the caller read it."""


class _RetryLater(DirectoryError):
    """An outcome that passes: the caller should try again after ``retry_after`` seconds.
    The HTTP view answers it with its status code and a ``Retry-After`` header."""

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = max(1, int(retry_after))

    def extensions(self) -> dict[str, object]:
        return {"code": self.code, "retryAfter": self.retry_after}


class ServiceUnavailable(_RetryLater):
    """The database cannot be reached, or stayed busy past the retries."""

    code = "SERVICE_UNAVAILABLE"


class RateLimited(_RetryLater):
    """The caller (token or client address) has spent its cost points for the window."""

    code = "RATE_LIMITED"

    def __init__(self, message: str, *, retry_after: int, limit: int, cost: int) -> None:
        super().__init__(message, retry_after=retry_after)
        self.limit = limit
        self.cost = cost

    def extensions(self) -> dict[str, object]:
        return {**super().extensions(), "limit": self.limit, "cost": self.cost}
