"""The fonts the pages and PDFs use, served by the app from the machine's Noto files.

The six UN scripts need three families: Noto Sans (Latin and Cyrillic), Noto Naskh Arabic and
Noto Sans CJK (Chinese). They are not shipped in the package (the CJK collection alone is
19 MB); Debian packages them (``fonts-noto-core``, ``fonts-noto-cjk``, installed by
``.ci/run``), and ``DIRECTORY_FONTS_DIR`` (folders separated by ``:``) says where to look,
Debian's folders by default. ``/fonts/{file}`` serves only the files of ``FONTS``, found in
those folders; ``static/fonts.css`` names them in ``@font-face`` rules after ``local()``, so
a browser that has the family installed downloads nothing, and one that has neither gets a
404 for the file and falls back to its own fonts (the stylesheet's ``system-ui``). The PDFs
read the same files (``pdf.py``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response

__all__ = ["FONTS", "font_file", "serve_font"]

FONTS = {
    "NotoSans-Regular.ttf": "font/ttf",
    "NotoSans-Bold.ttf": "font/ttf",
    "NotoNaskhArabic-Regular.ttf": "font/ttf",
    "NotoNaskhArabic-Bold.ttf": "font/ttf",
    "NotoSansCJK-Regular.ttc": "font/collection",
    "NotoSansCJK-Bold.ttc": "font/collection",
}
FONT_MAX_AGE = 86400 * 30


def font_file(name: str, folders: tuple[str, ...]) -> Path | None:
    """The file ``name`` (one of ``FONTS``) in the first folder that has it."""
    if name not in FONTS:
        return None
    for folder in folders:
        path = Path(folder) / name
        if path.is_file():
            return path
    return None


def serve_font(folders: tuple[str, ...]) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        name = str(request.path_params.get("name", ""))
        path = font_file(name, folders)
        if path is None:
            return PlainTextResponse(
                f"no font {name[:60]!r} here: the app serves {', '.join(FONTS)} from "
                f"DIRECTORY_FONTS_DIR ({':'.join(folders)})",
                status_code=404,
            )
        return FileResponse(
            path,
            media_type=FONTS[name],
            headers={"cache-control": f"public, max-age={FONT_MAX_AGE}"},
        )

    return endpoint
