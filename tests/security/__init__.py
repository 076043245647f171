"""Regression suite of the hostile-request hardening (issue 7): one module per class of attack."""
