"""Jinja2 through Starlette's templating, one environment per language.

Each environment has that language's catalog installed (``jinja2.ext.i18n``, new-style
gettext: ``_("… %(name)s", name=x)`` escapes its arguments), so a template never chooses a
language itself. Filters turn dates, language codes and codes of the data into words in the
page's language (Babel's CLDR data for dates and language names).
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib.resources import files

from babel import Locale
from babel.dates import format_date
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.templating import Jinja2Templates

from directory.web import labels
from directory.web.i18n import LANGUAGES, translations

__all__ = ["templates_for"]


def _environment(code: str) -> Environment:
    folder = str(files("directory.web") / "templates")
    env = Environment(
        loader=FileSystemLoader(folder),
        autoescape=select_autoescape(["html", "xml"]),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    catalog = translations(code)
    # the i18n extension adds this method at run time; Environment's stubs do not declare it
    env.install_gettext_translations(catalog, newstyle=True)  # type: ignore[attr-defined]
    gettext = catalog.gettext
    locale = Locale.parse(code)

    def date(value: dt.date | None) -> str:
        return format_date(value, format="long", locale=locale) if value else ""

    def language_name(iso: str) -> str:
        return locale.languages.get(iso) or Locale("en").languages.get(iso) or iso

    env.filters.update(
        date=date,
        language_name=language_name,
        enum=lambda value: labels.enum(gettext, value),
    )
    env.globals.update(
        term=lambda vocabulary, code, data_name=None: labels.term(
            gettext, vocabulary, code, data_name
        ),
        warning_text=lambda w, state: labels.warning(gettext, w.code, state, w.on, date),
        languages=list(LANGUAGES.values()),
    )
    return env


@cache
def templates_for(code: str) -> Jinja2Templates:
    return Jinja2Templates(env=_environment(code))
