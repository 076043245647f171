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

# What the write surface still lacks: the inputs of setNotification/setParticipation (with
# FactSourceInput), the mutations' `input` arguments, and the arguments of changeRequests,
# changes(first:) and history(first:). This list only shrinks: a path described since must
# leave it (the second test says which), and it ends empty.
NOT_YET_DESCRIBED = frozenset(
    {
        "FactSourceInput.kind",
        "FactSourceInput.title",
        "FactSourceInput.url",
        "Mutation.approveChangeRequest(input:)",
        "Mutation.confirmEntries(input:)",
        "Mutation.createAuthority(input:)",
        "Mutation.createChannelRule(input:)",
        "Mutation.createDesignation(input:)",
        "Mutation.createLanguageRule(input:)",
        "Mutation.rejectChangeRequest(input:)",
        "Mutation.removeChannelRule(input:)",
        "Mutation.removeDesignation(input:)",
        "Mutation.removeLanguageRule(input:)",
        "Mutation.retireAuthority(input:)",
        "Mutation.setNotification(input:)",
        "Mutation.setParticipation(input:)",
        "Mutation.updateAuthority(input:)",
        "Mutation.updateChannelRule(input:)",
        "Mutation.updateDesignation(input:)",
        "Mutation.updateLanguageRule(input:)",
        "Query.changeRequests(first:)",
        "Query.changeRequests(pendingOnly:)",
        "Query.changes(first:)",
        "Query.history(first:)",
        "SetNotificationInput",
        "SetNotificationInput.condition",
        "SetNotificationInput.depositaryReference",
        "SetNotificationInput.notifiedOn",
        "SetNotificationInput.reason",
        "SetNotificationInput.sources",
        "SetNotificationInput.status",
        "SetNotificationInput.summary",
        "SetNotificationInput.verification",
        "SetParticipationInput",
        "SetParticipationInput.consentOn",
        "SetParticipationInput.consentType",
        "SetParticipationInput.reason",
        "SetParticipationInput.signedOn",
        "SetParticipationInput.sources",
        "SetParticipationInput.territorialApplication",
        "SetParticipationInput.verification",
    }
)


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
    missing = [path for path in undescribed(schema._schema) if path not in NOT_YET_DESCRIBED]
    assert missing == [], "describe these in the schema:\n" + "\n".join(missing)


def test_the_list_of_elements_not_yet_described_only_shrinks() -> None:
    missing = set(undescribed(schema._schema))
    described_since = sorted(NOT_YET_DESCRIBED - missing)
    assert described_since == [], "remove from NOT_YET_DESCRIBED: " + ", ".join(described_since)


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
