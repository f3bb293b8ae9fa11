"""Scenarios in and out: YAML files, spreadsheets, exports, each with validation reports."""
