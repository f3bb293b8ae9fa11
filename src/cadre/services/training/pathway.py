"""The host instructor pathway as the mission keeps it: which trainee teaches as which of the
scenario's host instructors, the supervisors' ratings of the runs they co-taught (the runs
come from the adopted timetable), rung assessments, who actually led each run held; each
person's progress and the host-led share per school, discipline and month."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from cadre.access.labels import ENROLMENTS, TRAINEES
from cadre.access.policy import Principal, Reach, Verb, reach
from cadre.domain.catalogue import InstructorLevel
from cadre.domain.errors import InvalidInput, NotFound, Problem
from cadre.domain.scenario import Scenario
from cadre.domain.training import pathway as rules
from cadre.services.access.scope import open_scope
from cadre.services.timetable.queries import TimetableVersion, load_timetable, view_of
from cadre.services.training.release import TrainingSight, sight, trainee_not_found
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import pathway_rows as rows
from cadre.storage import training_results as results_rows
from cadre.storage import training_rows
from cadre.storage.scenarios import find_mission
from cadre.storage.training_pathway import PathwayPersonRow


@dataclass(frozen=True)
class Ladder:
    """What the pathway reads of the adopted timetable and its scenario."""

    scenario: Scenario
    runs: tuple[rules.TaughtRun, ...]
    colleagues: dict[str, rules.Colleague]

    @property
    def host(self) -> str:
        return self.scenario.mission.host

    def run(self, code: str) -> rules.TaughtRun:
        found = next((r for r in self.runs if r.run == code), None)
        if found is None:
            raise NotFound(f"run {code} is not in the timetable", code="run.not_found", run=code)
        return found

    def trainer(self, code: str) -> rules.Colleague:
        if code not in self.colleagues:
            raise NotFound(
                f"trainer {code} is not in the scenario", code="trainer.not_found", trainer=code
            )
        return self.colleagues[code]

    def rule(self, discipline: str) -> rules.PathwayRule:
        return rules.default_rule(discipline, self.scenario.courses)

    def start(self, trainer: str, discipline: str) -> InstructorLevel:
        """The rung the scenario already gives the person in the discipline."""
        held = next((t.qualifications for t in self.scenario.trainers if t.code == trainer), ())
        levels = [
            q.level
            for q in self.scenario.qualifications
            if q.code in held and q.discipline == discipline
        ]
        return max(levels, key=lambda level: level.value, default=InstructorLevel.TRAINEE)


def ladder_of(version: TimetableVersion) -> Ladder:
    scenario = version.scenario
    runs = tuple(
        rules.TaughtRun(
            r.run,
            r.course,
            scenario.course(r.course).discipline,
            r.site,
            r.start,
            r.end,
            r.instructors,
        )
        for r in view_of(version).runs
    )
    colleagues = {
        t.code: rules.Colleague(
            t.code, t.nation, rules.masters_of(scenario.qualifications, t.qualifications)
        )
        for t in scenario.trainers
    }
    return Ladder(scenario, runs, colleagues)


def ladder(uow: UnitOfWork, mission: str | None) -> Ladder:
    return ladder_of(load_timetable(uow, None, mission))


def may_record(principal: Principal) -> bool:
    """Whether the reader's roles may write the pathway: the writes above open their sight
    without the runs a teacher teaches, so a teacher's own-runs reach records nothing here."""
    return reach(principal.roles, Verb.WRITE, ENROLMENTS) is Reach.ANY


def _invalid(reason: str, field: str, *, code: str) -> InvalidInput:
    return InvalidInput([Problem(reason, field=field, code=code)])


def enter_person(
    uow: UnitOfWork, principal: Principal | None, trainer: str, trainee_id: int, mission: str | None
) -> None:
    """Say that the trainee teaches as `trainer`, one of the scenario's host instructors."""
    steps = ladder(uow, mission)
    if steps.trainer(trainer).nation != steps.host:
        raise _invalid(f"{trainer} is not a host instructor", "trainer", code="pathway.not_host")
    with uow.transaction() as session:
        seen = sight(session, principal, mission, kind=ENROLMENTS, verb=Verb.WRITE)
        seen.require_trainee(trainee_id)
        if training_rows.find_trainee(session, seen.mission_id, trainee_id) is None:
            raise trainee_not_found(trainee_id)
        row = rows.person(session, seen.mission_id, trainer)
        if row is None:
            row = PathwayPersonRow(mission_id=seen.mission_id, trainer=trainer)
            session.add(row)
        row.trainee_id = trainee_id
        uow.audit(session, "pathway person", mission=seen.mission, kind=TRAINEES, key=trainer,
                  after={"trainee": trainee_id})  # fmt: skip


def rate_run(
    uow: UnitOfWork,
    principal: Principal | None,
    rating: rules.Rating,
    mission: str | None = None,
) -> None:
    """A supervisor's rating of the host instructor's work on a run they co-taught."""
    problem = rules.rating_problem(rating.rating)
    if problem:
        raise _invalid(problem, "rating", code="pathway.rating")
    steps = ladder(uow, mission)
    if rating.trainer not in steps.run(rating.run).instructors:
        raise _invalid(
            f"{rating.trainer} does not teach {rating.run}", "trainer", code="pathway.not_on_run"
        )
    with uow.transaction() as session:
        seen = sight(session, principal, mission, kind=ENROLMENTS, verb=Verb.WRITE)
        seen.require_run(rating.run)
        before = rows.put_rating(session, seen.mission_id, rating)
        uow.audit(session, "rate run", mission=seen.mission, kind=ENROLMENTS,
                  key=f"{rating.run}/{rating.trainer}", before={"rating": before},
                  after={"rating": rating.rating, "supervisor": rating.supervisor})  # fmt: skip


def _person(session: Session, seen: TrainingSight, trainer: str) -> PathwayPersonRow:
    found = rows.person(session, seen.mission_id, trainer)
    if found is None or not seen.sees_trainee(found.trainee_id):
        raise NotFound(f"{trainer} is not on the pathway", code="pathway.not_found")
    return found


def record_assessment(
    uow: UnitOfWork,
    principal: Principal | None,
    trainer: str,
    assessment: rules.Assessment,
    mission: str | None = None,
) -> None:
    """A rung's assessment of the person who teaches as `trainer` (the trainee is theirs)."""
    with uow.transaction() as session:
        seen = sight(session, principal, mission, kind=ENROLMENTS, verb=Verb.WRITE)
        person = _person(session, seen, trainer)
        mine = dataclasses.replace(assessment, trainee=person.trainee_id)
        rows.add_assessment(session, seen.mission_id, mine)
        uow.audit(session, "assessment", mission=seen.mission, kind=ENROLMENTS, key=trainer,
                  after={"level": mine.level.label, "passed": mine.passed})  # fmt: skip


def record_lead(
    uow: UnitOfWork,
    principal: Principal | None,
    run: str,
    lead: str,
    today: dt.date,
    mission: str | None = None,
) -> rules.RunLed:
    """Who actually led the run, once it has started."""
    steps = ladder(uow, mission)
    taught = steps.run(run)
    if taught.start > today:
        raise _invalid(f"run {run} starts on {taught.start}", "run", code="pathway.not_held")
    led = rules.RunLed(
        run, taught.site, taught.discipline, taught.start, lead, steps.trainer(lead).nation
    )
    with uow.transaction() as session:
        seen = sight(session, principal, mission, kind=ENROLMENTS, verb=Verb.WRITE)
        seen.require_run(run)
        rows.put_run_led(session, seen.mission_id, led)
        uow.audit(session, "run led", mission=seen.mission, kind=ENROLMENTS, key=run,
                  after={"lead": lead, "nation": led.lead_nation})  # fmt: skip
    return led


def person_left(
    uow: UnitOfWork, principal: Principal | None, trainer: str, on: dt.date, mission: str | None
) -> None:
    """The person left the host cadre on `on`: a loss the planner learns of."""
    with uow.transaction() as session:
        seen = sight(session, principal, mission, kind=ENROLMENTS, verb=Verb.WRITE)
        person = _person(session, seen, trainer)
        person.left_on = on
        uow.audit(session, "pathway left", mission=seen.mission, kind=TRAINEES, key=trainer,
                  after={"left_on": on.isoformat()})  # fmt: skip


@dataclass(frozen=True)
class PersonProgress:
    trainer: str
    trainee: int
    left_on: dt.date | None
    progress: tuple[rules.Progress, ...]  # one per discipline


def disciplines_of(steps: Ladder, trainer: str) -> list[str]:
    held = next((t.qualifications for t in steps.scenario.trainers if t.code == trainer), ())
    found = {q.discipline for q in steps.scenario.qualifications if q.code in held}
    found |= {r.discipline for r in steps.runs if trainer in r.instructors}
    return sorted(found)


def progress(
    uow: UnitOfWork,
    principal: Principal | None,
    today: dt.date,
    mission: str | None = None,
    trainer: str | None = None,
) -> list[PersonProgress]:
    """Each person's progress on the pathway (the one named), as of `today`."""
    steps = ladder(uow, mission)
    with uow.transaction() as session:
        seen = sight(session, principal, mission)
        people = [
            p
            for p in rows.people(session, seen.mission_id)
            if (trainer is None or p.trainer == trainer) and seen.sees_trainee(p.trainee_id)
        ]
        if trainer is not None and not people:
            raise NotFound(f"{trainer} is not on the pathway", code="pathway.not_found")
        ratings = rows.ratings(session, seen.mission_id)
        assessed = rows.assessments(session, seen.mission_id)
        held = results_rows.certificates_of(session, [p.trainee_id for p in people])
    found = []
    for p in people:
        mine = [c for c in held if c.trainee == p.trainee_id]
        each = []
        for discipline in disciplines_of(steps, p.trainer):
            supervised = rules.supervised_runs(
                p.trainer, discipline, steps.runs, steps.colleagues, steps.host, ratings, today
            )
            each.append(
                rules.progress(
                    p.trainee_id,
                    steps.rule(discipline),
                    start=steps.start(p.trainer, discipline),
                    certificates=mine,
                    supervised=supervised,
                    assessments=assessed,
                )
            )
        found.append(PersonProgress(p.trainer, p.trainee_id, p.left_on, tuple(each)))
    return found


def host_led(
    uow: UnitOfWork, principal: Principal | None, mission: str | None = None
) -> list[rules.HostLedShare]:
    """The host-led share of the runs held, per school, discipline and month: figures, no
    names, for whoever may read the timetable."""
    with uow.transaction() as session:
        row = find_mission(session, mission)
        if principal is not None:
            open_scope(session, principal, row.code).gate.require_role(Verb.READ, "timetable-plans")
        return rules.host_led_share(rows.runs_led(session, row.id), row.host)
