"""The cost estimate on its own: GitHub's worked examples in this schema's shape, and the
rules for variables, defaults, maxima, connections, fragments and short lists."""

from __future__ import annotations

from typing import Any

from graphql import parse

from directory.graphql.cost import UNPAGED_LIST, compile_plan
from directory.graphql.schema import schema
from directory.pages import AUTHORITIES, CONNECTION, DESIGNATIONS, RULES


def cost(query: str, variables: dict[str, Any] | None = None, operation: str | None = None) -> int:
    plan = compile_plan(schema._schema, parse(query), operation)
    assert plan is not None
    return plan.cost(variables)


# GitHub's first example: 50 repositories x 10 issues = 50 + 500 = 550
NESTED = """
{ authorities(first: 50) { edges { node { name designations(first: 10) {
    subject { code } } } } } }
"""
# GitHub's second: 50 + 50x20 + 50x20x10 + 50x20 + 50x20x10 + 10 = 22,060
SIBLINGS = """
{
  authorities(first: 50) { edges { node {
    designations(first: 20) { channelRules(first: 10) { permission } }
    again: designations(first: 20) { languageRules(first: 10) { preference } }
  } } }
  jurisdictions(first: 10) { nodes { code } }
}
"""


def test_nested_connections_multiply() -> None:
    assert cost(NESTED) == 550


def test_sibling_connections_add_up() -> None:
    assert cost(SIBLINGS) == 22_060


def test_variables_are_resolved_and_their_defaults_used() -> None:
    query = """
    query ($n: Int = 4, $m: Int) {
      authorities(first: $n) { nodes { designations(first: $m) { subject { code } } } }
    }
    """
    assert cost(query, {"n": 10, "m": 3}) == 10 + 10 * 3
    assert cost(query, {}) == 4 + 4 * DESIGNATIONS.default  # $m unset: the field's default
    # a value of the wrong type (refused at execution) counts the field's default
    assert cost(query, {"n": "ten", "m": 1}) == CONNECTION.default * 2


def test_omitted_first_counts_the_default_and_large_first_the_maximum() -> None:
    assert cost("{ jurisdictions { nodes { code } } }") == CONNECTION.default
    assert cost("{ jurisdictions(first: 100000) { nodes { code } } }") == CONNECTION.maximum
    query = '{ jurisdiction(code: "FRA") { authorities { channelRules: designations { id } } } }'
    assert cost(query) == AUTHORITIES.default * (1 + DESIGNATIONS.default)


def test_edges_and_nodes_are_the_page_already_counted() -> None:
    both = "{ authorities(first: 7) { totalCount pageInfo { hasNextPage } edges { node { id } } "
    both += "nodes { id } } }"
    assert cost(both) == 7


def test_short_lists_without_first_count_a_fixed_size() -> None:
    query = '{ jurisdiction(code: "FRA") { names { name } sources { url } } }'
    assert cost(query) == 2 * UNPAGED_LIST
    nested = '{ jurisdiction(code: "FRA") { channelRules(first: 3) { sources { url } } } }'
    assert cost(nested) == 3 + 3 * UNPAGED_LIST


def test_objects_and_scalars_alone_cost_one() -> None:
    assert cost('{ jurisdiction(code: "FRA") { code parent { code } } }') == 1
    assert cost("{ __typename }") == 1


def test_fragments_and_inline_fragments_count_where_they_are_spread() -> None:
    query = """
    query ($id: ID!) {
      node(id: $id) { ... on Authority { ...Rules } }
      authority(id: $id) { ...Rules }
    }
    fragment Rules on Authority { designations(first: 2) { languageRules(first: 5) { id } } }
    """
    assert cost(query, {"id": "x"}) == 2 * (2 + 2 * 5)


def test_a_fragment_chain_is_computed_once_per_fragment() -> None:
    # 2^30 paths to the list at the bottom: only a memoised sum answers this at once
    levels = 30
    query = "query { ...F0 }\n" + "\n".join(
        f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels)
    )
    query += f"\nfragment F{levels} on Query {{ subjects {{ code }} }}"
    assert cost(query) == 2**levels * UNPAGED_LIST


def test_the_named_operation_is_the_one_estimated() -> None:
    document = """
    query Small { jurisdictions(first: 2) { nodes { code } } }
    query Large { jurisdictions(first: 90) { nodes { code } } }
    """
    assert cost(document, operation="Small") == 2
    assert cost(document, operation="Large") == 90
    assert compile_plan(schema._schema, parse(document), None) is None  # ambiguous: refused later


def test_page_sizes_in_the_schema_are_those_the_resolvers_enforce() -> None:
    authority = schema._schema.get_type("Authority")
    designations = authority.fields["designations"]  # type: ignore[union-attr]
    assert designations.args["first"].default_value == DESIGNATIONS.default
    rules = schema._schema.get_type("Designation").fields["channelRules"]  # type: ignore[union-attr]
    assert rules.args["first"].default_value == RULES.default


# A revision's snapshot is one of the union's types: its lists count once, for the costliest
# member selected (an authority's names, contacts and office hours: 3 lists), not summed
# over every member; both snapshots of each of the 20 revisions count.
SNAPSHOTS = """
{ changes(first: 20) {
    before { ... on AuthoritySnapshot { names { name } contacts { value } officeHours { weekday } }
             ... on NotificationSnapshot { sources { url } } }
    after { ... on NotificationSnapshot { sources { url } } ... on AuthoritySnapshot { city } } } }
"""


def test_a_unions_members_are_alternatives() -> None:
    assert cost(SNAPSHOTS) == 20 * (1 + 3 * UNPAGED_LIST + UNPAGED_LIST)
    # two fragments on one member add up; a field outside the fragments counts as well
    same = (
        "{ changes(first: 2) { after { __typename ... on ParticipationSnapshot { sources { url } }"
    )
    same += " ... on ParticipationSnapshot { again: sources { url } } } } }"
    assert cost(same) == 2 * (1 + 2 * UNPAGED_LIST)
    # and below an interface: node(id:) is one object, of one type
    node = """query ($id: ID!) { node(id: $id) {
      ... on Authority { designations(first: 7) { id } }
      ... on Jurisdiction { authorities(first: 3) { id } } } }"""
    assert cost(node) == 7
