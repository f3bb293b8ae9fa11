"""Rich renderings of capacity plans: the headline, handovers, force by year, shortfalls."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from rich.console import Group, RenderableType
from rich.table import Table

from cadre.domain.capacity.plan import CapacityPlan, Handover
from cadre.domain.capacity.problem import RunMode


def month_text(month: dt.date | None, index: int) -> str:
    if month is None:
        return "not within the horizon"
    return "from the start" if index == 0 else f"{month:%b %Y}"


KIND_NAMES = {
    "teaching": "trainers",
    "headquarters": "headquarters",
    "adviser": "advisers",
    "force_protection": "force protection",
    "support": "support",
}


def deployed_headline(plan: CapacityPlan) -> str:
    """The whole deployed force at its peak, and of what it is made; empty without it."""
    total, when = plan.peak_deployed
    if when is None:
        return ""
    t = plan.months.index(when)
    parts = ", ".join(
        f"{series[t]} {KIND_NAMES.get(kind, kind)}" for kind, series in plan.deployed.items()
    )
    return f"Peak deployed force {total} ({when:%b %Y}): {parts}. "


def headline(plan: CapacityPlan, names: dict[str, str]) -> str:
    peak, when = plan.peak_force
    handovers = ", ".join(
        f"{names.get(h.subject, h.subject)} {month_text(h.month, h.index)}" for h in plan.handovers
    )
    return (
        f"{deployed_headline(plan)}Peak training force {peak:.0f} foreign instructors"
        f"{f' ({when:%b %Y})' if when else ''}; {plan.instructor_months:,.0f} instructor-months; "
        f"{plan.host_led_share():.0%} of runs host-led; handover: {handovers}."
    )


def plan_summary(plan: CapacityPlan, names: dict[str, str], number: int | None = None) -> Group:
    version = f"version {number}, " if number is not None else ""
    status = f"[bold]Capacity plan ({version}{plan.mode.value} mode): {plan.status}[/]"
    parts: list[RenderableType] = [status, headline(plan, names)]
    if plan.rounding is not None:
        parts.append(plan.rounding.sentence())
    elif _fractional(plan):
        parts.append(
            "Runs are continuous: a fraction of a run is a share of a month's teaching, not a "
            "class. `--whole-runs` plans whole classes and says what they cost."
        )
    parts.extend(f"[yellow]note:[/] {n}" for n in plan.notes)
    parts.append(_handovers(plan.handovers, "Handover by discipline", names))
    parts.append(_handovers(plan.site_handovers, "Handover by school", names))
    if plan.deployed:
        parts.append(_deployed_by_year(plan))
    parts.append(_force_by_year(plan))
    parts.append(_outcomes(plan, names))
    if plan.marginal_values:
        parts.append(_marginal(plan))
    parts.append(_stages(plan))
    return Group(*parts)


def _fractional(plan: CapacityPlan) -> bool:
    # Seats abroad are places on other nations' courses, never runs of ours to round.
    return any(r.mode != RunMode.ABROAD and abs(r.runs - round(r.runs)) > 1e-6 for r in plan.runs)


def _handovers(handovers: tuple[Handover, ...], title: str, names: dict[str, str]) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("")
    table.add_column("host-led runs cover the demand from")
    # Only a plan made with --earliest knows it: the column would otherwise read as "never".
    earliest = any(h.earliest_known for h in handovers)
    if earliest:
        table.add_column("Could hand over from")
    table.add_column("target")
    table.add_column("why not, or why late")
    for h in handovers:
        could = [_earliest_text(h)] if earliest else []
        table.add_row(
            names.get(h.subject, h.subject),
            month_text(h.month, h.index),
            *could,
            f"{h.target:%b %Y}" if h.target else "",
            h.reason,
        )
    return table


def _earliest_text(h: Handover) -> str:
    if not h.earliest_known:
        return ""
    return f"{h.earliest:%b %Y}" if h.earliest else "not within the horizon"


def _deployed_by_year(plan: CapacityPlan) -> Table:
    years = sorted({m.year for m in plan.months})
    table = Table(title="Whole deployed force (average · peak per year)", title_justify="left")
    table.add_column("posts")
    for year in years:
        table.add_column(str(year), justify="right")
    rows = [(KIND_NAMES.get(k, k), s) for k, s in plan.deployed.items()]
    for name, series in [*rows, ("whole force", plan.deployed_by_month())]:
        cells = []
        for year in years:
            values = [v for v, m in zip(series, plan.months, strict=True) if m.year == year]
            cells.append(f"{sum(values) / len(values):.0f} · {max(values)}")
        table.add_row(name, *cells)
    return table


def _force_by_year(plan: CapacityPlan) -> Table:
    years = sorted({m.year for m in plan.months})
    table = Table(
        title="Foreign instructors required (average · peak per year)", title_justify="left"
    )
    table.add_column("qualification")
    for year in years:
        table.add_column(str(year), justify="right")
    for q, series in plan.foreign.items():
        if max(series, default=0.0) < 0.05:
            continue
        cells = []
        for year in years:
            values = [v for v, m in zip(series, plan.months, strict=True) if m.year == year]
            cells.append(f"{sum(values) / len(values):.1f} · {max(values):.1f}")
        table.add_row(q, *cells)
    return table


def _outcomes(plan: CapacityPlan, names: dict[str, str]) -> Table:
    years = sorted({o.year for o in plan.outcomes})
    wanted: dict[tuple[str, int], float] = defaultdict(float)
    trained: dict[tuple[str, int], float] = defaultdict(float)
    for o in plan.outcomes:
        if o.intake:  # entrants, not graduates: said in the caption when short
            continue
        wanted[o.discipline, o.year] += o.wanted
        trained[o.discipline, o.year] += min(o.graduated, o.wanted)
    table = Table(title="Graduates against demand", title_justify="left")
    table.add_column("discipline")
    for year in years:
        table.add_column(str(year), justify="right")
    for discipline in sorted({d for d, _ in wanted}):
        table.add_row(
            names.get(discipline, discipline),
            *(
                f"{trained[discipline, y]:,.0f} / {wanted[discipline, y]:,.0f}"
                if wanted[discipline, y]
                else ""
                for y in years
            ),
        )
    short = [o for o in plan.outcomes if o.unmet > 0.5]
    if not short:
        table.caption = "All demand is met."
    else:
        table.caption = "\n".join(
            f"{names.get(o.discipline, o.discipline)}: {o.unmet:,.0f} of {o.wanted:,} {o.target} "
            + ("intake " if o.intake else "")
            + f"unmet in {o.period or o.year}"
            + (f" because {o.reason}" if o.reason else "")
            for o in sorted(short, key=lambda o: -o.unmet)
        )
    table.caption_justify = "left"
    return table


def _marginal(plan: CapacityPlan) -> Table:
    table = Table(
        title="Value of one more pledged instructor (people trained more)", title_justify="left"
    )
    table.add_column("qualification")
    table.add_column("people", justify="right")
    for q, value in sorted(plan.marginal_values.items(), key=lambda kv: -kv[1]):
        table.add_row(q, f"{value:,.1f}")
    return table


def _stages(plan: CapacityPlan) -> Table:
    table = Table(
        title=f"Solver: {plan.variables:,} variables, {plan.constraints:,} constraints",
        title_justify="left",
    )
    for col in ("stage", "status", "objective", "seconds"):
        table.add_column(col, justify="right" if col in ("objective", "seconds") else "left")
    for s in plan.stages:
        table.add_row(s.name, s.status, f"{s.objective:,.3f}", f"{s.seconds:.2f}")
    return table


def compare(
    a: CapacityPlan, b: CapacityPlan, names: dict[str, str], labels: tuple[str, str]
) -> Table:
    table = Table(title=f"Plan {labels[0]} against plan {labels[1]}", title_justify="left")
    table.add_column("")
    table.add_column(labels[0], justify="right")
    table.add_column(labels[1], justify="right")
    pa, pb = a.peak_force[0], b.peak_force[0]
    table.add_row("mode", a.mode.value, b.mode.value)
    table.add_row("status", a.status, b.status)
    if a.deployed or b.deployed:
        table.add_row(
            "peak deployed force",
            *(f"{p.peak_deployed[0]:,}" if p.deployed else "—" for p in (a, b)),
        )
    table.add_row("peak training force", f"{pa:.1f}", f"{pb:.1f}")
    table.add_row(
        "foreign instructor-months", f"{a.instructor_months:,.0f}", f"{b.instructor_months:,.0f}"
    )
    table.add_row("unmet demand", f"{a.unmet:,.0f}", f"{b.unmet:,.0f}")
    table.add_row("runs", *("whole" if p.rounding else "continuous" for p in (a, b)))
    if a.rounding or b.rounding:
        table.add_row(
            "more unmet than continuous",
            *(f"{p.rounding.unmet:,.1f}" if p.rounding else "—" for p in (a, b)),
        )
    table.add_row(
        "runs led by host instructors", f"{a.host_led_share():.0%}", f"{b.host_led_share():.0%}"
    )
    hb = {h.subject: h for h in b.handovers}
    known = a.earliest_known or b.earliest_known
    for h in a.handovers:
        other = hb.get(h.subject)
        name = names.get(h.subject, h.subject)
        table.add_row(
            f"handover: {name}",
            month_text(h.month, h.index),
            month_text(other.month, other.index) if other else "—",
        )
        if known:
            table.add_row(
                f"could hand over from: {name}",
                *(_earliest_text(x) if x and x.earliest_known else "—" for x in (h, other)),
            )
    return table
