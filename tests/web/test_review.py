"""The secretariat's review desk through HTTP: the queue (filters, pages), a request in words,
approve (applied, audited, public), reject (a reason required), CSRF, conflicts, refusals."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import httpx
from sqlalchemy import select

from directory.audit.models import Revision
from directory.authorities.models import Authority
from directory.config import Settings
from directory.db import SerialSession
from directory.editing import inputs as i
from directory.editing.models import ChangeRequest, ChangeStatus
from directory.editing.services import propose, submit
from tests.editing.factories import World
from tests.web.conftest import csrf_of
from tests.web.readers import reader

REVIEWED = Settings()


async def _propose(
    session: SerialSession, world: World, city: str, *, version: int = 1, reason: str = "moved"
) -> int:
    change = i.UpdateAuthority(
        authority_id=world.fra_authority.id, expected_version=version, city=city
    )
    outcome = await submit(session, world.editor_fra, change, settings=REVIEWED, reason=reason)
    assert outcome.change_request is not None
    await session.commit()
    return outcome.change_request.id


async def _decide(c: httpx.AsyncClient, request_id: int, what: str, **data: Any) -> httpx.Response:
    page = await c.get(f"/en/review/{request_id}")
    return await c.post(
        f"/en/review/{request_id}/{what}", data={"csrf": csrf_of(page.text), **data}
    )


async def test_the_queue_lists_filters_and_pages_oldest_first(
    app: Any, session: SerialSession, world: World
) -> None:
    # given three pending requests for France (the first a month old) and one for Germany
    ids = [await _propose(session, world, city) for city in ("Lyon", "Nice", "Lille")]
    oldest = await session.get(ChangeRequest, ids[0])
    oldest.submitted_at = dt.datetime.now(dt.UTC) - dt.timedelta(days=30)
    deu = i.UpdateAuthority(authority_id=world.deu_authority.id, expected_version=1, city="Bonn")
    secretariat_deu = await submit(session, world.secretariat, deu, settings=REVIEWED)
    assert secretariat_deu.status is ChangeStatus.APPLIED  # the secretariat's own: no request
    await session.commit()
    async with reader(app, session, "secretariat") as c:
        # when the secretariat opens the queue two to a page
        first = await c.get("/en/review?per=2")
        assert first.status_code == 200
        assert "Change requests: 3" in first.text and "Page 1 of 2" in first.text
        shown = [int(n) for n in re.findall(r'href="/en/review/(\d+)"', first.text)]
        assert shown == ids[:2]  # oldest first
        assert "fra-focal" in first.text and "Authority changed" in first.text
        assert "moved" in first.text and "Pending" in first.text
        second = await c.get("/en/review?per=2&page=2")
        assert [int(n) for n in re.findall(r'href="/en/review/(\d+)"', second.text)] == ids[2:]
        # filtered by age and by State
        old = await c.get("/en/review?older_than=7")
        assert "Change requests: 1" in old.text and f'href="/en/review/{ids[0]}"' in old.text
        assert "Change requests: 0" in (await c.get("/en/review?state=DEU")).text
        assert "Change requests: 3" in (await c.get("/en/review?state=fra")).text
        # bad filters get the 400 page naming the value
        unknown = await c.get("/en/review?state=QQQ")
        assert unknown.status_code == 400 and "QQQ" in unknown.text
        assert (await c.get("/en/review?older_than=soon")).status_code == 400
        assert (await c.get("/en/review?status=LOST")).status_code == 400


async def test_a_request_shows_before_and_after_in_words(
    app: Any, session: SerialSession, world: World
) -> None:
    # given an editor's request changing the city and the channel's contact
    change = i.UpdateAuthority(
        authority_id=world.fra_authority.id,
        expected_version=1,
        city="Lyon",
        website="https://justice.example/fr",
    )
    outcome = await submit(session, world.editor_fra, change, settings=REVIEWED, reason="moved")
    await session.commit()
    assert outcome.change_request is not None
    async with reader(app, session, "secretariat") as c:
        page = await c.get(f"/en/review/{outcome.change_request.id}")
        assert page.status_code == 200
        # then the diff is a table of words: field, now, proposed; no JSON
        row = re.search(
            r"<th scope=\"row\">City</th>\s*<td class=\"before\">(.*?)</td>\s*"
            r"<td class=\"after\">(.*?)</td>",
            page.text,
        )
        assert row is not None and row.groups() == ("Capital", "Lyon")
        assert "https://justice.example/fr" in page.text and "Website" in page.text
        assert "Ministry of Justice" in page.text  # which authority
        assert "UPDATE_AUTHORITY" not in page.text and "{" not in page.text.split("<main")[1]
        assert "fra-focal" in page.text and "moved" in page.text
        # and in French, the labels are French
        fr = await c.get(f"/fr/review/{outcome.change_request.id}")
        assert "Ville" in fr.text


async def test_approve_applies_writes_a_revision_and_the_public_page_shows_it(
    app: Any, session: SerialSession, world: World, client: httpx.AsyncClient
) -> None:
    request_id = await _propose(session, world, "Lyon")
    async with reader(app, session, "secretariat") as c:
        done = await _decide(c, request_id, "approve")
        assert done.status_code == 303 and done.headers["location"] == f"/en/review/{request_id}"
        after = await c.get(done.headers["location"])
        assert "Approved and applied" in after.text and "Approve and apply" not in after.text
    # then the public authority page shows the new city
    public = await client.get("/en/authorities/test-fra-moj")
    assert public.status_code == 200 and "Lyon" in public.text
    # and a revision names the request and the reviewer
    revision = await session.scalar(
        select(Revision).where(Revision.change_request_id == request_id)
    )
    assert revision is not None and revision.after["city"] == "Lyon"
    request = await session.get(ChangeRequest, request_id, populate_existing=True)
    assert request.status is ChangeStatus.APPLIED
    assert request.reviewed_by is not None and request.reviewed_by.startswith("secretariat:Staff")
    assert revision.actor == request.reviewed_by


async def test_reject_needs_a_reason_and_keeps_it(
    app: Any, session: SerialSession, world: World
) -> None:
    request_id = await _propose(session, world, "Lyon")
    async with reader(app, session, "secretariat") as c:
        # without a reason: refused, still pending
        bare = await _decide(c, request_id, "reject", reason="  ")
        assert bare.status_code == 400 and 'id="reason-error"' in bare.text
        request = await session.get(ChangeRequest, request_id, populate_existing=True)
        assert request.status is ChangeStatus.PENDING
        # with one: rejected, the reason kept and shown
        done = await _decide(c, request_id, "reject", reason="Lyon is not the seat")
        assert done.status_code == 303
        page = await c.get(f"/en/review/{request_id}")
        assert "Rejected" in page.text and "Lyon is not the seat" in page.text
    request = await session.get(ChangeRequest, request_id, populate_existing=True)
    assert request.status is ChangeStatus.REJECTED
    assert request.review_reason == "Lyon is not the seat"


async def test_a_form_without_its_csrf_token_is_refused(
    app: Any, session: SerialSession, world: World
) -> None:
    request_id = await _propose(session, world, "Lyon")
    async with reader(app, session, "secretariat") as c:
        for what in ("approve", "reject"):
            forged = await c.post(f"/en/review/{request_id}/{what}", data={"reason": "x"})
            assert forged.status_code == 403
            assert "The form had expired" in forged.text
    request = await session.get(ChangeRequest, request_id, populate_existing=True)
    assert request.status is ChangeStatus.PENDING


async def test_a_request_on_a_moved_field_goes_back_to_its_editor(
    app: Any, session: SerialSession, world: World
) -> None:
    # given two requests changing the city; the first is approved
    first = await _propose(session, world, "Lyon")
    second = await _propose(session, world, "Nice")
    async with reader(app, session, "secretariat") as c:
        assert (await _decide(c, first, "approve")).status_code == 303
        # when the second is approved
        clash = await _decide(c, second, "approve")
        # then 409, and the city shown as it was, as it is and as proposed
        assert clash.status_code == 409 and 'id="returned"' in clash.text
        row = re.search(
            r'<td class="base">(.*?)</td><td class="current">(.*?)</td>'
            r'<td class="proposed">(.*?)</td>',
            clash.text,
        )
        assert row is not None and row.groups() == ("Capital", "Lyon", "Nice")
        assert "Returned to the editor (conflict)" in clash.text
        assert "Approve and apply" not in clash.text  # no longer in the queue
    request = await session.get(ChangeRequest, second, populate_existing=True)
    assert request.status is ChangeStatus.CONFLICT
    assert (await session.get(Authority, world.fra_authority.id, populate_existing=True)).city == (
        "Lyon"
    )


async def test_only_the_secretariat_reviews(app: Any, session: SerialSession, world: World) -> None:
    request_id = await _propose(session, world, "Lyon")
    async with reader(app, session, "public") as c:
        for path in ("/en/review", f"/en/review/{request_id}"):
            away = await c.get(path)
            assert away.status_code == 303 and away.headers["location"] == "/en/sign-in"
        posted = await c.post(f"/en/review/{request_id}/approve", data={})
        assert posted.status_code == 303
    for who in ("practitioner", "own_editor"):
        async with reader(app, session, who) as c:
            assert (await c.get("/en/review")).status_code == 403
            assert (await c.get(f"/en/review/{request_id}")).status_code == 403
            account = await c.get("/en/account")
            refused = await c.post(
                f"/en/review/{request_id}/approve", data={"csrf": csrf_of(account.text)}
            )
            assert refused.status_code == 403 and "for the secretariat" in refused.text
    request = await session.get(ChangeRequest, request_id, populate_existing=True)
    assert request.status is ChangeStatus.PENDING


async def test_an_unknown_request_is_not_found(
    app: Any, session: SerialSession, world: World
) -> None:
    async with reader(app, session, "secretariat") as c:
        assert (await c.get("/en/review/999999")).status_code == 404
        assert (await c.get("/en/review/abc")).status_code == 400


HOSTILE = ["x" * 10_000, "FR\x00A", "\x1b[31mFRA", "FRA\u202e", "<script>alert(1)</script>", "-1"]
QUERY_FIELDS = ("state", "older_than", "per", "page", "status")


async def test_hostile_filters_and_reasons_get_a_clear_page(
    app: Any, session: SerialSession, world: World
) -> None:
    request_id = await _propose(session, world, "Lyon")
    async with reader(app, session, "secretariat") as c:
        for field in QUERY_FIELDS:
            for value in HOSTILE:
                r = await c.get("/en/review", params={field: value})
                assert r.status_code in (200, 400), (field, value, r.status_code)
                assert r.headers["content-type"].startswith("text/html")
                assert "<script>alert" not in r.text
                if r.status_code == 400:
                    assert f"“{field}”" in r.text or "code is not known" in r.text
        for value in HOSTILE:
            r = await _decide(c, request_id, "reject", reason=value)
            assert r.status_code in (303, 400), (value, r.status_code)
            if r.status_code == 303:  # a printable reason: rejected; propose again
                request_id = await _propose(session, world, "Lyon")
            else:
                assert "<script>alert" not in r.text


async def test_a_batch_is_shown_change_by_change_and_applied_at_once(
    app: Any, session: SerialSession, world: World
) -> None:
    # given France's editor's batch: a new authority and a designation of it
    changes: list[i.Change] = [
        i.CreateAuthority(
            jurisdiction="FRA", names=[i.NameInput(language="fr", name="Parquet de Lyon")]
        ),
        i.CreateDesignation(
            authority_id=i.ref(0), expected_version=0, fields=i.DesignationFields(subject="MLA")
        ),
        i.UpdateAuthority(authority_id=world.fra_authority.id, expected_version=1, city="Lyon"),
    ]
    outcome = await propose(session, world.editor_fra, changes, settings=REVIEWED, reason="new")
    await session.commit()
    request_id = outcome.change_request.id
    async with reader(app, session, "secretariat") as c:
        # when the secretariat opens it, then each change has its section, in order
        page = await c.get(f"/en/review/{request_id}")
        assert page.status_code == 200
        sections = re.findall(r'<section class="change">\s*<h2>(.*?)</h2>', page.text, re.S)
        assert len(sections) == 3, sections
        assert "Parquet de Lyon" in page.text and "Lyon" in page.text
        # and approving applies all three
        assert (await _decide(c, request_id, "approve")).status_code == 303
    request = await session.get(ChangeRequest, request_id, populate_existing=True)
    assert request.status is ChangeStatus.APPLIED and len(request.objects) == 3
    made = await session.scalar(select(Authority).where(Authority.key == request.objects[0][1]))
    assert made is not None and made.city is None
