"""The schema: the root Query and Mutation composed from one class per domain.

Each domain's sub-package of ``directory.graphql`` holds its ``…Query`` (and ``…Mutation``)
class; to plug one in, add it to the bases of ``Query`` (or ``Mutation``). Field names must
not collide across domains; the SDL is sorted, so the order of the bases does not show.
"""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from graphql import GraphQLError, GraphQLUnionType
from strawberry import relay
from strawberry.extensions import AddValidationRules, MaxTokensLimiter, SchemaExtension
from strawberry.schema.config import StrawberryConfig

from directory.graphql.accounts.resolvers import AccountsQuery
from directory.graphql.accounts.types import ApiToken
from directory.graphql.audit.resolvers import AuditQuery
from directory.graphql.audit.types import Revision
from directory.graphql.authorities.resolvers import AuthoritiesQuery
from directory.graphql.authorities.rule_types import ChannelRule, LanguageRule
from directory.graphql.authorities.types import Authority, Designation
from directory.graphql.budget import CostBudget
from directory.graphql.context import Info
from directory.graphql.coverage.resolvers import CoverageQuery
from directory.graphql.documents import Documents
from directory.graphql.editing.batch import BatchMutation
from directory.graphql.editing.fact_resolvers import FactMutation
from directory.graphql.editing.instrument_resolvers import InstrumentMutation
from directory.graphql.editing.requirement_resolvers import RequirementMutation
from directory.graphql.editing.resolvers import EditingMutation, EditingQuery
from directory.graphql.editing.rule_resolvers import RuleMutation
from directory.graphql.editing.types import ChangeRequest
from directory.graphql.error_log import RecordOperation, log_errors
from directory.graphql.errors import ErrorCodes, is_expected, is_unavailable, mask_errors
from directory.graphql.hygiene import InputHygiene
from directory.graphql.limits import MAX_TOKENS, DocumentLimits
from directory.graphql.nodes import NODES_MAX, resolve_many
from directory.graphql.ratelimits import RateLimit
from directory.graphql.routing.resolvers import RoutingQuery
from directory.graphql.scalars import SCALARS
from directory.graphql.search.resolvers import SearchQuery
from directory.graphql.treaties.fact_types import Notification, Participation
from directory.graphql.treaties.jurisdiction_types import Jurisdiction
from directory.graphql.treaties.resolvers import TreatiesQuery
from directory.graphql.treaties.types import Instrument, Provision, Source
from directory.pages import NODES


@strawberry.type(description="The Relay entry point: any object by its global ID.")
class NodeQuery:
    @strawberry.field(
        description="Any object by its global ID (every type that implements `Node`); "
        "null when none has it, when the caller may not see it, or when the ID is not one "
        "this API gave (it does not decode, or names a type the schema does not have), as "
        "`nodes(ids:)` answers for each of its IDs."
    )
    async def node(
        self,
        info: Info,
        id: Annotated[
            strawberry.ID,
            strawberry.argument(description="The global ID of an object of any type."),
        ],
    ) -> relay.Node | None:
        [found] = await resolve_many(info, [id])
        return found  # type: ignore[no-any-return]

    @strawberry.field(
        description=f"Objects by their global IDs, in the same order; null for an ID that "
        f"names nothing the caller may see. At most {NODES_MAX} IDs.",
        metadata=NODES.metadata,
    )
    async def nodes(
        self,
        info: Info,
        ids: Annotated[
            list[strawberry.ID],
            strawberry.argument(description=f"Global IDs of any types (at most {NODES_MAX})."),
        ],
    ) -> list[relay.Node | None]:
        return await resolve_many(info, ids)


@strawberry.type(
    description="Read API of the directory: jurisdictions, their treaty facts and authorities, "
    "where to send a request (`route`), search, and the audit trail. Public unless a field "
    "says otherwise; contact details marked restricted need a token."
)
class Query(
    NodeQuery,
    TreatiesQuery,
    AuthoritiesQuery,
    AuditQuery,
    SearchQuery,
    RoutingQuery,
    EditingQuery,
    AccountsQuery,
    CoverageQuery,
):
    pass


@strawberry.type(
    description="Writes, with a token: State editors' changes to their own entries are "
    "reviewed by the secretariat unless the deployment publishes them without review; treaty "
    "facts (notifications, participation, instruments and their provisions) are written by "
    "the secretariat only."
)
class Mutation(
    EditingMutation,
    RuleMutation,
    RequirementMutation,
    FactMutation,
    InstrumentMutation,
    BatchMutation,
):
    pass


class DirectorySchema(strawberry.Schema):
    """Logs only the errors someone must fix: a resolver's unexpected exception (by type and
    frames, never its message: see ``directory.graphql.error_log``), and a database outage.
    Expected outcomes (BAD_USER_INPUT, FORBIDDEN, CONFLICT, …) and invalid documents reach
    the client with their code and would only bury real failures in tracebacks."""

    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        log_errors(
            [e for e in errors if not is_expected(e)],
            [e for e in errors if e.original_error is not None and is_unavailable(e)],
        )

    def get_extensions(self, sync: bool = False) -> list[SchemaExtension]:
        # The rate limit awaits its store; a synchronous execution (tests, tools: never the
        # HTTP view) has no caller to charge, and would fail on an asynchronous hook.
        extensions = super().get_extensions(sync)
        return [e for e in extensions if not isinstance(e, RateLimit)] if sync else extensions


def _by_name(root: Any, info: Any, union: Any) -> str:
    """A union member's type: the GraphQL name of the object returned."""
    name: str = root.__strawberry_definition__.name
    return name


def build_schema() -> strawberry.Schema:
    built = DirectorySchema(
        query=Query,
        mutation=Mutation,
        # types reachable only through the Node interface must be listed
        types=[
            Jurisdiction,
            Instrument,
            Provision,
            Participation,
            Notification,
            Source,
            Authority,
            Designation,
            ChannelRule,
            LanguageRule,
            ChangeRequest,
            Revision,
            ApiToken,
        ],
        config=StrawberryConfig(disable_field_suggestions=True, sort_schema=True),
        scalar_overrides=SCALARS,
        extensions=[
            # ErrorCodes first: its after-hook then runs last, on the masked errors too
            ErrorCodes,
            mask_errors,
            RecordOperation,
            InputHygiene,
            # depth, aliases, spreads, selections: one module-level rule class, so the
            # rules tuple is the same every request and the validation cache hits
            lambda: AddValidationRules([DocumentLimits]),
            lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
            # parse and validation cached by query text, bounded in bytes; then the cost
            # budget, which needs a valid document and sets info.context.cost
            Documents,
            CostBudget,
            # last: it charges the cost that the cost budget has set by then
            RateLimit,
        ],
    )
    # With sort_schema, Strawberry's union resolver compares the object it found with the
    # types of the schema as built before sorting, never equal to the sorted schema's: it
    # raises for every value (UnallowedReturnTypeForUnion). Every member of our unions is
    # a Strawberry object type, so its name is its type.
    for type_ in built._schema.type_map.values():
        if isinstance(type_, GraphQLUnionType):
            type_.resolve_type = _by_name
    return built


schema = build_schema()
