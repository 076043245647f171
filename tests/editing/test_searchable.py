"""An approved edit is searchable in the same transaction; a retired authority is not."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from directory.config import Settings
from directory.editing import inputs as i
from directory.editing.review import approve
from directory.editing.services import submit
from directory.search.services import search
from tests.editing.factories import World

REVIEWED = Settings()


async def test_an_approved_rename_is_found_and_the_old_name_is_not(
    session: AsyncSession, world: World
) -> None:
    # given an editor's pending rename of its authority, with a new city
    a = world.fra_authority
    before = [h.code for h in (await search(session, "Capital")).hits]
    assert a.key in before
    change = i.UpdateAuthority(
        authority_id=a.id,
        expected_version=a.version,
        names=[i.NameInput(language="fr", name="Parquet général de Quixotelle")],
        city="Quixoteville",
    )
    pending = await submit(session, world.editor_fra, change, settings=REVIEWED)
    assert (await search(session, "Quixotelle")).hits == []  # pending: not applied yet
    # when the secretariat approves it
    await approve(session, world.secretariat, pending.change_request.id)
    # then the new name and city are found, accents and case ignored, and the old city not
    [hit] = (await search(session, "parquet general de quixotelle")).hits
    assert (hit.code, hit.language, hit.name) == (a.key, "fr", "Parquet général de Quixotelle")
    assert [h.code for h in (await search(session, "quixotev")).hits] == [a.key]
    assert a.key not in [h.code for h in (await search(session, "Capital")).hits]


async def test_a_retired_authority_is_no_longer_found(session: AsyncSession, world: World) -> None:
    a = world.deu_authority
    assert a.key in [h.code for h in (await search(session, "Capital", first=100)).hits]
    retire = i.RetireAuthority(authority_id=a.id, expected_version=a.version)
    await submit(session, world.secretariat, retire, settings=REVIEWED)
    assert a.key not in [h.code for h in (await search(session, "Capital", first=100)).hits]
