"""An independent check of a capacity plan against its problem, sharing no code with the solver.

It recomputes from the planned runs alone what the plan implies (graduates, pools, the host
cadre, instructor loads) and says in a sentence every rule the plan breaks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from cadre.domain.capacity.plan import CapacityPlan
from cadre.domain.capacity.problem import CapacityProblem, PlanMode, RunMode

Series = dict[str, list[float]]
ForeignLoad = dict[tuple[str, str, RunMode, int], float]  # qualification, site, mode, month


def check_capacity_plan(
    problem: CapacityProblem, plan: CapacityPlan, tol: float = 1e-4
) -> list[str]:
    """Every rule the plan breaks, each in a sentence; empty when it keeps them all."""
    loads, found = _under_way(problem, plan, tol)
    found += _rooms_and_classes(problem, plan, loads, tol)
    abroad, broken = _seats_abroad(problem, plan, tol)
    found += broken
    horizon = len(problem.months)

    # Graduates: entrants who pass, in the month their course ends.
    def entrants(code: str, t: int) -> float:
        if t < 0:
            return 0.0
        return plan.trainees.get(code, (0.0,) * horizon)[t] + abroad[code, t]

    grads: Series = {
        c.code: [c.pass_rate * entrants(c.code, t - len(c.occupancy) + 1) for t in range(horizon)]
        for c in problem.courses
    }
    found += _demand(problem, plan, grads, entrants, tol)
    found += _pools(problem, grads, entrants, tol)
    found += _cadre(problem, plan, grads, loads.host, tol)
    found += _force(problem, plan, loads.foreign, tol)
    found += _handovers(problem, plan, tol)
    found += _floor(problem, plan, tol)
    return found


@dataclass
class _Loads:
    """What the runs in the country imply, month by month."""

    rooms: dict[tuple[str, int], float] = field(default_factory=lambda: defaultdict(float))
    host: dict[tuple[str, int], float] = field(default_factory=lambda: defaultdict(float))
    foreign: ForeignLoad = field(default_factory=lambda: defaultdict(float))
    seats: dict[tuple[str, int], float] = field(default_factory=lambda: defaultdict(float))
    minimum: dict[tuple[str, int], float] = field(default_factory=lambda: defaultdict(float))


def _over(value: float, limit: float, tol: float) -> bool:
    return value > limit + tol * max(1.0, abs(limit))


def _under_way(
    problem: CapacityProblem, plan: CapacityPlan, tol: float
) -> tuple[_Loads, list[str]]:
    """What runs are under way, who teaches them, and how many may enter, month by month; with
    what a run breaks on its own (an unknown course, a site or mode it may not use, ...)."""
    horizon = len(problem.months)
    courses = {c.code: c for c in problem.courses}
    sites = {s.code: s for s in problem.sites}
    loads, found = _Loads(), []
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


def _rooms_and_classes(
    problem: CapacityProblem, plan: CapacityPlan, loads: _Loads, tol: float
) -> list[str]:
    """No site holds more runs than its rooms; the entrants fit the classes that start."""
    horizon = len(problem.months)
    sites = {s.code: s for s in problem.sites}
    found = []
    for (site, t), used in loads.rooms.items():
        if t < horizon and _over(used, sites[site].rooms * sites[site].availability[t], tol):
            found.append(f"{site} has {used:.2f} runs under way in month {t}, more than its rooms")
    actual = {(code, t): n for code, t, n in problem.actual_entrants}
    for code, series in plan.trainees.items():
        for t, n in enumerate(series):
            # before `replan_from` the records' entrants ran, whatever the class minimum
            small = t >= problem.replan_from and _over(loads.minimum[code, t], n, tol)
            if _over(n, loads.seats[code, t], tol) or small:
                found.append(f"{n:.2f} enter {code} in month {t}, outside the classes' sizes")
            if t < problem.replan_from and abs(n - actual.get((code, t), 0.0)) > tol * max(1, n):
                found.append(f"{n:.2f} enter {code} in month {t}; the records say otherwise")
    return found


def _seats_abroad(
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
            if _over(used, offered, tol):
                found.append(
                    f"{used:.1f} seats used on {code} with {nation} in {year}, {offered} offered"
                )
        for t, n in enumerate(series):
            abroad[code, t] += n
    return abroad, found


def _demand(
    problem: CapacityProblem,
    plan: CapacityPlan,
    grads: Series,
    enter: Callable[[str, int], float],
    tol: float,
) -> list[str]:
    found = []
    outcomes = {o.key: o for o in plan.outcomes}
    reported = {(code, t): n for code, t, n in problem.actual_graduates}
    past = {code for code, _ in reported}

    def counted(code: str, t: int) -> float:
        if t < problem.replan_from and code in past:
            return reported.get((code, t), 0.0)
        return grads[code][t]

    for d in problem.demands:
        made = sum(
            enter(code, t) if d.intake else counted(code, t)
            for code in d.courses
            for t, m in enumerate(problem.months)
            if d.covers(m)
        )
        if d.intake and _over(made, d.trained, tol):
            found.append(f"{made:.2f} enter {d.target} in {d.period}; {d.trained} released")
        o = outcomes.get(d.key)
        if o is None:
            found.append(f"no outcome is given for {d.target} in {d.year}")
        elif abs(o.graduated - made) > tol * max(1.0, made) or abs(
            o.unmet - max(0.0, d.trained - made)
        ) > tol * max(1.0, d.trained):
            found.append(
                f"{d.target} in {d.year}: plan says {o.graduated:.2f} trained and "
                f"{o.unmet:.2f} unmet; its runs train {made:.2f} of {d.trained}"
            )
    return found


def _pools(
    problem: CapacityProblem, grads: Series, enter: Callable[[str, int], float], tol: float
) -> list[str]:
    found = []
    initial = dict(problem.initial_graduates)
    for b in problem.courses:
        for a in b.prerequisites:
            pool = initial.get(a, 0.0)
            for t in range(len(problem.months)):
                if t > 0:
                    pool = (1 - problem.attrition) * pool + grads[a][t - 1]
                pool -= enter(b.code, t)
                # the past's entrants came from wherever they came (actuals)
                if t >= problem.replan_from and pool < -tol * max(1.0, enter(b.code, t)):
                    found.append(f"more enter {b.code} in month {t} than graduates of {a} remain")
                    break
    return found


def _cadre(
    problem: CapacityProblem,
    plan: CapacityPlan,
    grads: Series,
    host_load: dict[tuple[str, int], float],
    tol: float,
) -> list[str]:
    found = []
    lag = problem.certification_lag
    initial = dict(problem.initial_cadre)
    actual = {(q, t): n for q, t, n in problem.actual_cadre}
    for q in problem.cadre_qualifications:
        makers = [c for c in problem.courses if c.grants == q]
        made = [
            sum(grads[c.code][t] * c.selection_rate for c in makers)
            for t in range(len(problem.months))
        ]
        stock = 0.0
        history: list[float] = []
        absorbed = dict(problem.absorption).get(q)
        for t in range(len(problem.months)):
            stock = initial.get(q, 0.0) if t == 0 else problem.survival(q, t) * stock
            certified = made[t - lag - 1] if t - lag - 1 >= 0 else 0.0
            stock += certified
            if t < problem.replan_from:  # history: the records' level
                stock = actual.get((q, t), stock if t == 0 else 0.0)
            history.append(stock)
            # those certified from runs started before `replan_from` were taken in already
            fresh = not problem.certified_from_history(q, t)
            if fresh and absorbed is not None and _over(certified, absorbed, tol):
                found.append(f"{certified:.2f} new {q} instructors in month {t}, above {absorbed}")
            found += _experience(problem, plan, q, t, history, initial.get(q, 0.0), tol)
            shown = plan.host_cadre[q][t]
            if abs(shown - stock) > tol * max(1.0, stock):
                found.append(
                    f"host cadre {q} in month {t}: plan {shown:.3f}, runs give {stock:.3f}"
                )
                break
            mentees = sum(made[t - k] for k in range(1, lag + 1) if t - k >= 0)
            mentored = plan.foreign_mentoring[q][t] + plan.host_mentoring[q][t]
            if mentees / problem.mentor_ratio > mentored + tol * max(1.0, mentees):
                found.append(f"{mentees:.2f} new {q} instructors in month {t} lack mentors")
            used = host_load[q, t] + plan.host_mentoring[q][t]
            if used > problem.host_teaching_fraction * stock + tol * max(1.0, used):
                found.append(f"host {q} instructors overloaded in month {t}: {used:.2f} needed")
    return found


def _experience(
    problem: CapacityProblem,
    plan: CapacityPlan,
    q: str,
    t: int,
    history: list[float],
    initial: float,
    tol: float,
) -> list[str]:
    """Host mentors in month t are among those certified `mentoring_experience` months before."""
    e = problem.mentoring_experience
    if e <= 0:
        return []
    base = history[t - e] if t >= e else initial
    for k in range(max(0, t - e) + 1, t + 1):
        base *= problem.survival(q, k)
    mentoring = plan.host_mentoring[q][t]
    if _over(mentoring, problem.host_teaching_fraction * base, tol):
        return [f"{mentoring:.2f} host {q} mentors in month {t}, only {base:.2f} experienced"]
    return []


def _force(
    problem: CapacityProblem,
    plan: CapacityPlan,
    load: ForeignLoad,
    tol: float,
) -> list[str]:
    found = []
    by_month: dict[tuple[str, int], float] = defaultdict(float)
    for (q, _, _, t), need in load.items():
        by_month[q, t] += need
    for q in problem.cadre_qualifications:
        for t in range(len(problem.months)):
            need = by_month[q, t] + plan.foreign_mentoring[q][t]
            if need > plan.foreign[q][t] + tol * max(1.0, need):
                found.append(
                    f"{q} in month {t}: {need:.2f} foreign instructors needed, "
                    f"{plan.foreign[q][t]:.2f} in the requirement"
                )
    if problem.mode != PlanMode.CHECK:
        return found
    supplies = {s.pledge: s for s in problem.supplies}
    given: dict[tuple[str, int], float] = defaultdict(float)
    cover: dict[tuple[str, str | None, RunMode | None, int], float] = defaultdict(float)
    for a in plan.assignments:
        s = supplies[a.pledge]
        given[a.pledge, a.month] += a.amount
        if a.site is not None and (a.site not in s.sites or a.mode not in s.modes):
            found.append(f"pledge {a.pledge} teaches at {a.site} ({a.mode}), against its caveats")
        work = a.qualification or s.qualification
        # The ladder's rule (`rung_fills`), as the problem states it for each pledge: its own
        # qualification or a lower rung of the same discipline, nothing else.
        if work != s.qualification and work not in s.covers:
            found.append(f"pledge {a.pledge} of {s.qualification} does the work of {work}")
        cover[work, a.site, a.mode, a.month] += a.amount
    for (pledge, t), amount in given.items():
        if amount > supplies[pledge].available[t] + tol * max(1.0, amount):
            found.append(f"pledge {pledge} gives {amount:.2f} in month {t}, more than it has")
    for (q, site, mode, t), need in load.items():
        if need > cover[q, site, mode, t] + tol * max(1.0, need):
            found.append(
                f"{q} at {site} ({mode.value}) in month {t}: {need:.2f} needed, "
                f"{cover[q, site, mode, t]:.2f} pledged"
            )
    for q in problem.cadre_qualifications:
        for t in range(len(problem.months)):
            need = plan.foreign_mentoring[q][t]
            if need > cover[q, None, None, t] + tol * max(1.0, need):
                found.append(f"{q} mentoring in month {t}: {need:.2f} needed, none pledged")
    return found


def _handovers(problem: CapacityProblem, plan: CapacityPlan, tol: float) -> list[str]:
    """A handover claimed in month h: no demand of the discipline unmet from h's year on, some
    host cadre to teach it, and foreign-led runs within the tolerance for the sustained period."""
    found = []
    horizon = len(problem.months)
    courses = {c.code: c for c in problem.courses}
    for h in plan.handovers:
        if h.month is None:
            continue
        mine = [c for c in problem.courses if c.discipline == h.subject]
        if any(
            o.discipline == h.subject and o.year >= h.month.year and o.unmet > 0.5
            for o in plan.outcomes
        ):
            found.append(f"{h.subject} is handed over in month {h.index} with demand unmet")
        cadre = sum(
            plan.host_cadre.get(q, (0.0,) * horizon)[h.index]
            for q in {c.instructor_qualification for c in mine}
        )
        if cadre <= tol:
            found.append(f"{h.subject} is handed over in month {h.index} with no host cadre")
        end = h.index + problem.handover_sustained
        if end > horizon:
            found.append(f"{h.subject} is handed over in month {h.index}, too late to hold")
        led = [0.0] * horizon
        total = [0.0] * horizon
        for r in plan.runs:
            c = courses[r.course]
            if c.discipline != h.subject or r.mode == RunMode.ABROAD:
                continue
            for k, share in enumerate(c.occupancy):
                if c.host_from <= r.month + k < horizon:  # courses the host may lead then
                    total[r.month + k] += share * c.instructors * r.runs
                    if r.mode.foreign_led:
                        led[r.month + k] += share * c.instructors * r.runs
        for t in range(h.index, min(end, horizon)):
            if led[t] > problem.handover_tolerance * total[t] + tol * max(1.0, total[t]):
                found.append(
                    f"{h.subject} is handed over in month {h.index} but foreign-led runs "
                    f"teach {led[t]:.2f} of {total[t]:.2f} in month {t}"
                )
                break
    return found


def _floor(problem: CapacityProblem, plan: CapacityPlan, tol: float) -> list[str]:
    """Each discipline keeps its advisory and quality-assurance floor until the mission's end
    (or its handover, when the mission ends there)."""
    found = []
    horizon = len(problem.months)
    handed = {h.subject: h.index for h in plan.handovers if h.month is not None}
    for d, _ in problem.disciplines:
        qualifications = {
            c.instructor_qualification
            for c in problem.courses
            if c.discipline == d and c.instructor_qualification in plan.foreign
        }
        if not qualifications:
            continue
        end = min(horizon, problem.mission_end)
        if problem.mission_ends_at_handover:
            end = min(end, handed.get(d, end))
        for t in range(end):
            force = sum(plan.foreign[q][t] for q in qualifications)
            if force < problem.quality_assurance - tol * max(1.0, problem.quality_assurance):
                found.append(
                    f"{d} has {force:.2f} foreign staff in month {t}, below its floor of "
                    f"{problem.quality_assurance}"
                )
                break
    return found
