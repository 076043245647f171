"""The six UN languages of the pages: which one a request gets, and its gettext catalog.

The language comes from the URL (``/fr/…``) first; only ``/`` itself reads
``Accept-Language`` to choose where to send the reader. The catalogs are the ``.po`` files
under ``locale/<lang>/LC_MESSAGES/``, compiled in memory by Babel when first needed: no
``.mo`` file is built or committed, so a catalog can never be stale against its source, and
a wheel carries only the ``.po`` files (package data). English is the source language: its
catalog exists (so the "every string translated" test can treat six languages alike) and
maps each message to itself.
"""

from __future__ import annotations

import gettext
import io
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

__all__ = [
    "DEFAULT",
    "LANGUAGES",
    "Language",
    "from_accept_language",
    "language",
    "translations",
]


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1, as in the URL
    endonym: str  # the language's name in itself, for the switcher
    rtl: bool = False

    @property
    def direction(self) -> str:
        return "rtl" if self.rtl else "ltr"


# In the UN's order of the official languages (alphabetical in English).
LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("ar", "العربية", rtl=True),
        Language("zh", "中文"),
        Language("en", "English"),
        Language("fr", "Français"),
        Language("ru", "Русский"),
        Language("es", "Español"),
    )
}
DEFAULT = LANGUAGES["en"]
# An Accept-Language header longer than this is not read past it (a real one is < 200).
_ACCEPT_MAX = 1000


def language(code: str) -> Language | None:
    """The language of a URL's first segment, or None when it is not one of the six."""
    return LANGUAGES.get(code)


def from_accept_language(header: str | None) -> Language:
    """The best of the six for an ``Accept-Language`` header; English when none fits.

    ``zh-Hant-TW;q=0.8`` counts as ``zh``; malformed entries and q-values are skipped, never
    an error: a browser's header is a hint, not an input to refuse."""
    best: tuple[float, int, Language] | None = None
    for position, item in enumerate((header or "")[:_ACCEPT_MAX].split(",")):
        tag, _, params = item.strip().partition(";")
        primary = tag.strip().split("-")[0].lower()
        found = LANGUAGES.get(primary)
        if found is None:
            continue
        quality = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                quality = float(params[2:])
            except ValueError:
                continue
            if not 0 < quality <= 1:
                continue
        # higher quality wins; among equals, the one listed first
        if best is None or (quality, -position) > (best[0], -best[1]):
            best = (quality, position, found)
    return best[2] if best else DEFAULT


@cache
def translations(code: str) -> gettext.GNUTranslations:
    """The compiled catalog of ``code`` (one of the six), read once per process."""
    po = files("directory.web") / "locale" / code / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=code)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)
