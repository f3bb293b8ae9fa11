"""Whole runs in the order of time: the fallback of whole.py when its repair finds no plan.

Flooring every fractional run at once (the old step 3) breaks the chains the continuous plan
relies on: an instructor course floored leaves too few graduates for the host-led runs and
the classes fixed after it, so they fall too, and on the NMI example in check mode that lost
7,583 people. Here the runs are fixed a quarter of start months at a time, earliest first,
and the linear programme is re-solved over everything later, which is still free to make up
for what was lost (a run's graduates only feed later months). In each quarter the fractional
runs go up, largest fraction first, all at once or (when that is refused) half of them;
what is left goes down; a run that can go neither way alone stays for the caller's dive
down. Measured on the NMI example in check mode: 870 more people unmet instead of 7,583.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

FRACTION = 1e-6  # a run this close to a whole number is that number
WINDOW = 3  # start months fixed together: a quarter, as a training calendar is
TRIES_UP = 2  # batches tried upwards in a window (all, then half) before the rest go down

# Fix these run positions at these values and re-solve: the new plan, or None when refused
# (the bounds are then back as they were).
Fix = Callable[[np.ndarray, np.ndarray], np.ndarray | None]


def whole_mask(v: np.ndarray) -> np.ndarray:
    """Which of the runs `v` are whole numbers."""
    return np.asarray(np.abs(v - np.round(v)) <= FRACTION)


def in_time_order(
    values: np.ndarray, runs: np.ndarray, months: np.ndarray, fix: Fix, go_on: Callable[[], bool]
) -> np.ndarray:
    """`values` with the runs (columns `runs`, started in `months`) made whole window by
    window while `go_on()`; the runs of the windows not reached stay as the last plan has them."""
    for start in range(0, int(months.max(initial=-1)) + 1, WINDOW):
        if not go_on():
            break
        window = np.flatnonzero((months >= start) & (months < start + WINDOW))
        values = _window(values, runs, window, fix)
    return values


def _window(values: np.ndarray, runs: np.ndarray, pending: np.ndarray, fix: Fix) -> np.ndarray:
    while len(pending):
        v = values[runs[pending]]
        whole = whole_mask(v)
        if whole.all():
            fix(pending, np.round(v))  # held where they are, so later windows cannot move them
            return values
        fractional = pending[~whole]
        share = values[runs[fractional]] - np.floor(values[runs[fractional]])
        ordered = fractional[np.argsort(-share, kind="stable")]
        found, done = _up(values, runs, ordered, fix)
        if found is None:
            found, done = _down(values, runs, ordered, fix)
        if found is None:
            return values  # not one run moves either way alone: the caller's dive goes on
        values = found
        pending = np.setdiff1d(pending, done)
    return values


def _up(
    values: np.ndarray, runs: np.ndarray, ordered: np.ndarray, fix: Fix
) -> tuple[np.ndarray | None, np.ndarray]:
    batch = ordered
    for _ in range(TRIES_UP):
        found = fix(batch, np.ceil(values[runs[batch]] - FRACTION))
        if found is not None or len(batch) == 1:
            return found, batch
        batch = batch[: len(batch) // 2]
    return None, batch


def _down(
    values: np.ndarray, runs: np.ndarray, ordered: np.ndarray, fix: Fix
) -> tuple[np.ndarray | None, np.ndarray]:
    """All the window's fractional runs down; else the first alone down, or up."""
    first = ordered[:1]
    tries = [(ordered, np.floor), (first, np.floor), (first, np.ceil)]
    for batch, way in tries[0 if len(ordered) > 1 else 1 :]:
        shift = FRACTION if way is np.floor else -FRACTION
        found = fix(batch, way(values[runs[batch]] + shift))
        if found is not None:
            return found, batch
    return None, first
