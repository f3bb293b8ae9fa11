"""The mission timetabling problem of a scenario: its sites, catalogue and trainers, and the
runs to place (listed in the scenario, or rounded from a capacity plan)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from cadre.domain.course_runs import CourseRun
from cadre.domain.errors import InvalidInput, Problem
from cadre.domain.scenario import Scenario
from cadre.domain.sites import SiteKind
from cadre.domain.timetable.problem import MissionProblem, MissionWeights, StartRule


def run_problems(scenario: Scenario, runs: Sequence[CourseRun]) -> list[Problem]:
    """What makes runs impossible to timetable as written (unknown codes, dates reversed)."""
    courses = {c.code for c in scenario.courses}
    sites = {s.code: s for s in scenario.sites}
    cohorts = {c.code for c in scenario.cohorts}
    found, seen = [], set()
    for run in runs:
        where = f"run {run.code}"
        if run.code in seen:
            found.append(Problem(f"{where} is listed twice", field="code"))
        seen.add(run.code)
        if run.course not in courses:
            found.append(Problem(f"{where}: course {run.course} is not defined", field="course"))
        if run.site not in sites:
            found.append(Problem(f"{where}: site {run.site} is not defined", field="site"))
        elif sites[run.site].kind is SiteKind.ABROAD:
            found.append(Problem(f"{where}: {run.site} is abroad, not in theatre", field="site"))
        if run.cohort is not None and run.cohort not in cohorts:
            found.append(Problem(f"{where}: cohort {run.cohort} is not defined", field="cohort"))
        if run.latest < run.earliest:
            found.append(
                Problem(f"{where} ends {run.latest}, before {run.earliest}", field="latest")
            )
        if run.class_size is not None and run.class_size <= 0:
            found.append(Problem(f"{where}: a class of {run.class_size}", field="class_size"))
    return found


def mission_problem(
    scenario: Scenario,
    runs: Sequence[CourseRun],
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    weights: MissionWeights | None = None,
    starts: StartRule = StartRule.AFTER_DAY_OFF,
) -> MissionProblem:
    """The problem of placing `runs` between `start` and `end` (default: from the earliest
    run's first day to the latest run's last, within the mission)."""
    problems = run_problems(scenario, runs)
    if problems:
        raise InvalidInput(problems)
    first = start or min((r.earliest for r in runs), default=scenario.mission.start)
    last = end or max((r.latest for r in runs), default=scenario.mission.end)
    return MissionProblem(
        mission=scenario.mission.code,
        host=scenario.mission.host,
        start=max(first, scenario.mission.start),
        end=min(last, scenario.mission.end),
        sites=tuple(s for s in scenario.sites if s.kind is not SiteKind.ABROAD),
        courses=scenario.courses,
        qualifications=scenario.qualifications,
        trainers=scenario.trainers,
        caveats={t.code: scenario.caveats_for_trainer(t) for t in scenario.trainers},
        cohorts=scenario.cohorts,
        runs=tuple(runs),
        weights=weights or MissionWeights(),
        starts=starts,
    )
