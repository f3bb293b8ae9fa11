"""The mission timetabler: a frozen problem in, a timetable with its status, objective, bound,
unplaced runs (with what blocks each) and, after a re-plan, what moved and why."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import time

from ortools.sat.python import cp_model

from cadre.domain.phases import Phase
from cadre.domain.planning import Progress, SolveStatus
from cadre.domain.timetable.changes import Change, apply_change, explain_moves
from cadre.domain.timetable.cost import timetable_cost
from cadre.domain.timetable.explain import explain_unplaced
from cadre.domain.timetable.problem import MissionProblem, MissionTimetable, PlacedRun
from cadre.domain.timetable.result import MissionResult
from cadre.solvers.timetable import model as mission_model
from cadre.solvers.timetable import terms as mission_terms
from cadre.solvers.timetable.greedy import Board, Placement, construct
from cadre.solvers.timetable.lns import improve
from cadre.solvers.timetable.repair import repair, settle
from cadre.solvers.timetable.tables import RunTable, offset, tabulate
from cadre.solvers.timetable.vars import MissionModel

# Shares of the time limit (and caps, in seconds) for the searches that give CP-SAT its start.
REPAIR_SHARE, REPAIR_CAP = 0.1, 6.0
LNS_SHARE, LNS_CAP = 0.3, 20.0
# A re-plan starts from a nearly whole timetable with a few holes: the targeted searches fill
# them far faster than CP-SAT on the whole model does in a few seconds, so they get most of its
# time; and it keeps back enough to explain what moved and what is left out within its limit.
REPLAN_REPAIR_SHARE, REPLAN_LNS_SHARE = 0.3, 0.5
REPLAN_RESERVE = 1.0  # seconds kept back from the search for the answer
_STATUS = {cp_model.OPTIMAL: SolveStatus.OPTIMAL, cp_model.FEASIBLE: SolveStatus.FEASIBLE}


def quiet(what: str, done: float) -> None:
    """No one is following."""


class _Reporter(cp_model.CpSolverSolutionCallback):
    """Tells the follower of better timetables CP-SAT finds, at most twice a second. It runs on
    the solver's thread: what the follower raises (a cancelled job) stops the search and is
    raised again once the solver has returned."""

    def __init__(self, progress: Progress, began: float, seconds: float) -> None:
        super().__init__()
        self._progress, self._began, self._seconds = progress, began, seconds
        self._last = 0.0
        self.raised: BaseException | None = None

    def on_solution_callback(self) -> None:
        now = time.perf_counter()
        if self.raised is not None or now - self._last < 0.5:
            return
        self._last = now
        try:
            what = Phase(
                "timetable.better",
                "CP-SAT: a timetable of cost %(cost)s",
                cost=round(self.objective_value),
            )
            self._progress(what, _share(self._began, self._seconds))
        except BaseException as error:  # handed back to the caller's thread
            self.raised = error
            self.stop_search()


def _from_solver(
    problem: MissionProblem, built: MissionModel, solver: cp_model.CpSolver
) -> MissionTimetable:
    placed = []
    for r in built.runs:
        if not solver.boolean_value(r.present):
            continue
        room = next(code for code, held in r.rooms.items() if solver.boolean_value(held))
        team = tuple(sorted(t for t, chosen in r.team.items() if solver.boolean_value(chosen)))
        first = problem.start + dt.timedelta(days=solver.value(r.start))
        last = problem.start + dt.timedelta(days=solver.value(r.end) - 1)
        placed.append(PlacedRun(r.table.run.code, first, last, room, team))
    return MissionTimetable(tuple(placed))


def _from_board(problem: MissionProblem, board: Board) -> MissionTimetable:
    placed = []
    for code, at in board.placed.items():
        table = board.tables[code]
        first = problem.start + dt.timedelta(days=table.starts[at.index])
        last = problem.start + dt.timedelta(days=table.ends[at.index] - 1)
        placed.append(PlacedRun(code, first, last, at.room, tuple(sorted(at.team))))
    order = {r.code: k for k, r in enumerate(problem.runs)}
    return MissionTimetable(tuple(sorted(placed, key=lambda p: order[p.run])))


def _placements(
    problem: MissionProblem, tables: list[RunTable], previous: MissionTimetable | None
) -> dict[str, Placement]:
    """The previous timetable in the solver's terms; a start no longer possible becomes -1."""
    if previous is None:
        return {}
    starts = {t.run.code: t.starts for t in tables}
    found = {}
    for p in previous.placed:
        if p.run in starts:
            day = offset(problem, p.start)
            index = starts[p.run].index(day) if day in starts[p.run] else -1
            found[p.run] = Placement(index, p.room, p.instructors)
    return found


def _start(
    problem: MissionProblem,
    seconds: float,
    seed: int,
    previous: MissionTimetable | None,
    progress: Progress = quiet,
) -> tuple[list[RunTable], Board, dict[str, int]]:
    """The greedy timetable (the previous one, mended), then ejections, then targeted LNS."""
    began, total = time.perf_counter(), len(problem.runs)
    repair_share, lns_share = (
        (REPAIR_SHARE, LNS_SHARE) if previous is None else (REPLAN_REPAIR_SHARE, REPLAN_LNS_SHARE)
    )

    def tell(what: str, *, code: str) -> None:
        said = Phase(
            code,
            f"{what}: %(placed)s of %(total)s runs placed",
            placed=len(board.placed),
            total=total,
        )
        progress(said, _share(began, seconds))

    tables = tabulate(problem)
    horizon = (problem.end - problem.start).days + 1
    board = Board(tables, horizon, mission_model.required_before(problem))
    before = _placements(problem, tables, previous)
    construct(board, before)
    greedy = len(board.placed)
    tell("first timetable", code="timetable.first")
    # Both searches end by their shares' end however long the greedy took (a loaded machine).
    searched = began + seconds * (repair_share + lns_share)

    def until(share: float, cap: float) -> float:
        return max(0.0, min(seconds * share, cap, searched - time.perf_counter()))

    repair(board, until(repair_share, REPAIR_CAP), seed)
    repaired = len(board.placed)
    tell("runs moved aside to place others", code="timetable.moved_aside")
    improve(problem, board, until(lns_share, LNS_CAP), seed, previous)
    tell("neighbourhoods re-solved", code="timetable.neighbourhoods")
    board.lift_orphans()  # a guard: the start must keep every rule, as it may be the answer
    counts = {"greedy_placed": greedy, "repaired_placed": repaired, "lns_placed": len(board.placed)}
    if previous is not None:
        counts["put_back"] = settle(board, before)
    return tables, board, counts


def _share(began: float, seconds: float) -> float:
    return min(0.99, (time.perf_counter() - began) / max(seconds, 1e-3))


def first_timetable(
    problem: MissionProblem,
    seconds: float = 10.0,
    seed: int = 0,
    previous: MissionTimetable | None = None,
) -> MissionTimetable:
    """The timetable CP-SAT starts from; it keeps every hard rule on its own, and is the answer
    when CP-SAT finds nothing in its time."""
    _, board, _ = _start(problem, seconds, seed, previous)
    return _from_board(problem, board)


def solve_timetable(
    problem: MissionProblem,
    seconds: float = 60.0,
    seed: int = 0,
    workers: int = 8,
    previous: MissionTimetable | None = None,
    progress: Progress = quiet,
) -> MissionResult:
    """The best timetable found within `seconds`; with `previous`, one that keeps as much of it
    as it can (its placements are the solver's first guess, and every change is penalised).
    `progress` hears of each phase and of each better timetable CP-SAT finds."""
    began = time.perf_counter()
    if previous is not None:  # a re-plan answers within its limit, explanations included
        seconds = max(seconds - REPLAN_RESERVE, seconds / 2)
    tables, board, counts = _start(problem, seconds, seed, previous, progress)
    built = mission_model.build(problem, tables, previous)
    mission_terms.hint(built, board.placed)
    started = time.perf_counter() - began
    progress(
        Phase("timetable.improving", "CP-SAT: improving the timetable"), _share(began, seconds)
    )
    solver, code = _improve(built, began, seconds, seed, workers, progress)
    explaining = "checking the timetable and explaining what is left out"
    progress(Phase("timetable.explaining", explaining), 0.99)
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        timetable = _from_solver(problem, built, solver)
        status, bound = _STATUS[code], math.ceil(solver.best_objective_bound - 1e-6)
        objective = round(solver.objective_value)
    else:  # CP-SAT ran out of time before its first solution: the start is still sound
        timetable, status, bound = _from_board(problem, board), SolveStatus.FEASIBLE, None
        objective = timetable_cost(problem, timetable, previous).total(problem)
    cost = timetable_cost(problem, timetable, previous)
    unplaced = explain_unplaced(problem, timetable, proved=status is SolveStatus.OPTIMAL)
    proto = built.model.proto
    return MissionResult(
        status=status,
        solution=timetable,
        objective=objective,
        bound=bound,
        seconds=time.perf_counter() - began,
        diagnostics={
            "cp_sat_status": solver.status_name(code),
            "solve_seconds": round(solver.wall_time, 3),
            "variables": len(proto.variables),
            "constraints": len(proto.constraints),
            "candidates": sum(len(t.candidates) for t in tables),
            "placeable_alone": sum(t.placeable for t in tables),
            "branches": solver.num_branches,
            "conflicts": solver.num_conflicts,
            "workers": solver.parameters.num_workers,
            "seed": seed,
            **counts,
            "start_seconds": round(started, 3),
        },
        cost=cost,
        unplaced=unplaced,
    )


def _improve(
    built: MissionModel,
    began: float,
    seconds: float,
    seed: int,
    workers: int,
    progress: Progress,
) -> tuple[cp_model.CpSolver, cp_model.CpSolverStatus]:
    """CP-SAT on the whole model from the hinted start, for what is left of `seconds`."""
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, seconds - (time.perf_counter() - began))
    solver.parameters.random_seed = seed
    solver.parameters.num_workers = max(1, workers)
    # Probing takes seconds on this model and rarely pays: without it the hinted timetable is
    # CP-SAT's first solution within a second (measured in bench/mission_timetable.py).
    solver.parameters.cp_model_probing_level = 0
    reporter = _Reporter(progress, began, seconds)
    code = solver.solve(built.model, reporter)
    if reporter.raised is not None:
        raise reporter.raised
    return solver, code


def solve_replan(
    problem: MissionProblem,
    previous: MissionTimetable,
    change: Change,
    seconds: float = 10.0,
    seed: int = 0,
    workers: int = 8,
    progress: Progress = quiet,
) -> MissionResult:
    """A timetable of `apply_change(problem, change)` that keeps as much of `previous` as
    possible, with what moved and why."""
    changed = apply_change(problem, change)
    result = solve_timetable(changed, seconds, seed, workers, previous, progress)
    moves = explain_moves(problem, changed, previous, result.solution, [change])
    return dataclasses.replace(result, moves=moves)
