"""The scenario's listed course runs as rows and back (the optional `runs:` section).

Part of the scenario: replaced whole with it on re-import, and deleted before the courses,
sites and cohorts they refer to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import CheckConstraint, Date, ForeignKey, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from cadre.domain.catalogue import DeliveryMode
from cadre.domain.course_runs import CourseRun
from cadre.storage.models import CODE, Base, CohortRow, CourseRow, SiteRow


class ScenarioRunRow(Base):
    __tablename__ = "scenario_runs"
    __table_args__ = (
        UniqueConstraint("mission_id", "code"),
        CheckConstraint("latest >= earliest", name="ends_after_start"),
        CheckConstraint("class_size IS NULL OR class_size > 0", name="has_seats"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mission_id: Mapped[int] = mapped_column(
        ForeignKey("missions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    code: Mapped[str] = mapped_column(String(CODE))
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"))
    course: Mapped[CourseRow] = relationship()
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    site: Mapped[SiteRow] = relationship()
    cohort_id: Mapped[int | None] = mapped_column(ForeignKey("cohorts.id"))
    cohort: Mapped[CohortRow | None] = relationship()
    earliest: Mapped[dt.date] = mapped_column(Date)
    latest: Mapped[dt.date] = mapped_column(Date)
    mode: Mapped[str] = mapped_column(String(30))
    host_led: Mapped[bool]
    class_size: Mapped[int | None]


def _by_code(
    session: Session, table: type[CourseRow | SiteRow | CohortRow], mission: int
) -> dict[str, int]:
    rows = session.execute(select(table.code, table.id).where(table.mission_id == mission))
    return {code: id_ for code, id_ in rows}  # noqa: C416 (rows are Row objects)


def insert_runs(session: Session, mission_id: int, runs: Sequence[CourseRun]) -> None:
    if not runs:
        return
    courses = _by_code(session, CourseRow, mission_id)
    sites = _by_code(session, SiteRow, mission_id)
    cohorts = _by_code(session, CohortRow, mission_id)
    session.add_all(
        ScenarioRunRow(
            mission_id=mission_id,
            position=i,
            code=r.code,
            course_id=courses[r.course],
            site_id=sites[r.site],
            cohort_id=cohorts[r.cohort] if r.cohort else None,
            earliest=r.earliest,
            latest=r.latest,
            mode=r.mode.value,
            host_led=r.host_led,
            class_size=r.class_size,
        )
        for i, r in enumerate(runs)
    )
    session.flush()


def load_runs(session: Session, mission_id: int) -> tuple[CourseRun, ...]:
    rows = session.scalars(
        select(ScenarioRunRow)
        .where(ScenarioRunRow.mission_id == mission_id)
        .order_by(ScenarioRunRow.position)
    )
    return tuple(
        CourseRun(
            code=r.code,
            course=r.course.code,
            site=r.site.code,
            earliest=r.earliest,
            latest=r.latest,
            cohort=r.cohort.code if r.cohort else None,
            mode=DeliveryMode(r.mode),
            host_led=r.host_led,
            class_size=r.class_size,
        )
        for r in rows
    )
