"""The messages of the pages as the source code has them, for the catalogs' test.

``source_messages()`` extracts every ``_()`` / ``N_()`` / ``gettext`` message from the
surface's Python modules and templates with Babel (the same extraction ``pybabel
extract -F babel.cfg`` performs), so the test of the catalogs compares them with what the
pages can actually show.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir

KEYWORDS = {"_": None, "gettext": None, "N_": None}
_METHODS = [
    ("**/templates/**.html", "jinja2.ext:babel_extract"),
    ("**.py", "python"),
]


def source_messages() -> set[str]:
    root = Path(str(files("directory.web")))
    found: set[str] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(root),
        method_map=_METHODS,
        keywords=KEYWORDS,
        options_map={"**/templates/**.html": {"extensions": "jinja2.ext.i18n"}},
    ):
        if isinstance(message, str):
            found.add(message)
    return found


def problems(catalog: Catalog, messages: set[str]) -> dict[str, list[str]]:
    """What keeps ``catalog`` from covering ``messages``: each list empty when it does."""
    entries = {m.id: m for m in catalog if m.id and isinstance(m.id, str)}
    return {
        "missing": sorted(messages - entries.keys()),
        "untranslated": sorted(m for m in messages & entries.keys() if not entries[m].string),
        "fuzzy": sorted(m for m in messages & entries.keys() if entries[m].fuzzy),
        "obsolete": sorted(entries.keys() - messages),
    }
