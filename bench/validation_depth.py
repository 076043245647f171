"""Validation time against fragment-chain depth, as a ratio to a trivial query (flat is good).

The hostile document of issue 7: ``query { ...F0 }`` then
``fragment F<i> on Query { ...F<i+1> ...F<i+1> }``; 2^depth paths once expanded. Each
document is parsed once, then validated (uncached) with the schema's rules as the endpoint
runs them: ``directory.graphql.documents.validate``, limits first. Also shown: the same documents
through graphql-core's own rules alone, through main's depth limiter (strawberry's
QueryDepthLimiter), and the widest document inside the limits.

    python bench/validation_depth.py
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from graphql import (
    get_named_type,
    is_composite_type,
    is_non_null_type,
    parse,
    specified_rules,
    validate,
)
from strawberry.extensions.query_depth_limiter import create_validator

from directory.graphql import documents, limits
from directory.graphql.schema import schema

RULES = (*specified_rules, limits.DocumentLimits)
# what main registered (strawberry's depth limiter); its alias limiter walks spreads alike
MAIN_DEPTH = create_validator(limits.MAX_DEPTH, None, None)
TRIVIAL = "{ __typename }"


def chain(depth: int) -> str:
    parts = ["query { ...F0 }"]
    parts += [f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(depth)]
    parts.append(f"fragment F{depth} on Query {{ subjects {{ code }} }}")
    return "\n".join(parts)


def widest_accepted() -> str:
    """At the caps: every scalar field of Authority and Jurisdiction, each path selected
    MAX_REPEATS times (graphql-core's overlap check compares each path's fields pairwise)."""
    s = schema._schema

    def leaves(type_name: str) -> str:
        fields = s.get_type(type_name).fields  # type: ignore[union-attr]
        return " ".join(
            name
            for name, f in fields.items()
            if not any(is_non_null_type(a.type) for a in f.args.values())
            and not is_composite_type(get_named_type(f.type))
        )

    blocks = [
        f"authorities {{ nodes {{ {leaves('Authority')} }} }}",
        f"jurisdictions {{ nodes {{ {leaves('Jurisdiction')} }} }}",
    ]
    return "{ " + " ".join(blocks * limits.MAX_REPEATS) + " }"


def best_of(run: Callable[[], object], repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    s = schema._schema
    base = best_of(lambda d=parse(TRIVIAL): documents.validate(s, d, RULES), repeat=21)
    print(f"trivial query {TRIVIAL}: {base * 1e3:.3f} ms to validate (the baseline, ratio 1)")
    print(
        f"{'depth':>5} {'bytes':>5} {'endpoint':>9} {'ratio':>6}  {'refused by':<21}"
        f"{'core rules':>10} {'main':>10}"
    )
    for depth in (5, 10, 15, 20, 25, 30, 35, 40):
        text = chain(depth)
        document = parse(text)
        errors = documents.validate(s, document, RULES)
        took = best_of(lambda d=document: documents.validate(s, d, RULES), repeat=21)
        core = best_of(lambda d=document: validate(s, d, specified_rules), repeat=3)
        outcome = errors[0].extensions["limit"] if errors else "accepted"  # type: ignore[index]
        # main's QueryDepthLimiter, measured while it is affordable (it doubles per level)
        main_took = (
            f"{best_of(lambda d=document: validate(s, d, [MAIN_DEPTH]), 1) * 1e3:8.1f}ms"
            if depth <= 15
            else f"{'~2^depth':>10}"
        )
        print(
            f"{depth:>5} {len(text):>5} {took * 1e3:>7.3f}ms {took / base:>6.2f}  {outcome:<21}"
            f"{core * 1e3:>8.2f}ms {main_took}"
        )
    text = widest_accepted()
    wide = parse(text)
    assert not documents.validate(s, wide, RULES)
    took = best_of(lambda: documents.validate(s, wide, RULES))
    print(
        f"widest accepted ({len(text)} bytes, each response path {limits.MAX_REPEATS} times): "
        f"{took * 1e3:.3f} ms, ratio {took / base:.1f}"
    )


if __name__ == "__main__":
    main()
