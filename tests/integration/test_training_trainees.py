"""Trainees kept for real, on SQLite and PostgreSQL: entered and found however the name is
spelt, likely duplicates flagged at entry and import and merged only when a person says so,
edits checked against the version read, and a file imported all or nothing with every
problem located."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from cadre.domain.errors import Conflict, InvalidInput
from cadre.services.scenario import operations as scenarios
from cadre.services.training import operations, queries, trainee_import
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage.audit_log import AuditEntryRow
from cadre.storage.training import TraineeRow
from tests.conftest import EXAMPLES

HEADER = (
    "service,service_number,name_ar,name_latin,birth_year,rank,unit,governorate,"
    "vetting_status,vetting_date,vetting_authority,vetting_until,languages\n"
)


def entry(**kw: Any) -> dict[str, Any]:
    return {
        "service": "IA",
        "service_number": "10442187",
        "name_ar": "محمد حسين الجبوري",
        "birth_year": 1994,
        "rank": "OR-5",
        "unit": "9th Armoured Division",
        "governorate": "Baghdad",
        "vetting_status": "cleared",
        "vetting_date": "2019-01-10",
        "vetting_authority": "MoD J2",
        "languages": {"ar": 5, "en": 1},
    } | kw


@pytest.fixture
def mission(work: UnitOfWork) -> UnitOfWork:
    scenarios.import_file(work, EXAMPLES / "tiny.yaml")
    return work


def test_a_trainee_is_found_by_any_spelling_of_the_name_and_by_service_number(
    mission: UnitOfWork,
) -> None:
    made = operations.create_trainee(mission, None, entry())
    assert made.view.trainee.name.latin == "Mohammed Hussein al-Jubouri"  # suggested
    assert made.view.trainee.governorate == "IQG08"
    for q in ("Muhammad", "MOHAMAD", "محمّد", "al-Juburi", "الجبوري", "10442187"):
        page = queries.list_trainees(mission, None, q=q)
        assert [v.id for v in page.items] == [made.view.id], q
    assert queries.list_trainees(mission, None, q="Khalid").total == 0


def test_a_likely_duplicate_is_flagged_at_entry_and_merged_only_by_a_person(
    mission: UnitOfWork,
) -> None:
    first = operations.create_trainee(mission, None, entry())
    second = operations.create_trainee(
        mission,
        None,
        entry(service_number="20991", name_ar="محمد حسين الجبوري", name_latin="Muhammad Husain"),
    )
    assert second.duplicates == (first.view.id,)
    pairs = queries.duplicates(mission, None)
    assert [(p.first.id, p.second.id, p.reason) for p in pairs] == [
        (first.view.id, second.view.id, "same_birth_year")
    ]
    merged = operations.merge_trainees(
        mission, None, first.view.id, second.view.id, [second.view.etag]
    )
    assert merged.dropped == second.view.id
    assert queries.duplicates(mission, None) == []
    assert queries.list_trainees(mission, None).total == 1
    with mission.transaction() as session:
        actions = list(session.scalars(select(AuditEntryRow.action).order_by(AuditEntryRow.seq)))
    assert actions[-3:] == ["trainee create", "trainee create", "trainee merge"]


def test_a_service_number_is_unique_within_its_service_only(mission: UnitOfWork) -> None:
    operations.create_trainee(mission, None, entry())
    with pytest.raises(Conflict) as refused:
        operations.create_trainee(mission, None, entry(name_ar="خالد عمر"))
    assert refused.value.code == "trainee.number_taken"
    other = operations.create_trainee(mission, None, entry(service="FP", name_ar="خالد عمر"))
    assert other.view.trainee.service == "FP"


def test_an_edit_based_on_an_old_version_is_refused(mission: UnitOfWork) -> None:
    made = operations.create_trainee(mission, None, entry())
    changed = operations.update_trainee(
        mission, None, made.view.id, entry(rank="OR-6"), [made.view.etag]
    )
    assert changed.view.trainee.rank == "OR-6"
    assert changed.view.etag != made.view.etag
    with pytest.raises(Conflict):
        operations.update_trainee(mission, None, made.view.id, entry(rank="OR-7"), [made.view.etag])


def test_an_import_stores_every_row_and_flags_duplicates_across_spellings(
    mission: UnitOfWork,
) -> None:
    table = HEADER + (
        "IA,1001,محمد حسين الجبوري,,1994,OR-4,,IQG08,cleared,2019-01-10,MoD J2,,ar=5\n"
        "IA,1002,أحمد كاظم,Ahmed Kadhim,1990,OR-6,,Basra,pending,,,,ar=5 en=2\n"
        "FP,1001,Mohamad Husein,,1994,,,,,,,,\n"
    )
    # The third row has no Arabic name: refused, and so is the whole file.
    with pytest.raises(InvalidInput) as refused:
        trainee_import.import_trainees(mission, None, table.encode(), "people.csv")
    assert [(p.line, p.column, p.field) for p in refused.value.problems] == [
        (4, 3, "name_ar"),
    ]
    assert queries.list_trainees(mission, None).total == 0
    fixed = table.replace("FP,1001,Mohamad Husein", "FP,1001,محمّد حسين الجبورى")
    done = trainee_import.import_trainees(mission, None, fixed.encode(), "people.csv")
    assert (done.created, done.updated, done.duplicates) == (3, 0, 1)


def test_every_problem_of_an_import_is_located_and_nothing_is_stored(
    mission: UnitOfWork,
) -> None:
    table = HEADER + (
        "IA,1001,محمد,,19x4,OR-4,,Atlantis,cleared,,,,ar=5\n"
        "IA,1001,علي,,1990,general,,IQG08,maybe,2019-13-01,X,,en=9\n"
    )
    with pytest.raises(InvalidInput) as refused:
        trainee_import.import_trainees(mission, None, table.encode("utf-8-sig"), "bad.csv")
    located = [(p.line, p.column, p.field, p.code) for p in refused.value.problems]
    assert located == [
        (2, 5, "birth_year", "trainee.bad_birth_year"),
        (2, 8, "governorate", "trainee.bad_governorate"),
        (2, 10, "vetting_date", "trainee.vetting_incomplete"),
        (3, 6, "rank", "trainee.bad_rank"),
        (3, 9, "vetting_status", "trainee.bad_vetting_status"),
        (3, 10, "vetting_date", "trainee.bad_date"),
        (3, 13, "languages", "trainee.bad_language"),
    ]
    assert all(p.file == "bad.csv" for p in refused.value.problems)
    with mission.transaction() as session:
        assert session.scalar(select(func.count()).select_from(TraineeRow)) == 0


def test_an_unknown_column_is_refused_by_its_place(mission: UnitOfWork) -> None:
    table = "service,service_number,name_ar,religion\nIA,1,محمد,x\n"
    with pytest.raises(InvalidInput) as refused:
        trainee_import.import_trainees(mission, None, table.encode(), "extra.csv")
    assert [(p.line, p.column, p.field) for p in refused.value.problems] == [(1, 4, "religion")]
