"""Shapes of what the API returns (and of the few bodies that are not scenario records)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from cadre.access.labels import Classification, Label
from cadre.services.records.queries import Code


def _utc(value: dt.datetime) -> dt.datetime:
    # Times are stored in UTC; SQLite hands them back without their zone, so it is put back.
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


UtcTime = Annotated[dt.datetime, AfterValidator(_utc)]


class LabelOut(BaseModel):
    classification: Classification
    owner: str
    releasable_to: list[str]

    @classmethod
    def of(cls, label: Label) -> LabelOut:
        return cls(
            classification=label.classification,
            owner=label.owner,
            releasable_to=sorted(label.releasable_to),
        )


class LabelIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    classification: Classification
    owner: Code
    releasable_to: list[Code] = Field(
        max_length=50,
        description="Nations and organisations by code, or NATO, EU, HOST (the mission's host "
        "nation) and MISSION (every contributor of the mission).",
    )

    def label(self) -> Label:
        return Label(self.classification, self.owner, frozenset(self.releasable_to))


class GenericRecordOut(BaseModel):
    kind: str
    key: str
    data: dict[str, Any]
    label: LabelOut
    etag: str


class AdoptedOut(BaseModel):
    number: int | None = Field(description="The adopted version; null when none is adopted.")
    adopted_at: UtcTime | None
    newer: int = Field(description="Versions kept after the adopted one, not adopted.")


class MissionOut(BaseModel):
    code: str
    name: str
    host: str
    start: dt.date
    end: dt.date
    label: LabelOut
    counts: dict[str, int] = Field(description="Records of each kind the caller may see.")
    adopted: dict[str, AdoptedOut] | None = Field(
        None, description="The adopted plan of each kind the caller reads (the mission alone)."
    )


class MissionPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[MissionOut]


class PlanOut(BaseModel):
    kind: str
    number: int
    label: str
    created_at: UtcTime
    status: str
    parameters: dict[str, Any]
    summary: dict[str, Any]
    scenario_fingerprint: str
    state: str = Field(description="draft, adopted, superseded or failed.")
    adopted_at: UtcTime | None = None
    forced_reason: str | None = Field(None, description="Why it was adopted by force, if it was.")
    releasability: LabelOut


class PlanPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[PlanOut]


class PlanDetailOut(PlanOut):
    result: dict[str, Any]
    scenario: dict[str, Any] = Field(description="The scenario the plan was computed from.")


class AdoptIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    force: bool = Field(False, description="Adopt a plan worse by rule than the adopted one.")
    reason: str | None = Field(None, max_length=500, description="Needed with force; audited.")
    dry_run: bool = Field(False, description="Only say what adopting would change.")


class FigureChangeOut(BaseModel):
    name: str
    before: float | None
    after: float


class RefusalOut(BaseModel):
    code: str
    message: str
    params: dict[str, Any]


class AdoptionOut(BaseModel):
    mission: str
    kind: str
    number: int
    previous: int | None = Field(description="The version adopted before.")
    figures: list[FigureChangeOut]
    added: list[str]
    removed: list[str]
    refusal: RefusalOut | None = Field(description="Why it would be refused (dry runs).")
    needs_force: bool
    done: bool
    forced_reason: str | None
    adopted_at: UtcTime | None


class JobIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: str = Field(examples=["capacity", "force", "timetable"])
    parameters: dict[str, Any] = Field(
        {}, examples=[{"mode": "sizing", "seconds": 30}], description="See the kind's parameters."
    )


class JobOut(BaseModel):
    id: int
    mission: str
    kind: str
    parameters: dict[str, Any]
    status: str = Field(description="queued, running, succeeded, failed or cancelled")
    progress: float
    message: str = Field(description="What the job is doing, in English.")
    message_code: str | None = Field(
        None,
        description="The message's stable code (e.g. job.done, import.rows_checked); null "
        "for a message known only in English.",
    )
    message_params: dict[str, Any] | None = Field(
        None, description="The values the message names, by the names its code gives them."
    )
    plan_number: int | None
    error: str | None
    error_code: str | None = Field(None, description="The error's stable code, if it has one.")
    error_params: dict[str, Any] | None = Field(None, description="The values the error names.")
    result: dict[str, Any] | None = Field(
        None, description="An import's report: rows stored, or every problem located."
    )
    created_by: str
    created_at: UtcTime
    started_at: UtcTime | None
    finished_at: UtcTime | None


class JobPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[JobOut]


PLAIN = r"^[^\x00-\x1f\x7f]*$"  # no control characters: nothing a database would refuse


class LoginIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: str = Field(max_length=200, pattern=PLAIN)
    password: str = Field(max_length=1000)


class MeOut(BaseModel):
    username: str
    affiliation: str
    roles: list[str]
    clearance: str
    actions: list[str]


class SessionOut(MeOut):
    csrf_token: str
    expires_at: UtcTime


class TokenIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field("", max_length=200, pattern=PLAIN)
    days: int = Field(90, ge=1, le=3650)


class TokenOut(BaseModel):
    token: str = Field(description="Shown once; send it as Authorization: Bearer <token>.")
    expires_in_days: int


class AuditEntryOut(BaseModel):
    seq: int
    at: UtcTime
    actor: str
    action: str
    mission: str | None
    kind: str | None
    key: str | None
    before: Any
    after: Any
    hash: str


class AuditPageOut(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[AuditEntryOut]


class VerificationOut(BaseModel):
    intact: bool
    entries: int
    head_seq: int | None
    head_hash: str | None
    findings: list[str]
