"""A sparse linear programme built row by row, then handed to HiGHS in one piece.

Rows carry a tag (family, key) so that duals can be read back by what they mean.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Hashable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import highspy
import numpy as np

INF = highspy.kHighsInf


@dataclass
class LinearProgramme:
    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    row_lower: list[float] = field(default_factory=list)
    row_upper: list[float] = field(default_factory=list)
    row_start: list[int] = field(default_factory=lambda: [0])
    index: list[int] = field(default_factory=list)
    value: list[float] = field(default_factory=list)
    tags: list[tuple[str, Hashable]] = field(default_factory=list)

    @property
    def columns(self) -> int:
        return len(self.lower)

    @property
    def rows(self) -> int:
        return len(self.row_lower)

    def variable(self, lower: float = 0.0, upper: float = INF) -> int:
        self.lower.append(lower)
        self.upper.append(upper)
        return len(self.lower) - 1

    def row(
        self,
        terms: Iterable[tuple[int, float]],
        lower: float,
        upper: float,
        tag: tuple[str, Hashable],
    ) -> int:
        merged: dict[int, float] = {}
        for column, coefficient in terms:
            merged[column] = merged.get(column, 0.0) + coefficient
        for column, coefficient in merged.items():
            if coefficient != 0.0:
                self.index.append(column)
                self.value.append(coefficient)
        self.row_start.append(len(self.index))
        self.row_lower.append(lower)
        self.row_upper.append(upper)
        self.tags.append(tag)
        return len(self.row_lower) - 1

    def to_highs(self, *, threads: int = 1) -> highspy.Highs:
        with _quiet_stdout():
            highs = highspy.Highs()  # type: ignore[no-untyped-call]
        highs.setOptionValue("output_flag", False)
        highs.setOptionValue("threads", threads)
        n = self.columns
        highs.addVars(
            n, np.asarray(self.lower, dtype=np.float64), np.asarray(self.upper, dtype=np.float64)
        )
        highs.addRows(
            self.rows,
            np.asarray(self.row_lower, dtype=np.float64),
            np.asarray(self.row_upper, dtype=np.float64),
            len(self.index),
            np.asarray(self.row_start[:-1], dtype=np.int32),
            np.asarray(self.index, dtype=np.int32),
            np.asarray(self.value, dtype=np.float64),
        )
        return highs


@contextmanager
def _quiet_stdout() -> Iterator[None]:
    """HiGHS prints a banner from C++ when it starts, before any option can silence it; it
    would land in the middle of a user's report, so standard output is closed for that moment."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def time_limit(highs: highspy.Highs, seconds: float) -> None:
    """Let the next run take `seconds` more: HiGHS holds its `time_limit` against the time
    the instance has run in all, so a limit set as the time left would stop every re-solve
    at once after the first few seconds."""
    highs.setOptionValue("time_limit", highs.getRunTime() + seconds)


def set_costs(highs: highspy.Highs, size: int, costs: dict[int, float]) -> None:
    """Replace the whole objective: `costs` on the given columns, zero elsewhere."""
    dense = np.zeros(size, dtype=np.float64)
    for column, cost in costs.items():
        dense[column] += cost
    highs.changeColsCost(size, np.arange(size, dtype=np.int32), dense)


def set_upper_bounds(
    highs: highspy.Highs, columns: list[int], lower: list[float], upper: list[float]
) -> None:
    if columns:
        highs.changeColsBounds(
            len(columns),
            np.asarray(columns, dtype=np.int32),
            np.asarray(lower, dtype=np.float64),
            np.asarray(upper, dtype=np.float64),
        )
