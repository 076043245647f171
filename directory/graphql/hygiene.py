"""Input hygiene in one place: every string an operation passes, checked before execution.

``InputHygiene`` walks the executed operation (and the fragments it may spread) once,
and for every argument follows its value (a literal, a variable, or a literal holding
variables) through the schema's input types, at any depth of input objects and lists.
Each String or ID leaf is held to the rule of the column it fills (``directory.hygiene``):
the operation is refused with ``BAD_USER_INPUT`` errors, ``extensions.field`` naming the
path (``["input", "names", 0, "name"]``), before any resolver runs. Ints need nothing
here: GraphQL's Int is 32 bits, as the integer columns are, and coercion refuses the rest.

Which column a field fills is read from the model through ``INPUT_MODELS``: a GraphQL input
type maps to the model its fields are stored in, and a field to the column of the same name
(``streetAddress`` → ``street_address``), or a code to its ``…_code`` column
(``subject`` → ``subject_code``). Fields named in ``SHARED`` fill the same column
whatever the input (every ``reason`` is kept in ``Revision.reason``). A field with no such
column (a code that is looked up, an ID) gets the general limit, and so does every
argument of a query field.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from graphql import (
    DocumentNode,
    ExecutionResult,
    GraphQLError,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    get_named_type,
    get_operation_ast,
    value_from_ast_untyped,
)
from graphql.language import (
    FieldNode,
    FragmentDefinitionNode,
    InlineFragmentNode,
    SelectionSetNode,
)
from sqlalchemy.sql.elements import KeyedColumnElement
from strawberry.extensions import SchemaExtension

from directory.audit.models import Revision
from directory.authorities.models import (
    Authority,
    AuthorityContact,
    AuthorityName,
    ChannelRule,
    Designation,
    LanguageRule,
)
from directory.db import Base
from directory.errors import InvalidInput
from directory.hygiene import GENERAL, Rule, problem, rule_of
from directory.treaties.models import Notification, Participation, Source

INPUT_MODELS: dict[str, type[Base]] = {
    "CreateAuthorityInput": Authority,
    "UpdateAuthorityInput": Authority,
    "NameInput": AuthorityName,
    "ContactInput": AuthorityContact,
    "DesignationFieldsInput": Designation,
    "ChannelRuleFieldsInput": ChannelRule,
    "LanguageRuleFieldsInput": LanguageRule,
    "SetNotificationInput": Notification,
    "SetParticipationInput": Participation,
    "FactSourceInput": Source,
}
SHARED: dict[str, KeyedColumnElement[Any]] = {"reason": Revision.__table__.c.reason}

MAX_PROBLEMS = 20  # reported per operation; more would only repeat the lesson
_TEXT_SCALARS = ("String", "ID")
_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


def field_rule(type_name: str, field_name: str) -> Rule:
    """The rule of input field ``type_name.field_name`` (GraphQL names)."""
    if field_name in SHARED:
        return rule_of(SHARED[field_name])
    model = INPUT_MODELS.get(type_name)
    if model is None:
        return GENERAL
    columns = model.__table__.c
    name = _CAMEL.sub("_", field_name).lower()
    # a code names a vocabulary row: ``subject`` fills ``subject_code``
    return rule_of(columns.get(name) if name in columns else columns.get(f"{name}_code"))


def check_value(
    type_: GraphQLInputType, value: Any, path: list[str | int], rule: Rule, out: list[InvalidInput]
) -> None:
    """Append an InvalidInput to ``out`` for every leaf of ``value`` its rule refuses.
    Values of the wrong shape are left to GraphQL's coercion, which refuses them."""
    if len(out) >= MAX_PROBLEMS or value is None:
        return
    if isinstance(type_, GraphQLNonNull):
        type_ = type_.of_type
    if isinstance(type_, GraphQLList):
        for index, item in enumerate(value if isinstance(value, list) else [value]):
            check_value(type_.of_type, item, [*path, index], rule, out)
    elif isinstance(type_, GraphQLInputObjectType):
        if isinstance(value, dict):
            for name, item in value.items():
                field = type_.fields.get(name)
                if field is not None:
                    rule = field_rule(type_.name, name)
                    check_value(field.type, item, [*path, name], rule, out)
    elif (
        isinstance(type_, GraphQLScalarType)
        and type_.name in _TEXT_SCALARS
        and isinstance(value, str)
    ):
        message = problem(value, rule, ".".join(map(str, path)))
        if message is not None:
            out.append(InvalidInput(message, field=path))


def _selections(
    schema: GraphQLSchema,
    parent: GraphQLNamedType | None,
    selection_set: SelectionSetNode | None,
    variables: dict[str, Any],
    out: list[InvalidInput],
) -> None:
    """Check the arguments of every field under ``selection_set`` (fragment spreads are
    checked once, as their definitions: see ``find_problems``)."""
    if selection_set is None:
        return
    fields = parent.fields if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType) else {}
    for node in selection_set.selections:
        if isinstance(node, FieldNode):
            field = fields.get(node.name.value)
            if field is None:
                continue  # __typename, or a field validation already refused
            for argument in node.arguments or ():
                definition = field.args.get(argument.name.value)
                if definition is not None:
                    value = value_from_ast_untyped(argument.value, variables)
                    check_value(definition.type, value, [argument.name.value], GENERAL, out)
            child = get_named_type(field.type)
            _selections(schema, child, node.selection_set, variables, out)
        elif isinstance(node, InlineFragmentNode):
            condition = node.type_condition
            child = schema.get_type(condition.name.value) if condition else parent
            _selections(schema, child, node.selection_set, variables, out)


def find_problems(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: dict[str, Any] | None,
) -> list[InvalidInput]:
    """Every refused string of the operation that will run, with the variables it gets
    (those sent, else their defaults in the document). One pass over the document: each
    fragment is walked once, however often it is spread."""
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        return []  # graphql-core answers that no operation was found
    given = dict(variables) if isinstance(variables, dict) else {}
    for definition in operation.variable_definitions or ():
        name = definition.variable.name.value
        if name not in given and definition.default_value is not None:
            given[name] = value_from_ast_untyped(definition.default_value)
    out: list[InvalidInput] = []
    _selections(
        schema, schema.get_root_type(operation.operation), operation.selection_set, given, out
    )
    for fragment in document.definitions:
        if isinstance(fragment, FragmentDefinitionNode):
            parent = schema.get_type(fragment.type_condition.name.value)
            _selections(schema, parent, fragment.selection_set, given, out)
    return out


class InputHygiene(SchemaExtension):
    """Refuses the operation, before it executes, when a string it passes cannot be
    stored or looked up as it is (see the module docstring)."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is not None and context.result is None:
            problems = find_problems(
                context.schema._schema,
                context.graphql_document,
                context.operation_name,
                context.variables,
            )
            if problems:
                context.result = ExecutionResult(
                    data=None,
                    errors=[GraphQLError(p.message, original_error=p) for p in problems],
                )
        yield
