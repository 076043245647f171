"""The shape of the test tree: it mirrors the package, and test modules stay leaves.

A test module (``test_*.py``) is never imported by another module: what two tests share
lives in a factory or helper module of the right folder, under a public name. A private name
(``_something``) of a tests module is never imported either: it is private to its module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
PACKAGE = TESTS.parent / "directory"

# folders of tests/ that are not a sub-package of directory/: the hardening regression suite
# (asked for by name in issue 7)
NOT_MIRRORED = {"security"}


def offences(source: str) -> list[str]:
    """Every import in ``source`` of a ``test_*`` module, or of a private name, of ``tests``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules, names = [node.module], [alias.name for alias in node.names]
        elif isinstance(node, ast.Import):
            modules, names = [alias.name for alias in node.names], []
        else:
            continue
        for module in modules:
            parts = module.split(".")
            if parts[0] != "tests":
                continue
            if any(part.startswith(("test_", "_")) for part in parts[1:]):
                found.append(f"imports the test module {module}")
            found.extend(
                f"imports {name} from {module}" for name in names if name.startswith(("test_", "_"))
            )
    return found


def test_no_test_module_imports_another_test_or_a_private_helper() -> None:
    bad = {
        str(path.relative_to(TESTS)): found
        for path in sorted(TESTS.rglob("*.py"))
        if (found := offences(path.read_text(encoding="utf-8")))
    }
    assert bad == {}


@pytest.mark.parametrize(
    "source",
    [
        "from tests.editing.test_http import tokens",
        "from tests.editing.factories import _tokens",
        "import tests.routing.test_http",
        "from tests.graphql import test_http",
        "def f():\n    from tests.helpers import _private\n",
    ],
)
def test_the_check_catches_each_kind_of_offence(source: str) -> None:
    assert offences(source)


@pytest.mark.parametrize(
    "source",
    [
        "from tests.editing.factories import World, authority",
        "from tests.helpers import gql",
        "from directory.db import _private",
    ],
)
def test_the_check_lets_public_helpers_through(source: str) -> None:
    assert offences(source) == []


def test_every_test_folder_mirrors_a_package_folder() -> None:
    folders = {p.name for p in TESTS.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    packages = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders - NOT_MIRRORED <= packages, folders - NOT_MIRRORED - packages


def test_each_domain_has_at_most_one_factory_module() -> None:
    # one per domain folder, named factories.py; never a general one at the top
    assert not (TESTS / "factories.py").exists()
    for path in TESTS.rglob("*factor*.py"):
        assert path.name == "factories.py", path
