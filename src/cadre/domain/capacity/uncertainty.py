"""Ranges, not a single line: the figures of one sweep sample, drawn from the scenario's
distributions, applied to the scenario and the problem; and what many samples say together
(percentiles, and how strongly each drawn figure moves the answer).

Sample i of a sweep with seed s is drawn from its own generator, seeded with (s, i): a sample
is the same whether the sweep has 8 samples or 800, and whoever runs it (this process or a
worker elsewhere) draws nothing.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from cadre.domain.capacity.problem import CapacityProblem, PlanMode
from cadre.domain.scenario import Scenario
from cadre.domain.uncertain_inputs import Distribution, DistributionKind, UncertainInput

Figures = Mapping[UncertainInput, float]


def draw(distribution: Distribution, rng: np.random.Generator) -> float:
    """One value of `distribution`."""
    d = distribution
    if d.high <= d.low:
        return d.low
    if d.kind is DistributionKind.UNIFORM:
        return float(rng.uniform(d.low, d.high))
    if d.kind is DistributionKind.TRIANGULAR:
        mode = d.low if d.mode is None else d.mode
        return float(rng.triangular(d.low, mode, d.high))
    alpha, beta = d.alpha or 1.0, d.beta or 1.0
    return d.low + (d.high - d.low) * float(rng.beta(alpha, beta))


def drawn_inputs(mode: PlanMode) -> tuple[UncertainInput, ...]:
    """The figures a sweep draws: pledges bind only when checking them (in sizing mode the
    foreign force is what the plan asks for, so their reliability cannot move it)."""
    return tuple(
        n
        for n in UncertainInput
        if mode is PlanMode.CHECK or n is not UncertainInput.PLEDGE_RELIABILITY
    )


def draw_figures(
    scenario: Scenario, mode: PlanMode, count: int, seed: int
) -> list[dict[UncertainInput, float]]:
    """The figures of samples 0..count-1, each from its own generator seeded (seed, i)."""
    names = drawn_inputs(mode)
    samples = []
    for index in range(count):
        rng = np.random.default_rng([seed, index])
        samples.append({n: draw(scenario.uncertainty.distribution(n), rng) for n in names})
    return samples


def with_figures(scenario: Scenario, figures: Figures) -> Scenario:
    """The scenario as one sample sees it: its attrition, every course's pass rate scaled (at
    most 1), and the instructor selection rate scaled by the vetting yield."""
    planning = scenario.planning
    if UncertainInput.ATTRITION in figures:
        planning = dataclasses.replace(
            planning, attrition_per_month=figures[UncertainInput.ATTRITION]
        )
    if UncertainInput.VETTING_YIELD in figures:
        planning = dataclasses.replace(
            planning,
            instructor_selection_rate=planning.instructor_selection_rate
            * figures[UncertainInput.VETTING_YIELD],
        )
    courses = scenario.courses
    if UncertainInput.PASS_RATE in figures:
        factor = figures[UncertainInput.PASS_RATE]
        courses = tuple(
            dataclasses.replace(c, pass_rate=min(1.0, c.pass_rate * factor)) for c in courses
        )
    return dataclasses.replace(scenario, planning=planning, courses=courses)


def with_reliability(problem: CapacityProblem, figures: Figures) -> CapacityProblem:
    """The problem with only the drawn share of each pledge's person-months arriving."""
    share = figures.get(UncertainInput.PLEDGE_RELIABILITY)
    if share is None:
        return problem
    supplies = tuple(
        dataclasses.replace(s, available=tuple(a * share for a in s.available))
        for s in problem.supplies
    )
    return dataclasses.replace(problem, supplies=supplies)


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (0..100) with linear interpolation between the closest ranks."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    position = (len(ordered) - 1) * p / 100
    below = math.floor(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def month_percentile(months: Sequence[int | None], p: float) -> int | None:
    """The p-th percentile of month indices, None for "not within the horizon" (later than
    every month): the first month by which at least p % of the samples have it; None when
    fewer than that ever do."""
    if not months:
        raise ValueError("no values")
    ordered = sorted(months, key=lambda m: math.inf if m is None else m)
    rank = max(1, math.ceil(len(ordered) * p / 100 - 1e-9))
    return ordered[rank - 1]


def ranks(values: Sequence[float]) -> list[float]:
    """Ranks 1..n, tied values sharing their mean rank."""
    order = sorted(range(len(values)), key=values.__getitem__)
    found = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            found[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return found


def rank_correlation(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Spearman's rank correlation; 0 when either side does not vary."""
    rx, ry = ranks(xs), ranks(ys)
    n = len(rx)
    mx, my = sum(rx) / n, sum(ry) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    sxx = sum((a - mx) ** 2 for a in rx)
    syy = sum((b - my) ** 2 for b in ry)
    if sxx == 0 or syy == 0:
        return 0.0
    return sxy / math.sqrt(sxx * syy)


@dataclass(frozen=True)
class Sensitivity:
    """How strongly a drawn figure moves one answer: Spearman's rho over the samples."""

    input: str
    answer: str  # "peak force", or "handover <discipline>"
    rho: float


def sensitivities(
    figures: Sequence[Mapping[str, float]], answers: Mapping[str, Sequence[float]]
) -> tuple[Sensitivity, ...]:
    """Each drawn figure against each answer, the strongest first."""
    names = sorted({n for f in figures for n in f})
    found = [
        Sensitivity(name, answer, rank_correlation([f[name] for f in figures], values))
        for name in names
        for answer, values in answers.items()
    ]
    return tuple(sorted(found, key=lambda s: (-abs(s.rho), s.answer, s.input)))
