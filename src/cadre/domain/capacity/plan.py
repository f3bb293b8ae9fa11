"""What the capacity planner answers: the plan, its figures, and how sure it is of them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cadre.domain.capacity.problem import PlanMode, RunMode
from cadre.domain.planning import SolveStatus


@dataclass(frozen=True)
class PlannedRuns:
    """Runs of a course started in one month, in one mode, at one site (None abroad)."""

    course: str
    month: int
    mode: RunMode
    site: str | None
    runs: float


@dataclass(frozen=True)
class Assignment:
    """Pledged person-months put to teaching at a site in a mode (check mode), or to mentoring."""

    pledge: str
    month: int
    site: str | None  # None: mentoring
    mode: RunMode | None
    amount: float
    # whose work it does: its own qualification's or a lower rung's (None: its own, as in
    # plans kept before a higher rung could fill a lower one)
    qualification: str | None = None


@dataclass(frozen=True)
class DemandOutcome:
    target: str
    year: int
    wanted: int
    graduated: float
    unmet: float
    discipline: str
    reason: str = ""  # why the unmet part cannot be trained, when there is one
    period: str = ""  # "" the year; else its quarter (2019-Q2) or month (2019-04)
    intake: bool = False  # `graduated` counts entrants starting in the period

    @property
    def key(self) -> tuple[str, int, str, bool]:
        return self.target, self.year, self.period, self.intake


@dataclass(frozen=True)
class Handover:
    """The first month from which host-led runs cover a discipline's (or a school's) demand
    for a sustained period (domain/capacity/handover.py)."""

    subject: str
    month: dt.date | None  # None: not within the horizon
    index: int
    reason: str = ""  # why not within the horizon, or why the target is missed
    target: dt.date | None = None  # the scenario's `handover_by`, if it sets one
    # The earliest month the host could carry it in any plan (solvers/capacity/earliest.py),
    # None when no month within the horizon; read only when `earliest_known`, asked for.
    earliest: dt.date | None = None
    earliest_known: bool = False

    @property
    def missed(self) -> bool:
        """Whether the scenario wanted it earlier than the plan gives it."""
        return self.target is not None and (self.month is None or self.month > self.target)


@dataclass(frozen=True)
class Stage:
    """One solve of the lexicographic sequence, as HiGHS ended it."""

    name: str
    status: str  # HiGHS's word: optimal, infeasible, time limit, ...
    objective: float
    seconds: float


@dataclass(frozen=True)
class RoundingLoss:
    """What whole runs cost against the continuous plan, which no whole-run plan can beat:
    its unmet demand and foreign instructor-months are bounds (solvers/capacity/whole.py)."""

    unmet: float  # people unmet beyond the bound
    instructor_months: float  # foreign instructor-months beyond the bound (may be below it)
    bound_unmet: float
    bound_instructor_months: float
    solves: int = 0  # re-solves the repair took
    # the relative gap of the mixed-integer step that made the plan (the polish near the
    # continuous plan, or the repair's small programme around the dive's plan), against the
    # best plan of its neighbourhood; None when the plan came from the dive down alone
    gap: float | None = None
    # The objective the repair weighs (each unmet person as UNMET_WEIGHT instructor-months,
    # then instructor-months, turbulence and the small weights), of the whole-run plan and of
    # the continuous one, which bounds it from below.
    objective: float = 0.0
    bound_objective: float = 0.0

    @property
    def integrality_gap(self) -> float:
        """(whole-run objective − continuous bound) / bound: what whole runs cost at most
        beyond the best whole-run plan, as a share (0 when the bound is 0 and met)."""
        if self.bound_objective <= 0.0:
            return 0.0 if self.objective <= 0.0 else float("inf")
        return max(0.0, self.objective - self.bound_objective) / self.bound_objective

    def sentence(self) -> str:
        return (
            f"whole runs: {self.unmet:,.1f} more people unmet and "
            f"{self.instructor_months:+,.1f} foreign instructor-months against the continuous "
            f"bound ({self.bound_unmet:,.1f} unmet, {self.bound_instructor_months:,.1f} "
            f"instructor-months); integrality gap at most {self.integrality_gap:.1%}"
            + (f"; repair gap {self.gap:.2%}" if self.gap is not None else "")
        )


@dataclass(frozen=True)
class CapacityPlan:
    status: SolveStatus  # optimal, feasible (stopped early, figures valid) or stopped (no plan)
    mode: PlanMode
    months: tuple[dt.date, ...]
    runs: tuple[PlannedRuns, ...]
    trainees: dict[str, tuple[float, ...]]  # in-country entrants per course and month
    abroad: dict[tuple[str, str], tuple[float, ...]]  # (course, nation): entrants abroad
    foreign: dict[str, tuple[float, ...]]  # foreign instructors required per qualification
    foreign_mentoring: dict[str, tuple[float, ...]]
    host_mentoring: dict[str, tuple[float, ...]]
    host_cadre: dict[str, tuple[float, ...]]
    outcomes: tuple[DemandOutcome, ...]
    handovers: tuple[Handover, ...]
    site_handovers: tuple[Handover, ...]
    marginal_values: dict[str, float] = field(default_factory=dict)  # check mode only
    assignments: tuple[Assignment, ...] = ()
    stages: tuple[Stage, ...] = ()
    variables: int = 0
    constraints: int = 0
    notes: tuple[str, ...] = ()
    # The whole deployed force by post kind (teaching, headquarters, adviser, force protection,
    # support) and month, from the statement of requirements the plan implies; empty until then.
    deployed: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # runs made whole from the continuous plan, and what that cost (None: runs continuous)
    rounding: RoundingLoss | None = None

    @property
    def unmet(self) -> float:
        return sum(o.unmet for o in self.outcomes)

    @property
    def earliest_known(self) -> bool:
        """Whether the plan was made with the earliest possible handover of its disciplines."""
        return any(h.earliest_known for h in self.handovers)

    @property
    def instructor_months(self) -> float:
        return sum(sum(series) for series in self.foreign.values())

    def force_by_month(self) -> tuple[float, ...]:
        return tuple(
            sum(series[t] for series in self.foreign.values()) for t in range(len(self.months))
        )

    @property
    def peak_force(self) -> tuple[float, dt.date | None]:
        force = self.force_by_month()
        if not force:
            return 0.0, None
        t = max(range(len(force)), key=force.__getitem__)
        return force[t], self.months[t]

    def deployed_by_month(self) -> tuple[int, ...]:
        """Everyone deployed, month by month: the headline of a plan with its whole force."""
        return tuple(
            sum(series[t] for series in self.deployed.values()) for t in range(len(self.months))
        )

    @property
    def peak_deployed(self) -> tuple[int, dt.date | None]:
        force = self.deployed_by_month()
        if not self.deployed or not force:
            return 0, None
        t = max(range(len(force)), key=force.__getitem__)
        return force[t], self.months[t]

    def host_led_share(self) -> float:
        """The share of in-country runs led by host instructors, over the whole horizon."""
        host = sum(r.runs for r in self.runs if r.mode == RunMode.HOST)
        total = sum(r.runs for r in self.runs if r.mode != RunMode.ABROAD)
        return host / total if total > 0 else 0.0
