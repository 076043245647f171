"""The routing service against the real database (SQLite or PostgreSQL)."""

from __future__ import annotations

from typing import Any

import pytest

from directory.errors import InvalidInput
from directory.routing.advice import RouteAdvice, RouteRequest
from directory.routing.services import route
from tests.routing.scenarios import PARAMS, check
from tests.routing.world import NOW, build_world


@pytest.fixture
async def world(session) -> Any:
    await build_world(session)
    return session


def summarise(advice: RouteAdvice) -> dict[str, Any]:
    def moment(d):
        if d.office is None:
            return None
        at = d.office.closes_at if d.office.open_now else d.office.next_opens_at
        return (d.office.open_now, at.isoformat())

    messages: dict[str, list[str]] = {}
    for w in advice.warnings:
        messages.setdefault(w.code.value, []).append(w.message)
    messages["EXTRADITION"] = [p.message for p in advice.extradition]
    return {
        "destinations": [d.authority_key for d in advice.destinations],
        "warnings": [w.code.value for w in advice.warnings],
        "channels": [c.channel for c in advice.channels],
        "conditions": {c.channel: {x.code for x in c.conditions} for c in advice.channels},
        "languages": [lang.language for lang in advice.languages],
        "language_conditions": {lang.language: lang.condition for lang in advice.languages},
        "bases": [b.instrument for b in advice.legal_bases],
        "extradition": [(p.basis or p.status).value for p in advice.extradition],
        "requirements": [q.kind for q in advice.requirements],
        "office": {d.authority_key: moment(d) for d in advice.destinations},
        "messages": messages,
    }


@pytest.mark.parametrize(("request_", "expected"), PARAMS)
async def test_scenario(
    world, sql_counter, request_: dict[str, Any], expected: dict[str, Any]
) -> None:
    request = RouteRequest(**request_)
    sql_counter.reset()
    if "error" in expected:
        field, suggestion = expected["error"]
        with pytest.raises(InvalidInput) as raised:
            await route(world, request, now=NOW)
        assert raised.value.field == field
        assert raised.value.value is not None
        assert str(raised.value.value) in raised.value.message
        if suggestion:
            assert suggestion in raised.value.suggestions
        return
    advice = await route(world, request, now=NOW)
    check(summarise(advice), expected)
    # one lookup, six fact loads, the stage tree when a stage is asked, names, office hours
    # when urgent, sources
    assert sql_counter.count <= 11
