"""Large tables of made-up trainees, drawn as the NMI example's are (examples/trainees/
generate.py, which is a script, not a module of the package)."""

from __future__ import annotations

import importlib.util

from tests.conftest import EXAMPLES

_spec = importlib.util.spec_from_file_location("generate", EXAMPLES / "trainees" / "generate.py")
assert _spec is not None
assert _spec.loader is not None
generate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generate)


def trainee_table(count: int, seed: int) -> bytes:
    """`count` people and about one in a hundred entered again, as a CSV table."""
    table: bytes = generate.many(count, seed)
    return table
