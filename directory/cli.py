"""Command line: ``directory migrate | seed | serve | export-schema`` (or ``python -m directory``).

Configuration comes from the environment (see ``directory.config``). Every command exits 0 on
success, 2 with a one-line ``error: …`` naming the problem and its fix otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine

from directory import __version__
from directory.config import Settings
from directory.db import WRITES, engine_for, session_factory, utcnow
from directory.errors import ConfigError, DirectoryError
from directory.mail import events as mail_events
from directory.migrations import current_revision, head_revision, upgrade


def _err(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)


def _progress(line: str) -> None:
    print(f"  {line}", file=sys.stderr, flush=True)


def _existing_sqlite_file(settings: Settings) -> None:
    """Refuse to go on when DATABASE_URL names a SQLite file that does not exist: SQLite would
    create an empty one, and the command would fail later on a missing table (or, run from
    the wrong folder, write to a stray database). Only ``migrate`` and ``serve`` create one."""
    url = settings.url
    if url.get_backend_name() != "sqlite" or not url.database:
        return
    path = Path(url.database)
    if url.database.startswith("file:") or path.exists():
        return
    raise ConfigError(
        f"no database at {path.resolve()} (DATABASE_URL {url.render_as_string()}): "
        "run `directory migrate` first (or `directory serve`) to create it, or set "
        "DATABASE_URL to the database you meant"
    )


async def _with_engine(
    settings: Settings,
    work: Callable[[AsyncEngine], Awaitable[int]],
    *,
    creates: bool = False,
) -> int:
    """Run ``work`` on an engine over DATABASE_URL; ``creates``: the command may create a new
    SQLite file (``migrate``, ``serve``); every other command needs an existing one."""
    if not creates:
        _existing_sqlite_file(settings)
    engine = engine_for(settings)
    try:
        return await work(engine)
    except (OperationalError, DBAPIError, OSError) as exc:
        reason = getattr(exc, "orig", None) or exc
        raise ConfigError(
            f"cannot use the database {settings.url.render_as_string(hide_password=True)}: "
            f"{reason}. Check DATABASE_URL and that the server is running."
        ) from exc
    finally:
        await engine.dispose()


async def _migrate(engine: AsyncEngine, revision: str) -> int:
    before = await current_revision(engine)
    await upgrade(engine, revision)
    after = await current_revision(engine)
    if before == after:
        print(f"database already at revision {after}")
    else:
        print(f"database migrated from {before or 'empty'} to {after}")
    return 0


async def _require_head(engine: AsyncEngine) -> None:
    current, head = await current_revision(engine), head_revision()
    if current != head:
        raise ConfigError(
            f"the database is at revision {current or 'none (empty)'}, the code expects {head}: "
            "run `directory migrate` first"
        )


async def _seed(engine: AsyncEngine, directory: Path | None) -> int:
    from directory.seeding import SEED_DIR, load_seed

    await _require_head(engine)
    source = directory or SEED_DIR
    print(f"seeding from {source}", file=sys.stderr)
    async with session_factory(engine)() as session, session.begin():
        report = await load_seed(session, source, progress=_progress)
    print(report.summary())
    return 0


async def _is_empty(engine: AsyncEngine) -> bool:
    from directory.treaties.models import Jurisdiction

    async with session_factory(engine)() as session:
        return (await session.scalar(select(func.count()).select_from(Jurisdiction))) == 0


async def _prepare_for_serving(engine: AsyncEngine) -> int:
    await _migrate(engine, "head")
    if await _is_empty(engine):
        print("the database is empty: loading the reference seed", file=sys.stderr)
        await _seed(engine, None)
    return 0


SQLITE_WORKERS_WARNING = (
    "warning: {workers} workers on SQLite: reads run in parallel, but writes take one lock "
    "and queue for it (DIRECTORY_SQLITE_BUSY_TIMEOUT_MS, then HTTP 503); keep the file on a "
    "local disk, and use PostgreSQL (DATABASE_URL=postgresql://…) for many concurrent writers"
)


def _serve(settings: Settings, host: str, port: int, workers: int) -> int:
    import uvicorn

    from directory.edge.logs import logging_config

    # once, in this process, before any worker starts: workers only serve
    asyncio.run(_with_engine(settings, _prepare_for_serving, creates=True))
    if workers > 1 and settings.url.get_backend_name() == "sqlite":
        print(SQLITE_WORKERS_WARNING.format(workers=workers), file=sys.stderr)
    print(
        f"serving the directory on http://{host}:{port}/graphql ({workers} worker(s))",
        file=sys.stderr,
    )
    # An import string and a factory: each worker process builds its own app and engine
    # from the same environment (an engine cannot cross a fork).
    # log_config: our structured lines, uvicorn's loggers included, set up by uvicorn in
    # every worker; access_log=False: our access line instead of uvicorn's, which prints
    # query strings.
    # proxy_headers=False: uvicorn would otherwise take the client address from
    # X-Forwarded-For for any local peer; only DIRECTORY_TRUSTED_PROXIES decides that here
    # (directory.edge.clients.client_address).
    uvicorn.run(
        "directory.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        log_config=logging_config(settings.log_format),
        access_log=False,
        server_header=False,
        proxy_headers=False,
    )
    return 0


def _workers(raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(
            f"{raw!r} is not a number of worker processes: give a whole number from 1, "
            "e.g. --workers 4"
        )
    return value


def _export_schema(path: Path | None, check: bool) -> int:
    from directory.graphql.export import SCHEMA_PATH, sdl, write_schema

    target = path or SCHEMA_PATH
    if check:
        if target.exists() and target.read_text(encoding="utf-8") == sdl():
            print(f"{target} is up to date")
            return 0
        _err(f"{target} is stale: run `directory export-schema` and commit the file")
        return 1
    changed = write_schema(target)
    print(f"{target} {'written' if changed else 'already up to date'}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="directory",
        description="Directory of competent national authorities (international cooperation "
        "in criminal matters). The database is DATABASE_URL (default: a SQLite file).",
    )
    parser.add_argument("--version", action="version", version=f"directory {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = sub.add_parser("serve", help="migrate, seed an empty database, and serve the API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--workers",
        type=_workers,
        default=1,
        help="worker processes (default 1); on SQLite writes still queue for one lock",
    )

    migrate = sub.add_parser("migrate", help="upgrade the database schema (Alembic)")
    migrate.add_argument("--revision", default="head", help="target revision (default: head)")

    seed = sub.add_parser("seed", help="validate and load the reference data in seed/")
    seed.add_argument("--dir", type=Path, default=None, help="seed directory (default: seed/)")

    export = sub.add_parser("export-schema", help="write the GraphQL SDL to schema/schema.graphql")
    export.add_argument("--output", type=Path, default=None)
    export.add_argument("--check", action="store_true", help="exit 1 if the file is stale")

    report = sub.add_parser(
        "coverage", help="coverage per State or regional group: participation, authorities, gaps"
    )
    report.add_argument("--format", choices=("table", "csv", "json"), default="table")
    report.add_argument("--group-by", choices=("state", "region"), default="state")
    report.add_argument(
        "--as-of",
        type=_day,
        default=None,
        help="the day freshness is judged on, YYYY-MM-DD (default: today, UTC)",
    )
    report.set_defaults(handler=_coverage)

    _add_optional_commands(sub)
    return parser


def _day(raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{raw!r} is not a day: give it as YYYY-MM-DD, e.g. --as-of 2026-12-31"
        ) from None


async def _coverage(args: argparse.Namespace, sessions: Any) -> int:
    from directory.coverage import coverage
    from directory.coverage.formats import (
        as_csv,
        as_json,
        as_table,
        group_rows,
        state_rows,
        summary_lines,
    )

    settings: Settings = args.settings
    as_of = args.as_of or utcnow().date()
    async with sessions() as session:
        report = await coverage(session, as_of=as_of, stale_after_days=settings.stale_after_days)
    by_group = args.group_by == "region"
    rows = group_rows(report) if by_group else state_rows(report)
    if args.format == "csv":
        sys.stdout.write(as_csv(rows))
    elif args.format == "json":
        print(as_json(report, rows))
    else:
        print(as_table(rows, by_group=by_group))
        print()
        print("\n".join(summary_lines(report)))
    return 0


def _add_optional_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Commands contributed by domain packages (tokens)."""
    try:
        from directory.accounts.cli import add_account_commands, add_token_commands
    except ImportError:
        return
    add_token_commands(sub)
    add_account_commands(sub)
    mail = sub.add_parser("mail", help="deliver the e-mail outbox")
    mail_sub = mail.add_subparsers(dest="mail_command", required=True, metavar="ACTION")
    deliver = mail_sub.add_parser(
        "deliver", help="queue today's stale reminders, then send every message due now"
    )
    deliver.set_defaults(handler=_deliver_mail)


async def _deliver_mail(args: argparse.Namespace, sessions: Any) -> int:
    from directory.mail.delivery import deliver_due
    from directory.mail.smtp import smtp_settings
    from directory.mail.stale import queue_stale_reminders
    from directory.web.mails import render

    settings: Settings = args.settings
    smtp = smtp_settings(settings)
    async with sessions(execution_options={WRITES: True}) as session, session.begin():
        reminders = await queue_stale_reminders(session, utcnow().date(), settings.stale_after_days)
    if smtp is None:
        _err(
            f"{reminders} reminder(s) queued; DIRECTORY_SMTP_HOST is not set, so the outbox "
            "is kept until it is: set it (and DIRECTORY_SMTP_PORT, DIRECTORY_MAIL_FROM)"
        )
        return 1
    done = await deliver_due(sessions, smtp, render, batch=1000)
    print(
        f"{reminders} reminder(s) queued; {done.sent} sent, {done.retried} to retry, "
        f"{done.failed} given up"
    )
    return 0 if done.failed == 0 else 1


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    mail_events.install()  # change requests written from here queue their e-mails too
    try:
        settings = Settings.from_env()
        if args.command == "serve":
            return _serve(settings, args.host, args.port, args.workers)
        if args.command == "migrate":
            return asyncio.run(
                _with_engine(settings, lambda e: _migrate(e, args.revision), creates=True)
            )
        if args.command == "seed":
            return asyncio.run(_with_engine(settings, lambda e: _seed(e, args.dir)))
        if args.command == "export-schema":
            return _export_schema(args.output, args.check)
        handler = getattr(args, "handler", None)
        args.settings = settings
        args.public_url = settings.public_url
        if handler is not None:
            return asyncio.run(_with_engine(settings, lambda e: handler(args, session_factory(e))))
    except DirectoryError as exc:
        _err(exc.message)
        return 2
    except KeyboardInterrupt:
        return 130
    _err(f"unknown command {args.command!r}")
    return 2
