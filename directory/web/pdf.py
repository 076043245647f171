"""PDFs, made by WeasyPrint from the print layout of the pages: a State's sheet, and the
whole directory as an edition (cover with its as-of date, a table of contents with page
numbers, one chapter per jurisdiction).

    /{lang}/states/{code}/sheet.pdf    one State (or territory), as its page shows it
    /{lang}/edition.pdf                every jurisdiction, in the order of their names
    /{lang}/edition.pdf?states=A,B     the same for the States a reader names (at most 50)

A PDF shows what the reader's page would show, through the same gate (``sheets``): the
public's PDF holds no restricted contact, a signed-in practitioner's does, and is then sent
``private, no-store`` like the page. WeasyPrint fetches nothing from the network: its URL
fetcher (``_Local``) answers the app's own stylesheets from the package and the fonts from
``DIRECTORY_FONTS_DIR`` (``fonts.py``), and refuses every other address. The layout runs in a
worker thread (``asyncio.to_thread``), so a long edition never blocks other requests; the
public edition is the same for every anonymous reader and takes about a minute to lay out
(some 570 pages for the reference seed), so it is kept per language for ``EDITION_MAX_AGE``
or until the data's as-of date changes (``_EDITIONS``).
"""

from __future__ import annotations

import asyncio
import time
from importlib.resources import files
from typing import Any

from starlette.responses import Response
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from directory.accounts.permissions import ANONYMOUS
from directory.treaties import services as treaties
from directory.treaties.models import Subject
from directory.web import params, sheets
from directory.web.base import Page, PageNotFound
from directory.web.fonts import FONTS, font_file
from directory.web.pages import all_jurisdictions, state_code
from directory.web.params import BadParameter

__all__ = ["edition_pdf", "render_pdf", "state_pdf"]

EDITION_MAX_AGE = 3600  # seconds an edition is served again before it is made anew
BASE_URL = "https://directory.invalid/"  # never fetched: every URL is answered by _Local
# language -> (as-of date, made at (monotonic seconds), the PDF)
_EDITIONS: dict[str, tuple[Any, float, bytes]] = {}


class _Local(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no type hints
    """The app's own files only; anything else is refused (WeasyPrint leaves it out)."""

    def __init__(self, font_dirs: tuple[str, ...]) -> None:
        super().__init__(fail_on_errors=False)
        self._font_dirs = font_dirs

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        path = url.removeprefix(BASE_URL.rstrip("/"))
        if path.startswith("/static/") and path.endswith(".css") and path.count("/") == 2:
            name = path.removeprefix("/static/")
            resource = files("directory.web") / "static" / name
            if resource.is_file():
                return URLFetcherResponse(
                    url, resource.read_bytes(), {"content-type": "text/css; charset=utf-8"}
                )
        if path.startswith("/fonts/"):
            found = font_file(path.removeprefix("/fonts/"), self._font_dirs)
            if found is not None:
                return URLFetcherResponse(
                    url, found.read_bytes(), {"content-type": FONTS[found.name]}
                )
        raise ValueError(f"{url[:80]} is not one of the app's files: not fetched")


def render_pdf(html: str, font_dirs: tuple[str, ...]) -> bytes:
    """``html`` (a page of the print layout) as a PDF."""
    pdf: bytes = HTML(string=html, base_url=BASE_URL, url_fetcher=_Local(font_dirs)).write_pdf()
    return pdf


def _pdf_response(body: bytes, filename: str) -> Response:
    return Response(
        body,
        media_type="application/pdf",
        headers={"content-disposition": f'inline; filename="{filename}"'},
    )


async def state_pdf(p: Page) -> Response:
    code = state_code(p.request.path_params["code"])
    j = await sheets.jurisdiction(p.session, code)
    if j is None:
        raise PageNotFound("jurisdiction", code)
    sheet = await sheets.state_sheet(
        p.session, p.principal, j, p.lang.code, p.now.date(), p.web.settings.stale_after_days
    )
    subjects = {s.code: s.name for s in await treaties.vocabulary(p.session, Subject)}
    html = p.html("state.html", sheet=sheet, subject_names=subjects)
    body = await asyncio.to_thread(render_pdf, html, p.web.settings.fonts_dirs)
    return _pdf_response(body, f"directory-{j.code}-{p.lang.code}.pdf")


EDITION_SELECTION_MAX = 50


def _selection(p: Page) -> set[str] | None:
    raw = params.text(p.params, "states", limit=4 * EDITION_SELECTION_MAX)
    if raw is None:
        return None
    codes = {
        params.code({"states": part.strip()}, "states", required=True) or ""
        for part in raw.split(",")
        if part.strip()
    }
    if len(codes) > EDITION_SELECTION_MAX:
        raise BadParameter("states", raw, "too_long")
    return codes


async def edition_pdf(p: Page) -> Response:
    as_of = await treaties.latest_source_date(p.session)
    selection = _selection(p)
    public = p.principal is ANONYMOUS and selection is None  # only the full edition is kept
    kept = _EDITIONS.get(p.lang.code)
    if public and kept and kept[0] == as_of and time.monotonic() - kept[1] < EDITION_MAX_AGE:
        return _pdf_response(kept[2], f"directory-edition-{p.lang.code}.pdf")
    subjects = {s.code: s.name for s in await treaties.vocabulary(p.session, Subject)}
    chapters = []
    for j, _name in await all_jurisdictions(p.session, p.lang.code):
        if selection is not None and j.code not in selection:
            continue
        chapters.append(
            await sheets.state_sheet(
                p.session,
                p.principal,
                j,
                p.lang.code,
                p.now.date(),
                p.web.settings.stale_after_days,
            )
        )
    html = p.html(
        "edition.html", sheets=chapters, subject_names=subjects, as_of=as_of, made_on=p.now.date()
    )
    body = await asyncio.to_thread(render_pdf, html, p.web.settings.fonts_dirs)
    if public:
        _EDITIONS[p.lang.code] = (as_of, time.monotonic(), body)
    return _pdf_response(body, f"directory-edition-{p.lang.code}.pdf")
