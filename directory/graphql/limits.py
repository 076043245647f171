"""Limits on the shape of a document, checked in one pass that visits each fragment once.

``DocumentLimits`` is a graphql-core validation rule, defined once here, so the tuple of
rules is the same object on every request and the validation cache can hit. It measures the
operations as they will execute, fragments expanded, without expanding them: each fragment's
figures are computed once (dependencies first) and reused at every spread, so a chain of
fragments that each spread the next one twice costs as much as its text, not 2^depth.

Refused, with GRAPHQL_VALIDATION_FAILED and the limit named:

- ``MAX_DEPTH``: fields nested along the deepest path;
- ``MAX_ALIASES``: aliased fields, each spread of a fragment counting its aliases again;
- ``MAX_FRAGMENT_SPREADS``: ``...Name`` spreads written in the document;
- ``MAX_SELECTIONS``: fields the operation selects once its fragments are expanded;
- ``MAX_REPEATS``: fields selected at one response path (``jurisdictions.nodes.code``),
  repeats, aliases of the same name and fragments merged. graphql-core's
  OverlappingFieldsCanBeMerged compares the fields of one path pairwise: 400 copies of one
  field take it 0.8 s, and 9 copies nested 3 deep (729 at one path) 0.3 s then a
  RecursionError. With these caps it compares at most MAX_SELECTIONS x MAX_REPEATS / 2
  pairs; a document refused here is not handed to it at all (``directory.graphql.documents``).

The first three are sums and maxima computed per fragment; the response paths are counted
only once those passed, by walking the expanded operation, which then has at most
MAX_SELECTIONS fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationRule,
    Visitor,
)

# The deepest useful query today: jurisdictions.edges.node.authorities.designations
# .channelRules.sources.url is 8 fields; 12 leaves room without allowing abuse.
MAX_DEPTH = 12
MAX_ALIASES = 30
MAX_TOKENS = 5000
MAX_FRAGMENT_SPREADS = 50
# The README's largest query selects 32 fields; 30 aliases of a 33-field query fit.
MAX_SELECTIONS = 1000
MAX_REPEATS = 10


@dataclass
class Shape:
    """Figures of one selection set with its fragments expanded."""

    depth: int = 0
    aliases: int = 0
    selections: int = 0


def check(document: DocumentNode) -> list[GraphQLError]:
    """The limits ``document`` breaks (empty when none), in time linear in its size."""
    spreads = _count_spreads(document)
    if spreads > MAX_FRAGMENT_SPREADS:
        return [_error(f"{spreads} fragment spreads", "MAX_FRAGMENT_SPREADS", MAX_FRAGMENT_SPREADS)]
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    shapes: dict[str, Shape] = {}
    order, cyclic = _dependencies_first(fragments)
    for name in order:
        shapes[name] = _shape(fragments[name].selection_set, shapes)
    errors = []
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            broken = _over_limits(_shape(definition.selection_set, shapes), definition)
            if not broken and not cyclic:  # a cycle has no expansion: another rule reports it
                repeats = _most_repeated(definition.selection_set, fragments, shapes)
                if repeats > MAX_REPEATS:
                    found = f"a response path selected {repeats} times"
                    broken = [_error(found, "MAX_REPEATS", MAX_REPEATS, definition)]
            errors += broken
    return errors


class DocumentLimits(ValidationRule):
    """The ``check`` above as a validation rule: it reads the whole document once, on entry,
    and visits nothing below."""

    def enter_document(self, node: DocumentNode, *_args: Any) -> Any:
        for error in check(node):
            self.report_error(error)
        return Visitor.BREAK


def _count_spreads(document: DocumentNode) -> int:
    count = 0
    stack = [
        d.selection_set
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode | FragmentDefinitionNode)
    ]
    while stack:
        for selection in stack.pop().selections:
            if isinstance(selection, FragmentSpreadNode):
                count += 1
            elif (
                isinstance(selection, FieldNode | InlineFragmentNode)
                and selection.selection_set is not None
            ):
                stack.append(selection.selection_set)
    return count


def _dependencies_first(fragments: dict[str, FragmentDefinitionNode]) -> tuple[list[str], bool]:
    """Fragment names, each after the fragments it spreads (iteratively: a long chain does
    not recurse), and whether they spread one another in a cycle (cut where it closes;
    NoFragmentCyclesRule reports it)."""
    order: list[str] = []
    state: dict[str, str] = {}
    cyclic = False
    for root in fragments:
        if root in state:
            continue
        stack = [(root, iter(_spread_names(fragments[root].selection_set)))]
        state[root] = "open"
        while stack:
            name, pending = stack[-1]
            child = next(pending, None)
            if child is None:
                stack.pop()
                state[name] = "done"
                order.append(name)
            elif child in fragments and child not in state:
                state[child] = "open"
                stack.append((child, iter(_spread_names(fragments[child].selection_set))))
            elif state.get(child) == "open":
                cyclic = True
    return order, cyclic


def _spread_names(selection_set: SelectionSetNode) -> list[str]:
    names: list[str] = []
    stack = [selection_set]
    while stack:
        for selection in stack.pop().selections:
            if isinstance(selection, FragmentSpreadNode):
                names.append(selection.name.value)
            elif (
                isinstance(selection, FieldNode | InlineFragmentNode)
                and selection.selection_set is not None
            ):
                stack.append(selection.selection_set)
    return names


def _shape(selection_set: SelectionSetNode, fragments: dict[str, Shape]) -> Shape:
    """The figures of ``selection_set``, fragments taken from ``fragments`` (a spread of an
    unknown or cyclic fragment counts as empty: other rules report it). Recursion follows
    field nesting only, which the parser already bounds."""
    shape = Shape()
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            shape.selections += 1
            shape.aliases += selection.alias is not None
            inner = Shape()
            if selection.selection_set is not None:
                inner = _shape(selection.selection_set, fragments)
            _add(shape, inner, below=1)
        elif isinstance(selection, InlineFragmentNode):
            _add(shape, _shape(selection.selection_set, fragments), below=0)
        elif isinstance(selection, FragmentSpreadNode):
            _add(shape, fragments.get(selection.name.value, Shape()), below=0)
    return shape


def _add(shape: Shape, inner: Shape, *, below: int) -> None:
    """Fold ``inner`` into ``shape``: nested below one of its fields (``below=1``) or merged
    into the same selection set (0)."""
    shape.aliases += inner.aliases
    shape.selections += inner.selections
    shape.depth = max(shape.depth, inner.depth + below)


def _most_repeated(
    root: SelectionSetNode, fragments: dict[str, FragmentDefinitionNode], shapes: dict[str, Shape]
) -> int:
    """The most fields selected at one response path of the expanded operation. Called once
    the operation has at most MAX_SELECTIONS fields expanded and no fragment cycle; spreads
    of fragments that select nothing are skipped, so the walk is bounded by its fields."""
    paths: dict[tuple[int, str], int] = {}  # (parent path id, response name) -> its id
    counts: list[int] = [0]
    most = 0
    stack = [(root, 0)]
    while stack:
        selection_set, path = stack.pop()
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                key = (path, (selection.alias or selection.name).value)
                if key not in paths:
                    paths[key] = len(counts)
                    counts.append(0)
                child = paths[key]
                counts[child] += 1
                most = max(most, counts[child])
                if selection.selection_set is not None:
                    stack.append((selection.selection_set, child))
            elif isinstance(selection, InlineFragmentNode):
                stack.append((selection.selection_set, path))
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name in fragments and shapes.get(name, Shape()).selections:
                    stack.append((fragments[name].selection_set, path))
    return most


def _over_limits(shape: Shape, operation: OperationDefinitionNode) -> list[GraphQLError]:
    checks = [
        (shape.depth, MAX_DEPTH, "MAX_DEPTH", f"depth {shape.depth}"),
        (shape.aliases, MAX_ALIASES, "MAX_ALIASES", f"{shape.aliases} aliases"),
        (shape.selections, MAX_SELECTIONS, "MAX_SELECTIONS", f"{shape.selections} selections"),
    ]
    return [
        _error(found, limit_name, limit, operation)
        for value, limit, limit_name, found in checks
        if value > limit
    ]


def _error(
    found: str, limit_name: str, limit: int, node: OperationDefinitionNode | None = None
) -> GraphQLError:
    what = {
        "MAX_DEPTH": "exceeds maximum operation depth",
        "MAX_ALIASES": "exceeds the maximum number of aliases",
        "MAX_FRAGMENT_SPREADS": "exceeds the maximum number of fragment spreads",
        "MAX_SELECTIONS": "exceeds the maximum number of selected fields",
        "MAX_REPEATS": "exceeds the maximum fields at one response path",
    }[limit_name]
    return GraphQLError(
        f"{found} {what} of {limit} ({limit_name}): split the query or use fewer fragments",
        nodes=[node] if node is not None else None,
        extensions={"code": "GRAPHQL_VALIDATION_FAILED", "limit": limit_name, "maximum": limit},
    )
