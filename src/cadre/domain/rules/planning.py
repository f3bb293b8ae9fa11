"""Rules over the planning figures: rates within bounds, and inputs that name known things."""

from __future__ import annotations

from collections.abc import Iterator

from cadre.domain.catalogue import DeliveryMode
from cadre.domain.rules.base import Registries, Violation
from cadre.domain.scenario import Scenario
from cadre.domain.uncertain_inputs import UncertainInput

MAX_HORIZON_MONTHS = 120


def planning_figures_are_sound(s: Scenario, _: Registries) -> Iterator[Violation]:
    p = s.planning
    rates = {
        "attrition_per_month": (p.attrition_per_month, 0.0, False, "at least 0 and below 1"),
        "handover_tolerance": (p.handover_tolerance, 0.0, False, "at least 0 and below 1"),
        "master_attrition_per_month": (
            p.master_attrition_per_month,
            0.0,
            False,
            "at least 0 and below 1",
        ),
        "vetting_yield": (p.vetting_yield, 0.0, True, "above 0 and at most 1"),
        "teaching_fraction": (p.teaching_fraction, 0.0, True, "above 0 and at most 1"),
        "foreign_teaching_fraction": (
            p.foreign_teaching_fraction,
            0.0,
            True,
            "above 0 and at most 1",
        ),
        "instructor_selection_rate": (
            p.instructor_selection_rate,
            0.0,
            True,
            "above 0 and at most 1",
        ),
    }
    for name, (value, low, upper_inclusive, wording) in rates.items():
        above = value >= low if wording.startswith("at least") else value > low
        below = value <= 1 if upper_inclusive else value < 1
        if not (above and below):
            yield Violation(
                ("planning", name), f"{name.replace('_', ' ')} must be {wording}, not {value}"
            )
    if p.certification_lag_months < 0:
        yield Violation(
            ("planning", "certification_lag_months"),
            f"certification lag must be 0 months or more, not {p.certification_lag_months}",
        )
    if p.mentor_ratio < 1:
        yield Violation(
            ("planning", "mentor_ratio"),
            f"one mentor must mentor at least 1 host instructor, not {p.mentor_ratio}",
        )
    if p.horizon_months is not None and not 1 <= p.horizon_months <= MAX_HORIZON_MONTHS:
        yield Violation(
            ("planning", "horizon_months"),
            f"the horizon must be 1 to {MAX_HORIZON_MONTHS} months, not {p.horizon_months}",
        )
    for name in ("cost_per_foreign_instructor_month", "cost_per_out_of_country_seat"):
        if getattr(p, name) < 0:
            yield Violation(("planning", name), f"{name.replace('_', ' ')} cannot be negative")
    if p.handover_sustained_months < 1:
        yield Violation(("planning", "handover_sustained_months"), "a handover must hold 1 month")
    if p.new_instructors_per_school_month <= 0:
        yield Violation(
            ("planning", "new_instructors_per_school_month"),
            "a school must be able to absorb some new instructors",
        )
    for i, shock in enumerate(p.attrition_shocks):
        if not 0 <= shock.share <= 1:
            yield Violation(
                ("planning", "attrition_shocks", i, "share"),
                f"a shock's share must be 0 to 1, not {shock.share}",
            )
    for i, budget in enumerate(p.budget_per_year):
        if budget.amount <= 0:
            yield Violation(
                ("planning", "budget_per_year", i, "amount"),
                f"the budget of {budget.year} must be above 0, not {budget.amount}",
            )


def planning_inputs_are_known(s: Scenario, _: Registries) -> Iterator[Violation]:
    sites = {site.code for site in s.sites}
    courses = {c.code: c for c in s.courses}
    senders = {c.code for c in s.contributors if c.role.sends_trainers}
    first, last = s.mission.start.year, s.mission.end.year
    p = s.planning
    disciplines = {d.code for d in s.disciplines}
    for i, target in enumerate(p.handover_by):
        if target.discipline not in disciplines:
            yield Violation(
                ("planning", "handover_by", i, "discipline"),
                f"a handover is wanted for {target.discipline}, which is not a discipline",
            )
    for i, w in enumerate(p.mobile_team_windows):
        if w.end < w.start:
            yield Violation(
                ("planning", "mobile_team_windows", i, "end"),
                f"the mobile-team window ends on {w.end}, before it starts on {w.start}",
            )
        if w.site is not None and w.site not in sites:
            yield Violation(
                ("planning", "mobile_team_windows", i, "site"),
                f"the mobile-team window is at site {w.site}, which is not defined",
            )
    for i, offer in enumerate(p.out_of_country_seats):
        where = ("planning", "out_of_country_seats", i)
        if offer.nation not in senders:
            yield Violation(
                (*where, "nation"),
                f"seats offered by {offer.nation}, which is not an ally or partner",
            )
        course = courses.get(offer.course)
        if course is None:
            yield Violation(
                (*where, "course"),
                f"seats offered on {offer.course}, which is not in the catalogue",
            )
        elif DeliveryMode.OUT_OF_COUNTRY not in course.delivery_modes:
            yield Violation(
                (*where, "course"),
                f"seats are offered on {offer.course}, which is not taught out of country",
            )
        if offer.seats <= 0:
            yield Violation(
                (*where, "seats"), f"seats offered must be at least 1, not {offer.seats}"
            )
        if s.mission.start < s.mission.end and not first <= offer.year <= last:
            yield Violation(
                (*where, "year"),
                f"seats are offered for {offer.year}, outside the mission ({first}–{last})",
            )
    for i, g in enumerate(p.initial_graduates):
        if g.course not in courses:
            yield Violation(
                ("planning", "initial_graduates", i, "course"),
                f"initial graduates are given for {g.course}, which is not in the catalogue",
            )
        if g.count < 0:
            yield Violation(
                ("planning", "initial_graduates", i, "count"),
                f"initial graduates of {g.course} cannot be negative, not {g.count}",
            )


def site_disciplines_are_known(s: Scenario, _: Registries) -> Iterator[Violation]:
    disciplines = {d.code for d in s.disciplines}
    for i, site in enumerate(s.sites):
        for name in sorted(site.disciplines - disciplines):
            yield Violation(
                ("sites", i, "disciplines", name),
                f"site {site.code} teaches discipline {name}, which is not defined",
            )


def uncertainty_is_sound(s: Scenario, _: Registries) -> Iterator[Violation]:
    """Each stated distribution is usable and draws only figures the plan can take: shares and
    attrition within 0..1, the pass-rate factor above 0."""
    for name in UncertainInput:
        stated = getattr(s.uncertainty, name.value)
        if stated is None:
            continue
        top = None if name is UncertainInput.PASS_RATE else 1.0
        problems = stated.problems()
        if stated.low < 0 or (name is UncertainInput.PASS_RATE and stated.low <= 0):
            problems.append(f"low must be above 0, not {stated.low}")
        if top is not None and stated.high > top:
            problems.append(f"high must be at most 1, not {stated.high}")
        for problem in problems:
            yield Violation(("uncertainty", name.value), f"{name.value}: {problem}")
