"""The exported SDL; installed as ``directory._schema`` (see setup.py)."""
