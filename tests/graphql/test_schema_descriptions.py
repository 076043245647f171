"""Every element of the SDL explains itself: a test walks the schema (graphql-core's
``GraphQLSchema`` behind ``directory.graphql.schema``) and lists, by path, each type, field,
argument, enum value and input field without a description. The built-in scalars and the
introspection types are graphql-core's and are left out.

Paths: ``Type``, ``Type.field``, ``Type.field(argument:)``, ``Enum.VALUE``, ``Input.field``.
"""

from __future__ import annotations

from collections.abc import Iterator

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    build_schema,
    is_introspection_type,
    is_specified_scalar_type,
)

from directory.graphql.schema import schema


def undescribed(graphql_schema: GraphQLSchema) -> Iterator[str]:
    """The path of every element of ``graphql_schema`` that has no description."""
    for name, type_ in sorted(graphql_schema.type_map.items()):
        if is_introspection_type(type_) or is_specified_scalar_type(type_):
            continue
        yield from _undescribed(name, type_)


def _undescribed(name: str, type_: GraphQLNamedType) -> Iterator[str]:
    if not type_.description:
        yield name
    if isinstance(type_, GraphQLObjectType | GraphQLInterfaceType):
        for field_name, field in type_.fields.items():
            if not field.description:
                yield f"{name}.{field_name}"
            for arg_name, arg in field.args.items():
                if not arg.description:
                    yield f"{name}.{field_name}({arg_name}:)"
    elif isinstance(type_, GraphQLInputObjectType):
        for field_name, input_field in type_.fields.items():
            if not input_field.description:
                yield f"{name}.{field_name}"
    elif isinstance(type_, GraphQLEnumType):
        for value_name, value in type_.values.items():
            if not value.description:
                yield f"{name}.{value_name}"


def test_every_element_of_the_schema_has_a_description() -> None:
    missing = list(undescribed(schema._schema))
    assert missing == [], "describe these in the schema:\n" + "\n".join(missing)


def test_the_walk_finds_every_kind_of_element() -> None:
    # given a schema with one element of each kind left undescribed, and one of each described
    sdl = """
        "Described." type Query { "Described." a(x: Int, "Described." y: Int): T }
        type T { b: E }
        enum E { "Described." ONE TWO }
        "Described." input I { c: Int }
        "Described." scalar S
        scalar U
        "Described." type Mutation { "Described." m(i: I): S }
    """
    # when it is walked
    found = list(undescribed(build_schema(sdl)))
    # then each undescribed one is named by its path, and nothing else
    assert found == ["E", "E.TWO", "I.c", "Mutation.m(i:)", "Query.a(x:)", "T", "T.b", "U"]


def test_dates_and_times_say_their_format_and_specification() -> None:
    for name in ("Date", "DateTime", "Time"):
        scalar = schema._schema.get_type(name)
        assert scalar is not None and scalar.specified_by_url is not None, name
        assert "RFC 3339" in (scalar.description or ""), name
    assert "@specifiedBy(url:" in str(schema)
