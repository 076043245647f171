"""Parsed and validated documents, cached by query text within a budget in bytes.

A hostile client sends distinct documents: a cache bounded in entries then holds whatever
those weigh. ``ByteBudgetCache`` counts an estimate of the bytes each entry holds and evicts
the least recently used until the total fits. The estimate of a parsed document is
``DOCUMENT_OVERHEAD + BYTES_PER_CHAR * len(query)``: measured with a ``sys.getsizeof`` walk of
graphql-core 3.3 ASTs (locations and tokens kept, as Strawberry parses) with their cost plans,
documents take 7-10 kB plus 40-300 bytes per character, the most for dense ones such as
``{a:b a:b …}``; ``test_document_estimate_covers_measured_size`` keeps the estimate above.

``Documents`` replaces Strawberry's ParserCache and ValidationCache: one entry per query text
holds the document and its validation errors per tuple of rules (the same tuple every
request: the rules are module-level classes, see ``directory.graphql.limits``). The document's
limits are checked first and, when broken, the other rules do not run: some of
graphql-core's are quadratic in what the limits bound.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from graphql import ASTValidationRule, DocumentNode, GraphQLError, GraphQLSchema, parse
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

from directory.graphql import limits

if TYPE_CHECKING:
    from directory.graphql.cost import Plan

V = TypeVar("V")

DOCUMENT_OVERHEAD = 10_000
BYTES_PER_CHAR = 400
# Room for the distinct documents of normal clients (a few kB each) a thousand times over.
DOCUMENT_CACHE_BYTES = 32 * 1024 * 1024


class ByteBudgetCache(Generic[V]):
    """A least-recently-used map whose entries' estimated sizes sum to at most ``budget``
    bytes. An entry bigger than an eighth of the budget is not kept (it would evict many)."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.bytes = 0
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable) -> V | None:
        found = self._entries.get(key)
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        self._entries.move_to_end(key)
        return found[0]

    def put(self, key: Hashable, value: V, size: int) -> None:
        if size > self.budget // 8:
            return
        old = self._entries.pop(key, None)
        if old is not None:
            self.bytes -= old[1]
        self._entries[key] = (value, size)
        self.bytes += size
        while self.bytes > self.budget:
            _, (_, evicted) = self._entries.popitem(last=False)
            self.bytes -= evicted

    def clear(self) -> None:
        self._entries.clear()
        self.bytes = self.hits = self.misses = 0


@dataclass
class Entry:
    """What one query text costs to prepare: its document, its validation errors per tuple
    of rules, and its cost plans per operation name (``directory.graphql.budget``)."""

    document: DocumentNode
    errors: dict[tuple[type[ASTValidationRule], ...], list[GraphQLError]] = field(
        default_factory=dict
    )
    plans: dict[str | None, Plan | None] = field(default_factory=dict)


def estimated_size(query: str) -> int:
    return DOCUMENT_OVERHEAD + BYTES_PER_CHAR * len(query)


CACHE: ByteBudgetCache[Entry] = ByteBudgetCache(DOCUMENT_CACHE_BYTES)
# How often validation was answered from CACHE (for tests and operators).
validation_hits = 0


def entry(query: str) -> Entry:
    """The cached entry of ``query``, parsed (at most ``limits.MAX_TOKENS`` tokens) on a
    miss; raises GraphQLSyntaxError for a document that does not parse (never cached)."""
    found = CACHE.get(query)
    if found is None:
        found = Entry(parse(query, max_tokens=limits.MAX_TOKENS))
        CACHE.put(query, found, estimated_size(query))
    return found


def validate(
    schema: GraphQLSchema, document: DocumentNode, rules: tuple[type[ASTValidationRule], ...]
) -> list[GraphQLError]:
    """Strawberry's validation, the document's limits first: a document breaking them gets
    only those errors."""
    if limits.DocumentLimits in rules:
        broken = limits.check(document)
        if broken:
            return broken
        rules = tuple(r for r in rules if r is not limits.DocumentLimits)
    return validate_document(schema, document, rules)


class Documents(SchemaExtension):
    """Parse and validate through ``CACHE`` (see the module docstring)."""

    _entry: Entry | None = None

    def on_parse(self) -> Iterator[None]:
        query = self.execution_context.query
        if query is not None:
            try:
                self._entry = entry(query)
                self.execution_context.graphql_document = self._entry.document
            except GraphQLError:
                pass  # Strawberry parses it again, and reports the syntax error its own way
        yield

    def on_validate(self) -> Iterator[None]:
        global validation_hits
        context = self.execution_context
        rules = context.validation_rules
        cached = self._entry.errors.get(rules) if self._entry is not None else None
        if cached is None:
            assert context.graphql_document is not None
            cached = validate(context.schema._schema, context.graphql_document, rules)
            if self._entry is not None:
                self._entry.errors[rules] = cached
        else:
            validation_hits += 1
        context.pre_execution_errors = list(cached)  # a copy: later steps replace errors
        yield


def cache_info() -> dict[str, Any]:
    return {
        "entries": len(CACHE),
        "bytes": CACHE.bytes,
        "budget": CACHE.budget,
        "parse_hits": CACHE.hits,
        "validation_hits": validation_hits,
    }
