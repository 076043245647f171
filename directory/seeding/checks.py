"""Reading seed files and checking their values, collecting every problem before failing.

A ``Checker`` reads one file at a time and records problems as ``SeedError`` (file, record,
reason) instead of raising at the first one, so that one run reports every bad record.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pycountry

from directory.errors import SeedError


class SeedErrors(SeedError):
    """Several bad records; ``errors`` lists each one (file, record, reason)."""

    def __init__(self, errors: list[SeedError]) -> None:
        first = errors[0]
        super().__init__(first.file, first.record, first.reason)
        self.errors = errors
        lines = [f"{len(errors)} bad seed record(s); nothing was written:"]
        lines += [f"  - {e.message}" for e in errors]
        self.message = "\n".join(lines)
        self.args = (self.message,)


_KEY = re.compile(r"^aut-[a-z0-9]+(-[a-z0-9]+)*$")


class Checker:
    """Collects problems while the validators walk the seed files."""

    def __init__(self, directory: Path, today: dt.date) -> None:
        self.directory = directory
        self.today = today
        self.errors: list[SeedError] = []
        self.file = ""

    def read(self, name: str) -> Any:
        self.file = name
        path = self.directory / name
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            self.fail("-", f"file {path} is missing: restore it from the repository's seed/")
        except json.JSONDecodeError as exc:
            self.fail(f"line {exc.lineno}", f"not valid JSON ({exc.msg}): fix the syntax")
        return None

    def fail(self, record: str, reason: str) -> None:
        self.errors.append(SeedError(self.file, record, reason))

    def raise_if_any(self) -> None:
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise SeedErrors(self.errors)

    # -- value checks: each returns the clean value, or None after recording a problem --

    def date(self, record: str, field: str, raw: Any) -> dt.date | None:
        if raw is None:
            return None
        try:
            value = dt.date.fromisoformat(raw)
        except (TypeError, ValueError):
            self.fail(record, f"{field} {raw!r} is not a date: write it as YYYY-MM-DD")
            return None
        if value > self.today:
            self.fail(record, f"{field} {raw} is in the future (today is {self.today}): check it")
            return None
        return value

    def choice(self, record: str, field: str, raw: Any, allowed: Iterable[str]) -> str | None:
        allowed = list(allowed)
        if isinstance(raw, str) and raw in allowed:
            return raw
        self.fail(record, f"{field} {raw!r} is unknown: use one of {', '.join(sorted(allowed))}")
        return None

    def optional_choice(
        self, record: str, field: str, raw: Any, allowed: Iterable[str]
    ) -> str | None:
        return None if raw is None else self.choice(record, field, raw, allowed)

    def language(self, record: str, raw: Any) -> str | None:
        code = raw if isinstance(raw, str) else ""
        found = (len(code) == 2 and pycountry.languages.get(alpha_2=code)) or (
            len(code) == 3 and pycountry.languages.get(alpha_3=code)
        )
        if found:
            return code
        self.fail(record, f"language {raw!r} is not an ISO 639-1 (or 639-3) code: e.g. 'en'")
        return None

    def alpha3(self, record: str, raw: Any) -> str | None:
        if isinstance(raw, str) and pycountry.countries.get(alpha_3=raw) and raw == raw.upper():
            return raw
        self.fail(record, f"code {raw!r} is not an ISO 3166-1 alpha-3 code: e.g. 'FRA'")
        return None

    def reference(self, record: str, field: str, raw: Any, known: Iterable[Any]) -> Any:
        if raw in known:
            return raw
        self.fail(record, f"{field} {raw!r} names nothing defined in the seed: add it or fix it")
        return None

    def authority_key(self, record: str, raw: Any) -> str | None:
        if isinstance(raw, str) and _KEY.match(raw) and len(raw) <= 100:
            return raw
        self.fail(record, f"key {raw!r} is not a slug: use lowercase 'aut-words-joined-by-dashes'")
        return None

    def sources(self, record: str, raw: Any, declared: Iterable[str]) -> list[str]:
        declared = set(declared)
        if not isinstance(raw, list) or not raw:
            self.fail(record, "cites no source: every fact needs at least one entry in 'sources'")
            return []
        good = []
        for ref in raw:
            if ref in declared:
                good.append(ref)
            else:
                self.fail(record, f"source {ref!r} is not declared in sources.json: add it there")
        return list(dict.fromkeys(good))

    def text(
        self, record: str, field: str, raw: Any, limit: int, *, required: bool = False
    ) -> str | None:
        if raw is None and not required:
            return None
        if raw is not None and not isinstance(raw, str):
            self.fail(record, f"{field} {raw!r} is not a text: write it between quotes")
            return None
        if raw is None or not raw.strip():
            self.fail(record, f"{field} is missing or empty: give a text")
            return None
        if len(raw) > limit:
            self.fail(record, f"{field} has {len(raw)} characters; shorten it to {limit}")
            return None
        return raw

    def integer(
        self, record: str, field: str, raw: Any, *, default: int | None = None, minimum: int = 0
    ) -> int | None:
        if raw is None:
            return default
        # bool is an int to Python; in a seed file it is a mistake
        if isinstance(raw, bool) or not isinstance(raw, int) or raw < minimum:
            self.fail(record, f"{field} {raw!r} is not a whole number >= {minimum}: e.g. 0")
            return None
        return raw

    def flag(self, record: str, field: str, raw: Any) -> bool:
        if raw is None or isinstance(raw, bool):
            return bool(raw)
        self.fail(record, f"{field} {raw!r} is not true or false: write true, false or omit it")
        return False

    def code(self, record: str, field: str, raw: Any, limit: int = 40) -> str | None:
        if isinstance(raw, str) and raw and raw == raw.upper() and len(raw) <= limit:
            return raw
        self.fail(
            record, f"{field} {raw!r} is not an UPPER-case code of at most {limit} characters"
        )
        return None

    def url(self, record: str, field: str, raw: Any, limit: int = 1000) -> str | None:
        """An http(s) URL; a bare host ("www.gov.xx") gets ``https://``."""
        if raw is None:
            return None
        value = self.text(record, field, raw, limit)
        if value is None:
            return None
        if "://" not in value:
            value = f"https://{value}"  # the source gave a bare host
        if not value.startswith(("http://", "https://")) or " " in value.strip():
            self.fail(record, f"{field} {raw!r} is not an http(s) URL: e.g. 'https://gov.xx'")
            return None
        return value
