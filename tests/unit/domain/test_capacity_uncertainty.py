"""The sweep's arithmetic: draws reproducible by seed and within their distributions, the
percentiles against numpy's, rank correlation against a hand count, figures applied."""

from __future__ import annotations

import dataclasses

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from cadre.domain.capacity.problem import PlanMode, build_problem
from cadre.domain.capacity.uncertainty import (
    draw_figures,
    month_percentile,
    percentile,
    rank_correlation,
    with_figures,
    with_reliability,
)
from cadre.domain.uncertain_inputs import (
    Distribution,
    DistributionKind,
    UncertainInput,
    Uncertainty,
)
from tests.capacity_factories import cadre_scenario, pledge

VALUES = st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=60)


def test_the_same_seed_draws_the_same_figures_and_another_seed_others() -> None:
    scenario = cadre_scenario()
    first = draw_figures(scenario, PlanMode.CHECK, 20, seed=7)
    assert first == draw_figures(scenario, PlanMode.CHECK, 20, seed=7)
    assert first != draw_figures(scenario, PlanMode.CHECK, 20, seed=8)
    # a sample does not depend on how many others the sweep has
    assert draw_figures(scenario, PlanMode.CHECK, 5, seed=7) == first[:5]


def test_draws_stay_within_each_distribution() -> None:
    stated = Uncertainty(
        attrition=Distribution(DistributionKind.UNIFORM, 0.02, 0.04),
        pass_rate=Distribution(DistributionKind.TRIANGULAR, 0.8, 1.1, mode=0.9),
        vetting_yield=Distribution(DistributionKind.BETA, 0.3, 0.6, alpha=2, beta=5),
    )
    scenario = dataclasses.replace(cadre_scenario(), uncertainty=stated)
    samples = draw_figures(scenario, PlanMode.CHECK, 300, seed=1)
    for name in UncertainInput:
        d = stated.distribution(name)
        values = [s[name] for s in samples]
        assert all(d.low <= v <= d.high for v in values)
        assert max(values) - min(values) > (d.high - d.low) / 3  # they do vary
    # the beta's mean, alpha / (alpha + beta) of the way along, within sampling error
    drawn = np.mean([s[UncertainInput.VETTING_YIELD] for s in samples])
    assert abs(drawn - (0.3 + 0.3 * 2 / 7)) < 0.02


def test_sizing_draws_no_pledge_reliability() -> None:
    samples = draw_figures(cadre_scenario(), PlanMode.SIZING, 3, seed=0)
    assert all(UncertainInput.PLEDGE_RELIABILITY not in s for s in samples)


@given(VALUES, st.floats(0, 100))
def test_percentile_is_numpys_linear_one(values: list[float], p: float) -> None:
    assert np.isclose(percentile(values, p), np.percentile(values, p), rtol=1e-9, atol=1e-6)


@given(
    st.lists(st.one_of(st.none(), st.integers(0, 120)), min_size=1, max_size=60),
    st.sampled_from([10, 50, 90]),
)
def test_month_percentile_is_numpys_inverted_cdf_with_never_last(
    months: list[int | None], p: int
) -> None:
    as_numbers = [np.inf if m is None else m for m in months]
    expected = np.percentile(as_numbers, p, method="inverted_cdf")
    found = month_percentile(months, p)
    assert (found is None) == bool(np.isinf(expected))
    if found is not None:
        assert found == expected


def test_rank_correlation_against_a_hand_count() -> None:
    # ranks x 1..5, y 2,1,4,3,5: d = -1,1,-1,1,0; rho = 1 - 6*4 / (5*24) = 0.8
    assert np.isclose(rank_correlation([1, 2, 3, 4, 5], [20, 10, 40, 30, 50]), 0.8)
    assert np.isclose(rank_correlation([1, 2, 3], [9, 4, 1]), -1.0)
    assert rank_correlation([1, 1, 1], [1, 2, 3]) == 0.0


def test_figures_reach_the_scenario_and_the_problem() -> None:
    scenario = dataclasses.replace(cadre_scenario(), pledges=(pledge("P1", "GBR", "ITC-MT", 4),))
    figures = {
        UncertainInput.ATTRITION: 0.031,
        UncertainInput.PASS_RATE: 1.05,
        UncertainInput.VETTING_YIELD: 0.5,
        UncertainInput.PLEDGE_RELIABILITY: 0.75,
    }
    changed = with_figures(scenario, figures)
    assert changed.planning.attrition_per_month == 0.031
    assert (
        changed.planning.instructor_selection_rate
        == scenario.planning.instructor_selection_rate * 0.5
    )
    for before, after in zip(scenario.courses, changed.courses, strict=True):
        assert after.pass_rate == min(1.0, before.pass_rate * 1.05)
    problem = build_problem(changed, PlanMode.CHECK)
    assert problem.supplies
    reliable = with_reliability(problem, figures)
    for before, after in zip(problem.supplies, reliable.supplies, strict=True):
        assert np.allclose(after.available, np.array(before.available) * 0.75)
