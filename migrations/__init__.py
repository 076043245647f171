"""Alembic's scripts; installed as ``directory._migrations`` (see setup.py)."""
