"""Match offers to requirement lines: most filled post-months, critical lines first.

Each month is a transportation problem (offers supply people, lines take them, only along
eligible pairs) solved exactly as a min-cost flow with OR-Tools. No constraint joins two
months (an offer's N people fill up to N posts in every month of its window), so solving
the months one by one is optimal for the whole horizon. Within the optimum, two tie-breaks
steer the choice: keep last month's pairings (people stay on their post, so tours and
reliefs read as they happen) and prefer an exact qualification to one higher on the ladder.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

from cadre.domain.force.problem import Allocation, ForcePlan, ForceProblem, TierFill
from cadre.domain.planning import SolveResult, SolveStatus
from cadre.domain.requirements import Criticality
from cadre.solvers.force.candidates import Candidates, IntArray, candidates

SOURCE, SINK, FIRST_NODE = 0, 1, 2
EXACT_BONUS, STAY_BONUS = 1, 2  # tie-breaks, per person and month
TIERS = tuple(Criticality)

Spans = dict[int, list[tuple[int, int]]]  # eligible pair -> (month, people), month by month


def solve_force(problem: ForceProblem) -> SolveResult[ForcePlan]:
    """The allocations that fill the most post-months, critical lines first: no number of
    essential or desirable post-months outweighs one critical one. `objective` is the total of
    post-months filled over every class (the solution's `fills` give them class by class);
    `bound` is that total when proved best, else the post-months required. A month whose flow
    fails makes the status `error`."""
    started = time.perf_counter()
    found = candidates(problem)
    pruned = time.perf_counter()
    spans, filled, largest, solved = _match_months(problem, found)
    required = _required(problem, found)
    fills = tuple(
        TierFill(t.value, int(required[t.priority]), int(filled[t.priority])) for t in TIERS
    )
    status = SolveStatus.OPTIMAL if solved else SolveStatus.ERROR
    finished = time.perf_counter()
    total = sum(f.filled for f in fills)
    return SolveResult(
        status=status,
        solution=ForcePlan(_allocations(problem, found, spans), fills),
        objective=total,
        bound=total if solved else sum(f.required for f in fills),
        seconds=finished - started,
        diagnostics={
            "months": len(found.months),
            "eligible_pairs": len(found.offer),
            "largest_month_arcs": largest,
            "pruning_seconds": round(pruned - started, 3),
            "flow_seconds": round(finished - pruned, 3),
        },
    )


@dataclass(frozen=True)
class _Counts:
    """What every month's network reads: people per line and offer, the most one pair can
    take, each line's criticality class, and where line nodes start."""

    line: IntArray
    offer: IntArray
    pair_cap: IntArray
    tier: IntArray
    n_offers: int

    @classmethod
    def of(cls, problem: ForceProblem, found: Candidates) -> _Counts:
        line = np.array([line.count for line in problem.lines], dtype=np.int64)
        offer = np.array([o.count for o in problem.offers], dtype=np.int64)
        tier = np.array([line.criticality.priority for line in problem.lines], dtype=np.int64)
        pair_cap = np.minimum(offer[found.offer], line[found.line])
        return cls(line, offer, pair_cap, tier, len(problem.offers))


def _match_months(problem: ForceProblem, found: Candidates) -> tuple[Spans, IntArray, int, bool]:
    """Each month's flow in turn, last month's pairings carried into the next: the people on
    each pair month by month, the post-months filled per class, the most pair arcs of a month,
    and whether every month's flow was solved."""
    counts = _Counts.of(problem, found)
    previous = np.zeros(len(found.offer), dtype=np.int64)
    spans: Spans = defaultdict(list)
    filled = np.zeros(len(TIERS), dtype=np.int64)
    solved, largest = True, 0
    for m in range(len(found.months)):
        active = np.nonzero((found.first <= m) & (found.last >= m))[0]
        if active.size == 0:
            previous[:] = 0
            continue
        flows, ok = _solve_month(found, counts, active, previous)
        solved = solved and ok
        largest = max(largest, int(active.size))
        previous[:] = 0
        previous[active] = flows
        for pair, people in zip(active[flows > 0].tolist(), flows[flows > 0].tolist(), strict=True):
            spans[pair].append((m, people))
        np.add.at(filled, counts.tier[found.line[active]], flows)
    return spans, filled, largest, solved


def _solve_month(
    found: Candidates, counts: _Counts, active: IntArray, previous: IntArray
) -> tuple[IntArray, bool]:
    """People per active pair in one month's min-cost flow, and whether it was solved."""
    offers = np.unique(found.offer[active])
    lines = np.unique(found.line[active])
    supply = int(counts.offer[offers].sum())
    value = _pair_values(found, counts, active, lines, supply)
    stay = previous[active] > 0
    tails, heads, capacities, costs = _network(
        found, counts, active, previous, offers, lines, supply, value
    )
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        tails.astype(np.int32), heads.astype(np.int32), capacities, costs
    )
    flow.set_node_supply(SOURCE, supply)
    flow.set_node_supply(SINK, -supply)
    ok = flow.solve() == flow.OPTIMAL
    pair_arcs = np.arange(len(offers), len(offers) + len(active))
    stay_arcs = np.arange(len(offers) + len(active), len(offers) + len(active) + int(stay.sum()))
    people = flow.flows(pair_arcs).astype(np.int64)
    people[stay] += flow.flows(stay_arcs).astype(np.int64)
    return people, ok


def _pair_values(
    found: Candidates, counts: _Counts, active: IntArray, lines: IntArray, supply: int
) -> IntArray:
    """What one person on each active pair is worth this month. Lexicographic weights: one
    critical post outweighs every essential and desirable one together, and one post of any
    class outweighs every tie-break together."""
    line_count, tier = counts.line, counts.tier
    most_people = min(supply, int(line_count[lines].sum()))
    demand = [int(line_count[lines][tier[lines] == t].sum()) for t in range(len(TIERS))]
    weight = np.ones(len(TIERS), dtype=np.int64)
    for t in range(len(TIERS) - 2, -1, -1):
        weight[t] = 1 + sum(int(weight[u]) * demand[u] for u in range(t + 1, len(TIERS)))
    scale = (EXACT_BONUS + STAY_BONUS) * most_people + 1
    value: IntArray = weight[tier[found.line[active]]] * scale + EXACT_BONUS * found.exact[active]
    return value


def _network(
    found: Candidates,
    counts: _Counts,
    active: IntArray,
    previous: IntArray,
    offers: IntArray,
    lines: IntArray,
    supply: int,
    value: IntArray,
) -> tuple[IntArray, IntArray, IntArray, IntArray]:
    """The month's arcs (tails, heads, capacities, unit costs), in this order: source → offer
    (its people); offer → line per pair (its value); the same again for the people who stayed
    from last month (with the stay bonus); line → sink (its posts); source → sink for the
    people nobody takes."""
    line_node = FIRST_NODE + counts.n_offers + found.line[active]
    offer_node = FIRST_NODE + found.offer[active]
    stay = previous[active] > 0
    tails = np.concatenate(
        [
            np.full(len(offers), SOURCE),
            offer_node,
            offer_node[stay],
            FIRST_NODE + counts.n_offers + lines,
            [SOURCE],
        ]
    )
    heads = np.concatenate(
        [FIRST_NODE + offers, line_node, line_node[stay], np.full(len(lines), SINK), [SINK]]
    )
    capacities = np.concatenate(
        [
            counts.offer[offers],
            counts.pair_cap[active],
            previous[active][stay],
            counts.line[lines],
            [supply],
        ]
    )
    costs = np.concatenate(
        [
            np.zeros(len(offers), dtype=np.int64),
            -value,
            -(value[stay] + STAY_BONUS),
            np.zeros(len(lines) + 1, dtype=np.int64),
        ]
    )
    return tails, heads, capacities, costs


def _allocations(problem: ForceProblem, found: Candidates, spans: Spans) -> tuple[Allocation, ...]:
    """Runs of consecutive months with the same people on a pair, as one allocation each."""
    out: list[Allocation] = []
    for pair, months in spans.items():
        line = problem.lines[int(found.line[pair])].number
        offer = problem.offers[int(found.offer[pair])].code
        start, people = months[0]
        prev = start
        for m, p in [*months[1:], (-2, 0)]:
            if m != prev + 1 or p != people:
                out.append(Allocation(line, offer, found.months[start], found.months[prev], people))
                start, people = m, p
            prev = m
    return tuple(sorted(out))


def _required(problem: ForceProblem, found: Candidates) -> IntArray:
    required = np.zeros(len(TIERS), dtype=np.int64)
    for i, line in enumerate(problem.lines):
        months = int(found.line_last[i] - found.line_first[i] + 1)
        required[line.criticality.priority] += months * line.count
    return required
