"""The request session serialises I/O without deadlocking on its own helpers."""

from __future__ import annotations

import asyncio

from sqlalchemy import select

from directory.treaties.models import Subject


async def test_scalars_scalar_and_execute_all_work_concurrently(session) -> None:
    statement = select(Subject.code).order_by(Subject.code)
    results = await asyncio.wait_for(
        asyncio.gather(
            session.scalars(statement),
            session.scalar(statement),
            session.execute(statement),
        ),
        timeout=10,
    )
    assert list(results[0]) == [row[0] for row in results[2]]
