"""A capacity plan's statement of requirements: teaching posts where the plan teaches, with the
criticality the scenario gave them, carried through matching to the shortfalls."""

from __future__ import annotations

import dataclasses
import datetime as dt

from cadre.domain.capacity.problem import PlanMode, build_problem
from cadre.domain.catalogue import DeliveryMode
from cadre.domain.force.offers import offer_from_pledge
from cadre.domain.force.shortfalls import shortfalls
from cadre.domain.force.statement import (
    ForeignRuns,
    carried_criticality,
    plan_statement,
    stays_beside_plan,
)
from cadre.domain.requirements import Criticality, PostKind, RequirementLine
from cadre.domain.rules import check_scenario
from cadre.domain.scenario import PlanningParameters, Scenario
from cadre.solvers.force.matching import solve_force
from tests.factories import REGISTRIES, make_course, make_pledge
from tests.force_factories import force_scenario, make_line, make_offer, problem_of

JAN, FEB = dt.date(2019, 1, 1), dt.date(2019, 2, 1)
NO_WHOLE_FORCE = PlanningParameters(
    headquarters_core=0,
    headquarters_per_trainer=0.0,
    advisers_at_headquarters=0,
    advisers_per_school=0,
    force_protection_per_site=0,
    support_per_deployed=0.0,
)


def scenario(*written: RequirementLine, planning: PlanningParameters = NO_WHOLE_FORCE) -> Scenario:
    return force_scenario(
        requirements=written,
        planning=planning,
        courses=(
            make_course(grants=None),
            make_course(code="CIED-TTT", instructor_qualification="CIED-MT", grants="CIED-INS"),
        ),
    )


def test_plan_lines_keep_the_criticality_the_scenario_gave_their_qualification() -> None:
    written = make_line(number="SOR-1", qualification="CIED-INS", criticality=Criticality.CRITICAL)
    s = scenario(written)
    need = {("CIED-INS", JAN): 2.0, ("CIED-INS", FEB): 3.0, ("CIED-MT", JAN): 1.0}
    lines = plan_statement(s, need, [ForeignRuns("CIED-101", "BESMAYA", "resident", 4.0)], (JAN,))
    assert {(x.qualification, x.site, x.count, x.criticality) for x in lines} == {
        ("CIED-INS", "BESMAYA", 2, Criticality.CRITICAL),
        ("CIED-INS", "BESMAYA", 1, Criticality.CRITICAL),
        ("CIED-MT", "TAJI", 1, Criticality.ESSENTIAL),  # no run placed it: the first school
    }


def test_the_highest_criticality_of_a_qualifications_lines_is_carried() -> None:
    lines = (
        make_line(number="A", criticality=Criticality.DESIRABLE),
        make_line(number="B", criticality=Criticality.CRITICAL),
        make_line(number="C", qualification="FP", kind=PostKind.FORCE_PROTECTION),
    )
    assert carried_criticality(lines) == {"CIED-INS": Criticality.CRITICAL}


def test_a_master_trainer_goes_to_the_critical_post_and_it_is_the_first_shortfall() -> None:
    """One master trainer, an essential master's post and a critical instructor's post: the
    matcher fills the critical one (a higher rung may fill a lower post), and the status lists
    the critical shortfall first even though the essential one is larger."""
    written = make_line(number="SOR-1", qualification="CIED-INS", criticality=Criticality.CRITICAL)
    s = scenario(written)
    need = {("CIED-INS", JAN): 2.0, ("CIED-MT", JAN): 3.0}
    lines = plan_statement(s, need, [], (JAN,))
    offer = make_offer(qualification="CIED-MT", count=1, start=JAN, end=dt.date(2019, 1, 31))
    problem = problem_of(lines, [offer], s)
    allocations = solve_force(problem).solution.allocations
    filled = {line.qualification: 0 for line in lines}
    numbers = {line.number: line for line in lines}
    for a in allocations:
        filled[numbers[a.line].qualification] += a.people
    assert filled == {"CIED-INS": 1, "CIED-MT": 0}
    ranked = shortfalls(problem, allocations, s.courses)
    assert [(x.line.qualification, x.line.criticality) for x in ranked] == [
        ("CIED-INS", Criticality.CRITICAL),
        ("CIED-MT", Criticality.ESSENTIAL),
    ]


def test_the_guards_of_a_written_mobile_team_step_aside_with_it() -> None:
    """The scenario's mobile team steps aside for the plan's posts, and its five guards with
    it: they neither appear nor count in the support ratio; a site's own guards stay."""
    team = make_line(number="SOR-2", mode=DeliveryMode.MOBILE_TRAINING_TEAM, site="BESMAYA")
    escort = make_line(
        number="SOR-2-FP",
        qualification="FP",
        kind=PostKind.FORCE_PROTECTION,
        site="BESMAYA",
        mode=DeliveryMode.MOBILE_TRAINING_TEAM,
        count=5,
        protects="SOR-2",
    )
    gate = make_line(number="FP-1", qualification="FP", kind=PostKind.FORCE_PROTECTION, count=3)
    assert [stays_beside_plan(x) for x in (team, escort, gate)] == [False, False, True]
    planning = dataclasses.replace(NO_WHOLE_FORCE, support_per_deployed=1.0)
    lines = plan_statement(
        scenario(team, escort, gate, planning=planning), {("CIED-INS", JAN): 2.0}, [], (JAN,)
    )
    assert "SOR-2-FP" not in {x.number for x in lines}
    support = [x.count for x in lines if x.kind is PostKind.SUPPORT]
    assert support == [2 + 3]  # two trainers and the three guards written for the site


def test_a_pledge_may_name_a_headquarters_specialty_and_fills_its_posts() -> None:
    """A scenario pledge of three headquarters staff: the scenario's rules accept it, the
    capacity planner leaves it out of teaching, and matching puts it on the derived HQ line."""
    hq = make_pledge(code="P-CAN-HQ", qualification="HQ", count=3, start=JAN, end=FEB)
    planning = dataclasses.replace(NO_WHOLE_FORCE, headquarters_core=5)
    s = dataclasses.replace(scenario(planning=planning), pledges=(hq,))
    assert [v for v in check_scenario(s, REGISTRIES) if v.path[0] == "pledges"] == []
    assert build_problem(s, PlanMode.CHECK).supplies == ()
    lines = plan_statement(s, {("CIED-INS", JAN): 1.0}, [], (JAN,))
    problem = problem_of(lines, [offer_from_pledge(hq)], s)
    allocations = solve_force(problem).solution.allocations
    staff = {x.number for x in lines if x.kind is PostKind.HEADQUARTERS}
    assert [(a.line in staff, a.people) for a in allocations] == [(True, 3)]


def test_a_pledge_of_an_unknown_specialty_is_refused() -> None:
    s = dataclasses.replace(scenario(), pledges=(make_pledge(qualification="HQ-J9"),))
    assert [v.message for v in check_scenario(s, REGISTRIES) if v.path[0] == "pledges"] == [
        "pledge P-CAN-1 offers HQ-J9, which is neither a qualification nor a specialty a "
        "requirement asks for"
    ]
