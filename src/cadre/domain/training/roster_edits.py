"""A roster filled in offline meets the roster as it stands now: each cell of the sheet
carries the value it had when the sheet was downloaded (its base), so a cell is an edit only
when the sheet changed it, and a conflict when the app changed it too, to something else,
meanwhile. Nothing edited in the app is overwritten without a person seeing it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

V = TypeVar("V")


class Outcome(StrEnum):
    UNCHANGED = "unchanged"  # the sheet left the cell as downloaded (the app's value stands)
    APPLY = "apply"  # the sheet changed it and the app did not: the sheet's value is stored
    SAME = "same"  # both changed it to the same value
    CONFLICT = "conflict"  # both changed it, differently: a person decides


@dataclass(frozen=True)
class Cell(Generic[V]):
    base: V | None  # as downloaded
    sheet: V | None  # as uploaded
    now: V | None  # in the app today

    @property
    def outcome(self) -> Outcome:
        if self.sheet == self.base:
            return Outcome.UNCHANGED
        if self.now == self.sheet:
            return Outcome.SAME
        if self.now == self.base:
            return Outcome.APPLY
        return Outcome.CONFLICT
