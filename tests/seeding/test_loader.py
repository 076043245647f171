"""The loader: idempotence, progress, and validation that writes nothing on a bad file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from directory.errors import SeedError
from directory.models import Authority, Jurisdiction, Participation, Source
from directory.seeding import SEED_DIR, load_seed

COUNTED = (Source, Jurisdiction, Participation, Authority)


async def _counts(session) -> dict[str, int]:
    return {
        m.__tablename__: await session.scalar(select(func.count()).select_from(m)) for m in COUNTED
    }


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    return Path(
        shutil.copytree(SEED_DIR, tmp_path / "seed", ignore=shutil.ignore_patterns("tools"))
    )


def _edit(directory: Path, name: str, change) -> None:
    path = directory / name
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


async def test_second_load_changes_nothing_and_reports_progress(seeded, session):
    before = await _counts(session)
    lines: list[str] = []
    report = await load_seed(session, progress=lines.append)
    assert not report.changed
    assert "nothing changed" in report.summary()
    assert report.tables["jurisdiction"].unchanged == before["jurisdiction"]
    assert await _counts(session) == before
    assert any(line.startswith("jurisdictions: 206 records") for line in lines)


async def test_a_changed_fact_is_updated_without_touching_the_rest(seeded, session, seed_copy):
    _edit(seed_copy, "authorities_notified.json",
          lambda d: d[0]["authorities"][0].__setitem__("city", "Tarawa"))  # fmt: skip
    kir = await session.scalar(select(Authority).where(Authority.key == "aut-kir-attorney-general"))
    version = kir.version
    report = await load_seed(session, seed_copy)
    assert report.tables["authority"].updated == 1
    assert report.tables["designation"].changed is False
    await session.refresh(kir)
    assert (kir.city, kir.version) == ("Tarawa", version + 1)


BAD_EDITS = {
    "bad alpha-3": (
        "jurisdictions.json",
        lambda d: d["territories"][0].__setitem__("code", "HKX"),
        ("jurisdictions.json", "territories #0 (HKX)", "ISO 3166-1 alpha-3"),
    ),
    "unknown language": (
        "authorities.json",
        lambda d: d[0]["languages"].append({"language": "xx", "condition": None}),
        ("authorities.json", "#0 (AUT) language #0", "'xx'"),
    ),
    "unknown subject": (
        "authorities.json",
        lambda d: d[0]["authorities"][0]["designations"][0].__setitem__("subject", "MAGIC"),
        ("authorities.json", "designation #0", "'MAGIC'"),
    ),
    "missing source": (
        "participation.json",
        lambda d: d[0].__setitem__("sources", []),
        ("participation.json", "#0 (AFG UNTOC)", "cites no source"),
    ),
    "bad date": (
        "participation.json",
        lambda d: d[1].__setitem__("consent_on", "2002-02-30"),
        ("participation.json", "#1 (ALB UNTOC)", "'2002-02-30' is not a date"),
    ),
    "dangling reference": (
        "notifications.json",
        lambda d: d[0].__setitem__("article", "99(9)"),
        ("notifications.json", "#0 (NLD UNTOC 99(9))", "names nothing defined"),
    ),
    # values that used to reach the database unchecked and failed there with a traceback
    "bad notification verification": (
        "notifications.json",
        lambda d: d[1].__setitem__("verification", "CERTAIN"),
        ("notifications.json", "#1 (BHS UNTOC 16(5))", "verification 'CERTAIN' is unknown"),
    ),
    "depositary reference not a text": (
        "notifications.json",
        lambda d: d[1].__setitem__("depositary_reference", 42),
        ("notifications.json", "#1 (BHS UNTOC 16(5))", "depositary_reference 42 is not a text"),
    ),
    "depositary reference too long": (
        "notifications.json",
        lambda d: d[2].__setitem__("depositary_reference", "C.N." * 40),
        ("notifications.json", "#2", "depositary_reference has 160 characters"),
    ),
    "negative priority": (
        "authorities.json",
        lambda d: d[0]["authorities"][0]["designations"][0].__setitem__("priority", -1),
        ("authorities.json", "designation #0", "priority -1 is not a whole number"),
    ),
    "city not a text": (
        "authorities.json",
        lambda d: d[0]["authorities"][0].__setitem__("city", ["Vienna"]),
        ("authorities.json", "#0 (AUT) authority #0", "city ['Vienna'] is not a text"),
    ),
    "channel flag not a boolean": (
        "authorities.json",
        lambda d: d[0]["channels"][0].__setitem__("urgent_only", "false"),
        ("authorities.json", "#0 (AUT) channel #0", "urgent_only 'false' is not true or false"),
    ),
    "instrument code lower-case": (
        "instruments.json",
        lambda d: d[0].__setitem__("code", "untoc"),
        ("instruments.json", "#0 (untoc)", "'untoc' is not an UPPER-case code"),
    ),
    "days to entry into force not a number": (
        "instruments.json",
        lambda d: d[1].__setitem__("days_to_entry_into_force", "thirty"),
        ("instruments.json", "#1", "days_to_entry_into_force 'thirty' is not a whole number"),
    ),
    "source title too long": (
        "sources.json",
        lambda d: d[0].__setitem__("title", "x" * 501),
        ("sources.json", "#0", "title has 501 characters"),
    ),
}


@pytest.mark.parametrize("case", BAD_EDITS, ids=list(BAD_EDITS))
async def test_a_bad_record_is_named_and_nothing_is_written(session, seed_copy, case):
    name, change, (file, record, reason) = BAD_EDITS[case]
    _edit(seed_copy, name, change)
    before = await _counts(session)
    with pytest.raises(SeedError) as caught:
        await load_seed(session, seed_copy)
    assert caught.value.file == file
    assert record in caught.value.record and reason in caught.value.reason
    assert file in str(caught.value) and record in str(caught.value)
    assert await _counts(session) == before


async def test_several_bad_records_are_all_reported(session, seed_copy):
    for name, change, _ in BAD_EDITS.values():
        _edit(seed_copy, name, change)
    with pytest.raises(SeedError) as caught:
        await load_seed(session, seed_copy)
    errors = caught.value.errors
    message = str(caught.value)
    for _, _, (file, record, reason) in BAD_EDITS.values():
        assert any(e.file == file and record in e.record and reason in e.reason for e in errors)
        assert record in message


async def test_two_bad_keys_are_not_reported_as_one_key_used_twice(session, seed_copy):
    # a bad key is no key: two of them are two bad keys, not a duplicate
    def change(d):
        d[0]["authorities"][0]["key"] = "Not A Slug"
        d[1]["authorities"][0]["key"] = "Neither This"

    _edit(seed_copy, "authorities.json", change)
    with pytest.raises(SeedError) as caught:
        await load_seed(session, seed_copy)
    reasons = [e.reason for e in caught.value.errors]
    assert sum("is not a slug" in r for r in reasons) == 2
    assert not any("is used twice" in r for r in reasons)


def test_every_seeded_fact_cites_a_source() -> None:
    from directory.seeding import validate_seed

    plan = validate_seed()
    facts = {
        "jurisdiction": plan.jurisdictions,
        "instrument": plan.instruments,
        "participation": plan.participations,
        "notification": plan.notifications,
        "authority": plan.authorities,
        "designation": [d for a in plan.authorities for d in a["designations"]],
        "channel_rule": [r for rules in plan.channel_rules.values() for r in rules],
        "language_rule": [r for rules in plan.language_rules.values() for r in rules],
    }
    for table, rows in facts.items():
        assert rows, table
        bare = [row for row in rows if not row["sources"]]
        assert bare == [], f"{table}: {bare[:3]}"
        assert all(ref in plan.sources for row in rows for ref in row["sources"]), table
    assert plan.aliases and all(a["source"] in plan.sources for a in plan.aliases)
