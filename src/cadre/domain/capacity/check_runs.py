"""The independent checker (check.py), its first part: what the runs in the country imply
month by month (rooms, class sizes, who teaches), read from the plan's runs alone; whole runs
where the plan claims them; seats used abroad."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from cadre.domain.capacity.plan import CapacityPlan
from cadre.domain.capacity.problem import CapacityProblem, RunMode

ForeignLoad = dict[tuple[str, str, RunMode, int], float]  # qualification, site, mode, month


@dataclass
class Loads:
    """What the runs in the country imply, month by month."""

    rooms: dict[tuple[str, int], float] = field(default_factory=lambda: defaultdict(float))
    host: dict[tuple[str, int], float] = field(default_factory=lambda: defaultdict(float))
    foreign: ForeignLoad = field(default_factory=lambda: defaultdict(float))
    seats: dict[tuple[str, int], float] = field(default_factory=lambda: defaultdict(float))
    minimum: dict[tuple[str, int], float] = field(default_factory=lambda: defaultdict(float))


def over(value: float, limit: float, tol: float) -> bool:
    return value > limit + tol * max(1.0, abs(limit))


def under_way(problem: CapacityProblem, plan: CapacityPlan, tol: float) -> tuple[Loads, list[str]]:
    """What runs are under way, who teaches them, and how many may enter, month by month; with
    what a run breaks on its own (an unknown course, a site or mode it may not use, ...)."""
    horizon = len(problem.months)
    courses = {c.code: c for c in problem.courses}
    sites = {s.code: s for s in problem.sites}
    loads, found = Loads(), []
    for r in plan.runs:
        c = courses.get(r.course)
        if c is None:
            found.append(f"runs of {r.course}, which is not a course")
            continue
        if r.runs < -tol:
            found.append(f"{r.runs} runs of {r.course} in month {r.month}")
        if r.mode == RunMode.ABROAD:
            continue  # places on other nations' courses, counted in classes, not runs
        if plan.rounding is not None and abs(r.runs - round(r.runs)) > tol:
            found.append(f"{r.runs} runs of {r.course} in month {r.month}: not whole runs")
        allowed = dict(c.sites)
        if r.site not in allowed or r.mode not in c.modes:
            found.append(f"{r.course} run {r.mode.value} at {r.site}, which it may not be")
            continue
        if r.month + len(c.occupancy) > horizon:
            found.append(f"{r.course} started in month {r.month} ends after the horizon")
        if r.mode == RunMode.MOBILE and not sites[r.site].mobile_months[r.month]:
            found.append(f"a mobile team teaches {r.course} at {r.site} outside its windows")
        loads.seats[r.course, r.month] += allowed[r.site] * r.runs
        loads.minimum[r.course, r.month] += c.min_class * r.runs
        for k, share in enumerate(c.occupancy):
            t = r.month + k
            loads.rooms[r.site, t] += share * r.runs
            if r.mode == RunMode.HOST:
                loads.host[c.instructor_qualification, t] += share * c.instructors * r.runs
            else:
                load = share * c.instructors * r.runs / problem.foreign_teaching_fraction
                loads.foreign[c.instructor_qualification, r.site, r.mode, t] += load
    return loads, found


def rooms_and_classes(
    problem: CapacityProblem, plan: CapacityPlan, loads: Loads, tol: float
) -> list[str]:
    """No site holds more runs than its rooms; the entrants fit the classes that start."""
    horizon = len(problem.months)
    sites = {s.code: s for s in problem.sites}
    found = []
    for (site, t), used in loads.rooms.items():
        if t < horizon and over(used, sites[site].rooms * sites[site].availability[t], tol):
            found.append(f"{site} has {used:.2f} runs under way in month {t}, more than its rooms")
    actual = {(code, t): n for code, t, n in problem.actual_entrants}
    for code, series in plan.trainees.items():
        for t, n in enumerate(series):
            # before `replan_from` the records' entrants ran, whatever the class minimum
            small = t >= problem.replan_from and over(loads.minimum[code, t], n, tol)
            if over(n, loads.seats[code, t], tol) or small:
                found.append(f"{n:.2f} enter {code} in month {t}, outside the classes' sizes")
            if t < problem.replan_from and abs(n - actual.get((code, t), 0.0)) > tol * max(1, n):
                found.append(f"{n:.2f} enter {code} in month {t}; the records say otherwise")
    return found


def seats_abroad(
    problem: CapacityProblem, plan: CapacityPlan, tol: float
) -> tuple[dict[tuple[str, int], float], list[str]]:
    """Entrants abroad per course and month; a nation's seats are not used beyond its offer."""
    abroad: dict[tuple[str, int], float] = defaultdict(float)
    found = []
    for (code, nation), series in plan.abroad.items():
        for year in {m.year for m in problem.months}:
            used = sum(n for t, n in enumerate(series) if problem.months[t].year == year)
            offered = sum(
                s.seats
                for s in problem.seats
                if s.course == code and s.nation == nation and s.year == year
            )
            if over(used, offered, tol):
                found.append(
                    f"{used:.1f} seats used on {code} with {nation} in {year}, {offered} offered"
                )
        for t, n in enumerate(series):
            abroad[code, t] += n
    return abroad, found
