"""The console in headless Chromium against ``directory serve``: an invitation made with the
command line arrives by e-mail (the server's own mail task, to an SMTP server in this
process), the person sets a password and a second factor, signs in with a fresh code and
sees their account; a form whose CSRF token was removed is refused; an account is locked
after repeated failures."""

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

from playwright.sync_api import Browser, Page, expect, sync_playwright

PASSWORD = "a long pass phrase"
STAFF = "staff@unodc.example"


@pytest.fixture(scope="module")
def smtpd() -> Iterator[tuple[Inbox, int]]:
    yield from running_server()


@pytest.fixture(scope="module")
def served(
    database_url_raw: str, tmp_path_factory: pytest.TempPathFactory, smtpd: tuple[Inbox, int]
) -> Iterator[tuple[Server, str]]:
    workdir = tmp_path_factory.mktemp("console-browser")
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


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    yield context.new_page()
    context.close()


def _arrived(inbox: Inbox, to: str) -> str:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        for message in inbox.messages:
            if message["To"] == to:
                return message.get_content()
        time.sleep(0.2)
    raise AssertionError(f"no message to {to} arrived")


def test_invitation_password_second_factor_sign_in_and_csrf(
    page: Page, served: tuple[Server, str], smtpd: tuple[Inbox, int]
) -> None:
    server, url = served
    # given the first secretariat account, created from the command line
    link = cli(
        url, "account", "create", "--name", "Head", "--email", STAFF, "--role", "SECRETARIAT"
    )
    assert link.startswith(f"{server.base}/en/invitation/")
    # then its invitation arrives by e-mail, with the same link
    assert link in _arrived(smtpd[0], STAFF)
    # when the person opens it, sets a password and adds the key to an app
    page.goto(link)
    key = page.locator("#totp-key").inner_text()
    page.fill("#password", PASSWORD)
    page.fill("#repeat", PASSWORD)
    page.fill("#code", pyotp.TOTP(key).now())
    page.get_by_role("button", name="Set my password").click()
    expect(page.locator("p.notice")).to_contain_text("Your password is set")
    # and signs in with the password and the app's next code
    page.fill("#email", STAFF)
    page.fill("#password", PASSWORD)
    page.fill("#code", pyotp.TOTP(key).at(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=30)))
    page.get_by_role("button", name="Sign in").first.click()
    expect(page.locator("h1")).to_have_text("My account")
    expect(page.locator("main")).to_contain_text(STAFF)
    # a form whose CSRF token is taken away is refused, and nothing is created
    page.evaluate(
        "document.querySelector('form[action$=\"/account/tokens\"] input[name=csrf]').remove()"
    )
    page.fill("#token-name", "forged")
    page.get_by_role("button", name="Create a token").click()
    expect(page.locator("h1")).to_have_text("The form had expired: please send it again.")
    page.goto(f"{server.base}/en/account")
    expect(page.locator("main")).not_to_contain_text("forged")


def test_an_account_is_locked_after_repeated_failures(
    page: Page, served: tuple[Server, str]
) -> None:
    _server, url = served
    link = cli(
        url,
        "account",
        "create",
        "--name",
        "Focal",
        "--email",
        "focal@fra.example",
        "--role",
        "PRACTITIONER",
        "--language",
        "fr",
    )
    page.goto(link.replace("/en/", "/fr/"))
    page.fill("#password", PASSWORD)
    page.fill("#repeat", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    for attempt in range(6):
        page.fill("#email", "focal@fra.example")
        page.fill("#password", PASSWORD if attempt == 5 else "wrong pass phrase")
        page.locator("form[action$='/sign-in/account'] button").click()
    # the right password, after five wrong ones: locked, said in French
    expect(page.locator("p.error")).to_contain_text("verrouillé")
