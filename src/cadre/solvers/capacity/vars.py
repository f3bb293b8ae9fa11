"""The columns of the capacity LP, kept by name so that the rows, the stages, the diagnosis and
the extraction of the plan all find them; and the sums of columns they share (graduates of a
course in a month, foreign teaching)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from cadre.domain.capacity.problem import CapacityProblem, CourseSpec, PlanMode, RunMode
from cadre.solvers.capacity.lp import LinearProgramme


@dataclass
class CapacityModel:
    """The LP and its columns by what they mean: runs per course, start month, site and mode;
    entrants; seats used abroad; shortfall per demand; host cadre, mentoring and the foreign
    requirement per qualification and month; pledged people's assignments (check mode)."""

    problem: CapacityProblem
    lp: LinearProgramme = field(default_factory=LinearProgramme)
    runs: dict[tuple[str, int, str, RunMode], int] = field(default_factory=dict)
    entrants: dict[tuple[str, int], int] = field(default_factory=dict)
    abroad: dict[tuple[str, int, int], int] = field(default_factory=dict)  # course, month, seat
    shortfall: dict[int, int] = field(default_factory=dict)  # demand index → column
    cadre: dict[tuple[str, int], int] = field(default_factory=dict)
    foreign_mentoring: dict[tuple[str, int], int] = field(default_factory=dict)
    host_mentoring: dict[tuple[str, int], int] = field(default_factory=dict)
    force: dict[tuple[str, int], int] = field(default_factory=dict)
    peak: dict[str, int] = field(default_factory=dict)
    # a discipline's foreign force changing from one month to the next: up and down
    turbulence: dict[tuple[str, int], tuple[int, int]] = field(default_factory=dict)
    # pledge, month, site and mode (None: mentoring), the qualification whose work it does
    assigned: dict[tuple[str, int, str | None, RunMode | None, str], int] = field(
        default_factory=dict
    )
    extra: dict[str, int] = field(default_factory=dict)  # one more pledged instructor, fixed at 0
    shortfall_row: int = -1
    # (columns abroad when made, course and start month → columns): see abroad_starting
    abroad_index: tuple[int, dict[tuple[str, int], list[int]]] | None = None
    courses: dict[str, CourseSpec] = field(default_factory=dict)

    @property
    def horizon(self) -> int:
        return len(self.problem.months)


def add_columns(m: CapacityModel) -> None:
    """The columns the rules share (the pool and supply rows add their own as they go)."""
    p, lp, horizon = m.problem, m.lp, m.horizon
    sites = {s.code: s for s in p.sites}
    # Host instructors of a qualification exist only if some are there or a course makes them.
    cadre = {q for q, n in p.initial_cadre if n > 0} | {c.grants for c in p.courses if c.grants}
    check = p.mode == PlanMode.CHECK
    for c in p.courses:
        # A run that cannot finish inside the horizon would graduate no one: it is left out.
        for t in range(horizon - c.months + 1):
            if c.modes & {RunMode.RESIDENT, RunMode.MOBILE, RunMode.HOST}:
                m.entrants[c.code, t] = lp.variable()
            for site, _ in c.sites:
                for mode in (RunMode.RESIDENT, RunMode.MOBILE, RunMode.HOST):
                    if mode not in c.modes:
                        continue
                    if mode == RunMode.MOBILE and not sites[site].mobile_months[t]:
                        continue
                    if mode == RunMode.MOBILE and RunMode.RESIDENT in c.modes and not check:
                        continue  # without caveats a resident run does all a mobile one does
                    if mode == RunMode.HOST and (
                        c.instructor_qualification not in cadre or t < c.host_from
                    ):
                        continue
                    m.runs[c.code, t, site, mode] = lp.variable()
            if RunMode.ABROAD in c.modes:
                for j, seat in enumerate(p.seats):
                    if seat.course == c.code and p.months[t].year == seat.year:
                        m.abroad[c.code, t, j] = lp.variable()
    for i, d in enumerate(p.demands):
        m.shortfall[i] = lp.variable(0.0, float(d.trained))
    for q in p.cadre_qualifications:
        m.peak[q] = lp.variable()
        for t in range(horizon):
            m.cadre[q, t] = lp.variable()
            m.foreign_mentoring[q, t] = lp.variable()
            m.host_mentoring[q, t] = lp.variable()
            m.force[q, t] = lp.variable()


def graduates(m: CapacityModel, code: str, t: int) -> list[tuple[int, float]]:
    """Columns and coefficients of the graduates of `code` in month `t`."""
    c = m.courses[code]
    start = t - c.months + 1
    terms: list[tuple[int, float]] = []
    if (code, start) in m.entrants:
        terms.append((m.entrants[code, start], c.pass_rate))
    terms.extend((col, c.pass_rate) for col in abroad_starting(m, code, start))
    return terms


def abroad_starting(m: CapacityModel, code: str, t: int) -> list[int]:
    """Columns of entrants abroad to `code` in month `t`, from an index made once: the rows
    ask for them course by course and month by month, and a scan each time was quadratic."""
    if m.abroad_index is None or m.abroad_index[0] != len(m.abroad):
        index: dict[tuple[str, int], list[int]] = defaultdict(list)
        for (cc, s, _), col in m.abroad.items():
            index[cc, s].append(col)
        m.abroad_index = (len(m.abroad), dict(index))
    return m.abroad_index[1].get((code, t), [])


def teaching(m: CapacityModel) -> dict[tuple[str, str, RunMode, int], list[tuple[int, float]]]:
    """Foreign instructors a month's foreign-led runs take, by qualification, site and mode."""
    p = m.problem
    need: dict[tuple[str, str, RunMode, int], list[tuple[int, float]]] = defaultdict(list)
    for (code, t, site, mode), col in m.runs.items():
        if mode.foreign_led:
            c = m.courses[code]
            for k, share in enumerate(c.occupancy):
                coefficient = share * c.instructors / p.foreign_teaching_fraction
                need[c.instructor_qualification, site, mode, t + k].append((col, coefficient))
    return need
