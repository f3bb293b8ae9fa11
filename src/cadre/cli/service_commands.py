"""Commands of the shared service: `serve`, `user add/list/disable`, `token`, `audit verify`,
`backup`, `restore`. They act as the machine's operator, who holds the database's address
anyway; each write is recorded in the audit trail as "cli:<operating-system user>"."""

from __future__ import annotations

import pathlib
import sys
from typing import Annotated

import typer
from rich.table import Table

from cadre.access.labels import Classification
from cadre.access.policy import Role
from cadre.cli import preflight
from cadre.cli.app import app
from cadre.cli.console import console, err_console
from cadre.cli.json_output import emit
from cadre.cli.words import count
from cadre.domain.errors import InvalidInput
from cadre.services.access import audit, users
from cadre.services.system.backup import backup as backup_database
from cadre.services.system.backup import restore as restore_database
from cadre.services.system.database import describe, open_work
from cadre.services.training import accounts

user_app = typer.Typer(help="Local accounts of the service.", no_args_is_help=True)
audit_app = typer.Typer(help="The audit trail of the service.", no_args_is_help=True)
app.add_typer(user_app, name="user")
app.add_typer(audit_app, name="audit")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Server processes.")] = 1,
    proxy_headers: Annotated[
        bool,
        typer.Option("--proxy-headers", help="Trust X-Forwarded-* from a TLS proxy in front."),
    ] = False,
    ssl_certfile: Annotated[pathlib.Path | None, typer.Option(help="Serve TLS itself.")] = None,
    ssl_keyfile: Annotated[pathlib.Path | None, typer.Option(help="The key for it.")] = None,
) -> None:
    """Start the service (the API under /api/v1, its OpenAPI at /api/v1/openapi.json)."""
    import uvicorn

    preflight.free_port(host, port)

    with open_work() as uow:  # migrate once, before any worker starts
        where = describe(uow.engine)
    scheme = "https" if ssl_certfile else "http"
    console.print(f"Cadre serves {where} at {scheme}://{host}:{port}/api/v1 (Ctrl-C stops).")
    uvicorn.run(
        "cadre.server:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=proxy_headers,
        ssl_certfile=str(ssl_certfile) if ssl_certfile else None,
        ssl_keyfile=str(ssl_keyfile) if ssl_keyfile else None,
        log_level="info",
    )


@user_app.command("add")
def user_add(
    username: Annotated[str, typer.Argument(help="Login name, lower case.")],
    nation: Annotated[
        str, typer.Option("--nation", help="Nation (ISO alpha-3) or organisation (NATO, EU).")
    ],
    role: Annotated[
        list[str],
        typer.Option("--role", help=f"Repeat for several: {', '.join(r.value for r in Role)}."),
    ],
    clearance: Annotated[
        str, typer.Option(help="Highest marking they may see.")
    ] = Classification.NATO_UNCLASSIFIED.value,
    name: Annotated[str, typer.Option(help="Name shown to others.")] = "",
    oidc: Annotated[
        str | None, typer.Option(help="Subject the identity provider gives them.")
    ] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    no_password: Annotated[
        bool, typer.Option("--no-password", help="Log in through OIDC only.")
    ] = False,
) -> None:
    """Add a user with their nation, roles and clearance (asks for a password, or reads it
    with --password-stdin)."""
    password: str | None = None
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise InvalidInput(
                "--password-stdin read an empty line: write the password, then a newline, "
                "to standard input"
            )
    elif not no_password:
        if not sys.stdin.isatty():
            raise InvalidInput(
                "there is no terminal to ask for the password at: give it on standard input "
                "with --password-stdin (printf '%s\\n' \"$PASSWORD\" | cadre user add ... "
                "--password-stdin), or pass --no-password for an account that logs in through "
                "OIDC only"
            )
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    with open_work() as uow:
        view = users.add_user(
            uow,
            username=username,
            affiliation=nation,
            roles=role,
            clearance=clearance,
            password=password,
            display_name=name,
            oidc_subject=oidc,
        )
    console.print(
        f"User {view.username} added: {view.affiliation}, {', '.join(view.roles)}, "
        f"cleared to {view.clearance}."
    )


@user_app.command("list")
def user_list(
    as_json: Annotated[bool, typer.Option("--json", help="Print it as JSON, for scripts.")] = False,
) -> None:
    """Every user, with nation, roles, clearance and whether they may log in."""
    with open_work() as uow:
        found = users.list_users(uow)
    if as_json:
        emit(found)
        return
    table = Table(title="Users", title_justify="left")
    for column in ("user", "nation", "roles", "clearance", "login", "state"):
        table.add_column(column)
    for u in found:
        ways = (("password", u.has_password), ("oidc", u.oidc_subject is not None))
        table.add_row(
            u.username,
            u.affiliation,
            ", ".join(u.roles),
            u.clearance,
            ", ".join(way for way, possible in ways if possible),
            "disabled" if u.disabled else "active",
        )
    console.print(table)


@user_app.command("disable")
def user_disable(username: Annotated[str, typer.Argument(help="Login name.")]) -> None:
    """Disable a user and end their tokens and sessions at once."""
    with open_work() as uow:
        ended = users.disable_user(uow, username)
    console.print(f"User {username} disabled; tokens and sessions ended: {ended}.")


@user_app.command("link")
def user_link(
    username: Annotated[str, typer.Argument(help="Login name.")],
    trainer: Annotated[
        str | None, typer.Option("--trainer", help="The mission's trainer the account teaches as.")
    ] = None,
    trainee: Annotated[
        int | None, typer.Option("--trainee", help="The mission's trainee the account is (id).")
    ] = None,
    mission: Annotated[
        str | None, typer.Option(help="The mission's code (default: the latest imported).")
    ] = None,
) -> None:
    """Link an account to a trainer (its "my calendar" and calendar subscription) or a trainee."""
    with open_work() as uow:
        code = accounts.link_account(uow, None, username, mission, trainer=trainer, trainee=trainee)
    who = f"trainer {trainer}" if trainer is not None else f"trainee {trainee}"
    console.print(f"User {username} is {who} of {code}.")


@app.command()
def token(
    username: Annotated[str, typer.Argument(help="Login name.")],
    name: Annotated[str, typer.Option(help="What the token is for.")] = "",
    days: Annotated[int, typer.Option(help="Days it stays valid.")] = 90,
) -> None:
    """Issue a bearer token for a user (printed once; only its digest is kept)."""
    with open_work() as uow:
        issued = users.issue_token(uow, username, name=name, days=days)
    err_console.print(f"Token for {username}, valid {count(days, 'day')}; it is not shown again:")
    print(issued)


@audit_app.command("verify")
def audit_verify() -> None:
    """Check the audit trail's hash chain: exit 0 when whole, 1 naming every break."""
    with open_work() as uow:
        result = audit.verify_trail(uow)
    if result.intact:
        head = f"; head {result.head[0]} {result.head[1]}" if result.head else ""
        console.print(
            f"[green]The audit trail is whole:[/] {count(result.entries, 'entry')}{head}."
        )
        if not result.anchored:
            console.print(
                "The head is not anchored: without CADRE_AUDIT_KEY (or, for SQLite, the key "
                "file beside the database) deleting the last entries and rewriting the head "
                "would go unnoticed."
            )
        return
    err_console.print(
        f"[red]The audit trail is broken ({count(len(result.findings), 'finding')}):[/]"
    )
    for finding in result.findings:
        err_console.print(f"  {finding}", markup=False, highlight=False)
    raise typer.Exit(1)


@app.command()
def backup(file: Annotated[pathlib.Path, typer.Argument(help="The copy to write.")]) -> None:
    """Write a consistent copy of the database to FILE, safe while the service runs."""
    with open_work() as uow:
        how = backup_database(uow.engine, file)
    console.print(f"Backup written to {file} ({how}).")


@app.command()
def restore(
    file: Annotated[pathlib.Path, typer.Argument(help="A copy written by `cadre backup`.")],
    replace: Annotated[
        bool,
        typer.Option("--replace", help="Delete what the database holds first (it is lost)."),
    ] = False,
) -> None:
    """Put a backup back into the database, which must be empty (or --replace)."""
    done = restore_database(file, replace=replace)
    console.print(f"Backup {file} restored into {done.where} ({done.how}).")
