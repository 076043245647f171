"""Decoding a GraphQL request's JSON (a POST body, a GET ``variables`` parameter), strictly.

Anything that is not a JSON object of sane depth in UTF-8 is refused with HTTP 400 and
``BAD_REQUEST`` (the view turns ``HTTPException`` into a GraphQL error body), instead of
reaching Strawberry, which answers 500 for ``null``, ``42``, ``"x"``, ``true``, bytes that
are not UTF-8, or nesting deep enough to exhaust the interpreter's recursion.

An array is passed on: Strawberry refuses batches while batching is off, with 400.
"""

from __future__ import annotations

import json
from typing import Any

from cross_web import HTTPException

MAX_JSON_DEPTH = 32
"""Deepest nesting of objects and arrays accepted. A request is ``{"variables": {"input":
{"contacts": [{…}]}}}``: 5 levels today; 32 leaves room and stays far from recursion limits
in the JSON decoder and in graphql-core's coercion of variables."""

_JSON_KINDS = {
    type(None): "null",
    bool: "a boolean",
    int: "a number",
    float: "a number",
    str: "a string",
}
_EXAMPLE = 'send e.g. {"query": "{ __typename }", "variables": {}}'


def decode_request_json(data: str | bytes) -> object:
    """The decoded object; ``HTTPException(400)`` naming what is wrong otherwise."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")  # RFC 8259: JSON between systems is UTF-8
        except UnicodeDecodeError:
            raise HTTPException(400, f"the JSON is not valid UTF-8: {_EXAMPLE}") from None
    try:
        value = json.loads(data)
    except json.JSONDecodeError as exc:
        raise HTTPException(400, f"the JSON does not parse ({exc.msg}): {_EXAMPLE}") from None
    except RecursionError:
        raise HTTPException(400, _too_deep()) from None
    if not isinstance(value, dict | list):
        kind = _JSON_KINDS.get(type(value), type(value).__name__)
        raise HTTPException(400, f"expected a JSON object, got {kind}: {_EXAMPLE}")
    if _deeper_than(value, MAX_JSON_DEPTH):
        raise HTTPException(400, _too_deep())
    return value


def _too_deep() -> str:
    return f"the JSON nests deeper than {MAX_JSON_DEPTH} levels: flatten the variables"


def _deeper_than(value: object, limit: int) -> bool:
    """Whether objects and arrays nest deeper than ``limit``: level by level, without
    recursion, in time linear in the number of values (list extends run in C)."""
    level: list[Any] = [value]
    for _ in range(limit):
        children: list[Any] = []
        for item in level:
            children.extend(item.values() if type(item) is dict else item)
        level = [c for c in children if type(c) is dict or type(c) is list]
        if not level:
            return False
    return True
