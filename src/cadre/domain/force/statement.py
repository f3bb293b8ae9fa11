"""The statement of requirements a capacity plan implies: teaching lines where the plan
teaches, with the criticality the scenario gave those posts, and the whole deployed force
beside them (headquarters, advisers, force protection, support; see `whole_force`)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cadre.domain.catalogue import DeliveryMode
from cadre.domain.force.planning import requirements_from_plan, school_for
from cadre.domain.force.whole_force import MissionFrame, whole_force_lines
from cadre.domain.requirements import Criticality, PostKind, RequirementLine
from cadre.domain.scenario import Scenario
from cadre.domain.sites import SiteKind


@dataclass(frozen=True)
class ForeignRuns:
    """Foreign-led runs of a course at a site in a mode (a delivery mode's value)."""

    course: str
    site: str
    mode: str
    runs: float


def plan_statement(
    scenario: Scenario,
    need: Mapping[tuple[str, dt.date], float],
    runs: Sequence[ForeignRuns],
    months: Sequence[dt.date],
    protection_ratio: float | None = None,
) -> tuple[RequirementLine, ...]:
    """Every line a capacity plan's foreign instructor `need` (qualification, month → people)
    implies. Each qualification's posts go where the plan runs most of its foreign-led courses
    (else to the first school teaching its discipline), as mobile teams when most of those runs
    are mobile; mobile teams get their guards (`protection_ratio`, by default the scenario's
    force protection per mobile trainer). Then the whole force over `months`."""
    p = scenario.planning
    ratio = p.force_protection_per_mobile_trainer if protection_ratio is None else protection_ratio
    sites, modes = _placement(scenario, need, runs)
    taught_with = {c.code: c.instructor_qualification for c in scenario.courses}
    qualifications = {q.code: q for q in scenario.qualifications}
    wanted = {q for q, _ in need}
    teaching = requirements_from_plan(
        need,
        sites,
        ratio,
        modes=modes,
        courses={q: [c for c, used in taught_with.items() if used == q] for q in wanted},
        titles={q: qualifications[q].name for q in wanted if q in qualifications},
        criticality=carried_criticality(scenario.requirements),
    )
    written = tuple(line for line in scenario.requirements if stays_beside_plan(line))
    frame = MissionFrame(
        tuple(months), scenario.mission.start, scenario.mission.end, headquarters_site(scenario)
    )
    return (*teaching, *whole_force_lines(teaching, p, frame, written=written))


def stays_beside_plan(line: RequirementLine) -> bool:
    """Whether a line the scenario writes stays when a capacity plan supplies the teaching
    posts: its teaching lines step aside for the plan's, and so do the guards of its mobile
    teams (the plan's teams bring their own); headquarters, advisers, support and guards of a
    site stay."""
    return line.kind is not PostKind.TEACHING and line.protects is None


def carried_criticality(lines: Sequence[RequirementLine]) -> dict[str, Criticality]:
    """The criticality the scenario's own teaching lines give each qualification (the highest
    when several lines ask for it): the plan's posts of that qualification keep it."""
    levels: dict[str, Criticality] = {}
    for line in lines:
        if line.kind is PostKind.TEACHING:
            held = levels.get(line.qualification)
            if held is None or line.criticality.priority < held.priority:
                levels[line.qualification] = line.criticality
    return levels


def headquarters_site(scenario: Scenario) -> str:
    """The mission's headquarters: its site of kind headquarters, else its first site at home."""
    home = [s for s in scenario.sites if s.kind is not SiteKind.ABROAD]
    for site in home:
        if site.kind is SiteKind.HEADQUARTERS:
            return site.code
    return home[0].code if home else "-"


def _placement(
    scenario: Scenario, need: Mapping[tuple[str, dt.date], float], runs: Sequence[ForeignRuns]
) -> tuple[dict[str, str], dict[str, DeliveryMode]]:
    taught_with = {c.code: c.instructor_qualification for c in scenario.courses}
    qualifications = {q.code: q for q in scenario.qualifications}
    weight: dict[str, dict[tuple[str, str], float]] = defaultdict(lambda: defaultdict(float))
    for run in runs:
        q = taught_with.get(run.course)
        if q and run.mode in (DeliveryMode.RESIDENT, DeliveryMode.MOBILE_TRAINING_TEAM):
            weight[q][run.site, run.mode] += run.runs
    sites: dict[str, str] = {}
    modes: dict[str, DeliveryMode] = {}
    for q, _ in need:
        if weight[q]:
            by_site: dict[str, float] = defaultdict(float)
            for (site, _), amount in weight[q].items():
                by_site[site] += amount
            sites[q] = max(sorted(by_site), key=by_site.__getitem__)
            mobile = sum(a for (_, m), a in weight[q].items() if m == "mobile_training_team")
            if mobile > sum(weight[q].values()) / 2:
                modes[q] = DeliveryMode.MOBILE_TRAINING_TEAM
        else:
            sites[q] = school_for(qualifications.get(q), scenario.sites) or "-"
    return sites, modes
