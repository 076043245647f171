"""The command line: what an operator types, what they read back."""

from __future__ import annotations

import pytest

from directory.cli import main


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, scratch_url: str) -> str:
    monkeypatch.setenv("DATABASE_URL", scratch_url)
    return scratch_url


def test_migrate_then_migrate_again(env: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["migrate"]) == 0
    assert "migrated from empty to" in capsys.readouterr().out
    assert main(["migrate"]) == 0
    assert "already at revision" in capsys.readouterr().out


def test_seed_on_an_unmigrated_database_says_what_to_run(
    env: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["seed"]) == 2
    assert "run `directory migrate` first" in capsys.readouterr().err


def test_unusable_database_url_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", "mysql://root@localhost/directory")
    assert main(["migrate"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: DATABASE_URL scheme 'mysql' is not supported")


def test_unreachable_database_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody:secret@127.0.0.1:1/directory")
    assert main(["migrate"]) == 2
    err = capsys.readouterr().err
    assert "cannot use the database postgresql+asyncpg://nobody:***@127.0.0.1:1/directory" in err
    assert "secret" not in err


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_migrates_seeds_and_answers(scratch_url: str, tmp_path) -> None:
    """The README's first command on an empty database: migrate, seed, serve /graphql."""
    import os
    import subprocess
    import sys
    import time

    import httpx

    port = _free_port()
    env = {**os.environ, "DATABASE_URL": scratch_url}
    log = (tmp_path / "serve.log").open("w+")
    proc = subprocess.Popen(
        [sys.executable, "-m", "directory", "serve", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 90
        health = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.3)
        log.seek(0)
        output = log.read()
        assert health is not None, f"server did not come up:\n{output}"
        assert health.status_code == 200, health.text
        answer = httpx.post(
            f"http://127.0.0.1:{port}/graphql",
            json={"query": '{ jurisdiction(code: "FRA") { code name(language: FR) } }'},
            timeout=10,
        ).json()
        assert answer["data"] == {"jurisdiction": {"code": "FRA", "name": "France"}}
        assert answer["extensions"]["cost"] == {"requested": 1, "budget": 5000}
        page = httpx.get(
            f"http://127.0.0.1:{port}/graphql", headers={"Accept": "text/html"}, timeout=10
        )
        assert "graphiql" in page.text.lower()
        assert "the database is empty: loading the reference seed" in output
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


@pytest.mark.parametrize("argv", [["seed"], ["token", "list"]])
def test_a_command_never_creates_a_stray_sqlite_file(
    argv: list[str],
    tmp_path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Run from a folder with no database, a command that reads one says so and stops,
    instead of creating an empty ./directory.sqlite3 and failing on a missing table."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"no database at {tmp_path / 'directory.sqlite3'}" in err
    assert "run `directory migrate` first" in err
    assert list(tmp_path.iterdir()) == []


def test_packaged_files_are_found_from_any_folder(tmp_path, monkeypatch) -> None:
    """Migrations, seed and SDL are read from the package, not from the working folder."""
    from directory.migrations import head_revision
    from directory.resources import migrations_dir, schema_file, seed_dir

    monkeypatch.chdir(tmp_path)
    assert (migrations_dir() / "env.py").is_file()
    assert (seed_dir() / "jurisdictions.json").is_file()
    assert schema_file().is_file()
    assert head_revision() is not None
