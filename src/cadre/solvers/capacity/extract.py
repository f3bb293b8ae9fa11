"""From the solver's numbers back to the planner's words: runs, force, cadre, handovers."""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from cadre.domain.capacity.plan import (
    Assignment,
    CapacityPlan,
    DemandOutcome,
    PlannedRuns,
    Stage,
)
from cadre.domain.capacity.problem import RunMode
from cadre.domain.planning import SolveResult, SolveStatus
from cadre.solvers.capacity.demand import demand_terms, past_graduates
from cadre.solvers.capacity.diagnose import explain_shortfall
from cadre.solvers.capacity.vars import CapacityModel

TINY = 1e-6  # below this a continuous quantity is solver noise, not a plan


SiteMembers = dict[str, tuple[tuple[str, float], ...]]  # merged site → (site, share of rooms)
PledgeMembers = dict[str, tuple[tuple[str, tuple[float, ...]], ...]]  # → (pledge, available)
Members = tuple[SiteMembers, PledgeMembers]


def extract_plan(
    members: Members,
    model: CapacityModel,
    values: np.ndarray | None,
    row_duals: np.ndarray | None,
    col_duals: np.ndarray | None,
    status: SolveStatus,
    stages: tuple[Stage, ...],
    notes: tuple[str, ...],
) -> CapacityPlan:
    """The plan in the solution `values`; runs at merged sites are split back among them."""
    p = model.problem
    split, pledges = members
    horizon = model.horizon
    if values is None:
        values = np.zeros(model.lp.columns)

    def series(columns: dict[tuple[str, int], int], key: str) -> tuple[float, ...]:
        return tuple(
            _clean(values[columns[key, t]]) if (key, t) in columns else 0.0 for t in range(horizon)
        )

    runs = tuple(
        PlannedRuns(code, t, mode, member, _clean(values[col] * share))
        for (code, t, site, mode), col in model.runs.items()
        if values[col] > TINY
        for member, share in split[site]
        if values[col] * share > TINY
    )
    abroad = _abroad(model, values)
    abroad_runs = tuple(
        PlannedRuns(code, t, RunMode.ABROAD, None, _clean(n / model.courses[code].max_class))
        for (code, _), months in abroad.items()
        for t, n in enumerate(months)
        if n > TINY
    )
    qualifications = p.cadre_qualifications
    return CapacityPlan(
        status=status,
        mode=p.mode,
        months=p.months,
        runs=runs + abroad_runs,
        trainees={c.code: series(model.entrants, c.code) for c in p.courses},
        abroad={key: tuple(v) for key, v in abroad.items() if any(x > TINY for x in v)},
        foreign={q: series(model.force, q) for q in qualifications},
        foreign_mentoring={q: series(model.foreign_mentoring, q) for q in qualifications},
        host_mentoring={q: series(model.host_mentoring, q) for q in qualifications},
        host_cadre={q: series(model.cadre, q) for q in qualifications},
        outcomes=_outcomes(model, values, row_duals),
        handovers=(),  # read from the whole plan (domain/capacity/handover.py)
        site_handovers=(),
        marginal_values=_marginal_values(model, col_duals),
        assignments=_assignments(model, values, split, pledges),
        stages=stages,
        variables=model.lp.columns,
        constraints=model.lp.rows,
        notes=notes,
    )


def _abroad(model: CapacityModel, values: np.ndarray) -> dict[tuple[str, str], list[float]]:
    """Entrants abroad per course and nation, month by month."""
    abroad: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0] * model.horizon)
    for (code, t, j), col in model.abroad.items():
        abroad[code, model.problem.seats[j].nation][t] += _clean(values[col])
    return abroad


def plan_result(
    plan: CapacityPlan,
    objective: float | None,
    bound: float | None,
    seconds: float,
    parts: int = 1,
) -> SolveResult[CapacityPlan]:
    """The plan in the common shape; its own status is the result's."""
    return SolveResult(
        status=plan.status,
        solution=plan,
        objective=objective,
        bound=bound,
        seconds=seconds,
        diagnostics={
            "variables": plan.variables,
            "constraints": plan.constraints,
            "stages": len(plan.stages),
            "parts": parts,
        },
    )


def _assignments(
    model: CapacityModel,
    values: np.ndarray,
    sites: SiteMembers,
    pledges: PledgeMembers,
) -> tuple[Assignment, ...]:
    """Person-months per pledge, site and mode, split back from merged sites and pledges."""
    found = []
    for (merged, t, site, mode, qualification), col in model.assigned.items():
        if merged.startswith("+") or values[col] <= TINY:
            continue
        group = pledges[merged]
        total = sum(available[t] for _, available in group)
        for pledge, available in group:
            share = available[t] / total if total > 0 else 1 / len(group)
            for member, room_share in sites[site] if site is not None else ((None, 1.0),):
                amount = values[col] * share * room_share
                if amount > TINY:
                    found.append(Assignment(pledge, t, member, mode, _clean(amount), qualification))
    return tuple(found)


def _clean(value: float) -> float:
    return 0.0 if abs(value) < TINY else float(value)


def _outcomes(
    model: CapacityModel, values: np.ndarray, duals: np.ndarray | None
) -> tuple[DemandOutcome, ...]:
    p = model.problem
    outcomes = []
    for i, d in enumerate(p.demands):
        graduated = past_graduates(model, d) + sum(
            values[col] * a for col, a in demand_terms(model, d)
        )
        unmet = max(0.0, d.trained - graduated)
        discipline = model.courses[d.courses[0]].discipline if d.courses else ""
        reason = explain_shortfall(model, i, duals) if unmet > 0.5 and duals is not None else ""
        outcomes.append(
            DemandOutcome(
                d.target,
                d.year,
                d.trained,
                _clean(graduated),
                _clean(unmet),
                discipline,
                reason,
                d.period,
                d.intake,
            )
        )
    return tuple(outcomes)


def _marginal_values(model: CapacityModel, col_duals: np.ndarray | None) -> dict[str, float]:
    """People trained more over the horizon by one more pledged instructor, anywhere, always."""
    if col_duals is None:  # nothing unmet: one more instructor trains no one more
        return dict.fromkeys(model.extra, 0.0)
    return {q: _clean(max(0.0, -float(col_duals[col]))) for q, col in model.extra.items()}
