"""The six catalogs against the source: every message the pages can show is translated in
every language, with the same placeholders, and no catalog keeps a message the code lost."""

from __future__ import annotations

import datetime as dt
import re
from importlib.resources import files

import pytest
from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from directory.routing.advice import WarningCode
from directory.web import labels
from directory.web.i18n import LANGUAGES, translations
from tests.web.catalog import problems, source_messages

PLACEHOLDER = re.compile(r"%\((\w+)\)s")
# words that are the same in a language as in English (names, loanwords, codes)
SAME_ANYWHERE = {
    "Interpol",
    "Fax",
    "Extradition",
    "Confiscation",
    "Corruption",
    "Error",
    "Instrument",
    "Notifications",
    "Sources",
    "Signature",
    "Ratification",
    "Succession",
    "art. %(article)s",
    "GraphQL API",
}


def catalog(lang: str):
    with (files("directory.web") / "locale" / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f, locale=lang)


@pytest.fixture(scope="module")
def messages() -> set[str]:
    found = source_messages()
    assert len(found) > 150, "the extraction found the pages' messages"
    return found


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_message_is_translated(lang: str, messages: set[str]) -> None:
    found = problems(catalog(lang), messages)
    assert found == {"missing": [], "untranslated": [], "fuzzy": [], "obsolete": []}


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_translations_keep_the_placeholders(lang: str) -> None:
    wrong = [
        m.id
        for m in catalog(lang)
        if m.id and sorted(PLACEHOLDER.findall(m.id)) != sorted(PLACEHOLDER.findall(m.string))
    ]
    assert wrong == []


@pytest.mark.parametrize("lang", ["ar", "zh", "fr", "ru", "es"])
def test_translations_are_not_copies_of_english(lang: str) -> None:
    copies = [m.id for m in catalog(lang) if m.id and m.string == m.id]
    assert set(copies) <= SAME_ANYWHERE


def test_the_compiled_catalog_answers_in_the_language() -> None:
    assert translations("fr").gettext("Search") == "Rechercher"
    assert translations("ar").gettext("Search") == "بحث"
    assert translations("en").gettext("Search") == "Search"


def test_the_check_names_each_kind_of_gap() -> None:
    # given a catalog with an empty, a fuzzy and an obsolete entry, and one message missing
    cat = Catalog(locale="fr")
    cat.add("Search", "")
    cat.add("Home", "Accueil", flags=["fuzzy"])
    cat.add("Gone", "Parti")
    # when it is checked against the messages of the source
    found = problems(cat, {"Search", "Home", "Next"})
    # then each gap is named
    assert found == {
        "missing": ["Next"],
        "untranslated": ["Search"],
        "fuzzy": ["Home"],
        "obsolete": ["Gone"],
    }


def test_every_route_warning_code_has_a_label() -> None:
    # a code the route can give and the pages cannot word would reach readers in English
    missing = [code.value for code in WarningCode if code not in labels.WARNINGS]
    assert missing == []


def test_a_warning_names_its_date_in_the_language() -> None:
    text = labels.warning(
        translations("fr").gettext,
        WarningCode.PARTICIPATION_AS_OF,
        "Atlantis",
        on=dt.date(2019, 3, 4),
        date=lambda d: format_date(d, format="long", locale="fr") if d else "",
    )
    assert "4 mars 2019" in text
