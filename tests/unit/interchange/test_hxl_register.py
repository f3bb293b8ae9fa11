"""HXL tables of the coordination register read through libhxl and written back: any column
order, attributes and unknown hashtags; bad lines refused whole with located reasons; an
export that libhxl reads back as it was written."""

from __future__ import annotations

import datetime as dt
import io

import hxl
import pytest
from hxl.input import make_input
from hypothesis import given, settings
from hypothesis import strategies as st

from cadre.domain.coordination.activities import ActivityType, OrganisationType, Status
from cadre.domain.errors import InvalidInput
from cadre.interchange.coordination.hxl_read import read_table
from cadre.interchange.coordination.hxl_write import register_table, to_bytes
from tests.coordination_factories import make_activity

HEADER = [
    "Who", "Type", "Sector", "Sector name", "Kind", "Unit", "Governorate", "District code",
    "Start", "End", "Status", "Planned", "Reached", "Donor",
]  # fmt: skip
TAGS = [
    "#org+code+impl", "#org+type", "#sector+code+v_cluster", "#sector+name", "#activity+type",
    "#beneficiary", "#adm1+name", "#adm2+code+v_pcode", "#date+start", "#date+end", "#status",
    "#targeted+total", "#reached", "#x_donor",
]  # fmt: skip
ROWS = [
    ["UNDP", "UN agency", "cied", "Counter-IED", "Training", "Iraqi Army 15th Division",
     "Nineveh", "IQG15Q04", "2019-01-06", "2019-02-28", "Ongoing", "1,200", "300", "Japan"],
    ["CAN", "bilateral", "MED", "Medicine", "training", "Iraqi Army medical school",
     "بغداد", "", "2019-03-03", "2019-03-28", "completed", "20", "18", ""],
]  # fmt: skip


def _csv(header: list[str], tags: list[str], rows: list[list[str]]) -> bytes:
    return to_bytes([header, tags, *rows], "csv")


def _shuffled(order: list[int]) -> bytes:
    pick = lambda row: [row[i] for i in order]  # noqa: E731
    return _csv(pick(HEADER), pick(TAGS), [pick(r) for r in ROWS])


EXPECTED = [
    make_activity(
        code="",
        organisation="UNDP",
        organisation_type=OrganisationType.UN,
        discipline="CIED",
        activity_type=ActivityType.TRAINING,
        beneficiary="Iraqi Army 15th Division",
        governorate="IQG15",
        district="IQG15Q04",
        start=dt.date(2019, 1, 6),
        end=dt.date(2019, 2, 28),
        status=Status.ONGOING,
        planned=1200,
        reached=300,
        extras=(("#sector+name", "Counter-IED"), ("#x_donor", "Japan")),
    ),
    make_activity(
        code="",
        organisation="CAN",
        organisation_type=OrganisationType.BILATERAL,
        discipline="MED",
        beneficiary="Iraqi Army medical school",
        governorate="IQG08",
        start=dt.date(2019, 3, 3),
        end=dt.date(2019, 3, 28),
        status=Status.COMPLETED,
        planned=20,
        reached=18,
        extras=(("#sector+name", "Medicine"),),
    ),
]


def _without_codes(data: bytes) -> list[object]:
    from dataclasses import replace

    return [replace(r.activity, code="") for r in read_table(data, "t.csv").activities]


@settings(max_examples=25, deadline=None)
@given(st.permutations(list(range(len(TAGS)))))
def test_any_column_order_with_attributes_reads_the_same_lines(order: list[int]) -> None:
    assert _without_codes(_shuffled(order)) == EXPECTED


def test_unknown_hashtags_are_kept_and_reported_and_codes_are_made_stably() -> None:
    first = read_table(_shuffled(list(range(len(TAGS)))), "t.csv")
    again = read_table(_shuffled(list(reversed(range(len(TAGS))))), "t.csv")
    assert sorted(first.kept) == ["#sector+name", "#x_donor"]
    assert [r.activity.code for r in first.activities] == [
        r.activity.code for r in again.activities
    ]
    assert all(r.activity.code.startswith("A-") for r in first.activities)


def test_every_bad_cell_is_refused_with_its_row_column_hashtag_and_reason() -> None:
    bad = [list(r) for r in ROWS]
    bad[0][6] = "Atlantis"  # governorate
    bad[0][9] = "2018-12-01"  # ends before it starts
    bad[1][10] = "maybe"  # status
    bad[1][11] = "twenty"  # planned
    with pytest.raises(InvalidInput) as refused:
        read_table(_csv(HEADER, TAGS, bad), "bad.csv")
    assert [(p.line, p.column, p.field, p.code) for p in refused.value.problems] == [
        (3, 7, "#adm1+name", "coordination.unknown_governorate"),
        (4, 11, "#status", "coordination.bad_status"),
        (4, 12, "#targeted+total", "coordination.bad_count"),
    ]
    # the governorate's line was refused before its dates were judged; fixed, they are:
    bad[0][6] = "Nineveh"
    with pytest.raises(InvalidInput) as refused:
        read_table(_csv(HEADER, TAGS, bad), "bad.csv")
    assert str(refused.value.problems[0]) == (
        "bad.csv, line 3, column 10, #date+end: it ends on 2018-12-01, before it starts on "
        "2019-01-06"
    )


def test_a_table_without_a_required_hashtag_says_which() -> None:
    keep = [i for i, t in enumerate(TAGS) if not t.startswith("#date+end")]
    pick = lambda row: [row[i] for i in keep]  # noqa: E731
    with pytest.raises(InvalidInput) as refused:
        read_table(_csv(pick(HEADER), pick(TAGS), [pick(r) for r in ROWS]), "t.csv")
    assert [(p.field, p.code) for p in refused.value.problems] == [
        ("#date+end", "coordination.missing_column")
    ]


def test_a_file_without_hashtags_is_not_hxl() -> None:
    with pytest.raises(InvalidInput) as refused:
        read_table(b"a,b\n1,2\n", "plain.csv")
    assert refused.value.problems[0].code == "coordination.not_hxl"


def test_an_activity_code_twice_in_one_table_is_refused_on_its_second_row() -> None:
    rows = [[*r, "X-1"] for r in ROWS]
    with pytest.raises(InvalidInput) as refused:
        read_table(_csv([*HEADER, "Code"], [*TAGS, "#activity+code"], rows), "t.csv")
    assert [(p.line, p.code) for p in refused.value.problems] == [
        (4, "coordination.duplicate_code")
    ]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_reads_back_through_libhxl_as_written_and_imports_the_same(fmt: str) -> None:
    lines = [r.activity for r in read_table(_shuffled(list(range(len(TAGS)))), "t.csv").activities]
    lines.append(
        make_activity(code="NMI:R1", organisation="NMI", ours=True, site="Taji", title="C-IED")
    )
    table = register_table(lines)
    data = to_bytes(table, fmt)
    dataset = hxl.data(make_input(io.BytesIO(data)))
    assert [c.display_tag for c in dataset.columns] == table[1]
    assert [[str(v) if v is not None else "" for v in row.values] for row in dataset] == table[2:]
    back = read_table(data, f"export.{fmt}")
    assert ([r.activity for r in back.activities], back.ours) == (lines[:-1], 1)
