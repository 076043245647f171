"""Each domain's ``services.py`` lists its contract to the other rooms in ``__all__``.

The test reads every module of the package (and of the tests) and collects what is taken
from a ``directory.<domain>.services`` module by a module outside that domain: names
imported from it, and attributes read on it when the module itself is imported. Each must
be in ``__all__``, so that what the other rooms rely on is written down in one place and a
rename inside a service shows up as a change of its contract.
"""

from __future__ import annotations

import ast
import importlib
from collections import defaultdict
from pathlib import Path

import directory

ROOT = Path(directory.__file__).parent
SOURCES = [*ROOT.rglob("*.py"), *(ROOT.parent / "tests").rglob("*.py")]


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _domain(module: str) -> str:
    """``directory.authorities.types`` → ``directory.authorities``."""
    return ".".join(module.split(".")[:2])


def used_from_services() -> dict[str, dict[str, set[str]]]:
    """services module → name → the modules outside its domain that use it."""
    used: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for path in SOURCES:
        importer = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        aliases: dict[str, str] = {}  # local name → services module bound to it
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom) or not node.module:
                continue
            if node.module.startswith("directory.") and node.module.endswith(".services"):
                for alias in node.names:
                    used[node.module][alias.name].add(importer)
            elif node.module.startswith("directory."):
                for alias in node.names:
                    if alias.name == "services":
                        aliases[alias.asname or alias.name] = f"{node.module}.services"
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in aliases
            ):
                used[aliases[node.value.id]][node.attr].add(importer)
    return {
        services: {
            name: {m for m in importers if _domain(m) != _domain(services)}
            for name, importers in names.items()
        }
        for services, names in used.items()
    }


def test_every_name_used_from_a_service_is_in_its_all() -> None:
    missing = []
    for services, names in sorted(used_from_services().items()):
        contract = set(getattr(importlib.import_module(services), "__all__", ()))
        missing += [
            f"{services}.{name} (used by {', '.join(sorted(importers))})"
            for name, importers in sorted(names.items())
            if importers and name not in contract
        ]
    assert not missing, "add to the service's __all__:\n" + "\n".join(missing)


def test_every_domain_service_declares_its_contract() -> None:
    for path in sorted(ROOT.glob("*/services.py")):
        module = importlib.import_module(_module_name(path))
        assert isinstance(getattr(module, "__all__", None), list), f"{module.__name__}: no __all__"
        for name in module.__all__:
            assert hasattr(module, name), f"{module.__name__}.__all__ names {name!r}: not defined"
