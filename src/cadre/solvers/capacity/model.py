"""The multi-period linear programme of train-the-trainer capacity.

Runs are continuous at this strategic level. Each family of rows says one rule:
- class:    entrants fit the runs started (at least the minimum, at most the seats);
- site:     runs under way at a site fit its rooms, scaled by its working days that month;
- demand:   graduates in a year, quarter or month (or entrants starting in it, for an intake),
            plus the shortfall, reach what the host asked for; an intake caps its entrants;
- cadre:    certified host instructors = last month's, less attrition (per rung, and shocks),
            plus those certified now (selected, vetted, after the supervised months);
- host:     host-led teaching and host mentoring fit the host cadre's teaching time;
- mentor:   newly certified host instructors are mentored by foreign or host instructors, host
            mentors only from those with `mentoring_experience` months (experience);
- absorb:   a qualification's schools take in at most so many new instructors a month;
- pool:     entrants to a course come from graduates of its prerequisites not yet enrolled;
- force:    the foreign requirement is the teaching of foreign-led runs plus foreign mentoring
            (the advisory floor is added beside it: domain/capacity/handover.py);
- turbulence: a discipline's foreign force changes month to month by up − down (charged);
- supply:   (check mode) foreign teaching comes from pledges allowed there by their caveats;
- pledge:   (check mode) a pledge's people cannot teach more than its person-months;
- seats:    out-of-country entrants fit the seats nations offer that year;
- budget:   a year's foreign instructor-months and seats abroad fit its budget.

The columns are in vars.py.
"""

from __future__ import annotations

from collections import defaultdict

from cadre.domain.capacity.problem import CapacityProblem, PlanMode, RunMode
from cadre.solvers.capacity.demand import demand_terms, fix_past, past_graduates
from cadre.solvers.capacity.lp import INF
from cadre.solvers.capacity.vars import (
    CapacityModel,
    abroad_starting,
    add_columns,
    graduates,
    teaching,
)


def build_model(problem: CapacityProblem) -> CapacityModel:
    m = CapacityModel(problem, courses={c.code: c for c in problem.courses})
    add_columns(m)
    _class_rows(m)
    _site_rows(m)
    _demand_rows(m)
    _cadre_rows(m)
    _pool_rows(m)
    _force_rows(m)
    if problem.mode == PlanMode.CHECK:
        _supply_rows(m)
    _seat_rows(m)
    _budget_rows(m)
    fix_past(m)
    # The total shortfall, bounded later to keep stage one's answer while other goals are met.
    m.shortfall_row = m.lp.row(((c, 1.0) for c in m.shortfall.values()), -INF, INF, ("total", 0))
    return m


def _class_rows(m: CapacityModel) -> None:
    by_start: dict[tuple[str, int], list[tuple[int, str, RunMode]]] = defaultdict(list)
    for (code, t, site, mode), col in m.runs.items():
        by_start[code, t].append((col, site, mode))
    for c in m.problem.courses:
        seats = dict(c.sites)
        for t in range(m.horizon - c.months + 1):
            if (c.code, t) not in m.entrants:
                continue
            runs = by_start.get((c.code, t), [])
            n = m.entrants[c.code, t]
            m.lp.row(
                [(n, 1.0)] + [(col, -float(seats[site])) for col, site, _ in runs],
                -INF,
                0.0,
                ("class_max", (c.code, t)),
            )
            m.lp.row(
                [(n, 1.0)] + [(col, -float(c.min_class)) for col, _, _ in runs],
                0.0,
                INF,
                ("class_min", (c.code, t)),
            )


def _site_rows(m: CapacityModel) -> None:
    occupancy = {c.code: c.occupancy for c in m.problem.courses}
    under_way: dict[tuple[str, int], list[tuple[int, float]]] = defaultdict(list)
    for (code, t, site, _), col in m.runs.items():
        for k, share in enumerate(occupancy[code]):
            under_way[site, t + k].append((col, share))
    for s in m.problem.sites:
        for t in range(m.horizon):
            terms = under_way.get((s.code, t))
            if terms:
                m.lp.row(terms, -INF, s.rooms * s.availability[t], ("site", (s.code, t)))


def _demand_rows(m: CapacityModel) -> None:
    """Graduates in the period (or entrants starting in it, for an intake) plus the shortfall
    reach the demand; an intake also caps the entrants: the host releases no more than that."""
    for i, d in enumerate(m.problem.demands):
        counted = demand_terms(m, d)
        wanted = float(d.trained) - past_graduates(m, d)
        m.lp.row([(m.shortfall[i], 1.0), *counted], wanted, INF, ("demand", i))
        if d.intake and counted:
            m.lp.row(counted, -INF, float(d.trained), ("intake", i))


def _cadre_rows(m: CapacityModel) -> None:
    p, lag = m.problem, m.problem.certification_lag
    granting: dict[str, list[str]] = defaultdict(list)
    for c in p.courses:
        if c.grants:
            granting[c.grants].append(c.code)
    initial = dict(p.initial_cadre)
    absorbed = dict(p.absorption)
    actual = {(q, t): n for q, t, n in p.actual_cadre}
    for q in p.cadre_qualifications:
        for t in range(m.horizon):
            terms = [(m.cadre[q, t], 1.0)]
            if t > 0:
                terms.append((m.cadre[q, t - 1], -p.survival(q, t)))
            certified = [
                (col, a * m.courses[code].selection_rate)
                for code in granting[q]
                for col, a in graduates(m, code, t - lag - 1)
            ]
            terms.extend((col, -a) for col, a in certified)
            fixed = initial.get(q, 0.0) if t == 0 else 0.0
            if t < p.replan_from:  # history: the records' level, however it came about
                terms, fixed = [(m.cadre[q, t], 1.0)], actual.get((q, t), fixed)
            m.lp.row(terms, fixed, fixed, ("cadre", (q, t)))
            if certified and q in absorbed and not p.certified_from_history(q, t):
                # the schools that teach with q take in only so many new instructors a month
                m.lp.row(certified, -INF, absorbed[q], ("absorb", (q, t)))
            # Graduates supervised in their first `lag` months need a mentor each `ratio`.
            mentees = [
                (col, -a * m.courses[code].selection_rate / p.mentor_ratio)
                for k in range(lag)
                for code in granting[q]
                for col, a in graduates(m, code, t - k - 1)
            ]
            if mentees:
                m.lp.row(
                    [(m.foreign_mentoring[q, t], 1.0), (m.host_mentoring[q, t], 1.0), *mentees],
                    0.0,
                    INF,
                    ("mentor", (q, t)),
                )
                _experience_row(m, q, t, initial.get(q, 0.0))
            else:
                m.lp.upper[m.host_mentoring[q, t]] = 0.0  # no one to mentor
    host_teaching: dict[tuple[str, int], list[tuple[int, float]]] = defaultdict(list)
    for (code, t, _, mode), col in m.runs.items():
        if mode == RunMode.HOST:
            c = m.courses[code]
            for k, share in enumerate(c.occupancy):
                host_teaching[c.instructor_qualification, t + k].append(
                    (col, share * c.instructors)
                )
    for q in p.cadre_qualifications:
        for t in range(m.horizon):
            terms = [
                *host_teaching.get((q, t), []),
                (m.host_mentoring[q, t], 1.0),
                (m.cadre[q, t], -p.host_teaching_fraction),
            ]
            m.lp.row(terms, -INF, 0.0, ("host", (q, t)))


def _experience_row(m: CapacityModel, q: str, t: int, initial: float) -> None:
    """Host mentoring only by instructors certified `mentoring_experience` months ago or more:
    those of month t−E still there in t (the initial cadre counts as experienced)."""
    p, e = m.problem, m.problem.mentoring_experience
    if e <= 0:
        return
    survived = 1.0
    for k in range(max(0, t - e) + 1, t + 1):
        survived *= p.survival(q, k)
    if t - e >= 0:
        experienced: list[tuple[int, float]] = [
            (m.cadre[q, t - e], -p.host_teaching_fraction * survived)
        ]
        m.lp.row([(m.host_mentoring[q, t], 1.0), *experienced], -INF, 0.0, ("experience", (q, t)))
    else:
        limit = p.host_teaching_fraction * initial * survived
        m.lp.row([(m.host_mentoring[q, t], 1.0)], -INF, limit, ("experience", (q, t)))


def _pool_rows(m: CapacityModel) -> None:
    """Entrants to B at t ≤ what graduates of each prerequisite A left in the pool by then."""
    p = m.problem
    initial = dict(p.initial_graduates)
    for b in p.courses:
        for a in b.prerequisites:
            previous: int | None = None
            for t in range(m.horizon):
                pool = m.lp.variable()
                terms = [(pool, 1.0)]
                if previous is not None:
                    terms.append((previous, -(1.0 - p.attrition)))
                terms.extend((col, -g) for col, g in graduates(m, a, t - 1))
                if (b.code, t) in m.entrants:
                    terms.append((m.entrants[b.code, t], 1.0))
                terms.extend((col, 1.0) for col in abroad_starting(m, b.code, t))
                start = initial.get(a, 0.0) if t == 0 else 0.0
                m.lp.row(terms, start, start, ("pool", (a, b.code, t)))
                previous = pool


def _force_rows(m: CapacityModel) -> None:
    by_month: dict[tuple[str, int], list[tuple[int, float]]] = defaultdict(list)
    for (q, _, _, t), terms in teaching(m).items():
        by_month[q, t].extend(terms)
    for q in m.problem.cadre_qualifications:
        for t in range(m.horizon):
            terms = [(m.force[q, t], 1.0), (m.foreign_mentoring[q, t], -1.0)]
            terms.extend((col, -a) for col, a in by_month.get((q, t), []))
            m.lp.row(terms, 0.0, 0.0, ("force", (q, t)))
            m.lp.row([(m.peak[q], 1.0), (m.force[q, t], -1.0)], 0.0, INF, ("peak", (q, t)))
    _turbulence_rows(m)


def _turbulence_rows(m: CapacityModel) -> None:
    """Each discipline's foreign force this month less last month's = up − down; the
    objective charges both (rotations are 4–12 months: people do not come for one month).
    Only the aggregate per discipline, so the model grows by two columns a discipline-month."""
    p = m.problem
    of: dict[str, set[str]] = defaultdict(set)
    for c in p.courses:
        if c.instructor_qualification in p.cadre_qualifications:
            of[c.discipline].add(c.instructor_qualification)
    for discipline, qualifications in of.items():
        for t in range(1, m.horizon):
            up, down = m.lp.variable(), m.lp.variable()
            m.turbulence[discipline, t] = (up, down)
            terms = [(m.force[q, t], 1.0) for q in qualifications]
            terms += [(m.force[q, t - 1], -1.0) for q in qualifications]
            m.lp.row([*terms, (up, -1.0), (down, 1.0)], 0.0, 0.0, ("turbulence", (discipline, t)))


def _supply_rows(m: CapacityModel) -> None:
    p, lp = m.problem, m.lp
    for q in p.cadre_qualifications:
        m.extra[q] = lp.variable(0.0, 0.0)
    for (q, site, mode, t), terms in teaching(m).items():
        cover = [
            (lp.variable(), s.pledge)
            for s in p.supplies
            if s.fills(q) and site in s.sites and mode in s.modes and s.available[t] > 0
        ]
        for col, pledge in cover:
            m.assigned[pledge, t, site, mode, q] = col
        phantom = lp.variable()
        m.assigned[f"+{q}", t, site, mode, q] = phantom
        lp.row(
            [*terms, *((col, -1.0) for col, _ in cover), (phantom, -1.0)],
            -INF,
            0.0,
            ("supply", (q, site, mode.value, t)),
        )
    for q in p.cadre_qualifications:
        for t in range(m.horizon):
            mentors: list[tuple[int, float]] = []
            for s in p.supplies:
                if s.fills(q) and s.available[t] > 0:
                    col = lp.variable()
                    m.assigned[s.pledge, t, None, None, q] = col
                    mentors.append((col, -1.0))
            phantom = lp.variable()
            m.assigned[f"+{q}", t, None, None, q] = phantom
            lp.row(
                [(m.foreign_mentoring[q, t], 1.0), *mentors, (phantom, -1.0)],
                -INF,
                0.0,
                ("supply", (q, None, None, t)),
            )
    by_pledge: dict[tuple[str, int], list[tuple[int, float]]] = defaultdict(list)
    for (pledge, t, _, _, _), col in m.assigned.items():
        by_pledge[pledge, t].append((col, 1.0))
    available = {s.pledge: s.available for s in p.supplies}
    for (pledge, t), terms in by_pledge.items():
        if pledge.startswith("+"):
            # One more instructor of the qualification, anywhere, every month: its value is the
            # dual of the extra column, which is held at zero.
            lp.row([*terms, (m.extra[pledge[1:]], -1.0)], -INF, 0.0, ("extra", (pledge, t)))
        else:
            lp.row(terms, -INF, available[pledge][t], ("pledge", (pledge, t)))


def _seat_rows(m: CapacityModel) -> None:
    for j, seat in enumerate(m.problem.seats):
        terms = [(col, 1.0) for (_, _, jj), col in m.abroad.items() if jj == j]
        if terms:
            m.lp.row(terms, -INF, float(seat.seats), ("seats", j))


def _budget_rows(m: CapacityModel) -> None:
    p = m.problem
    for year, amount in p.budgets:
        terms = [
            (col, p.cost_per_instructor_month)
            for (_, t), col in m.force.items()
            if p.months[t].year == year
        ]
        terms.extend(
            (col, p.cost_per_seat)
            for (_, t, _), col in m.abroad.items()
            if p.months[t].year == year
        )
        m.lp.row(terms, -INF, amount, ("budget", year))
