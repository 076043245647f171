"""Settings come from the environment; a bad value fails at start-up with the fix in the message."""

from __future__ import annotations

import pytest

from directory.config import Settings
from directory.errors import ConfigError


def test_default_is_an_embedded_sqlite_file() -> None:
    settings = Settings.from_env({})
    assert settings.url.drivername == "sqlite+aiosqlite"
    assert settings.url.database == "./directory.sqlite3"
    assert settings.stale_after_days == 365


@pytest.mark.parametrize(
    ("raw", "driver"),
    [
        ("sqlite:////var/lib/directory.db", "sqlite+aiosqlite"),
        ("postgresql://u:p@db:5432/directory", "postgresql+asyncpg"),
        ("postgres://u@db/directory", "postgresql+asyncpg"),
    ],
)
def test_plain_urls_get_the_async_driver(raw: str, driver: str) -> None:
    assert Settings.from_env({"DATABASE_URL": raw}).url.drivername == driver


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("mysql://root@localhost/directory", "scheme 'mysql' is not supported"),
        ("not a url", "is not a database URL"),
        ("sqlite://", "names no file"),
        ("postgresql://user@host", "names no database"),
    ],
)
def test_unusable_url_is_a_clear_error(raw: str, fragment: str) -> None:
    with pytest.raises(ConfigError) as info:
        Settings.from_env({"DATABASE_URL": raw})
    assert fragment in info.value.message
    assert "sqlite:///" in info.value.message or "postgresql://" in info.value.message


def test_password_never_printed() -> None:
    with pytest.raises(ConfigError) as info:
        Settings.from_env({"DATABASE_URL": "postgresql://u:hunter2@host"})
    assert "hunter2" not in info.value.message
    assert "hunter2" not in repr(Settings.from_env({"DATABASE_URL": "sqlite:///x.db"}))
    assert "hunter2" not in repr(Settings(database_url="postgresql://u:hunter2@h/db"))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("env", "fragment"),
    [
        ({"DIRECTORY_STALE_AFTER_DAYS": "soon"}, "not a whole number"),
        ({"DIRECTORY_STALE_AFTER_DAYS": "0"}, "below 1"),
        ({"DIRECTORY_GRAPHIQL": "maybe"}, "not a yes/no value"),
    ],
)
def test_bad_settings_name_the_value(env: dict[str, str], fragment: str) -> None:
    with pytest.raises(ConfigError, match=fragment):
        Settings.from_env(env)
