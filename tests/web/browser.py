"""A real browser for the page tests: the app served by ``directory serve`` in a process of
its own (a fresh database on the run's engine, migrated and seeded as a user's would be),
and Debian's Chromium driven by Playwright, with every request that would leave the host
blocked and counted."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
PORTS = range(8713, 8720)


def free_port() -> int:
    # DIRECTORY_TEST_PORT: a port of the caller's choosing (a machine shared by several runs)
    wanted = os.environ.get("DIRECTORY_TEST_PORT")
    for port in [int(wanted)] if wanted else PORTS:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    with socket.socket() as s:  # all taken (another run): any free port
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    base: str
    process: subprocess.Popen[bytes]
    log: Path


def serve(database_url: str, workdir: Path) -> Iterator[Server]:
    port = free_port()
    log = workdir / "serve.log"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DIRECTORY_SESSION_SECRET": "browser-tests-" + "s" * 32,
        "DIRECTORY_RATE_LIMIT": "0",
    }
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "directory", "serve", "--port", str(port)],
            cwd=workdir,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the server did not start:\n" + log.read_text()) from None
                time.sleep(0.5)
        yield Server(base, process, log)
    finally:
        process.terminate()
        process.wait(timeout=20)


@contextlib.contextmanager
def fresh_database(run_url: str, workdir: Path) -> Iterator[str]:
    """An empty database on the run's engine for the server, which migrates and seeds it
    and commits there (the tests' rolled-back connection cannot be shared with a process)."""
    from directory.config import database_url
    from directory.db import create_engine

    url = database_url(run_url)
    if url.get_backend_name() == "sqlite":
        yield f"sqlite:///{workdir / 'browser.sqlite3'}"
        return
    name = f"{url.database}_browser"

    async def run(*statements: str) -> None:
        admin = create_engine(url, isolation_level="AUTOCOMMIT")
        try:
            async with admin.connect() as conn:
                for statement in statements:
                    await conn.exec_driver_sql(statement)
        finally:
            await admin.dispose()

    def apart(*statements: str) -> None:
        # in a thread of its own: the test session's event loop may be running here
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, run(*statements)).result()

    apart(f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        apart(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class Outside:
    """Requests the page tried to send off the host (blocked)."""

    urls: list[str] = field(default_factory=list)
