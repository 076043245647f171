"""The GraphiQL page and its files, all served by the app: it works with no network but this one.

Strawberry's own page persists typed headers (tokens) in localStorage
(``shouldPersistHeaders: true``), reads headers from the URL, and loads its files from a CDN.
This one (``static/graphiql.html``) keeps GraphiQL's state in memory only, never persists
headers, opens on an example query for this directory (``static/graphiql/start.js``), and loads
React, ReactDOM and GraphiQL 3.8.3 from ``/graphiql/`` (``static/graphiql/``, with Subresource
Integrity). Those files come from the npm packages pinned in ``static/graphiql/assets.json``
(name, version, tarball integrity, licence); ``tools/vendor_graphiql.py`` fetches them again
and checks every hash, and a test checks the files in place against them.

The page has no inline script or style, so its policy is ``'self'`` for both;
``connect-src 'self'`` lets GraphiQL reach this API and nothing else; ``font-src data:`` is
for the fonts GraphiQL's stylesheet embeds; ``frame-ancestors 'none'`` forbids framing
(clickjacking of a page that holds a token).
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

from starlette.responses import HTMLResponse
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

__all__ = ["ASSETS_PATH", "graphiql_assets", "graphiql_page", "graphiql_policy"]

ASSETS_PATH = "/graphiql"
_STATIC = "static"
_FILE = re.compile(r'(?:src|href)="([^"]+)"')

POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "connect-src 'self'",
        "img-src 'self' data:",
        "font-src data:",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ]
)


@cache
def _page() -> str:
    static = files("directory.graphql") / _STATIC
    html = (static / "graphiql.html").read_text(encoding="utf-8")
    # every file the page names is one of ours: a CDN address or a missing file is a bug
    for url in _FILE.findall(html):
        name = url.removeprefix(ASSETS_PATH + "/")
        if name == url or "/" in name or not (static / "graphiql" / name).is_file():
            raise RuntimeError(f"graphiql.html names {url!r}, which is not a file of /graphiql/")
    return html


def graphiql_page() -> HTMLResponse:
    return HTMLResponse(_page(), headers={"content-security-policy": POLICY})


def graphiql_policy() -> str:
    return POLICY


def graphiql_assets() -> Mount:
    """``/graphiql/…``: the page's scripts and styles (``static/graphiql/``)."""
    return Mount(
        ASSETS_PATH,
        StaticFiles(packages=[("directory.graphql", f"{_STATIC}/graphiql")]),
        name="graphiql",
    )
