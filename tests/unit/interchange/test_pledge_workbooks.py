"""Pledge workbooks and CSV files: the template a nation gets, the offers read back, and a
corpus of malformed files each refused with its exact report."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import pathlib
import zipfile

import openpyxl
import openpyxl.xml
import pytest

from cadre.domain.errors import InvalidInput
from cadre.domain.force.offers import OfferState, StateChange
from cadre.domain.ranks import RankBand
from cadre.interchange.pledge_csv import read_csv_pledges, write_csv_template
from cadre.interchange.pledge_template import write_template
from cadre.interchange.pledge_workbook import read_pledges
from tests.pledge_corpus import CASES, Case, expected
from tests.pledge_factory import GENERATED, make_workbook, row, tiny

ON = dt.date(2018, 10, 1)


def read(path: pathlib.Path) -> tuple[str, list]:  # type: ignore[type-arg]
    s = tiny()
    return read_pledges(path, s, {x.number: x for x in s.requirements}, "FSC-2", ON)


def report(path: pathlib.Path) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        read(path)
    # The report names the file by its name alone, never by the folder it lies in.
    assert all(str(path.parent) not in str(p) for p in caught.value.problems)
    prefix = f"{path.name}, "
    return [
        str(p).removeprefix(prefix).removeprefix(f"{path.name}: ") for p in caught.value.problems
    ]


def test_a_filled_workbook_reads_back_as_offers(tmp_path: pathlib.Path) -> None:
    nation, offers = read(make_workbook(tmp_path / "swe.xlsx"))
    assert nation == "SWE"
    assert [(o.code, o.line, o.count, o.start, o.end, o.tour_months) for o in offers] == [
        ("SWE-FSC-2-SWE-A", "SOR-001", 2, dt.date(2019, 3, 1), dt.date(2019, 12, 31), 6),
        ("SWE-FSC-2-SWE-B", "SOR-001", 1, dt.date(2020, 1, 1), dt.date(2020, 6, 30), 6),
    ]
    first = offers[0]
    assert (first.rank_band, first.caveats, first.reference) == (
        RankBand.parse("OR-7..OF-2"),
        ("SWE-1",),
        "SWE-A",
    )
    assert first.history == (StateChange(OfferState.OFFERED, ON, "FSC-2", "from swe.xlsx"),)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_each_malformed_workbook_is_refused_with_its_report(
    case: Case, tmp_path: pathlib.Path
) -> None:
    path = case.build(tmp_path / f"{case.name}.xlsx")
    assert report(path) == expected(case, path)


def test_the_corpus_has_the_cases_the_issue_names() -> None:
    names = {c.name for c in CASES}
    assert len(names) >= 15
    assert {
        "wrong-sheet",
        "unknown-line",
        "unknown-nation",
        "dates-reversed",
        "count-negative",
        "text-in-number-cell",
        "formula-in-cell",
        "oversized-file",
        "corrupt-zip",
    } <= names


def test_template_lists_the_lines_with_lists_to_choose_from(tmp_path: pathlib.Path) -> None:
    path = make_workbook(tmp_path / "t.xlsx", rows=[])
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["About", "Offers", "Lines", "Specialties"]
    lines = [row[0] for row in book["Lines"].iter_rows(min_row=2, values_only=True)]
    assert lines == ["SOR-001", "SOR-002", "SOR-002-FP", "HQ-001"]
    rules = {
        str(v.sqref): (v.type, v.formula1) for v in book["Offers"].data_validations.dataValidation
    }
    assert rules["A2:A5000"] == ("list", "=Lines!$A$2:$A$5")
    assert rules["B2:B5000"] == ("whole", "1")
    assert rules["H2:H5000"] == ("list", '"SWE-1"')
    assert book["Lines"].protection.sheet
    specialties = list(book["Specialties"].iter_rows(min_row=2, values_only=True))
    assert ("HQ-J7", "HQ-001") in specialties
    assert {"ADV", "FP", "HQ", "SUP", "CIED-INS"} <= {code for code, _ in specialties}


def test_an_offer_may_name_a_specialty_instead_of_a_line(tmp_path: pathlib.Path) -> None:
    """A nation offers two staff officers of the headquarters' J7 specialty and a guard
    section: for whichever line asks for them, headquarters ones included."""
    rows = [
        ["HQ-J7", 2, dt.datetime(2019, 3, 1), dt.datetime(2019, 12, 31), 6],
        ["FP", 8, dt.datetime(2019, 3, 1), dt.datetime(2019, 12, 31), 6],
    ]
    _, offers = read(make_workbook(tmp_path / "swe.xlsx", rows=rows))
    assert [(o.line, o.qualification, o.count) for o in offers] == [
        (None, "HQ-J7", 2),
        (None, "FP", 8),
    ]


def test_a_name_that_is_neither_a_line_nor_a_specialty_is_refused(tmp_path: pathlib.Path) -> None:
    rows = [["HQ-J9", 2, dt.datetime(2019, 3, 1), dt.datetime(2019, 12, 31), 6]]
    assert report(make_workbook(tmp_path / "swe.xlsx", rows=rows)) == [
        "line 2, column 1, Offers!A2 (line): line HQ-J9 is not in the statement of requirements"
    ]


def test_exports_never_hold_a_formula(tmp_path: pathlib.Path) -> None:
    s = tiny()
    evil = dataclasses.replace(s.requirements[0], title='=HYPERLINK("http://x","click")')
    lines = (evil, *s.requirements[1:])
    xlsx, table = tmp_path / "t.xlsx", tmp_path / "t.csv"
    write_template(xlsx, s, "CAN", lines, GENERATED)
    write_csv_template(table, "CAN", lines)
    book = openpyxl.load_workbook(xlsx)
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    title = book["Lines"]["B2"]
    assert (title.value, title.data_type, title.quotePrefix) == (evil.title, "s", True)
    with table.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[1][-4] == "'" + evil.title


def test_csv_template_filled_in_reads_back(tmp_path: pathlib.Path) -> None:
    s = tiny()
    path = tmp_path / "can.csv"
    write_csv_template(path, "CAN", s.requirements)
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    rows[1][2:6] = ["3", "2019-01-01", "2019-12-31", "6"]
    path.write_text("\n".join(",".join(r) for r in rows), encoding="utf-8")
    nation, offers = read_csv_pledges(path, s, {x.number: x for x in s.requirements}, "R1", ON)
    assert (nation, [(o.code, o.line, o.count) for o in offers]) == (
        "CAN",
        [("CAN-R1-R002", "SOR-001", 3)],
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "nation,line\nCAN,SOR-001\n",
            "line 1, header: the first row must name the columns nation, line, count, ",
        ),
        (
            "{h}\nCAN,SOR-001,=2+2,2019-01-01,2019-12-31,6\n",
            "line 2, column 3, row 2 (count): formulas are not accepted (=2+2); type the value "
            "itself",
        ),
        (
            "{h}\nCAN,SOR-001,-1,2019-01-01,2019-12-31,6\n",
            "line 2, column 3, row 2 (count): count must be from 1 to 1,000, not -1",
        ),
        (
            "{h}\nCAN,SOR-001,1,2019-01-01,2019-12-31,6\nSWE,SOR-001,1,2019-03-01,2019-12-31,6\n",
            "line 3, column 1, row 3 (nation): every row must be from CAN, not 'SWE': one file "
            "is one nation's offers",
        ),
        ("", "the file is empty"),
    ],
)
def test_malformed_csv_is_refused_with_its_report(
    text: str, problem: str, tmp_path: pathlib.Path
) -> None:
    s = tiny()
    header = (
        "nation,line,count,start,end,tour months,rank from,rank to,caveat 1,caveat 2,"
        "your reference,note"
    )
    path = tmp_path / "bad.csv"
    path.write_text(text.replace("{h}", header), encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        read_csv_pledges(path, s, {x.number: x for x in s.requirements}, "R1", ON)
    (found,) = caught.value.problems
    said = str(found).removeprefix(f"{path.name}, ").removeprefix(f"{path.name}: ")
    assert said.startswith(problem)


def test_csv_that_is_not_utf8_is_refused(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("nation,line\nCAN,Hôtel\n".encode("latin-1"))
    s = tiny()
    with pytest.raises(InvalidInput, match="is not UTF-8 text"):
        read_csv_pledges(path, s, {}, "R1", ON)


def billion_laughs(source: pathlib.Path, target: pathlib.Path) -> pathlib.Path:
    """The workbook with its sheet list behind ten levels of ten entities each (10**10 lols)."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "xl/workbook.xml":
                text = data.decode("utf-8").replace("<bookViews>", "<bookViews>&lol9;", 1)
                data = f"<!DOCTYPE workbook [{''.join(entities)}]>{text}".encode()
            new.writestr(item, data)
    return target


def test_a_workbook_with_an_entity_bomb_is_refused_unexpanded(tmp_path: pathlib.Path) -> None:
    assert openpyxl.xml.DEFUSEDXML  # openpyxl parses through defusedxml, which refuses entities
    bomb = billion_laughs(make_workbook(tmp_path / "swe.xlsx"), tmp_path / "bomb.xlsx")
    assert report(bomb) == ["the file cannot be read as a workbook (EntitiesForbidden)"]


def test_an_offer_of_a_billion_people_ending_in_9999_is_refused_cell_by_cell(
    tmp_path: pathlib.Path,
) -> None:
    path = make_workbook(tmp_path / "swe.xlsx", row(count=10**9, end=dt.datetime(9999, 12, 31)))
    found = report(path)
    assert [p for p in found if "count must be from 1 to 1,000, not 1,000,000,000" in p] != []
    assert [p for p in found if "from 1900-01-01 to 2199-12-31, not 9999-12-31" in p] != []
