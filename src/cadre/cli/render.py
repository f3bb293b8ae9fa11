"""Rich renderings of scenarios, for people who read them in a terminal."""

from __future__ import annotations

from collections import Counter

from rich.console import Group
from rich.table import Table

from cadre.domain.scenario import Scenario


def scenario_summary(s: Scenario) -> Group:
    m = s.mission
    title = f"{m.name} ({m.code}), {m.start:%d %b %Y} – {m.end:%d %b %Y}, host {m.host}"
    return Group(
        f"[bold]{title}[/]",
        _sites(s),
        _disciplines(s),
        _courses(s),
        _contributors(s),
        _pledges(s),
    )


def _sites(s: Scenario) -> Table:
    table = Table(title="Sites", title_justify="left")
    for col in ("code", "name", "kind", "region", "rooms", "seats", "holidays"):
        table.add_column(col, justify="right" if col in ("rooms", "seats", "holidays") else "left")
    for site in s.sites:
        table.add_row(
            site.code,
            site.name,
            site.kind.value.replace("_", " "),
            site.region,
            str(len(site.rooms)),
            str(sum(r.capacity for r in site.rooms)),
            str(len(site.holidays)),
        )
    return table


def _disciplines(s: Scenario) -> Table:
    courses = Counter(c.discipline for c in s.courses)
    ladder: dict[str, dict[str, None]] = {}  # each level once, in order: "trainee → instructor"
    for q in sorted(s.qualifications, key=lambda q: q.level.value):
        ladder.setdefault(q.discipline, {})[q.level.label.replace("_", " ")] = None
    demand: Counter[str] = Counter()
    by_code = {c.code: c.discipline for c in s.courses} | {
        q.code: q.discipline for q in s.qualifications
    }
    for want in s.demands:
        demand[by_code.get(want.target, "?")] += want.trained + want.intake
    table = Table(title="Disciplines", title_justify="left")
    for col in ("code", "name", "courses", "instructor ladder", "demand (all years)"):
        table.add_column(
            col, justify="right" if col in ("courses", "demand (all years)") else "left"
        )
    for d in s.disciplines:
        table.add_row(
            d.code,
            d.name,
            str(courses[d.code]),
            " → ".join(ladder.get(d.code, [])),
            f"{demand[d.code]:,}",
        )
    return table


def _courses(s: Scenario) -> Table:
    table = Table(title="Courses", title_justify="left")
    for col in (
        "code",
        "title",
        "level",
        "days",
        "class",
        "instructors",
        "pass",
        "requires",
        "modes",
    ):
        table.add_column(col, justify="right" if col in ("days", "instructors", "pass") else "left")
    for c in s.courses:
        table.add_row(
            c.code,
            c.title,
            c.level.value,
            str(c.duration_days),
            f"{c.min_class_size}–{c.max_class_size}",
            f"{c.instructors_per_run} × {c.instructor_qualification}",
            f"{c.pass_rate:.0%}",
            ", ".join(c.prerequisites),
            ", ".join(sorted(m.value.replace("_", " ") for m in c.delivery_modes)),
        )
    return table


def _contributors(s: Scenario) -> Table:
    pledged: Counter[str] = Counter()
    for p in s.pledges:
        pledged[p.nation] += p.count
    table = Table(title="Contributors", title_justify="left")
    for col in ("code", "name", "role", "pledged", "caveats"):
        table.add_column(col, justify="right" if col in ("pledged", "caveats") else "left")
    caveats = Counter(c.nation for c in s.caveats)
    for c in s.contributors:
        name = f"{c.name} (hypothetical)" if c.hypothetical else c.name
        table.add_row(
            c.code, name, c.role.value, str(pledged[c.code] or ""), str(caveats[c.code] or "")
        )
    return table


def _pledges(s: Scenario) -> Table:
    table = Table(title="Pledges", title_justify="left")
    for col in ("code", "nation", "qualification", "count", "from", "to", "tour", "caveats"):
        table.add_column(col, justify="right" if col in ("count", "tour") else "left")
    for p in s.pledges:
        table.add_row(
            p.code,
            p.nation,
            p.qualification,
            str(p.count),
            f"{p.start:%Y-%m-%d}",
            f"{p.end:%Y-%m-%d}",
            f"{p.tour_months} mo",
            ", ".join(p.caveats),
        )
    return table
