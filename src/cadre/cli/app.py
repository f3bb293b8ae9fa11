"""The `cadre` command: parse arguments, call one service, render the result (thin, like the API).

Errors from the core end here as a sentence and an exit code, never as a traceback. Commands
are loaded when named (see `commands.py`), so that `cadre --help` answers at once.
"""

from __future__ import annotations

import importlib
import os
import re
from difflib import get_close_matches
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup, TyperOption

from cadre.cli.commands import COMMANDS
from cadre.cli.messages import error_text, problem_text
from cadre.cli.words import count
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
    """Turns every error raised below into a report a user can act on, and loads each
    command's module only when the command is named."""

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
            from cadre.cli.console import err_console

            err_console.print(
                f"[red]Cadre stopped on an unexpected error:[/] {type(error).__name__}: {error}\n"
                "Set CADRE_DEBUG=1 to see where."
            )
            raise typer.Exit(1) from None

    def list_commands(self, ctx: Any) -> list[str]:
        return [*COMMANDS, *(name for name in self.commands if name not in COMMANDS)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        found = self.commands.get(cmd_name)
        if found is None and cmd_name in COMMANDS:
            # A stand-in for the listing in `cadre --help`; running it loads the real one.
            return TyperCommand(cmd_name, help=" ".join(COMMANDS[cmd_name].summary.split()))
        return found

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] in COMMANDS and args[0] not in self.commands:
            self.commands.update(load_commands(COMMANDS[args[0]].module))
        elif args and args[0] not in self.commands and not args[0].startswith("-"):
            close = ", ".join(repr(name) for name in get_close_matches(args[0], list(COMMANDS)))
            ctx.fail(f"No such command {args[0]!r}." + (f" Did you mean {close}?" if close else ""))
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:
            tidy_help(command, ctx)
        return name, command, rest

    def format_help(self, ctx: Any, formatter: Any) -> None:
        tidy_help(self, ctx)
        super().format_help(ctx, formatter)


def load_commands(module: str) -> dict[str, Any]:
    """The commands known once `module` (under cadre.cli) has registered its own."""
    importlib.import_module(f"cadre.cli.{module}")
    built = typer.main.get_command(app)
    assert isinstance(built, TyperGroup)
    return dict(built.commands)


def tidy_help(command: Any, ctx: Any) -> None:
    """Help that reads as a user writes the command: a flag shows no `<bool>`, and a
    repeatable option shows the type of one value (`<str>`, not `<list[str]>`)."""
    for param in command.get_params(ctx):
        if not isinstance(param, TyperOption) or param.metavar is not None:
            continue
        if param.is_flag or param.count:
            param.metavar = ""
        else:
            param.metavar = re.sub(r"^<list\[(.*)\]>$", r"<\1>", param.display_type(ctx))
    for sub in getattr(command, "commands", {}).values():
        tidy_help(sub, ctx)


def report(error: CadreError) -> None:
    from rich.markup import escape

    from cadre.cli.console import err_console

    if isinstance(error, InvalidInput):
        err_console.print(f"[red]{count(len(error.problems), 'problem')} found:[/]")
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


def _print_version(wanted: bool) -> None:
    if wanted:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"cadre {version('cadre')}")
        except PackageNotFoundError:  # run from a source tree that was never installed
            typer.echo("cadre (version unknown: not installed)")
        raise typer.Exit()


@app.callback()
def cadre(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Cadre plans and runs multinational train-the-trainer missions."""
