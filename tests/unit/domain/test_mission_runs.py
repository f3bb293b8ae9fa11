"""Whole runs from a capacity plan: cumulative rounding at their months, the mode with the
largest share left, cohorts matched best fit first; what could not be matched said plainly."""

from __future__ import annotations

import datetime as dt

from cadre.domain.capacity.plan import CapacityPlan, PlannedRuns
from cadre.domain.capacity.problem import PlanMode, RunMode
from cadre.domain.contributors import Trainer
from cadre.domain.course_runs import CourseRun
from cadre.domain.host import Cohort, HostName
from cadre.domain.planning import SolveStatus
from cadre.domain.timetable.runs import (
    RunsFromPlan,
    match_cohorts,
    round_runs,
    wait_for_teams,
)
from tests.factories import make_scenario

D = dt.date
MONTHS = (D(2019, 1, 1), D(2019, 2, 1), D(2019, 3, 1))


def plan(*runs: PlannedRuns) -> CapacityPlan:
    return CapacityPlan(
        SolveStatus.OPTIMAL, PlanMode.SIZING, MONTHS, runs, {}, {}, {}, {}, {}, {}, (), (), ()
    )


def cohort(code: str, size: int, site: str | None = "TAJI") -> Cohort:
    return Cohort(code, f"unit {code}", size, HostName("وحدة", "wahda"), site)


def test_fractions_add_up_month_by_month_and_each_run_takes_the_mode_most_owed() -> None:
    fractions = plan(
        PlannedRuns("CIED-101", 0, RunMode.RESIDENT, "TAJI", 0.4),
        PlannedRuns("CIED-101", 1, RunMode.RESIDENT, "TAJI", 0.4),
        PlannedRuns("CIED-101", 2, RunMode.RESIDENT, "TAJI", 0.4),
        PlannedRuns("CIED-101", 2, RunMode.HOST, "TAJI", 0.3),
    )
    assert round_runs(make_scenario(), fractions, months=3) == RunsFromPlan(
        (
            CourseRun("CIED-101/TAJI/2019-02/1", "CIED-101", "TAJI", D(2019, 2, 1), D(2019, 4, 30)),
            CourseRun(
                "CIED-101/TAJI/2019-03/1", "CIED-101", "TAJI", D(2019, 3, 1), D(2019, 5, 31),
                host_led=True,
            ),
        ),
        (),
    )  # fmt: skip


def test_runs_beyond_the_months_asked_for_and_runs_abroad_are_left_aside_and_said_so() -> None:
    fractions = plan(
        PlannedRuns("CIED-101", 0, RunMode.ABROAD, None, 1.0),
        PlannedRuns("CIED-101", 2, RunMode.RESIDENT, "TAJI", 1.0),
    )
    assert round_runs(make_scenario(), fractions, months=2) == RunsFromPlan(
        (), ("1.0 runs abroad are not timetabled here (taught by the host school)",)
    )


def test_cohorts_of_the_site_are_matched_best_fit_first_and_the_rest_stay_open_classes() -> None:
    scenario = make_scenario(
        cohorts=(cohort("C28", 28), cohort("C20", 20), cohort("C-BES", 25, "BESMAYA"))
    )
    basic = [
        CourseRun(f"R{k}", "CIED-101", "TAJI", D(2019, 2, 1), D(2019, 4, 30)) for k in (1, 2, 3)
    ]
    runs = (*basic, CourseRun("TTT", "CIED-TTT", "TAJI", D(2019, 5, 1), D(2019, 7, 31)))
    found = match_cohorts(scenario, runs)
    assert [(r.code, r.cohort) for r in found.runs] == [
        ("R1", "C28"),
        ("R2", "C20"),
        ("R3", None),
        ("TTT", "C28"),  # it took CIED-101 first, as the instructor course requires
    ]
    assert found.notes == (
        "1 run of CIED-101 at TAJI matched no cohort (open class, trainees named later)",
        "cohorts with no run: C-BES",
    )


def test_a_cohort_never_takes_a_course_before_one_it_requires() -> None:
    scenario = make_scenario(cohorts=(cohort("C20", 20),))
    runs = (
        CourseRun("TTT", "CIED-TTT", "TAJI", D(2019, 2, 1), D(2019, 4, 30)),
        CourseRun("101", "CIED-101", "TAJI", D(2019, 3, 1), D(2019, 5, 31)),
    )
    assert [(r.code, r.cohort) for r in match_cohorts(scenario, runs).runs] == [
        ("TTT", "C20"),
        ("101", None),
    ]


def trainer(code: str, nation: str, arrives: dt.date, leaves: dt.date) -> Trainer:
    return Trainer(code, f"trainer {code}", nation, ("CIED-INS",), arrives, leaves)


def test_a_run_planned_before_a_team_can_be_in_theatre_waits_for_one_and_keeps_its_window() -> None:
    scenario = make_scenario(
        trainers=(
            trainer("T1", "CAN", D(2019, 1, 1), D(2019, 6, 30)),
            trainer("T2", "CAN", D(2019, 3, 10), D(2019, 9, 30)),
            trainer("T3", "SWE", D(2019, 1, 1), D(2019, 1, 20)),  # leaves before a run ends
        )
    )
    early = CourseRun("EARLY", "CIED-101", "TAJI", D(2019, 1, 1), D(2019, 3, 31))
    later = CourseRun("LATER", "CIED-101", "TAJI", D(2019, 4, 1), D(2019, 6, 30))
    nobody = CourseRun("HOST", "CIED-101", "TAJI", D(2019, 1, 1), D(2019, 3, 31), host_led=True)
    assert wait_for_teams(scenario, (early, later, nobody)) == RunsFromPlan(
        (
            CourseRun("EARLY", "CIED-101", "TAJI", D(2019, 3, 10), D(2019, 6, 7)),
            later,
            nobody,  # no host instructor ever: left for the timetable to explain
        ),
        (
            "1 run of CIED-101 at TAJI planned before a team that may teach it is in theatre "
            "start from 2019-03-10 instead",
        ),
    )
