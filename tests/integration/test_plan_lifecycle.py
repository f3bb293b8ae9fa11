"""The plan lifecycle on both databases: drafts change nothing downstream, adoption is an
explicit audited act that supersedes the plan before, failed plans are never adopted, and a
plan worse by rule is adopted only by force with a reason that is kept."""

from __future__ import annotations

import datetime as dt
import pathlib
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine, select

from cadre.domain.errors import Conflict, InvalidInput, NotFound
from cadre.domain.timetable.changes import Withdrawal
from cadre.services.capacity import operations as capacity
from cadre.services.force import operations as force
from cadre.services.plans import operations as lifecycle
from cadre.services.plans import queries as plan_queries
from cadre.services.scenario import operations as scenarios
from cadre.services.timetable import operations as schedule
from cadre.services.timetable import queries as timetables
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage import plans
from cadre.storage.database import make_engine, transaction, upgrade
from cadre.storage.models import PlanVersionRow
from cadre.storage.service_models import AuditEntryRow
from tests.conftest import EXAMPLES
from tests.integration.test_schedule_service import RUNS

TINY = EXAMPLES / "tiny.yaml"


def _kept(engine: Engine, kind: str, status: str, summary: dict[str, Any]) -> int:
    """A plan version as a planner leaves it, e.g. one whose solve stopped at its time limit."""
    with transaction(engine) as session:
        row = plans.save_plan_version(
            session,
            "TINY",
            kind,
            status=status,
            parameters={"mode": "sizing"},
            scenario_fingerprint="-",
            scenario_snapshot={},
            summary=summary,
            result={"runs": []},
        )
        return row.number


def _states(engine: Engine, kind: str) -> dict[int, str]:
    with transaction(engine) as session:
        rows = session.scalars(select(PlanVersionRow).where(PlanVersionRow.kind == kind))
        return {r.number: r.state for r in rows}


def _adoptions(engine: Engine) -> list[AuditEntryRow]:
    with transaction(engine) as session:
        found = session.scalars(
            select(AuditEntryRow).where(AuditEntryRow.action == "plan adopt")
        ).all()
        session.expunge_all()
        return list(found)


def test_a_stopped_plan_is_failed_and_never_adopted_not_even_by_force(
    engine: Engine, work: UnitOfWork
) -> None:
    scenarios.import_file(work, TINY)
    number = _kept(engine, "capacity", "stopped", {"unmet": 0.0})
    assert _states(engine, "capacity") == {number: "failed"}
    for forced in (False, True):
        with pytest.raises(Conflict) as caught:
            lifecycle.adopt_plan(work, None, "capacity", number, force=forced, reason="urgent")
        assert (caught.value.code, caught.value.params["status"]) == (
            "plan.failed_status",
            "stopped",
        )
    with pytest.raises(NotFound) as missing:
        capacity.load_plan(work)
    assert (missing.value.code, missing.value.params["versions"]) == ("plan.none_adopted", 1)
    assert _adoptions(engine) == []


def test_force_status_and_schedule_read_the_adopted_plan_after_a_newer_draft(
    engine: Engine, work: UnitOfWork
) -> None:
    scenarios.import_file(work, TINY)
    first = capacity.plan_capacity(work, seconds=30, adopt=True)
    assert first.adoption is not None
    assert first.adoption.done
    draft = capacity.plan_capacity(work, seconds=30, overrides={"attrition": "0.2"})
    assert draft.adoption is None
    assert _states(engine, "capacity") == {1: "adopted", 2: "draft"}
    picture = force.picture(work)
    assert picture.requirement.startswith("capacity plan #1")
    timetable = schedule.schedule(work, months=6, seconds=2, workers=1)
    assert timetable.parameters["source"] == "capacity plan 1"
    assert capacity.load_plan(work).number == 1


def test_adopting_supersedes_the_plan_before_and_is_audited(
    engine: Engine, work: UnitOfWork
) -> None:
    scenarios.import_file(work, TINY)
    capacity.plan_capacity(work, seconds=30, adopt=True)
    capacity.plan_capacity(work, seconds=30)
    preview = lifecycle.adopt_plan(work, None, "capacity", 2, dry_run=True)
    assert (preview.done, preview.previous, preview.refusal) == (False, 1, None)
    assert _states(engine, "capacity") == {1: "adopted", 2: "draft"}
    done = lifecycle.adopt_plan(work, None, "capacity", 2)
    assert (done.done, done.previous) == (True, 1)
    assert _states(engine, "capacity") == {1: "superseded", 2: "adopted"}
    first, second = _adoptions(engine)
    assert (second.actor, second.kind, second.key, second.before) == (
        "test",
        "capacity-plans",
        "2",
        {"adopted": 1},
    )
    assert (second.after["replaces"], second.after["forced"]) == (1, False)
    assert first.after["replaces"] is None
    with pytest.raises(Conflict) as again:
        lifecycle.adopt_plan(work, None, "capacity", 2)
    assert again.value.code == "plan.already_adopted"


def test_a_worse_plan_needs_force_and_a_reason_which_are_kept(
    engine: Engine, work: UnitOfWork
) -> None:
    scenarios.import_file(work, TINY)
    capacity.plan_capacity(work, seconds=30, adopt=True)
    worse = _kept(engine, "capacity", "feasible", {"unmet": 40.0, "runs": 3.0})
    with pytest.raises(Conflict) as refused:
        lifecycle.adopt_plan(work, None, "capacity", worse)
    assert (refused.value.code, refused.value.params["figure"]) == (
        "plan.worse_than_adopted",
        "unmet",
    )
    with pytest.raises(InvalidInput) as reasonless:
        lifecycle.adopt_plan(work, None, "capacity", worse, force=True)
    assert reasonless.value.problems[0].field == "reason"
    lifecycle.adopt_plan(work, None, "capacity", worse, force=True, reason="the host asks for it")
    with transaction(engine) as session:
        row = plans.plan_version(session, None, "capacity")
        assert (row.number, row.forced_reason) == (worse, "the host asks for it")
    entry = _adoptions(engine)[-1]
    assert (entry.after["forced"], entry.after["reason"]) == (True, "the host asks for it")


def test_an_empty_timetable_is_failed_and_a_timetable_reads_the_adopted_one(
    engine: Engine, work: UnitOfWork, tmp_path: pathlib.Path
) -> None:
    path = tmp_path / "tiny-runs.yaml"
    path.write_text(TINY.read_text(encoding="utf-8") + RUNS, encoding="utf-8")
    scenarios.import_file(work, path)
    with pytest.raises(NotFound) as none:
        timetables.load_timetable(work)
    assert none.value.code == "timetable.none"
    first = schedule.schedule(work, seconds=3, workers=1)
    with pytest.raises(NotFound) as unadopted:
        timetables.load_timetable(work)
    assert unadopted.value.code == "plan.none_adopted"
    lifecycle.adopt_plan(work, None, "timetable", first.number)
    emptied = schedule.replan(work, Withdrawal(nation="SWE"), seconds=3, workers=1, adopt=True)
    assert emptied.adoption is not None
    assert emptied.adoption.refusal is not None
    assert emptied.adoption.refusal.code == "plan.empty"
    assert _states(engine, "timetable") == {1: "adopted", 2: "failed"}
    assert timetables.load_timetable(work).number == 1


def test_the_status_line_names_each_adopted_plan_and_the_drafts_after_it(
    engine: Engine, work: UnitOfWork
) -> None:
    scenarios.import_file(work, TINY)
    capacity.plan_capacity(work, seconds=30, adopt=True)
    capacity.plan_capacity(work, seconds=30)
    code, adopted = plan_queries.adopted_plans(work)
    by_kind = {a.kind: (a.number, a.newer) for a in adopted}
    assert (code, by_kind) == (
        "TINY",
        {"capacity": (1, 1), "force": (None, 0), "timetable": (None, 0)},
    )


def test_the_migration_adopts_the_newest_sound_plan_of_each_kind(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        upgrade(engine, "f1a3c5e7b9d2")  # the revision before the lifecycle
        # The mission row as that revision had it, written directly: today's models carry
        # columns (record names, the demand calendar) the old schema does not have yet.
        with engine.begin() as conn:
            conn.execute(
                sa.text(
                    "INSERT INTO missions (code, name, host, start_date, end_date, time_zone,"
                    " planning, fingerprint, imported_at) VALUES ('TINY', 'Tiny', 'IRQ',"
                    " '2019-01-01', '2020-12-31', 'Asia/Baghdad', '{}', '-', :at)"
                ),
                {"at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC)},
            )
        rows = [  # (kind, number, status, summary, mode)
            ("capacity", 1, "optimal", {}, "sizing"),
            ("capacity", 2, "optimal", {}, "sizing"),
            ("capacity", 3, "optimal", {}, "check"),
            ("capacity", 4, "stopped", {}, "sizing"),
            ("timetable", 1, "feasible", {"placed": 5}, None),
            ("timetable", 2, "feasible", {"placed": 0}, None),
        ]
        plans_table = sa.table(
            "plan_versions",
            *(sa.column(c) for c in ("mission_id", "kind", "number", "label", "status")),
            sa.column("created_at", sa.DateTime(timezone=True)),
            *(sa.column(c, sa.JSON) for c in ("parameters", "scenario_snapshot", "summary")),
            sa.column("result", sa.JSON),
            sa.column("scenario_fingerprint"),
        )
        with engine.begin() as conn:
            mission = conn.execute(sa.text("SELECT id FROM missions")).scalar_one()
            for kind, number, status, summary, mode in rows:
                conn.execute(
                    plans_table.insert().values(
                        mission_id=mission,
                        kind=kind,
                        number=number,
                        label="",
                        status=status,
                        created_at=dt.datetime(2026, 1, number, tzinfo=dt.UTC),
                        parameters={"mode": mode} if mode else {},
                        scenario_snapshot={},
                        summary=summary,
                        result={},
                        scenario_fingerprint="-",
                    )
                )
        upgrade(engine)
        assert _states(engine, "capacity") == {
            1: "superseded",
            2: "adopted",
            3: "superseded",
            4: "failed",
        }
        assert _states(engine, "timetable") == {1: "adopted", 2: "failed"}
    finally:
        engine.dispose()
