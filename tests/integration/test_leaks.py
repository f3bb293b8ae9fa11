"""Nothing leaks through what is derived: principals of every role and several nations, over
records with random releasability labels, walk every GET route of the API, every web page,
every export and every job kind; no hidden code or name appears anywhere, hidden and missing
targets answer alike, and nothing answers 5xx. `make leak-test` runs the larger version."""

from __future__ import annotations

import os
import pathlib

from tests import leak_support
from tests.service_support import service

ROUNDS = int(os.environ.get("CADRE_LEAK_ROUNDS", "1"))
PER_ROUND = int(os.environ.get("CADRE_LEAK_PRINCIPALS", "4"))


def test_no_hidden_code_or_name_reaches_any_surface(db_url: str, tmp_path: pathlib.Path) -> None:
    with service(db_url, example=None) as client:
        world = leak_support.build_world(client, tmp_path)
        tally = leak_support.run(world, ROUNDS, PER_ROUND, seed=13)
    print(f"\nleak test on {db_url.split(':')[0]}: {tally.line()}")
    assert tally.leaks == []
    assert tally.oracles == []
    assert tally.server_errors == []
    assert len(tally.surfaces) >= 40
