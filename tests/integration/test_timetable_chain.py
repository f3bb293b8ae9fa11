"""The chain holds together on the shipped example (NATO Mission Iraq, as `cadre demo` plans
it): every run the adopted capacity plan asks for is either in the adopted timetable or left
out with a cause from upstream and the plan line it came from; and a cause that blames the
site's rooms is checked again here with the independent checker, start by start."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pathlib
from collections.abc import Iterator

import pytest

from cadre.domain.timetable.causes import Cause
from cadre.domain.timetable.check import (
    caveats_respected,
    co_teaching,
    instructors_in_theatre,
    instructors_qualified,
    prerequisites_first,
    room_fits,
    room_once,
    starts_on_allowed_day,
    within_window,
)
from cadre.domain.timetable.problem import MissionProblem, PlacedRun
from cadre.domain.timetable.runs import runs_from_plan
from cadre.services.capacity import operations as capacity
from cadre.services.force import operations as force
from cadre.services.scenario import operations as scenarios
from cadre.services.timetable import exports as handouts
from cadre.services.timetable import operations as schedule
from cadre.services.timetable import queries as timetables
from cadre.services.timetable.queries import TimetableVersion
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage.database import make_engine, upgrade
from tests.conftest import EXAMPLES

MONTHS = 12  # what `cadre schedule` and the demo timetable


@dataclasses.dataclass(frozen=True)
class Chain:
    version: TimetableVersion
    asked: tuple[str, ...]  # the runs the adopted capacity plan asks for, rounded anew here
    plan_runs: dict[tuple[str, str, str], float]  # the plan's runs per course, site, month


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chain]:
    """The demo's steps on SQLite: import, plan and adopt, force generation, timetable."""
    path: pathlib.Path = tmp_path_factory.mktemp("chain") / "cadre.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    work = UnitOfWork(engine, actor="test")
    scenarios.import_file(work, EXAMPLES / "nmi-2018.yaml")
    planned = capacity.plan_capacity(work, adopt=True)
    force.picture(work, adopt=True)
    schedule.schedule(work, seconds=20, adopt=True)
    version = timetables.load_timetable(work)
    adopted = capacity.load_plan(work, mission=version.scenario.mission.code)
    assert adopted.number == planned.number == version.parameters["capacity_plan"]
    asked = runs_from_plan(version.scenario, adopted.plan, MONTHS).runs
    plan_runs: dict[tuple[str, str, str], float] = {}
    for line in adopted.plan.runs:
        if line.site is not None:
            key = (line.course, line.site, f"{adopted.plan.months[line.month]:%Y-%m}")
            plan_runs[key] = plan_runs.get(key, 0.0) + line.runs
    yield Chain(version, tuple(r.code for r in asked), plan_runs)
    engine.dispose()


def test_every_run_the_plan_asks_for_is_placed_or_has_a_cause_from_upstream(chain: Chain) -> None:
    version = chain.version
    placed = {p.run for p in version.plan.result.solution.placed}
    left = {x.run: x for x in version.left_out}
    assert {r.code for r in version.plan.runs} == set(chain.asked)
    assert placed.isdisjoint(left)
    assert placed | set(left) == set(chain.asked)
    assert all(x.cause in Cause for x in left.values())
    assert Cause.UNSOLVED not in {x.cause for x in left.values()}  # upstream explains each


def test_each_run_left_out_carries_the_plan_line_it_came_from(chain: Chain) -> None:
    for x in chain.version.left_out:
        run = chain.version.plan.run(x.run)
        assert x.line is not None
        assert (x.line.course, x.line.site) == (run.course, run.site)
        month = f"{x.line.month:%Y-%m}"
        assert x.run.startswith(f"{run.course}/{run.site}/{month}/")
        assert chain.plan_runs[(run.course, run.site, month)] > 0


def _class_size(problem: MissionProblem, run_code: str) -> int:
    run = problem.run(run_code)
    if run.cohort is not None:
        return next(c.size for c in problem.cohorts if c.code == run.cohort)
    largest = max(r.capacity for r in problem.site(run.site).rooms)
    return min(problem.course(run.course).max_class_size, largest)


def _team_possible(problem: MissionProblem, candidate: PlacedRun) -> bool:
    """Whether the checker lets enough trainers teach the run at that start, one of them
    certified, other runs aside."""
    wanted = problem.course(problem.run(candidate.run).course).instructors_per_run
    rules = (instructors_qualified, instructors_in_theatre, caveats_respected)
    alone = [dataclasses.replace(candidate, instructors=(t.code,)) for t in problem.trainers]
    able = [p for p in alone if not any(next(rule(problem, [p]), None) for rule in rules)]
    return len(able) >= wanted and any(next(co_teaching(problem, [p]), None) is None for p in able)


def _starts(
    problem: MissionProblem,
    placed: list[PlacedRun],
    run_code: str,
    rooms: list[str],
    teams: bool = True,
) -> list[PlacedRun]:
    """The run in each room that seats it at every start the checker allows, other runs'
    rooms aside: first day a working day in its window, as many working days as the course
    lasts, within the window; with `teams`, also a team possible and after the cohort's
    earlier courses."""
    run = problem.run(run_code)
    site, length = problem.site(run.site), problem.course(run.course).duration_days
    first, last = max(run.earliest, problem.start), min(run.latest, problem.end)
    found = []
    for k in range((last - first).days + 1):
        day = first + dt.timedelta(days=k)
        days = site.working_days(day, last)
        if not days or days[0] != day or len(days) < length:
            continue
        for room in rooms:
            candidate = PlacedRun(run.code, day, days[length - 1], room, ())
            shape = [*starts_on_allowed_day(problem, [candidate])]
            shape += [*within_window(problem, [candidate]), *room_fits(problem, [candidate])]
            order = [
                v for v in prerequisites_first(problem, [*placed, candidate]) if v.run == run.code
            ]
            if not shape and not order and _team_possible(problem, candidate):
                found.append(candidate)
    return found


def test_a_cause_in_the_sites_rooms_holds_by_the_independent_checker(chain: Chain) -> None:
    problem = chain.version.problem
    placed = list(chain.version.plan.result.solution.placed)
    blamed = [x for x in chain.version.left_out if x.cause.value.startswith("site.")]
    assert [*room_once(problem, placed)] == []
    assert blamed  # the shipped example's runs left out are held by its rooms
    for x in blamed:
        run = problem.run(x.run)
        size = _class_size(problem, x.run)
        rooms = [r.code for r in problem.site(run.site).rooms if r.capacity >= size]
        if x.cause is Cause.ROOM_TOO_SMALL:
            assert rooms == []
            continue
        candidates = _starts(problem, placed, x.run, rooms)
        assert candidates
        taken = {  # the timetable has no clash of its own, so any clash is the candidate's
            start: all(
                next(room_once(problem, [*placed, c]), None) is not None
                for c in candidates
                if c.start == start
            )
            for start in {c.start for c in candidates}
        }
        assert any(taken.values())  # at some start, every room that seats it is taken
        if x.cause is Cause.ROOMS_SHORT:  # at every start, and the room-days do not add up
            assert all(taken.values())
            window = _starts(problem, placed, x.run, rooms, teams=False)
            first = min(c.start for c in window)
            last = max(c.end for c in window)
            held = sum(
                max(0, (min(p.end, last) - max(p.start, first)).days + 1)
                for p in placed
                if p.room in rooms and problem.run(p.run).site == run.site
            )
            needed = min((c.end - c.start).days + 1 for c in window)
            assert held + needed > len(rooms) * ((last - first).days + 1)


def test_schedule_json_lists_each_run_left_out_with_its_code_and_plan_line(chain: Chain) -> None:
    document = handouts.timetable_document(chain.version)
    listed = {x["run"]: x for x in document["left_out"]}
    assert set(listed) == {x.run for x in chain.version.left_out}
    for x in chain.version.left_out:
        assert listed[x.run]["code"] == x.cause.value
        assert listed[x.run]["plan_line"]["course"] == chain.version.plan.run(x.run).course
