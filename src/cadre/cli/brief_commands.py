"""`cadre brief`: the mission brief as a PDF, in English or Arabic."""

from __future__ import annotations

import pathlib
from typing import Annotated

import typer

from cadre.cli import preflight
from cadre.cli.app import app
from cadre.cli.console import console
from cadre.services.brief.document import brief_document, reader
from cadre.services.scenario import operations as scenarios
from cadre.services.system.database import open_work
from cadre.services.unit_of_work import local_actor


@app.command()
def brief(
    out: Annotated[pathlib.Path, typer.Option("--out", help="The PDF file to write.")],
    lang: Annotated[str, typer.Option("--lang", help="en (English) or ar (Arabic).")] = "en",
    mission: Annotated[
        str | None, typer.Option(help="The mission's code (default: the latest imported).")
    ] = None,
    as_user: Annotated[
        str | None,
        typer.Option("--as", help="Release it as this user may see it (default: NATO staff)."),
    ] = None,
) -> None:
    """Write the mission brief as a PDF: headline figures, force by month, handovers, fill."""
    preflight.output_file(out, "--out")
    with open_work() as uow:
        code = mission or scenarios.load(uow, None).mission.code
        data = brief_document(uow, reader(uow, as_user, local_actor()), code, lang)
    out.write_bytes(data)
    console.print(f"Mission brief of {code} ({lang}) written to {out}.")
