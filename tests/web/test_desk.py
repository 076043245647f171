"""A State focal point's desk through HTTP: the State's entries and gaps, the forms (each
error next to its field), the basket sent as change requests, the request's page, the
confirm button, and the refusals (another State's editor, a form without its CSRF token)."""

from __future__ import annotations

import re
from typing import Any

import httpx
from sqlalchemy import func, select

from directory.authorities.models import Authority, ChannelRule, Designation
from directory.config import Settings
from directory.db import SerialSession
from directory.editing import inputs as i
from directory.editing.models import ChangeRequest, ChangeStatus
from directory.editing.review import approve
from directory.editing.services import submit
from directory.enums import ChannelPermission, Verification
from tests.editing.changes import requirement_of
from tests.editing.factories import World
from tests.web.conftest import csrf_of
from tests.web.readers import reader


async def _post(c: httpx.AsyncClient, path: str, data: dict[str, str]) -> httpx.Response:
    page = await c.get(path)
    assert page.status_code == 200, page.text
    return await c.post(path, data={"csrf": csrf_of(page.text), **data})


async def _requests(session: SerialSession) -> list[ChangeRequest]:
    stmt = select(ChangeRequest).order_by(ChangeRequest.id)
    return list(await session.scalars(stmt.execution_options(populate_existing=True)))


async def _rule(session: SerialSession, world: World) -> ChannelRule:
    d = Designation(
        authority_id=world.fra_authority.id, subject_code="MLA", verification=Verification.OFFICIAL
    )
    session.add(d)
    await session.flush()
    rule = ChannelRule(
        jurisdiction_id=world.fra.id,
        designation_id=d.id,
        channel_code="DIPLOMATIC",
        permission=ChannelPermission.ACCEPTED,
        verification=Verification.OFFICIAL,
    )
    session.add(rule)
    await session.commit()
    return rule


async def test_the_desk_shows_the_state_its_freshness_and_gaps(
    app: Any, session: SerialSession, world: World
) -> None:
    await session.commit()
    async with reader(app, session, "own_editor") as c:
        desk = await c.get("/en/desk")
        assert desk.status_code == 200, desk.text
        assert "Ministry of Justice" in desk.text
        assert "Last confirmed on January 1, 2020" in desk.text and "stale" in desk.text
        assert "no central authority designated under article 18(13)" in desk.text
        assert "All my entries are still right" in desk.text
        # the nav leads there
        assert 'href="/en/desk"' in (await c.get("/en/account")).text
        # and in French
        assert (await c.get("/fr/desk")).status_code == 200


async def test_a_form_shows_each_error_next_to_its_field(
    app: Any, session: SerialSession, world: World
) -> None:
    await session.commit()
    async with reader(app, session, "own_editor") as c:
        # given a new authority with a bad website, a bad time zone and a source from the future
        answer = await _post(
            c,
            "/en/desk/form/authority",
            {
                "names.0.language": "fr",
                "names.0.name": "Parquet national",
                "website": "not a url",
                "timeZone": "Mars/Olympus",
                "sources.0.url": "https://www.justice.gouv.fr/",
                "sources.0.seenOn": "2999-01-01",
                "sources.1.url": "https://example.org/",
                "sources.1.seenOn": "yesterday",
            },
        )
        # then the form comes back with each message under its own field
        assert answer.status_code == 400
        html = answer.text
        for key in ("website", "timeZone", "sources-0-seenOn", "sources-1-seenOn"):
            block = re.search(rf'id="f-{key}-error">(.*?)</p>', html, re.S)
            assert block, key
        assert "Mars/Olympus" in re.search(r'id="f-timeZone-error">(.*?)</p>', html, re.S)[1]
        assert "YYYY-MM-DD" in re.search(r'id="f-sources-1-seenOn-error">(.*?)</p>', html, re.S)[1]
        assert 'value="Parquet national"' in html  # what was typed is kept
        # the form's own messages in the chosen language
        fr = await _post(
            c,
            "/fr/desk/form/authority",
            {
                "names.0.name": "X",
                "sources.0.url": "https://a.example/",
                "sources.0.seenOn": "hier",
            },
        )
        assert fr.status_code == 400 and "AAAA-MM-JJ" in fr.text
    assert await _requests(session) == []


async def test_a_valid_form_goes_to_the_basket_and_becomes_a_pending_request(
    app: Any, session: SerialSession, world: World
) -> None:
    await session.commit()
    async with reader(app, session, "own_editor") as c:
        added = await _post(
            c,
            f"/en/desk/form/authority?id={world.fra_authority.id}",
            {
                "names.0.language": "en",
                "names.0.name": "Ministry of Justice",
                "names.0.isOriginal": "1",
                "city": "Lyon",
                "contacts.0.kind": "EMAIL",
                "contacts.0.value": "restricted.focal.point@justice.example",
                "contacts.0.restricted": "1",
            },
        )
        assert added.status_code == 303 and added.headers["location"] == "/en/desk"
        desk = await c.get("/en/desk")
        assert "Authority changed" in desk.text and "Submit for review" in desk.text
        assert await _requests(session) == []  # nothing sent yet
        # a basket without a reason is not sent
        refused = await c.post(
            "/en/desk/basket", data={"csrf": csrf_of(desk.text), "state": "FRA", "action": "submit"}
        )
        assert refused.status_code == 400 and "Say why" in refused.text
        sent = await c.post(
            "/en/desk/basket",
            data={
                "csrf": csrf_of(desk.text),
                "state": "FRA",
                "action": "submit",
                "reason": "the office moved",
            },
        )
        assert sent.status_code == 303, sent.text
        assert sent.headers["location"].startswith("/en/desk/requests/"), sent.headers
        [request] = await _requests(session)
        assert request.status is ChangeStatus.PENDING and request.note == "the office moved"
        payload = i.from_payload(i.payload_items(request.payload)[0])
        assert isinstance(payload, i.UpdateAuthority) and payload.city == "Lyon"
        assert payload.names is None and payload.contacts is None  # only what changed
        assert sent.headers["location"] == f"/en/desk/requests/{request.id}"
        # the request's page shows its status; the basket is empty again
        shown = await c.get(sent.headers["location"])
        assert shown.status_code == 200 and "Pending" in shown.text and "Lyon" in shown.text
        again = await c.get("/en/desk")
        assert "Submit for review" not in again.text and f"#{request.id}" in again.text


async def test_a_basket_of_two_rule_edits_and_a_source(
    app: Any, session: SerialSession, world: World
) -> None:
    rule = await _rule(session, world)
    async with reader(app, session, "own_editor") as c:
        first = await _post(
            c,
            f"/en/desk/form/channel-rule?id={rule.id}",
            {
                "channel": "DIPLOMATIC",
                "permission": "REQUIRED",
                "sources.0.url": "https://treaties.un.org/example",
                "sources.0.title": "Declaration",
                "sources.0.seenOn": "2024-03-01",
            },
        )
        assert first.status_code == 303, first.text
        second = await _post(
            c,
            f"/en/desk/form/language-rule?designation={rule.designation_id}",
            {"language": "fr", "preference": "1"},
        )
        assert second.status_code == 303, second.text
        desk = await c.get("/en/desk")
        assert desk.text.count('class="small"') == 2  # two edits, each removable
        sent = await c.post(
            "/en/desk/basket",
            data={"csrf": csrf_of(desk.text), "state": "FRA", "action": "submit", "reason": "r"},
        )
        assert sent.status_code == 303
    # then the two edits are ONE change request
    [request] = await _requests(session)
    items = i.payload_items(request.payload)
    assert [item["kind"] for item in items] == ["UPDATE_CHANNEL_RULE", "CREATE_LANGUAGE_RULE"]
    update = i.from_payload(items[0])
    assert isinstance(update, i.UpdateChannelRule)
    assert update.fields.sources and update.fields.sources[0].title == "Declaration"
    # the update sets only what the form changed
    assert update.fields.permission == "REQUIRED" and not i.is_set(update.fields.channel)


async def test_confirm_updates_last_confirmed_on(
    app: Any, session: SerialSession, world: World
) -> None:
    await session.commit()
    async with reader(app, session, "own_editor") as c:
        desk = await c.get("/en/desk")
        done = await c.post("/en/desk/confirm", data={"csrf": csrf_of(desk.text), "state": "FRA"})
        assert done.status_code == 303
        after = await c.get(done.headers["location"])
        assert "marked as confirmed today" in after.text
    a = await session.get(Authority, world.fra_authority.id, populate_existing=True)
    assert a is not None and a.last_confirmed_on is not None and a.last_confirmed_on.year > 2020


async def test_another_states_editor_and_csrf_less_posts_are_refused(
    app: Any, session: SerialSession, world: World
) -> None:
    rule = await _rule(session, world)
    async with reader(app, session, "other_editor") as c:
        assert (await c.get("/en/desk?state=FRA")).status_code == 403
        assert (await c.get(f"/en/desk/form/channel-rule?id={rule.id}")).status_code == 403
        assert (
            await c.get(f"/en/desk/form/authority?id={world.fra_authority.id}")
        ).status_code == 403
        mine = await c.get("/en/desk")
        refused = await c.post(
            f"/en/desk/form/authority?id={world.fra_authority.id}",
            data={"csrf": csrf_of(mine.text), "city": "Bonn"},
        )
        assert refused.status_code == 403
        confirm = await c.post(
            "/en/desk/confirm", data={"csrf": csrf_of(mine.text), "state": "FRA"}
        )
        assert confirm.status_code == 403
    async with reader(app, session, "own_editor") as c:
        await c.get("/en/desk")
        for path, data in (
            ("/en/desk/confirm", {"state": "FRA"}),
            (f"/en/desk/form/authority?id={world.fra_authority.id}", {"city": "Nice"}),
            ("/en/desk/basket", {"state": "FRA", "action": "drop"}),
        ):
            assert (await c.post(path, data=data)).status_code == 403, path
    async with reader(app, session, "public") as c:
        answer = await c.get("/en/desk")
        assert answer.status_code == 303 and answer.headers["location"] == "/en/sign-in"
    async with reader(app, session, "practitioner") as c:
        assert (await c.get("/en/desk")).status_code == 403
    async with reader(app, session, "secretariat") as c:
        assert (await c.get("/en/desk?state=FRA")).status_code == 200
        assert (await c.get("/en/desk")).status_code == 200  # asks which State
    assert await session.scalar(select(func.count(ChangeRequest.id))) == 0


HOSTILE = ["x" * 10_000, "FR\x00A", "<script>alert(1)</script>", "   ", "9" * 30, "../../x"]
FIELD = re.compile(r'name="([^"]+)"')


async def test_every_field_of_every_form_takes_hostile_values_without_a_500(
    app: Any, session: SerialSession, world: World
) -> None:
    rule = await _rule(session, world)
    q = await requirement_of(session, world.fra)
    await session.commit()
    forms = [
        f"/en/desk/form/authority?id={world.fra_authority.id}",
        "/en/desk/form/authority?state=FRA",
        f"/en/desk/form/designation?authority={world.fra_authority.id}",
        f"/en/desk/form/channel-rule?id={rule.id}",
        f"/en/desk/form/language-rule?designation={rule.designation_id}",
        f"/en/desk/form/requirement?id={q.id}",
        "/en/desk/form/requirement?state=FRA",
    ]
    wrong = []
    async with reader(app, session, "own_editor") as c:
        for path in forms:
            page = await c.get(path)
            csrf = csrf_of(page.text)
            fields = [f for f in dict.fromkeys(FIELD.findall(page.text)) if f != "csrf"]
            assert len(fields) > 3, path
            for field in fields:
                for value in HOSTILE:
                    c.cookies.delete("dcna_basket")
                    r = await c.post(path, data={"csrf": csrf, field: value})
                    if r.status_code not in (303, 400) or "<script>alert" in r.text:
                        wrong.append((path, field, value[:20], r.status_code))
        # and the query parameters and the basket's fields
        for path, name in (
            ("/en/desk", "state"),
            ("/en/desk/form/authority", "id"),
            ("/en/desk/form/designation", "authority"),
            ("/en/desk/form/channel-rule", "designation"),
            ("/en/desk/form/requirement", "id"),
            ("/en/desk/form/requirement", "state"),
            ("/en/desk/form/x", "id"),
        ):
            for value in HOSTILE:
                r = await c.get(path, params={name: value})
                if r.status_code not in (200, 400, 403, 404) or "<script>alert" in r.text:
                    wrong.append((path, "query", value[:20], r.status_code))
        desk = await c.get("/en/desk")
        for field in ("state", "action", "reason"):
            for value in HOSTILE:
                data = {
                    "csrf": csrf_of(desk.text),
                    "state": "FRA",
                    "action": "submit",
                    field: value,
                }
                r = await c.post("/en/desk/basket", data=data)
                if r.status_code not in (303, 400, 403, 404) or "<script>alert" in r.text:
                    wrong.append(("basket", field, value[:20], r.status_code))
    assert wrong == []


async def test_a_new_authority_its_designation_and_rule_go_as_one_request(
    app: Any, session: SerialSession, world: World
) -> None:
    await session.commit()
    async with reader(app, session, "own_editor") as c:
        # given a new authority in the basket
        source = {"sources.0.url": "https://www.justice.gouv.fr/", "sources.0.seenOn": "2024-03-01"}
        new = await _post(
            c,
            "/en/desk/form/authority",
            {"names.0.language": "fr", "names.0.name": "Parquet national financier", **source},
        )
        assert new.status_code == 303, new.text
        desk = await c.get("/en/desk")
        assert "/en/desk/form/designation?new_authority=0" in desk.text
        # when its designation and a rule of that designation are added from the basket
        d = await _post(
            c, "/en/desk/form/designation?new_authority=0", {"subject": "MLA", **source}
        )
        assert d.status_code == 303, d.text
        desk = await c.get("/en/desk")
        assert "/en/desk/form/channel-rule?new_designation=1" in desk.text
        rule = await _post(
            c,
            "/en/desk/form/channel-rule?new_designation=1",
            {"channel": "DIPLOMATIC", "permission": "REQUIRED", **source},
        )
        assert rule.status_code == 303, rule.text
        # an edit naming a basket edit that is not what it needs is no page
        assert (await c.get("/en/desk/form/channel-rule?new_designation=0")).status_code == 404
        desk = await c.get("/en/desk")
        sent = await c.post(
            "/en/desk/basket",
            data={"csrf": csrf_of(desk.text), "state": "FRA", "action": "submit", "reason": "new"},
        )
        assert sent.status_code == 303, sent.text
    # then one request holds the three, the later ones naming the earlier by placeholder
    [request] = await _requests(session)
    items = i.payload_items(request.payload)
    assert [x["kind"] for x in items] == [
        "CREATE_AUTHORITY",
        "CREATE_DESIGNATION",
        "CREATE_CHANNEL_RULE",
    ]
    assert items[1]["input"]["authority_id"] == i.ref(0)
    assert items[2]["input"]["fields"]["designation_id"] == i.ref(1)


async def test_a_request_returned_for_a_conflict_shows_what_moved(
    app: Any, session: SerialSession, world: World
) -> None:
    # given two of France's requests changing the city; the first is approved
    ids = []
    for city in ("Lyon", "Nice"):
        change = i.UpdateAuthority(
            authority_id=world.fra_authority.id, expected_version=1, city=city
        )
        outcome = await submit(session, world.editor_fra, change, settings=Settings())
        assert outcome.change_request is not None
        ids.append(outcome.change_request.id)
    await approve(session, world.secretariat, ids[0])
    # when the second is approved, it is returned to the editor
    await approve(session, world.secretariat, ids[1])
    await session.commit()
    async with reader(app, session, "own_editor") as c:
        page = await c.get(f"/en/desk/requests/{ids[1]}")
        assert page.status_code == 200
        assert "Returned to the editor (conflict)" in page.text
        moved = re.search(r'id="conflicts">(.*?)</section>', page.text, re.S)
        assert moved and "City" in moved[1] and "Lyon" in moved[1] and "Nice" in moved[1]


async def test_a_requirement_created_and_edited_on_the_desk_becomes_a_pending_request(
    app: Any, session: SerialSession, world: World
) -> None:
    q = await requirement_of(session, world.fra)
    await session.commit()
    async with reader(app, session, "own_editor") as c:
        # given the desk, with its requirement and the link to add one
        desk = await c.get("/en/desk")
        assert f"/en/desk/form/requirement?id={q.id}" in desk.text
        assert "/en/desk/form/requirement?state=FRA" in desk.text
        form = await c.get(f"/en/desk/form/requirement?id={q.id}")
        assert form.status_code == 200 and "Edit the legal requirement" in form.text
        # when a new requirement and an edit of the stored one go to the basket
        new = await _post(
            c,
            "/en/desk/form/requirement?state=FRA",
            {
                "kind": "RECIPROCITY",
                "status": "CONDITIONAL",
                "subject": "MLA",
                "text": "Reciprocity is required for coercive measures.",
                "url": "https://www.legifrance.gouv.fr/",
                "sources.0.url": "https://www.justice.gouv.fr/",
                "sources.0.seenOn": "2024-03-01",
            },
        )
        assert new.status_code == 303, new.text
        edited = await _post(
            c,
            f"/en/desk/form/requirement?id={q.id}",
            {"kind": "DUAL_CRIMINALITY", "status": "REQUIRED"},
        )
        assert edited.status_code == 303, edited.text
        desk = await c.get("/en/desk")
        assert "New legal requirement" in desk.text and "Legal requirement changed" in desk.text
        sent = await c.post(
            "/en/desk/basket",
            data={"csrf": csrf_of(desk.text), "state": "FRA", "action": "submit", "reason": "law"},
        )
        assert sent.status_code == 303, sent.text
        # then the request's page names both changes
        shown = await c.get(sent.headers["location"])
        assert "New legal requirement" in shown.text and "Legal requirement changed" in shown.text
    # then both edits are ONE pending change request
    [request] = await _requests(session)
    assert request.status is ChangeStatus.PENDING
    items = i.payload_items(request.payload)
    assert [x["kind"] for x in items] == ["CREATE_REQUIREMENT", "UPDATE_REQUIREMENT"]
    created, update = (i.from_payload(x) for x in items)
    assert isinstance(created, i.CreateRequirement) and created.jurisdiction == "FRA"
    assert created.fields.kind == "RECIPROCITY" and created.fields.status == "CONDITIONAL"
    assert (
        created.fields.sources and created.fields.sources[0].url == "https://www.justice.gouv.fr/"
    )
    # the update sets only what the form changed
    assert isinstance(update, i.UpdateRequirement) and update.requirement_id == q.id
    assert update.fields.status == "REQUIRED" and not i.is_set(update.fields.kind)
    # and the secretariat's review page shows them in words
    async with reader(app, session, "secretariat") as c:
        review = await c.get(f"/en/review/{request.id}")
        assert review.status_code == 200, review.text
        assert "New legal requirement" in review.text and "Reciprocity" in review.text


async def test_the_requirement_form_shows_each_error_next_to_its_field(
    app: Any, session: SerialSession, world: World
) -> None:
    await requirement_of(session, world.fra)
    await session.commit()
    async with reader(app, session, "own_editor") as c:
        answer = await _post(
            c,
            "/en/desk/form/requirement?state=FRA",
            {
                "kind": "NO_SUCH_KIND",
                "status": "INFORMATION",
                "measure": "NO_SUCH_MEASURE",
                "basisCondition": "WHEN_IN_FORCE",
                "sources.0.url": "https://www.justice.gouv.fr/",
                "sources.0.seenOn": "yesterday",
            },
        )
        assert answer.status_code == 400
        html = answer.text
        for key in ("kind", "status", "measure", "basisCondition", "sources-0-seenOn"):
            assert re.search(rf'id="f-{key}-error">(.*?)</p>', html, re.S), key
        assert "NO_SUCH_KIND" in re.search(r'id="f-kind-error">(.*?)</p>', html, re.S)[1]
        wrong_url = await _post(
            c,
            "/en/desk/form/requirement?state=FRA",
            {"kind": "DUAL_CRIMINALITY", "status": "REQUIRED", "url": "not a url"},
        )
        assert wrong_url.status_code == 400
        assert re.search(r'id="f-url-error">(.*?)</p>', wrong_url.text, re.S)
        assert "dcna_basket" not in wrong_url.headers.get("set-cookie", "")
    assert await _requests(session) == []
