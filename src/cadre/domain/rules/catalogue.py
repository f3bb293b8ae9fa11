"""Rules over the mission, its sites and its catalogue of courses."""

from __future__ import annotations

from collections.abc import Generator, Iterator, Sequence

from cadre.domain.catalogue import Course
from cadre.domain.host import Demand
from cadre.domain.rules.base import Registries, Violation, duplicates, repeated
from cadre.domain.scenario import Scenario


def unique_codes(s: Scenario, _: Registries) -> Iterator[Violation]:
    """Every contributor, site, discipline, qualification, course, ... has its own code."""
    sections: list[tuple[str, str, Sequence[str]]] = [
        ("contributors", "contributor", [c.code for c in s.contributors]),
        ("sites", "site", [c.code for c in s.sites]),
        ("disciplines", "discipline", [c.code for c in s.disciplines]),
        ("qualifications", "qualification", [c.code for c in s.qualifications]),
        ("courses", "course", [c.code for c in s.courses]),
        ("caveats", "caveat", [c.code for c in s.caveats]),
        ("pledges", "pledge", [c.code for c in s.pledges]),
        ("trainers", "trainer", [c.code for c in s.trainers]),
        ("cohorts", "cohort", [c.code for c in s.cohorts]),
    ]
    for path, kind, codes in sections:
        yield from duplicates(codes, path, kind)
    for i, site in enumerate(s.sites):
        for v in duplicates([r.code for r in site.rooms], "rooms", f"room (site {site.code})"):
            yield Violation(("sites", i, *v.path), v.message)


def mission_is_sound(s: Scenario, reg: Registries) -> Iterator[Violation]:
    """The mission ends after it starts, in a real time zone, hosted by a host contributor."""
    m = s.mission
    if m.end <= m.start:
        yield Violation(
            ("mission", "end"), f"mission ends on {m.end}, not after its start {m.start}"
        )
    if m.time_zone not in reg.time_zones:
        yield Violation(("mission", "time_zone"), f"time zone {m.time_zone} is not known")
    hosts = {c.code for c in s.contributors if c.role.value == "host"}
    if m.host not in hosts:
        yield Violation(
            ("mission", "host"),
            f"host {m.host} is not a contributor with the role host",
        )


def contributors_are_real(s: Scenario, reg: Registries) -> Iterator[Violation]:
    """A nation is named by its ISO 3166 alpha-3 code."""
    for i, c in enumerate(s.contributors):
        if c.role.is_nation and c.code not in reg.nations:
            yield Violation(
                ("contributors", i, "code"),
                f"{c.code} is not an ISO 3166 alpha-3 nation code (role {c.role.value})",
            )


def sites_are_sound(s: Scenario, reg: Registries) -> Iterator[Violation]:
    """Sites have a real time zone, a working week, rooms that hold someone, holidays in order."""
    for i, site in enumerate(s.sites):
        if site.time_zone not in reg.time_zones:
            yield Violation(("sites", i, "time_zone"), f"time zone {site.time_zone} is not known")
        if not site.working_week:
            yield Violation(("sites", i, "working_week"), f"site {site.code} has no working day")
        for j, room in enumerate(site.rooms):
            if room.capacity <= 0:
                yield Violation(
                    ("sites", i, "rooms", j, "capacity"),
                    f"room {room.code} at {site.code} must hold at least one person, "
                    f"not {room.capacity}",
                )
        for j, holiday in enumerate(site.holidays):
            if holiday.end < holiday.start:
                yield Violation(
                    ("sites", i, "holidays", j, "end"),
                    f"holiday {holiday.name} ends on {holiday.end}, before it starts on "
                    f"{holiday.start}",
                )


def qualifications_belong(s: Scenario, _: Registries) -> Iterator[Violation]:
    disciplines = {d.code for d in s.disciplines}
    for i, q in enumerate(s.qualifications):
        if q.discipline not in disciplines:
            yield Violation(
                ("qualifications", i, "discipline"),
                f"qualification {q.code} is in discipline {q.discipline}, which is not defined",
            )


def courses_refer_to_known_things(s: Scenario, _: Registries) -> Iterator[Violation]:
    """A course names a known discipline, instructor qualification, granted one, prerequisites."""
    disciplines = {d.code for d in s.disciplines}
    qualifications = {q.code for q in s.qualifications}
    courses = {c.code for c in s.courses}
    for i, c in enumerate(s.courses):
        if c.discipline not in disciplines:
            yield Violation(
                ("courses", i, "discipline"),
                f"course {c.code} is in discipline {c.discipline}, which is not defined",
            )
        if c.instructor_qualification not in qualifications:
            yield Violation(
                ("courses", i, "instructor_qualification"),
                f"course {c.code} needs instructors qualified {c.instructor_qualification}, "
                "which is not a defined qualification",
            )
        if c.grants is not None and c.grants not in qualifications:
            yield Violation(
                ("courses", i, "grants"),
                f"course {c.code} grants {c.grants}, which is not a defined qualification",
            )
        yield from repeated(
            c.prerequisites, ("courses", i, "prerequisites"), f"course {c.code}", "prerequisite"
        )
        for j, pre in enumerate(c.prerequisites):
            if pre not in courses:
                yield Violation(
                    ("courses", i, "prerequisites", j),
                    f"course {c.code} requires {pre}, which is not in the catalogue",
                )
            elif pre == c.code:
                yield Violation(
                    ("courses", i, "prerequisites", j), f"course {c.code} requires itself"
                )


def courses_have_sound_sizes(s: Scenario, _: Registries) -> Iterator[Violation]:
    for i, c in enumerate(s.courses):
        positive = {
            "duration_days": c.duration_days,
            "min_class_size": c.min_class_size,
            "max_class_size": c.max_class_size,
            "instructors_per_run": c.instructors_per_run,
        }
        for name, value in positive.items():
            if value <= 0:
                yield Violation(
                    ("courses", i, name),
                    f"course {c.code}: {name.replace('_', ' ')} must be at least 1, not {value}",
                )
        if 0 < c.max_class_size < c.min_class_size:
            yield Violation(
                ("courses", i, "min_class_size"),
                f"course {c.code}: the smallest class ({c.min_class_size}) is larger than the "
                f"largest ({c.max_class_size})",
            )
        if not 0 < c.pass_rate <= 1:
            yield Violation(
                ("courses", i, "pass_rate"),
                f"course {c.code}: pass rate must be above 0 and at most 1, not {c.pass_rate}",
            )
        if not c.delivery_modes:
            yield Violation(
                ("courses", i, "delivery_modes"), f"course {c.code} has no delivery mode"
            )


def prerequisites_form_no_cycle(s: Scenario, _: Registries) -> Iterator[Violation]:
    """No course can be reached again by following its prerequisites."""
    by_code: dict[str, Course] = {c.code: c for c in s.courses}
    index = {c.code: i for i, c in enumerate(s.courses)}
    reported: set[frozenset[str]] = set()
    for start in s.courses:
        cycle = _cycle_from(start.code, by_code)
        if cycle and frozenset(cycle) not in reported:
            reported.add(frozenset(cycle))
            chain = " → ".join([*cycle, cycle[0]])
            yield Violation(
                ("courses", index[cycle[0]], "prerequisites"),
                f"prerequisites form a cycle: {chain}",
            )


def _cycle_from(code: str, by_code: dict[str, Course]) -> list[str]:
    """The cycle through `code` found by depth-first search, or [] when there is none."""
    trail: list[str] = []
    on_trail: set[str] = set()
    done: set[str] = set()

    def visit(node: str) -> list[str]:
        if node in on_trail:
            return trail[trail.index(node) :]
        if node in done or node not in by_code:
            return []
        trail.append(node)
        on_trail.add(node)
        for pre in by_code[node].prerequisites:
            if pre != node and (found := visit(pre)):
                return found
        trail.pop()
        on_trail.discard(node)
        done.add(node)
        return []

    found = visit(code)
    return found if found and found[0] == code else []


def demand_is_sound(s: Scenario, _: Registries) -> Iterator[Violation]:
    targets = {c.code for c in s.courses} | {q.code for q in s.qualifications}
    dates_sound = s.mission.start < s.mission.end  # else only the mission's dates are reported
    for i, d in enumerate(s.demands):
        if d.target not in targets:
            yield Violation(
                ("demands", i, "target"),
                f"demand of {d.organisation} is for {d.target}, which is neither a course nor "
                "a qualification",
            )
        yield from _demand_count(i, d)
        period = yield from _demand_period(i, d)
        if dates_sound and period:
            yield from _demand_in_time(s, i, d)


def _demand_count(i: int, d: Demand) -> Iterator[Violation]:
    if d.trained and d.intake:
        yield Violation(
            ("demands", i, "intake"),
            f"demand of {d.organisation} for {d.target} gives both trained (graduates) and "
            "intake (entrants starting); give one",
        )
    elif d.intake < 0 or (not d.intake and d.trained <= 0):
        which, value = ("intake", d.intake) if d.intake else ("trained", d.trained)
        yield Violation(
            ("demands", i, which),
            f"demand of {d.organisation} for {d.target} must be at least 1, not {value}",
        )


def _demand_period(i: int, d: Demand) -> Generator[Violation, None, bool]:
    """Whether the period is one: a quarter 1–4 or a month 1–12, not both."""
    sound = True
    if d.quarter is not None and d.month is not None:
        sound = False
        yield Violation(
            ("demands", i, "month"),
            f"demand for {d.target} in {d.year} names both quarter {d.quarter} and month "
            f"{d.month}; name one",
        )
    if d.quarter is not None and not 1 <= d.quarter <= 4:
        sound = False
        yield Violation(("demands", i, "quarter"), f"a quarter is 1 to 4, not {d.quarter}")
    if d.month is not None and not 1 <= d.month <= 12:
        sound = False
        yield Violation(("demands", i, "month"), f"a month is 1 to 12, not {d.month}")
    return sound


def _demand_in_time(s: Scenario, i: int, d: Demand) -> Iterator[Violation]:
    """A year must be one of the mission's; a quarter or a month must meet the months planned
    (the mission's, cut to the planning horizon when one is set)."""
    if d.months == (1, 12):
        first, last = s.mission.start.year, s.mission.end.year
        if not first <= d.year <= last:
            yield Violation(
                ("demands", i, "year"),
                f"demand for {d.target} in {d.year} falls outside the mission ({first}–{last})",
            )
        return
    start = s.mission.start.year * 12 + s.mission.start.month - 1
    end = s.mission.end.year * 12 + s.mission.end.month - 1
    if s.planning.horizon_months:
        end = min(end, start + s.planning.horizon_months - 1)
    first, last = (d.year * 12 + m - 1 for m in d.months)
    if last < start or first > end:
        span = f"{start // 12}-{start % 12 + 1:02d} to {end // 12}-{end % 12 + 1:02d}"
        yield Violation(
            ("demands", i, "month" if d.month else "quarter"),
            f"demand for {d.target} in {d.period} falls outside the months planned ({span})",
        )
