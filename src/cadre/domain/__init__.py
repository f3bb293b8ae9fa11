"""The mission's vocabulary as plain typed values, and the pure rules over them (no I/O)."""
