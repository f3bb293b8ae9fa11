"""Checks a command makes before any work: that the files and folders it will write can be
written and that the port it will listen on is free. A plan that takes a minute should not end
in "cannot write" after it; and what is computed before a write fails is kept (`kept`).
"""

from __future__ import annotations

import errno
import os
import pathlib
import socket
from collections.abc import Iterator
from contextlib import contextmanager

import typer

from cadre.domain.errors import Conflict, InvalidInput


def _nearest_existing(path: pathlib.Path) -> pathlib.Path:
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return pathlib.Path.cwd()


def _writable_dir(folder: pathlib.Path) -> bool:
    return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)


def output_file(path: pathlib.Path | None, option: str) -> None:
    """Refuse now a file that could not be written later (its folder missing or read-only)."""
    if path is None:
        return
    target = path.expanduser()
    if target.is_dir():
        raise InvalidInput(f"{option} {path}: is a folder; name a file")
    if target.exists() and not os.access(target, os.W_OK):
        raise InvalidInput(f"{option} {path}: the file exists and may not be written")
    if not target.parent.is_dir():
        raise InvalidInput(f"{option} {path}: the folder {target.parent} does not exist")
    if not _writable_dir(target.parent):
        raise InvalidInput(f"{option} {path}: the folder {target.parent} may not be written")


def output_folder(path: pathlib.Path | None, option: str) -> None:
    """Refuse now a folder that could not be made or written later."""
    if path is None:
        return
    target = path.expanduser()
    if target.exists() and not target.is_dir():
        raise InvalidInput(f"{option} {path}: is a file; name a folder")
    base = _nearest_existing(target)
    if not base.is_dir():
        raise InvalidInput(f"{option} {path}: {base} is a file, so the folder cannot be made")
    if not _writable_dir(base):
        raise InvalidInput(f"{option} {path}: {base} may not be written")


def free_port(host: str, port: int) -> None:
    """Refuse now a port another program listens on (as the server would bind it, with
    SO_REUSEADDR, so a port that only lingers after a closed connection counts as free)."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise InvalidInput(f"--host {host}: not an address here ({error.strerror})") from None
    family, kind, proto, _, address = found[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise Conflict(
                    f"port {port} on {host} is in use by another program; choose another with "
                    "--port, or stop that program"
                ) from None
            raise InvalidInput(f"--host {host} --port {port}: {error.strerror}") from None


@contextmanager
def kept(what: str, again: str) -> Iterator[None]:
    """Writing files after the work is done: if it fails, say what is kept and how to write
    it again, and end with exit code 1 (the work is not lost, the files are missing)."""
    try:
        yield
    except OSError as error:
        from cadre.cli.console import err_console

        where = f" {error.filename}" if error.filename else ""
        err_console.print(
            f"[red]Writing{where} failed ({error.strerror or error}).[/] {what} is kept; {again}.",
            highlight=False,
        )
        raise typer.Exit(1) from None
