"""The shape of the house, checked: imports run one way and never in a circle.

Read with ``ast`` from the source, without importing anything:

- the domain packages (models, services, rules) never import Strawberry, Starlette or a
  surface (``directory.graphql``, ``directory.web``, ``directory.edge``,
  ``directory.app``): every surface reads
  them through the same services and the same gates, so none may lean on one surface;
- no module of the package takes part in an import circle. The graph holds every import
  that runs: at module level and inside functions. Imports under ``if TYPE_CHECKING:``
  never run and are left out: that is how an annotation names a type of a module that
  imports this one (Strawberry's lazy types ``Annotated["X", strawberry.lazy("…")]``).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import directory

PACKAGE = Path(directory.__file__).parent
DOMAINS = (
    "treaties",
    "authorities",
    "routing",
    "search",
    "accounts",
    "audit",
    "editing",
    "seeding",
    "mail",
    "coverage",
)
FORBIDDEN = (
    "strawberry",
    "starlette",
    "directory.graphql",
    "directory.web",
    "directory.edge",
    "directory.app",
)


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, dotted
    target: str  # what it names, dotted (a module, or a module's attribute)
    line: int
    runs: bool  # False under ``if TYPE_CHECKING:``


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = [root.name, *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(module: str, source: str, *, is_package: bool = False) -> Iterator[Import]:
    """Every import statement of ``source``, each name resolved to an absolute dotted path."""

    def visit(node: ast.AST, runs: bool) -> Iterator[Import]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _type_checking(child):
                for stmt in child.body:
                    yield from visit_one(stmt, False)
                for stmt in child.orelse:
                    yield from visit_one(stmt, runs)
            else:
                yield from visit_one(child, runs)

    def visit_one(node: ast.AST, runs: bool) -> Iterator[Import]:
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(module, alias.name, node.lineno, runs)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the package of ``module``
                package = module.split(".") if is_package else module.split(".")[:-1]
                anchor = package[: len(package) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                yield Import(module, f"{base}.{alias.name}", node.lineno, runs)
        else:
            yield from visit(node, runs)

    yield from visit(ast.parse(source), True)


def package_imports(root: Path = PACKAGE) -> list[Import]:
    found: list[Import] = []
    for path in sorted(root.rglob("*.py")):
        name = module_name(path, root)
        found.extend(imports_of(name, path.read_text(), is_package=path.name == "__init__.py"))
    return found


def surface_imports(imports: list[Import], domains: tuple[str, ...] = DOMAINS) -> list[str]:
    """``module:line imports target`` for each import of a surface by a domain module."""
    roots = tuple(f"directory.{d}" for d in domains)
    return [
        f"{i.module}:{i.line} imports {i.target}"
        for i in imports
        if (i.module + ".").startswith(tuple(r + "." for r in roots))
        and any(i.target == f or i.target.startswith(f + ".") for f in FORBIDDEN)
    ]


def graph(imports: list[Import], modules: set[str]) -> dict[str, set[str]]:
    """Module → the modules of the package it imports when it runs (a name imported from a
    module counts as that module; ``from pkg import mod`` as the submodule)."""
    edges: dict[str, set[str]] = {m: set() for m in modules}
    for i in imports:
        if not i.runs:
            continue
        target = i.target
        while target and target not in modules:
            target = target.rpartition(".")[0]
        if target and target != i.module:
            edges[i.module].add(target)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """One circle (``a → b → … → a``) per strongly connected group of modules (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(edges[v]):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = set()
            while (w := stack.pop()) != v:
                group.add(w)
            group.add(v)
            if len(group) > 1:
                groups.append(group)

    for v in sorted(edges):
        if v not in index:
            connect(v)
    return [_circle_in(group, edges) for group in groups]


def _circle_in(group: set[str], edges: dict[str, set[str]]) -> list[str]:
    """A shortest circle through the group's first module, found breadth first."""
    start = min(group)
    paths = {start: [start]}
    queue = [start]
    while queue:
        v = queue.pop(0)
        for w in sorted(edges[v] & group):
            if w == start:
                return [*paths[v], start]
            if w not in paths:
                paths[w] = [*paths[v], w]
                queue.append(w)
    raise AssertionError(f"no circle in {group}")  # a strongly connected group has one


def test_no_domain_imports_strawberry_starlette_or_a_surface() -> None:
    offending = surface_imports(package_imports())
    assert not offending, "a domain imports a surface or its framework:\n" + "\n".join(offending)


def test_no_import_circle_in_the_package() -> None:
    imports = package_imports()
    modules = {module_name(p) for p in PACKAGE.rglob("*.py")}
    found = cycles(graph(imports, modules))
    assert not found, "import circles:\n" + "\n".join(" → ".join(c) for c in found)


def test_the_checks_see_what_they_must(tmp_path: Path) -> None:
    # given a small package with a circle through a function-level import, a domain
    # importing Strawberry and the API, and an annotation-only import
    root = tmp_path / "directory"
    (root / "editing").mkdir(parents=True)
    (root / "graphql").mkdir()
    files = {
        "__init__.py": "",
        "editing/__init__.py": "",
        "editing/services.py": "import strawberry\nfrom directory.graphql import view\n",
        "editing/rules.py": "def f():\n    from directory.editing.services import g\n",
        "graphql/__init__.py": "",
        "graphql/view.py": (
            "from typing import TYPE_CHECKING\nfrom directory.editing import rules\n"
            "if TYPE_CHECKING:\n    from directory.graphql.types import T\n"
        ),
        "graphql/types.py": "from directory.graphql.view import x\n",
    }
    for name, text in files.items():
        (root / name).write_text(text)

    # when the package is read
    imports = package_imports(root)
    modules = {module_name(p, root) for p in root.rglob("*.py")}

    # then both imports of the domain are named, and the one circle that runs is found
    assert surface_imports(imports, ("editing",)) == [
        "directory.editing.services:1 imports strawberry",
        "directory.editing.services:2 imports directory.graphql.view",
    ]
    assert cycles(graph(imports, modules)) == [
        [
            "directory.editing.rules",
            "directory.editing.services",
            "directory.graphql.view",
            "directory.editing.rules",
        ]
    ]
