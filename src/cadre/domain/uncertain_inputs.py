"""Planning figures nobody knows exactly, each with a distribution the scenario states.

The scenario's optional `uncertainty` section names them; the capacity sweep
(`domain/capacity/uncertainty.py`) draws from them. Each figure not named keeps its default
distribution (`DEFAULT_UNCERTAINTY`, with its source in `docs/sources.md`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class DistributionKind(StrEnum):
    TRIANGULAR = "triangular"  # low, mode, high
    UNIFORM = "uniform"  # low, high
    BETA = "beta"  # alpha, beta, scaled onto [low, high]


@dataclass(frozen=True)
class Distribution:
    kind: DistributionKind
    low: float
    high: float
    mode: float | None = None  # triangular only
    alpha: float | None = None  # beta only
    beta: float | None = None  # beta only

    def problems(self) -> list[str]:
        """What makes the distribution unusable, in words; empty when it is sound."""
        found = []
        if not self.low <= self.high:
            found.append(f"low {self.low} is above high {self.high}")
        if self.kind is DistributionKind.TRIANGULAR and (
            self.mode is None or not self.low <= self.mode <= self.high
        ):
            found.append("a triangular distribution needs a mode between low and high")
        if self.kind is DistributionKind.BETA and not (
            self.alpha is not None and self.beta is not None and self.alpha > 0 and self.beta > 0
        ):
            found.append("a beta distribution needs alpha and beta above zero")
        return found


class UncertainInput(StrEnum):
    """What each drawn figure means for the plan."""

    ATTRITION = "attrition"  # host instructors lost a month (replaces attrition_per_month)
    PASS_RATE = "pass_rate"  # a factor on every course's stated pass rate (capped at 1)
    VETTING_YIELD = "vetting_yield"  # share of selected candidates cleared by vetting/language
    PLEDGE_RELIABILITY = "pledge_reliability"  # share of pledged person-months that arrive


@dataclass(frozen=True)
class Uncertainty:
    """The scenario's distributions; a figure left None keeps its default."""

    attrition: Distribution | None = None
    pass_rate: Distribution | None = None
    vetting_yield: Distribution | None = None
    pledge_reliability: Distribution | None = None

    def distribution(self, name: UncertainInput) -> Distribution:
        stated: Distribution | None = getattr(self, name.value)
        return stated or DEFAULT_UNCERTAINTY[name]


DEFAULT_UNCERTAINTY: dict[UncertainInput, Distribution] = {
    # 1-2 % a month for host instructors, partner armies about 3 % (REFERENCE, planning figures)
    UncertainInput.ATTRITION: Distribution(DistributionKind.TRIANGULAR, 0.01, 0.03, mode=0.015),
    # pass rates 70-80 % (medical) and 80-90 % otherwise: +-5 points, about +-7 % of the middle
    UncertainInput.PASS_RATE: Distribution(DistributionKind.TRIANGULAR, 0.93, 1.07, mode=1.0),
    # no public figure: illustrative, mean 0.9 (docs/sources.md says so)
    UncertainInput.VETTING_YIELD: Distribution(
        DistributionKind.BETA, 0.5, 1.0, alpha=8.0, beta=2.0
    ),
    # NTM-A: "450 short of 2,300" (about 80 % fill), half of the critical posts filled
    UncertainInput.PLEDGE_RELIABILITY: Distribution(
        DistributionKind.TRIANGULAR, 0.5, 1.0, mode=0.8
    ),
}
