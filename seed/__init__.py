"""The reference data files; installed as ``directory._seed`` (see setup.py)."""
