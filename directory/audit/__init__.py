"""Revisions (who changed what, before and after) and the change feed."""
