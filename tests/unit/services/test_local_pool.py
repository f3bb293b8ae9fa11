"""The local pool: parts on several processes come back in their items' order, the first
error is raised, and one process or one part runs here."""

from __future__ import annotations

import os
import pathlib

import pytest

from cadre.services.system import local_pool
from tests.fanout_support import square


def test_outcomes_keep_the_items_order_whatever_order_they_finish_in() -> None:
    # The first part computes longest: on two processes it finishes last.
    items = [(0, 1.0, "", -1)] + [(n, 0.0, "", -1) for n in range(1, 6)]
    finished: list[int] = []
    outcomes = local_pool.run_all(square, items, processes=2, finished=finished.append)
    assert outcomes == [n * n for n in range(6)]
    assert finished == [1, 2, 3, 4, 5, 6]


def test_a_parts_error_is_raised_as_its_own() -> None:
    items = [(n, 0.0, "", 3) for n in range(6)]
    with pytest.raises(ValueError, match="no square for 3"):
        local_pool.run_all(square, items, processes=2)


def test_one_process_or_one_part_runs_here(tmp_path: pathlib.Path) -> None:
    notes = str(tmp_path)
    local_pool.run_all(square, [(n, 0.0, notes, -1) for n in range(3)], processes=1)
    local_pool.run_all(square, [(7, 0.0, notes, -1)])
    assert sorted(os.listdir(notes)) == sorted(f"{n}-{os.getpid()}" for n in (0, 1, 2, 7))


def test_processes_are_one_a_core_and_never_more_than_the_parts() -> None:
    cores = os.cpu_count() or 1
    assert local_pool.processes_for(1000) == cores
    assert local_pool.processes_for(1) == 1
    assert local_pool.processes_for(5, processes=3) == 3
    assert local_pool.processes_for(2, processes=8) == 2
