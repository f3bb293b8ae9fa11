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


def _match_months(problem: ForceProblem, found: Candidates) -> tuple[Spans, IntArray, int, bool]:
    """Each month's flow in turn, last month's pairings carried into the next: the people on
    each pair month by month, the post-months filled per class, the most pair arcs of a month,
    and whether every month's flow was solved."""
    n_offers = len(problem.offers)
    line_count = np.array([line.count for line in problem.lines], dtype=np.int64)
    offer_count = np.array([o.count for o in problem.offers], dtype=np.int64)
    tier = np.array([line.criticality.priority for line in problem.lines], dtype=np.int64)
    pair_cap = np.minimum(offer_count[found.offer], line_count[found.line])

    previous = np.zeros(len(found.offer), dtype=np.int64)
    spans: Spans = defaultdict(list)
    filled = np.zeros(len(TIERS), dtype=np.int64)
    solved, largest = True, 0
    for m in range(len(found.months)):
        active = np.nonzero((found.first <= m) & (found.last >= m))[0]
        if active.size == 0:
            previous[:] = 0
            continue
        flows, ok = _solve_month(
            found, active, previous, pair_cap, offer_count, line_count, tier, n_offers
        )
        solved = solved and ok
        largest = max(largest, int(active.size))
        previous[:] = 0
        previous[active] = flows
        for pair, people in zip(active[flows > 0].tolist(), flows[flows > 0].tolist(), strict=True):
            spans[pair].append((m, people))
        np.add.at(filled, tier[found.line[active]], flows)
    return spans, filled, largest, solved


def _solve_month(
    found: Candidates,
    active: IntArray,
    previous: IntArray,
    pair_cap: IntArray,
    offer_count: IntArray,
    line_count: IntArray,
    tier: IntArray,
    n_offers: int,
) -> tuple[IntArray, bool]:
    offers = np.unique(found.offer[active])
    lines = np.unique(found.line[active])
    supply = int(offer_count[offers].sum())
    most_people = min(supply, int(line_count[lines].sum()))
    # Lexicographic weights: one critical post outweighs every essential and desirable one
    # together, and one post of any class outweighs every tie-break together.
    demand = [int(line_count[lines][tier[lines] == t].sum()) for t in range(len(TIERS))]
    weight = np.ones(len(TIERS), dtype=np.int64)
    for t in range(len(TIERS) - 2, -1, -1):
        weight[t] = 1 + sum(int(weight[u]) * demand[u] for u in range(t + 1, len(TIERS)))
    scale = (EXACT_BONUS + STAY_BONUS) * most_people + 1
    value = weight[tier[found.line[active]]] * scale + EXACT_BONUS * found.exact[active]

    line_node = FIRST_NODE + n_offers + found.line[active]
    offer_node = FIRST_NODE + found.offer[active]
    stay = previous[active] > 0
    tails = np.concatenate(
        [
            np.full(len(offers), SOURCE),
            offer_node,
            offer_node[stay],
            FIRST_NODE + n_offers + lines,
            [SOURCE],
        ]
    )
    heads = np.concatenate(
        [
            FIRST_NODE + offers,
            line_node,
            line_node[stay],
            np.full(len(lines), SINK),
            [SINK],
        ]
    )
    capacities = np.concatenate(
        [
            offer_count[offers],
            pair_cap[active],
            previous[active][stay],
            line_count[lines],
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
