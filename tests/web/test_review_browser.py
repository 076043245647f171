"""The review desk in headless Chromium against ``directory serve``: France's editor proposes a
new city through GraphQL with a token; the secretariat, invited from the command line,
sets a password and a second factor, signs in, opens the queue, reads the diff (old city,
new city) and approves; the public authority page shows the new city. axe-core finds no
serious violation on the queue or the request."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyotp
import pytest

from tests.web.browser import CHROMIUM, Server, fresh_database, serve

if not Path(CHROMIUM).exists():  # pragma: no cover - depends on the machine
    if os.environ.get("CI") == "true":
        raise RuntimeError(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
    pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)", allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect, sync_playwright

PASSWORD = "a long pass phrase"
STAFF = "reviewer@unodc.example"
# France's central authority in the reference seed, in Paris
KEY = "aut-fra-office-for-international-mutual-assistance-in-criminal-matters-bepi-directorate"
GID = base64.b64encode(f"Authority:{KEY}".encode()).decode()
READ = "query ($id: ID!) { authority(id: $id) { city version } }"
UPDATE = """
mutation ($input: UpdateAuthorityInput!) {
  updateAuthority(input: $input) { status changeRequest { id } userErrors { message } }
}
"""


@pytest.fixture(scope="module")
def served(
    database_url_raw: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Server, str]]:
    workdir = tmp_path_factory.mktemp("review-browser")
    with fresh_database(database_url_raw, workdir) as url:
        for server in serve(url, workdir):
            os.environ["DIRECTORY_PUBLIC_URL"] = server.base
            try:
                yield server, url
            finally:
                os.environ.pop("DIRECTORY_PUBLIC_URL", None)


def cli(url: str, *argv: str) -> str:
    env = {**os.environ, "DATABASE_URL": url}
    done = subprocess.run(
        [sys.executable, "-m", "directory", *argv], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def graphql(server: Server, query: str, variables: dict[str, Any], token: str) -> Any:
    request = urllib.request.Request(
        f"{server.base}/graphql",
        data=json.dumps({"query": query, "variables": variables}).encode(),
        headers={"content-type": "application/json", "authorization": f"Bearer {token}"},
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        body = json.load(answer)
    assert "errors" not in body, body
    return body["data"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    yield context.new_page()
    context.close()


def _serious(page: Page) -> list[tuple[str, str]]:
    """axe-core's serious and critical findings on the page as it stands."""
    violations = Axe().run(page).response["violations"]
    return [(v["id"], v["impact"]) for v in violations if v["impact"] in ("serious", "critical")]


def test_an_editor_proposes_the_secretariat_reads_the_diff_and_approves(
    page: Page, served: tuple[Server, str]
) -> None:
    server, url = served
    # given France's editor with a token, proposing a new city through the API
    token = cli(
        url,
        "token",
        "create",
        "--role",
        "STATE_EDITOR",
        "--jurisdiction",
        "FRA",
        "--name",
        "fra-focal",
    ).splitlines()[0]
    current = graphql(server, READ, {"id": GID}, token)["authority"]
    assert current["city"] == "Paris"
    proposed = graphql(
        server,
        UPDATE,
        {
            "input": {
                "authority": GID,
                "expectedVersion": current["version"],
                "city": "Lyon",
                "reason": "the office moved",
            }
        },
        token,
    )["updateAuthority"]
    assert proposed["status"] == "PENDING_REVIEW", proposed
    # and the secretariat, invited from the command line, sets its password and second factor
    link = cli(
        url, "account", "create", "--name", "Reviewer", "--email", STAFF, "--role", "SECRETARIAT"
    )
    page.goto(link)
    key = page.locator("#totp-key").inner_text()
    page.fill("#password", PASSWORD)
    page.fill("#repeat", PASSWORD)
    page.fill("#code", pyotp.TOTP(key).now())
    page.get_by_role("button", name="Set my password").click()
    page.fill("#email", STAFF)
    page.fill("#password", PASSWORD)
    page.fill("#code", pyotp.TOTP(key).at(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=30)))
    page.get_by_role("button", name="Sign in").first.click()
    expect(page.locator("h1")).to_have_text("My account")
    # when it opens the review desk and the request
    page.get_by_role("link", name="Review desk").click()
    expect(page.locator("h1")).to_have_text("Review desk")
    expect(page.locator("table.queue")).to_contain_text("the office moved")
    assert _serious(page) == []
    page.locator("table.queue a").first.click()
    assert _serious(page) == []
    # then the diff shows the old and the new city, in words
    city = page.locator("table.diff tr", has=page.locator("th", has_text="City"))
    expect(city.locator("td.before")).to_have_text("Paris")
    expect(city.locator("td.after")).to_have_text("Lyon")
    # when it approves
    page.get_by_role("button", name="Approve and apply").click()
    expect(page.locator("#request-status")).to_have_text("Approved and applied")
    # then the public authority page shows the new city
    page.goto(f"{server.base}/en/authorities/{KEY}")
    expect(page.locator("main address")).to_contain_text("Lyon")
