"""Engines: a frozen problem in, a result with status, objective, bound and diagnostics out."""
