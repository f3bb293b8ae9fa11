"""Rich rendering of the demo's accounts: printed once, as their passwords are not kept."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table

from cadre.services.access.demo_accounts import DemoAccount


def demo_accounts_table(accounts: Sequence[DemoAccount]) -> Table:
    table = Table(
        title="Demo accounts (passwords are new on every `cadre demo` and shown only here)",
        title_justify="left",
    )
    for column in ("user", "password", "role", "nation", "who they are"):
        table.add_column(column, no_wrap=column in ("user", "password"))
    for a in accounts:
        table.add_row(a.username, a.password, a.role.value.replace("_", " "), a.affiliation, a.note)
    return table
