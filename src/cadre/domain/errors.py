"""The one error hierarchy of Cadre; each edge maps it to exit codes or HTTP statuses once.

Below the edges an error carries a `code` (stable, e.g. "plan.not_found") and the values it
names (`params`), beside a plain English sentence that names no edge: no command, flag, page
or button. Each edge renders the code in its own words (the CLI may name a command, the web a
page, in English or Arabic; the API returns code and params) and falls back to the sentence.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

Param = str | int | float | None


@dataclass(frozen=True)
class Problem:
    """One thing wrong with some input, said so that a user can find and fix it."""

    reason: str
    field: str = ""
    file: str = ""
    line: int | None = None
    column: int | None = None
    code: str = ""
    params: Mapping[str, Param] = dataclasses.field(default_factory=dict, hash=False)

    def __str__(self) -> str:
        prefix = self.where()
        return f"{prefix}: {self.reason}" if prefix else self.reason

    def where(self) -> str:
        found = []
        if self.file:
            found.append(self.file)
        if self.line is not None:
            found.append(f"line {self.line}")
        if self.column is not None:
            found.append(f"column {self.column}")
        if self.field:
            found.append(self.field)
        return ", ".join(found)


class CadreError(Exception):
    """Base of every error the core raises on purpose."""

    default_code: ClassVar[str] = "error"

    def __init__(self, message: str = "", *, code: str = "", **params: Param) -> None:
        super().__init__(message)
        self.code = code or self.default_code
        self.params: dict[str, Param] = params


class NotFound(CadreError, LookupError):
    """A record that was asked for does not exist (or may not be seen)."""

    default_code = "not_found"

    @classmethod
    def mission(cls, code: str) -> NotFound:
        """The one wording of a mission that is not there, or is hidden from the reader."""
        return cls(f"mission {code} is not in the database", code="mission.not_found", mission=code)


class InvalidInput(CadreError, ValueError):
    """Input breaks a rule; carries every problem found, not just the first."""

    default_code = "invalid_input"

    def __init__(
        self, problems: Sequence[Problem] | str, *, code: str = "", **params: Param
    ) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems, code=code, params=params)]
        self.problems: tuple[Problem, ...] = tuple(problems)
        count = len(self.problems)
        head = str(self.problems[0]) if self.problems else "invalid input"
        super().__init__(
            head if count == 1 else f"{count} problems; first: {head}", code=code, **params
        )


class Conflict(CadreError):
    """The write was based on a stale version of the record."""

    default_code = "conflict"


class Forbidden(CadreError, PermissionError):
    """The principal may not take this action."""

    default_code = "forbidden"


class Infeasible(CadreError):
    """No plan satisfies the hard rules; the message says which and why."""

    default_code = "infeasible"
