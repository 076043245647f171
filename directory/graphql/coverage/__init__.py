"""The coverage report in the API (``directory.coverage``)."""
