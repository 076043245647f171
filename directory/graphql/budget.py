"""Refuse, before execution, a query whose estimated cost exceeds the budget; report the
cost of the others.

``CostBudget`` runs in the validation step, after ``directory.graphql.documents.Documents`` (list
it after that one): once the document is valid, it estimates the cost with the request's
variables (``directory.graphql.cost``; the plan is compiled once per query text and operation),
stores it on ``info.context.cost`` before any ``on_execute`` hook runs (the rate limiter
charges it there), and refuses the query above ``Settings.max_query_cost``
(``DIRECTORY_MAX_QUERY_COST``) with ``QUERY_TOO_COMPLEX``. An accepted query's response
carries ``extensions.cost = {"requested": <cost>, "budget": <budget>}``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from directory.config import DEFAULT_MAX_QUERY_COST
from directory.graphql import documents
from directory.graphql.cost import Plan, compile_plan


class CostBudget(SchemaExtension):
    cost: int | None = None
    budget: int = DEFAULT_MAX_QUERY_COST

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if context.pre_execution_errors is None and context.graphql_document is not None:
            # validation has not run yet (no Documents extension before this one)
            context.pre_execution_errors = documents.validate(
                context.schema._schema, context.graphql_document, context.validation_rules
            )
        if not context.pre_execution_errors:
            settings = getattr(context.context, "settings", None)
            self.budget = getattr(settings, "max_query_cost", DEFAULT_MAX_QUERY_COST)
            plan = self._plan()
            cost = plan.cost(context.variables) if plan is not None else 1
            if cost > self.budget:
                context.pre_execution_errors = [self._refusal(cost)]
            else:
                self.cost = cost
                if hasattr(context.context, "cost"):
                    context.context.cost = cost
        yield

    def get_results(self) -> dict[str, Any]:
        if self.cost is None:
            return {}
        return {"cost": {"requested": self.cost, "budget": self.budget}}

    def _plan(self) -> Plan | None:
        context = self.execution_context
        assert context.graphql_document is not None
        # the operation that runs: the request's operationName, else the document's only one
        # (``provided_operation_name`` is the dataclass's InitVar: always None once built)
        name = context.operation_name
        entry = documents.entry(context.query) if context.query is not None else None
        if entry is not None and name in entry.plans:
            return entry.plans[name]
        plan = compile_plan(context.schema._schema, context.graphql_document, name)
        if entry is not None:
            entry.plans[name] = plan
        return plan

    def _refusal(self, cost: int) -> GraphQLError:
        return GraphQLError(
            f"the query could return up to {cost} nodes, over the budget of {self.budget}: "
            "ask for fewer items with `first` (nested lists multiply) or split the query",
            extensions={"code": "QUERY_TOO_COMPLEX", "cost": cost, "budget": self.budget},
        )
