"""Ranges, not a single line: the figures of one sweep sample, drawn from the scenario's
distributions, applied to the scenario and the problem; and what many samples say together
(percentiles, and how strongly each drawn figure moves the answer).

Sample i of a sweep with seed s is drawn from its own generator, seeded with (s, i): a sample
is the same whether the sweep has 8 samples or 800, and whoever runs it (this process or a
worker elsewhere) draws nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
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


@dataclass(frozen=True)
class SweepSample:
    """One sample of a sweep: everything needed to plan it, picklable, for any worker."""

    index: int
    figures: tuple[tuple[UncertainInput, float], ...]
    scenario: Scenario
    mode: PlanMode = PlanMode.SIZING
    horizon_months: int | None = None
    seconds: float = 60.0


@dataclass(frozen=True)
class SampleOutcome:
    """What one sample's plan answers: the force by month and each discipline's handover."""

    index: int
    figures: tuple[tuple[UncertainInput, float], ...]
    status: str  # the plan's: optimal, feasible, or stopped (then nothing below counts)
    months: tuple[dt.date, ...]
    force: tuple[float, ...]  # foreign instructors required, month by month
    deployed: tuple[int, ...]  # the whole deployed force those imply, month by month
    handovers: tuple[tuple[str, int | None], ...]  # discipline, month index (None: not within)
    unmet: float

    @property
    def usable(self) -> bool:
        return self.status != "stopped" and bool(self.force)


@dataclass(frozen=True)
class Band:
    """P10, P50 and P90 of a figure, month by month (or one value each)."""

    p10: tuple[float, ...]
    p50: tuple[float, ...]
    p90: tuple[float, ...]


@dataclass(frozen=True)
class HandoverRange:
    """P10/P50/P90 of a discipline's handover month; None: not within the horizon."""

    subject: str
    p10: dt.date | None
    p50: dt.date | None
    p90: dt.date | None
    beyond: int  # samples in which it does not happen within the horizon


@dataclass(frozen=True)
class SweepRanges:
    samples: int  # samples whose plan counts
    stopped: int  # samples whose solve found no plan in time (left out)
    months: tuple[dt.date, ...]
    force: Band
    deployed: Band
    peak_force: Band  # one value each
    unmet: Band  # one value each
    handovers: tuple[HandoverRange, ...]
    sensitivity: tuple[Sensitivity, ...]  # the strongest first

    def most_sensitive(self, count: int = 3) -> tuple[Sensitivity, ...]:
        return self.sensitivity[:count]


PERCENTILES = (10, 50, 90)


def _band(series: Sequence[Sequence[float]]) -> Band:
    """Percentiles across samples of series of equal length."""
    columns = list(zip(*series, strict=True))
    p10, p50, p90 = (tuple(percentile(c, p) for c in columns) for p in PERCENTILES)
    return Band(p10, p50, p90)


def ranges_of(outcomes: Sequence[SampleOutcome]) -> SweepRanges:
    """What the samples say together; samples whose solve stopped are counted and left out."""
    used = sorted((o for o in outcomes if o.usable), key=lambda o: o.index)
    if not used:
        raise ValueError("no sample has a plan to gather")
    months = used[0].months
    horizon = len(months)
    subjects = [s for s, _ in used[0].handovers]
    handover = {
        s: [dict(o.handovers).get(s) for o in used] for s in subjects
    }  # discipline -> month index per sample
    peaks = [max(o.force) for o in used]
    answers: dict[str, list[float]] = {"peak force": peaks}
    for s in subjects:
        answers[f"handover {s}"] = [horizon if m is None else m for m in handover[s]]
    figures = [{n.value: v for n, v in o.figures} for o in used]

    def month(index: int | None) -> dt.date | None:
        return None if index is None or index >= horizon else months[index]

    return SweepRanges(
        samples=len(used),
        stopped=len(outcomes) - len(used),
        months=months,
        force=_band([o.force for o in used]),
        deployed=_band([o.deployed for o in used])
        if all(o.deployed for o in used)
        else Band((), (), ()),
        peak_force=_band([[p] for p in peaks]),
        unmet=_band([[o.unmet] for o in used]),
        handovers=tuple(
            HandoverRange(
                s,
                p10=month(month_percentile(handover[s], 10)),
                p50=month(month_percentile(handover[s], 50)),
                p90=month(month_percentile(handover[s], 90)),
                beyond=sum(1 for m in handover[s] if m is None or m >= horizon),
            )
            for s in subjects
        ),
        sensitivity=sensitivities(figures, answers),
    )
