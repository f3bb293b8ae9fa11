"""The coordination register stored for real, on SQLite and PostgreSQL: HXL tables imported
all or nothing, exported and imported back unchanged, the mission's own timetabled runs in
it, and every read (lines, overlaps, gaps, map, exports) released per reader."""

from __future__ import annotations

import datetime as dt
import io
import pathlib

import hxl
import pytest
from hxl.input import make_input
from sqlalchemy import Engine, func, select

from cadre.access.labels import Classification
from cadre.access.policy import Principal, Role
from cadre.domain.errors import Forbidden, InvalidInput
from cadre.interchange.coordination.hxl_write import to_bytes
from cadre.services.coordination import exports, operations, queries
from cadre.services.coordination.queries import Filters, Window
from cadre.services.scenario import operations as scenarios
from cadre.services.timetable import operations as schedule
from cadre.services.unit_of_work import UnitOfWork
from cadre.storage.coordination import ActivityRow
from cadre.storage.service_models import AuditEntryRow
from tests.conftest import EXAMPLES

# The tiny mission with the UN among its contributors (a coordination partner takes part).
TINY = (
    (EXAMPLES / "tiny.yaml")
    .read_text(encoding="utf-8")
    .replace(
        "  - {code: NATO, name: North Atlantic Treaty Organization, role: organisation}\n",
        "  - {code: NATO, name: North Atlantic Treaty Organization, role: organisation}\n"
        "  - {code: UN, name: United Nations, role: organisation}\n",
    )
)
RUNS = """
runs:
  - {code: R-01, course: CIED-101, site: TAJI, cohort: IA-9DIV-ENG, earliest: 2019-02-03, latest: 2019-04-30}
"""  # noqa: E501
TODAY = dt.date(2019, 3, 1)

HEADER = ["Code", "Org", "Type", "Sector", "Kind", "Unit", "Gov", "Start", "End", "Status",
          "Planned", "Releasable"]  # fmt: skip
TAGS = ["#activity+code", "#org+code", "#org+type", "#sector", "#activity+type",
        "#beneficiary", "#adm1+code", "#date+start", "#date+end", "#status", "#targeted",
        "#meta+releasable"]  # fmt: skip
LINES = [
    # The UN shares with itself and the host only; Canada with NATO; UNDP with the mission.
    ["UN-1", "UN", "un", "CIED", "training", "9th Armoured Division, engineer battalion",
     "IQG08", "2019-02-01", "2019-03-31", "ongoing", "40", "UN, HOST"],
    ["CAN-1", "CAN", "bilateral", "CIED", "training", "9th Armoured Division, engineer battalion",
     "IQG08", "2019-03-01", "2019-04-30", "planned", "30", "CAN, NATO"],
    ["UNDP-1", "UNDP", "un", "CIMIC", "training", "Iraqi Police", "IQG15", "2019-01-01",
     "2019-06-30", "ongoing", "100", "MISSION"],
]  # fmt: skip
NEEDS = [
    ["Gov", "Sector", "Need", "Releasable"],
    ["#adm1+code", "#sector", "#inneed", "#meta+releasable"],
    ["IQG08", "CIED", "100", "MISSION"],
    ["IQG15", "CIMIC", "150", "MISSION"],
]

NATO_PLANNER = Principal("planner", "NATO", frozenset({Role.MISSION_PLANNER}))
UN_PARTNER = Principal("un", "UN", frozenset({Role.COORDINATION_PARTNER}))
HOST_LIAISON = Principal("liaison", "IRQ", frozenset({Role.HOST_NATION_LIAISON}))
SWE_CONTRIBUTOR = Principal("swe", "SWE", frozenset({Role.NATIONAL_CONTRIBUTOR}))


def _table(lines: list[list[str]]) -> bytes:
    return to_bytes([HEADER, TAGS, *lines], "csv")


@pytest.fixture
def uow(engine: Engine, tmp_path: pathlib.Path) -> UnitOfWork:
    path = tmp_path / "tiny-un.yaml"
    path.write_text(TINY, encoding="utf-8")
    scenarios.import_file(UnitOfWork(engine), path)
    return UnitOfWork(engine, actor="test")


@pytest.fixture
def filled(uow: UnitOfWork) -> UnitOfWork:
    operations.import_table(uow, None, _table(LINES), "lines.csv")
    operations.import_table(uow, None, to_bytes(NEEDS, "csv"), "needs.csv")
    return uow


def _count(engine: Engine, table: type) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def _imports(engine: Engine) -> list[tuple[str, str | None]]:
    query = select(AuditEntryRow.action, AuditEntryRow.key).where(
        AuditEntryRow.action == "coordination import"
    )
    with engine.connect() as conn:
        return [(a, k) for a, k in conn.execute(query)]


def _codes(uow: UnitOfWork, reader: Principal | None) -> list[str]:
    return [a.code for a in queries.register(uow, reader, today=TODAY).activities]


def test_an_import_stores_every_line_and_writes_its_audit_entry(uow: UnitOfWork) -> None:
    outcome = operations.import_table(uow, None, _table(LINES), "lines.csv")
    assert (outcome.mission, outcome.activities, outcome.needs) == ("TINY", 3, 0)
    assert _codes(uow, None) == ["CAN-1", "UN-1", "UNDP-1"]
    assert _imports(uow.engine) == [("coordination import", "lines.csv")]


def test_a_table_with_one_bad_line_stores_nothing_and_says_where(uow: UnitOfWork) -> None:
    bad = [list(line) for line in LINES]
    bad[2][6] = "IQG99"
    with pytest.raises(InvalidInput) as refused:
        operations.import_table(uow, None, _table(bad), "lines.csv")
    assert [(p.file, p.line, p.column, p.field) for p in refused.value.problems] == [
        ("lines.csv", 5, 7, "#adm1+code")
    ]
    assert (_count(uow.engine, ActivityRow), _imports(uow.engine)) == (0, [])


def test_a_marking_the_reader_may_not_give_refuses_the_table(uow: UnitOfWork) -> None:
    lines = [[*line, "NATO SECRET" if i == 1 else ""] for i, line in enumerate(LINES)]
    table = to_bytes([[*HEADER, "Cl"], [*TAGS, "#meta+classification"], *lines], "csv")
    with pytest.raises(InvalidInput) as refused:
        operations.import_table(uow, UN_PARTNER, table, "lines.csv")
    found = [(p.line, p.field, p.code) for p in refused.value.problems]
    assert found == [
        (4, "#meta+classification", "coordination.above_clearance"),
        (4, "#org+code", "coordination.not_yours"),  # the UN reports only its own lines
        (5, "#org+code", "coordination.not_yours"),
    ]
    assert _count(uow.engine, ActivityRow) == 0


def test_a_partner_reports_its_own_lines_released_to_itself_and_whoever_it_names(
    uow: UnitOfWork,
) -> None:
    mine = [[*LINES[0][:-1], ""]]  # the UN's line without a releasable-to list
    operations.import_table(uow, UN_PARTNER, _table(mine), "mine.csv")
    register = queries.register(uow, None, today=TODAY)
    assert [a.releasable_to for a in register.activities] == [("UN",)]
    with pytest.raises(Forbidden):
        operations.import_table(uow, SWE_CONTRIBUTOR, _table(mine), "mine.csv")


def test_each_reader_sees_the_lines_shared_with_it_and_no_other(filled: UnitOfWork) -> None:
    assert _codes(filled, None) == ["CAN-1", "UN-1", "UNDP-1"]
    assert _codes(filled, NATO_PLANNER) == ["CAN-1", "UNDP-1"]
    assert _codes(filled, UN_PARTNER) == ["UN-1", "UNDP-1"]
    assert _codes(filled, HOST_LIAISON) == ["UN-1", "UNDP-1"]
    with pytest.raises(Forbidden):
        queries.register(filled, SWE_CONTRIBUTOR)


def test_overlaps_and_gaps_are_computed_from_what_the_reader_sees(filled: UnitOfWork) -> None:
    # The UN and Canada teach the same battalion counter-IED in Baghdad in March: an overlap
    # for whoever sees both, none for a reader who sees one.
    assert [(o.first, o.second) for o in queries.overlaps(filled, None, today=TODAY)] == [
        ("CAN-1", "UN-1")
    ]
    assert queries.overlaps(filled, NATO_PLANNER, today=TODAY) == []
    everything = {(g.governorate, g.discipline, g.people) for g in queries.gaps(filled, None)}
    planner = {(g.governorate, g.discipline, g.people) for g in queries.gaps(filled, NATO_PLANNER)}
    liaison = {(g.governorate, g.discipline, g.people) for g in queries.gaps(filled, HOST_LIAISON)}
    # Baghdad counter-IED needs 100: the UN's 40 and Canada's 30 together, or each alone;
    # Ninewa civil-military needs 150: UNDP's 100, which all three see.
    assert everything == {("IQG08", "CIED", 70), ("IQG15", "CIMIC", 100)}
    assert planner == {("IQG08", "CIED", 30), ("IQG15", "CIMIC", 100)}
    assert liaison == {("IQG08", "CIED", 40), ("IQG15", "CIMIC", 100)}


def test_the_map_counts_only_what_the_reader_sees_filtered_by_month(filled: UnitOfWork) -> None:
    def baghdad(reader: Principal | None, month: str = "") -> tuple[int, int]:
        found = queries.activity_map(
            filled, reader, filters=Filters(window=Window.month(month)), today=TODAY
        )
        cell = next(g for g in found.governorates if g.governorate == "IQG08")
        return cell.activities, cell.people

    assert [baghdad(None), baghdad(NATO_PLANNER), baghdad(None, "2019-04")] == [
        (2, 70),
        (1, 30),
        (1, 30),
    ]


def test_an_export_reads_back_through_libhxl_and_imports_unchanged(filled: UnitOfWork) -> None:
    before = queries.register(filled, None, today=TODAY)
    for fmt in ("csv", "xlsx"):
        first = exports.export(filled, None, "register", fmt, today=TODAY)
        rows = _cells(first.content)
        assert len(rows) == 3
        operations.import_table(filled, None, first.content, first.name)
        assert queries.register(filled, None, today=TODAY) == before
        # Cell by cell: a workbook's bytes also hold the moment it was saved.
        assert _cells(exports.export(filled, None, "register", fmt, today=TODAY).content) == rows


def _cells(content: bytes) -> list[list[str]]:
    return [list(row.values) for row in hxl.data(make_input(io.BytesIO(content)))]


def test_exports_hold_only_what_the_reader_sees(filled: UnitOfWork) -> None:
    def codes(reader: Principal | None, table: str) -> list[str]:
        content = exports.export(filled, reader, table, "csv", today=TODAY).content
        return [row.values[0] for row in hxl.data(make_input(io.BytesIO(content)))]

    assert codes(NATO_PLANNER, "register") == ["CAN-1", "UNDP-1"]
    assert codes(None, "overlaps") == ["Baghdad"]
    assert codes(NATO_PLANNER, "overlaps") == []


def test_the_missions_own_timetabled_runs_are_in_the_register_marked_as_ours(
    uow: UnitOfWork, tmp_path: pathlib.Path
) -> None:
    path = tmp_path / "tiny-runs.yaml"
    path.write_text(TINY + RUNS, encoding="utf-8")
    scenarios.import_file(uow, path)
    schedule.schedule(uow, seconds=3, workers=1, adopt=True)
    ours = [a for a in queries.register(uow, None, today=TODAY).activities if a.ours]
    assert [(a.code, a.organisation, a.discipline, a.governorate, a.beneficiary) for a in ours] == [
        ("TINY:R-01", "TINY", "CIED", "IQG08", "9th Armoured Division, engineer battalion")
    ]
    assert [a.code for a in queries.register(uow, NATO_PLANNER, today=TODAY).activities] == [
        "TINY:R-01"
    ]
    assert queries.register(uow, UN_PARTNER, today=TODAY).activities == ()
    assert ours[0].classification == Classification.NATO_UNCLASSIFIED.value
