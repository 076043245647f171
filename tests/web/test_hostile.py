"""Every query parameter and form field of the pages, sent hostile values: a 400 (or 404)
page in the reader's language that names the field, never a 500."""

from __future__ import annotations

import httpx
import pytest

from directory.web.wizard import FIELDS

HOSTILE = [
    "x" * 10_000,
    "FR\x00A",
    "\x1b[31mFRA",
    "FRA\u202e",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "ZZZ",
    "1",
    "",
    "   ",
]
WIZARD = {"requesting": "FRA", "requested": "ROU", "subject": "MLA"}
ANSWER = {**WIZARD, "stage": "INVESTIGATION"}
CASES = [
    ("/en/search", {}, "q"),
    *[("/en/wizard", WIZARD, f) for f in WIZARD],
    # every field the answer reads, so that a new question is walked too
    *[("/en/answer", ANSWER, f) for f in FIELDS],
    ("/en/states/KIR", {}, "view"),
]


@pytest.mark.parametrize(("path", "base", "field"), CASES)
@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
async def test_hostile_query_values_get_a_clear_page(
    seeded_client: httpx.AsyncClient, path: str, base: dict[str, str], field: str, value: str
) -> None:
    query = {**base, field: value}
    r = await seeded_client.get(path, params=query)
    assert r.status_code in (200, 303, 400, 404), r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    if r.status_code == 400:
        assert f"“{field}”" in r.text or "code is not known" in r.text
        assert "<script>alert" not in r.text


@pytest.mark.parametrize("field", ["q", "requesting", "subject", "place"])
async def test_bytes_that_are_not_utf8_get_a_clear_page(
    seeded_client: httpx.AsyncClient, field: str
) -> None:
    # a lone surrogate and a bare continuation byte, percent-encoded as they come
    path = "/en/search" if field == "q" else "/en/answer"
    query = "&".join(f"{k}={v}" for k, v in ANSWER.items() if k != field)
    r = await seeded_client.get(f"{path}?{query}&{field}=%ED%A0%80%80")
    assert r.status_code in (200, 400), r.text[:300]
    assert r.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize(
    "path",
    [
        "/en/states/" + "A" * 5000,
        "/en/states/FR%00",
        "/en/states/%3Cscript%3E",
        "/en/states/kir",
        "/en/authorities/" + "k" * 5000,
        "/en/authorities/%00",
        "/en/authorities/%E2%80%AE",
    ],
)
async def test_hostile_path_values_get_a_clear_page(
    seeded_client: httpx.AsyncClient, path: str
) -> None:
    r = await seeded_client.get(path)
    assert r.status_code in (200, 400, 404), r.text[:300]
    assert r.headers["content-type"].startswith("text/html")


async def test_a_bad_code_names_the_field_in_the_language(seeded_client: httpx.AsyncClient) -> None:
    r = await seeded_client.get("/fr/answer", params={**ANSWER, "requested": "R0U"})
    assert r.status_code == 400
    assert "Le champ « requested » n’est pas un code valide : R0U" in r.text


async def test_an_unknown_code_offers_suggestions(seeded_client: httpx.AsyncClient) -> None:
    r = await seeded_client.get("/en/answer", params={**ANSWER, "stage": "INVESTIGATON"})
    assert r.status_code == 400
    assert "INVESTIGATION" in r.text


@pytest.mark.parametrize("value", ["x" * 10_000, "dcna_\x00", "\x07", "", "dcna_" + "é" * 40])
@pytest.mark.parametrize("field", ["token", "csrf"])
async def test_hostile_sign_in_fields(client: httpx.AsyncClient, field: str, value: str) -> None:
    from tests.web.conftest import csrf_of

    form = await client.get("/en/sign-in")
    data = {"csrf": csrf_of(form.text), "token": "dcna_unknown", field: value}
    r = await client.post("/en/sign-in", data=data)
    assert r.status_code in (400, 401, 403), r.text[:300]
    assert "dcna_session" not in r.headers.get("set-cookie", "")


async def test_a_multipart_upload_is_refused_without_a_500(client: httpx.AsyncClient) -> None:
    r = await client.post("/en/sign-in", files={"token": ("t.txt", b"dcna_x")})
    assert r.status_code in (400, 403)
