"""Force generation stored for real, on SQLite and PostgreSQL: the statement of requirements
with the history of every line, offers through sourcing rounds, plan versions, and imports
that store everything or nothing."""

from __future__ import annotations

import datetime as dt
import pathlib

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError

from cadre.domain.errors import Conflict, InvalidInput, NotFound
from cadre.domain.force.offers import OfferState
from cadre.domain.requirements import Criticality
from cadre.services.force import offers as force_offers
from cadre.services.force import operations as force
from cadre.services.plans import operations as plan_operations
from cadre.services.scenario import operations as scenarios
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage.database import transaction
from cadre.storage.force_models import ForceOfferRow
from cadre.storage.models import Base, MissionRow, PlanVersionRow
from tests.pledge_corpus import CASES, TINY, make_workbook

ON = dt.date(2018, 10, 1)
CIED_LINE = "end: 2020-12-31, count: 4, criticality: critical"


def table_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {
            name: conn.execute(select(func.count()).select_from(table)).scalar_one()
            for name, table in Base.metadata.tables.items()
        }


def actions(engine: Engine, line: str) -> list[str]:
    return [e.action for e in force_offers.line_history(UnitOfWork(engine), line)]


def test_changing_the_scenario_keeps_the_history_of_every_line(
    engine: Engine, work: UnitOfWork, tmp_path: pathlib.Path
) -> None:
    scenarios.import_file(work, TINY)
    text = TINY.read_text(encoding="utf-8").replace(CIED_LINE, CIED_LINE.replace("4", "5"))
    changed = tmp_path / "changed.yaml"
    changed.write_text(
        "\n".join(x for x in text.splitlines() if "HQ-001" not in x) + "\n", encoding="utf-8"
    )
    scenarios.import_file(work, changed)
    assert [x.number for x in force_offers.statement(work)] == [
        "SOR-001",
        "SOR-002",
        "SOR-002-FP",
    ]
    history = force_offers.line_history(work, "SOR-001")
    assert [(e.action, e.source) for e in history] == [
        ("created", "scenario"),
        ("changed", "scenario"),
    ]
    assert history[1].detail == "count 4 → 5"
    assert actions(engine, "HQ-001") == ["created", "retired"]
    scenarios.import_file(work, TINY)  # back again: HQ-001 returns, and its history says so
    assert actions(engine, "HQ-001") == ["created", "retired", "changed"]
    assert scenarios.load(work).requirements == scenarios.validate_file(TINY).requirements


def test_status_keeps_a_force_plan_version_once_per_set_of_inputs(
    engine: Engine, work: UnitOfWork
) -> None:
    scenarios.import_file(work, TINY)
    first = force.picture(work)
    again = force.picture(work)
    assert (first.version, first.new_version, again.version, again.new_version) == (
        1,
        True,
        1,
        False,
    )
    assert [t.filled for t in first.result.solution.fills] == [96, 12, 0]
    with transaction(engine) as session:
        row = session.scalars(select(PlanVersionRow).where(PlanVersionRow.kind == "force")).one()
        assert row.scenario_snapshot["mission"]["code"] == "TINY"
        assert row.summary["fill"]["critical"] == [96, 96]
        assert len(row.result["allocations"]) == len(first.result.solution.allocations)


def test_offers_go_through_rounds_and_every_step_is_kept(
    engine: Engine, work: UnitOfWork, tmp_path: pathlib.Path
) -> None:
    scenarios.import_file(work, TINY)
    workbook = make_workbook(tmp_path / "swe.xlsx")
    done = force_offers.import_offers(work, workbook, round_code="FSC-2", today=ON)
    assert (done.nation, done.round, done.created) == (
        "SWE",
        "FSC-2",
        ("SWE-FSC-2-SWE-A", "SWE-FSC-2-SWE-B"),
    )
    again = force_offers.import_offers(work, workbook, round_code="FSC-2", today=ON)
    assert (again.created, again.unchanged) == ((), done.created)
    force_offers.decide_offers(
        work,
        ["SWE-FSC-2-SWE-A"],
        OfferState.ACCEPTED,
        round_code="FSC-3",
        note="agreed",
    )
    shorter = make_workbook(tmp_path / "swe2.xlsx", rows=[])
    with pytest.raises(InvalidInput, match="offers nothing"):
        force_offers.import_offers(work, shorter, round_code="FSC-2", today=ON)
    history = force_offers.line_history(work, "SOR-001")
    assert [(e.action, e.detail.split(",")[0]) for e in history if e.action != "created"] == [
        ("offered", "offer SWE-FSC-2-SWE-A of SWE"),
        ("offered", "offer SWE-FSC-2-SWE-B of SWE"),
        ("accepted", "offer SWE-FSC-2-SWE-A of SWE"),
    ]
    with pytest.raises(Conflict, match="is accepted and cannot become declined"):
        force_offers.decide_offers(work, ["SWE-FSC-2-SWE-A"], OfferState.DECLINED)
    with pytest.raises(NotFound, match="is a pledge of the scenario"):
        force_offers.decide_offers(work, ["P-CAN-1"], OfferState.WITHDRAWN)


def test_a_new_workbook_revises_open_offers_and_withdraws_those_left_out(
    engine: Engine, work: UnitOfWork, tmp_path: pathlib.Path
) -> None:
    scenarios.import_file(work, TINY)
    force_offers.import_offers(work, make_workbook(tmp_path / "a.xlsx"), round_code="R1")
    rows = [
        ["SOR-001", 3, dt.datetime(2019, 3, 1), dt.datetime(2019, 12, 31), 6, None, None,
         "SWE-1", None, "SWE-A", None]
    ]  # fmt: skip
    done = force_offers.import_offers(
        work, make_workbook(tmp_path / "c.xlsx", rows=rows), round_code="R1"
    )
    assert (done.revised, done.withdrawn) == (("SWE-R1-SWE-A",), ("SWE-R1-SWE-B",))
    view = force.picture(work, include_offered=True)
    assert "SWE-R1-SWE-A" in {o.code for o in view.problem.offers}
    assert "SWE-R1-SWE-B" not in {o.code for o in view.problem.offers}
    firm = force.picture(work)
    assert "SWE-R1-SWE-A" not in {o.code for o in firm.problem.offers}


def test_an_accepted_offer_cannot_be_changed_by_a_workbook(
    engine: Engine, work: UnitOfWork, tmp_path: pathlib.Path
) -> None:
    scenarios.import_file(work, TINY)
    force_offers.import_offers(work, make_workbook(tmp_path / "a.xlsx"), round_code="R1")
    force_offers.decide_offers(work, ["SWE-R1-SWE-A"], OfferState.ACCEPTED)
    counts = table_counts(engine)
    rows = [
        ["SOR-001", 1, dt.datetime(2019, 3, 1), dt.datetime(2019, 12, 31), 6, None, None,
         "SWE-1", None, "SWE-A", None]
    ]  # fmt: skip
    with pytest.raises(InvalidInput, match="SWE-R1-SWE-A is accepted; its terms cannot change"):
        force_offers.import_offers(work, make_workbook(tmp_path / "b.xlsx", rows=rows))
    assert table_counts(engine) == counts


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_a_malformed_workbook_stores_nothing(
    engine: Engine, work: UnitOfWork, tmp_path: pathlib.Path, case: object
) -> None:
    scenarios.import_file(work, TINY)
    counts = table_counts(engine)
    with pytest.raises(InvalidInput):
        force_offers.import_offers(work, case.build(tmp_path / "bad.xlsx"), round_code="NEW")  # type: ignore[attr-defined]
    assert table_counts(engine) == counts


def test_a_line_edit_is_checked_kept_in_history_and_refused_when_stale(
    engine: Engine, work: UnitOfWork
) -> None:
    scenarios.import_file(work, TINY)
    edited = force_offers.edit_line(work, "HQ-001", {"count": "2", "end": "2020-06-30"})
    assert (edited.count, edited.end) == (2, dt.date(2020, 6, 30))
    assert actions(engine, "HQ-001") == ["created", "changed"]
    with pytest.raises(Conflict, match="changed since revision 1"):
        force_offers.edit_line(work, "HQ-001", {"count": "3"}, revision=1)
    with pytest.raises(InvalidInput, match="line HQ-001 must have at least 1 post, not 0"):
        force_offers.edit_line(work, "HQ-001", {"count": "0"})


def test_a_capacity_plan_supplies_the_teaching_posts_when_there_is_one(
    engine: Engine, work: UnitOfWork
) -> None:
    scenarios.import_file(work, TINY)
    months = ["2019-01-01", "2019-02-01", "2019-03-01"]
    _capacity_plan(engine, 1, months, {"CIED-INS": [2.0, 2.5, 3.0]})
    plan_operations.adopt_plan(work, None, "capacity", 1)
    view = force.picture(work)
    numbers = sorted(x.number for x in view.problem.lines)
    # The authored teaching lines step aside, and the guards of the authored mobile team
    # (SOR-002-FP) with them; the whole force comes with the plan's posts: advisers, guards
    # and support at Taji (tiny's first site), its written HQ line kept.
    assert numbers == [
        "HQ-001", "SOR-0001", "SOR-0002", "SOR-ADV-001", "SOR-FP-001", "SOR-SUP-001"
    ]  # fmt: skip
    by_number = {x.number: x for x in view.problem.lines}
    assert by_number["SOR-0001"].criticality is Criticality.CRITICAL  # as the scenario's SOR-001
    assert [by_number[n].count for n in ("SOR-ADV-001", "SOR-FP-001", "SOR-SUP-001")] == [
        10, 30, 11  # ⌈0.25 × (3 trainers + 10 advisers + 1 staff + 30 guards)⌉
    ]  # fmt: skip
    assert view.requirement == "capacity plan #1 and the scenario"
    force_offers.edit_line(work, "SOR-0001", {"count": "1"})
    force.picture(work)  # the same plan is not adopted again: the edit stands
    assert {x.number: x.count for x in force_offers.statement(work)}["SOR-0001"] == 1
    _capacity_plan(engine, 2, months, {"CIED-INS": [3.0, 3.0, 3.0]})
    force.picture(work)  # a newer draft changes nothing
    assert {x.number: x.count for x in force_offers.statement(work)}["SOR-0001"] == 1
    plan_operations.adopt_plan(work, None, "capacity", 2)
    force.picture(work)  # the newer plan, once adopted, replaces the edit
    assert actions(engine, "SOR-0001") == ["created", "changed", "changed"]
    assert {x.number: x.count for x in force_offers.statement(work)}["SOR-0001"] == 3
    assert actions(engine, "SOR-0002") == ["created", "retired"]


def _capacity_plan(engine: Engine, number: int, months: list[str], need: dict[str, list[float]]
                   ) -> None:  # fmt: skip
    with transaction(engine) as session:
        mission = session.scalars(select(MissionRow)).one()
        session.add(
            PlanVersionRow(
                mission_id=mission.id, kind="capacity", number=number,
                created_at=dt.datetime.now(dt.UTC), status="optimal", parameters={},
                scenario_fingerprint=mission.fingerprint, scenario_snapshot={}, summary={},
                result={"months": months, "foreign_requirement": need, "runs": []},
            )
        )  # fmt: skip


def test_tables_refuse_an_offer_for_both_a_line_and_a_qualification(
    engine: Engine, work: UnitOfWork, tmp_path: pathlib.Path
) -> None:
    scenarios.import_file(work, TINY)
    force_offers.import_offers(work, make_workbook(tmp_path / "a.xlsx"), round_code="R1")
    with transaction(engine) as session:
        offer = session.scalars(select(ForceOfferRow)).first()
        assert offer is not None
        offer.qualification = "CIED-INS"
        with pytest.raises(IntegrityError):
            session.flush()
        session.rollback()
