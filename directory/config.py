"""Settings, read once from the environment at the edge (CLI, app factory, tests).

Variables:

``DATABASE_URL``
    ``sqlite:///path/to/file.db`` (default ``sqlite:///./directory.sqlite3``) or
    ``postgresql://user:password@host:5432/dbname``. The async driver (aiosqlite, asyncpg)
    is chosen here; callers never name it.
``DIRECTORY_STALE_AFTER_DAYS``
    Age in days after which an entry's last confirmation is "stale" (default 365).
``DIRECTORY_GRAPHIQL``
    ``1`` (default) serves GraphiQL to browsers on ``/graphql``; ``0`` turns it off.
``DIRECTORY_SQLITE_BUSY_TIMEOUT_MS``
    How long a SQLite connection waits for another one's lock before the request is
    retried, then answered 503 (default 5000; ignored on PostgreSQL).
``DIRECTORY_PUBLISH_WITHOUT_REVIEW``
    ``1`` applies State editors' writes at once (still audited); ``0`` (default) keeps them
    as pending change requests until the secretariat approves them.
``DIRECTORY_RATE_LIMIT``
    Cost points per minute per token, and per client address for requests without a valid
    token (default 20000; ``0`` turns it off). See ``directory.ratelimits``.
``DIRECTORY_AUTH_FAILURE_LIMIT``
    Failed token authentications per minute per client address (default 10; ``0``: off).
``DIRECTORY_RATE_LIMIT_STORAGE``
    Where the counters live: ``memory://`` (default, one budget per worker process) or
    ``redis://host:port/db`` (``rediss://`` for TLS), one budget shared by the workers.
``DIRECTORY_TRUSTED_PROXIES``
    Comma-separated addresses or networks of reverse proxies whose ``X-Forwarded-For`` names
    the client (default: none, the TCP peer is the client).
``DIRECTORY_MAX_BODY_BYTES``, ``DIRECTORY_LOG_FORMAT``, ``DIRECTORY_CORS_ORIGINS``,
``DIRECTORY_HSTS``
    The HTTP edge (see ``directory.edge``): the largest request body (and query string),
    ``keyvalue`` or ``json`` log lines, the origins a browser may call from (comma-separated,
    none by default), and whether to send Strict-Transport-Security.
``DIRECTORY_SESSION_SECRET``
    The key that signs the pages' session cookies (at least 32 characters). Unset, each
    process draws a random one: sessions then end when the server restarts, and with
    several workers a session opened on one is unknown to the others, so set it there.
``DIRECTORY_MAX_QUERY_COST``
    The most nodes a query may be estimated to return (default 5000): above it the query
    is refused with ``QUERY_TOO_COMPLEX`` before it runs (see ``directory.graphql.cost``).
"""

from __future__ import annotations

import ipaddress
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from directory.errors import ConfigError

DEFAULT_DATABASE_URL = "sqlite:///./directory.sqlite3"
# Sizing in directory.ratelimits and the README's "Rate limits".
DEFAULT_RATE_LIMIT = 20000
DEFAULT_AUTH_FAILURE_LIMIT = 10
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
DEFAULT_BUSY_TIMEOUT_MS = 5000
DEFAULT_MAX_QUERY_COST = 5000

_DRIVERS = {
    "sqlite": "sqlite+aiosqlite",
    "sqlite+aiosqlite": "sqlite+aiosqlite",
    "postgres": "postgresql+asyncpg",
    "postgresql": "postgresql+asyncpg",
    "postgresql+asyncpg": "postgresql+asyncpg",
}


class Secret(str):
    """A string that does not show itself in reprs or logs."""

    def __repr__(self) -> str:
        return "Secret('**********')"


def database_url(raw: str) -> URL:
    """Parse ``raw`` into an async SQLAlchemy URL, or raise ConfigError naming the fix."""
    try:
        url = make_url(raw)
    except ArgumentError:
        raise ConfigError(
            f"DATABASE_URL {_masked(raw)!r} is not a database URL: use "
            "sqlite:///path/to/file.db or postgresql://user@host:5432/dbname"
        ) from None
    driver = _DRIVERS.get(url.drivername)
    if driver is None:
        raise ConfigError(
            f"DATABASE_URL scheme {url.drivername!r} is not supported: use "
            "sqlite:///path/to/file.db or postgresql://user@host:5432/dbname"
        )
    if driver.startswith("sqlite") and url.database in (None, ""):
        raise ConfigError(
            "DATABASE_URL 'sqlite://' names no file: use sqlite:///path/to/file.db "
            "(in-memory databases are for tests only)"
        )
    if driver.startswith("postgresql") and not url.database:
        raise ConfigError(
            f"DATABASE_URL {_masked(raw)!r} names no database: add it after the host, "
            "e.g. postgresql://user@127.0.0.1:5432/directory"
        )
    return url.set(drivername=driver)


def _masked(raw: str) -> str:
    try:
        return make_url(raw).render_as_string(hide_password=True)
    except ArgumentError:
        return raw.split("@")[-1] if "@" in raw else raw


def _int(env: Mapping[str, str], name: str, default: int, minimum: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(
            f"{name}={raw!r} is not a whole number: set it to e.g. {default}"
        ) from None
    if value < minimum:
        raise ConfigError(f"{name}={value} is below {minimum}: set it to e.g. {default}")
    return value


def rate_limit_storage(raw: str) -> str:
    """``memory://`` or a Redis URL with a host, or raise ConfigError naming the fix."""
    if raw == "memory://":
        return raw
    scheme, _, rest = raw.partition("://")
    host = rest.rpartition("@")[2].split("/")[0].split(":")[0]
    if scheme in ("redis", "rediss") and host:
        return raw
    shown = raw.rpartition("@")[2] if "@" in raw else raw  # never print a password
    raise ConfigError(
        f"DIRECTORY_RATE_LIMIT_STORAGE {shown!r} is not supported: use memory:// or "
        "redis://host:6379/0 (rediss:// for TLS)"
    )


def trusted_proxies(raw: str) -> tuple[IPNetwork, ...]:
    """Comma-separated addresses or networks, or raise ConfigError naming the bad one."""
    networks = []
    for item in (part.strip() for part in raw.split(",")):
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ConfigError(
                f"DIRECTORY_TRUSTED_PROXIES: {item!r} is not an IP address or network: "
                "list your proxies, e.g. 10.0.0.5,192.168.1.0/24"
            ) from None
    return tuple(networks)


def _origins(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    """Comma-separated ``scheme://host[:port]`` origins, or ``*`` for any (bearer tokens are
    not ambient credentials, so a public directory may allow every origin)."""
    origins = tuple(o.strip().rstrip("/") for o in (env.get(name) or "").split(",") if o.strip())
    for origin in origins:
        if origin != "*" and not _ORIGIN.fullmatch(origin):
            raise ConfigError(
                f"{name}: {origin!r} is not an origin: list them as "
                "https://host[:port], separated by commas (or * for any origin)"
            )
    return origins


_ORIGIN = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?")
LOG_FORMATS = ("keyvalue", "json")


def _choice(env: Mapping[str, str], name: str, choices: tuple[str, ...]) -> str:
    raw = (env.get(name) or choices[0]).strip().lower()
    if raw not in choices:
        raise ConfigError(f"{name}={raw!r} is not known: set it to one of {', '.join(choices)}")
    return raw


def _bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    if raw.lower() in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"{name}={raw!r} is not a yes/no value: set it to 1 or 0")


SESSION_SECRET_MIN = 32
# Debian's fonts-noto-core and fonts-noto-cjk (directory.web.fonts serves files from them)
DEFAULT_FONT_DIRS = ("/usr/share/fonts/truetype/noto", "/usr/share/fonts/opentype/noto")


def _folders(env: Mapping[str, str], name: str, default: tuple[str, ...]) -> tuple[str, ...]:
    raw = env.get(name, "")
    if not raw.strip():
        return default
    folders = tuple(part.strip() for part in raw.split(":") if part.strip())
    missing = [f for f in folders if not os.path.isdir(f)]
    if missing:
        raise ConfigError(
            f"{name}={raw!r}: {', '.join(missing)} is not a folder: name folders that hold "
            "the Noto font files, separated by ':' (unset: Debian's fonts-noto folders)"
        )
    return folders


def _session_secret(env: Mapping[str, str]) -> Secret:
    raw = env.get("DIRECTORY_SESSION_SECRET") or ""
    if not raw:
        return Secret(secrets.token_urlsafe(32))
    if len(raw) < SESSION_SECRET_MIN:
        raise ConfigError(
            f"DIRECTORY_SESSION_SECRET has {len(raw)} characters: use at least "
            f"{SESSION_SECRET_MIN}, e.g. the output of `python -c 'import secrets; "
            "print(secrets.token_urlsafe(32))'`"
        )
    return Secret(raw)


SMTP_SECURITY = ("none", "starttls", "tls")
DEFAULT_PUBLIC_URL = "http://127.0.0.1:8000"


def _public_url(env: Mapping[str, str]) -> str:
    raw = (env.get("DIRECTORY_PUBLIC_URL") or DEFAULT_PUBLIC_URL).strip().rstrip("/")
    if not raw.startswith(("http://", "https://")) or " " in raw or len(raw) > 200:
        raise ConfigError(
            f"DIRECTORY_PUBLIC_URL={raw[:80]!r} is not an http(s) address: set it to the "
            "address people open the directory at, e.g. https://directory.example.org"
        )
    return raw


def _sender(env: Mapping[str, str]) -> str:
    raw = (env.get("DIRECTORY_MAIL_FROM") or "directory@localhost").strip()
    if "@" not in raw or any(ch in raw for ch in "\r\n") or len(raw) > 254:
        raise ConfigError(
            f"DIRECTORY_MAIL_FROM={raw[:80]!r} is not an e-mail address: set it to the "
            "sender of the directory's messages, e.g. directory@unodc.example"
        )
    return raw


@dataclass(frozen=True)
class Settings:
    database_url: Secret = field(default_factory=lambda: Secret(DEFAULT_DATABASE_URL))
    stale_after_days: int = 365
    graphiql: bool = True
    publish_without_review: bool = False
    rate_limit: int = DEFAULT_RATE_LIMIT
    auth_failure_limit: int = DEFAULT_AUTH_FAILURE_LIMIT
    rate_limit_storage: Secret = field(default_factory=lambda: Secret("memory://"))
    trusted_proxies: tuple[IPNetwork, ...] = ()
    sqlite_busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS
    max_body_bytes: int = 1_048_576
    log_format: str = "keyvalue"
    cors_origins: tuple[str, ...] = ()
    hsts: bool = False
    max_query_cost: int = DEFAULT_MAX_QUERY_COST
    session_secret: Secret = field(default_factory=lambda: Secret(secrets.token_urlsafe(32)))
    fonts_dirs: tuple[str, ...] = DEFAULT_FONT_DIRS
    public_url: str = DEFAULT_PUBLIC_URL
    account_lock_failures: int = 5
    smtp_host: str = ""  # empty: messages wait in the outbox
    smtp_port: int = 25
    smtp_username: str = ""
    smtp_password: Secret = field(default_factory=lambda: Secret(""))
    smtp_security: str = "none"
    mail_from: str = "directory@localhost"
    mail_worker: bool = True
    mail_interval_seconds: int = 30

    def __post_init__(self) -> None:
        # Callers may pass plain strings: the fields are annotated with what they hold once
        # wrapped here, so mypy sees the wrapping as dead code.
        if not isinstance(self.database_url, Secret):
            object.__setattr__(self, "database_url", Secret(self.database_url))  # type: ignore[unreachable]
        if not isinstance(self.rate_limit_storage, Secret):  # a Redis URL may hold a password
            object.__setattr__(self, "rate_limit_storage", Secret(self.rate_limit_storage))  # type: ignore[unreachable]

    @property
    def url(self) -> URL:
        return database_url(self.database_url)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        settings = cls(
            database_url=Secret(env.get("DATABASE_URL") or DEFAULT_DATABASE_URL),
            stale_after_days=_int(env, "DIRECTORY_STALE_AFTER_DAYS", 365, 1),
            graphiql=_bool(env, "DIRECTORY_GRAPHIQL", True),
            publish_without_review=_bool(env, "DIRECTORY_PUBLISH_WITHOUT_REVIEW", False),
            rate_limit=_int(env, "DIRECTORY_RATE_LIMIT", DEFAULT_RATE_LIMIT, 0),
            auth_failure_limit=_int(
                env, "DIRECTORY_AUTH_FAILURE_LIMIT", DEFAULT_AUTH_FAILURE_LIMIT, 0
            ),
            rate_limit_storage=Secret(
                rate_limit_storage(env.get("DIRECTORY_RATE_LIMIT_STORAGE") or "memory://")
            ),
            trusted_proxies=trusted_proxies(env.get("DIRECTORY_TRUSTED_PROXIES", "")),
            sqlite_busy_timeout_ms=_int(
                env, "DIRECTORY_SQLITE_BUSY_TIMEOUT_MS", DEFAULT_BUSY_TIMEOUT_MS, 1
            ),
            max_body_bytes=_int(env, "DIRECTORY_MAX_BODY_BYTES", 1_048_576, 1024),
            log_format=_choice(env, "DIRECTORY_LOG_FORMAT", LOG_FORMATS),
            cors_origins=_origins(env, "DIRECTORY_CORS_ORIGINS"),
            hsts=_bool(env, "DIRECTORY_HSTS", False),
            max_query_cost=_int(env, "DIRECTORY_MAX_QUERY_COST", DEFAULT_MAX_QUERY_COST, 1),
            session_secret=_session_secret(env),
            fonts_dirs=_folders(env, "DIRECTORY_FONTS_DIR", DEFAULT_FONT_DIRS),
            public_url=_public_url(env),
            account_lock_failures=_int(env, "DIRECTORY_ACCOUNT_LOCK_FAILURES", 5, 0),
            smtp_host=(env.get("DIRECTORY_SMTP_HOST") or "").strip(),
            smtp_port=_int(env, "DIRECTORY_SMTP_PORT", 25, 1),
            smtp_username=env.get("DIRECTORY_SMTP_USERNAME") or "",
            smtp_password=Secret(env.get("DIRECTORY_SMTP_PASSWORD") or ""),
            smtp_security=_choice(env, "DIRECTORY_SMTP_SECURITY", SMTP_SECURITY),
            mail_from=_sender(env),
            mail_worker=_bool(env, "DIRECTORY_MAIL_WORKER", True),
            mail_interval_seconds=_int(env, "DIRECTORY_MAIL_INTERVAL_SECONDS", 30, 1),
        )
        settings.url  # noqa: B018 - validate the URL once, here, so a bad one fails at start-up
        return settings
