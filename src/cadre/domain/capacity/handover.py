"""Handover read from a plan, never searched for: the first month from which host-led runs
cover a discipline's (or a school's) demand, within the scenario's tolerance, for a sustained
period.

A month counts when foreign-led runs do at most `handover_tolerance` of the teaching under way
in it (of the courses host instructors may lead then: instructor and master courses stay with
foreign staff until `host_masters_from`) and the host cadre of every qualification the
subject teaches can lead at least one run (and carries the host-led runs it has). No month
counts in a year whose demand is unmet. The handover is the first month that starts
`handover_sustained` counted months in a row inside the horizon; otherwise the subject is
"not within the horizon", with the reason.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from cadre.domain.capacity.plan import CapacityPlan, DemandOutcome, Handover, PlannedRuns
from cadre.domain.capacity.problem import CapacityProblem, CourseSpec, RunMode, first_of_month

UNMET = 0.5  # people: less is the solver's rounding, not untrained people
NOISE = 1e-6


@dataclass(frozen=True)
class _Subject:
    code: str
    runs: tuple[PlannedRuns, ...]
    courses: tuple[CourseSpec, ...]  # whose host cadre must be able to lead a run
    disciplines: frozenset[str]


def read_handovers(
    problem: CapacityProblem,
    plan: CapacityPlan,
    earliest: Mapping[str, int | None] | None = None,
) -> tuple[tuple[Handover, ...], tuple[Handover, ...]]:
    """Handovers per discipline (with the scenario's targets) and per school. With `earliest`
    (discipline → the earliest possible month, solvers/capacity/earliest.py), each discipline
    found there carries it, and a missed target says whether it could have been met."""
    courses = {c.code: c for c in problem.courses}
    in_country = [r for r in plan.runs if r.site is not None and r.mode != RunMode.ABROAD]
    targets = dict(problem.handover_by)
    by_discipline = []
    for code, _ in problem.disciplines:
        mine = tuple(c for c in problem.courses if c.discipline == code)
        subject = _Subject(
            code,
            tuple(r for r in in_country if courses[r.course].discipline == code),
            mine,
            frozenset({code}),
        )
        handover = _with_earliest(problem, _read(problem, plan, subject), earliest or {})
        by_discipline.append(_with_target(problem, handover, targets))
    by_site = []
    for site in problem.sites:
        runs = tuple(r for r in in_country if r.site == site.code)
        taught = tuple(c for c in problem.courses if any(s == site.code for s, _ in c.sites))
        used = {r.course for r in runs}
        subject = _Subject(
            site.code,
            runs,
            tuple(c for c in taught if c.code in used) or taught,
            frozenset(courses[c].discipline for c in used),
        )
        by_site.append(_read(problem, plan, subject))
    return tuple(by_discipline), tuple(by_site)


def _read(problem: CapacityProblem, plan: CapacityPlan, subject: _Subject) -> Handover:
    horizon = len(problem.months)
    foreign, host = _loads(problem, subject.runs, horizon)
    short = [o for o in plan.outcomes if o.discipline in subject.disciplines and o.unmet > UNMET]
    unmet_years = {o.year for o in short}
    smallest = crews(problem, subject.courses)
    tol = problem.handover_tolerance

    def covered(t: int) -> bool:
        return foreign[t] <= tol * (foreign[t] + host[t]) + NOISE

    def staffed(t: int) -> bool:
        return bool(smallest) and all(
            plan.host_cadre.get(q, (0.0,) * horizon)[t] + NOISE >= crew
            for q, crew in smallest.items()
        )

    def met(t: int) -> bool:
        return not any(year >= problem.months[t].year for year in unmet_years)

    counted = [covered(t) and staffed(t) and met(t) for t in range(horizon)]
    sustain = problem.handover_sustained
    run = 0
    for t in range(horizon - 1, -1, -1):
        run = run + 1 if counted[t] else 0
        counted[t] = run >= sustain  # reused: whether a sustained stretch starts at t
    first = next((t for t in range(horizon) if counted[t]), None)
    if first is not None:
        return Handover(subject.code, problem.months[first], first)
    return Handover(
        subject.code,
        None,
        horizon,
        _why_not(problem, covered, staffed, short, smallest, foreign, host),
    )


def _loads(
    problem: CapacityProblem, runs: tuple[PlannedRuns, ...], horizon: int
) -> tuple[list[float], list[float]]:
    """Instructor-months of teaching under way each month, foreign-led and host-led."""
    courses = {c.code: c for c in problem.courses}
    foreign = [0.0] * horizon
    host = [0.0] * horizon
    for r in runs:
        c = courses[r.course]
        series = host if r.mode == RunMode.HOST else foreign
        for k, share in enumerate(c.occupancy):
            # Courses the scenario keeps with foreign staff (instructor and master courses
            # before `host_masters_from`) are the advisory floor's work, not the host's.
            if c.host_from <= r.month + k < horizon:
                series[r.month + k] += share * c.instructors * r.runs
    return foreign, host


def crews(problem: CapacityProblem, courses: tuple[CourseSpec, ...]) -> dict[str, int]:
    """Per qualification the subject's end-user courses need, the smallest crew of a run.

    Instructor and master courses are left out while the scenario keeps them with foreign
    staff: their runs then count as foreign-led teaching instead."""
    horizon = len(problem.months)
    crews: dict[str, int] = defaultdict(lambda: 10**6)
    for c in courses:
        if c.host_from < horizon and RunMode.HOST in c.modes:
            q = c.instructor_qualification
            crews[q] = min(crews[q], c.instructors)
    return dict(crews)


def _why_not(
    problem: CapacityProblem,
    covered: Callable[[int], bool],
    staffed: Callable[[int], bool],
    short: list[DemandOutcome],
    crews: dict[str, int],
    foreign: list[float],
    host: list[float],
) -> str:
    horizon = len(problem.months)
    if short:
        last = max(o.year for o in short)
        # every shortfall with its period: one target may fall short in several years
        rows = "; ".join(
            f"{o.unmet:.0f} of {o.wanted} {o.target} in {o.period or o.year}" for o in short
        )
        return f"demand is unmet until {last} ({rows})"
    if not crews:
        return "no host instructor may lead its courses"
    if not any(staffed(t) for t in range(horizon)):
        thin = ", ".join(sorted(crews))
        return f"the host cadre ({thin}) never grows enough to lead a run"
    late = [t for t in range(horizon) if not covered(t)]
    if late:
        t = late[-1]
        share = foreign[t] / (foreign[t] + host[t]) if foreign[t] + host[t] > 0 else 1.0
        return (
            f"foreign-led runs still do {share:.0%} of the teaching in "
            f"{problem.months[t]:%b %Y} (tolerance {problem.handover_tolerance:.0%})"
        )
    thin_months = [t for t in range(horizon) if not staffed(t)]
    if thin_months:
        last_thin = problem.months[thin_months[-1]]
        return f"the host cadre is too small to lead a run in {last_thin:%b %Y}"
    return (
        f"host-led runs do not cover {problem.handover_sustained} months in a row "
        "before the horizon ends"
    )


def _with_earliest(
    problem: CapacityProblem, handover: Handover, earliest: Mapping[str, int | None]
) -> Handover:
    if handover.subject not in earliest or not problem.months:
        return handover
    index = earliest[handover.subject]
    month = None if index is None else first_of_month(problem.months[0], index)
    return dataclasses.replace(handover, earliest=month, earliest_known=True)


def _with_target(problem: CapacityProblem, handover: Handover, targets: dict[str, int]) -> Handover:
    """The handover with the scenario's target, and why it is missed when it is: when the
    earliest possible month is known and later than the target, the target could not be met
    by any plan, which is the reason that matters."""
    if handover.subject not in targets or not problem.months:
        return handover
    index = targets[handover.subject]
    target = first_of_month(problem.months[0], index)
    reason = handover.reason
    if handover.month is None or handover.index > index:
        reason = f"target {target:%b %Y} missed: {handover.reason}"
        if handover.month is not None:
            reason = (
                f"target {target:%b %Y} missed: host-led runs first cover the demand for "
                f"{problem.handover_sustained} months from {handover.month:%b %Y}"
            )
        if handover.earliest_known and handover.earliest is None:
            reason = (
                f"target {target:%b %Y} cannot be met: the host could not carry it within "
                f"the horizon in any plan ({handover.reason or 'not to its end'})"
            )
        elif handover.earliest_known and handover.earliest is not None:
            if handover.earliest > target:
                reason = (
                    f"target {target:%b %Y} cannot be met: the host could carry it from "
                    f"{handover.earliest:%b %Y} at the earliest"
                )
            else:
                reason += (
                    f" (the host could carry it from {handover.earliest:%b %Y}, in a plan "
                    "that costs more instructor-months or leaves other demand unmet)"
                )
    return dataclasses.replace(handover, reason=reason, target=target)


def with_floor(problem: CapacityProblem, plan: CapacityPlan) -> CapacityPlan:
    """The plan with each discipline's advisory and quality-assurance staff added to its
    foreign force until the mission ends (or, with `mission_ends_at_handover`, until the
    discipline's handover). They advise and assure, they do not teach: they are counted
    beside the teaching force, under the qualification that teaches its instructors (the
    rung that can judge them), so the statement of requirements carries their posts."""
    floor = float(problem.quality_assurance)
    if floor <= 0:
        return plan
    horizon = len(problem.months)
    handed = {h.subject: h.index for h in plan.handovers if h.month is not None}
    foreign = {q: list(series) for q, series in plan.foreign.items()}
    for discipline, _ in problem.disciplines:
        q = _assuring(problem, discipline, foreign)
        if q is None:
            continue
        end = min(horizon, problem.mission_end)
        if problem.mission_ends_at_handover:
            end = min(end, handed.get(discipline, end))
        for t in range(end):
            foreign[q][t] += floor
    return dataclasses.replace(plan, foreign={q: tuple(s) for q, s in foreign.items()})


def _assuring(
    problem: CapacityProblem, discipline: str, foreign: dict[str, list[float]]
) -> str | None:
    """The qualification that teaches the discipline's instructors, else any it teaches with."""
    mine = [c for c in problem.courses if c.discipline == discipline]
    ladder = [c.instructor_qualification for c in mine if c.grants in foreign]
    taught = [c.instructor_qualification for c in mine]
    return next((q for q in (*ladder, *taught) if q in foreign), None)
