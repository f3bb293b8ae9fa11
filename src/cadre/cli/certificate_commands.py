"""`cadre certificates pdf | refresher | renew`: a certificate as its bilingual PDF, which
course refreshes which, and renewal by a completed refresher run. The group and its other
commands live in training_commands.py."""

from __future__ import annotations

import os
import pathlib
from typing import Annotated

import typer

from cadre.cli.console import console
from cadre.cli.training_commands import MissionOpt, certificates_app
from cadre.services.system.database import open_work
from cadre.services.training import certificate_documents, renewal

DEFAULT_BASE = "http://127.0.0.1:8000"


@certificates_app.command()
def pdf(
    number: Annotated[str, typer.Argument(help="The certificate's number.")],
    out: Annotated[pathlib.Path, typer.Option("--out", help="Where to write the PDF.")],
    base: Annotated[
        str | None,
        typer.Option(
            "--base",
            help="The service's public address, for the QR code; default $CADRE_PUBLIC_URL "
            f"or {DEFAULT_BASE}.",
        ),
    ] = None,
    mission: MissionOpt = None,
) -> None:
    """Write certificate NUMBER as a PDF in English and Arabic with its verification QR code."""
    address = base or os.environ.get("CADRE_PUBLIC_URL") or DEFAULT_BASE
    with open_work() as uow:
        data = certificate_documents.certificate_document(uow, None, number, address, mission)
    out.write_bytes(data)
    console.print(f"Certificate {number} written to {out} ({len(data) // 1024} KiB).")


@certificates_app.command()
def refresher(
    course: Annotated[str, typer.Argument(help="The course whose certificates are renewed.")],
    by: Annotated[str, typer.Argument(help="The refresher course that renews them.")],
    mission: MissionOpt = None,
) -> None:
    """Completing a run of BY renews a certificate of COURSE."""
    with open_work() as uow:
        added = renewal.declare_refresher(uow, None, course.upper(), by.upper(), mission)
    said = "now renews" if added else "already renewed"
    console.print(f"{by.upper()} {said} certificates of {course.upper()}.")


@certificates_app.command()
def renew(
    number: Annotated[str, typer.Argument(help="The certificate's number.")],
    run: Annotated[str, typer.Argument(help="The refresher run its holder completed.")],
    mission: MissionOpt = None,
) -> None:
    """Renew certificate NUMBER by its holder's completion of refresher run RUN."""
    with open_work() as uow:
        done = renewal.renew_certificate(uow, None, number, run, mission)
    until = done.expires.isoformat() if done.expires else "without expiry"
    console.print(f"Certificate {number} renewed by run {run}: valid until {until}.")
