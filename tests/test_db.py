"""The request session: serial I/O without deadlocking on its own helpers, calls that run to
completion when their caller is cancelled, and SQLite write transactions that take the lock
first."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from directory.db import WRITES, SerialSession, session_factory
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


async def test_a_call_cancelled_mid_statement_finishes_and_leaves_the_session_usable(
    session: SerialSession, connection: AsyncConnection, engine: AsyncEngine
) -> None:
    # given a query that has reached the database
    sent = asyncio.Event()

    def on_send(*_args: object) -> None:
        sent.set()

    event.listen(engine.sync_engine, "before_cursor_execute", on_send)
    try:
        call = asyncio.ensure_future(session.scalars(select(Subject.code)))
        await sent.wait()
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", on_send)
    # when its caller is cancelled (as graphql-core cancels a failed field's siblings)
    call.cancel()
    with pytest.raises(asyncio.CancelledError):
        await call
    # then the statement completes instead of breaking the connection
    assert await session.scalar(select(func.count()).select_from(Subject)) is not None
    await session.close()
    assert not connection.invalidated and not connection.in_nested_transaction()


async def test_a_call_cancelled_while_queued_never_runs(session: SerialSession) -> None:
    statements: list[str] = []
    bind = (await session.connection()).sync_connection
    assert bind is not None

    def on_send(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(bind, "before_cursor_execute", on_send)
    try:
        # given a call holding the session and another queued behind it
        first = asyncio.ensure_future(session.execute(select(Subject.code)))
        queued = asyncio.ensure_future(session.execute(select(Subject.name)))
        await asyncio.sleep(0)
        # when the queued one is cancelled
        queued.cancel()
        await first
        with pytest.raises(asyncio.CancelledError):
            await queued
    finally:
        event.remove(bind, "before_cursor_execute", on_send)
    # then only the first statement reached the database
    assert len(statements) == 1 and "subject.code" in statements[0]


@pytest.mark.parametrize("writes", [False, True], ids=["read", "write"])
async def test_write_sessions_begin_immediate_on_sqlite(
    engine: AsyncEngine, backend: str, writes: bool
) -> None:
    if backend != "sqlite":
        pytest.skip("BEGIN IMMEDIATE is SQLite's; PostgreSQL's writers wait on row locks")
    statements: list[str] = []

    def on_send(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", on_send)
    try:
        async with session_factory(engine, writes=writes)() as s:
            await s.execute(select(Subject.code))
            await s.rollback()
            # the option holds for every transaction of the session, not only the first
            await s.execute(select(Subject.code))
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", on_send)
    begins = [st for st in statements if st.startswith("BEGIN")]
    assert begins == ["BEGIN IMMEDIATE" if writes else "BEGIN"] * 2


async def test_one_transaction_can_ask_for_the_write_lock(
    engine: AsyncEngine, backend: str
) -> None:
    if backend != "sqlite":
        pytest.skip("BEGIN IMMEDIATE is SQLite's")
    statements: list[str] = []

    def on_send(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", on_send)
    try:
        async with session_factory(engine)() as s:
            await s.connection(execution_options={WRITES: True})
            await s.rollback()
            await s.execute(select(Subject.code))
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", on_send)
    assert [st for st in statements if st.startswith("BEGIN")] == ["BEGIN IMMEDIATE", "BEGIN"]


async def test_timestamps_come_back_aware_in_utc_on_every_engine(session) -> None:
    import datetime as dt

    from directory.enums import SourceKind
    from directory.treaties.models import Source

    # given a timestamp written with a non-UTC offset
    paris = dt.timezone(dt.timedelta(hours=1))
    source = Source(
        url="https://example.test/utc",
        kind=SourceKind.OFFICIAL,
        seen_on=dt.date(2026, 1, 1),
        created_at=dt.datetime(2026, 1, 1, 13, 0, tzinfo=paris),
    )
    session.add(source)
    await session.flush()
    source_id = source.id
    session.expire(source)
    # when it is read back
    created = await session.scalar(select(Source.created_at).where(Source.id == source_id))
    # then it is the same instant, aware, in UTC
    assert created == dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)
    assert created.utcoffset() == dt.timedelta(0)


async def test_a_naive_timestamp_is_refused(session) -> None:
    import datetime as dt

    import pytest
    from sqlalchemy.exc import StatementError

    from directory.enums import SourceKind
    from directory.treaties.models import Source

    session.add(
        Source(
            url="https://example.test/naive",
            kind=SourceKind.OFFICIAL,
            seen_on=dt.date(2026, 1, 1),
            created_at=dt.datetime(2026, 1, 1, 13, 0),
        )
    )
    with pytest.raises(StatementError, match="has no time zone"):
        await session.flush()
