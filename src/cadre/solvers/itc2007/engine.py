"""The timetabling engine: CP-SAT plans the periods, then annealing chains polish the whole.

CP-SAT solves the period relaxation briefly (a start without clashes, and a proved bound);
rooms are matched greedily; then one annealing chain per worker runs on its own thread (the
compiled core releases the GIL) until the time is up, and the best timetable found wins.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from cadre.domain.itc2007 import Timetable, TimetableProblem
from cadre.domain.planning import SolveResult, SolveStatus
from cadre.solvers.itc2007 import counters, kernel
from cadre.solvers.itc2007.compiled import Compiled, Ints, compile_problem, decode
from cadre.solvers.itc2007.periods import PeriodPlan, plan_periods
from cadre.solvers.itc2007.rooms import assign_rooms


@dataclass(frozen=True)
class Tuning:
    """Annealing settings, measured on the ITC-2007 instances (see bench/timetable.py)."""

    temp_from: float = 8.0
    temp_to: float = 0.1
    hard_weight: int = 30
    swap_share: float = 0.35
    kempe_share: float = 0.05
    period_share: float = 0.05  # of the time limit for CP-SAT, at most `period_cap` seconds
    period_cap: float = 5.0


@dataclass
class _Chain:
    state: tuple[Ints, ...]
    best_period: Ints
    best_room: Ints
    memo: Ints  # scratch space of Kempe chains
    costs: counters.Costs  # hard, soft, best hard, best soft
    iterations: int = 0
    accepted: int = 0


def _shape(compiled: Compiled) -> dict[str, int]:
    return {
        "resources": compiled.resource_count,
        "periods": compiled.periods,
        "rooms": compiled.rooms,
        "events": len(compiled.event_codes),
        "days": compiled.days,
    }


def _new_chain(compiled: Compiled, periods: Ints, rooms: Ints) -> _Chain:
    state = counters.new_state(periods, rooms, _shape(compiled))
    costs = np.zeros(4, dtype=np.int64)
    counters.place_all(compiled.arrays, state, costs)
    costs[2], costs[3] = costs[0], costs[1]
    memo = np.zeros((4, max(1, compiled.sessions)), dtype=np.int32)
    return _Chain(state, state[0].copy(), state[1].copy(), memo, costs)


def warm_up(compiled: Compiled) -> None:
    """Compile the core (or load it from numba's cache) before the clock starts."""
    zeros = np.zeros(compiled.sessions, dtype=np.int32)
    chain = _new_chain(compiled, zeros, zeros)
    _anneal(compiled, chain, 1, (1.0, 1.0), Tuning(), 0)


def _why_infeasible(problem: TimetableProblem, compiled: Compiled) -> str | None:
    if not problem.rooms and compiled.sessions:
        return "there is no room"
    for c, code in enumerate(compiled.event_codes):
        starts = int(compiled.start_ptr[c + 1] - compiled.start_ptr[c])
        sessions = int(np.count_nonzero(compiled.session_event == c))
        if starts < sessions:
            return f"event {code} needs {sessions} sessions and may start in only {starts} periods"
        if compiled.room_ptr[c + 1] == compiled.room_ptr[c]:
            return f"event {code} may use no room of the problem"
    return None


def solve_itc2007(
    problem: TimetableProblem,
    seconds: float,
    seed: int = 0,
    workers: int = 1,
    tuning: Tuning | None = None,
) -> SolveResult[Timetable]:
    """The best timetable found within `seconds` (not counting the one-off compile of the core).

    `objective` is its UD2 cost as the engine counts it; `bound` a proved lower bound on the
    cost of any timetable without hard violations, when CP-SAT found one; the diagnostics give
    the hard violations left (some only when the status is `stopped`)."""
    began = time.perf_counter()
    tuning = tuning or Tuning()
    compiled = compile_problem(problem)
    reason = _why_infeasible(problem, compiled)
    if reason is not None:
        return _infeasible(reason, began)
    warm_up(compiled)
    rng = np.random.default_rng(seed)
    deadline = time.perf_counter() + seconds

    budget = min(tuning.period_cap, seconds * tuning.period_share)
    plan = plan_periods(compiled, budget, seed, workers)
    if plan.status == "infeasible":
        return _infeasible("no assignment of periods avoids every clash (proved by CP-SAT)", began)
    periods = _first_periods(compiled, plan, rng)
    rooms = assign_rooms(compiled, periods)

    chains = [_new_chain(compiled, periods, rooms) for _ in range(max(1, workers))]
    if not counters.COMPILED:
        chains = chains[:1]  # plain Python holds the GIL: a second thread would only wait
    start_cost = int(chains[0].costs[1])
    seeds = [int(s) for s in rng.integers(0, 2**31 - 1, size=len(chains))]
    annealing_from = time.perf_counter()
    _anneal_chains(compiled, chains, seeds, tuning, (annealing_from, deadline), plan.bound)

    best = min(chains, key=lambda chain: (int(chain.costs[2]), int(chain.costs[3])))
    hard, cost = int(best.costs[2]), int(best.costs[3])
    iterations = sum(chain.iterations for chain in chains)
    annealing = max(1e-9, time.perf_counter() - annealing_from)
    return SolveResult(
        status=_status(hard, cost, plan.bound),
        solution=decode(compiled, best.best_period, best.best_room),
        objective=cost,
        bound=plan.bound,
        seconds=time.perf_counter() - began,
        diagnostics={
            "hard_violations": hard,
            "cp_sat_status": plan.status,
            "cp_sat_seconds": round(plan.seconds, 3),
            "start_cost": start_cost,
            "chains": len(chains),
            "iterations": iterations,
            "moves_per_second": round(iterations / annealing),
            "accepted": sum(chain.accepted for chain in chains),
            "compiled_core": str(counters.COMPILED).lower(),
        },
    )


def _first_periods(compiled: Compiled, plan: PeriodPlan, rng: np.random.Generator) -> Ints:
    """Each session's start: CP-SAT's, or (when it ran out of time) any the event may use."""
    periods = np.zeros(compiled.sessions, dtype=np.int32)
    for c, code_starts in enumerate(plan.starts or ()):
        periods[compiled.session_event == c] = code_starts
    if plan.starts is None:
        for i, c in enumerate(compiled.session_event):
            allowed = compiled.start_list[compiled.start_ptr[c] : compiled.start_ptr[c + 1]]
            periods[i] = rng.choice(allowed)
    return periods


def _anneal_chains(
    compiled: Compiled,
    chains: list[_Chain],
    seeds: list[int],
    tuning: Tuning,
    span: tuple[float, float],
    bound: int | None,
) -> None:
    """One thread per chain until the deadline, or until one of them reaches the bound."""
    finished = threading.Event()
    with ThreadPoolExecutor(max_workers=len(chains)) as pool:
        futures = [
            pool.submit(_run, compiled, chain, tuning, s, span, finished, bound)
            for chain, s in zip(chains, seeds, strict=True)
        ]
        for future in futures:
            future.result()


def _status(hard: int, cost: int, bound: int | None) -> SolveStatus:
    if hard > 0:  # the time ran out before a timetable without hard violations
        return SolveStatus.STOPPED
    if bound is not None and cost <= bound:
        return SolveStatus.OPTIMAL
    return SolveStatus.FEASIBLE


def _run(
    compiled: Compiled,
    chain: _Chain,
    tuning: Tuning,
    seed: int,
    span: tuple[float, float],
    finished: threading.Event,
    bound: int | None,
) -> None:
    """Anneal in slices of about 50 ms, each cooling from the temperature the clock says now
    to the one it will say at the slice's end; stop at the deadline or at a proved optimum."""
    began, deadline = span
    ratio = tuning.temp_to / tuning.temp_from
    length = max(1e-9, deadline - began)
    batch, took, chunk = 1000, 0.0, 0
    while not finished.is_set():
        now = time.perf_counter()
        if now >= deadline and chain.iterations > 0:  # one slice at least, even when late
            return
        at_bound = bound is not None and chain.costs[2] == 0 and chain.costs[3] <= bound
        if at_bound:
            finished.set()
            return
        done = (now - began) / length
        ahead = min(1.0, (now + took - began) / length)
        temperatures = (tuning.temp_from * ratio**done, tuning.temp_from * ratio**ahead)
        chain.accepted += _anneal(compiled, chain, batch, temperatures, tuning, seed + chunk)
        chain.iterations += batch
        chunk += 1
        took = time.perf_counter() - now
        batch = int(min(batch * 4, max(1000, batch * 0.05 / max(took, 1e-6))))


def _anneal(
    compiled: Compiled,
    chain: _Chain,
    iterations: int,
    temperatures: tuple[float, float],
    tuning: Tuning,
    seed: int,
) -> int:
    return int(
        kernel.anneal(
            compiled.arrays,
            chain.state,
            (chain.best_period, chain.best_room, chain.memo),
            chain.costs,
            iterations,
            temperatures,
            tuning.hard_weight,
            (tuning.swap_share, tuning.kempe_share),
            seed,
        )
    )


def _infeasible(reason: str, began: float) -> SolveResult[Timetable]:
    return SolveResult(
        status=SolveStatus.INFEASIBLE,
        solution=Timetable(()),
        seconds=time.perf_counter() - began,
        diagnostics={"hard_violations": 0, "reason": reason},
    )
