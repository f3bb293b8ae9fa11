"""The `requirements:` section of a scenario file: the statement of requirements, line by line.

Kept apart from `schema.py` so the force-generation format can grow without touching the rest;
the scenario's shape only lists the section.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from cadre.domain.catalogue import DeliveryMode
from cadre.domain.ranks import RankBand
from cadre.domain.requirements import Criticality, PostKind, RequirementLine
from cadre.interchange.fields import Code, Count, Day, Name


def _rank_band(text: str) -> str:
    RankBand.parse(text)  # its ValueError names the code that is wrong
    return text


RankBandText = Annotated[
    str,
    AfterValidator(_rank_band),
    Field(
        description="NATO rank codes from low to high, e.g. OR-5..OR-9, OR-6..OF-3, or OF-2.",
        examples=["OR-6..OF-3"],
    ),
]


class RequirementShape(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    number: Code = Field(description="The line number, e.g. SOR-0042; unique in the mission.")
    title: Name
    qualification: Code = Field(
        description="A qualification of the scenario for teaching posts; a specialty code "
        "(FP, HQ-J3, ...) for headquarters and force protection posts."
    )
    rank_band: RankBandText
    start: Day
    end: Day
    count: Count = 1
    criticality: Criticality = Criticality.ESSENTIAL
    kind: PostKind = PostKind.TEACHING
    site: Code | None = None
    region: Name | None = Field(None, description="For a post anywhere in a region.")
    mode: DeliveryMode = DeliveryMode.RESIDENT
    courses: list[Code] = []
    protects: Code | None = Field(
        None, description="Force protection only: the teaching line whose team it guards."
    )


def lines_to_domain(shapes: Sequence[RequirementShape]) -> tuple[RequirementLine, ...]:
    return tuple(
        RequirementLine(
            **r.model_dump(exclude={"rank_band", "courses"}),
            rank_band=RankBand.parse(r.rank_band),
            courses=tuple(r.courses),
        )
        for r in shapes
    )


def lines_to_document(lines: Sequence[RequirementLine]) -> dict[str, Any]:
    """The section as plain data; no section at all when the scenario has no lines."""
    if not lines:
        return {}
    return {"requirements": [line_to_document(line) for line in lines]}


def line_to_document(line: RequirementLine) -> dict[str, Any]:
    return {
        "number": line.number,
        "title": line.title,
        "qualification": line.qualification,
        "rank_band": str(line.rank_band),
        "start": line.start,
        "end": line.end,
        "count": line.count,
        "criticality": line.criticality.value,
        "kind": line.kind.value,
        "site": line.site,
        "region": line.region,
        "mode": line.mode.value,
        "courses": list(line.courses),
        "protects": line.protects,
    }
