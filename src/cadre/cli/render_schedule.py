"""Rich renderings of mission timetables: the headline, a calendar per site (weeks across, one
bar per run), what could not be placed and why, and after a re-plan what moved and why."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from cadre.cli.cause_words import cause_words, plan_line_words
from cadre.cli.tables import picture_only
from cadre.cli.words import count
from cadre.domain.timetable.problem import PlacedRun
from cadre.services.timetable.queries import TimetableVersion

FULL, EMPTY = "█", "·"


def headline(version: TimetableVersion) -> str:
    plan, result = version.plan, version.plan.result
    bound = f", bound {result.bound:,}" if result.bound is not None else ""
    checker = (
        "the independent checker finds no conflict"
        if not version.violations
        else f"[red]the checker finds {count(len(version.violations), 'conflict')}[/]"
    )
    left = len(plan.runs) - len(result.solution.placed)
    if left and result.bound is not None:
        proved = result.bound // version.problem.unplaced_penalty()
        left_text = f" ({proved} of the {left} left out proved impossible to place)"
    else:
        left_text = ""
    return (
        f"[bold]Timetable version {version.number} ({result.status.value}):[/] "
        f"{len(result.solution.placed)} of {count(len(plan.runs), 'run')} placed{left_text}, "
        f"{plan.start:%d %b %Y} to {plan.end:%d %b %Y}, from {version.parameters.get('source')}; "
        f"objective {result.objective:,}{bound}; {checker}."
    )


def preferences(version: TimetableVersion) -> str:
    c = version.plan.result.cost
    text = (
        f"Instructors teach at {count(c.extra_sites, 'site')} beyond their first; the busiest "
        "teaches "
        f"{c.max_load / 10:.1f}% of their days in theatre; cohorts finish "
        f"{c.cohort_finish_days:,} cohort-days from the start."
    )
    if version.parameters.get("previous"):
        moves = version.plan.result.moves
        dropped = sum(m.after is None for m in moves)
        added = sum(m.before is None for m in moves)
        text += (
            f" Against version {version.parameters['previous']}: "
            f"{count(c.moved_runs, 'run')} on other days, {dropped} no longer placed, "
            f"{added} newly placed; {count(c.changed_instructors, 'instructor')} changed, "
            f"{count(c.changed_rooms, 'room')} changed."
        )
    return text


def _weeks(start: dt.date, end: dt.date) -> list[dt.date]:
    first = start - dt.timedelta(days=(start.weekday() + 1) % 7)  # Sunday
    return [first + dt.timedelta(weeks=k) for k in range((end - first).days // 7 + 1)]


def _bar(p: PlacedRun, weeks: Sequence[dt.date]) -> str:
    return "".join(
        FULL if p.start <= w + dt.timedelta(days=6) and w <= p.end else EMPTY for w in weeks
    )


def _month_ruler(weeks: Sequence[dt.date]) -> str:
    """A letter under the week in which each month begins (J F M A ...)."""
    marks = []
    for w in weeks:
        firsts = [w + dt.timedelta(days=d) for d in range(7) if (w + dt.timedelta(days=d)).day == 1]
        marks.append(f"{firsts[0]:%b}"[0] if firsts else " ")
    return "".join(marks)


def site_calendar(version: TimetableVersion, site: str) -> RenderableType:
    plan = version.plan
    weeks = _weeks(plan.start, plan.end)
    placed = sorted(
        (p for p in plan.result.solution.placed if plan.run(p.run).site == site),
        key=lambda p: (p.start, p.room, p.run),
    )
    name = version.problem.site(site).name if version.problem.has("site", site) else site
    if not placed:
        return f"[bold]{name} ({site})[/]: no run placed."
    table = Table(
        title=f"{name} ({site}): {count(len(placed), 'run')}, weeks from {weeks[0]:%d %b %Y}",
        title_justify="left",
    )
    table.add_column("course · cohort", overflow="fold")
    table.add_column("room")
    table.add_column("dates", no_wrap=True)
    table.add_column("instructors", overflow="fold")
    table.add_column(_month_ruler(weeks), no_wrap=True)
    picture_only(table.columns[-1])
    for p in placed:
        run = plan.run(p.run)
        table.add_row(
            f"{run.course} · {run.cohort or 'open class'}",
            p.room,
            f"{p.start:%d %b}–{p.end:%d %b}",
            " ".join(p.instructors),
            Text(_bar(p, weeks), style="cyan"),
        )
    return table


def unplaced_table(version: TimetableVersion) -> Table:
    table = Table(title="Runs left out, and why", title_justify="left")
    for column in ("run", "cohort", "cause", "capacity plan line", "why"):
        table.add_column(column, overflow="fold")
    for left in version.left_out:
        run = version.plan.run(left.run)
        table.add_row(
            left.run,
            run.cohort or "open class",
            cause_words(left.cause),
            plan_line_words(left.line),
            left.detail,
        )
    return table


def moves_table(version: TimetableVersion) -> Table:
    table = Table(title="What moved, and why", title_justify="left")
    for column in ("run", "change", "why"):
        table.add_column(column, overflow="fold")
    for m in version.plan.result.moves:
        table.add_row(m.run, "; ".join(m.changes), m.reason)
    return table


def timetable(version: TimetableVersion, sites: Sequence[str] | None = None) -> Group:
    parts: list[RenderableType] = [headline(version), preferences(version)]
    parts.extend(f"[yellow]note:[/] {n}" for n in version.plan.notes)
    shown = sites or sorted({r.site for r in version.plan.runs})
    parts.extend(site_calendar(version, s) for s in shown)
    if version.left_out:
        parts.append(unplaced_table(version))
    if version.plan.result.moves:
        parts.append(moves_table(version))
    parts.extend(f"[red]conflict:[/] {v}" for v in version.violations)
    return Group(*parts)


def demo_summary(version: TimetableVersion) -> Group:
    """A few lines for `cadre demo`: the headline, the busiest sites, the first reasons."""
    plan = version.plan
    by_site: dict[str, int] = {}
    for p in plan.result.solution.placed:
        site = plan.run(p.run).site
        by_site[site] = by_site.get(site, 0) + 1
    busiest = ", ".join(f"{s} {n}" for s, n in sorted(by_site.items(), key=lambda x: -x[1])[:4])
    causes = Counter(cause_words(left.cause) for left in version.left_out)
    why = "; ".join(f"{words} {n}" for words, n in causes.most_common())
    lines: list[RenderableType] = [headline(version), f"Runs per site: {busiest}."]
    if why:
        lines.append(f"Left out, by cause: {why} (see `cadre schedule show`).")
    return Group(*lines)
