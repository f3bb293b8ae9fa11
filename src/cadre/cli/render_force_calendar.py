"""Rich renderings of the relief calendar and of the statement of requirements with its
history."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group
from rich.table import Table

from cadre.cli.render_force import table_of
from cadre.cli.words import count, verb
from cadre.domain.force.rotations import RotationPlan
from cadre.domain.requirements import LineEvent, RequirementLine


def relief_calendar(plan: RotationPlan, line: str | None, nation: str | None) -> Group:
    def wanted(number: str, nations: Sequence[str]) -> bool:
        return (line is None or number == line) and (nation is None or nation in nations)

    reliefs = table_of(
        f"Relief calendar (planned overlap {count(plan.overlap_days, 'day')})",
        "arrives",
        "line",
        "post",
        "outgoing",
        "until",
        "incoming",
        "from",
        "handover days",
        right=("post", "handover days"),
    )
    for r in plan.reliefs:
        out, into = r.outgoing, r.incoming
        if not wanted(into.line, (out.nation, into.nation)):
            continue
        days = str(r.handover_days) + (f" [red](short by {r.short_by})[/]" if r.short_by else "")
        reliefs.add_row(
            f"{r.arrives}",
            into.line,
            str(into.post),
            f"{out.nation} {out.offer}",
            f"{out.end}",
            f"{into.nation} {into.offer}",
            f"{into.start}",
            days,
        )
    gaps = table_of(
        "Tours ending with no relief",
        "line",
        "post",
        "tour ends",
        "nation",
        "offer",
        "empty from",
        "empty until",
        "months",
        right=("post", "months"),
    )
    for g in plan.unrelieved:
        assert g.after is not None
        if wanted(g.line, (g.after.nation,)):
            gaps.add_row(
                g.line,
                str(g.post),
                f"{g.after.end}",
                g.after.nation,
                g.after.offer,
                f"{g.start}",
                f"{g.end}",
                str(g.months),
            )
    never = [g for g in plan.gaps if g.after is None and (line is None or g.line == line)]
    note = (
        f"Besides, {count(len(never), 'post')} {verb(len(never), 'is', 'are')} empty from the "
        "day their line opens (see status)."
    )
    return Group(reliefs, gaps, note if never and nation is None else "")


def lines_table(lines: Sequence[RequirementLine]) -> Table:
    table = table_of(
        "Statement of requirements",
        "line",
        "title",
        "kind",
        "qualification",
        "rank",
        "where",
        "mode",
        "from",
        "to",
        "posts",
        "criticality",
        right=("posts",),
    )
    for x in lines:
        table.add_row(
            x.number,
            x.title,
            x.kind.value.replace("_", " "),
            x.qualification,
            str(x.rank_band),
            x.place,
            x.mode.value.replace("_", " "),
            f"{x.start}",
            f"{x.end}",
            str(x.count),
            x.criticality.value,
        )
    return table


def history_table(number: str, events: Sequence[LineEvent]) -> Table:
    table = table_of(f"History of line {number}", "when (UTC)", "what", "detail", "source")
    for e in events:
        table.add_row(f"{e.at:%Y-%m-%d %H:%M}", e.action, e.detail, e.source)
    return table
