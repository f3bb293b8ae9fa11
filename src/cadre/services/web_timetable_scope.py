"""What a principal may see of a stored timetable.

A timetable is a plan version (label kind "timetable-plans"); inside it, each run shows only
what the principal's scope releases: runs at sites it sees, instructors whose records it sees,
cohorts it sees. Names and codes it may not see are taken out of every sentence too (a reason
why a run moved may name a trainer), so the page, the calendar file and the lists agree and
none reveals a hidden record.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections import OrderedDict
from dataclasses import dataclass

from sqlalchemy import Engine

from cadre.access.policy import Principal, Verb, allowed
from cadre.domain.errors import NotFound
from cadre.domain.timetable.mission_plan import CalendarRun, TimetablePlan
from cadre.domain.timetable.mission_result import MissionResult
from cadre.interchange.timetable_ics import calendar_text
from cadre.services import schedule as service
from cadre.services.mission_view import Scope, read
from cadre.storage.mission_scope import plan_headers

KIND = "timetable-plans"
HIDDEN_TRAINER = "a trainer not released to you"
HIDDEN_COHORT = "a cohort not released to you"


@dataclass(frozen=True)
class UnplacedLine:
    run: str
    course: str
    site: str
    reasons: tuple[str, ...]


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
    asked: int  # runs asked for at the sites the principal sees
    runs: tuple[CalendarRun, ...]
    unplaced: tuple[UnplacedLine, ...]
    moves: tuple[MoveLine, ...]
    previous: int | None  # the version a re-plan started from
    change: str  # what the re-plan answered, or ""
    source: str  # where the runs came from


@dataclass(frozen=True)
class _Sight:
    """What the principal sees: site, trainer and cohort codes; hidden words to blank out."""

    sites: frozenset[str]
    trainers: frozenset[str]
    cohorts: frozenset[str]
    hidden: tuple[tuple[str, str], ...]  # (text, replacement), longest text first

    def blank(self, text: str) -> str:
        for word, replacement in self.hidden:
            text = text.replace(word, replacement)
        return text


def _sight(scope: Scope, version: service.TimetableVersion) -> _Sight:
    problem = version.problem
    trainers = {
        t.code for t in problem.trainers if scope.sees("trainers", t.code, {"nation": t.nation})
    }
    cohorts = {c.code for c in problem.cohorts if scope.sees("cohorts", c.code)}
    hidden = [
        (word, HIDDEN_TRAINER)
        for t in problem.trainers
        if t.code not in trainers
        for word in (t.code, t.name)
        if word
    ]
    hidden += [
        (word, HIDDEN_COHORT)
        for c in problem.cohorts
        if c.code not in cohorts
        for word in (c.code, c.name.latin, c.name.arabic, c.unit)
        if word
    ]
    return _Sight(
        frozenset(s.code for s in problem.sites if scope.sees("sites", s.code)),
        frozenset(trainers),
        frozenset(cohorts),
        tuple(sorted(set(hidden), key=lambda pair: -len(pair[0]))),
    )


# Stored timetables never change, so a loaded one is kept for the next page (bounded).
_loaded: OrderedDict[tuple[str, str, int, dt.datetime], service.TimetableVersion] = OrderedDict()
_lock = threading.Lock()


def _load(
    engine: Engine, mission: str, number: int, created: dt.datetime
) -> service.TimetableVersion:
    key = (str(engine.url), mission, number, created)
    with _lock:
        found = _loaded.get(key)
    if found is None:
        found = service.load_timetable(engine, number, mission)
        with _lock:
            _loaded[key] = found
            while len(_loaded) > 8:
                _loaded.popitem(last=False)
    return found


def _versions(scope: Scope) -> list[tuple[int, dt.datetime]]:
    """The timetable versions released to the principal, newest first."""
    if not allowed(scope.principal, Verb.READ, KIND):
        return []
    return [
        (h.number, h.created_at)
        for h in reversed(plan_headers(scope.session, scope.mission_id, "timetable"))
        if scope.sees(KIND, str(h.number))
    ]


def _chosen(
    engine: Engine, principal: Principal, mission: str, number: int | None
) -> tuple[service.TimetableVersion, list[int], _Sight] | None:
    """The version asked for (default: the newest released), what else is released, and the
    principal's sight of it; None when no version is released to it. A version asked for by
    number and not released is not found, as if it did not exist."""

    def pick(scope: Scope) -> tuple[list[tuple[int, dt.datetime]], tuple[int, dt.datetime] | None]:
        versions = _versions(scope)
        if number is None:
            return versions, versions[0] if versions else None
        found = next((v for v in versions if v[0] == number), None)
        if found is None:
            raise NotFound(f"timetable version {number} is not in the mission")
        return versions, found

    versions, which = read(engine, principal, mission, pick)
    if which is None:
        return None
    version = _load(engine, mission, *which)
    sight: _Sight = read(engine, principal, mission, lambda scope: _sight(scope, version))
    return version, [v for v, _ in versions], sight


def _run_line(run: CalendarRun, sight: _Sight) -> CalendarRun:
    return dataclasses.replace(
        run,
        instructors=tuple(c for c in run.instructors if c in sight.trainers),
        cohort=run.cohort if run.cohort in sight.cohorts else None,
        co_teaching=tuple(c for c in run.co_teaching if {c.learner, c.mentor} <= sight.trainers),
    )


def released(
    engine: Engine, principal: Principal, mission: str, number: int | None = None
) -> Released | None:
    chosen = _chosen(engine, principal, mission, number)
    if chosen is None:
        return None
    version, versions, sight = chosen
    view = service.view_of(version)
    plan = version.plan
    runs = {r.code: r for r in plan.runs}
    seen = {code for code, r in runs.items() if r.site in sight.sites}
    unplaced = tuple(
        UnplacedLine(
            u.run,
            runs[u.run].course,
            runs[u.run].site,
            tuple(sight.blank(b.reason) for b in u.blockers),
        )
        for u in view.unplaced
        if u.run in seen
    )
    moves = tuple(
        MoveLine(
            m.run,
            runs[m.run].course,
            runs[m.run].site,
            tuple(sight.blank(c) for c in m.changes),
            sight.blank(m.reason),
        )
        for m in view.moves
        if m.run in seen
    )
    change = plan.changes[-1] if plan.changes else None
    return Released(
        version.number,
        version.created_at,
        view.status,
        tuple(versions),
        len(seen),
        tuple(_run_line(r, sight) for r in view.runs if r.run in seen),
        unplaced,
        moves,
        version.parameters.get("previous"),
        sight.blank(str(change)) if change is not None else "",
        str(version.parameters.get("source", "")),
    )


def _redacted(plan: TimetablePlan, sight: _Sight) -> TimetablePlan:
    """The plan with only what the principal sees: for the calendar files."""
    placed = tuple(
        dataclasses.replace(p, instructors=tuple(c for c in p.instructors if c in sight.trainers))
        for p in plan.result.timetable.placed
        if plan.run(p.run).site in sight.sites
    )
    runs = tuple(
        dataclasses.replace(r, cohort=r.cohort if r.cohort in sight.cohorts else None)
        for r in plan.runs
    )
    timetable = dataclasses.replace(plan.result.timetable, placed=placed)
    result: MissionResult = dataclasses.replace(plan.result, timetable=timetable)
    return dataclasses.replace(plan, runs=runs, result=result)


def released_calendar(
    engine: Engine, principal: Principal, mission: str, by: str, key: str, number: int | None
) -> str:
    """One site's, instructor's or cohort's iCalendar file as the principal may see it;
    a subject it may not see is not found."""
    chosen = _chosen(engine, principal, mission, number)
    if chosen is None:
        raise NotFound("there is no timetable yet; run `cadre schedule` first")
    version, _, sight = chosen
    subjects = {"site": sight.sites, "instructor": sight.trainers, "cohort": sight.cohorts}
    if key not in subjects[by]:
        raise NotFound(f"{by} {key} is not in the mission")
    before = service.previous_of(engine, version)
    return calendar_text(
        version.problem,
        _redacted(version.plan, sight),
        by,
        key,
        version.version,
        _redacted(before.plan, sight) if before else None,
    )
