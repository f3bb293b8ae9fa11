"""The capacity plan pages: one plan version in figures and tables, two side by side, and a new
plan started as a job from a form checked like the command line's options."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from cadre.access.policy import Principal, Verb, allowed
from cadre.domain.capacity.plan import DemandOutcome, Handover
from cadre.domain.capacity.problem import PlanMode, RunMode
from cadre.domain.errors import Forbidden, InvalidInput, Problem
from cadre.domain.scenario import Scenario
from cadre.services.access.scope import Scope, read
from cadre.services.capacity.operations import ALIASES, with_overrides
from cadre.services.capacity.queries import (
    VisiblePlan,
    VisibleSweep,
    adopted_header,
    capacity_headers,
    capacity_plan,
    latest_sweep,
)
from cadre.services.jobs import operations as jobs
from cadre.services.jobs.operations import JobQueue, JobView
from cadre.services.plans.queries import PlanHeader
from cadre.services.scenario.queries import MissionContext, heading, mission_context, names
from cadre.services.unit_of_work import UnitOfWork
from cadre.web.navigation import Page, require_page


@dataclass(frozen=True)
class QualificationLine:
    """One qualification's foreign instructors over the plan, and the host cadre beside it."""

    qualification: str
    peak: float
    instructor_months: float
    first_month: int | None  # index of the first month it needs anyone
    last_month: int | None
    host_cadre_end: float


@dataclass(frozen=True)
class RunsByMode:
    mode: RunMode
    runs: float


@dataclass(frozen=True)
class CapacityPage:
    context: MissionContext
    versions: list[PlanHeader]
    selected: VisiblePlan | None  # None: no plan released to the principal yet
    lines: tuple[QualificationLine, ...]
    outcomes: tuple[DemandOutcome, ...]
    runs_by_mode: tuple[RunsByMode, ...]
    can_run: bool
    jobs: list[JobView]
    can_adopt: bool = False  # the principal's roles adopt capacity plans
    sweep: VisibleSweep | None = None  # the newest capacity sweep's ranges
    # the plan was made with the earliest possible handover: its column is shown
    earliest_known: bool = False


def capacity_page(
    uow: UnitOfWork, principal: Principal, mission: str, number: int | None = None
) -> CapacityPage:
    require_page(principal, Page.CAPACITY)
    context = mission_context(uow, principal, mission)
    versions = capacity_headers(uow, principal, mission)
    adopted = adopted_header(versions)
    chosen = number if number is not None else (adopted.number if adopted else None)
    selected = capacity_plan(uow, principal, mission, chosen) if chosen is not None else None
    _, recent = jobs.jobs(uow, principal, mission, 5, 0)
    return CapacityPage(
        context,
        versions,
        selected,
        _lines(selected) if selected else (),
        tuple(sorted(selected.plan.outcomes, key=lambda o: (o.discipline, o.target, o.year)))
        if selected
        else (),
        _runs_by_mode(selected) if selected else (),
        allowed(principal, Verb.RUN, "capacity"),
        [j for j in recent if j.kind == "capacity"],
        allowed(principal, Verb.ADOPT, "capacity-plans"),
        latest_sweep(uow, principal, mission),
        selected is not None and selected.plan.earliest_known,
    )


def _lines(visible: VisiblePlan) -> tuple[QualificationLine, ...]:
    plan = visible.plan
    lines = []
    for q in sorted(set(plan.foreign) | set(plan.host_cadre)):
        series = plan.foreign.get(q, ())
        needed = [t for t, v in enumerate(series) if v > 0.01]
        cadre = plan.host_cadre.get(q, ())
        lines.append(
            QualificationLine(
                q,
                max(series, default=0.0),
                sum(series),
                needed[0] if needed else None,
                needed[-1] if needed else None,
                cadre[-1] if cadre else 0.0,
            )
        )
    return tuple(lines)


def _runs_by_mode(visible: VisiblePlan) -> tuple[RunsByMode, ...]:
    total: dict[RunMode, float] = defaultdict(float)
    for run in visible.plan.runs:
        total[run.mode] += run.runs
    return tuple(RunsByMode(mode, total[mode]) for mode in RunMode if total[mode] > 0)


@dataclass(frozen=True)
class HandoverChange:
    subject: str
    a: Handover | None
    b: Handover | None

    @property
    def months_later(self) -> int | None:
        """How many months later plan b hands over than plan a (negative: earlier)."""
        if self.a is None or self.b is None or self.a.month is None or self.b.month is None:
            return None
        return (
            (self.b.month.year - self.a.month.year) * 12 + self.b.month.month - self.a.month.month
        )


@dataclass(frozen=True)
class PlanComparison:
    context: MissionContext
    versions: list[PlanHeader]
    a: VisiblePlan
    b: VisiblePlan
    handovers: tuple[HandoverChange, ...]
    site_handovers: tuple[HandoverChange, ...]
    # the plans (a's number, then b's) made with the earliest possible handover: a column each
    earliest: tuple[int, ...] = ()


def compare_plans(
    uow: UnitOfWork, principal: Principal, mission: str, a: int, b: int
) -> PlanComparison:
    require_page(principal, Page.CAPACITY)
    context = mission_context(uow, principal, mission)
    first, second = (capacity_plan(uow, principal, mission, n) for n in (a, b))
    return PlanComparison(
        context,
        capacity_headers(uow, principal, mission),
        first,
        second,
        _changes(first.plan.handovers, second.plan.handovers),
        _changes(first.plan.site_handovers, second.plan.site_handovers),
        tuple(  # a plan compared with itself has one column
            dict.fromkeys(v.header.number for v in (first, second) if v.plan.earliest_known)
        ),
    )


def _changes(a: tuple[Handover, ...], b: tuple[Handover, ...]) -> tuple[HandoverChange, ...]:
    in_a, in_b = {h.subject: h for h in a}, {h.subject: h for h in b}
    subjects = list(in_a) + [s for s in in_b if s not in in_a]
    return tuple(HandoverChange(s, in_a.get(s), in_b.get(s)) for s in subjects)


# The planning figures the form offers, as `cadre plan capacity --set` names them.
OVERRIDES = ("attrition", "lag", "teaching_fraction", "mentor_ratio")
# What the form may also ask of the planner, as the job's parameters name it
# (`--whole-runs`, `--earliest`).
CHOICES = ("whole_runs", "earliest")


@dataclass(frozen=True)
class RunForm:
    context: MissionContext
    defaults: dict[str, str]


def run_form(uow: UnitOfWork, principal: Principal, mission: str) -> RunForm:
    """The form for a new plan, with the scenario's own planning figures as placeholders."""
    _require_run(principal)

    def build(scope: Scope) -> RunForm:
        p = scope.data.scenario.planning
        defaults = {
            "attrition": str(p.attrition_per_month),
            "lag": str(p.certification_lag_months),
            "teaching_fraction": str(p.teaching_fraction),
            "mentor_ratio": str(p.mentor_ratio),
        }
        return RunForm(MissionContext(heading(scope), names(scope)), defaults)

    form: RunForm = read(uow, principal, mission, build)
    return form


def _require_run(principal: Principal) -> None:
    require_page(principal, Page.CAPACITY)
    if not allowed(principal, Verb.RUN, "capacity"):
        raise Forbidden("your role may read capacity plans but not start one")


# A rule broken by an override names the planning figure; the form names it as --set does.
_FORM_NAMES = {v: k for k, v in ALIASES.items()}


def start_plan(
    uow: UnitOfWork,
    queue: JobQueue,
    principal: Principal,
    mission: str,
    form: Mapping[str, str],
) -> JobView:
    """Check the form as the planner would and queue the plan; InvalidInput names each field."""
    _require_run(principal)
    problems: list[Problem] = []
    parameters: dict[str, object] = {"mode": form.get("mode") or PlanMode.SIZING.value}
    for name, kind in (("horizon_months", int), ("seconds", float)):
        text = (form.get(name) or "").strip()
        if text:
            try:
                parameters[name] = kind(text)
            except ValueError:
                problems.append(Problem("a number, please", field=name))
    overrides = {k: form[k].strip() for k in OVERRIDES if (form.get(k) or "").strip()}
    scenario: Scenario = read(uow, principal, mission, lambda scope: scope.data.scenario)
    try:
        with_overrides(scenario, overrides)
    except InvalidInput as err:
        problems += [
            dataclasses.replace(p, field=_FORM_NAMES.get(p.field, p.field)) for p in err.problems
        ]
    if problems:
        raise InvalidInput(problems)
    parameters["overrides"] = overrides
    for choice in CHOICES:  # a box left unticked is not sent at all
        parameters[choice] = form.get(choice) == "on"
    return jobs.submit(uow, queue, principal, mission, "capacity", parameters)
