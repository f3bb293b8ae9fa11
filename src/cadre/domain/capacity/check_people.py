"""The independent checker (check.py): the people the runs make — graduates against the
demand, the pools of prerequisite graduates, the host cadre, its mentors and its load."""

from __future__ import annotations

from collections.abc import Callable

from cadre.domain.capacity.check_runs import over
from cadre.domain.capacity.plan import CapacityPlan
from cadre.domain.capacity.problem import CapacityProblem

Series = dict[str, list[float]]


def demand_met(
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
        if d.intake and over(made, d.trained, tol):
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


def pools_kept(
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


def host_cadre(
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
            if fresh and absorbed is not None and over(certified, absorbed, tol):
                found.append(f"{certified:.2f} new {q} instructors in month {t}, above {absorbed}")
            found += experience(problem, plan, q, t, history, initial.get(q, 0.0), tol)
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


def experience(
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
    if over(mentoring, problem.host_teaching_fraction * base, tol):
        return [f"{mentoring:.2f} host {q} mentors in month {t}, only {base:.2f} experienced"]
    return []
