"""The GraphiQL page, with a Content-Security-Policy that allows exactly what it needs.

Strawberry's own page persists typed headers (tokens) in localStorage
(``shouldPersistHeaders: true``), reads headers from the URL, and loads more than it uses.
This one (``static/graphiql.html``) keeps GraphiQL's state in memory only, never persists
headers, and loads React, ReactDOM and GraphiQL 3.8.3 from unpkg with Subresource Integrity.

Its policy names those files by URL and the page's inline script and style by hash
(computed here from the file, so editing the page cannot silently break or widen it);
``connect-src 'self'`` lets GraphiQL reach this API and nothing else; ``frame-ancestors
'none'`` forbids framing (clickjacking of a page that holds a token).
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from importlib.resources import files

from starlette.responses import HTMLResponse

_CDN_FILE = re.compile(r'(?:src|href)="(https://unpkg\.com/[^"]+)"')
_INLINE = re.compile(r"<(script|style)>(.*?)</\1>", re.DOTALL)


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@cache
def _page() -> tuple[str, str]:
    html = (files("directory.graphql") / "static" / "graphiql.html").read_text(encoding="utf-8")
    urls = _CDN_FILE.findall(html)
    scripts = [u for u in urls if u.endswith(".js")]
    styles = [u for u in urls if u.endswith(".css")]
    inline = {
        kind: [_sha256(body) for k, body in _INLINE.findall(html) if k == kind]
        for kind in ("script", "style")
    }
    policy = "; ".join(
        [
            "default-src 'none'",
            "script-src " + " ".join([*scripts, *inline["script"]]),
            "style-src " + " ".join([*styles, *inline["style"]]),
            "connect-src 'self'",
            "img-src 'self' data:",
            "font-src data:",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    return html, policy


def graphiql_page() -> HTMLResponse:
    html, policy = _page()
    return HTMLResponse(html, headers={"content-security-policy": policy})


def graphiql_policy() -> str:
    return _page()[1]
