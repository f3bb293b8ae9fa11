"""The path parameters the routers share, declared once so that every route checks them alike
and the OpenAPI document describes them alike."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

MissionCode = Annotated[str, Path(max_length=64, examples=["NMI"])]

# A run's code may hold slashes (NATO Mission Iraq's read `CIED-101/ENG-SCH/2018-10/1`): the
# `path` convertor takes it whole. Every route under RUN ends in a literal segment of its own,
# so a code never swallows a sibling route (`…/roster` is not `…/roster.xlsx`).
RUN = "/runs/{run:path}"
RunCode = Annotated[
    str, Path(max_length=64, description="The run's code in the timetable; it may hold slashes.")
]
