"""Cadre: plan and run multinational train-the-trainer missions."""

__version__ = "0.1.0"
