"""In check mode a higher rung of the ladder may teach what a lower rung teaches (master trainer
⊇ instructor ⊇ assistant instructor), never the reverse; the checker holds the same rule."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from cadre.domain.capacity.check import check_capacity_plan
from cadre.domain.capacity.problem import PlanMode, build_problem
from cadre.domain.catalogue import (
    CourseLevel,
    InstructorLevel,
    Qualification,
    lower_rungs,
    rung_fills,
)
from cadre.domain.host import Demand
from cadre.domain.scenario import Scenario
from cadre.solvers.capacity import solve_capacity
from tests.capacity_factories import START, course, pledge, scenario, site

LADDER = (
    Qualification("OPS-Q", "Operator", "OPS", InstructorLevel.TRAINEE),
    Qualification("OPS-AI", "Assistant instructor", "OPS", InstructorLevel.ASSISTANT_INSTRUCTOR),
    Qualification("OPS-INS", "Instructor", "OPS", InstructorLevel.INSTRUCTOR),
    Qualification("OPS-MT", "Master trainer", "OPS", InstructorLevel.MASTER_TRAINER),
    Qualification("MED-MT", "Medical master trainer", "MED", InstructorLevel.MASTER_TRAINER),
)
RUNGS = ("OPS-AI", "OPS-INS", "OPS-MT")


def mission(taught_with: str, pledged: str, trained: int, people: int = 6) -> Scenario:
    """One course taught with `taught_with`, no host instructor, and one nation's pledge."""
    return scenario(
        years=1,
        sites=(site("S", 4),),
        qualifications=LADDER,
        courses=(course("OPS-1", "OPS", taught_with, grants="OPS-Q"),),
        demands=(Demand("Army", "OPS-1", START.year, trained),),
        pledges=(pledge("P1", "CAN", pledged, people),),
    )


def test_the_ladder_rule() -> None:
    by_code = {q.code: q for q in LADDER}
    assert [(a, b) for a in RUNGS for b in RUNGS if rung_fills(by_code[a], by_code[b])] == [
        ("OPS-AI", "OPS-AI"),
        ("OPS-INS", "OPS-AI"),
        ("OPS-INS", "OPS-INS"),
        ("OPS-MT", "OPS-AI"),
        ("OPS-MT", "OPS-INS"),
        ("OPS-MT", "OPS-MT"),
    ]
    assert not rung_fills(by_code["MED-MT"], by_code["OPS-INS"])  # another discipline's
    assert lower_rungs("OPS-MT", LADDER) == {"OPS-Q", "OPS-AI", "OPS-INS"}
    assert lower_rungs("FP", LADDER) == frozenset()  # a specialty that does not teach


@settings(max_examples=10, deadline=None)
@given(
    st.sampled_from([(w, h) for w in RUNGS for h in RUNGS if RUNGS.index(h) >= RUNGS.index(w)]),
    st.integers(20, 120),
)
def test_a_higher_rung_can_always_fill_a_lower_post_in_check_mode(
    rungs: tuple[str, str], trained: int
) -> None:
    wanted, held = rungs
    problem = build_problem(mission(wanted, held, trained), PlanMode.CHECK)
    plan = solve_capacity(problem, seconds=20).solution
    assert check_capacity_plan(problem, plan) == []
    assert plan.unmet < 1e-4
    work = {(a.pledge, a.qualification) for a in plan.assignments if a.amount > 1e-6}
    assert work == {("P1", wanted)}


def test_master_trainers_alone_teach_an_instructor_level_course() -> None:
    """The issue's case: an instructor-level course of 600 seats taught with the instructor
    qualification, only master trainers pledged; none of the 600 goes unmet."""
    s = mission("OPS-INS", "OPS-MT", 600, people=40)
    taught = dataclasses.replace(s.courses[0], level=CourseLevel.INSTRUCTOR, grants="OPS-AI")
    roomy = dataclasses.replace(s, courses=(taught,), sites=(site("S", 12),))
    problem = build_problem(roomy, PlanMode.CHECK)
    plan = solve_capacity(problem, seconds=30).solution
    assert check_capacity_plan(problem, plan) == []
    assert plan.unmet < 1e-4
    assert {(a.pledge, a.qualification) for a in plan.assignments if a.amount > 1e-6} == {
        ("P1", "OPS-INS")
    }


def test_a_lower_rung_never_teaches_a_higher_ones_course() -> None:
    problem = build_problem(mission("OPS-INS", "OPS-AI", 100), PlanMode.CHECK)
    plan = solve_capacity(problem, seconds=20).solution
    assert check_capacity_plan(problem, plan) == []
    assert round(plan.unmet, 4) == 100
    assert plan.assignments == ()


def test_the_checker_refuses_work_outside_the_ladder() -> None:
    problem = build_problem(mission("OPS-INS", "OPS-MT", 60), PlanMode.CHECK)
    plan = solve_capacity(problem, seconds=20).solution
    swapped = dataclasses.replace(
        problem,
        supplies=tuple(dataclasses.replace(s, covers=frozenset()) for s in problem.supplies),
    )
    assert "pledge P1 of OPS-MT does the work of OPS-INS" in check_capacity_plan(swapped, plan)
