"""Force generation use cases: match the offers on the table to the statement of requirements,
report fill, shortfalls and caveats, build the relief calendar, and keep the result as a plan
version of kind "force" with the scenario it came from."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pathlib
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from cadre.domain.errors import InvalidInput, NotFound
from cadre.domain.fingerprint import canonical, fingerprint
from cadre.domain.force.caveats import CaveatBlock, CaveatImpact, caveat_blocks, caveat_impact
from cadre.domain.force.fill import FillReport, fill_report
from cadre.domain.force.offers import Offer, offer_from_pledge
from cadre.domain.force.problem import ForcePlan, ForceProblem
from cadre.domain.force.rotations import RotationPlan, rotation_plan
from cadre.domain.force.shortfalls import Shortfall, shortfalls
from cadre.domain.force.statement import ForeignRuns, plan_statement, stays_beside_plan
from cadre.domain.months import months_of
from cadre.domain.planning import SolveResult
from cadre.domain.requirements import RequirementLine
from cadre.domain.scenario import Scenario
from cadre.interchange.convert import to_json_document
from cadre.interchange.force_export import write_fill_report
from cadre.interchange.force_plots import write_force_plots
from cadre.services.plans.operations import Adoption, adopt_if_sound
from cadre.services.unit_of_work import UnitOfWork
from cadre.solvers.force.matching import solve_force
from cadre.storage import force_plans, plans
from cadre.storage.force_lines import (
    LineSync,
    adopted_plan,
    line_sources,
    load_lines,
    sync_lines,
)
from cadre.storage.force_offers import load_offers
from cadre.storage.scenarios import find_mission, load_scenario

PLAN_PREFIX = "capacity plan #"


@dataclass(frozen=True)
class ForcePicture:
    """Everything `cadre force status` and `rotations` show, from one matching."""

    scenario: Scenario
    problem: ForceProblem
    result: SolveResult[ForcePlan]
    fill: FillReport
    shortfalls: tuple[Shortfall, ...]
    caveat_blocks: tuple[CaveatBlock, ...]
    caveat_impact: tuple[CaveatImpact, ...]
    rotations: RotationPlan
    version: int
    new_version: bool
    include_offered: bool
    requirement: str  # where the statement of requirements came from
    seconds: float
    adoption: Adoption | None = None  # when adopting was asked for with the matching


def picture(
    uow: UnitOfWork,
    mission: str | None = None,
    *,
    include_offered: bool = False,
    adopt: bool = False,
) -> ForcePicture:
    """Match, report and keep the result (a draft force plan; with `adopt`, adopted when it may
    be without force); the same inputs again reuse the last version."""
    started = time.perf_counter()
    with uow.transaction() as session:
        scenario = load_scenario(session, mission)
        mission_id = find_mission(session, scenario.mission.code).id
        lines, requirement = _statement(session, mission_id, scenario)
        stored = [offer for offer, _ in load_offers(session, mission_id).values()]
    problem = force_problem(scenario, lines, stored, include_offered=include_offered)
    result = solve_force(problem)
    allocations = result.solution.allocations
    report = fill_report(problem, allocations)
    short = shortfalls(problem, allocations, scenario.courses)
    blocks = caveat_blocks(problem, allocations)
    free = dataclasses.replace(
        problem, offers=tuple(dataclasses.replace(o, caveats=()) for o in problem.offers)
    )
    impact = caveat_impact(problem, allocations, solve_force(free).solution.allocations)
    plan = rotation_plan(problem, allocations, scenario.planning.relief_overlap_days)
    inputs = fingerprint((scenario, problem.lines, problem.offers, include_offered))
    with uow.transaction() as session:
        last = force_plans.latest_version(session, mission_id, force_plans.FORCE)
        if last is not None and last.parameters.get("inputs") == inputs:
            version, new = last.number, False
        else:
            version, new = (
                _save(
                    session,
                    scenario,
                    result,
                    report,
                    short,
                    plan,
                    {"inputs": inputs, "include_offered": include_offered},
                ),
                True,
            )
            uow.plan_kept(
                session,
                mission=scenario.mission.code,
                kind="force-plans",
                number=version,
                status=result.status.value,
            )
    return ForcePicture(
        scenario,
        problem,
        result,
        report,
        short,
        blocks,
        impact,
        plan,
        version,
        new,
        include_offered,
        requirement,
        time.perf_counter() - started,
        _adopt_matching(uow, scenario.mission.code, version) if adopt else None,
    )


def _adopt_matching(uow: UnitOfWork, mission: str, number: int) -> Adoption:
    adoption = adopt_if_sound(uow, mission, force_plans.FORCE, number)
    if adoption.refusal is not None and adoption.refusal.code == "plan.already_adopted":
        return dataclasses.replace(adoption, refusal=None, done=True)  # the same inputs again
    return adoption


def _statement(
    session: Session, mission_id: int, scenario: Scenario
) -> tuple[tuple[RequirementLine, ...], str]:
    """The lines to fill, and where their teaching posts come from. When the adopted capacity
    plan is not the one the lines were last made from, its requirement becomes the lines first
    (edits to its lines stand until another plan is adopted); when its lines are there, the
    scenario's own teaching lines, and the guards of its mobile teams, step aside for them
    (`stays_beside_plan`). Drafts change nothing here."""
    found = force_plans.capacity_requirement(session, mission_id)
    if found is not None and adopted_plan(session, mission_id, PLAN_PREFIX) != found.number:
        _adopt(session, mission_id, scenario)
    sources = line_sources(session, mission_id)
    from_plan = "plan" in sources.values()
    lines = tuple(
        line
        for line in load_lines(session, mission_id)
        if not (from_plan and sources[line.number] == "scenario" and not stays_beside_plan(line))
    )
    if not lines:
        force_plans.require_adopted_capacity(session, mission_id, scenario.mission.code)
        raise NotFound(
            f"mission {scenario.mission.code} has no requirement lines yet: write them in the "
            "scenario's requirements section, or plan the training force first",
            code="force.no_requirements",
            mission=scenario.mission.code,
        )
    if not from_plan:
        return lines, "the scenario's statement of requirements"
    plan = f"capacity plan #{adopted_plan(session, mission_id, PLAN_PREFIX)}"
    others = any(sources[line.number] != "plan" for line in lines)
    return lines, f"{plan} and the scenario" if others else plan


def force_problem(
    scenario: Scenario,
    lines: Sequence[RequirementLine],
    stored: Sequence[Offer],
    *,
    include_offered: bool = False,
) -> ForceProblem:
    """Accepted offers (the scenario's pledges among them) and, if asked, the open ones."""
    offers = [offer_from_pledge(p) for p in scenario.pledges]
    taken = {o.code for o in offers}
    offers += [
        o for o in stored if o.code not in taken and (o.is_firm or (include_offered and o.is_open))
    ]
    return ForceProblem.build(
        lines, offers, scenario.caveats, scenario.qualifications, scenario.sites
    )


def adopt_capacity_plan(
    uow: UnitOfWork, mission: str | None = None, protection_ratio: float | None = None
) -> LineSync:
    """Make the lines of source "plan" those of the adopted capacity plan's requirement."""
    with uow.transaction() as session:
        scenario = load_scenario(session, mission)
        mission_id = find_mission(session, scenario.mission.code).id
        source, sync = _adopt(session, mission_id, scenario, protection_ratio)
        if source is not None:
            uow.audit(
                session,
                "requirement adopt",
                mission=scenario.mission.code,
                kind="requirements",
                key=source,
                after={"protection_ratio": protection_ratio, "sync": canonical(sync)},
            )
        return sync


def _adopt(
    session: Session, mission_id: int, scenario: Scenario, protection_ratio: float | None = None
) -> tuple[str | None, LineSync]:
    found = force_plans.capacity_requirement(session, mission_id)
    if found is None:
        return None, LineSync()
    source = f"{PLAN_PREFIX}{found.number}"
    lines = plan_lines(scenario, found.need, found.runs, protection_ratio, found.months)
    now = dt.datetime.now(dt.UTC)
    return source, sync_lines(session, mission_id, lines, "plan", now, source, confirm=True)


def plan_lines(
    scenario: Scenario,
    need: dict[tuple[str, dt.date], float],
    runs: Sequence[dict[str, Any]] = (),
    protection_ratio: float | None = None,
    months: Sequence[dt.date] = (),
) -> tuple[RequirementLine, ...]:
    """Lines for a capacity plan's need, as stored (see `plan_statement`): its teaching posts
    and the whole force beside them over `months` (by default the months of the need)."""
    foreign = [
        ForeignRuns(str(r.get("course")), str(r.get("site")), str(r.get("mode")), runs_of(r))
        for r in runs
        if r.get("site")
    ]
    horizon = tuple(months) or _months_of(need)
    return plan_statement(scenario, need, foreign, horizon, protection_ratio)


def runs_of(run: dict[str, Any]) -> float:
    return float(run.get("runs") or 0)


def _months_of(need: dict[tuple[str, dt.date], float]) -> tuple[dt.date, ...]:
    if not need:
        return ()
    first, last = min(m for _, m in need), max(m for _, m in need)
    return tuple(months_of(first, last))


def _save(
    session: Session,
    scenario: Scenario,
    result: SolveResult[ForcePlan],
    report: FillReport,
    short: tuple[Shortfall, ...],
    plan: RotationPlan,
    parameters: dict[str, object],
) -> int:
    summary = {
        "fill": {t.criticality: [t.filled, t.required] for t in result.solution.fills},
        "weighted_share": round(report.weighted_share, 4),
        "worst_shortfalls": [s.line.number for s in short[:10]],
        "unrelieved_gaps": len(plan.unrelieved),
    }
    return plans.save_plan_version(
        session,
        scenario.mission.code,
        force_plans.FORCE,
        status=result.status.value,
        parameters=dict(parameters),
        scenario_fingerprint=fingerprint(scenario),
        scenario_snapshot=to_json_document(scenario),
        summary=summary,
        result={
            "allocations": canonical(result.solution.allocations),
            "gaps": canonical(plan.gaps),
            "diagnostics": dict(result.diagnostics),
        },
    ).number


def write_plots(view: ForcePicture, directory: pathlib.Path) -> list[pathlib.Path]:
    return write_force_plots(view.fill, directory, f"{view.scenario.mission.code}: ")


def export_report(view: ForcePicture, path: pathlib.Path) -> None:
    """The fill report as .xlsx (a sheet per view) or .csv (fill by line)."""
    if path.suffix.lower() not in (".xlsx", ".csv"):
        raise InvalidInput(f"{path}: the fill report is written as .xlsx or .csv")
    try:
        write_fill_report(path, view.fill, view.shortfalls)
    except OSError as err:
        raise InvalidInput(f"{path}: cannot write the file: {err.strerror}") from err
