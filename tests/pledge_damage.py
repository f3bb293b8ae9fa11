"""Pledge files damaged below the workbook: too big, not a zip, a truncated or corrupted zip,
a zip bomb, a zip with no workbook inside. Each builder writes its file and returns the path."""

from __future__ import annotations

import pathlib
import zipfile

from tests.pledge_factory import make_workbook

MAX_BYTES = 5 * 1024 * 1024
MAX_UNPACKED = 50 * 1024 * 1024


def oversized(path: pathlib.Path) -> pathlib.Path:
    make_workbook(path)
    with path.open("ab") as f:  # junk after the zip: still a zip, but far too big
        f.write(b"\0" * (MAX_BYTES))
    return path


def truncated(path: pathlib.Path) -> pathlib.Path:
    data = make_workbook(path).read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def not_a_zip(path: pathlib.Path) -> pathlib.Path:
    path.write_text("line,count\nSOR-001,2\n", encoding="utf-8")
    return path


def bomb(path: pathlib.Path) -> pathlib.Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<x>" + b" " * (60 * 1024 * 1024))
    return path


def damaged(path: pathlib.Path) -> pathlib.Path:
    data = bytearray(make_workbook(path).read_bytes())
    at = data.find(b"PK\x03\x04") + 30 + 40  # inside the first member's compressed data
    data[at : at + 8] = b"\xff" * 8
    path.write_bytes(bytes(data))
    return path


def no_workbook_inside(path: pathlib.Path) -> pathlib.Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    return path


def oversized_report(path: pathlib.Path) -> list[str]:
    size = path.stat().st_size
    return [f"the file is {size:,} bytes; a pledge workbook may be at most {MAX_BYTES:,}"]


def bomb_report(path: pathlib.Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        unpacked = sum(i.file_size for i in archive.infolist())
    return [f"the workbook unpacks to {unpacked:,} bytes; at most {MAX_UNPACKED:,} are read"]


def damaged_report(path: pathlib.Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        first = archive.infolist()[0].filename
    return [f"the workbook is damaged: {first} cannot be unpacked"]
