"""The pages in headless Chromium (Debian's, driven by Playwright): search to State page, the
wizard in five scenarios with the keyboard, the language switch and Arabic right to left,
print and the public seeing no restricted value, axe-core on every page type in every
language, GraphiQL offline, and no request leaving the host. With DIRECTORY_SCREENSHOTS=1 the
screenshots shown in the README are written to docs/screenshots/ (never otherwise: a test run
leaves the work tree as it found it)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from directory.web.i18n import LANGUAGES
from tests.web.browser import CHROMIUM, Outside, Server, fresh_database, serve

if not Path(CHROMIUM).exists():  # pragma: no cover - depends on the machine
    if os.environ.get("CI") == "true":
        raise RuntimeError(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
    pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)", allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, Route, sync_playwright

SCREENSHOTS = Path(__file__).parents[2] / "docs" / "screenshots"
LANGS = list(LANGUAGES)


def shot(page: Page, name: str, *, full_page: bool = True) -> None:
    """The README's screenshot ``name``, taken only when DIRECTORY_SCREENSHOTS=1 asks."""
    image = page.screenshot(full_page=full_page)
    assert image.startswith(b"\x89PNG")
    if os.environ.get("DIRECTORY_SCREENSHOTS") == "1":
        (SCREENSHOTS / f"{name}.png").write_bytes(image)


@pytest.fixture(scope="module")
def server(database_url_raw: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    workdir = tmp_path_factory.mktemp("browser")
    with fresh_database(database_url_raw, workdir) as url:
        yield from serve(url, workdir)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def outside() -> Outside:
    return Outside()


@pytest.fixture
def page(browser: Browser, server: Server, outside: Outside) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})

    def guard(route: Route) -> None:
        if route.request.url.startswith(server.base + "/") or route.request.url.startswith("data:"):
            route.continue_()
        else:
            outside.urls.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    p = context.new_page()
    yield p
    context.close()


def test_search_then_state_page(page: Page, server: Server) -> None:
    page.goto(f"{server.base}/en/")
    page.get_by_label("Name, code or city").fill("kiribati")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    with page.expect_navigation():
        page.get_by_role("link", name="Kiribati").first.click()
    assert page.url.endswith("/en/states/KIR")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Kiribati")
    shot(page, "state-en")


def choose(page: Page, label: str, value: str) -> None:
    page.get_by_label(label).select_option(value)


WIZARD: list[tuple[str, dict[str, str], list[str], dict[str, str], list[str]]] = [
    # (id, step one, step-two radios/checkboxes to tick, expected text, warning codes)
    (
        "stage-split",
        {"requested": "ROU", "subject": "MLA"},
        ["stage-INVESTIGATION"],
        {"Send it to": "Prosecutor"},
        [],
    ),
    (
        "territory",
        {"requested": "CHN", "subject": "MLA"},
        ["place-HKG"],
        {"Send it to": "Hong Kong"},
        [],
    ),
    (
        "urgent-interpol",
        {"requested": "IRL", "subject": "MLA"},
        ["urgent"],
        {"Channels allowed for this request": "Interpol"},
        [],
    ),
    # the Bahamas take UNTOC as a basis for extradition only with reciprocity (16(5))
    (
        "requirements",
        {"requesting": "KIR", "requested": "BHS", "subject": "EXTRADITION"},
        [],
        {"Legal bases in force for both States": "Reciprocity"},
        [],
    ),
    ("little-known", {"requested": "TUV", "subject": "MLA"}, [], {}, ["NO_AUTHORITY"]),
]


@pytest.mark.parametrize(
    ("case", "first", "ticks", "says", "codes"), WIZARD, ids=[w[0] for w in WIZARD]
)
def test_wizard_with_the_keyboard(
    page: Page,
    server: Server,
    case: str,
    first: dict[str, str],
    ticks: list[str],
    says: dict[str, str],
    codes: list[str],
) -> None:
    page.goto(f"{server.base}/en/wizard")
    choose(page, "Requesting State (yours)", first.get("requesting", "FRA"))
    choose(page, "Requested State", first["requested"])
    choose(page, "Kind of request", first["subject"])
    page.get_by_role("button", name="Next").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    for tick in ticks:
        page.locator(f"#{tick}").focus()
        page.keyboard.press("Space")
    if "/answer" not in page.url:
        page.get_by_role("button", name="Show where to send it").focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
    assert "/en/answer?" in page.url
    for heading, text in says.items():
        section = page.locator("section", has=page.get_by_role("heading", name=heading))
        assert text in section.inner_text(), (case, heading)
    found = page.locator("[data-code]").evaluate_all("els => els.map(e => e.dataset.code)")
    for code in codes:
        assert code in found
    if case == "stage-split":
        shot(page, "answer-en")
        permalink = page.get_by_role("link", name="Permalink").get_attribute("href")
        page.goto(server.base + str(permalink))
        assert "Prosecutor" in page.inner_text("main")


def test_language_switch_and_arabic_right_to_left(page: Page, server: Server) -> None:
    page.goto(f"{server.base}/en/states/KIR")
    with page.expect_navigation():
        page.get_by_role("link", name="العربية").click()
    assert page.url.endswith("/ar/states/KIR")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    shot(page, "state-ar")
    page.goto(f"{server.base}/ar/")
    shot(page, "home-ar", full_page=False)
    page.goto(f"{server.base}/en/")
    shot(page, "home-en", full_page=False)
    page.goto(
        f"{server.base}/ar/answer?requesting=FRA&requested=ROU&subject=MLA&stage=INVESTIGATION"
    )
    shot(page, "answer-ar")


def test_print_media_hides_navigation_and_forms(page: Page, server: Server) -> None:
    page.goto(f"{server.base}/en/states/ROU")
    page.emulate_media(media="print")
    assert not page.locator("header.site nav").first.is_visible()
    assert page.locator("main h1").is_visible()
    pdf = page.pdf()  # Chromium's own print path renders it
    assert pdf.startswith(b"%PDF")


def test_the_public_sees_no_contact_fields(page: Page, server: Server) -> None:
    for path in (
        "/en/states/ROU",
        "/en/states/IRL",
        "/en/answer?requesting=FRA&requested=IRL&subject=MLA",
    ):
        page.goto(server.base + path)
        assert page.locator("dd.contact").count() == 0 or all(
            "@" not in t for t in page.locator("dd.contact").all_inner_texts()
        )


PAGE_TYPES = [
    "/",
    "/search?q=justice",
    "/states/ROU",
    "/authorities/{authority}",
    "/wizard",
    "/wizard?requesting=FRA&requested=ROU&subject=MLA",
    "/answer?requesting=FRA&requested=ROU&subject=MLA&stage=INVESTIGATION",
    "/sign-in",
    "/states/ZZZ",
]
AXE_RESULTS: dict[str, Any] = {}


@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_no_serious_violation(page: Page, server: Server, lang: str) -> None:
    axe = Axe()
    page.goto(f"{server.base}/{lang}/search?q=ministry")
    authority = page.locator("a[href*='/authorities/']").first.get_attribute("href")
    key = str(authority).rsplit("/", 1)[-1]
    serious = []
    for template in PAGE_TYPES:
        path = template.format(authority=key)
        page.goto(f"{server.base}/{lang}{path}")
        results = axe.run(page)
        violations = results.response["violations"]
        AXE_RESULTS[f"{lang}{path}"] = {v["id"]: v["impact"] for v in violations}
        serious += [
            (path, v["id"], v["impact"])
            for v in violations
            if v["impact"] in ("serious", "critical")
        ]
    print(
        f"axe {lang}: {len(PAGE_TYPES)} pages,",
        sum(len(v) for k, v in AXE_RESULTS.items() if k.startswith(f"{lang}/")),
        "violations of any impact:",
        sorted({i for k, v in AXE_RESULTS.items() if k.startswith(f"{lang}/") for i in v}),
    )
    assert serious == []


def test_axe_sees_violations_where_there_are(page: Page, server: Server) -> None:
    # the harness check: a page with an image without text and an unlabelled field
    page.goto(f"{server.base}/en/")
    page.set_content('<html lang="en"><body><img src="data:,"><input type="text"></body></html>')
    found = {v["id"] for v in Axe().run(page).response["violations"]}
    assert {"image-alt", "label"} <= found


def test_graphiql_works_offline(page: Page, server: Server) -> None:
    served: list[str] = []
    refused: list[str] = []
    page.on("request", lambda r: served.append(r.url))
    page.on("console", lambda m: refused.append(m.text) if m.type == "error" else None)
    page.goto(f"{server.base}/graphql", wait_until="networkidle")
    editor = page.locator(".graphiql-query-editor")
    editor.wait_for(timeout=20000)
    assert "WhereToSend" in editor.inner_text()  # the directory's example query
    page.get_by_role("button", name=re.compile("Execute query")).click()
    page.locator(".result-window").get_by_text("destinations").wait_for(timeout=20000)
    assert '"errors"' not in page.locator(".result-window").inner_text()
    # its scripts and styles came from the app; nothing was refused by the page's policy
    assert sum("/graphiql/" in url for url in served) >= 5
    assert all(url.startswith(server.base + "/") or url.startswith("data:") for url in served)
    assert refused == []


def test_no_request_left_the_host(outside: Outside) -> None:
    # runs last in this module: every page above was loaded under the guard
    assert outside.urls == []
