"""Each run a timetable leaves out gets one cause from a closed set, from upstream when
anything upstream explains it; a caveat a reader may not see is told as a gap in the force,
naming neither the trainer nor the caveat."""

from __future__ import annotations

from cadre.domain.timetable.causes import Cause, LeftOut, left_out
from cadre.domain.timetable.plan import TimetablePlan
from cadre.domain.timetable.problem import MissionProblem
from cadre.services.access.redaction import Redaction
from cadre.services.timetable.left_out_release import NEUTRAL_GAP, shown_left_out
from cadre.services.timetable.release import _Sight
from tests.mission_factories import D, make_problem, make_run, make_trainer, solved

CAN = make_trainer("T-CAN", "CAN", "CIED-INS", pledge="P-CAN-CIED")
DEU = make_trainer("T-DEU", "DEU", "CIED-INS", pledge="P-DEU-CIED")


def causes(problem: MissionProblem) -> dict[str, Cause]:
    result = solved(problem)
    return {x.run: x.cause for x in left_out(problem, result.solution, result.unplaced)}


def test_a_caveat_a_too_short_window_a_late_arrival_and_a_small_room_are_named() -> None:
    problem = make_problem(
        trainers=(DEU,),  # serves under a caveat: Taji only
        runs=(
            make_run("R1", site="BESMAYA"),
            make_run("R2", earliest=D(2019, 5, 5), latest=D(2019, 5, 7)),  # 3 of 5 days
            make_run("R3", class_size=40),  # Taji's rooms seat 30 and 20
            make_run("R4", earliest=D(2019, 5, 5), latest=D(2019, 5, 20)),
        ),
    )
    late = make_trainer(
        "T-DEU", "DEU", "CIED-INS", pledge="P-DEU-CIED", in_theatre_from=D(2019, 6, 1)
    )
    assert causes(problem) == {
        "R1": Cause.FORCE_CAVEAT,
        "R2": Cause.WINDOW_TOO_SHORT,
        "R3": Cause.ROOM_TOO_SMALL,
    }
    assert causes(make_problem(trainers=(late,), runs=problem.runs[3:])) == {
        "R4": Cause.BEFORE_ARRIVAL
    }


def test_two_runs_for_one_room_and_one_week_leave_one_out_for_want_of_rooms() -> None:
    window = {"earliest": D(2019, 5, 5), "latest": D(2019, 5, 9)}
    problem = make_problem(
        trainers=(CAN, make_trainer("T-SWE", "SWE", "CIED-INS", pledge="P-SWE-CIED")),
        runs=(make_run("R1", site="BESMAYA", **window), make_run("R2", site="BESMAYA", **window)),
        caveats={},
    )
    assert list(causes(problem).values()) == [Cause.ROOMS_SHORT]


def test_a_caveat_the_reader_may_not_see_is_told_as_a_gap_in_the_force() -> None:
    problem = make_problem(trainers=(DEU,), runs=(make_run("R1", site="BESMAYA"),))
    result = solved(problem)
    (found,) = left_out(problem, result.solution, result.unplaced)
    assert (found.cause, found.barred, found.caveats) == (
        Cause.FORCE_CAVEAT,
        ("T-DEU",),
        ("DEU-1",),
    )
    plan = TimetablePlan(problem.runs, problem.start, problem.end, result)
    sites = frozenset({"TAJI", "BESMAYA"})
    everything = _Sight(sites, frozenset({"T-DEU"}), frozenset(), Redaction(()))
    no_caveat = _Sight(sites, frozenset({"T-DEU"}), frozenset(), Redaction(("DEU-1",)))
    no_trainer = _Sight(sites, frozenset(), frozenset(), Redaction(("T-DEU",)))
    assert shown_left_out((found,), plan, everything)[0].cause is Cause.FORCE_CAVEAT
    for sight in (no_caveat, no_trainer):
        (shown,) = shown_left_out((found,), plan, sight)
        assert shown == LeftOut("R1", Cause.FORCE_GAP, None, NEUTRAL_GAP)
