"""A table of trainees is checked row by row, and says how far it has come: a job's bar."""

from __future__ import annotations

import datetime as dt

import pytest

from cadre.domain.errors import InvalidInput
from cadre.interchange.trainees import CHECKED_EVERY, read_trainee_file

HEADER = "service,service_number,name_ar,birth_year\n"


def table(count: int, name: str = "محمد علي") -> bytes:
    return (HEADER + "".join(f"IA,{n},{name},1990\n" for n in range(1, count + 1))).encode()


def test_the_rows_checked_are_reported_every_few_hundred_and_at_the_end() -> None:
    count = CHECKED_EVERY * 2 + 7
    heard: list[tuple[int, int]] = []
    found = read_trainee_file(
        table(count), "p.csv", today=dt.date(2026, 1, 1), checked=lambda d, t: heard.append((d, t))
    )
    assert len(found) == count
    assert heard == [(0, count), (CHECKED_EVERY, count), (2 * CHECKED_EVERY, count), (count, count)]


def test_a_refused_table_is_still_checked_to_its_last_row() -> None:
    heard: list[tuple[int, int]] = []
    with pytest.raises(InvalidInput) as refused:
        read_trainee_file(
            table(3, name="Latin"), "p.csv", today=dt.date(2026, 1, 1),
            checked=lambda d, t: heard.append((d, t)),
        )  # fmt: skip
    assert len(refused.value.problems) == 3
    assert heard[-1] == (3, 3)
