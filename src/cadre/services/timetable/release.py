"""What a principal may see of a stored timetable, on the web page, in calendar files and in
the API's plan results.

A timetable is a plan version (label kind "timetable-plans"); inside it, each run shows only
what the principal's scope releases: runs at sites it sees, instructors whose records it sees,
cohorts it sees. Names and codes it may not see are taken out of every sentence too (a reason
why a run moved may name a trainer), so the page, the calendar file and the lists agree and
none reveals a hidden record.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from cadre.access.policy import Principal, Verb, allowed
from cadre.domain.errors import NotFound
from cadre.domain.scenario import Scenario
from cadre.domain.timetable.causes import Cause, LeftOut, PlanLine, left_out
from cadre.domain.timetable.plan import CalendarRun, TimetablePlan
from cadre.domain.timetable.problem import PlacedRun
from cadre.domain.timetable.result import MissionResult
from cadre.interchange.capacity_json import plan_from_json as capacity_plan_from_json
from cadre.interchange.convert import to_json_document
from cadre.interchange.timetable_ics import calendar_text
from cadre.interchange.timetable_json import left_out_to_json, plan_from_json, plan_to_json
from cadre.interchange.timetable_xlsx import write_workbook
from cadre.interchange.words import ENGLISH, Words
from cadre.services.access.redaction import WITHHELD, Redaction, redaction
from cadre.services.access.scope import Scope, read
from cadre.services.timetable import queries as service
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage.mission_scope import PlanHeader, plan_headers, plan_result

KIND = "timetable-plans"
HIDDEN_TRAINER = HIDDEN_COHORT = WITHHELD


@dataclass(frozen=True)
class UnplacedLine:
    run: str
    course: str
    site: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class LeftOutLine:
    """A run left out as a reader sees it: the cause's code (which the edges put in words),
    the capacity plan line it came from and the sentence behind the cause."""

    run: str
    course: str
    site: str
    cause: Cause
    line: PlanLine | None
    detail: str


@dataclass(frozen=True)
class MoveLine:
    run: str
    course: str
    site: str
    changes: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class Released:
    """One timetable version as a principal may see it."""

    number: int
    created_at: dt.datetime
    status: str
    versions: tuple[int, ...]  # every version the principal may see, newest first
    state: str  # draft, adopted, superseded or failed
    adopted: int | None  # the adopted version, when released to the principal
    adopted_at: dt.datetime | None  # when this version was adopted, if it was
    asked: int  # runs asked for at the sites the principal sees
    runs: tuple[CalendarRun, ...]
    unplaced: tuple[UnplacedLine, ...]
    left_out: tuple[LeftOutLine, ...]  # every run asked for and not placed, with its cause
    moves: tuple[MoveLine, ...]
    previous: int | None  # the version a re-plan started from
    change: str  # what the re-plan answered, or ""
    source: str  # where the runs came from


@dataclass(frozen=True)
class _Sight:
    """What the principal sees: site, trainer and cohort codes; and the one redaction step
    (services/access/redaction.py) for everything else, courses and sentences included."""

    sites: frozenset[str]
    trainers: frozenset[str]
    cohorts: frozenset[str]
    redaction: Redaction

    def blank(self, text: str) -> str:
        return self.redaction.text(text)


# A reader's sight of a stored timetable, kept by what it depends on (the version's scenario
# and the mission as loaded, both the same objects while cached, the labels, the principal):
# making one walks every record, some 50 ms for a large mission.
_sights: OrderedDict[tuple[int, int, Principal, frozenset[Any]], tuple[Any, Any, _Sight]] = (
    OrderedDict()
)


def sight(scope: Scope, scenario: Scenario) -> _Sight:
    """What the principal sees of the people and places of `scenario` (a timetable's own)."""
    key = (id(scenario), id(scope.data), scope.principal, frozenset(scope.stored_labels().items()))
    with _lock:
        kept = _sights.get(key)
    if kept is not None and kept[0] is scenario and kept[1] is scope.data:
        return kept[2]
    found = _sight(scope, scenario)
    with _lock:
        _sights[key] = (scenario, scope.data, found)
        while len(_sights) > 32:
            _sights.popitem(last=False)
    return found


def _sight(scope: Scope, scenario: Scenario) -> _Sight:
    trainers = {
        t.code for t in scenario.trainers if scope.sees("trainers", t.code, {"nation": t.nation})
    }
    cohorts = {c.code for c in scenario.cohorts if scope.sees("cohorts", c.code)}
    return _Sight(
        frozenset(s.code for s in scenario.sites if scope.sees("sites", s.code)),
        frozenset(trainers),
        frozenset(cohorts),
        redaction(scope, to_json_document(scenario)),
    )


# Stored timetables never change, so a loaded one is kept for the next page (bounded).
_loaded: OrderedDict[tuple[str, str, int, dt.datetime], service.TimetableVersion] = OrderedDict()
_lock = threading.Lock()


def _load(
    uow: UnitOfWork, mission: str, number: int, created: dt.datetime
) -> service.TimetableVersion:
    key = (str(uow.engine.url), mission, number, created)
    with _lock:
        found = _loaded.get(key)
    if found is None:
        found = service.load_timetable(uow, number, mission)
        with _lock:
            _loaded[key] = found
            while len(_loaded) > 8:
                _loaded.popitem(last=False)
    return found


def _versions(scope: Scope) -> list[PlanHeader]:
    """The timetable versions released to the principal, newest first."""
    if not allowed(scope.principal, Verb.READ, KIND):
        return []
    return [
        h
        for h in reversed(plan_headers(scope.session, scope.mission_id, "timetable"))
        if scope.sees(KIND, str(h.number))
    ]


def _chosen(
    uow: UnitOfWork, principal: Principal, mission: str, number: int | None
) -> tuple[service.TimetableVersion, list[PlanHeader], _Sight] | None:
    """The version asked for (default: the adopted one, if released), what else is released,
    and the principal's sight of it; None when no version is adopted and released to it. A
    version asked for by number and not released is not found, as if it did not exist."""

    def pick(scope: Scope) -> tuple[list[PlanHeader], PlanHeader | None]:
        versions = _versions(scope)
        if number is None:
            return versions, next((v for v in versions if v.adopted), None)
        found = next((v for v in versions if v.number == number), None)
        if found is None:
            raise NotFound(f"timetable version {number} is not in the mission")
        return versions, found

    versions, which = read(uow, principal, mission, pick)
    if which is None:
        return None
    version = _load(uow, mission, which.number, which.created_at)
    seen: _Sight = read(uow, principal, mission, lambda scope: sight(scope, version.scenario))
    return version, versions, seen


def released(
    uow: UnitOfWork, principal: Principal, mission: str, number: int | None = None
) -> Released | None:
    chosen = _chosen(uow, principal, mission, number)
    if chosen is None:
        return None
    version, versions, seen = chosen
    plan = redacted(version.plan, seen)
    view = service.view_of(dataclasses.replace(version, plan=plan))
    runs = {r.code: r for r in plan.runs}
    change = version.plan.changes[-1] if version.plan.changes else None  # told, withheld
    return Released(
        version.number,
        version.created_at,
        view.status,
        tuple(v.number for v in versions),
        next(v.state for v in versions if v.number == version.number),
        next((v.number for v in versions if v.adopted), None),
        next(v.adopted_at for v in versions if v.number == version.number),
        len(plan.runs),
        view.runs,
        tuple(
            UnplacedLine(
                u.run, runs[u.run].course, runs[u.run].site, tuple(b.reason for b in u.blockers)
            )
            for u in view.unplaced
        ),
        tuple(
            LeftOutLine(x.run, runs[x.run].course, runs[x.run].site, x.cause, x.line, x.detail)
            for x in shown_left_out(version.left_out, plan, seen)
        ),
        tuple(
            MoveLine(m.run, runs[m.run].course, runs[m.run].site, m.changes, m.reason)
            for m in view.moves
        ),
        version.parameters.get("previous"),
        seen.blank(str(change)) if change is not None else "",
        str(version.parameters.get("source", "")),
    )


def released_versions(uow: UnitOfWork, principal: Principal, mission: str) -> list[PlanHeader]:
    """The timetable versions released to the principal, newest first, with their states."""
    found: list[PlanHeader] = read(uow, principal, mission, _versions)
    return found


def redacted(plan: TimetablePlan, seen: _Sight) -> TimetablePlan:
    """The plan with only what the principal sees: runs at its sites, its instructors and
    cohorts, and sentences without the names it may not see."""
    runs = tuple(
        dataclasses.replace(r, cohort=r.cohort if r.cohort in seen.cohorts else None)
        for r in plan.runs
        if r.site in seen.sites
    )
    kept = {r.code for r in runs}
    placed = tuple(
        dataclasses.replace(p, instructors=tuple(c for c in p.instructors if c in seen.trainers))
        for p in plan.result.solution.placed
        if p.run in kept
    )
    unplaced = tuple(
        dataclasses.replace(
            u,
            blockers=tuple(dataclasses.replace(b, reason=seen.blank(b.reason)) for b in u.blockers),
        )
        for u in plan.result.unplaced
        if u.run in kept
    )
    moves = tuple(
        dataclasses.replace(
            m,
            before=_placed_seen(m.before, seen),
            after=_placed_seen(m.after, seen),
            changes=tuple(seen.blank(c) for c in m.changes),
            reason=seen.blank(m.reason),
        )
        for m in plan.result.moves
        if m.run in kept
    )
    timetable = dataclasses.replace(plan.result.solution, placed=placed)
    result: MissionResult = dataclasses.replace(
        plan.result, solution=timetable, unplaced=unplaced, moves=moves
    )
    notes = tuple(seen.blank(n) for n in plan.notes)
    shown = dataclasses.replace(plan, runs=runs, result=result, notes=notes)
    # Then the one step: runs of hidden courses go, and with them every row naming such a run.
    of_hidden = {r.code for r in plan.runs if seen.redaction.rests_on_hidden(r)}
    released: TimetablePlan = seen.redaction.with_tokens(of_hidden).derived(shown)
    return released


# What a reader who may not see every trainer and caveat a cause rests on is told instead.
NEUTRAL_GAP = "force generation left no instructor who may teach it there"


def shown_left_out(
    left: tuple[LeftOut, ...], plan: TimetablePlan, seen: _Sight
) -> tuple[LeftOut, ...]:
    """The runs left out as the reader sees them, `plan` being the timetable already redacted
    for it: only its runs; a caveat it may not see (or one barring a trainer it may not see)
    told as a gap in the force, in words that name neither; and the figures of rooms held,
    which count runs it may not see, left out for a reader from whom anything is withheld."""
    kept = {r.code for r in plan.runs}
    shown = []
    for x in left:
        if x.run not in kept:
            continue
        if x.cause is Cause.FORCE_CAVEAT and (
            any(t not in seen.trainers for t in x.barred)
            or any(seen.redaction.hides(c) for c in x.caveats)
        ):
            x = dataclasses.replace(x, cause=Cause.FORCE_GAP, detail=NEUTRAL_GAP)
        elif x.cause in _COUNTED and seen.redaction:
            x = dataclasses.replace(x, detail=_COUNTED[x.cause])
        shown.append(dataclasses.replace(x, detail=seen.blank(x.detail), barred=(), caveats=()))
    return tuple(shown)


_COUNTED = {
    Cause.ROOMS_SHORT: "the rooms at its site that seat the class are too few for the runs "
    "in its window",
    Cause.ROOMS_TAKEN: "the rooms at its site that seat the class are taken at each of its "
    "possible starts",
    Cause.FORCE_GAP: "those who may teach it teach other runs at its possible starts",
}


def released_left_out(
    scope: Scope, scenario: Scenario, stored: dict[str, Any], parameters: dict[str, Any]
) -> list[dict[str, Any]]:
    """The runs a stored timetable (its JSON) leaves out, with their causes and capacity plan
    lines, as `scope`'s principal may read them through the API."""
    plan = plan_from_json(stored)
    problem = service.problem_of(scenario, plan)
    number = parameters.get("capacity_plan")
    capacity = None
    if isinstance(number, int):
        try:
            kept = plan_result(scope.session, scope.mission_id, "capacity", number)
            capacity = capacity_plan_from_json(kept["result"])
        except NotFound:
            capacity = None
    found = left_out(problem, plan.result.solution, plan.result.unplaced, capacity)
    seen = sight(scope, scenario)
    return left_out_to_json(shown_left_out(found, redacted(plan, seen), seen))


def _placed_seen(placed: PlacedRun | None, seen: _Sight) -> PlacedRun | None:
    if placed is None:
        return None
    return dataclasses.replace(
        placed, instructors=tuple(c for c in placed.instructors if c in seen.trainers)
    )


def redacted_result(scope: Scope, scenario: Scenario, stored: dict[str, Any]) -> dict[str, Any]:
    """A stored timetable (its JSON) as `scope`'s principal may read it through the API."""
    return plan_to_json(redacted(plan_from_json(stored), sight(scope, scenario)))


def released_calendar(
    uow: UnitOfWork,
    principal: Principal,
    mission: str,
    by: str,
    key: str,
    number: int | None,
    words: Words = ENGLISH,
) -> str:
    """One site's, instructor's or cohort's iCalendar file as the principal may see it, in
    `words`; a subject it may not see is not found."""
    chosen = _chosen(uow, principal, mission, number)
    if chosen is None:
        raise _none(uow, principal, mission)
    version, _, seen = chosen
    subjects = {"site": seen.sites, "instructor": seen.trainers, "cohort": seen.cohorts}
    if key not in subjects[by]:
        raise NotFound(f"{by} {key} is not in the mission")
    before = service.previous_of(uow, version)
    return calendar_text(
        version.problem,
        redacted(version.plan, seen),
        by,
        key,
        version.version,
        redacted(before.plan, seen) if before else None,
        words,
    )


def released_workbook(
    uow: UnitOfWork, principal: Principal, mission: str, number: int | None, words: Words = ENGLISH
) -> tuple[int, bytes]:
    """The timetable's workbook (runs, assignments, a sheet per site) as the principal may see
    it, with the version's number."""
    chosen = _chosen(uow, principal, mission, number)
    if chosen is None:
        raise _none(uow, principal, mission)
    version, _, seen = chosen
    # A stored version and what one reader sees of it never change.
    key = (version.scenario.mission.code, version.number, version.created_at, seen, words.language)
    with _lock:
        data = _workbooks.get(key)
    if data is None:
        out = io.BytesIO()
        write_workbook(out, version.problem, redacted(version.plan, seen), words)
        data = out.getvalue()
        with _lock:
            _workbooks[key] = data
            while len(_workbooks) > 8:
                _workbooks.popitem(last=False)
    return version.number, data


# Workbooks take some 100 ms to write; the last few are kept, by version and sight.
_workbooks: OrderedDict[tuple[str, int, dt.datetime, _Sight, str], bytes] = OrderedDict()


def _none(uow: UnitOfWork, principal: Principal, mission: str) -> NotFound:
    """No timetable to hand out by default: none made yet, or none adopted."""
    if released_versions(uow, principal, mission):
        return NotFound(
            f"no timetable of {mission} is adopted yet",
            code="plan.none_adopted",
            kind="timetable",
            mission=mission,
        )
    return NotFound("there is no timetable yet", code="timetable.none")
