"""The secretariat's treaty facts in the browser, through HTTP: the facts page, the
participation and notification forms (prefilled, validated by field, CSRF), the same
services and revisions as the API's, and the refusals."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from directory.audit.models import Revision
from directory.db import SerialSession
from directory.treaties.models import Notification, Participation
from directory.web.i18n import LANGUAGES, translations
from tests.editing.changes import provision_16_5
from tests.editing.factories import World, jurisdiction
from tests.web.conftest import csrf_of
from tests.web.readers import reader

# a State of its own: the seed (when another test loaded it) gives France its facts already
FACTS = "/en/states/XFT/facts"
PARTICIPATION = f"{FACTS}/participation"
NOTIFICATION = f"{FACTS}/notification"
URL = "https://treaties.un.org/example/untoc-status"


def participation(**overrides: str) -> dict[str, str]:
    return {
        "instrument": "UNTOC",
        "consentType": "APPROVAL",
        "consentOn": "2002-10-29",
        "signedOn": "2000-12-12",
        "verification": "OFFICIAL",
        "sources.0.url": URL,
        "sources.0.title": "Status of the Convention",
        "sources.0.kind": "DEPOSITARY",
        "sources.0.statedOn": "2024-04-30",
        "sources.0.seenOn": "2024-05-01",
        "reason": "read in the depositary's status table",
        **overrides,
    }


def notification(**overrides: str) -> dict[str, str]:
    return {
        "instrument": "UNTOC",
        "article": "16(5)",
        "status": "NOTIFIED",
        "extraditionBasis": "YES",
        "notifiedOn": "2004-05-12",
        "depositaryReference": "C.N.1.2004.TREATIES-1",
        "summary": "The Convention is taken as the legal basis for extradition.",
        "verification": "OFFICIAL",
        "sources.0.document": "C.N.1.2004.TREATIES-1",
        "sources.0.kind": "DEPOSITARY",
        "sources.0.seenOn": "2024-05-01",
        **overrides,
    }


async def _post(c: httpx.AsyncClient, path: str, data: dict[str, str]) -> httpx.Response:
    form = await c.get(path)
    assert form.status_code == 200, form.text
    return await c.post(path, data={"csrf": csrf_of(form.text), **data})


@pytest.fixture
async def xft(session: SerialSession, world: World) -> int:
    """A State with no treaty fact; the readers (``world``) exist beside it."""
    state = await jurisdiction(session, "XFT", "XF")
    await provision_16_5(session)
    await session.commit()
    return state.id


async def _count(session: SerialSession, model: Any, state: int | None = None) -> int:
    await session.rollback()
    stmt = select(func.count()).select_from(model)
    if state is not None:
        stmt = stmt.where(model.jurisdiction_id == state)
    return int(await session.scalar(stmt) or 0)


async def test_the_secretariat_sets_a_participation_then_edits_it(
    app: Any, session: SerialSession, xft: int
) -> None:
    async with reader(app, session, "secretariat") as c:
        # given a State with no participation recorded
        page = await c.get(FACTS)
        assert page.status_code == 200 and "nothing recorded" in page.text
        # when the secretariat records its UNTOC approval
        done = await _post(c, PARTICIPATION, participation())
        # then the facts page shows it with its source
        assert done.status_code == 303 and done.headers["location"] == FACTS
        page = await c.get(FACTS)
        assert "October 29, 2002" in page.text and "Approval" in page.text
        assert URL in page.text and "Status of the Convention" in page.text
        # and the form opened from its Edit link is prefilled from it
        edit = await c.get(f"{PARTICIPATION}?instrument=UNTOC")
        assert 'value="2002-10-29"' in edit.text and f'value="{URL}"' in edit.text
        assert '<option value="APPROVAL" selected>' in edit.text
        # when it is changed to a party whose date is unknown
        unknown = participation(consentOn="", partyDateUnknown="1", consentType="RATIFICATION")
        assert (await _post(c, PARTICIPATION, unknown)).status_code == 303
        page = await c.get(FACTS)
        assert "Party, date not known" in page.text and "October 29, 2002" not in page.text
    # then the row is replaced, not duplicated, and each write has a revision naming the person
    assert await _count(session, Participation, xft) == 1
    row = await session.scalar(select(Participation).where(Participation.jurisdiction_id == xft))
    assert row is not None and row.party_date_unknown and row.consent_on is None
    revisions = (
        await session.scalars(
            select(Revision)
            .where(Revision.entity_type == "participation", Revision.jurisdiction_id == xft)
            .order_by(Revision.id)
        )
    ).all()
    assert [r.action.value for r in revisions] == ["CREATE", "UPDATE"]
    assert all(r.actor.startswith("secretariat:Staff") and r.account_id for r in revisions)
    assert revisions[0].reason == "read in the depositary's status table"
    assert revisions[1].before["consent_on"] == "2002-10-29"


async def test_the_secretariat_sets_a_notification(
    app: Any, session: SerialSession, xft: int
) -> None:
    async with reader(app, session, "secretariat") as c:
        done = await _post(c, NOTIFICATION, notification())
        assert done.status_code == 303, done.text
        page = await c.get(FACTS)
        assert "Notified, May 12, 2004" in " ".join(page.text.split())
        assert "Yes: the Convention is a legal basis" in page.text
        assert "C.N.1.2004.TREATIES-1" in page.text
        edit = await c.get(f"{NOTIFICATION}?instrument=UNTOC&article=16(5)")
        assert 'value="2004-05-12"' in edit.text and "legal basis for extradition" in edit.text
        assert '<option value="YES" selected>' in edit.text
    revision = await session.scalar(
        select(Revision).where(
            Revision.entity_type == "notification", Revision.jurisdiction_id == xft
        )
    )
    assert revision is not None and revision.after["article"] == "16(5)"
    assert revision.actor.startswith("secretariat:Staff")


NO_SOURCE = {k: "" for k in participation() if k.startswith("sources.")}


def _error_of(html: str, field: str) -> str:
    marker = f'id="{field.replace(".", "-")}-error"'
    assert marker in html, f"no error shown by {field}"
    return html.split(marker, 1)[1].split("</p>", 1)[0]


@pytest.mark.parametrize(
    ("path", "data", "field", "words"),
    [
        (PARTICIPATION, participation(consentOn="2002-13-45"), "consentOn", "YYYY-MM-DD"),
        (PARTICIPATION, participation(consentOn="2999-01-01"), "consentOn", "future"),
        (PARTICIPATION, participation(instrument="NOPE"), "instrument", "unknown"),
        (PARTICIPATION, participation(**NO_SOURCE), "sources", "no source"),
        (PARTICIPATION, participation(**{"sources.0.url": ""}), "sources.0", "neither url"),
        (PARTICIPATION, participation(**{"sources.0.url": "ftp://x"}), "sources.0.url", "http"),
        (PARTICIPATION, participation(**{"sources.0.seenOn": ""}), "sources.0.seenOn", "day"),
        (PARTICIPATION, participation(consentType="SIGNED"), "consentType", "not one of"),
        (PARTICIPATION, participation(reason="x" * 2001), "reason", "2000"),
        (NOTIFICATION, notification(notifiedOn="12/05/2004"), "notifiedOn", "YYYY-MM-DD"),
        (NOTIFICATION, notification(article="99(9)"), "article", "16(5)"),
        (NOTIFICATION, notification(status="UNKNOWN"), "extraditionBasis", "NOTIFIED"),
        (
            NOTIFICATION,
            notification(**{"sources.0.document": "", "sources.1.url": "https://x.example/a"}),
            "sources.1.seenOn",
            "day",
        ),
    ],
)
async def test_a_bad_value_is_shown_by_its_field_and_nothing_is_written(
    app: Any,
    session: SerialSession,
    xft: int,
    path: str,
    data: dict[str, str],
    field: str,
    words: str,
) -> None:
    async with reader(app, session, "secretariat") as c:
        answer = await _post(c, path, data)
    assert answer.status_code == 400
    assert "Nothing was saved" in answer.text
    assert words in _error_of(answer.text, field)
    assert await _count(session, Participation, xft) == 0
    assert await _count(session, Notification, xft) == 0
    assert await _count(session, Revision, xft) == 0


async def test_the_form_keeps_what_was_typed_when_it_is_refused(
    app: Any, session: SerialSession, xft: int
) -> None:
    async with reader(app, session, "secretariat") as c:
        answer = await _post(c, PARTICIPATION, participation(consentOn="soon"))
    assert 'value="soon"' in answer.text and f'value="{URL}"' in answer.text
    assert "read in the depositary&#39;s status table" in answer.text


async def test_a_source_error_of_the_service_finds_its_row(
    app: Any, session: SerialSession, xft: int
) -> None:
    # the first row left blank: the service numbers the second source 0, the page says 1
    data = participation(**{"sources.0.url": "", "sources.0.title": "", "sources.0.statedOn": ""})
    data.update({"sources.1.url": "mailto:x", "sources.1.seenOn": "2024-05-01"})
    async with reader(app, session, "secretariat") as c:
        answer = await _post(c, PARTICIPATION, data)
    assert answer.status_code == 400
    assert "mailto:x" in _error_of(answer.text, "sources.1.url")


@pytest.mark.parametrize("path", [PARTICIPATION, NOTIFICATION])
async def test_a_form_without_its_csrf_token_is_refused(
    app: Any, session: SerialSession, xft: int, path: str
) -> None:
    data = participation() if path == PARTICIPATION else notification()
    async with reader(app, session, "secretariat") as c:
        assert (await c.post(path, data=data)).status_code == 403
        assert (await c.post(path, data={**data, "csrf": "forged"})).status_code == 403
    assert await _count(session, Revision, xft) == 0


@pytest.mark.parametrize("who", ["public", "practitioner", "other_editor", "own_editor"])
@pytest.mark.parametrize("path", [FACTS, PARTICIPATION, NOTIFICATION])
async def test_everyone_but_the_secretariat_is_refused(
    app: Any, session: SerialSession, xft: int, who: str, path: str
) -> None:
    async with reader(app, session, who) as c:
        answers = [await c.get(path)]
        if path != FACTS:
            answers.append(await c.post(path, data=participation()))
    for answer in answers:
        if who == "public":
            assert answer.status_code == 303 and answer.headers["location"] == "/en/sign-in"
        else:
            assert answer.status_code == 403
    assert await _count(session, Participation, xft) == 0


async def test_an_unknown_state_is_a_404_and_a_bad_code_a_400(
    app: Any, session: SerialSession, xft: int
) -> None:
    async with reader(app, session, "secretariat") as c:
        assert (await c.get("/en/states/QQQ/facts")).status_code == 404
        assert (await c.get("/en/states/X%00T/facts/participation")).status_code == 400
        assert (await c.get(f"{PARTICIPATION}?instrument=%3Cb%3E")).status_code == 400


HOSTILE = ["x" * 10_000, "FR\x00A", "\x1b[31m", "<script>alert(1)</script>", "' OR 1=1 --", " "]


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
async def test_hostile_values_in_every_field_get_a_clear_page(
    app: Any, session: SerialSession, xft: int, value: str
) -> None:
    async with reader(app, session, "secretariat") as c:
        for path, data in ((PARTICIPATION, participation()), (NOTIFICATION, notification())):
            form = await c.get(path)
            for field in [*data, "sources.2.url", "partyDateUnknown"]:
                answer = await c.post(path, data={**data, field: value, "csrf": csrf_of(form.text)})
                assert answer.status_code in (303, 400), (field, answer.status_code)
                assert "<script>alert" not in answer.text


async def test_an_error_is_shown_once_by_its_field(
    app: Any, session: SerialSession, xft: int
) -> None:
    async with reader(app, session, "secretariat") as c:
        answer = await _post(c, PARTICIPATION, participation(**NO_SOURCE))
    summary = answer.text.split('id="form-errors"', 1)[1].split("</div>", 1)[0]
    assert "no source given" not in summary
    assert answer.text.count("no source given") == 1
    assert 'aria-describedby="sources-error"' not in answer.text  # the box, not an input


async def test_every_bad_value_is_named_at_once(app: Any, session: SerialSession, xft: int) -> None:
    # a date the page cannot read and a URL only the sources' check refuses, in row 2
    data = participation(consentOn="2002-13-01", **{"sources.1.url": "ftp://x"})
    data["sources.1.seenOn"] = "2024-05-01"
    async with reader(app, session, "secretariat") as c:
        answer = await _post(c, PARTICIPATION, data)
    assert answer.status_code == 400
    assert "YYYY-MM-DD" in _error_of(answer.text, "consentOn")
    assert "ftp://x" in _error_of(answer.text, "sources.1.url")
    assert await _count(session, Participation, xft) == 0


@pytest.mark.parametrize("lang", list(LANGUAGES))
async def test_the_page_and_its_forms_are_in_the_six_languages(
    app: Any, session: SerialSession, xft: int, lang: str
) -> None:
    words = translations(lang).gettext
    async with reader(app, session, "secretariat") as c:
        page = await c.get(f"/{lang}/states/XFT/facts")
        forms = [
            await c.get(f"/{lang}/states/XFT/facts/{what}")
            for what in ("participation", "notification")
        ]
    assert page.status_code == 200 and words("Record a participation") in page.text
    for form in forms:
        assert form.status_code == 200 and words("Save") in form.text
        assert words("Day you read it") in form.text
