"""A mission made of independent parts is planned part by part, with the answer of the whole."""

from __future__ import annotations

import pytest

from cadre.domain.capacity.check import check_capacity_plan
from cadre.domain.capacity.handover import read_handovers
from cadre.domain.capacity.problem import PlanMode, build_problem
from cadre.domain.catalogue import Discipline, InstructorLevel, Qualification
from cadre.domain.host import Demand
from cadre.domain.scenario import Scenario
from cadre.solvers.capacity import solve_capacity
from cadre.solvers.capacity.decompose import independent_parts
from cadre.solvers.capacity.solve import _solve_whole
from tests.capacity_factories import START, course, scenario, site


def two_schools(shared: bool) -> Scenario:
    """Two disciplines, each taught at its own school unless `shared` opens both to both."""
    ladder = []
    for d in ("A", "B"):
        ladder += [
            course(f"{d}-1", d, f"{d}-INS", max_class_size=20, grants=None),
            course(
                f"{d}-TTT",
                d,
                f"{d}-MT",
                duration_days=21,
                prerequisites=(f"{d}-1",),
                grants=f"{d}-INS",
            ),
        ]
    return scenario(
        years=2,
        sites=(
            site("SA", 2, frozenset() if shared else frozenset({"A"})),
            site("SB", 1, frozenset() if shared else frozenset({"B"})),
        ),
        disciplines=(Discipline("A", "Alpha"), Discipline("B", "Bravo")),
        qualifications=tuple(
            Qualification(f"{d}-{q}", q, d, level)
            for d in ("A", "B")
            for q, level in (
                ("INS", InstructorLevel.INSTRUCTOR),
                ("MT", InstructorLevel.MASTER_TRAINER),
            )
        ),
        courses=tuple(ladder),
        demands=tuple(
            Demand("Army", f"{d}-1", START.year + y, n)
            for d, n in (("A", 400), ("B", 300))
            for y in range(2)
        ),
    )


def test_schools_that_share_no_rooms_are_independent_parts() -> None:
    assert len(independent_parts(build_problem(two_schools(False), PlanMode.SIZING))) == 2
    assert len(independent_parts(build_problem(two_schools(True), PlanMode.SIZING))) == 1


def test_planning_by_parts_gives_the_answer_of_the_whole() -> None:
    problem = build_problem(two_schools(False), PlanMode.SIZING)
    by_parts = solve_capacity(problem, seconds=30).solution
    whole = _solve_whole(problem, 30, 1, lambda _what, _done: None, None).solution
    assert check_capacity_plan(problem, by_parts) == []
    assert any("independent parts" in note for note in by_parts.notes)
    assert (by_parts.status, whole.status) == ("optimal", "optimal")
    assert by_parts.unmet == pytest.approx(whole.unmet, abs=1e-4)
    # Handover is read from a plan (domain/capacity/handover.py), the whole one's as well.
    assert {h.subject: h.index for h in by_parts.handovers} == {
        h.subject: h.index for h in read_handovers(problem, whole)[0]
    }
    assert by_parts.instructor_months == pytest.approx(whole.instructor_months, rel=1e-6)
