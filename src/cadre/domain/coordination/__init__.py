"""Coordination: the who-does-what-where-when register of every actor, its overlaps and gaps."""
