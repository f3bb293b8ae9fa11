"""The capacity sweep: each sample is the plan of its own figures, the ranges are ordered and
gathered from the samples, and a stored sweep reads back."""

from __future__ import annotations

import dataclasses
import pickle

import numpy as np
import pytest
from sqlalchemy import Engine

from cadre.domain.capacity.problem import PlanMode, build_problem
from cadre.domain.capacity.uncertainty import SampleOutcome, SweepSample
from cadre.domain.scenario import Scenario
from cadre.domain.uncertain_inputs import UncertainInput
from cadre.interchange.capacity_sweep_json import ranges_from_json, ranges_to_json
from cadre.interchange.scenario_file import read_scenario
from cadre.services.capacity import sweep
from cadre.services.capacity.operations import solve_plan
from cadre.services.scenario import operations as scenarios
from cadre.services.system import local_pool
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import plans
from cadre.storage.database import transaction
from tests.conftest import EXAMPLES

TINY = EXAMPLES / "tiny.yaml"


@pytest.fixture(scope="module")
def tiny() -> Scenario:
    return read_scenario(TINY)


@pytest.fixture(scope="module")
def swept(tiny: Scenario) -> tuple[list[SweepSample], list[SampleOutcome]]:
    samples = sweep.draw_samples(tiny, 8, seed=3, seconds=30)
    # through pickle, as a worker in another process receives and returns them
    outcomes = [
        pickle.loads(pickle.dumps(sweep.run_sample(pickle.loads(pickle.dumps(s))))) for s in samples
    ]
    return samples, outcomes


def _direct(scenario: Scenario, figures: dict[UncertainInput, float]) -> tuple[object, ...]:
    """The plan of the sample's figures written into the scenario by hand, made as every plan
    is (`solve_plan`: whole runs)."""
    planning = dataclasses.replace(
        scenario.planning,
        attrition_per_month=figures[UncertainInput.ATTRITION],
        instructor_selection_rate=scenario.planning.instructor_selection_rate
        * figures[UncertainInput.VETTING_YIELD],
    )
    courses = tuple(
        dataclasses.replace(c, pass_rate=min(1.0, c.pass_rate * figures[UncertainInput.PASS_RATE]))
        for c in scenario.courses
    )
    changed = dataclasses.replace(scenario, planning=planning, courses=courses)
    plan = solve_plan(build_problem(changed, PlanMode.SIZING), 30).solution
    return plan.force_by_month(), tuple(
        (h.subject, h.index if h.month else None) for h in plan.handovers
    )


def test_each_sample_is_the_plan_of_its_own_figures(
    tiny: Scenario, swept: tuple[list[SweepSample], list[SampleOutcome]]
) -> None:
    samples, outcomes = swept
    assert [o.index for o in outcomes] == list(range(8))
    assert len({s.figures for s in samples}) == 8  # the figures do differ
    for sample, outcome in zip(samples, outcomes, strict=True):
        force, handovers = _direct(tiny, dict(sample.figures))
        assert np.allclose(outcome.force, force, atol=1e-6)  # type: ignore[arg-type]
        assert outcome.handovers == handovers


def test_the_ranges_are_ordered_and_are_the_samples_percentiles(
    swept: tuple[list[SweepSample], list[SampleOutcome]],
) -> None:
    _, outcomes = swept
    ranges = sweep.gather(outcomes)
    assert (ranges.samples, ranges.stopped) == (8, 0)
    force = np.array([o.force for o in outcomes])
    for t in range(len(ranges.months)):
        assert ranges.force.p10[t] <= ranges.force.p50[t] <= ranges.force.p90[t]
        assert np.isclose(ranges.force.p50[t], np.median(force[:, t]))
        assert np.isclose(ranges.force.p90[t], np.percentile(force[:, t], 90))
    horizon = len(ranges.months)
    for h in ranges.handovers:
        months = [dict(o.handovers)[h.subject] for o in outcomes]
        assert h.beyond == sum(1 for m in months if m is None)
        as_index = [horizon if m is None else ranges.months.index(m) for m in (h.p10, h.p50, h.p90)]
        assert as_index == sorted(as_index)
    assert {s.input for s in ranges.sensitivity} == {
        "attrition",
        "pass_rate",
        "vetting_yield",
    }
    assert all(-1 <= s.rho <= 1 for s in ranges.sensitivity)
    assert ranges_from_json(ranges_to_json(ranges)).handovers == ranges.handovers


def test_a_sweep_is_kept_as_a_version(engine: Engine, work: UnitOfWork) -> None:
    scenarios.import_file(work, TINY)
    seen: list[float] = []
    number, ranges = sweep.sweep_capacity(
        work, samples=3, seed=1, seconds=30, progress=lambda _, done: seen.append(done)
    )
    assert number == 1
    assert seen == sorted(seen)
    assert (seen[0], seen[-1]) == (0, 1)
    with transaction(engine) as session:
        row = plans.plan_version(session, None, sweep.KIND, number)
        assert ranges_from_json(row.result) == ranges_from_json(ranges_to_json(ranges))
        assert row.parameters["samples"] == 3


def test_a_sweep_on_two_processes_gives_the_outcomes_and_ranges_of_one_process(
    tiny: Scenario,
) -> None:
    samples = sweep.draw_samples(tiny, 4, seed=7, seconds=30)
    here = [sweep.run_sample(s) for s in samples]
    seen: list[tuple[str, float]] = []
    spread = sweep.run_samples(
        samples, lambda said, done: seen.append((str(said), done)), processes=2
    )
    assert local_pool.run_all(sweep.run_sample, samples, processes=2) == here
    assert spread == sweep.gather(here) == sweep.run_samples(samples, processes=1)
    assert [done for _, done in seen] == [0, 0.25, 0.5, 0.75, 1, 1]
    assert seen[-2:] == [
        ("4 of 4 samples", 1),
        ("4 samples planned; gathering", 1),
    ]
