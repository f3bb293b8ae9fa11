"""Rules over the course runs a scenario lists for the timetable."""

from __future__ import annotations

from collections.abc import Iterator

from cadre.domain.rules.base import Registries, Violation, duplicates
from cadre.domain.scenario import Scenario
from cadre.domain.sites import SiteKind


def runs_are_sound(s: Scenario, _: Registries) -> Iterator[Violation]:
    """Run codes are unique; each run names a course, an in-theatre site that teaches it and
    a cohort of the scenario, ends after it starts within the mission, in a mode of the course."""
    yield from duplicates([r.code for r in s.runs], "runs", "run")
    courses = {c.code: c for c in s.courses}
    sites = {site.code: site for site in s.sites}
    cohorts = {c.code for c in s.cohorts}
    for i, r in enumerate(s.runs):
        course, site = courses.get(r.course), sites.get(r.site)
        if course is None:
            yield Violation(
                ("runs", i, "course"), f"run {r.code}: course {r.course} is not defined"
            )
        if site is None:
            yield Violation(("runs", i, "site"), f"run {r.code}: site {r.site} is not defined")
        elif site.kind is SiteKind.ABROAD:
            yield Violation(("runs", i, "site"), f"run {r.code}: {r.site} is abroad")
        elif course is not None and not site.teaches(course.discipline):
            yield Violation(
                ("runs", i, "site"), f"run {r.code}: {r.site} does not teach {course.discipline}"
            )
        if r.cohort is not None and r.cohort not in cohorts:
            yield Violation(
                ("runs", i, "cohort"), f"run {r.code}: cohort {r.cohort} is not defined"
            )
        if r.latest < r.earliest:
            yield Violation(
                ("runs", i, "latest"), f"run {r.code} must end by {r.latest}, before {r.earliest}"
            )
        if r.earliest < s.mission.start or r.latest > s.mission.end:
            yield Violation(
                ("runs", i, "earliest"),
                f"run {r.code} falls outside the mission ({s.mission.start}–{s.mission.end})",
            )
        if course is not None and r.mode not in course.delivery_modes:
            yield Violation(
                ("runs", i, "mode"), f"run {r.code}: {r.course} is not taught {r.mode.value}"
            )
        if r.class_size is not None and r.class_size <= 0:
            yield Violation(("runs", i, "class_size"), f"run {r.code} needs a class of at least 1")
