"""The rooms that editing writes into never import editing back.

``editing`` depends on ``audit``, ``authorities`` and ``treaties`` (it records revisions
and changes their rows); an import the other way would be an arrow running back up, as
``audit/models.py`` importing ``editing.models`` and ``authorities`` importing
``editing.freshness`` once were.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import directory

ROOT = Path(directory.__file__).parent
BELOW_EDITING = ("accounts", "audit", "authorities", "routing", "search", "treaties")


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


@pytest.mark.parametrize("room", BELOW_EDITING)
def test_room_does_not_import_editing(room: str) -> None:
    upward = [
        f"{path.relative_to(ROOT.parent)} imports {name}"
        for path in sorted((ROOT / room).rglob("*.py"))
        for name in sorted(_imports(path))
        if name == "directory.editing" or name.startswith("directory.editing.")
    ]
    assert not upward, "\n".join(upward)
