"""Rich renderings of force generation: fill, shortfalls, caveats, the relief calendar."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group
from rich.table import Table

from cadre.cli.words import count, verb
from cadre.domain.force.caveats import CaveatBlock, CaveatImpact
from cadre.domain.force.fill import Fill
from cadre.domain.force.shortfalls import Shortfall
from cadre.services.force.operations import ForcePicture


def table_of(title: str, *columns: str, right: Sequence[str] = ()) -> Table:
    table = Table(title=title, title_justify="left")
    for col in columns:
        table.add_column(col, justify="right" if col in right else "left")
    return table


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "–"


def headline(view: ForcePicture) -> str:
    r = view.result
    offers = "accepted and open offers" if view.include_offered else "accepted offers"
    version = f"force plan #{view.version}" + (" (new)" if view.new_version else " (unchanged)")
    return (
        f"[bold]{view.scenario.mission.name} ({view.scenario.mission.code})[/]: "
        f"{count(len(view.problem.lines), 'requirement line')} from {view.requirement}, "
        f"{len(view.problem.offers)} {offers}. Matching {r.status.value}, "
        f"{view.seconds:.2f} s with the reports; {version}."
    )


def fill_tables(view: ForcePicture) -> Group:
    total = table_of(
        "Fill (post-months)",
        "posts",
        "required",
        "filled",
        "fill",
        right=("required", "filled", "fill"),
    )
    for f in (*view.fill.by_criticality, view.fill.total):
        total.add_row(f.key, f"{f.required:,}", f"{f.filled:,}", _share(f.filled, f.required))
    total.caption = f"weighted by criticality (100 / 10 / 1): {view.fill.weighted_share:.0%}"
    return Group(total, _by_qualification(view.fill.by_qualification), _by_nation(view))


def _by_qualification(rows: Sequence[Fill]) -> Table:
    table = table_of(
        "Fill by qualification",
        "qualification",
        "required",
        "filled",
        "fill",
        "critical fill",
        right=("required", "filled", "fill", "critical fill"),
    )
    for f in rows:
        critical = _share(f.critical_filled, f.critical_required)
        table.add_row(
            f.key, f"{f.required:,}", f"{f.filled:,}", _share(f.filled, f.required), critical
        )
    return table


def _by_nation(view: ForcePicture) -> Table:
    table = table_of(
        "Fill by nation",
        "nation",
        "pledged",
        "placed",
        "used",
        "on critical posts",
        right=("pledged", "placed", "used", "on critical posts"),
    )
    for n in (n for n in view.fill.by_nation if n.pledged or n.filled):
        table.add_row(
            n.nation,
            f"{n.pledged:,}",
            f"{n.filled:,}",
            _share(n.filled, n.pledged),
            f"{n.critical_filled:,}",
        )
    return table


def by_line(view: ForcePicture) -> Table:
    table = table_of("Fill by line (post-months)", "line", "title", "criticality", "where",
                   "required", "filled", "fill", "months short", "nations",
                   right=("required", "filled", "fill", "months short"))  # fmt: skip
    for f in view.fill.by_line:
        table.add_row(f.line.number, f.line.title, f.line.criticality.value, f.line.place,
                      f"{f.required:,}", f"{f.filled:,}", _share(f.filled, f.required),
                      str(f.months_short), " ".join(f.nations))  # fmt: skip
    return table


def by_month(view: ForcePicture) -> Table:
    table = table_of(
        "Fill by month (people)",
        "month",
        "required",
        "pledged",
        "placed",
        "critical",
        right=("required", "pledged", "placed", "critical"),
    )
    for m in view.fill.by_month:
        table.add_row(
            f"{m.month:%Y-%m}",
            str(m.required),
            str(m.pledged),
            str(m.filled),
            f"{m.critical_filled}/{m.critical_required}",
        )
    return table


def shortfall_table(rows: Sequence[Shortfall], limit: int) -> Table:
    table = table_of(
        f"Worst shortfalls ({min(limit, len(rows))} of {len(rows)})",
        "line",
        "title",
        "criticality",
        "where",
        "months",
        "empty post-months",
        "worst month",
        "course runs lost (run-months)",
        right=("empty post-months", "worst month"),
    )
    for s in rows[:limit]:
        runs = ", ".join(f"{r.course} {r.run_months:g}" for r in s.runs_lost) or "–"
        table.add_row(
            s.line.number,
            s.line.title,
            s.line.criticality.value,
            s.line.place,
            f"{s.first_month:%Y-%m}–{s.last_month:%Y-%m}",
            f"{s.post_months:,}",
            str(s.worst),
            runs,
        )
    return table


def caveat_table(
    impact: Sequence[CaveatImpact], blocks: Sequence[CaveatBlock], limit: int
) -> Table:
    """Lines caveats leave emptier: by how much (matching again without caveats), by which
    caveats, and how much of it idle people wait to fill."""
    idle: dict[str, int] = {}
    for b in blocks:
        idle[b.line] = max(idle.get(b.line, 0), b.post_months)
    table = table_of(
        "Posts only caveats leave empty",
        "line",
        "caveats",
        "nations",
        "post-months lost",
        "idle people could fill",
        "why",
        right=("post-months lost", "idle people could fill"),
    )
    shown = {i.line for i in impact[:limit]}
    for i in impact[:limit]:
        table.add_row(
            i.line,
            ", ".join(i.caveats) or "–",
            ", ".join(i.nations) or "–",
            f"{i.post_months:,}",
            f"{idle.get(i.line, 0):,}",
            i.reason,
        )
    for b in blocks:
        if b.line not in shown and len(shown) < limit:  # idle, yet the matching gains nothing
            shown.add(b.line)
            table.add_row(b.line, b.caveat, b.nation, "0", f"{b.post_months:,}", b.reason)
    if not shown:
        table.caption = "no post is emptier because of a caveat"
    return table


def document(view: ForcePicture) -> dict[str, object]:
    """What `force status` shows, for `--json`: the fill, the shortfalls, the caveats' cost."""
    return {
        "mission": view.scenario.mission.code,
        "force_plan": view.version,
        "requirement": view.requirement,
        "include_offered": view.include_offered,
        "status": view.result.status,
        "requirement_lines": len(view.problem.lines),
        "offers": len(view.problem.offers),
        "fill": view.fill,
        "shortfalls": view.shortfalls,
        "caveat_impact": view.caveat_impact,
        "caveat_blocks": view.caveat_blocks,
        "unrelieved_tours": len(view.rotations.unrelieved),
    }


def demo_overview(view: ForcePicture) -> Group:
    """The fill and the worst shortfalls, for `cadre demo`."""
    fill = view.fill
    unrelieved = len(view.rotations.unrelieved)
    critical = next(f for f in fill.by_criticality if f.key == "critical")
    text = (
        f"\n[bold]Force generation (force plan {view.version}):[/] "
        f"{count(len(view.problem.lines), 'requirement line')} from {view.requirement}, "
        f"{count(len(view.problem.offers), 'pledge')}; "
        f"{fill.total.share:.0%} of {fill.total.required:,} post-months filled"
        + (f" (critical {_share(critical.filled, critical.required)})" if critical.required else "")
        + f", {count(unrelieved, 'tour')} {verb(unrelieved, 'ends', 'end')} with no relief."
    )
    return Group(
        text,
        shortfall_table(view.shortfalls, 5),
        "See it all with `cadre force status`, reliefs with `cadre force rotations`.",
    )
