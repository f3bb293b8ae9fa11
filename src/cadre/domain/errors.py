"""The one error hierarchy of Cadre; each edge maps it to exit codes or HTTP statuses once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with some input, said so that a user can find and fix it."""

    reason: str
    field: str = ""
    file: str = ""
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column {self.column}")
        if self.field:
            where.append(self.field)
        prefix = ", ".join(where)
        return f"{prefix}: {self.reason}" if prefix else self.reason


class CadreError(Exception):
    """Base of every error the core raises on purpose."""


class NotFound(CadreError, LookupError):
    """A record that was asked for does not exist (or may not be seen)."""


class InvalidInput(CadreError, ValueError):
    """Input breaks a rule; carries every problem found, not just the first."""

    def __init__(self, problems: Sequence[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        self.problems: tuple[Problem, ...] = tuple(problems)
        count = len(self.problems)
        head = str(self.problems[0]) if self.problems else "invalid input"
        super().__init__(head if count == 1 else f"{count} problems; first: {head}")


class Conflict(CadreError):
    """The write was based on a stale version of the record."""


class Forbidden(CadreError, PermissionError):
    """The principal may not take this action."""


class Infeasible(CadreError):
    """No plan satisfies the hard rules; the message says which and why."""
