"""Alembic owns the schema: it builds it from empty, takes it down, and matches the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, inspect, select

from directory.authorities.models import Designation
from directory.config import database_url
from directory.db import create_engine
from directory.migrations import current_revision, downgrade, head_revision, upgrade
from directory.models import Base


async def _tables(engine) -> set[str]:
    async with engine.connect() as conn:
        return set(await conn.run_sync(lambda c: inspect(c).get_table_names()))


async def test_upgrade_from_empty_to_head_then_down_to_base_and_back(scratch_url: str) -> None:
    # given an empty database
    engine = create_engine(database_url(scratch_url))
    try:
        assert await current_revision(engine) is None
        # when it is migrated up, down and up again
        await upgrade(engine)
        assert await current_revision(engine) == head_revision()
        assert set(Base.metadata.tables) <= await _tables(engine)
        await downgrade(engine, "base")
        assert await current_revision(engine) is None
        assert await _tables(engine) <= {"alembic_version"}
        await upgrade(engine)
        # then it ends at head with every table of the models
        assert await current_revision(engine) == head_revision()
        assert set(Base.metadata.tables) <= await _tables(engine)
    finally:
        await engine.dispose()


async def test_models_and_migrations_do_not_drift(engine) -> None:
    # given the test database built by `upgrade head`
    def diff(sync_conn):
        context = MigrationContext.configure(
            sync_conn, opts={"compare_type": True, "compare_server_default": True}
        )
        return compare_metadata(context, Base.metadata)

    # when autogenerate compares it with the models
    async with engine.connect() as conn:
        differences = await conn.run_sync(diff)
    # then there is nothing to generate
    assert differences == [], f"models and migrations differ: {differences}"


async def test_every_constraint_is_named_by_the_convention(engine) -> None:
    def names(sync_conn):
        insp = inspect(sync_conn)
        found = []
        for table in insp.get_table_names():
            if table == "alembic_version":
                continue
            found += [(table, fk["name"]) for fk in insp.get_foreign_keys(table)]
            found += [(table, uq["name"]) for uq in insp.get_unique_constraints(table)]
            if sync_conn.dialect.name != "sqlite":
                # SQLite does not report the names of primary keys
                found.append((table, insp.get_pk_constraint(table)["name"]))
        return found

    async with engine.connect() as conn:
        found = await conn.run_sync(names)
    unnamed = [(t, n) for t, n in found if not n or not n.startswith(("pk_", "fk_", "uq_"))]
    assert unnamed == []


async def test_the_id_of_a_deleted_designation_is_never_reused(session) -> None:
    # given a designation that holds the highest id, and its removal (the API removes them)
    from tests.routing.factories import Factory, ensure_vocabularies

    await ensure_vocabularies(session)
    f = Factory(session)
    j = await f.jurisdiction("XID", "Idland")
    a = await f.authority(j, "xid-moj", "Idland Ministry of Justice")
    removed = await f.designation(a, "MLA")
    await f.channel(j, "EMAIL", designation_id=removed.id)
    highest = await session.scalar(select(func.max(Designation.id)))
    assert removed.id == highest
    await session.delete(removed)
    await session.flush()
    # when a new one is created
    created = await f.designation(a, "EXTRADITION")
    # then it gets a new id: a revision or global id naming the removed one stays dangling,
    # never pointing at another row (SQLite needs AUTOINCREMENT for this, migration 0003)
    assert created.id > removed.id


async def test_adding_scope_columns_keeps_every_designation_rule_and_citation(
    scratch_url: str,
) -> None:
    # given a seeded database at 0007 (before migration 0008 rebuilds designation, channel
    # and language rules on SQLite)
    from sqlalchemy.ext.asyncio import async_sessionmaker

    from directory.db import SerialSession
    from directory.seeding import load_seed

    tables = (
        "designation",
        "designation_source",
        "channel_rule",
        "channel_rule_source",
        "language_rule",
        "language_rule_source",
    )
    engine = create_engine(database_url(scratch_url))
    try:
        await upgrade(engine)
        factory = async_sessionmaker(engine, class_=SerialSession, expire_on_commit=False)
        async with factory() as session, session.begin():
            await load_seed(session)

        async def counts() -> dict[str, int]:
            async with engine.connect() as conn:
                return {
                    t: (await conn.exec_driver_sql(f"SELECT count(*) FROM {t}")).scalar_one()
                    for t in tables
                }

        seeded = await counts()
        await downgrade(engine, "0007")
        # when 0008 is applied (and reverted, and applied again)
        assert await counts() == seeded
        await upgrade(engine)
        # then no row hanging off a rebuilt table was lost to ON DELETE CASCADE
        assert await counts() == seeded
        assert seeded["designation_source"] > 0 and seeded["language_rule_source"] > 0
    finally:
        await engine.dispose()
