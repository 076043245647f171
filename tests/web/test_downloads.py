"""Downloads and PDFs: the public data as CSV and JSON with its sources and licence, a State's
sheet and the edition as PDFs, the fonts the pages name served by the app, and no restricted
value in any of them for the public."""

from __future__ import annotations

import csv
import io
import re
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from pypdf import PdfReader

from directory.accounts.permissions import Role
from directory.app import create_app
from directory.config import Settings
from directory.web.downloads import DATASETS
from directory.web.fonts import FONTS
from tests.web.conftest import MAIL, PHONE, PUBLIC_MAIL, token

HOSTILE = ["x" * 10_000, "FR\x00A", "FRA\u202e", "../../etc/passwd", "<script>", "ZZZ", "1"]


def pdf_text(body: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(body))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("dataset", DATASETS)
async def test_each_dataset_in_csv_and_json_with_sources_and_licence(
    seeded: dict[str, Any], client: httpx.AsyncClient, dataset: str
) -> None:
    as_csv = await client.get(f"/downloads/{dataset}.csv")
    as_json = await client.get(f"/downloads/{dataset}.json")
    assert as_csv.status_code == as_json.status_code == 200
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert 'rel="license"' in as_csv.headers["link"]
    assert as_csv.headers["etag"] and "public" in as_csv.headers["cache-control"]
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    body = as_json.json()
    assert "CC BY 4.0" in body["licence"] and body["as_of"]
    assert len(rows) == len(body["rows"]) > 0
    assert list(rows[0]) == body["columns"]
    # every row carries its sources, in both forms
    assert all(row["sources"] for row in rows), dataset
    assert all(s["url"] or s["document"] for row in body["rows"] for s in row["sources"])
    print(f"{dataset}: {len(rows)} rows")


async def test_an_unknown_download_is_404(client: httpx.AsyncClient) -> None:
    for name in ("contacts.csv", "authorities.xml", "authorities"):
        r = await client.get(f"/downloads/{name}")
        assert r.status_code == 404, name
        assert "authorities.csv" in r.text  # names what there is
    assert (await client.get("/downloads/..%2fsecret.csv")).status_code == 404


async def test_downloads_hold_no_restricted_value_even_for_the_signed_in(
    client: httpx.AsyncClient, session: Any, entry: dict[str, str], sign_in
) -> None:
    for signed_in in (False, True):
        if signed_in:
            assert (await sign_in(await token(session, Role.SECRETARIAT))).status_code == 303
        for dataset in DATASETS:
            for kind in ("csv", "json"):
                r = await client.get(f"/downloads/{dataset}.{kind}")
                assert PHONE not in r.text and MAIL not in r.text, (dataset, kind)
        authorities = (await client.get("/downloads/authorities.json")).json()["rows"]
        [atlantis] = [a for a in authorities if a["key"] == "xaa-moj"]
        assert [c["value"] for c in atlantis["public_contacts"]] == [PUBLIC_MAIL]


async def test_the_downloads_page_lists_every_file_and_the_licence(
    client: httpx.AsyncClient,
) -> None:
    for lang in ("en", "ar", "zh"):
        r = await client.get(f"/{lang}/downloads")
        assert r.status_code == 200
        for dataset in DATASETS:
            assert f'href="/downloads/{dataset}.csv"' in r.text
            assert f'href="/downloads/{dataset}.json"' in r.text
        assert "CC BY 4.0" in r.text and f'href="/{lang}/edition.pdf"' in r.text


async def test_a_states_sheet_as_pdf_shows_what_the_page_shows(
    client: httpx.AsyncClient, session: Any, entry: dict[str, str], sign_in
) -> None:
    r = await client.get("/en/states/XAA/sheet.pdf")
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    pages, text = pdf_text(r.content)
    assert pages >= 1 and "Atlantis" in text and "Poseidonia" in text
    assert PHONE not in text and MAIL not in text and PUBLIC_MAIL in text
    # a practitioner's PDF has the restricted contacts, and is private like the page
    assert (await sign_in(await token(session, Role.PRACTITIONER))).status_code == 303
    signed = await client.get("/en/states/XAA/sheet.pdf")
    assert PHONE.replace(" ", "") in pdf_text(signed.content)[1].replace(" ", "")
    assert signed.headers["cache-control"] == "private, no-store"


@pytest.mark.parametrize("lang", ["ar", "zh", "ru"])
async def test_the_pdf_sets_every_script_in_a_font_that_has_it(
    client: httpx.AsyncClient, entry: dict[str, str], lang: str
) -> None:
    r = await client.get(f"/{lang}/states/XAA/sheet.pdf")
    assert r.status_code == 200
    fonts = {
        str(font.get("/BaseFont"))
        for page in PdfReader(io.BytesIO(r.content)).pages
        for font in page["/Resources"]["/Font"].values()
        for font in [font.get_object()]
    }
    wanted = {"ar": "Noto-Naskh-Arabic", "zh": "Noto-Sans-CJK", "ru": "Noto-Sans"}[lang]
    assert any(wanted in name for name in fonts), fonts
    heading = {"ar": "الإخطارات", "zh": "通知", "ru": "Уведомления"}[lang]
    assert heading in pdf_text(r.content)[1]


async def test_an_edition_has_its_as_of_date_contents_and_no_restricted_value(
    client: httpx.AsyncClient, entry: dict[str, str]
) -> None:
    r = await client.get("/en/edition.pdf?states=XAA,XRQ")
    assert r.status_code == 200
    pages, text = pdf_text(r.content)
    assert pages >= 4  # cover, contents, a chapter each
    assert "Data as of" in text and "Edition made on" in text and "Contents" in text
    # the contents give each chapter's page number
    assert re.search(r"Atlantis XAA\s*\.+\s*\d+", text), text[:800]
    assert PHONE not in text and MAIL not in text
    bad = await client.get("/en/edition.pdf?states=XAA,<script>")
    assert bad.status_code == 400


async def test_the_fonts_the_pages_name_are_served_by_the_app(
    client: httpx.AsyncClient,
) -> None:
    page = await client.get("/en/")
    assert 'href="/static/fonts.css"' in page.text
    css = (await client.get("/static/fonts.css")).text
    urls = re.findall(r'url\("([^"]+)"\)', css)
    assert sorted(u.rsplit("/", 1)[-1] for u in urls) == sorted(FONTS)
    for url in urls:
        r = await client.get(url)
        assert r.status_code == 200, url
        assert r.headers["content-type"] in ("font/ttf", "font/collection")
        assert r.content[:4] in (b"\x00\x01\x00\x00", b"ttcf"), url


async def test_fonts_come_from_the_configured_folder_and_nowhere_else(
    tmp_path: Any, engine: Any, sessionmaker: Any, database_url_raw: str
) -> None:
    (tmp_path / "NotoSans-Regular.ttf").write_bytes(b"\x00\x01\x00\x00test")
    (tmp_path / "secret.txt").write_text("no")
    settings = Settings.from_env(
        {"DATABASE_URL": database_url_raw, "DIRECTORY_FONTS_DIR": str(tmp_path)}
    )
    app = create_app(settings, engine=engine, sessionmaker=sessionmaker)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://directory.test"
    ) as c:
        assert (await c.get("/fonts/NotoSans-Regular.ttf")).content.endswith(b"test")
        for name in ("secret.txt", "NotoSansCJK-Regular.ttc"):
            missing = await c.get(f"/fonts/{name}")
            assert missing.status_code == 404, name
            assert "DIRECTORY_FONTS_DIR" in missing.text
        assert (await c.get("/fonts/..%2fsecret.txt")).status_code == 404


@pytest.mark.parametrize("value", HOSTILE, ids=str)
async def test_hostile_pdf_parameters_get_a_clear_answer(
    client: httpx.AsyncClient, value: str
) -> None:
    # (a blank selection is the full edition: timed in the report, not here)
    edition = await client.get("/en/edition.pdf", params={"states": value})
    sheet = await client.get(f"/en/states/{quote(value, safe='')}/sheet.pdf")
    assert edition.status_code in (200, 400), value
    assert sheet.status_code in (400, 404), value
