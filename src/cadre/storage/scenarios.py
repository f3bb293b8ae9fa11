"""A scenario into rows and back: whole, in one transaction, keeping the file's order."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from cadre.domain.catalogue import (
    Discipline,
    InstructorLevel,
    Qualification,
)
from cadre.domain.contributors import (
    Contributor,
    ContributorRole,
    Pledge,
    Trainer,
)
from cadre.domain.errors import NotFound
from cadre.domain.fingerprint import canonical
from cadre.domain.host import Cohort, Demand, HostName, search_key
from cadre.domain.record_names import Names
from cadre.domain.scenario import (
    Mission,
    Scenario,
)
from cadre.domain.sites import Holiday, Room, Site, SiteKind, Weekday
from cadre.storage.force_lines import load_lines, sync_lines
from cadre.storage.models import (
    CaveatRow,
    CohortRow,
    ContributorRow,
    CourseRow,
    DemandRow,
    DisciplineRow,
    MissionRow,
    PledgeRow,
    PrerequisiteRow,
    QualificationRow,
    SiteRow,
    TrainerRow,
)
from cadre.storage.scenario_records import (
    caveat_of,
    caveat_row,
    cohort_row,
    course_of,
    course_row,
    planning_of,
    pledge_row,
    site_row,
    trainer_row,
)
from cadre.storage.scenario_runs import ScenarioRunRow, insert_runs, load_runs

# Children first, so that deleting a mission's scenario never trips a foreign key.
_SCENARIO_TABLES = (
    ScenarioRunRow,
    CohortRow,
    TrainerRow,
    PledgeRow,
    CaveatRow,
    DemandRow,
    CourseRow,
    QualificationRow,
    DisciplineRow,
    SiteRow,
    ContributorRow,
)


def find_mission(session: Session, code: str | None = None) -> MissionRow:
    """The mission with `code`; without a code, the one most recently imported."""
    query = select(MissionRow)
    if code is not None:
        query = query.where(MissionRow.code == code)
    row = session.scalars(
        query.order_by(MissionRow.imported_at.desc(), MissionRow.id.desc())
    ).first()
    if row is None:
        if code:
            raise NotFound.mission(code)
        raise NotFound("the database holds no scenario yet", code="scenario.none")
    return row


def list_missions(session: Session) -> list[MissionRow]:
    return list(session.scalars(select(MissionRow).order_by(MissionRow.code)))


def save_scenario(session: Session, scenario: Scenario, fingerprint: str) -> bool:
    """Store `scenario`, replacing that mission's previous one; False when nothing changed.

    The mission row itself stays, so plan versions computed from earlier scenarios are kept.
    """
    m = scenario.mission
    mission = session.scalars(select(MissionRow).where(MissionRow.code == m.code)).first()
    if mission is not None and mission.fingerprint == fingerprint:
        return False
    if mission is None:
        mission = MissionRow(code=m.code)
        session.add(mission)
    else:
        # A course may be required by another; the links go first so no course is held back.
        courses = select(CourseRow.id).where(CourseRow.mission_id == mission.id)
        session.execute(delete(PrerequisiteRow).where(PrerequisiteRow.course_id.in_(courses)))
        for table in _SCENARIO_TABLES:
            session.execute(delete(table).where(table.mission_id == mission.id))
    mission.name, mission.host, mission.time_zone = m.name, m.host, m.time_zone
    mission.start_date, mission.end_date = m.start, m.end
    mission.planning = canonical(scenario.planning)
    mission.fingerprint = fingerprint
    mission.imported_at = dt.datetime.now(dt.UTC)
    session.flush()
    _insert_children(session, mission.id, scenario)
    insert_runs(session, mission.id, scenario.runs)
    sync_lines(session, mission.id, scenario.requirements, "scenario", mission.imported_at)
    return True


def _insert_children(session: Session, mission_id: int, s: Scenario) -> None:
    def add_all(rows: list[Any]) -> None:
        session.add_all(rows)
        session.flush()  # rows get their ids, which later tables refer to

    contributors = {
        c.code: ContributorRow(
            mission_id=mission_id,
            code=c.code,
            name=c.name,
            role=c.role.value,
            hypothetical=c.hypothetical,
        )
        for c in s.contributors
    }
    sites = {site.code: site_row(mission_id, site) for site in s.sites}
    disciplines = {
        d.code: DisciplineRow(mission_id=mission_id, code=d.code, name=d.name)
        for d in s.disciplines
    }
    add_all([*contributors.values(), *sites.values(), *disciplines.values()])
    qualifications = {
        q.code: QualificationRow(
            mission_id=mission_id,
            code=q.code,
            name=q.name,
            discipline=disciplines[q.discipline],
            level=q.level.label,
        )
        for q in s.qualifications
    }
    add_all(list(qualifications.values()))
    courses = {c.code: course_row(mission_id, c, disciplines, qualifications) for c in s.courses}
    add_all(list(courses.values()))
    for c in s.courses:
        courses[c.code].prerequisites = [
            PrerequisiteRow(required=courses[p], position=i) for i, p in enumerate(c.prerequisites)
        ]
    caveats = {c.code: caveat_row(mission_id, c, contributors) for c in s.caveats}
    add_all(
        [
            *(
                DemandRow(
                    mission_id=mission_id,
                    organisation=d.organisation,
                    year=d.year,
                    quarter=d.quarter,
                    month=d.month,
                    trained=d.trained,
                    intake=d.intake,
                    course=courses.get(d.target),
                    qualification=None if d.target in courses else qualifications[d.target],
                )
                for d in s.demands
            ),
            *caveats.values(),
        ]
    )
    pledges = {
        p.code: pledge_row(mission_id, p, contributors, qualifications, caveats) for p in s.pledges
    }
    add_all(list(pledges.values()))
    add_all(
        [
            *(
                trainer_row(mission_id, t, contributors, pledges, qualifications)
                for t in s.trainers
            ),
            *(cohort_row(mission_id, c, sites) for c in s.cohorts),
        ]
    )


def load_scenario(session: Session, code: str | None = None) -> Scenario:
    mission = find_mission(session, code)

    def rows(table: Any) -> list[Any]:
        query = select(table).where(table.mission_id == mission.id).order_by(table.id)
        return list(session.scalars(query))

    return Scenario(
        mission=Mission(
            mission.code,
            mission.name,
            mission.host,
            mission.start_date,
            mission.end_date,
            mission.time_zone,
        ),
        planning=planning_of(mission.planning),
        contributors=tuple(
            Contributor(r.code, r.name, ContributorRole(r.role), r.hypothetical)
            for r in rows(ContributorRow)
        ),
        sites=tuple(
            Site(
                code=r.code,
                name=r.name,
                kind=SiteKind(r.kind),
                region=r.region,
                time_zone=r.time_zone,
                rooms=tuple(Room(x.code, x.capacity) for x in r.rooms),
                working_week=frozenset(Weekday[d.upper()] for d in r.working_week),
                holidays=tuple(Holiday(h.name, h.start_date, h.end_date) for h in r.holidays),
                disciplines=frozenset(r.disciplines),
                names=Names.of(r.names),
            )
            for r in rows(SiteRow)
        ),
        disciplines=tuple(Discipline(r.code, r.name) for r in rows(DisciplineRow)),
        qualifications=tuple(
            Qualification(r.code, r.name, r.discipline.code, InstructorLevel.from_label(r.level))
            for r in rows(QualificationRow)
        ),
        courses=tuple(course_of(r) for r in rows(CourseRow)),
        demands=tuple(
            Demand(
                r.organisation,
                (r.course or r.qualification).code,
                r.year,
                r.trained,
                quarter=r.quarter,
                month=r.month,
                intake=r.intake,
            )
            for r in rows(DemandRow)
        ),
        caveats=tuple(caveat_of(r) for r in rows(CaveatRow)),
        pledges=tuple(
            Pledge(
                r.code,
                r.nation.code,
                r.qualification.code if r.qualification is not None else str(r.specialty),
                r.count,
                r.start_date,
                r.end_date,
                r.tour_months,
                tuple(x.caveat.code for x in r.caveats),
            )
            for r in rows(PledgeRow)
        ),
        trainers=tuple(
            Trainer(
                r.code,
                r.name,
                r.nation.code,
                tuple(q.qualification.code for q in r.qualifications),
                r.in_theatre_from,
                r.in_theatre_to,
                r.pledge.code if r.pledge else None,
                Names.of(r.names),
            )
            for r in rows(TrainerRow)
        ),
        cohorts=tuple(
            Cohort(
                r.code,
                r.unit,
                r.size,
                HostName(r.name_arabic, r.name_latin),
                r.site.code if r.site else None,
            )
            for r in rows(CohortRow)
        ),
        requirements=load_lines(session, mission.id, source="scenario"),
        runs=load_runs(session, mission.id),
    )


def search_cohorts(session: Session, mission_code: str, text: str) -> list[CohortRow]:
    """Cohorts whose name matches `text` however it is spelt, in Arabic or in Latin letters."""
    mission = find_mission(session, mission_code)
    query = select(CohortRow).where(
        CohortRow.mission_id == mission.id,
        CohortRow.search_key.contains(search_key(text), autoescape=True),
    )
    return list(session.scalars(query.order_by(CohortRow.id)))
