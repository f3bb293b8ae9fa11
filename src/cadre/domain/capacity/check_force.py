"""The independent checker (check.py): the foreign force the runs need (and, in check mode,
the pledges that cover it), the handovers the plan claims, and the advisory floor."""

from __future__ import annotations

from collections import defaultdict

from cadre.domain.capacity.check_runs import ForeignLoad
from cadre.domain.capacity.plan import CapacityPlan
from cadre.domain.capacity.problem import CapacityProblem, PlanMode, RunMode


def foreign_force(
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


def claimed_handovers(problem: CapacityProblem, plan: CapacityPlan, tol: float) -> list[str]:
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


def advisory_floor(problem: CapacityProblem, plan: CapacityPlan, tol: float) -> list[str]:
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
