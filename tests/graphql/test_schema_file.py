"""The committed SDL is the API contract: it must match the code."""

from __future__ import annotations

from pathlib import Path

from directory.graphql.export import SCHEMA_FILE, sdl, write_schema


def test_committed_schema_is_up_to_date() -> None:
    committed = SCHEMA_FILE.read_text(encoding="utf-8") if SCHEMA_FILE.exists() else ""
    assert committed == sdl(), (
        f"{SCHEMA_FILE} is stale: run `directory export-schema` and commit the file "
        "(review its diff like an API change)"
    )


def test_write_schema_reports_whether_it_changed_the_file(tmp_path: Path) -> None:
    target = tmp_path / "schema.graphql"
    assert write_schema(target) is True
    assert write_schema(target) is False
    assert target.read_text(encoding="utf-8").startswith(sdl()[:40])
