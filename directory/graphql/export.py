"""The SDL as an artefact: ``schema/schema.graphql`` is reviewed like an API change.

Regenerate it with ``directory export-schema``; ``tests/graphql/test_schema_file.py`` fails when
the committed file differs from the code.
"""

from __future__ import annotations

from pathlib import Path

from directory.graphql.schema import schema
from directory.resources import schema_file

SCHEMA_PATH = schema_file()
SCHEMA_FILE = SCHEMA_PATH  # alias


def sdl() -> str:
    """The printed schema, types and fields sorted lexicographically, ending with a newline."""
    return str(schema).rstrip("\n") + "\n"


def write_schema(path: Path = SCHEMA_PATH) -> bool:
    """Write the SDL to ``path``; True when the file changed (or did not exist)."""
    text = sdl()
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True
