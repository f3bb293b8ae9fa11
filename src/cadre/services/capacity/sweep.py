"""The capacity sweep: the plan again for many draws of the uncertain figures, and the ranges
they give (P10/P50/P90 of the force by month and of each handover month, and the figures the
answer moves with most).

Three steps, each callable by import path so that a queue can fan the middle one out over
workers: `draw_samples` (here, cheap), `run_sample` (one plan each, pure, anywhere) and
`gather` (here). `sweep_capacity` runs them on this machine's cores (`run_samples`) unless a
job hands it a `run` that fans them out, and keeps the ranges as a version of kind
"capacity-sweep".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cadre.domain import phases
from cadre.domain.capacity.problem import PlanMode, build_problem
from cadre.domain.capacity.uncertainty import (
    SampleOutcome,
    SweepRanges,
    SweepSample,
    draw_figures,
    ranges_of,
    with_figures,
    with_reliability,
)
from cadre.domain.fingerprint import fingerprint
from cadre.domain.limits import require_within
from cadre.domain.phases import Phase
from cadre.domain.scenario import Scenario
from cadre.interchange.capacity_sweep_json import ranges_to_json
from cadre.interchange.convert import to_json_document
from cadre.services.capacity.operations import solve_plan, with_whole_force
from cadre.services.system import local_pool
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import plans
from cadre.storage import scenarios as store

__all__ = [
    "KIND",
    "MAX_SAMPLES",
    "SampleOutcome",
    "SweepRanges",
    "SweepSample",
    "draw_samples",
    "gather",
    "run_sample",
    "sweep_capacity",
]

KIND = "capacity-sweep"
MAX_SAMPLES = 1000
Progress = Callable[[str, float], None]


def draw_samples(
    scenario: Scenario,
    count: int,
    seed: int,
    *,
    mode: PlanMode = PlanMode.SIZING,
    horizon_months: int | None = None,
    seconds: float = 60.0,
) -> list[SweepSample]:
    """`count` samples of the scenario's uncertain figures, reproducible by `seed`."""
    if not 1 <= count <= MAX_SAMPLES:
        raise ValueError(f"a sweep has 1 to {MAX_SAMPLES} samples, not {count}")
    return [
        SweepSample(i, tuple(figures.items()), scenario, mode, horizon_months, seconds)
        for i, figures in enumerate(draw_figures(scenario, mode, count, seed))
    ]


def run_sample(sample: SweepSample) -> SampleOutcome:
    """Plan capacity with the sample's figures: its force by month, whole deployed force and
    handover month per discipline."""
    figures = dict(sample.figures)
    scenario = with_figures(sample.scenario, figures)
    problem = with_reliability(build_problem(scenario, sample.mode, sample.horizon_months), figures)
    result = solve_plan(problem, sample.seconds)
    if not result.status.usable:
        return SampleOutcome(
            sample.index, sample.figures, result.status.value, problem.months, (), (), (), 0.0
        )
    plan = with_whole_force(scenario, result.solution)
    return SampleOutcome(
        index=sample.index,
        figures=sample.figures,
        status=result.status.value,
        months=problem.months,
        force=plan.force_by_month(),
        deployed=plan.deployed_by_month(),
        handovers=tuple(
            (h.subject, h.index if h.month is not None else None) for h in plan.handovers
        ),
        unmet=plan.unmet,
    )


def gather(outcomes: list[SampleOutcome]) -> SweepRanges:
    """P10/P50/P90 of the force by month and of each handover month ("not within the horizon"
    counted), and the figures the answer is most sensitive to."""
    return ranges_of(outcomes)


def run_samples(
    samples: list[SweepSample], progress: Progress | None = None, processes: int | None = None
) -> SweepRanges:
    """Every sample in this process or, with more than one, on `processes` processes (one a
    core by default; `local_pool.py`); progress = finished / all. The ranges do not depend on
    the order the samples finish in: each comes back to its place."""

    def finished(done: int) -> None:
        if progress is not None:
            progress(phases.samples_planned(done, len(samples)), done / len(samples))

    finished(0)
    outcomes = local_pool.run_all(run_sample, samples, processes, finished)
    if progress is not None:
        said = Phase("sweep.gathering", "%(total)s samples planned; gathering", total=len(samples))
        progress(said, 1.0)
    return gather(outcomes)


def sweep_capacity(
    uow: UnitOfWork,
    *,
    mission: str | None = None,
    samples: int = 100,
    seed: int = 0,
    mode: PlanMode = PlanMode.SIZING,
    horizon_months: int | None = None,
    seconds: float = 60.0,
    progress: Progress | None = None,
    run: Callable[[list[SweepSample], Progress | None], SweepRanges] | None = None,
    processes: int | None = None,
) -> tuple[int, SweepRanges]:
    """Sweep the stored scenario and keep the ranges as a new "capacity-sweep" version; its
    number and the ranges. `run` plans the samples: by default here, on `processes` processes
    (one a core unless said), unless a job fans them out over the workers."""
    require_within(seconds=seconds, horizon_months=horizon_months)
    with uow.transaction() as session:
        scenario = store.load_scenario(session, mission)
    drawn = draw_samples(
        scenario, samples, seed, mode=mode, horizon_months=horizon_months, seconds=seconds
    )
    ranges = run_samples(drawn, progress, processes) if run is None else run(drawn, progress)
    parameters: dict[str, Any] = {
        "samples": samples,
        "seed": seed,
        "mode": mode.value,
        "horizon_months": len(ranges.months),
        "seconds": seconds,
    }
    origin: dict[str, Any] = {  # the scenario the ranges came from, as each version keeps
        "scenario_fingerprint": fingerprint(scenario),
        "scenario_snapshot": to_json_document(scenario),
    }
    status = "optimal" if ranges.stopped == 0 else "feasible"
    with uow.transaction() as session:
        row = plans.save_plan_version(
            session,
            scenario.mission.code,
            KIND,
            result=ranges_to_json(ranges),
            summary=summary(ranges),
            status=status,
            parameters=parameters,
            **origin,
        )
        number = row.number
        uow.plan_kept(
            session, mission=scenario.mission.code, kind=KIND, number=number, status=row.status
        )
    return number, ranges


def summary(ranges: SweepRanges) -> dict[str, object]:
    peak = ranges.peak_force
    return {
        "samples": ranges.samples,
        "stopped": ranges.stopped,
        "peak_force": [round(peak.p10[0], 2), round(peak.p50[0], 2), round(peak.p90[0], 2)],
        "handovers": {
            h.subject: [m.isoformat() if m else None for m in (h.p10, h.p50, h.p90)]
            for h in ranges.handovers
        },
    }
