"""Small plans to draw: a capacity plan, a sweep's ranges and a force fill report with every
panel filled, and the same with nothing in them, for the tests of the figures."""

from __future__ import annotations

import datetime as dt

from cadre.domain.capacity.plan import CapacityPlan, DemandOutcome, Handover
from cadre.domain.capacity.problem import PlanMode
from cadre.domain.capacity.uncertainty import Band, HandoverRange, SweepRanges
from cadre.domain.force.fill import Fill, FillReport, MonthFill
from cadre.domain.planning import SolveStatus

MONTHS = tuple(dt.date(2027 + (m // 12), m % 12 + 1, 1) for m in range(18))


def capacity_plan(qualifications: int = 3, scale: float = 1.0, empty: bool = False) -> CapacityPlan:
    names = [f"Q{i:02d}" for i in range(qualifications)]
    foreign = {
        q: tuple(0.0 if empty else scale * (i + 1) for _ in MONTHS) for i, q in enumerate(names)
    }
    cadre = {q: tuple(0.0 if empty else scale * m / 4 for m in range(len(MONTHS))) for q in names}
    outcomes = (
        ()
        if empty
        else tuple(
            DemandOutcome(f"T{d}{y}", y, 40, 30.0, 10.0, f"D{d}")
            for d in range(2)
            for y in (2027, 2028)
        )
    )
    handovers = (
        ()
        if empty
        else (
            Handover("D0", MONTHS[9], 9),
            Handover("D1", None, -1),
            Handover("D2", MONTHS[0], 0),
        )
    )
    return CapacityPlan(
        status=SolveStatus.OPTIMAL,
        mode=PlanMode.SIZING,
        months=MONTHS,
        runs=(),
        trainees={},
        abroad={},
        foreign=foreign,
        foreign_mentoring={},
        host_mentoring={},
        host_cadre=cadre,
        outcomes=outcomes,
        handovers=handovers,
        site_handovers=(),
    )


def fill_report(critical: bool = True, empty: bool = False) -> FillReport:
    months = (
        ()
        if empty
        else tuple(
            MonthFill(m, 20, 18, 15, 4 if critical else 0, 3 if critical else 0) for m in MONTHS
        )
    )
    by_qualification = () if empty else (Fill("INF", 120, 90), Fill("ENG", 60, 60))
    return FillReport(
        total=Fill("all", 180, 150),
        by_criticality=(),
        by_line=(),
        by_nation=(),
        by_qualification=by_qualification,
        by_month=months,
        weighted_share=0.8,
    )


def sweep_ranges(deployed: bool = True) -> SweepRanges:
    """A sweep's ranges: a band of force (and of the whole force), a handover that happens in
    every sample and one that some samples put beyond the horizon."""
    low = tuple(float(m) for m in range(len(MONTHS)))
    band = Band(low, tuple(v + 2 for v in low), tuple(v + 5 for v in low))
    whole = Band(*(tuple(v * 3 for v in series) for series in (band.p10, band.p50, band.p90)))
    return SweepRanges(
        samples=20,
        stopped=0,
        months=MONTHS,
        force=band,
        deployed=whole if deployed else Band((), (), ()),
        peak_force=Band((17.0,), (19.0,), (22.0,)),
        unmet=Band((0.0,), (0.0,), (0.0,)),
        handovers=(
            HandoverRange("D0", MONTHS[6], MONTHS[9], MONTHS[12], 0),
            HandoverRange("D1", MONTHS[14], None, None, 12),
        ),
        sensitivity=(),
    )
