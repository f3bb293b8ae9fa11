"""The `cadre` command: parse arguments, call one service, render the result (thin, like the API).

Errors from the core end here as a sentence and an exit code, never as a traceback.
"""

from __future__ import annotations

import os
from typing import Any

import typer
from rich.markup import escape
from typer.core import TyperGroup

from cadre.cli.console import err_console
from cadre.cli.messages import error_text, problem_text
from cadre.domain.errors import (
    CadreError,
    Conflict,
    Forbidden,
    Infeasible,
    InvalidInput,
    NotFound,
)

EXIT_CODES: dict[type[CadreError], int] = {
    InvalidInput: 2,
    NotFound: 3,
    Conflict: 4,
    Forbidden: 5,
    Infeasible: 6,
}


def exit_code(error: CadreError) -> int:
    for kind, code in EXIT_CODES.items():
        if isinstance(error, kind):
            return code
    return 1


class ErrorReportingGroup(TyperGroup):
    """Turns every error raised below into a report a user can act on."""

    def invoke(self, ctx: Any) -> Any:  # Any: Typer's own Context class is private
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except CadreError as error:
            report(error)
            raise typer.Exit(exit_code(error)) from None
        except Exception as error:
            if os.environ.get("CADRE_DEBUG"):
                raise
            err_console.print(
                f"[red]Cadre stopped on an unexpected error:[/] {type(error).__name__}: {error}\n"
                "Set CADRE_DEBUG=1 to see where."
            )
            raise typer.Exit(1) from None


def report(error: CadreError) -> None:
    if isinstance(error, InvalidInput):
        count = len(error.problems)
        err_console.print(f"[red]{count} problem{'s' if count != 1 else ''} found:[/]")
        for problem in error.problems:
            err_console.print(
                f"  {problem_text(problem)}", markup=False, highlight=False, soft_wrap=True
            )
    else:
        err_console.print(f"[red]{escape(error_text(error))}[/]", highlight=False, soft_wrap=True)


app = typer.Typer(
    cls=ErrorReportingGroup,
    help="Cadre plans and runs multinational train-the-trainer missions.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
