"""The focal point's desk in headless Chromium against ``directory serve``: France's focal
point, invited from the command line, sets a password and a second factor, signs in, opens
the desk, edits two of France's rules (one with a new source) and submits them with a
reason; the secretariat, in a browser of its own, reads the diff and approves; the focal
point's CHANGE_APPLIED e-mail arrives at the SMTP server of this process; the public State
page shows the change. A focal point of a State with no entry enters an authority, its
designation and two rules as one request. The forms each focal point sent are counted
(README); axe-core finds no serious violation on the desk, a form with its errors, or a
request.

The lock-out after repeated failures is ``test_console_browser``'s."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyotp
import pytest

from tests.mail.smtpd import Inbox, running_server
from tests.web.browser import CHROMIUM, Server, fresh_database, serve

if not Path(CHROMIUM).exists():  # pragma: no cover - depends on the machine
    if os.environ.get("CI") == "true":
        raise RuntimeError(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
    pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)", allow_module_level=True)

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect, sync_playwright

PASSWORD = "a long pass phrase"
FOCAL = "focal.point@justice.example"
STAFF = "reviewer@unodc.example"
CHANNEL_NOTE = "Requests may be sent straight to the court (checked by the desk test)"
LANGUAGE_NOTE = "A French translation is required (checked by the desk test)"
SOURCE = "https://www.justice.gouv.fr/entraide-penale-internationale"


@pytest.fixture(scope="module")
def smtpd() -> Iterator[tuple[Inbox, int]]:
    yield from running_server()


@pytest.fixture(scope="module")
def served(
    database_url_raw: str, tmp_path_factory: pytest.TempPathFactory, smtpd: tuple[Inbox, int]
) -> Iterator[tuple[Server, str]]:
    workdir = tmp_path_factory.mktemp("desk-browser")
    mail = {
        "DIRECTORY_SMTP_HOST": "127.0.0.1",
        "DIRECTORY_SMTP_PORT": str(smtpd[1]),
        "DIRECTORY_MAIL_FROM": "directory@unodc.example",
        "DIRECTORY_MAIL_INTERVAL_SECONDS": "1",
    }
    saved = {k: os.environ.get(k) for k in mail}
    os.environ.update(mail)
    try:
        with fresh_database(database_url_raw, workdir) as url:
            for server in serve(url, workdir):
                os.environ["DIRECTORY_PUBLIC_URL"] = server.base
                yield server, url
    finally:
        os.environ.pop("DIRECTORY_PUBLIC_URL", None)
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def cli(url: str, *argv: str) -> str:
    env = {**os.environ, "DATABASE_URL": url}
    done = subprocess.run(
        [sys.executable, "-m", "directory", *argv], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


def _mail(inbox: Inbox, to: str, subject: str) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for message in inbox.messages:
            if message["To"] == to and subject in str(message["Subject"]):
                return str(message.get_content())
        time.sleep(0.2)
    raise AssertionError(f"no message to {to} with {subject!r} arrived")


def _serious(page: Page) -> list[tuple[str, str]]:
    """axe-core's serious and critical findings on the page as it stands."""
    violations = Axe().run(page).response["violations"]
    return [(v["id"], v["impact"]) for v in violations if v["impact"] in ("serious", "critical")]


class Forms:
    """Counts the forms a person sends (the README's "what entering a State takes")."""

    def __init__(self) -> None:
        self.sent = 0

    def send(self, page: Page, button: str) -> None:
        page.get_by_role("button", name=button).first.click()
        self.sent += 1


def _join(page: Page, forms: Forms, link: str, email: str) -> None:
    """Open the invitation, set a password and a second factor, sign in."""
    page.goto(link)
    key = page.locator("#totp-key").inner_text()
    page.fill("#password", PASSWORD)
    page.fill("#repeat", PASSWORD)
    page.fill("#code", pyotp.TOTP(key).now())
    forms.send(page, "Set my password")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.fill("#code", pyotp.TOTP(key).at(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=30)))
    forms.send(page, "Sign in")
    expect(page.locator("h1")).to_have_text("My account")


def test_a_focal_point_edits_two_rules_and_the_secretariat_approves(
    browser: Browser, served: tuple[Server, str], smtpd: tuple[Inbox, int]
) -> None:
    server, url = served
    focal = browser.new_context().new_page()
    forms = Forms()
    started = time.monotonic()
    # given France's focal point, invited from the command line
    link = cli(
        url, "account", "create", "--name", "Focal", "--email", FOCAL, "--role", "STATE_EDITOR",
        "--jurisdiction", "FRA",
    )  # fmt: skip
    _join(focal, forms, link, FOCAL)
    # when they open the desk
    focal.get_by_role("link", name="My State's desk").click()
    expect(focal.locator("h1")).to_contain_text("My State's desk")
    expect(focal.locator("#entries")).to_be_visible()
    assert _serious(focal) == []
    general = focal.locator("section[aria-labelledby=general]")
    # and edit a channel rule, citing a new source
    general.locator("li.channel-rule a").first.click()
    expect(focal.locator("h1")).to_have_text("Edit the channel rule")
    focal.fill("#f-condition", CHANNEL_NOTE)
    focal.fill("#f-sources-0-url", SOURCE)
    focal.fill("#f-sources-0-title", "Entraide pénale internationale")
    # a date in a wrong shape comes back next to its field, what was typed kept
    focal.fill("#f-sources-0-seenOn", "yesterday")
    forms.send(focal, "Add to my edits")
    expect(focal.locator("#f-sources-0-seenOn-error")).to_contain_text("YYYY-MM-DD")
    expect(focal.locator("#f-condition")).to_have_value(CHANNEL_NOTE)
    assert _serious(focal) == []  # the form with an error next to its field
    focal.fill("#f-sources-0-seenOn", dt.date.today().isoformat())
    forms.send(focal, "Add to my edits")
    # and a language rule
    expect(focal.locator("h1")).to_contain_text("My State's desk")
    general.locator("li.language-rule a").first.click()
    focal.fill("#f-condition", LANGUAGE_NOTE)
    forms.send(focal, "Add to my edits")
    # then both wait in the basket, sent with one reason
    expect(focal.locator("ol.basket li")).to_have_count(2)
    focal.fill("#reason", "Checked with the Ministry's page")
    forms.send(focal, "Submit for review")
    expect(focal.locator("#request-status")).to_have_text("Pending")
    assert _serious(focal) == []
    focal_minutes = (time.monotonic() - started) / 60
    # when the secretariat, in a browser of its own, reviews what came in
    staff = browser.new_context().new_page()
    staff_link = cli(
        url, "account", "create", "--name", "Reviewer", "--email", STAFF, "--role", "SECRETARIAT"
    )
    _join(staff, Forms(), staff_link, STAFF)
    staff.get_by_role("link", name="Review desk").click()
    expect(staff.locator("table.queue")).to_contain_text("Checked with the Ministry's page")
    expect(staff.locator("table.queue a")).to_have_count(1)  # two edits, one request
    seen: list[str] = []
    while staff.locator("table.queue a").count():
        staff.locator("table.queue a").first.click()
        seen.append(" ".join(staff.locator("table.diff td.after").all_inner_texts()))
        staff.get_by_role("button", name="Approve and apply").click()
        expect(staff.locator("#request-status")).to_have_text("Approved and applied")
        staff.get_by_role("link", name="Back to the review desk").click()
    # then it read the new words and the new source in the diffs
    assert any(CHANNEL_NOTE in s for s in seen) and any(LANGUAGE_NOTE in s for s in seen)
    assert any("Entraide pénale internationale" in s or SOURCE in s for s in seen), seen
    # and the focal point is told by e-mail, and sees the answer on the desk
    assert "approved" in _mail(smtpd[0], FOCAL, "approved")
    focal.reload()
    expect(focal.locator("#request-status")).to_have_text("Approved and applied")
    # and the public State page shows the change
    public = browser.new_context().new_page()
    public.goto(f"{server.base}/en/states/FRA")
    expect(public.locator("main")).to_contain_text(CHANNEL_NOTE)
    expect(public.locator("main")).to_contain_text(LANGUAGE_NOTE)
    print(f"\nfocal point: {forms.sent} forms sent, {focal_minutes:.1f} minutes in Chromium")
    # the invitation, the sign-in, three rule forms (one sent back once), the submission
    assert forms.sent == 6


NEW_NAME = "Central Authority of the desk test"


def test_a_focal_point_enters_a_state_with_no_authority(
    browser: Browser, served: tuple[Server, str], smtpd: tuple[Inbox, int]
) -> None:
    server, url = served
    focal = browser.new_context().new_page()
    forms = Forms()
    clicks = 0
    started = time.monotonic()
    # given the focal point of a State the directory holds no authority of (Tuvalu)
    link = cli(
        url, "account", "create", "--name", "Tuvalu", "--email", "focal@tuv.example",
        "--role", "STATE_EDITOR", "--jurisdiction", "TUV",
    )  # fmt: skip
    _join(focal, forms, link, "focal@tuv.example")
    focal.get_by_role("link", name="My State's desk").click()
    expect(focal.locator("main")).to_contain_text("The directory holds no authority")
    today = dt.date.today().isoformat()

    def cite() -> None:
        focal.fill("#f-sources-0-url", "https://www.un.org/en/about-us/member-states")
        focal.fill("#f-sources-0-seenOn", today)

    # when they enter an authority, its designation, a channel rule and a language rule
    focal.get_by_role("link", name="Add an authority").click()
    focal.fill("#f-names-0-language", "en")
    focal.fill("#f-names-0-name", NEW_NAME)
    focal.fill("#f-city", "Funafuti")
    focal.fill("#f-timeZone", "Pacific/Funafuti")
    cite()
    forms.send(focal, "Add to my edits")
    focal.locator("ol.basket a", has_text="Add a designation").click()
    focal.select_option("#f-subject", "MLA")
    cite()
    forms.send(focal, "Add to my edits")
    focal.locator("ol.basket a", has_text="Add a channel rule").click()
    focal.select_option("#f-channel", "DIPLOMATIC")
    cite()
    forms.send(focal, "Add to my edits")
    focal.locator("ol.basket a", has_text="Add a language rule").click()
    focal.fill("#f-language", "en")
    cite()
    forms.send(focal, "Add to my edits")
    clicks += 5  # the desk and the four links
    expect(focal.locator("ol.basket li")).to_have_count(4)
    focal.fill("#reason", "Our central authority")
    forms.send(focal, "Submit for review")
    expect(focal.locator("#request-status")).to_have_text("Pending")
    minutes = (time.monotonic() - started) / 60
    # then the secretariat approves the one request, and the public page shows the State's entry
    staff = browser.new_context().new_page()
    staff_link = cli(
        url, "account", "create", "--name", "Second", "--email", "second@unodc.example",
        "--role", "SECRETARIAT",
    )  # fmt: skip
    _join(staff, Forms(), staff_link, "second@unodc.example")
    staff.goto(f"{server.base}/en/review?state=TUV")
    expect(staff.locator("table.queue a")).to_have_count(1)
    staff.locator("table.queue a").first.click()
    staff.get_by_role("button", name="Approve and apply").click()
    expect(staff.locator("#request-status")).to_have_text("Approved and applied")
    public = browser.new_context().new_page()
    public.goto(f"{server.base}/en/states/TUV")
    expect(public.locator("main")).to_contain_text(NEW_NAME)
    print(
        f"\nnew State: {forms.sent} forms sent and {clicks} links followed, "
        f"{minutes:.1f} minutes in Chromium"
    )
    # the invitation, the sign-in, four forms, the submission
    assert forms.sent == 7
