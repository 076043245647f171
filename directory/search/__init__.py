"""Multilingual search over jurisdictions and authorities (see ``services.search``)."""
