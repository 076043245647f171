"""Where the files that ship with the package are: migrations, seed data, the SDL.

They live at the top of the checkout (``migrations/``, ``seed/``, ``schema/``) and are
installed inside the package (``directory._migrations`` …, see ``setup.py``), so every
command finds them from any folder, whether the project runs from a checkout, an editable
install or a wheel. Paths are real folders: the package is never imported from a zip.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _folder(package: str) -> Path:
    return Path(str(files(package)))


def migrations_dir() -> Path:
    """Alembic's script location (``env.py``, ``versions/``)."""
    return _folder("directory._migrations")


def seed_dir() -> Path:
    """The reference seed files."""
    return _folder("directory._seed")


def schema_file() -> Path:
    """The committed SDL, ``schema.graphql``."""
    return _folder("directory._schema") / "schema.graphql"
