"""Scenario records one at a time: listed, read, created, replaced, deleted, relabelled."""
