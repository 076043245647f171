"""The cost budget: how many nodes a query can return, estimated before it runs.

In the manner of GitHub's node limit: a list multiplies what is below it by its page size,
siblings add up, and the cost is the sum, over every list in the query, of the product of the
page sizes on the path down to it (itself included)::

    authorities(first: 10) { nodes { designations(first: 5) { subject { code } } } }
    = 10 + 10 x 5 = 60

- a list that takes ``first`` counts ``first`` (a literal, a variable's value, else the
  field's default; clamped to its maximum, which the resolver enforces anyway); its page
  size is the ``PageSize`` in the field's metadata (``directory.pages``); a list sized by
  a list argument instead (``nodes(ids:)``: ``PageSize.argument``) counts that list's
  length, likewise clamped;
- in a connection, ``edges`` and ``nodes`` are the page already counted: they count 0 and
  multiply by 1;
- a list without ``first`` (names, sources, …: short by nature) counts ``UNPAGED_LIST``;
- a single object counts 0 and multiplies by 1; scalars count nothing;
- on a union or an interface, inline fragments on distinct object types are alternatives:
  each object is of one type, so they count as the costliest of them (``... on A`` and
  ``... on B`` below a revision's ``before``: the larger, not the sum); named fragments and
  fields outside such fragments add up as everywhere;
- the cost of a query is at least 1.

Fragments are compiled once per document and their cost computed once per request, so the
estimate is linear in the document (``directory.graphql.limits`` has already refused documents
too deep or too wide). The compiled plan is cached by query text and operation name; only
the arithmetic with the request's variables runs per request.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_abstract_type,
    is_composite_type,
    is_list_type,
)

from directory.pages import PAGE_METADATA, PageSize

UNPAGED_LIST = 10


@dataclass(frozen=True)
class Term:
    """One composite field: ``page`` is its multiplier (an int, or a ``PageSize`` with the
    argument node to read ``first`` from), ``counted`` whether its items count as nodes."""

    page: int | tuple[PageSize, Any]
    counted: bool
    below: Selection


@dataclass(frozen=True)
class Selection:
    """``choices``: groups of alternatives (one selection per object type of a union or an
    interface), each group counting its costliest."""

    terms: tuple[Term, ...]
    fragments: tuple[str, ...]
    choices: tuple[tuple[Selection, ...], ...] = ()


@dataclass(frozen=True)
class Plan:
    """A compiled operation: its root selection, its fragments', and the defaults of its
    variables."""

    root: Selection
    fragments: Mapping[str, Selection]
    defaults: Mapping[str, Any]

    def cost(self, variables: Mapping[str, Any] | None) -> int:
        values = {**self.defaults, **(variables or {})}
        memo: dict[str, int] = {}

        def of(selection: Selection) -> int:
            total = 0
            for term in selection.terms:
                k = _page(term.page, values)
                total += k * (int(term.counted) + of(term.below))
            for name in selection.fragments:
                if name not in memo:
                    memo[name] = 0  # a cycle counts once; validation refuses cycles anyway
                    memo[name] = of(self.fragments[name])
                total += memo[name]
            for alternatives in selection.choices:
                total += max(of(alternative) for alternative in alternatives)
            return total

        return max(1, of(self.root))


def compile_plan(
    schema: GraphQLSchema, document: DocumentNode, operation_name: str | None
) -> Plan | None:
    """The plan of the operation ``operation_name`` selects (None when there is none to
    run: graphql-core reports that at execution)."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name is not None:
        operations = [o for o in operations if o.name and o.name.value == operation_name]
    if len(operations) != 1:
        return None
    operation = operations[0]
    definitions = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    compiler = _Compiler(schema, definitions)
    root = compiler.selection(operation.selection_set, schema.get_root_type(operation.operation))
    defaults = {
        v.variable.name.value: _literal(v.default_value)
        for v in operation.variable_definitions or ()
        if isinstance(v.default_value, IntValueNode)
    }
    return Plan(root=root, fragments=compiler.compiled, defaults=defaults)


class _Compiler:
    def __init__(
        self, schema: GraphQLSchema, definitions: Mapping[str, FragmentDefinitionNode]
    ) -> None:
        self.schema = schema
        self.definitions = definitions
        self.compiled: dict[str, Selection] = {}

    def selection(
        self, node: SelectionSetNode, parent: Any, in_connection: bool = False
    ) -> Selection:
        terms: list[Term] = []
        fragments: list[str] = []
        choices: list[tuple[Selection, ...]] = []
        by_type: dict[str, list[Selection]] = {}  # inline fragments on one member type
        for selection in node.selections:
            if isinstance(selection, FieldNode):
                term = self.field(selection, parent, in_connection)
                if term is not None:
                    terms.append(term)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner = self.schema.get_type(condition.name.value) if condition else parent
                compiled = self.selection(selection.selection_set, inner or parent, in_connection)
                if is_abstract_type(parent) and isinstance(inner, GraphQLObjectType):
                    by_type.setdefault(inner.name, []).append(compiled)
                else:
                    terms += compiled.terms
                    fragments += compiled.fragments
                    choices += compiled.choices
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                self.fragment(name)
                if name in self.compiled:
                    fragments.append(name)
        if by_type:
            choices.append(tuple(_merged(group) for group in by_type.values()))
        return Selection(tuple(terms), tuple(fragments), tuple(choices))

    def fragment(self, name: str) -> None:
        definition = self.definitions.get(name)
        if definition is None or name in self.compiled:
            return
        self.compiled[name] = Selection((), ())  # placeholder: a cycle ends here
        parent = self.schema.get_type(definition.type_condition.name.value)
        self.compiled[name] = self.selection(definition.selection_set, parent)

    def field(self, node: FieldNode, parent: Any, in_connection: bool) -> Term | None:
        definition: GraphQLField | None = getattr(parent, "fields", {}).get(node.name.value)
        if definition is None or node.selection_set is None:
            return None  # a scalar, __typename, or a field validation refused
        named = get_named_type(definition.type)
        if not is_composite_type(named):
            return None
        is_list = is_list_type(get_nullable_type(definition.type))
        page_size = _page_size(definition)
        connection = isinstance(named, GraphQLObjectType) and named.name.endswith("Connection")
        below = self.selection(node.selection_set, named, connection)
        if page_size is not None:
            argument = next(
                (a.value for a in node.arguments or () if a.name.value == page_size.argument),
                None,
            )
            return Term((page_size, argument), True, below)
        if in_connection and node.name.value in ("edges", "nodes"):
            return Term(1, False, below)
        return Term(UNPAGED_LIST if is_list else 1, is_list, below)


def _merged(group: list[Selection]) -> Selection:
    """Several inline fragments on one type: one selection, their sum."""
    return Selection(
        tuple(t for s in group for t in s.terms),
        tuple(f for s in group for f in s.fragments),
        tuple(c for s in group for c in s.choices),
    )


def _page_size(definition: GraphQLField) -> PageSize | None:
    strawberry_field = (definition.extensions or {}).get("strawberry-definition")
    metadata = getattr(strawberry_field, "metadata", None) or {}
    page = metadata.get(PAGE_METADATA)
    return page if isinstance(page, PageSize) else None


def _page(page: int | tuple[PageSize, Any], variables: Mapping[str, Any]) -> int:
    if isinstance(page, int):
        return page
    size, argument = page
    if isinstance(argument, VariableNode):
        value = variables.get(argument.name.value)
    elif isinstance(argument, ListValueNode):
        value = len(argument.values)
    else:
        value = _literal(argument)
    if isinstance(value, list | tuple):
        value = len(value)
    if not isinstance(value, int) or isinstance(value, bool):
        value = size.default  # absent, null, or of the wrong type (refused at execution)
    return min(max(value, 0), size.maximum)


def _literal(node: Any) -> int | None:
    if isinstance(node, IntValueNode):
        try:
            return int(node.value)
        except ValueError:
            return None
    return None
