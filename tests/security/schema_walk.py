"""Probes built by walking the live schema: every String, ID and Int leaf of every argument
of every root field (nested input objects and lists too), each with hostile values while
the rest of the arguments hold valid ones. A field added to the schema is probed without
editing this file; a leaf whose valid value is unknown gets a plain one of its type.

    leaves(field)                 paths of the argument leaves: ("input", "names", 0, "name")
    call(field, good)             a document and valid variables for one root field
    nested_calls(schema, ids, via) the same for fields with arguments below the root
    with_value(vars, path, value) the variables with one leaf replaced
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    Undefined,
    get_named_type,
    is_composite_type,
)

Path = tuple[str | int, ...]
LEAF_SCALARS = ("String", "ID", "Int")

# Valid values for leaves whose name alone does not make a plain value work, by
# "Type.field" (an input field, or "Query.field.argument"), else by the field's name.
GOOD_BY_NAME: dict[str, Any] = {
    "jurisdiction": "FRA",
    "requested": "FRA",
    "requesting": "DEU",
    "parent": "CHN",
    "partyTo": "UNTOC",
    "instrument": "UNTOC",
    "subject": "MLA",
    "measure": "SERVICE_OF_DOCUMENTS",
    "channel": "DIPLOMATIC",
    "language": "fr",
    "article": "18(13)",
    "text": "france",
    "website": "https://justice.example",
    "timeZone": "Europe/Paris",
    "seenOn": "2026-11-01",
    "notifiedOn": "2026-11-01",
    "signedOn": "2026-11-01",
    "consentOn": "2026-11-01",
    "url": "https://example.test/source",
    "name": "Test Ministry",
    "kind": "EMAIL",
    "value": "mla@justice.example",
    "verification": "OFFICIAL",
    "direction": "BOTH",
    "permission": "ACCEPTED",
    "first": 5,
    "preference": 0,
    "priority": 0,
}
GOOD_BY_FIELD: dict[str, Any] = {
    "Query.jurisdiction.code": "FRA",
    "Query.instrument.code": "UNTOC",
    "SetNotificationInput.status": "NOTIFIED",
    "FactSourceInput.url": "https://example.test/source",
    "ReviewInput.reason": "Checked against the depositary notification.",
    "RequirementFieldsInput.kind": "DUAL_CRIMINALITY",
    "CreateInstrumentInput.code": "ETS185",
}
# Filled from the database at run time: global IDs by field name ("authority", …), or by
# "Type.field" where the name alone is not enough ("UpdateLanguageRuleInput.rule").
IDS: dict[str, Any] = {}


@dataclass(frozen=True)
class Call:
    operation: str  # "query" or "mutation"
    field: str  # the key of the answer in ``data``
    document: str
    variables: dict[str, Any]
    definition: GraphQLField  # the field whose arguments are probed


def _strip(type_: Any) -> Any:
    return type_.of_type if isinstance(type_, GraphQLNonNull) else type_


def leaves(field: GraphQLField) -> Iterator[tuple[Path, str]]:
    """Every (path, scalar name) leaf of the field's arguments; list items as index 0."""
    for name, argument in field.args.items():
        yield from _leaves(argument.type, (name,), set())


def _leaves(type_: GraphQLInputType, path: Path, seen: set[str]) -> Iterator[tuple[Path, str]]:
    type_ = _strip(type_)
    if isinstance(type_, GraphQLList):
        yield from _leaves(type_.of_type, (*path, 0), seen)
    elif isinstance(type_, GraphQLInputObjectType):
        if type_.name in seen:  # a recursive input: one level is enough
            return
        for name, field in type_.fields.items():
            yield from _leaves(field.type, (*path, name), seen | {type_.name})
    elif isinstance(type_, GraphQLScalarType) and type_.name in LEAF_SCALARS:
        yield path, type_.name


def good(type_: GraphQLInputType, owner: str, name: str) -> Any:
    """A valid value of ``type_`` for field ``name`` of ``owner``: the minimal input object
    (its required fields), a one-item list, or a known-good leaf."""
    type_ = _strip(type_)
    tables = (
        (GOOD_BY_FIELD, f"{owner}.{name}"),
        (IDS, f"{owner}.{name}"),
        (IDS, name),
        (GOOD_BY_NAME, name),
    )
    for table, key in tables:
        if key not in table or isinstance(type_, GraphQLInputObjectType | GraphQLList):
            continue
        if not isinstance(type_, GraphQLEnumType) or table[key] in type_.values:
            return table[key]
    if isinstance(type_, GraphQLList):
        return [good(type_.of_type, owner, name)]
    if isinstance(type_, GraphQLInputObjectType):
        return {
            n: good(f.type, type_.name, n)
            for n, f in type_.fields.items()
            if (isinstance(f.type, GraphQLNonNull) and f.default_value is Undefined)
            or f"{type_.name}.{n}" in GOOD_BY_FIELD
            or n in IDS
        }
    if isinstance(type_, GraphQLEnumType):
        return next(iter(type_.values))
    return {"Int": 1, "Boolean": False, "Float": 1.0, "ID": "x"}.get(type_.name, "x")


def _selection(field: GraphQLField) -> str:
    """``__typename``, and a payload's ``userErrors`` (what a refused value comes back in)."""
    named = get_named_type(field.type)
    if not is_composite_type(named):
        return ""
    if "userErrors" in getattr(named, "fields", {}):
        return " { __typename userErrors { field code } }"
    return " { __typename }"


def call(kind: str, name: str, field: GraphQLField) -> Call:
    """A document calling root field ``name`` with every argument as a variable."""
    declared = ", ".join(f"${a}: {arg.type}" for a, arg in field.args.items())
    passed = ", ".join(f"{a}: ${a}" for a in field.args)
    document = (
        f"{kind}{f'({declared})' if declared else ''} "
        f"{{ {name}{f'({passed})' if passed else ''}{_selection(field)} }}"
    )
    owner = "Query" if kind == "query" else "Mutation"
    variables = {a: good(arg.type, f"{owner}.{name}", a) for a, arg in field.args.items()}
    return Call(kind, name, document, variables, field)


def nested_calls(
    schema: GraphQLSchema,
    node_ids: dict[str, str],
    via: dict[str, tuple[str, str]] | None = None,
) -> Iterator[Call]:
    """A call per field with arguments below the root, reached through ``node(id:)`` with
    the id of an object of its type from ``node_ids``, or, for a type in ``via``
    (``{"Designation": ("Authority", "designations")}``), through a list field of such a
    node, or, for a type in ``via`` under ``"Query"`` (``{"Coverage": ("Query",
    "coverage")}``), through that root field (which must need no argument). A field with
    arguments on a type reached none of these ways fails here: add the way."""
    via = via or {}
    for type_name, type_ in sorted(schema.type_map.items()):
        if type_name in ("Query", "Mutation") or type_name.startswith("__"):
            continue
        if not isinstance(type_, GraphQLObjectType):
            continue
        for name, field in sorted(type_.fields.items()):
            if not field.args:
                continue
            node_type, through = via.get(type_name, (type_name, ""))
            declared = ", ".join(f"${a}: {arg.type}" for a, arg in field.args.items())
            passed = ", ".join(f"{a}: ${a}" for a in field.args)
            inner = f"{name}({passed}){_selection(field)}"
            variables = {a: good(arg.type, type_name, a) for a, arg in field.args.items()}
            if node_type == "Query":  # a type only a root field without arguments returns
                document = f"query({declared}) {{ {through} {{ {inner} }} }}"
                yield Call("query", through, document, variables, field)
                continue
            assert node_type in node_ids, f"no way to reach {type_name}.{name}(…): add an id"
            if through:
                inner = f"{through} {{ {inner} }}"
            document = (
                f"query($id: ID!, {declared}) {{ node(id: $id) {{ "
                f"... on {node_type} {{ {inner} }} }} }}"
            )
            assert "id" not in variables, f"{type_name}.{name}: rename the probe's $id"
            yield Call("query", "node", document, {**variables, "id": node_ids[node_type]}, field)


def with_value(field: GraphQLField, variables: dict[str, Any], path: Path, value: Any) -> dict:
    """``variables`` with the leaf at ``path`` set to ``value``, building the valid objects
    and one-item lists on the way when the valid variables left them out."""
    out = _copy(variables)
    node: Any = out
    type_: Any = field.args[path[0]].type
    owner = "Mutation"
    for depth, key in enumerate(path):
        last = depth == len(path) - 1
        if isinstance(key, int):
            type_ = _strip(type_).of_type
            if not node:
                node.append(None if last else good(type_, owner, "item"))
        else:
            type_ = (field.args[key] if depth == 0 else _strip(type_).fields[key]).type
            if not last and node.get(key) is None:
                node[key] = good(type_, owner, key)
        if last:
            node[key] = value
        else:
            owner = get_named_type(type_).name
            node = node[key]
    return out


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value
